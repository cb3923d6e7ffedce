"""Rules that need the whole kommun: organs and types, samråd, dates and reminders, bilagor;
the författningssamling's own rules are in ``regler_kfs``.

Each rule is a small function that reports to the :class:`Rapport` at the position of
the offending key; none stops the others.
"""

from __future__ import annotations

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filgranskning import filproblem
from styrdok.grund.kallfil import Källfil
from styrdok.grund.modellfel import menade_du
from styrdok.grund.sokvag import sökvägsproblem
from styrdok.karna.kommun import organförslag, organförslag_ur
from styrdok.karna.korpus import Korpus
from styrdok.slag.styrdokument import forfattningar, regler_kfs
from styrdok.slag.styrdokument.dokument import Dokument, bilaga_sökväg


def validera_korpus(korpus: Korpus, rapport: Rapport) -> None:
    for dokument in korpus.styrdokument.values():
        _typ_och_organ(korpus, dokument, rapport)
        _datum(korpus, dokument, rapport)
        regler_kfs.validera_dokument(korpus, dokument, rapport)
        _bilagor(korpus, dokument, rapport)
    regler_kfs.validera_samlingen(korpus, rapport)


def granska_kommun(källa: Källfil, rapport: Rapport) -> None:
    """The organs the typology names exist. Read from kommun.yml as written, so that this is
    reported in the same run as any error in the rest of kommun.yml."""
    data = källa.data or {}
    organ = data.get("organ") if isinstance(data.get("organ"), dict) else {}
    typer = data.get("dokumenttyper") if isinstance(data.get("dokumenttyper"), dict) else {}
    for typ_id, typ in typer.items():
        regler = typ.get("beslutas_av") if isinstance(typ, dict) else None
        regler = [regler] if isinstance(regler, (str, dict)) else regler or []
        for i, regel in enumerate(regler if isinstance(regler, list) else []):
            sökväg = ("dokumenttyper", typ_id, "beslutas_av", i)
            namn = [(regel, sökväg)] if isinstance(regel, str) else []
            if isinstance(regel, dict):
                namn.append((regel.get("organ"), sökväg + ("organ",)))
                samråd = regel.get("samråd") or []
                samråd = [samråd] if isinstance(samråd, str) else samråd
                if isinstance(samråd, list):
                    namn += [(o, sökväg + ("samråd", j)) for j, o in enumerate(samråd)]
            for o, väg in namn:
                if isinstance(o, str) and o not in organ:
                    källa.fel(rapport, väg, f"okänt organ {o}{organförslag_ur(organ, o)}")


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
        if getattr(revidering.datum, "sista", revidering.datum) < data.beslutsdatum:
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
    if data.avslutad is not None and data.avslutad.datum > idag:
        dokument.källa.fel(
            rapport,
            ("avslutad", "datum"),
            f"avslutad {data.avslutad.datum.isoformat()} ligger i framtiden; ange giltig_till "
            "för ett dokument som ska sluta gälla",
        )
    status = forfattningar.härled_status(korpus)[dokument.id]
    if status.historik or data.utkast:
        return
    if data.giltig_till is not None and data.giltig_till < idag:
        dokument.källa.påminnelse(
            rapport,
            ("giltig_till",),
            f"giltigheten gick ut {data.giltig_till.isoformat()}; besluta om ett nytt dokument "
            "som ersätter det, eller ange att det upphört (avslutad: {datum, genom})",
        )
    elif data.nästa_översyn is not None and data.nästa_översyn < idag:
        dokument.källa.påminnelse(
            rapport,
            ("nästa_översyn",),
            f"översynen skulle ha gjorts senast {data.nästa_översyn.isoformat()}",
        )


def _bilagor(korpus: Korpus, dokument: Dokument, rapport: Rapport) -> None:
    for i, bilaga in enumerate(dokument.data.bilagor):
        if problem := sökvägsproblem(bilaga):
            dokument.källa.fel(rapport, ("bilagor", i), f"bilagans sökväg {problem}")
        elif (fil := bilaga_sökväg(korpus, dokument, bilaga)) is None:
            dokument.källa.fel(
                rapport,
                ("bilagor", i),
                f"bilagan {bilaga} finns inte, eller ligger utanför content/",
            )
        elif (problem := filproblem(fil)) is not None:
            dokument.källa.fel(rapport, ("bilagor", i), f"bilagan {bilaga} {problem}")
