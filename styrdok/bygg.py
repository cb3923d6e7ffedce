"""The build, as a table of contents: load → validate → generate → render → publish.

Everything is gathered and checked before anything is written; output goes to a
staging folder that replaces ``site/`` only when every step has succeeded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import brodtext, dokument, forfattningar, publicering, validering
from .diagnostics import Rapport, StyrdokFel
from .korpus import Korpus, ladda
from .webbplats import INTRANÄT, PUBLIK, Webbplats, generera

Meddela = Callable[[str], None]

SITE_MAPPAR = {PUBLIK: "public", INTRANÄT: "intranet"}


@dataclass
class Byggresultat:
    rapport: Rapport
    korpus: Korpus
    sekunder: float


def ladda_och_validera(rot: Path, rapport: Rapport) -> Korpus | None:
    """Read every source and check every rule; all problems end up in ``rapport``."""
    korpus = ladda(rot, rapport)
    if korpus is None:
        return None
    validering.validera_korpus(korpus, rapport)
    for dokument in korpus.styrdokument.values():
        brodtext.granska(dokument.källa, rapport, korpus.innehåll)
    for sida in korpus.sidor.values():
        brodtext.granska(sida.källa, rapport, korpus.innehåll)
    return korpus


def generera_sidor(korpus: Korpus, variant: str, ut: Path, nedladdningar: bool = False) -> Webbplats:
    källa = korpus if variant == INTRANÄT else korpus.publik_kopia()
    return generera(källa, variant, ut, korpus.rot / "templates", nedladdningar=nedladdningar)


def kontrollera(rot: Path, strikt: bool = False) -> Rapport:
    rapport = Rapport()
    ladda_och_validera(rot, rapport)
    return rapport


def bygg(rot: Path, strikt: bool = False, bara_webbplatser: bool = False,
         meddela: Meddela = lambda _: None) -> Byggresultat:
    """Check, then build both sites (and the documents) and publish them atomically."""
    start = time.perf_counter()
    rapport = Rapport()
    meddela("Läser och kontrollerar content/ …")
    korpus = ladda_och_validera(rot, rapport)
    if korpus is None or rapport.har_fel(strikt):
        raise StyrdokFelMedRapport(rapport, strikt)
    meddela(f"{len(korpus.styrdokument)} styrdokument och {len(korpus.sidor)} sidor utan fel "
            f"({rapport.antal_varningar} varningar)")
    steg = 2 if bara_webbplatser else 3
    with publicering.stegvis(rot) as stage:
        for nr, variant in enumerate((PUBLIK, INTRANÄT), start=1):
            meddela(f"[{nr}/{steg}] Bygger {'webbplatsen' if variant == PUBLIK else 'intranätet'} …")
            _bygg_webbplats(korpus, variant, stage / SITE_MAPPAR[variant], strikt, not bara_webbplatser)
        if not bara_webbplatser:
            meddela("[3/3] Skapar Word- och PDF-filer …")
            dokument.rendera_leveranser(korpus, stage, meddela)
        publicering.publicera(rot, stage)
    return Byggresultat(rapport, korpus, time.perf_counter() - start)


def _bygg_webbplats(korpus: Korpus, variant: str, site_dir: Path, strikt: bool, nedladdningar: bool = False) -> None:
    from .mkdocs_adapter import bygg_webbplats

    webbplats = generera_sidor(korpus, variant, korpus.rot / "build" / "mkdocs" / variant, nedladdningar)
    bygg_webbplats(webbplats, site_dir, korpus.rot / "mkdocs.yml", strikt=strikt)


class StyrdokFelMedRapport(StyrdokFel):
    """The sources have errors: the report has been gathered and nothing was built."""

    def __init__(self, rapport: Rapport, strikt: bool):
        self.rapport = rapport
        antal = rapport.antal_fel + (rapport.antal_varningar if strikt else 0)
        super().__init__(f"{antal} {'fel' if not strikt else 'fel och varningar'} i källorna; inget byggdes och site/ är orörd")


__all__ = ["bygg", "kontrollera", "ladda_och_validera", "generera_sidor", "forfattningar"]
