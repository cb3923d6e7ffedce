"""Reading an HTML table for the Word writer: its rows (and whether a row is a header), its
cells, their column spans and alignment."""

from __future__ import annotations

import re

from docx.text.paragraph import Paragraph

from styrdok.format.html import Nod


def tabellrader(tabell: Nod):
    """(tr, is_header_row) in order; rows in thead, or all-th first rows, are headers."""
    for barn in tabell.barn:
        if not isinstance(barn, Nod):
            continue
        if barn.tagg == "tr":
            yield barn, all(c.tagg == "th" for c in celler(barn))
        elif barn.tagg in ("thead", "tbody", "tfoot"):
            for tr in barn.barn:
                if isinstance(tr, Nod) and tr.tagg == "tr":
                    yield tr, barn.tagg == "thead"


def celler(tr: Nod) -> list[Nod]:
    return [c for c in tr.barn if isinstance(c, Nod) and c.tagg in ("th", "td")]


def span(cell: Nod) -> int:
    värde = cell.attr.get("colspan", "1")
    return max(int(värde), 1) if värde.isdigit() else 1


def justering(stycke: Paragraph, stil: str) -> None:
    if m := re.search(r"text-align:\s*(left|right|center)", stil):
        stycke.alignment = {"left": 0, "center": 1, "right": 2}[m.group(1)]
