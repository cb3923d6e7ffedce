"""Where the goal pages, charts and reports live in the site, and links between them."""

from __future__ import annotations

from styrdok.grund.text import länk

INDEX = "mal/index.md"


INDIKATORER = "mal/indikatorer/index.md"


def område_väg(område_id: str) -> str:
    return f"mal/omraden/{område_id}.md"


def mål_väg(mål_id: str) -> str:
    return f"mal/mal/{mål_id}.md"


def indikator_väg(ind_id: str) -> str:
    return f"mal/indikatorer/{ind_id}.md"


def diagram_väg(ind_id: str) -> str:
    return f"mal/diagram/{ind_id}.svg"


def nämnd_väg(nämnd: str) -> str:
    return f"mal/namnder/{nämnd}.md"


def rapport_väg(rapport_id: str) -> str:
    return f"mal/rapporter/{rapport_id}.md"


def rapport_filväg(rapport_id: str) -> str:
    return f"filer/mal/rapporter/{rapport_id}"


def länkare(från: str):
    """``[text](relative link)`` for a ``kind:id`` target, used inside report tables."""

    def länka(text: str, mål: str) -> str:
        slag, ident = mål.split(":", 1)
        till = mål_väg(ident) if slag == "mal" else indikator_väg(ident)
        return f"[{text}]({länk(från, till)})"

    return länka


KEDJEFIL = "mal/malomraden.yml"
INDIKATORFIL = "mal/indikatorer.yml"
"""The source files under content/ of the målkedja and the indikatorer: their Markdown texts'
links are relative to them."""
