"""Text normalized for finding a phrase however it is written: case, whitespace and line
breaks, soft hyphens and zero-width characters, HTML entities (``&nbsp;``, ``&#45;``), and
Markdown emphasis and link syntax (``20**26**/377``, ``[Ekvik 4:12](x.md)``) do not matter.

:func:`normalisera` keeps, for every character of the normalized text, the index of the
original character it came from, so a match can be reported at its line and column.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_OSYNLIGA = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
"""Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, break up a word."""
_MARKÖRER = frozenset("*_~`[]")
"""Markdown emphasis and link brackets: syntax, not text."""
_ENTITET = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LÄNKMÅL = re.compile(r"\]\([^)\n]*\)")
"""The target of an inline link: dropped, the link text stays."""


@dataclass(frozen=True)
class Normaliserad:
    text: str
    ursprung: tuple[int, ...]
    """For each character of ``text``, its index in the original."""

    def hitta(self, nål: str) -> list[int]:
        """Original indexes where the normalized phrase ``nål`` starts, at word boundaries."""
        träffar, start = [], 0
        while (i := self.text.find(nål, start)) >= 0:
            före = self.text[i - 1] if i else " "
            efter = self.text[i + len(nål)] if i + len(nål) < len(self.text) else " "
            if not före.isalnum() and not efter.isalnum():
                träffar.append(self.ursprung[i])
            start = i + 1
        return träffar


def normalisera(text: str) -> Normaliserad:
    ut: list[str] = []
    ursprung: list[int] = []
    i = 0
    while i < len(text):
        if (m := _LÄNKMÅL.match(text, i)) is not None:
            i = m.end()
            continue
        tecken, nästa = text[i], i + 1
        if tecken == "&" and (m := _ENTITET.match(text, i)) is not None:
            tecken, nästa = html.unescape(m.group(0)), m.end()
        for t in tecken:
            if t in _OSYNLIGA or t in _MARKÖRER:
                continue
            if t.isspace():
                if ut and ut[-1] != " ":
                    ut.append(" ")
                    ursprung.append(i)
                continue
            ut.append(t.lower())
            ursprung.append(i)
        i = nästa
    return Normaliserad("".join(ut).strip(), tuple(ursprung[: len("".join(ut).rstrip())]))


def fras(text: str) -> str:
    """A phrase normalized the same way, for searching."""
    return normalisera(text).text


def rad_och_kolumn(text: str, index: int) -> tuple[int, int]:
    """0-based line and 1-based column of ``index`` in ``text``."""
    rad = text.count("\n", 0, index)
    return rad, index - (text.rfind("\n", 0, index) + 1) + 1


_BORT = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff*_~`\\[\\]]+")


def snabb(text: str) -> str:
    """The same normalization for large texts without keeping positions (C speed): for
    reading whole artefacts. Link targets in Markdown are not dropped."""
    return " ".join(_BORT.sub("", html.unescape(text)).lower().split())
