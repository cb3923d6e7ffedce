"""Rules that need the whole kommun: organs, types, the författningssamling, references.

Each rule is a small function that reports to the :class:`Rapport` at the position of
the offending key; none stops the others.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.modellfel import menade_du
from styrdok.grund.sokvag import hitta_fil, sökvägsproblem
from styrdok.karna.kommun import organförslag
from styrdok.karna.korpus import Korpus
from styrdok.slag.styrdokument import forfattningar
from styrdok.slag.styrdokument.dokument import Dokument
from styrdok.slag.styrdokument.forfattningar import RELATIONER, ikraft, slå_upp

INFINITIV = {"ersätter": "ersätta", "ändrar": "ändra", "upphäver": "upphäva"}


def validera_korpus(korpus: Korpus, rapport: Rapport) -> None:
    _validera_kommun(korpus, rapport)
    for dokument in korpus.styrdokument.values():
        _typ_och_organ(korpus, dokument, rapport)
        _datum(korpus, dokument, rapport)
        _författning(korpus, dokument, rapport)
        _bilagor(korpus, dokument, rapport)
    _kfs_nummer(korpus, rapport)
    _referenser(korpus, rapport)
    _cykler(korpus, rapport)
    _redan_upphävda(korpus, rapport)


def _validera_kommun(korpus: Korpus, rapport: Rapport) -> None:
    kommun, källa = korpus.kommun, korpus.kommunkälla
    for typ_id, typ in kommun.dokumenttyper.items():
        for i, regel in enumerate(typ.beslutas_av):
            sökväg = ("dokumenttyper", typ_id, "beslutas_av", i)
            for organ, väg in [(regel.organ, sökväg + ("organ",))] + [
                (o, sökväg + ("samråd", j)) for j, o in enumerate(regel.samråd)
            ]:
                if organ not in kommun.organ:
                    källa.fel(rapport, väg, f"okänt organ {organ}{organförslag(kommun, organ)}")


def _typ_och_organ(korpus: Korpus, dokument: Dokument, rapport: Rapport) -> None:
    kommun, data = korpus.kommun, dokument.data
    typ = kommun.dokumenttyper.get(data.dokumenttyp)
    if typ is None:
        dokument.källa.fel(
            rapport,
            ("dokumenttyp",),
            f"okänd dokumenttyp {data.dokumenttyp}{menade_du(data.dokumenttyp, kommun.dokumenttyper)}"
            f" (typerna står i content/kommun.yml)",
        )
    organ = kommun.organ.get(data.beslutsinstans)
    if organ is None:
        dokument.källa.fel(
            rapport,
            ("beslutsinstans",),
            f"okänd beslutsinstans {data.beslutsinstans}"
            f"{organförslag(kommun, data.beslutsinstans)}",
        )
    elif typ is not None and data.beslutsinstans not in typ.organen:
        tillåtna = ", ".join(typ.organen)
        dokument.källa.fel(
            rapport,
            ("beslutsinstans",),
            f"{organ.namn} får inte besluta en {typ.namn.lower()}; enligt kommun.yml beslutas den av {tillåtna}",
        )
    elif typ is not None:
        _samråd(korpus, dokument, typ.regel(data.beslutsinstans), rapport)
    if organ is not None and organ.slag.paragraf and data.paragraf is None:
        dokument.källa.fel(
            rapport,
            ("beslutsinstans",),
            f"paragraf saknas: ett beslut av {organ.namn} ska ange paragrafen i protokollet (paragraf: 60)",
            nyckel=True,
        )
    if typ is not None and typ.giltighet == "begränsad" and data.giltig_till is None:
        dokument.källa.fel(
            rapport,
            ("dokumenttyp",),
            f"giltig_till saknas: en {typ.namn.lower()} gäller en begränsad tid; ange sista "
            "giltighetsdag (giltig_till: ÅÅÅÅ-MM-DD)",
            nyckel=True,
        )
    for i, revidering in enumerate(data.revideringar):
        if revidering.beslutsinstans and revidering.beslutsinstans not in kommun.organ:
            dokument.källa.fel(
                rapport,
                ("revideringar", i, "beslutsinstans"),
                f"okänd beslutsinstans {revidering.beslutsinstans}"
                f"{organförslag(kommun, revidering.beslutsinstans)}",
            )
    if isinstance(data.gäller_för, list):
        for i, organ_id in enumerate(data.gäller_för):
            if organ_id not in kommun.organ:
                dokument.källa.fel(
                    rapport,
                    ("gäller_för", i),
                    f"okänt organ {organ_id}{organförslag(kommun, organ_id)}",
                )


def _samråd(korpus: Korpus, dokument: Dokument, regel, rapport: Rapport) -> None:
    """The organs a decision needs heard first (kommun.yml) should be in the document's samråd."""
    kommun, samråd = korpus.kommun, dokument.data.samråd
    for i, organ_id in enumerate(samråd):
        if organ_id not in kommun.organ:
            dokument.källa.fel(
                rapport, ("samråd", i), f"okänt organ {organ_id}{organförslag(kommun, organ_id)}"
            )
    saknas = [o for o in (regel.samråd if regel else []) if o not in samråd]
    if saknas:
        namn = ", ".join(kommun.organ[o].namn if o in kommun.organ else o for o in saknas)
        dokument.källa.varning(
            rapport,
            ("beslutsinstans",),
            f"enligt kommun.yml beslutas dokumenttypen av {kommun.organ[regel.organ].namn} efter "
            f"samråd med {namn}; ange samråd: [{', '.join(saknas)}]",
        )


def _datum(korpus: Korpus, dokument: Dokument, rapport: Rapport) -> None:
    data, idag = dokument.data, korpus.idag
    if data.beslutsdatum > idag:
        dokument.källa.fel(
            rapport,
            ("beslutsdatum",),
            f"beslutsdatum {data.beslutsdatum.isoformat()} ligger i framtiden; ett dokument kan "
            "bara publiceras efter beslut",
        )
    for i, revidering in enumerate(data.revideringar):
        if revidering.datum < data.beslutsdatum:
            dokument.källa.fel(
                rapport,
                ("revideringar", i, "datum"),
                f"revideringen {revidering.datum.isoformat()} ligger före beslutsdatum {data.beslutsdatum.isoformat()}",
            )
        elif revidering.datum > idag:
            dokument.källa.fel(
                rapport,
                ("revideringar", i, "datum"),
                f"revideringen {revidering.datum.isoformat()} ligger i framtiden",
            )
    if data.giltig_till is not None and data.giltig_till < data.beslutsdatum:
        dokument.källa.fel(rapport, ("giltig_till",), "giltig_till ligger före beslutsdatum")
    if data.giltig_till is not None and data.giltig_till < idag:
        dokument.källa.varning(
            rapport,
            ("giltig_till",),
            f"giltigheten gick ut {data.giltig_till.isoformat()}; besluta om ett nytt dokument eller upphäv det",
        )
    if data.nästa_översyn is not None and data.nästa_översyn < idag:
        dokument.källa.varning(
            rapport,
            ("nästa_översyn",),
            f"översynen skulle ha gjorts senast {data.nästa_översyn.isoformat()}",
        )


def _författning(korpus: Korpus, dokument: Dokument, rapport: Rapport) -> None:
    data, kommun = dokument.data, korpus.kommun
    if data.kfs is None:
        if data.kategori is not None:
            dokument.källa.fel(
                rapport,
                ("kategori",),
                "kategori används bara i författningssamlingen; ange också kfs eller ta bort kategori",
                nyckel=True,
            )
        return
    organ = kommun.organ.get(data.beslutsinstans)
    if organ is not None and not organ.slag.författning:
        dokument.källa.fel(
            rapport,
            ("kfs",),
            "bara dokument som kommunens politiska organ beslutat hör till författningssamlingen; "
            f"{organ.namn} är {organ.slag.beskrivning}",
            nyckel=True,
        )
    if dokument.publicering != "webb":
        dokument.källa.fel(
            rapport,
            ("kfs",),
            "ett intranätdokument kan inte ingå i författningssamlingen, som ska publiceras på webbplatsen; "
            "ta bort kfs eller sätt publicering: webb",
            nyckel=True,
        )
    if data.kategori is None:
        dokument.källa.fel(
            rapport,
            ("kfs",),
            f"kategori saknas: en författning ska ha en kategori ({', '.join(kommun.kategorier)})",
            nyckel=True,
        )
    elif data.kategori not in kommun.kategorier:
        dokument.källa.fel(
            rapport,
            ("kategori",),
            f"okänd kategori {data.kategori}{menade_du(data.kategori, kommun.kategorier)}",
        )
    år = int(data.kfs.split(":")[0])
    if år != data.beslutsdatum.year:
        dokument.källa.fel(
            rapport,
            ("kfs",),
            f"{kommun.kfs_prefix} {data.kfs} har årtalet {år} men beslutades {data.beslutsdatum.isoformat()}; "
            f"numret ska börja med beslutsåret {data.beslutsdatum.year}",
        )


def _bilagor(korpus: Korpus, dokument: Dokument, rapport: Rapport) -> None:
    for i, bilaga in enumerate(dokument.data.bilagor):
        if problem := sökvägsproblem(bilaga):
            dokument.källa.fel(rapport, ("bilagor", i), f"bilagans sökväg {problem}")
        elif bilaga_sökväg(korpus, dokument, bilaga) is None:
            dokument.källa.fel(
                rapport,
                ("bilagor", i),
                f"bilagan {bilaga} finns inte, eller ligger utanför content/",
            )


def bilaga_sökväg(korpus: Korpus, dokument: Dokument, bilaga: str) -> Path | None:
    """The attachment's real path if it exists inside content/, else None."""
    return hitta_fil(korpus.innehåll, bilaga, (dokument.källa.sökväg.parent, korpus.innehåll))


def _kfs_nummer(korpus: Korpus, rapport: Rapport) -> None:
    prefix = korpus.kommun.kfs_prefix
    per_nummer: dict[str, list[Dokument]] = defaultdict(list)
    per_år: dict[int, list[tuple[int, Dokument]]] = defaultdict(list)
    for dokument in korpus.styrdokument.values():
        if dokument.data.kfs:
            per_nummer[dokument.data.kfs].append(dokument)
            år, löpnummer = dokument.data.kfs.split(":")
            per_år[int(år)].append((int(löpnummer), dokument))
    for nummer, dokument_lista in per_nummer.items():
        första = dokument_lista[0]
        for dubblett in dokument_lista[1:]:
            dubblett.källa.fel(
                rapport,
                ("kfs",),
                f"{prefix} {nummer} används redan av {första.källa.visningsnamn}; välj nästa lediga nummer "
                f"({prefix} {_nästa_lediga(per_år, int(nummer.split(':')[0]))})",
            )
    for år, poster in per_år.items():
        använda = {n for n, _ in poster}
        saknas = sorted(set(range(1, max(använda) + 1)) - använda)
        if saknas:
            sista = max(poster, key=lambda p: p[0])[1]
            luckor = ", ".join(f"{år}:{n}" for n in saknas)
            sista.källa.varning(
                rapport, ("kfs",), f"luckor i numreringen för {år}: {prefix} {luckor} saknas"
            )


def _nästa_lediga(per_år: dict[int, list[tuple[int, Dokument]]], år: int) -> str:
    return f"{år}:{max(n for n, _ in per_år[år]) + 1}"


def _referenser(korpus: Korpus, rapport: Rapport) -> None:
    index = forfattningar.kfs_index(korpus)
    for dokument in korpus.styrdokument.values():
        for relation in RELATIONER:
            for i, referens in enumerate(getattr(dokument.data, relation)):
                _referens(korpus, dokument, relation, i, referens, index, rapport)


def _referens(
    korpus: Korpus,
    dokument: Dokument,
    relation: str,
    i: int,
    referens: str,
    index: dict[str, str],
    rapport: Rapport,
) -> None:
    mål_id = slå_upp(korpus, referens, index)
    if mål_id is None:
        förslag = menade_du(
            referens, list(korpus.styrdokument) + [f"{korpus.kommun.kfs_prefix} {n}" for n in index]
        )
        dokument.källa.fel(
            rapport,
            (relation, i),
            f"{relation}: {referens} finns inte (ange ett dokument-id eller ett KFS-nummer){förslag}",
        )
        return
    mål = korpus.styrdokument[mål_id]
    if mål_id == dokument.id:
        dokument.källa.fel(
            rapport,
            (relation, i),
            f"{relation}: dokumentet kan inte hänvisa till sig självt",
        )
    elif relation == "ändrar" and not mål.data.kfs:
        dokument.källa.fel(
            rapport,
            (relation, i),
            f"ändrar: {referens} ingår inte i författningssamlingen; ändra ett sådant dokument "
            "genom att revidera det (revideringar)",
        )
    elif not dokument.är_publik and mål.är_publik:
        dokument.källa.fel(
            rapport,
            (relation, i),
            f"{relation}: ett intranätdokument kan inte {INFINITIV[relation]} det publicerade {referens}; "
            "då skulle ändringen inte synas på webbplatsen",
        )


def _cykler(korpus: Korpus, rapport: Rapport) -> None:
    grannar: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for från, relation, till, i in forfattningar.relationer(korpus):
        grannar[från].append((till, relation, i))
    färg: dict[str, int] = {}
    rapporterade: set[frozenset[str]] = set()

    def besök(nod: str, stig: list[str]) -> None:
        färg[nod] = 1
        for till, relation, i in grannar.get(nod, []):
            if färg.get(till) == 1:
                cykel = stig[stig.index(till) :] + [nod] if till in stig else [nod, till]
                nyckel = frozenset(cykel)
                if nyckel not in rapporterade:
                    rapporterade.add(nyckel)
                    kedja = " → ".join(dict.fromkeys(cykel + [till]))
                    korpus.styrdokument[nod].källa.fel(
                        rapport,
                        (relation, i),
                        f"{relation} bildar en cirkel: {kedja} → {till}; ett dokument kan inte "
                        "ersätta, ändra eller upphäva sig självt via andra",
                    )
            elif till not in färg:
                besök(till, stig + [nod])
        färg[nod] = 2

    for nod in sorted(grannar):
        if nod not in färg:
            besök(nod, [])


def _redan_upphävda(korpus: Korpus, rapport: Rapport) -> None:
    """An entry cannot replace, amend or repeal what another entry already ended before it."""
    slut: dict[str, tuple[dt.date, str]] = {}
    kanter = forfattningar.relationer(korpus)
    for från, relation, till, _ in kanter:
        if relation in ("ersätter", "upphäver"):
            datum = ikraft(korpus.styrdokument[från])
            if till not in slut or (datum, från) < slut[till]:
                slut[till] = (datum, från)
    for från, relation, till, i in kanter:
        if till not in slut or slut[till][1] == från:
            continue
        datum, genom = slut[till]
        verkande = korpus.styrdokument[från]
        if datum <= ikraft(verkande):
            mål, genom_dok = korpus.styrdokument[till], korpus.styrdokument[genom]
            namn = forfattningar.kfs_beteckning(korpus, genom_dok) or genom
            verkande.källa.fel(
                rapport,
                (relation, i),
                f"{relation}: {forfattningar.kfs_beteckning(korpus, mål) or mål.id} upphörde redan "
                f"{datum.isoformat()} genom {namn}, "
                f"före detta dokuments ikraftträdande {ikraft(verkande).isoformat()}",
            )
