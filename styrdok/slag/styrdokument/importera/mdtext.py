"""Text as Markdown: escaping what Word showed as text so that it stays text, list
markers typed by hand, and numbers written the way Word shows them (a, ii, 01)."""

from __future__ import annotations

import re

from styrdok.slag.styrdokument.importera.block import Segment
from styrdok.slag.styrdokument.importera.paket import Lista

PUNKT = re.compile(r"^\s*([•·▪◦‣●○■□–—\-*]|o(?=\t))\s+")
_RADSTART = [
    (re.compile(r"^([#>])"), r"\\\1"),
    (re.compile(r"^([+\-])(?=\s|$)"), r"\\\1"),
    (re.compile(r"^(\d+)\.(?=\s|$)"), r"\1\\."),
    (re.compile(r"^:(?=\s)"), "&#58;"),
    (re.compile(r"^=(?==*\s*$)"), "&#61;"),
    (re.compile(r"^(-{2,})\s*$"), r"\\\1"),
]


def escape(text: str, i_tabell: bool = False) -> str:
    """Text as literal Markdown text: emphasis, links, attribute lists, footnote marks, HTML
    and entities are escaped; ``|`` too in a table cell. Braces and ``[^`` become character
    references, which ``styrdok check`` reads as the text they are."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"&(?=#|[A-Za-z])", "&amp;", text)
    text = text.replace("{", "&#123;").replace("}", "&#125;").replace("[^", "&#91;^")
    text = re.sub(r"([`*_\[\]])", r"\\\1", text)
    text = text.replace("<", "&lt;")
    text = text.replace("~~", "~&#126;")
    return text.replace("|", "\\|") if i_tabell else text


def rubriktext(text: str) -> str:
    """A heading's text: escaped, and every ``#`` too (a closing ``#`` ends a heading)."""
    return re.sub(r"(?<!&)#", r"\\#", escape(text))


def radstart(text: str) -> str:
    """Escape what would start a heading, quote, list or definition at a line's start."""
    rader = []
    for rad in text.split("\n"):
        rad_utan = rad.lstrip()
        for mönster, ersättning in _RADSTART:
            rad_utan = mönster.sub(ersättning, rad_utan, count=1)
        rader.append(rad_utan)
    return "\n".join(rader)


def radstart_i_lista(text: str) -> str:
    """A list item's text: only the lines after the first can start a block of their own."""
    första, _, rest = text.partition("\n")
    return första + ("\n" + radstart(rest) if rest else "")


ROMERSKA = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def vanlig(lista: Lista, ilvl: int) -> bool:
    """A number Markdown can write: ``1.``, ``1)`` or ``(1)`` of the item's own level, in
    digits. Others (``a)``, ``iv.``, ``1.2``, ``3 §``) are written out before the text, so
    that references like "punkt b" still point somewhere."""
    if lista.bokstäver:
        return False
    return not lista.mall or re.fullmatch(rf"\(?%{ilvl + 1}[.)]?", lista.mall) is not None


def talform(tal: int, format_: str) -> str:
    if format_ in ("lowerLetter", "upperLetter"):
        text = ""
        while tal > 0:
            tal, rest = divmod(tal - 1, 26)
            text = chr(97 + rest) + text
        return text.upper() if format_ == "upperLetter" else text
    if format_ in ("lowerRoman", "upperRoman"):
        text = ""
        for värde, siffror in (
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ):
            antal, tal = divmod(tal, värde)
            text += siffror * antal
        return text.upper() if format_ == "upperRoman" else text
    if format_ == "decimalZero":
        return f"{tal:02d}"
    return str(tal)


def utan_punkt(segment: list[Segment]) -> list[Segment]:
    """A paragraph typed as a list item (``• text``) without its bullet."""
    if not segment or segment[0].text is None:
        return segment
    första = segment[0]
    rest = PUNKT.sub("", första.text, count=1)
    kopia = Segment(**{**första.__dict__, "text": rest})
    return [kopia, *segment[1:]]


def slå_ihop_betoning(text: str) -> str:
    """``**a****b**`` (two bold runs side by side) → ``**ab**``."""
    return re.sub(r"(?<!\\)\*\*\*\*(?!\*)", "", re.sub(r"(?<![\\*])\*\*\*\*\*\*(?!\*)", "", text))
