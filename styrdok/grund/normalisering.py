"""Text normalized for finding a phrase however it is written, as a reader would see it:
Unicode compatibility forms (NFKC: a decomposed ``ö``, full-width letters), case,
whitespace and line breaks, invisible format characters (soft hyphen, zero-width and
invisible separators, word joiners, bidi marks: every Cf and default-ignorable character),
HTML entities (``&nbsp;``, ``&#45;``), the inline HTML a text may hold (``SN 20<u></u>26``,
``L<wbr>VU``, ``<abbr>LVU</abbr>``; ``<br>`` is a space), backslash escapes, attribute
lists and Markdown emphasis and link syntax (``20**26**/377``, ``[Ekvik 4:12](x.md)``,
``[ord][ref]``) do not matter.

What a reader gets besides the running text is searched too, each as a part of its own: a
link's or image's title (``[kartan](https://x "titel")`` is a tooltip) and the attributes
of an inline tag.

:func:`normalisera` keeps, for every character of the normalized text, the index of the
original character it came from, so a match can be reported at its line and column.
:func:`snabb` is the same normalization of a whole artefact's text, at C speed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from styrdok.grund.lankar import BILD, LÄNK, tolka

OSYNLIGA = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160"
    "\u17b4-\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
    "\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
"""A regex class body: every format character (Unicode category Cf) and default-ignorable
code point. Invisible; they break up a word without showing."""
_OSYNLIG = re.compile(f"[{OSYNLIGA}]+")
_MARKÖRER = frozenset("*_~`[]")
"""Markdown emphasis and brackets: syntax, not text."""
_MARKÖR = re.compile(r"[*_~`\[\]]+")
_BORT = re.compile(f"[*_~`\\[\\]{OSYNLIGA}]+")
INLINE_TAGGAR = frozenset(
    {"u", "b", "i", "em", "strong", "abbr", "kbd", "mark", "small", "s", "sub", "sup", "span"}
    | {"wbr", "a"}
)
"""Tags that are nothing in the running text: ``SN 20<u></u>26`` is ``SN 2026``."""
_MELLANRUM_TAGGAR = frozenset({"br"})
_ENTITET = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ESCAPE = frozenset("\\`*_{}[]()>#+-.!")
"""What a backslash escapes in Markdown (Python-Markdown's ESCAPED_CHARS)."""
_TITEL = re.compile(r"""[^"']*?\s(["'])(.*)\1\s*\)\Z""", re.DOTALL)
"""The title of an inline link or image, in what follows its text: ``](mål "titel")``."""
_ATTRIBUTLISTA = re.compile(r"\{:?[ \t]*(?:(?:[#.][^\s{}]+|[\w-]+=[^\s{}]+)[ \t]*)+\}")
"""``{: .klass #id }`` after an element: Python-Markdown's attr_list drops it."""
_DEL = "\x00"
"""Between the running text and each other part (a title, attributes): never in a phrase."""

_HANGUL = re.compile("[\u1161-\u1175\u11a8-\u11c2]")


@dataclass(frozen=True)
class Normaliserad:
    text: str
    """The running text, then each other part after :data:`_DEL`."""
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
    """``text`` (Markdown, or a value that may be read as it) as a reader sees it: its running
    text, then each other part a reader gets (a title, attributes)."""
    bort = bytearray(len(text))  # per character: 0 kept, 1 syntax (nothing), 2 a space
    delar: list[tuple[int, int]] = []  # (start, end) of the other parts
    if "[" in text or "<" in text:
        _markdown(text, bort, delar)
    if "{" in text:
        for m in _ATTRIBUTLISTA.finditer(text):
            bort[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            delar.append((m.start() + 1, m.end() - 1))
    tecken, ursprung = _ström(text, 0, len(text), bort)
    inget = bytearray(len(text)) if delar else bort
    for start, slut in delar:
        t, u = _ström(text, start, slut, inget)
        if t:
            tecken += [_DEL, *t]
            ursprung += [start, *u]
    return Normaliserad("".join(tecken), tuple(ursprung))


def _markdown(text: str, bort: bytearray, delar: list[tuple[int, int]]) -> None:
    """Mark link and image syntax and inline tags as nothing (``<br>`` as a space); titles
    and attributes become parts of their own."""
    tolkning = tolka(text)
    for länk in tolkning.länkar:
        if länk.art not in (LÄNK, BILD) or länk.text_start < 0:
            continue
        bort[länk.start : länk.text_start] = b"\x01" * (länk.text_start - länk.start)
        bort[länk.text_slut : länk.slut] = b"\x01" * (länk.slut - länk.text_slut)
        if not länk.referens:
            efter_mål = länk.mål_start + len(länk.mål)
            if (m := _TITEL.match(text, efter_mål, länk.slut)) is not None:
                delar.append((m.start(2), m.end(2)))
    for tagg in tolkning.taggar:
        if tagg.namn not in INLINE_TAGGAR and tagg.namn not in _MELLANRUM_TAGGAR:
            continue
        slut = text.find(">", tagg.start) + 1
        if slut <= 0:
            continue
        värde = 2 if tagg.namn in _MELLANRUM_TAGGAR else 1
        bort[tagg.start : slut] = bytes([värde]) * (slut - tagg.start)
        if tagg.attribut.strip(" \t\n/"):
            delar.append((slut - 1 - len(tagg.attribut), slut - 1))


def _ström(text: str, start: int, slut: int, bort: bytearray) -> tuple[list[str], list[int]]:
    """The normalized characters of ``text[start:slut]`` and where each came from."""
    tecken: list[str] = []
    ursprung: list[int] = []
    i = start
    while i < slut:
        if bort[i]:
            if bort[i] == 2:
                tecken.append(" ")
                ursprung.append(i)
            i += 1
            continue
        t = text[i]
        if t == "&" and (m := _ENTITET.match(text, i, slut)) is not None:
            avkodat = html.unescape(m.group(0))
            tecken += avkodat
            ursprung += [i] * len(avkodat)
            i = m.end()
            continue
        if t == "\\" and i + 1 < slut and text[i + 1] in _ESCAPE:
            i += 1
            t = text[i]
        tecken.append(t)
        ursprung.append(i)
        i += 1
    if not "".join(tecken).isascii():
        tecken, ursprung = _nfkc(tecken, ursprung)
    return _ord(tecken, ursprung)


def _nfkc(tecken: list[str], ursprung: list[int]) -> tuple[list[str], list[int]]:
    """Invisible characters dropped, then NFKC, a base character with its combining marks at
    a time (all at the base character's place)."""
    par = [(t, u) for t, u in zip(tecken, ursprung, strict=True) if not _OSYNLIG.match(t)]
    tecken, ursprung = [t for t, _ in par], [u for _, u in par]
    if unicodedata.is_normalized("NFKC", "".join(tecken)):
        return tecken, ursprung
    ut: list[str] = []
    ut_ursprung: list[int] = []
    i = 0
    while i < len(tecken):
        j = i + 1
        while j < len(tecken) and (
            unicodedata.combining(tecken[j]) or _HANGUL.match(tecken[j]) is not None
        ):
            j += 1
        bit = unicodedata.normalize("NFKC", "".join(tecken[i:j]))
        ut += bit
        ut_ursprung += [ursprung[i]] * len(bit)
        i = j
    return ut, ut_ursprung


def _ord(tecken: list[str], ursprung: list[int]) -> tuple[list[str], list[int]]:
    """Markers dropped, case folded, whitespace one space, none at the ends."""
    ut: list[str] = []
    ut_ursprung: list[int] = []
    for t, u in zip(tecken, ursprung, strict=True):
        if t in _MARKÖRER:
            continue
        if t.isspace():
            if ut and ut[-1] != " ":
                ut.append(" ")
                ut_ursprung.append(u)
            continue
        for v in t.casefold():
            ut.append(v)
            ut_ursprung.append(u)
    if ut and ut[-1] == " ":
        ut.pop()
        ut_ursprung.pop()
    return ut, ut_ursprung


def fras(text: str) -> str:
    """A phrase normalized the same way, for searching: its running text."""
    return normalisera(text).text.split(_DEL, 1)[0]


def rad_och_kolumn(text: str, index: int) -> tuple[int, int]:
    """0-based line and 1-based column of ``index`` in ``text``."""
    rad = text.count("\n", 0, index)
    return rad, index - (text.rfind("\n", 0, index) + 1) + 1


def snabb(text: str) -> str:
    """The same normalization for large texts without keeping positions (C speed): for
    reading whole artefacts, whose markup the caller has already taken apart."""
    if "&" in text:
        text = html.unescape(text)
    if text.isascii():
        return " ".join(_MARKÖR.sub("", text).casefold().split())
    text = _BORT.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _MARKÖR.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(text.casefold().split())
