"""Checks of a Markdown text: raw HTML, unsafe links, attribute lists and images.

We reject rather than silently strip: a registrator who pasted ``<iframe>`` from an
old web page should learn at which line, not find the content quietly gone. A few
harmless inline tags are allowed. Every generated HTML page is sanitized again on
output (``mkdocs_adapter.on_page_content``), as defence in depth.

What is in the text is found by one tokenizer (:mod:`styrdok.grund.lankar`); what a link
may point to is decided by one rule (:func:`schema`, :func:`tillåtet_mål`), whatever
disguise the target wears. An image must be what the PDF and Word writers can use: a file
under content/ with an alternative text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filgranskning import filproblem
from styrdok.grund.kallfil import Källfil
from styrdok.grund.lankar import KOD, Länk, Tagg, tolka, verkligt_mål
from styrdok.grund.sokvag import MAX_NAMN_BYTE, MAX_TECKEN, hitta_fil, läsbar, sökvägsproblem

TILLÅTNA_TAGGAR = frozenset({"br", "sup", "sub", "abbr", "kbd", "mark", "small", "s", "u"})
TILLÅTNA_SCHEMAN = frozenset({"http", "https", "mailto", "tel"})
MAX_LÄNK = 2 * MAX_TECKEN
"""Web addresses may be longer than file paths, but not without end."""
_SCHEMA = re.compile(r"([^/?#:]+):")
_ATTRIBUTLISTA = re.compile(r"\{(:?)[ \t]*([^}\n \t][^\n]*)\}")
_ATTRIBUTPOST = re.compile(r"""(?:[^\s"']+|"[^"]*"|'[^']*')+|["']""")


# --- what a link may point to ---------------------------------------------------------


def normalisera(mål: str) -> str:
    """The target with every disguise taken off, for judging its scheme: what the browser
    reads (:func:`~styrdok.grund.lankar.verkligt_mål`), character references and
    percent-encoding decoded again and again, whitespace, control and invisible characters,
    backticks and backslashes dropped, lowercase."""
    if mål.isascii() and mål.isprintable() and not any(t in mål for t in "&%`\\ "):
        return mål.lower()  # nothing to take off (most targets)
    text = verkligt_mål(mål)
    for _ in range(8):
        ny = html.unescape(unquote(text))
        if ny == text:
            break
        text = ny
    return "".join(
        t
        for t in text
        if not (t.isspace() or t in "`\\" or unicodedata.category(t) in ("Cc", "Cf", "Cs"))
    ).lower()


def schema(mål: str) -> str | None:
    """The scheme of a target (``https``, ``javascript``), normalized; None when it has none
    (a relative path or an ``#anchor``). Anything before a colon that comes before any
    ``/?#`` counts as a scheme: a browser would read it so, or the link is broken anyway."""
    if ":" not in mål and "&" not in mål and "%" not in mål:
        return None  # no colon, nor one in disguise
    m = _SCHEMA.match(normalisera(mål))
    return m.group(1) if m else None


def tillåtet_mål(mål: str) -> bool:
    """Whether a link may point there: http, https, mailto, tel, or no scheme at all."""
    s = schema(mål)
    return s is None or s in TILLÅTNA_SCHEMAN


# --- the check ---------------------------------------------------------------------------


_OKÄND_SYNTAX = [
    (
        re.compile(r"^ {0,3}(```|~~~)", re.M),
        "kodblock inom ``` eller ~~~ visas som vanlig text; dra in kodraderna fyra mellanslag",
    ),
    (
        re.compile(r"(?<![~\\])~~(?=\S)[^~\n]*?\S~~(?!~)"),
        "~~ ger ingen genomstrykning utan visas som det står; skriv <s>texten</s>",
    ),
    (
        re.compile(r"^ {0,3}(?:[-*+]|\d+[.)]) \[[ xX]\] ", re.M),
        "kryssrutor (- [ ]) visas som hakparenteser; skriv en vanlig lista",
    ),
]
_FOTNOT = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOTNOTSTEXT = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)


def okänd_syntax(text: str) -> list[tuple[int, int, str]]:
    """(line in ``text`` from 0, column, message) for Markdown that the site, PDF and Word
    would print as written: fenced code, ~~, task lists, a footnote without its text."""
    if not any(t in text for t in ("```", "~~", "[", "~~~")):
        return []
    utan_kod = tolka(text).utan_kod
    fynd = []
    for i, (mönster, meddelande) in enumerate(_OKÄND_SYNTAX):
        träffar = list(mönster.finditer(utan_kod))
        träffar = träffar[::2] if i == 0 else träffar  # a fence once, where the block opens
        fynd += [(m.start(), meddelande) for m in träffar]
    texter = set(_FOTNOTSTEXT.findall(utan_kod))
    fynd += [
        (
            m.start(),
            f"fotnoten [^{m[1]}] har ingen text och visas som den står; lägg till en "
            f"rad [^{m[1]}]: ... sist i texten",
        )
        for m in _FOTNOT.finditer(utan_kod)
        if m[1] not in texter
    ]
    ut = []
    for start, meddelande in sorted(fynd):
        rad = utan_kod.count("\n", 0, start)
        ut.append((rad, start - (utan_kod.rfind("\n", 0, start) + 1) + 1, meddelande))
    return ut


def granska(källa: Källfil, rapport: Rapport, innehållsrot: Path) -> None:
    """Report raw HTML, attribute lists, dangerous links and images the writers cannot use;
    warn about Markdown styrdok would print as written."""
    text = källa.brödtext
    for rad, kolumn, meddelande in okänd_syntax(text):
        rapport.varning(källa.visningsnamn, källa.brödtext_rad + rad, kolumn, meddelande)
    if "<" not in text and "[" not in text and "{" not in text:
        return  # most texts of a corpus hold none of them
    tolkning = tolka(text)
    fel: set[tuple[int, int, str]] = set()
    _html(tolkning.taggar, fel)
    if "{" in tolkning.utan_kod:
        _attributlistor(tolkning.utan_kod, fel)
    for länk in tolkning.länkar:
        if (meddelande := _länk(länk)) is not None:
            fel.add((länk.rad, länk.kolumn, meddelande))
        elif länk.bild:
            _bild(länk, källa, innehållsrot, fel)
            if not länk.text.replace(KOD, "").strip():
                rad = text.count("\n", 0, länk.start)
                kolumn = länk.start - (text.rfind("\n", 0, länk.start) + 1) + 1
                mål = läsbar(länk.mål)
                fel.add(
                    (
                        rad,
                        kolumn,
                        f"bilden {mål} saknar alternativtext: skriv ![beskrivning]({mål}), där "
                        "beskrivningen säger vad bilden visar",
                    )
                )
    for rad, kolumn, meddelande in sorted(fel):
        rapport.fel(källa.visningsnamn, källa.brödtext_rad + rad, kolumn, meddelande)


def _html(taggar: tuple[Tagg, ...], fel: set) -> None:
    rapporterade = set()
    for tagg in taggar:
        if tagg.namn == "!--":
            meddelande = "HTML-kommentarer är inte tillåtna i texten; ta bort <!-- ... -->"
        elif tagg.namn in TILLÅTNA_TAGGAR and (
            tagg.stängande or tagg.attribut.strip() in ("", "/")
        ):
            continue
        elif tagg.stängande and (tagg.namn in TILLÅTNA_TAGGAR or tagg.namn in rapporterade):
            continue  # its opening tag has been reported already
        else:
            rapporterade.add(tagg.namn)
            meddelande = (
                f"rå HTML (<{läsbar(tagg.namn[:40])}>) är inte tillåten i texten; skriv det i "
                "Markdown i stället (tillåtna taggar utan attribut: "
                f"{', '.join(sorted(TILLÅTNA_TAGGAR))})"
            )
        fel.add((tagg.rad, tagg.kolumn, meddelande))


def _länk(länk: Länk) -> str | None:
    """What is wrong with a target itself (not where it points), or None."""
    if länk.referens:
        return None  # its definition is checked
    if problem := _sökvägsproblem(länk.mål):
        return f"{'bildens sökväg' if länk.bild else 'länken'} {problem}"
    s = schema(länk.mål)
    if s is not None and s not in TILLÅTNA_SCHEMAN:
        return (
            f"länken {läsbar(s[:40])}: är inte tillåten; länka till en webbadress (https://) "
            "eller ett dokument"
        )
    return None


def _sökvägsproblem(mål: str) -> str | None:
    if mål.isprintable() and len(mål.encode("utf-8", "surrogatepass")) <= MAX_NAMN_BYTE:
        return None  # no control character, and too short to be too long (most targets)
    return sökvägsproblem(mål, MAX_LÄNK)


def _bild(länk: Länk, källa: Källfil, innehållsrot: Path, fel: set) -> None:
    """An image must be a file under content/ (the PDF and Word writers refuse anything else;
    the website should not fetch images from elsewhere either)."""
    mål = läsbar(länk.mål)
    if _sökvägsproblem(länk.mål):
        return  # reported at the definition
    verkligt = verkligt_mål(länk.mål)
    if not verkligt:
        meddelande = "bilden saknar sökväg; skriv ![beskrivning](bild.png)"
    elif schema(länk.mål) is not None or verkligt.startswith(("//", "\\\\")):
        meddelande = (
            f"bilden {mål} är inte en lokal fil; PDF och Word kan bara använda bilder i "
            "content/: spara bilden där och ange sökvägen relativt den här filen"
        )
    elif (fil := _lokal_bild(verkligt, källa, innehållsrot)) is not None:
        if (problem := filproblem(fil)) is None:
            return
        meddelande = f"bilden {mål} {problem}"
    else:
        meddelande = (
            f"bilden {mål} finns inte, eller ligger utanför content/; lägg bilden under "
            "content/ och ange en relativ sökväg"
        )
    fel.add((länk.rad, länk.kolumn, meddelande))


def _lokal_bild(verkligt: str, källa: Källfil, innehållsrot: Path) -> Path | None:
    try:
        väg = unquote(urlsplit(verkligt).path)
    except ValueError:
        return None
    return hitta_fil(innehållsrot, väg, (källa.sökväg.parent,))


def _attributlistor(kod: str, fel: set) -> None:
    """attr_list's ``{: ... }`` may set only classes (``.namn``) and ids (``#namn``); any other
    attribute (``onclick=...``, ``href=...``, ``style``) is an error. Braces in prose
    (``Ange {namn}``) count only where attr_list reads them, or where they look like a list."""
    for m in _ATTRIBUTLISTA.finditer(kod):
        poster = _ATTRIBUTPOST.findall(m.group(2))
        otillåtna = [p for p in poster if p[:1] not in ".#" or "=" in p]
        if not otillåtna:
            continue
        radstart = kod.rfind("\n", 0, m.start()) + 1
        radslut = kod.find("\n", m.end())
        före = kod[radstart : m.start()]
        efter = kod[m.end() : radslut if radslut >= 0 else len(kod)]
        if (
            m.group(1)  # {: ...}
            or any("=" in p or p[:1] in ".#" for p in poster)
            or not före.strip()  # a block's attributes, on a line of their own
            or före[-1:] in (")", "*", "_", ">", "]", KOD)  # right after an inline element
            or (före.lstrip()[:1] in ("#", "|") and not efter.strip(" \t|"))  # heading, cell
        ):
            rad = kod.count("\n", 0, m.start())
            post = läsbar(otillåtna[0][:60].replace(KOD, "`"))
            fel.add(
                (
                    rad,
                    m.start() - radstart + 1,
                    f"attributet {post} i attributlistan {{...}} är inte tillåtet; en "
                    "attributlista får bara ange klasser (.namn) och id (#namn)",
                )
            )
