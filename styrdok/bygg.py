"""The composition root: the one place that names every kind of content, every output
format and the site engine, and hands them to the core (``styrdok.karna``), which never
imports them.

Add a kind: write its package under ``styrdok/slag/`` with a ``SLAG`` object and add it to
``SLAG`` below. Add a document format: a module under ``styrdok/format/`` with a function
``rendera(vy, ut, mallar)`` and one ``Dokumentformat`` line in ``DOKUMENTFORMAT``; a file
format: a module with ``FORMAT = Filformat(...)`` and one line in ``FILFORMAT``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from styrdok.format import atom, csvdata, ical, jsondata
from styrdok.grund.diagnostik import Rapport
from styrdok.karna import bygge
from styrdok.karna.bygge import Byggresultat, StyrdokFelMedRapport
from styrdok.karna.format import Dokumentformat
from styrdok.karna.korpus import Delar, Korpus
from styrdok.karna.webbplats import Webbplats
from styrdok.slag import kvalitetsgarantier, mal, sammantraden, sidor, styrdokument

SLAG = (styrdokument.SLAG, kvalitetsgarantier.SLAG, mal.SLAG, sammantraden.SLAG, sidor.SLAG)
"""In loading order: a kind may refer to what an earlier one loaded (a meeting's
beslutsunderlag to a styrdokument); in this order too in the navigation."""
DOKUMENTFORMAT = (
    Dokumentformat("pdf", "PDF", "pdf", "styrdok.format.pdf:render_pdf"),
    Dokumentformat("docx", "Word", "word", "styrdok.format.docx:render_docx"),
)
"""Every deliverable is rendered in each; named by function, so that checking loads neither."""
FILFORMAT = (jsondata.FORMAT, csvdata.FORMAT, atom.FORMAT, ical.FORMAT)
WEBBMOTOR = "styrdok.webb.mkdocs_adapter:MOTOR"
"""The site engine, named like the document formats: checking never loads mkdocs."""

DELAR = Delar(SLAG, DOKUMENTFORMAT, FILFORMAT)


def ladda_och_validera(rot: Path, rapport: Rapport) -> Korpus | None:
    """Read every source under ``rot/content`` and check every rule into ``rapport``."""
    return bygge.ladda_och_validera(rot, rapport, DELAR)


def kontrollera(rot: Path, strikt: bool = False) -> Rapport:
    return bygge.kontrollera(rot, DELAR, strikt)


def generera_sidor(korpus: Korpus, variant: str, ut: Path) -> Webbplats:
    return bygge.generera_sidor(korpus, variant, ut)


def bygg(
    rot: Path,
    strikt: bool = False,
    bara_webbplatser: bool = False,
    från_början: bool = False,
    meddela: Callable[[str], None] = lambda _: None,
) -> Byggresultat:
    """Check, then build both sites and every document, and publish them atomically."""
    return bygge.bygg(rot, DELAR, WEBBMOTOR, strikt, bara_webbplatser, från_början, meddela=meddela)


__all__ = [
    "DELAR",
    "StyrdokFelMedRapport",
    "bygg",
    "generera_sidor",
    "kontrollera",
    "ladda_och_validera",
]
