"""The författningssamling's rules: who may enter it, numbering (with the entries a kommun
still keeps outside styrdok, ``kfs_utanför``), and the relations ersätter/ändrar/upphäver:
resolvable, not circular, not ending what has already ended."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.modellfel import menade_du
from styrdok.karna.korpus import Korpus
from styrdok.slag.styrdokument import forfattningar, modeller
from styrdok.slag.styrdokument.dokument import Dokument
from styrdok.slag.styrdokument.forfattningar import RELATIONER, ikraft, slå_upp
from styrdok.slag.styrdokument.modeller import KFS_SKRIVET

INFINITIV = {"ersätter": "ersätta", "ändrar": "ändra", "upphäver": "upphäva"}


def validera_dokument(korpus: Korpus, dokument: Dokument, rapport: Rapport) -> None:
    _författning(korpus, dokument, rapport)


def validera_samlingen(korpus: Korpus, rapport: Rapport) -> None:
    _kfs_nummer(korpus, rapport)
    _utanför(korpus, rapport)
    _referenser(korpus, rapport)
    _cykler(korpus, rapport)
    _redan_upphävda(korpus, rapport)


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
    skrivet = str(dokument.källa.data.get("kfs", ""))
    if (prefix := KFS_SKRIVET.match(skrivet)) and prefix[1] and prefix[1] != kommun.kfs_prefix:
        dokument.källa.fel(
            rapport,
            ("kfs",),
            f"{prefix[1]} är inte kommunens författningssamling; enligt kommun.yml heter den "
            f'{kommun.kfs_prefix}: skriv "{kommun.kfs_prefix} {data.kfs}" eller "{data.kfs}"',
        )
    år = int(data.kfs.split(":")[0])
    if år != data.beslutsdatum.year:
        dokument.källa.fel(
            rapport,
            ("kfs",),
            f"{kommun.kfs_prefix} {data.kfs} har årtalet {år} men beslutades {data.beslutsdatum.isoformat()}; "
            f"numret ska börja med beslutsåret {data.beslutsdatum.year}",
        )


def _kfs_nummer(korpus: Korpus, rapport: Rapport) -> None:
    prefix = korpus.kommun.kfs_prefix
    per_nummer: dict[str, list[Dokument]] = defaultdict(list)
    per_år: dict[int, list[tuple[int, Dokument | None]]] = defaultdict(list)
    for dokument in korpus.styrdokument.values():
        if dokument.data.kfs:
            per_nummer[dokument.data.kfs].append(dokument)
            år, löpnummer = dokument.data.kfs.split(":")
            per_år[int(år)].append((int(löpnummer), dokument))
    utanför = korpus.kommun.kfs_utanför
    for nummer in utanför:
        år, löpnummer = nummer.split(":")
        per_år[int(år)].append((int(löpnummer), None))
    for nummer, dokument_lista in per_nummer.items():
        if nummer in utanför:
            for dokument in dokument_lista:
                dokument.källa.fel(
                    rapport,
                    ("kfs",),
                    f"{prefix} {nummer} står också under kfs_utanför i kommun.yml; när "
                    "författningen flyttats in i styrdok tar du bort den raden där",
                )
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
        if not saknas:
            continue
        luckor = ", ".join(f"{år}:{n}" for n in saknas)
        meddelande = (
            f"luckor i numreringen för {år}: {prefix} {luckor} saknas; finns de utanför "
            "styrdok, ange dem under kfs_utanför i kommun.yml"
        )
        inne = [(n, d) for n, d in poster if d is not None]
        if inne:
            max(inne, key=lambda p: p[0])[1].källa.varning(rapport, ("kfs",), meddelande)
        else:
            korpus.kommunkälla.varning(rapport, ("kfs_utanför",), meddelande, nyckel=True)


def _nästa_lediga(per_år: dict[int, list[tuple[int, Dokument | None]]], år: int) -> str:
    return f"{år}:{max(n for n, _ in per_år[år]) + 1}"


def _utanför(korpus: Korpus, rapport: Rapport) -> None:
    """kfs_utanför: kategori known; the prefix written as the kommun's."""
    kommun, källa = korpus.kommun, korpus.kommunkälla
    skrivna = {modeller.kfs_nummer(k): k for k in (källa.data or {}).get("kfs_utanför") or {}}
    for nummer, post in kommun.kfs_utanför.items():
        nyckel = skrivna.get(nummer, nummer)
        if (träff := KFS_SKRIVET.match(str(nyckel))) and träff[1] and träff[1] != kommun.kfs_prefix:
            källa.fel(
                rapport,
                ("kfs_utanför", nyckel),
                f"{träff[1]} är inte kommunens författningssamling ({kommun.kfs_prefix})",
                nyckel=True,
            )
        if post.kategori is not None and post.kategori not in kommun.kategorier:
            källa.fel(
                rapport,
                ("kfs_utanför", nyckel, "kategori"),
                f"okänd kategori {post.kategori}{menade_du(post.kategori, kommun.kategorier)}",
            )


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
    if mål_id is None and forfattningar.utanför(korpus, referens) is not None:
        # an entry not yet moved into styrdok (kfs_utanför): published, like every entry
        if not dokument.är_publik:
            dokument.källa.fel(
                rapport,
                (relation, i),
                f"{relation}: ett intranätdokument kan inte {INFINITIV[relation]} {referens}, "
                "som hör till den publicerade författningssamlingen; då skulle ändringen inte "
                "synas på webbplatsen",
            )
        return
    if mål_id is None and (varför := korpus.varför_inte(referens)) is not None:
        dokument.källa.fel(rapport, (relation, i), f"{relation}: {referens} {varför}")
        return
    if mål_id is None:
        förslag = menade_du(
            referens,
            list(korpus.styrdokument)
            + [f"{korpus.kommun.kfs_prefix} {n}" for n in [*index, *korpus.kommun.kfs_utanför]],
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
