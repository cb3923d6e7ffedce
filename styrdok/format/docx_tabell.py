"""Tables in the Word writer: reading an HTML table (its rows, whether a row is a header,
its cells, column spans and alignment), the column widths measured from the content, and
writing the w:tbl.

Column widths follow what a browser's automatic table layout does (and what WeasyPrint
does for the PDF): every column gets at least its longest word, so no word is ever broken
inside, and the room left is shared by how much text each column has. Rows never split
across pages, and header rows repeat on every page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from styrdok.format.docx_mall import lägg_in, ny_cell, ny_rad, ny_tabell
from styrdok.format.html import Nod
from styrdok.format.textmatt import längsta_ord, längsta_rad

CELLMARGINAL = 2 * 108 + 24
"""Twips a cell needs beside its text: the table style's left and right cell margins
(108 each, Word's default) and a little air for a renderer's rounding."""
SÄKERHET = 1.04
"""The template's font may be a little wider than Arial's metrics say."""
MINSTA_KOLUMN = 360
"""An empty column still gets a quarter of an inch."""
MINSTA_STORLEK = 8.0
"""A table whose longest words do not fit the page at the text's size is set smaller, down
to this size in points, before it is let out into the margin."""
FETA = frozenset({"strong", "b", "th"})


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


def rubrik(tabell: Nod) -> str:
    """The table's caption as plain text, or empty."""
    for barn in tabell.barn:
        if isinstance(barn, Nod) and barn.tagg == "caption":
            return " ".join(celltext(barn).split())
    return ""


def justering(stycke: Paragraph, stil: str) -> None:
    if m := re.search(r"text-align:\s*(left|right|center)", stil):
        stycke.alignment = {"left": 0, "center": 1, "right": 2}[m.group(1)]


def celltext(nod: Nod) -> str:
    """The text as it will be written: a <br> is a line break."""
    return "".join(
        b if isinstance(b, str) else "\n" if b.tagg == "br" else celltext(b) for b in nod.barn
    )


def _fet(nod: Nod) -> bool:
    """Measured as bold if any of it is (a header cell, or **text** in a cell)."""
    return nod.tagg in FETA or any(isinstance(b, Nod) and _fet(b) for b in nod.barn)


def twips(tusendelar: int, storlek: float) -> int:
    """Thousandths of an em at ``storlek`` points, as twips including the cell's margins."""
    return round(tusendelar * storlek * 20 / 1000 * SÄKERHET) + CELLMARGINAL


def kolumnbredder(
    rader: list[list[tuple[int, int, int]]], kolumner: int, tillgängligt: int
) -> list[int]:
    """Widths in twips from each row's cells as (span, narrowest, widest) in twips: the
    narrowest a cell can be (its longest word) and the widest it would like (all its text on
    one line). Columns get at least their narrowest; the rest of ``tillgängligt`` is shared
    in proportion to what each would like beyond that. Only when the longest words alone
    are wider than the page is the table wider too: a word is never broken."""
    minst = [MINSTA_KOLUMN] * kolumner
    störst = [MINSTA_KOLUMN] * kolumner
    spann = []
    for rad in rader:
        kolumn = 0
        for antal, smal, bred in rad:
            if kolumn + antal > kolumner:
                break
            if antal == 1:
                minst[kolumn] = max(minst[kolumn], smal)
                störst[kolumn] = max(störst[kolumn], bred)
            else:
                spann.append((kolumn, antal, smal, bred))
            kolumn += antal
    for kolumn, antal, smal, bred in spann:  # a wide cell over several columns: share its need
        for lista, behov in ((minst, smal), (störst, bred)):
            saknas = behov - sum(lista[kolumn : kolumn + antal])
            for i in range(kolumn, kolumn + antal):
                lista[i] += max(saknas, 0) // antal
    störst = [max(s, m) for s, m in zip(störst, minst, strict=True)]
    return _fördela(minst, störst, tillgängligt)


def _fördela(minst: list[int], störst: list[int], tillgängligt: int) -> list[int]:
    summa_min, summa_max = sum(minst), sum(störst)
    if summa_min >= tillgängligt:
        return minst
    if summa_max <= tillgängligt:
        bredder = [s + (tillgängligt - summa_max) * s / summa_max for s in störst]
    else:
        andel = (tillgängligt - summa_min) / (summa_max - summa_min)
        bredder = [m + (s - m) * andel for m, s in zip(minst, störst, strict=True)]
    heltal = [int(b) for b in bredder]
    heltal[-1] += tillgängligt - sum(heltal)
    return heltal


def cellmått(cell: Nod, storlek: float) -> tuple[int, int, int]:
    text, fet = celltext(cell), _fet(cell)
    return (
        span(cell),
        twips(längsta_ord(text, fet), storlek),
        twips(längsta_rad(text, fet), storlek),
    )


Cellskrivare = Callable[[Paragraph, Nod], None]
"""Writes one cell's content (inline runs) into the cell's paragraph."""


def skriv_tabell(
    nod: Nod,
    behållare,
    stil_id: str,
    storlek: float,
    tillgängligt: int,
    skriv_cell: Cellskrivare,
) -> None:
    """The table ``nod`` as a w:tbl appended to ``behållare`` (the body or a cell)."""
    rader = list(tabellrader(nod))
    if not rader:
        return
    kolumner = max(max(sum(span(c) for c in celler(tr)) for tr, _ in rader), 1)
    tabellstorlek = storlek
    bredder = _bredder(rader, kolumner, tillgängligt, storlek)
    while sum(bredder) > tillgängligt and tabellstorlek > MINSTA_STORLEK:
        tabellstorlek = max(tabellstorlek - 0.5, MINSTA_STORLEK)
        bredder = _bredder(rader, kolumner, tillgängligt, tabellstorlek)
    tbl = ny_tabell(stil_id, bredder, rubrikrad=rader[0][1], beskrivning=rubrik(nod) or None)
    förälder = behållare._body if isinstance(behållare, Document) else behållare
    for tr, är_rubrik in rader:
        rad = ny_rad(tbl, är_rubrik)
        kolumn = 0
        for cellnod in celler(tr):
            antal = min(span(cellnod), kolumner - kolumn)
            if antal <= 0:
                break
            bredd = sum(bredder[kolumn : kolumn + antal])
            kolumn += antal
            skriv_cell(Paragraph(ny_cell(rad, bredd, antal), förälder), cellnod)
        for i in range(kolumn, kolumner):  # short rows still need every grid cell
            ny_cell(rad, bredder[i])
    if tabellstorlek != storlek:
        _textstorlek(tbl, tabellstorlek)
    lägg_in(behållare, tbl)


def _bredder(rader, kolumner: int, tillgängligt: int, storlek: float) -> list[int]:
    return kolumnbredder(
        [[cellmått(c, storlek) for c in celler(tr)] for tr, _ in rader], kolumner, tillgängligt
    )


_EFTER_SZ = frozenset(
    qn(f"w:{t}") for t in ("szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign")
)


def _textstorlek(tbl: etree._Element, storlek: float) -> None:
    """Every run of the table at ``storlek`` points (w:sz where the schema wants it)."""
    halvpunkter = str(round(storlek * 2))
    for run in tbl.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = etree.Element(qn("w:rPr"))
            run.insert(0, rpr)
        sz = etree.Element(qn("w:sz"), {qn("w:val"): halvpunkter})
        efter = next((b for b in rpr if b.tag in _EFTER_SZ), None)
        if efter is not None:
            efter.addprevious(sz)
        else:
            rpr.append(sz)
