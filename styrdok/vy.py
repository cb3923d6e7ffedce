"""What a writer (PDF, Word) gets: a finished view of one document, nothing to re-parse.

The content model builds a :class:`DokumentVy`; the writers in ``styrdok.writers``
turn it into files. A writer never reads ``content/`` itself except for the files
named here (logo, images referenced from the body), and those are already checked
to lie inside ``content/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DokumentVy:
    id: str
    """Stable id, e.g. ``styrdokument/finanspolicy``."""
    titel: str
    kommun: str
    """The kommun's name, e.g. ``Ekviks kommun``."""
    logotyp: Path | None
    """Absolute path of the logo file (inside content/), or None."""
    metadata: tuple[tuple[str, str], ...]
    """(etikett, värde) rows in display order; rows without value are left out."""
    brödtext: str
    """The body as Markdown. Headings start at level 2 (the title is level 1)."""
    sidfot: str
    """Footer line, e.g. ``EKFS 2021:3 · Beslutad 2021-04-29``."""
    ämne: str
    """Document subject (core property / PDF subject), e.g. the dokumenttyp's name."""
    källfil: Path
    """Absolute path of the source .md; relative image paths resolve from its folder."""
    innehållsrot: Path
    """Absolute path of content/; nothing outside it may be read."""
    språk: str = "sv-SE"
    datum: str = ""
    """ISO date used for document metadata (beslutsdatum), never the clock."""
