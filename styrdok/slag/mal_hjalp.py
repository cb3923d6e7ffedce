"""Small helpers shared by kvalitetsgarantier and målstyrning: reading a folder of
sources, reporting at a value's position, numbers written the Swedish way, and the
coloured labels (colour + symbol + text) both kinds show."""

from __future__ import annotations

from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, Sökväg
from styrdok.grund.sokvag import källfiler_utan_namnfel, visningsnamn
from styrdok.korpus import Korpus


def filer(korpus: Korpus, mapp: Path, ändelser: tuple[str, ...], rapport: Rapport) -> list[Path]:
    """Source files under ``mapp`` in a stable order; hidden files are skipped, bad names reported."""
    return källfiler_utan_namnfel(korpus.rot, mapp, ändelser, rapport)


def namn(korpus: Korpus, fil: Path) -> str:
    return visningsnamn(korpus.rot, fil)


def fel(
    rapport: Rapport, källa: Källfil, sökväg: Sökväg, meddelande: str, nyckel: bool = False
) -> None:
    rad, kol = källa.positioner.nyckel(sökväg) if nyckel else källa.positioner.värde(sökväg)
    rapport.fel(källa.visningsnamn, rad, kol, meddelande)


def varning(rapport: Rapport, källa: Källfil, sökväg: Sökväg, meddelande: str) -> None:
    rad, kol = källa.positioner.värde(sökväg)
    rapport.varning(källa.visningsnamn, rad, kol, meddelande)


# --- numbers ---------------------------------------------------------------------


# --- labels ----------------------------------------------------------------------
