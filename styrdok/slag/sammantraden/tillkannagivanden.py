"""content/anslagstavla.yml: delegationsbeslut and other tillkännagivanden for the
anslagstavla, each checked at its place; the day one comes down is computed for a
delegationsbeslut (the time to appeal) and written for any other."""

from __future__ import annotations

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_yaml
from styrdok.grund.modellfel import validera
from styrdok.grund.sokvag import visningsnamn
from styrdok.karna.kommun import organförslag
from styrdok.karna.korpus import Korpus
from styrdok.slag.sammantraden import lagtid
from styrdok.slag.sammantraden.data import Tillkännagivande
from styrdok.slag.sammantraden.modeller import (
    AnslagstavlaKälla,
    Anslagstavleinställningar,
    TillkännagivandeKälla,
)

FIL = "anslagstavla.yml"
DELEGATIONSBESLUT = "delegationsbeslut"


def inställningar(korpus: Korpus) -> Anslagstavleinställningar:
    return getattr(korpus.kommun, "anslagstavla", None) or Anslagstavleinställningar()


def ladda(korpus: Korpus, rapport: Rapport, källor: list[Källfil]) -> tuple[Tillkännagivande, ...]:
    fil = korpus.innehåll / FIL
    if not fil.is_file():
        return ()
    källa = läs_yaml(fil, visningsnamn(korpus.rot, fil), rapport)
    källor.append(källa)
    modell = (
        validera(AnslagstavlaKälla, källa.data, källa, rapport) if källa.data is not None else None
    )
    if modell is None:
        return ()
    ut = []
    for i, post in enumerate(modell.tillkännagivanden):
        problem = _problem(korpus, post)
        for sökväg, meddelande in problem:
            källa.fel(rapport, ("tillkännagivanden", i, *sökväg), meddelande)
        if problem:
            continue
        delegation = post.slag == DELEGATIONSBESLUT
        ut.append(
            Tillkännagivande(
                nummer=i,
                rubrik=post.rubrik,
                organ=post.organ,
                slag=post.slag,
                anslaget=post.anslaget,
                sista_dag=lagtid.sista_dag_att_överklaga(post.anslaget)
                if delegation
                else post.slutdatum,
                beslutsdatum=post.beslutsdatum,
                beskrivning=post.beskrivning,
                förvaras=post.förvaras or inställningar(korpus).förvaring,
            )
        )
    return tuple(ut)


def _problem(korpus: Korpus, t: TillkännagivandeKälla) -> list[tuple[tuple, str]]:
    """(key path within the entry, message) of every mistake in one tillkännagivande."""
    ut: list[tuple[tuple, str]] = []
    if t.organ not in korpus.kommun.organ:
        ut.append((("organ",), f"okänt organ {t.organ}{organförslag(korpus.kommun, t.organ)}"))
    if t.slag == DELEGATIONSBESLUT:
        if t.slutdatum is not None:
            ut.append(
                (
                    ("slutdatum",),
                    "ett delegationsbeslut sitter uppe tills tiden för att överklaga har gått ut, "
                    "tre veckor; den dagen räknas fram, så ta bort slutdatum",
                )
            )
        if t.beslutsdatum is None:
            ut.append(((), "beslutsdatum saknas: ange dagen då delegationsbeslutet fattades"))
        elif t.anslaget < t.beslutsdatum:
            ut.append(
                (
                    ("anslaget",),
                    f"tillkännagivandet sattes upp {t.anslaget.isoformat()}, före beslutet "
                    f"{t.beslutsdatum.isoformat()}; rätta datumet",
                )
            )
    elif t.slutdatum is None:
        ut.append(((), "slutdatum saknas: ange sista dagen tillkännagivandet ska sitta uppe"))
    elif t.slutdatum < t.anslaget:
        ut.append(
            (
                ("slutdatum",),
                f"slutdatum {t.slutdatum.isoformat()} ligger före anslaget {t.anslaget.isoformat()}",
            )
        )
    return ut
