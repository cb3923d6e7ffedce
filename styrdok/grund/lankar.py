"""Every link, image, reference definition, autolink and raw HTML tag in a Markdown text,
found as Python-Markdown (with mkdocs.yml's extensions) reads them, each with its line and
column. What is allowed is decided in :mod:`styrdok.grund.brodtext`.

Where Python-Markdown's reading cannot be known from the text alone, this finds too much
rather than too little. There are no fenced blocks (``fenced_code`` is not enabled); an
indented block is code only after a blank line, outside list items and admonitions, and
never first (kinds ``strip()`` a text before placing it). A code span counts within one
line, and only while every earlier backtick of the text paired within its own line. A tag
may span lines and needs no valid syntax; a link target is read with Python-Markdown's own
parse of ``(...)``.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, replace
from functools import lru_cache

LÄNK, BILD, DEFINITION, AUTOLÄNK = "länk", "bild", "definition", "autolänk"
KOD = "\x1a"
"""Masks code (no space, bracket, quote or backslash, like Python-Markdown's placeholder)."""


@dataclass(frozen=True)
class Länk:
    """A link, an image, a reference definition or an autolink, from ``start`` (``[``, ``![``,
    ``<``) to ``slut`` (after ``)``, ``]``, ``>``, or a definition's line). ``mål`` is the
    target as written (without ``<>``); a reference's (``[text][etikett]``) is its definition's,
    and so are ``mål_start``, ``rad`` and ``kolumn``."""

    art: str
    mål: str
    mål_start: int
    start: int
    slut: int
    text: str = ""
    """The link text or alt text (from ``text_start``)."""
    text_start: int = -1
    etikett: str | None = None
    """A definition's or a reference's label, normalized as Python-Markdown does."""
    referens: bool = False
    """A use of a definition (``[text][etikett]``, ``[etikett]``)."""
    rad: int = 0
    kolumn: int = 0
    """The target's 0-based line in the text and 1-based column."""

    @property
    def bild(self) -> bool:
        return self.art == BILD

    @property
    def text_slut(self) -> int:
        return self.text_start + len(self.text)


@dataclass(frozen=True)
class Tagg:
    """Raw HTML: a tag, a comment (``!--``), a declaration (``!doctype``) or ``?``."""

    namn: str
    stängande: bool
    attribut: str
    start: int
    rad: int = 0
    kolumn: int = 0


@dataclass(frozen=True)
class Tolkning:
    länkar: tuple[Länk, ...] = ()
    taggar: tuple[Tagg, ...] = ()
    utan_kod: str = ""
    """The text with code masked (blocks blank, spans as ``KOD``), for other checks."""


_SPANN_I_MÅL = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")  # Python-Markdown's ESCAPED_CHARS


def verkligt_mål(mål: str) -> str:
    """The target as a browser reads it: what Python-Markdown writes into href or src (code
    spans as their text, backslash escapes undone), character references decoded."""
    if "`" in mål:
        mål = _SPANN_I_MÅL.sub(lambda m: m.group(2).strip(), mål)
    if "\\" in mål:
        mål = _MD_ESCAPE.sub(r"\1", mål)
    return html.unescape(mål).strip()


@lru_cache(maxsize=512)
def tolka(text: str) -> Tolkning:
    """Every link, image, definition, autolink and raw HTML tag in ``text`` outside code, in
    the order they stand."""
    if "<" not in text and "[" not in text and "{" not in text:
        return Tolkning(utan_kod=text)
    kod, block = _utan_kod(text)
    if "<" not in kod and "[" not in kod:
        return Tolkning(utan_kod=kod)
    struktur = _MD_ESCAPE.sub(KOD * 2, kod) if "\\" in kod else kod  # \[ is no bracket
    definitioner = _definitioner(text, kod)
    hela = [d for d, hel in definitioner if hel]
    gällande = {d.etikett: d for d, hel in sorted(definitioner, key=lambda par: par[1])}
    länkar = [*(d for d, _ in definitioner), *_länkar(text, struktur)]
    länkar += _referenser(text, struktur, hela, gällande)
    taggar, autolänkar = _vinklar(kod, block) if "<" in kod else ([], [])
    # [x](<a b.pdf>), [r]: <a.pdf>: no tag but a target, where that is certain (the [ in the
    # same line and cell; a definition in Python-Markdown's full syntax).
    vinkelmål = {
        x.mål_start - 1
        for x in länkar
        if not x.referens
        and text[x.mål_start - 1 : x.mål_start] == "<"
        and not {"\n", "|"} & set(text[x.start : x.mål_start])
        and (x.art != DEFINITION or x in hela)
    }
    taggar = [t for t in taggar if t.start not in vinkelmål]
    länkar += [a for a in autolänkar if a.start not in vinkelmål]
    radstarter = [0, *(m.end() for m in re.finditer("\n", text))]
    for del_ in (*länkar, *taggar):  # positions, set once before anyone sees the tokens
        index = del_.start if isinstance(del_, Tagg) else del_.mål_start
        rad = bisect.bisect_right(radstarter, index) - 1
        object.__setattr__(del_, "rad", rad)
        object.__setattr__(del_, "kolumn", index - radstarter[rad] + 1)
    return Tolkning(tuple(sorted(länkar, key=lambda x: x.start)), tuple(taggar), kod)


def _utan_kod(text: str) -> tuple[str, str]:
    """``text`` with certain code blocks blank and certain code spans masked, and with only
    the code blocks blank."""
    rader = text.split("\n")
    kodrader = _kodblock(rader) if "    " in text or "\t" in text else set()
    for i in kodrader:
        rader[i] = " " * len(rader[i])
    block = "\n".join(rader)
    säker = "`" in text
    for i, rad in enumerate(rader if säker else ()):
        if "`" in rad and i not in kodrader:
            spann, säker = _kodspann(rad)
            for s, e in spann:
                rad = rad[:s] + KOD * (e - s) + rad[e:]
            rader[i] = rad
            if not säker:
                break
    return "\n".join(rader), block


_BEHÅLLARE = re.compile(r"[ ]{0,3}(?:(?:[*+-]|\d+[.)]|:)(?:[ \t]|$)|!!!|\[\^[^\]]*\]:)")
"""A list item, an admonition, a definition (``: ``) or a footnote (``[^1]:``): what follows
indented is its content, not code."""


def _kodblock(rader: list[str]) -> set[int]:
    kod: set[int] = set()
    efter_tom = i_kod = i_behållare = sett_text = False
    for i, rad in enumerate(rader):
        if not rad.strip():
            efter_tom = True
            continue
        utan_tabb = rad.expandtabs(4)
        indrag = len(utan_tabb) - len(utan_tabb.lstrip())
        if indrag >= 4 and (i_kod or (efter_tom and sett_text and not i_behållare)):
            kod.add(i)
            i_kod = True
        elif indrag >= 4:
            i_kod = False
        else:
            i_kod = False
            if _BEHÅLLARE.match(utan_tabb):
                i_behållare = True
            elif efter_tom:
                i_behållare = False
        sett_text, efter_tom = True, False
    return kod


_BACKTICKS = re.compile(r"`+")


def _kodspann(rad: str) -> tuple[list[tuple[int, int]], bool]:
    """The code spans of one line, and whether every backtick on it was paired (unescaped)."""
    körningar = [(m.start(), m.end()) for m in _BACKTICKS.finditer(rad)]
    spann: list[tuple[int, int]] = []
    i = 0
    while i < len(körningar):
        s, e = körningar[i]
        if s and rad[s - 1] == "\\":
            return spann, False
        j = next(
            (j for j in range(i + 1, len(körningar)) if körningar[j][1] - körningar[j][0] == e - s),
            None,
        )
        if j is None:
            return spann, False
        spann.append((s, körningar[j][1]))
        i = j + 1
    return spann, True


def _etikett(text: str) -> str:
    return " ".join(text.split()).lower()


_DEFINITION = re.compile(
    r"^[ \t]*(?:(?:[*+-]|\d+[.)])[ \t]+|>[ \t]*)*\[([^\[\]]*)\]:[ \t]*(?:\n[ \t]*)?(\S+)[^\n]*",
    re.M,
)
_DEFINITION_HEL = re.compile(
    r"[ ]{0,3}(?:(?:[*+-]|\d+\.)[ ]+|>[ ]?)*\[[^\[\]]*\]:[ ]*(?:\n[ ]*)?\S+[ ]*(?:\n[ ]*)?"
    r"(?:([\"'])(.*)\1[ ]*|\((.*)\)[ ]*)?$",
    re.M,
)


def _definitioner(text: str, kod: str) -> list[tuple[Länk, bool]]:
    """Reference definitions ``[etikett]: mål``, each with whether it is in Python-Markdown's
    full syntax (the others are found too, in case Python-Markdown reads them after all)."""
    definitioner = []
    for m in _DEFINITION.finditer(kod) if "]:" in kod else ():
        rå = text[m.start(2) : m.end(2)]
        mål = rå.lstrip("<")
        mål_start = m.start(2) + len(rå) - len(mål)
        etikett = _etikett(m.group(1))
        del_ = Länk(
            DEFINITION, mål.rstrip(">"), mål_start, m.start(1) - 1, m.end(), etikett=etikett
        )
        definitioner.append((del_, _DEFINITION_HEL.match(kod, m.start()) is not None))
    return definitioner


def _länkar(text: str, struktur: str) -> list[Länk]:
    """Inline links and images: every ``](`` whose ``(...)`` Python-Markdown reads as a target."""
    länkar = []
    öppningar = {stängning: öppning for öppning, stängning in _par(struktur).items()}
    for m in re.finditer(r"\]\(", struktur):
        öppning = öppningar.get(m.start())
        tolkat = _parentes(struktur, m.start() + 1) if öppning is not None else None
        if öppning is None or tolkat is None:
            continue
        mål_start, mål_slut, slut = tolkat
        while mål_start < mål_slut and text[mål_start].isspace():
            mål_start += 1
        while mål_slut > mål_start and text[mål_slut - 1].isspace():
            mål_slut -= 1
        bild = öppning > 0 and struktur[öppning - 1] == "!"
        art, start = (BILD, öppning - 1) if bild else (LÄNK, öppning)
        etikett = text[öppning + 1 : m.start()]
        länkar.append(
            Länk(art, text[mål_start:mål_slut], mål_start, start, slut, etikett, öppning + 1)
        )
    return länkar


def _par(text: str) -> dict[int, int]:
    """Each ``[`` and the ``]`` that closes it (nested brackets counted, as Python-Markdown)."""
    par, öppna = {}, []
    for m in re.finditer(r"[\[\]]", text):
        if m.group() == "[":
            öppna.append(m.start())
        elif öppna:
            par[öppna.pop()] = m.start()
    return par


_PARENTES = re.compile(r"""\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\))?""", re.DOTALL)
MAX_MÅL = 4096  # how far a target is followed; one not closed by then is judged as it stands


def _parentes(data: str, index: int) -> tuple[int, int, int] | None:
    """(start, end of the target, end of the link) for the ``(...)`` at ``index``, or None when
    it is no target: Python-Markdown's ``LinkInlineProcessor.getLink``, step by step."""
    m = _PARENTES.match(data, index, index + MAX_MÅL)
    if m is None:
        return None
    if m.group(1):
        return m.start(1) + 1, m.end(1) - 1, m.end()
    djup = reserv = 1
    start = index = m.end()
    sista_parentes = -1
    citat = alt_citat = None
    citat_start = citat_slut = alt_start = alt_slut = -1
    sist = ""
    for c in data[start : start + MAX_MÅL]:
        if c == "(":
            if not citat:
                djup += 1
            elif reserv > 0:
                reserv -= 1
        elif c == ")":
            if (citat_slut != -1 and citat == sist) or (alt_slut != -1 and alt_citat == sist):
                djup = 0
            elif not citat:
                djup -= 1
            elif reserv > 0:
                reserv -= 1
                if reserv == 0:
                    sista_parentes = index + 1
        elif c in ("'", '"'):
            if not citat:
                reserv, djup, citat_start, citat = djup, 1, index + 1, c
            elif c != citat and not alt_citat:
                alt_start, alt_citat = index + 1, c
            elif c == citat:
                citat_slut = index + 1
            elif alt_citat and c == alt_citat:
                alt_slut = index + 1
        index += 1
        if djup == 0:
            if citat_slut >= 0 and citat == sist:
                return start, citat_start - 1, index
            if alt_slut >= 0 and alt_citat == sist:
                return start, alt_start - 1, index
            return start, index - 1, index
        if c != " ":
            sist = c
    if djup != 0 and reserv == 0:
        return start, sista_parentes - 1, sista_parentes
    if len(data) > start + MAX_MÅL:  # unclosed this far: judge what stands there
        return start, start + MAX_MÅL, start + MAX_MÅL
    return None


_REFERENS = re.compile(r"\s?\[([^\]]*)\]")


def _referenser(
    text: str, struktur: str, hela: list[Länk], definitioner: dict[str, Länk]
) -> list[Länk]:
    """Uses of definitions: ``[text][etikett]``, ``[text] [etikett]``, ``[text][]``, ``[etikett]``."""
    if not definitioner:
        return []
    for d in hela:  # a definition is no use of itself
        struktur = struktur[: d.start] + KOD * (d.slut - d.start) + struktur[d.slut :]
    länkar = []
    par = _par(struktur)
    i = struktur.find("[")
    while i >= 0:
        stängning = par.get(i)
        nästa = i + 1
        if stängning is None:
            i = struktur.find("[", nästa)
            continue
        if not struktur.startswith("(", stängning + 1):
            etikett_text = text[i + 1 : stängning]
            försök = []
            if m := _REFERENS.match(struktur, stängning + 1):
                försök.append((text[m.start(1) : m.end(1)] or etikett_text, m.end()))
            försök.append((etikett_text, stängning + 1))
            for etikett, slut in försök:
                if (d := definitioner.get(_etikett(etikett))) is not None:
                    art, start = (BILD, i - 1) if i and struktur[i - 1] == "!" else (LÄNK, i)
                    del_ = Länk(art, d.mål, d.mål_start, start, slut, etikett_text, i + 1)
                    länkar.append(replace(del_, etikett=d.etikett, referens=True))
                    nästa = slut
                    break
        i = struktur.find("[", nästa)
    return länkar


_VINKEL = re.compile(
    r"<(?:(!--)"
    r"|([A-Za-z][A-Za-z0-9+.\-]*:[^<>]*)>"
    r"|([^<>\s!]+@[^@<>\s]+)>"
    r"|(/?)([A-Za-z][^\s/<>" + KOD + r"]*)"
    r"|([!?][^\s<>]*))"
)


def _vinklar(kod: str, block: str) -> tuple[list[Tagg], list[Länk]]:
    """Raw HTML and autolinks (``<https://...>``, ``<namn@exempel.se>``) starting outside code
    (``kod``). A tag may span lines (a blank one only when it starts a line) and ends at the
    first ``>`` outside code blocks (``block``): block-level HTML is taken before code spans."""
    taggar, autolänkar = [], []
    tomma = [m.start() for m in _TOM_RAD.finditer(kod)]
    for m in _VINKEL.finditer(kod):
        if m.group(1):
            taggar.append(Tagg("!--", False, "", m.start()))
        elif m.group(2) or m.group(3):
            mål = m.group(2) or f"mailto:{m.group(3)}"
            autolänkar.append(Länk(AUTOLÄNK, mål, m.start() + 1, m.start(), m.end()))
        else:
            gräns = bisect.bisect_right(tomma, m.end())
            radstart = kod.rfind("\n", 0, m.start()) + 1
            if gräns < len(tomma) and kod[radstart : m.start()].strip():
                gräns = tomma[gräns]  # inline HTML ends with its block; block-level HTML not
            else:
                gräns = len(kod)
            slut = block.find(">", m.end(), gräns)
            if slut >= 0:
                namn = (m.group(5) or m.group(6)).lower()
                attribut = block[m.end() : slut]
                taggar.append(Tagg(namn, bool(m.group(4)), attribut, m.start()))
    return taggar, autolänkar


_TOM_RAD = re.compile(r"\n[ \t]*(?=\n)")
