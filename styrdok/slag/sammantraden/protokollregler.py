"""The protokoll and the anslagstavla as checks: a justerat protokoll has a paragraf and a
beslut for every ärende; paragrafer run on per organ and year without gaps or repeats; the
law's dates (``lagtid``) are kept; a styrdokument's beslut matches a paragraf of its organ's
protokoll where that protokoll is in styrdok, and the two are linked."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil
from styrdok.karna.korpus import Korpus
from styrdok.slag.sammantraden import lagtid
from styrdok.slag.sammantraden.data import Protokoll, Sammanträde, är_fullmäktige
from styrdok.slag.sammantraden.modeller import SammanträdeKälla
from styrdok.slag.sammantraden.tillkannagivanden import inställningar


def datum(d: dt.date) -> str:
    return d.isoformat()


def läs_protokoll(
    korpus: Korpus, modell: SammanträdeKälla, organ: str, möte_datum: dt.date, f
) -> Protokoll | None:
    """The meeting's protokoll with its computed dates, after the checks of its own file.
    ``f`` reports at positions in the meeting file (``laddning._Fil``)."""
    _kungörelse(korpus, modell, organ, möte_datum, f)
    källa = modell.protokoll
    for i, ärende in enumerate(modell.ärenden):
        if källa is None and ärende.beslut is not None and ärende.paragraf is None:
            f.fel(
                ("ärenden", i, "beslut"),
                "beslutet saknar paragraf; skriv ärendets paragraf i protokollet (paragraf: 112)",
            )
        if källa is not None and ärende.paragraf is None:
            f.fel(
                ("ärenden", i),
                "ärendet har ingen paragraf, men sammanträdet har ett justerat protokoll; "
                "skriv paragrafen (paragraf: 112)",
            )
        if källa is not None and ärende.paragraf is not None and not ärende.beslut:
            f.fel(
                ("ärenden", i, "paragraf"),
                f"§ {ärende.paragraf} har inget beslut; skriv beslutet som det står i "
                "protokollet (beslut: ...)",
            )
    _i_följd(modell, f)
    if källa is None:
        return None
    if källa.justerat < möte_datum:
        f.fel(
            ("protokoll", "justerat"),
            f"protokollet justerades {datum(källa.justerat)}, före sammanträdet "
            f"{datum(möte_datum)}; rätta datumet",
        )
        return None
    anslaget = källa.anslaget or källa.justerat
    if anslaget < källa.justerat:
        f.fel(
            ("protokoll", "anslaget"),
            f"tillkännagivandet sattes upp {datum(anslaget)}, före justeringen "
            f"{datum(källa.justerat)}; ett protokoll tillkännages först när det är justerat",
        )
        return None
    if anslaget > (senast := lagtid.senaste_anslag(källa.justerat)):
        f.källa.varning(
            f.rapport,
            ("protokoll", "anslaget"),
            f"tillkännagivandet sattes upp {datum(anslaget)}, men ska sitta uppe senast andra "
            f"dagen efter justeringen, {datum(senast)} (kommunallagen 8 kap. 12 §)",
        )
    förvaras = källa.förvaras or inställningar(korpus).förvaring
    return Protokoll(
        justerat=källa.justerat,
        justerare=tuple(källa.justerare),
        anslaget=anslaget,
        sista_dag=lagtid.sista_dag_att_överklaga(anslaget),
        förvaras=förvaras,
    )


def _kungörelse(
    korpus: Korpus, modell: SammanträdeKälla, organ_id: str, möte_datum: dt.date, f
) -> None:
    if modell.kungjort is None:
        return
    organ = korpus.kommun.organ[organ_id]
    if not är_fullmäktige(organ.namn):
        f.fel(
            ("kungjort",),
            f"bara fullmäktiges sammanträden kungörs på anslagstavlan; {organ.namn}s kallelse "
            "går till ledamöterna, så ta bort kungjort",
        )
    elif modell.kungjort > möte_datum:
        f.fel(
            ("kungjort",),
            f"kungörelsen sattes upp {datum(modell.kungjort)}, efter sammanträdet "
            f"{datum(möte_datum)}; rätta datumet",
        )
    elif modell.kungjort > (senast := lagtid.senaste_kungörelse(möte_datum)):
        f.källa.varning(
            f.rapport,
            ("kungjort",),
            f"kungörelsen sattes upp {datum(modell.kungjort)}, men ska sitta uppe minst en vecka "
            f"före sammanträdet, senast {datum(senast)} (kommunallagen 5 kap. 53 §)",
        )


def _i_följd(modell: SammanträdeKälla, f) -> None:
    """Within one meeting: each paragraf one more than the one before."""
    förra = None
    for i, ärende in enumerate(modell.ärenden):
        if ärende.paragraf is None:
            # already reported where a protokoll needs it: it takes its number's place
            förra = förra + 1 if förra is not None and modell.protokoll is not None else förra
            continue
        if förra is not None and ärende.paragraf != förra + 1:
            f.fel(("ärenden", i, "paragraf"), _ordning(förra, ärende.paragraf))
        förra = ärende.paragraf


def _ordning(förra: int, denna: int, förras_dag: dt.date | None = None) -> str:
    """Why ``denna`` cannot follow ``förra`` (of the meeting ``förras_dag``, when another)."""
    efter = f"§ {förra}" + (f" ({datum(förras_dag)})" if förras_dag else "")
    if denna <= förra:
        return (
            f"§ {denna} kommer efter {efter}; paragraferna numreras i följd, ett nummer per "
            f"ärende, så denna ska vara § {förra + 1}"
        )
    luckor = f"§ {förra + 1}" if denna == förra + 2 else f"§ {förra + 1}–{denna - 1}"
    return (
        f"§ {denna} kommer efter {efter}: {luckor} saknas; paragraferna numreras i följd, "
        f"så denna ska vara § {förra + 1}"
    )


# --- across meetings ---------------------------------------------------------------------


def granska_numrering(
    möten: list[Sammanträde], källor: dict[Path, Källfil], rapport: Rapport
) -> None:
    """Per organ and year, in date order: the next meeting's first paragraf follows the last
    one of the meeting before (between meetings that have paragrafer)."""
    grupper: dict[tuple[str, int], list[Sammanträde]] = defaultdict(list)
    for möte in möten:
        if any(ä.paragraf is not None for ä in möte.ärenden):
            grupper[(möte.organ, möte.datum.year)].append(möte)
    for grupp in grupper.values():
        grupp.sort(key=lambda m: m.datum)
        for förra, möte in zip(grupp, grupp[1:], strict=False):
            sista = max(ä.paragraf for ä in förra.ärenden if ä.paragraf is not None)
            i, första = next(
                (i, ä.paragraf) for i, ä in enumerate(möte.ärenden) if ä.paragraf is not None
            )
            if första != sista + 1:
                källor[möte.källfil].fel(
                    rapport,
                    ("ärenden", i, "paragraf"),
                    _ordning(sista, första, förra.datum),
                )


def koppla_dokument(
    korpus: Korpus, möten: list[Sammanträde], rapport: Rapport
) -> list[Sammanträde]:
    """A document decided by an organ on a day whose protokoll is in styrdok must name one of
    its paragrafer; each paragraf learns the documents decided under it."""
    per_möte = {(m.organ, m.datum): m for m in möten if m.protokoll is not None}
    beslutade: dict[tuple[str, dt.date, int], list[str]] = defaultdict(list)
    for b in korpus.beslut():
        möte = per_möte.get((b.organ, b.datum))
        if möte is None:
            continue
        nummer = sorted(ä.paragraf for ä in möte.ärenden if ä.paragraf is not None)
        if b.paragraf is not None and b.paragraf.isdigit() and int(b.paragraf) in nummer:
            if b.dokument not in beslutade[(b.organ, b.datum, int(b.paragraf))]:
                beslutade[(b.organ, b.datum, int(b.paragraf))].append(b.dokument)
            continue
        finns = ", ".join(f"§ {n}" for n in nummer)
        b.källa.fel(
            rapport,
            b.sökväg,
            f"{'§ ' + b.paragraf if b.paragraf else 'paragrafen'} finns inte i protokollet från "
            f"{korpus.kommun.organ[b.organ].namn} {datum(b.datum)} (paragrafer där: {finns}); "
            "rätta paragraf, beslutsinstans eller beslutsdatum",
        )
    return [
        dataclasses.replace(
            m,
            ärenden=tuple(
                dataclasses.replace(
                    ä,
                    beslutat_dokument=tuple(beslutade.get((m.organ, m.datum, ä.paragraf or 0), ())),
                )
                for ä in m.ärenden
            ),
        )
        if (m.organ, m.datum) in per_möte
        else m
        for m in möten
    ]
