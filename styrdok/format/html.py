"""Markdown body → sanitized HTML, shared by the PDF and Word writers.

The body's headings start at ``##`` (the title is the only h1) and nothing is
demoted. Raw HTML is allowed only in the small subset both writers can render;
dangerous elements (script, style, iframe …) are dropped with their content,
anything else unknown is a user error, because silently losing it would change
the meaning of a governance document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import nh3

from styrdok.format.gemensamt import plats_i_källan
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.markdown_gallring import GallringsTillägg
from styrdok.grund.sokvag import inom
from styrdok.karna.utdata import DokumentVy

TILLÅTNA_TAGGAR = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "br",
        "hr",
        "blockquote",
        "pre",
        "code",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "caption",
        "a",
        "strong",
        "b",
        "em",
        "i",
        "sub",
        "sup",
        "abbr",
        "kbd",
        "mark",
        "small",
        "s",
        "u",
        "span",
        "div",
        "img",
    }
)
# Dropped together with their content: executable or invisible by nature.
BORTTAGNA_TAGGAR = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "frame",
        "frameset",
        "applet",
        "link",
        "meta",
        "base",
        "svg",
        "math",
    }
)
ATTRIBUT = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
}
MAX_DJUP = 40
"""Elements inside each other the writers take (WeasyPrint and the Word walk recurse); a
governing document needs perhaps ten: a table in a list in a quote."""
# Relative links are allowed (anchors, other documents); file: and javascript: are not.
URL_SCHEMAN = {"http", "https", "mailto", "tel"}
MARKDOWN_TILLÄGG = ["tables", "sane_lists", "attr_list", "footnotes", "def_list", "abbr"]
"""The writers' Markdown: the site's (styrdok/webb/mkdocs.yml) without the web's admonitions
and heading anchors; footnotes, definition lists and abbreviations as real documents use them."""
MARKDOWN_INSTÄLLNINGAR = {"footnotes": {"BACKLINK_TITLE": "Tillbaka till fotnot %d i texten"}}


@dataclass(frozen=True)
class Bild:
    """An image referenced from the body, already checked to lie inside content/, or made
    for the document (``DokumentVy.bilder``, e.g. a chart)."""

    src: str
    sökväg: Path
    """The file; for an image made for the document, where the body's folder would have it
    (an address only: the bytes are ``data``)."""
    alt: str
    data: bytes | None = None


@dataclass(frozen=True)
class Brödtext:
    html: str
    bilder: tuple[Bild, ...]

    def bild(self, src: str) -> Bild | None:
        return next((b for b in self.bilder if b.src == src), None)


def markdown_till_html(vy: DokumentVy) -> Brödtext:
    """Convert and sanitize ``vy.brödtext``; raise StyrdokFel for user mistakes."""
    try:
        rå = markdown_html(vy.brödtext)
    except RecursionError:  # Python-Markdown on lists hundreds of levels deep
        raise _för_djupt(vy) from None
    if _djup(rå) > MAX_DJUP:
        raise _för_djupt(vy)
    inventering = _inventera(rå)
    _kontrollera_taggar(vy, inventering.okända)
    bilder = tuple(_kontrollera_bild(vy, src, alt) for src, alt in inventering.bilder)
    ren = nh3.clean(
        rå,
        tags=set(TILLÅTNA_TAGGAR),
        clean_content_tags=set(BORTTAGNA_TAGGAR),
        attributes={k: set(v) for k, v in ATTRIBUT.items()},
        url_schemes=set(URL_SCHEMAN),
        filter_style_properties={"text-align"},
        link_rel=None,
    )
    return Brödtext(_etiketter(_kolumnrubriker(ren)), bilder)


def markdown_html(text: str) -> str:
    """Python-Markdown, exactly as ``markdown.markdown(text, extensions=MARKDOWN_TILLÄGG)``,
    faster: one converter per process, reset before each document (building one costs as
    much as converting a short document), with :mod:`styrdok.grund.markdown_gallring`."""
    return _markdown().reset().convert(text)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*MARKDOWN_TILLÄGG, GallringsTillägg()],
        extension_configs=MARKDOWN_INSTÄLLNINGAR,
        output_format="html",
    )


_TAGG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_TOMMA_TAGGAR = frozenset({"br", "hr", "img", "wbr", "input", "meta", "link", "source", "col"})


def _djup(html: str) -> int:
    """How deeply elements nest in ``html`` (close enough: a tag left open counts)."""
    djup = störst = 0
    for träff in _TAGG.finditer(html):
        if träff[2].lower() in _TOMMA_TAGGAR or träff[0].endswith("/>"):
            continue
        djup = max(djup - 1, 0) if träff[1] else djup + 1
        störst = max(störst, djup)
    return störst


def _för_djupt(vy: DokumentVy) -> StyrdokFel:
    """The error, at the line that nests deepest by a rough measure: indentation, > and <."""

    def mått(rad: str) -> int:
        return (len(rad) - len(rad.lstrip(" \t"))) // 2 + rad.count(">") + rad.count("<")

    djupast = max(vy.brödtext.splitlines() or [""], key=mått).strip()
    rad, kolumn = plats_i_källan(vy, djupast) if djupast else (1, 1)
    return StyrdokFel(
        f"texten har för många nivåer inuti varandra (listor, citat eller formatering; högst "
        f"{MAX_DJUP}) för att bli PDF eller Word; gör strukturen plattare",
        vy.källfil,
        rad,
        kolumn,
    )


def _kolumnrubriker(html: str) -> str:
    """Give header cells an explicit scope; Markdown tables only have column headers."""
    return re.sub(r"<th(?=[\s>/])(?![^>]*\bscope=)", '<th scope="col"', html)


_ETIKETT = re.compile(r"<p>(\s*<strong>[^<]*</strong>\s*)</p>")
_BILD = re.compile(r"<p>(\s*<img\s[^>]*>\s*)</p>")


def _etiketter(html: str) -> str:
    """A paragraph that is only bold text (**Förslag till beslut**) labels what follows: class
    ``etikett``; a paragraph that is only an image (a chart) is followed by what explains it:
    class ``bild``. Both writers keep either on the same page as the next block."""
    html = _ETIKETT.sub(r'<p class="etikett">\1</p>', html)
    return _BILD.sub(r'<p class="bild">\1</p>', html)


@dataclass
class _Inventering:
    okända: list[str]
    bilder: list[tuple[str, str]]


class _Inventerare(HTMLParser):
    """Collects unknown tags and image references, skipping dropped elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resultat = _Inventering([], [])
        self._i_borttagen = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BORTTAGNA_TAGGAR:
            self._i_borttagen += 1
        elif self._i_borttagen:
            return
        elif tag not in TILLÅTNA_TAGGAR:
            self.resultat.okända.append(tag)
        elif tag == "img":
            attr = dict(attrs)
            self.resultat.bilder.append((attr.get("src") or "", attr.get("alt") or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in BORTTAGNA_TAGGAR:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in BORTTAGNA_TAGGAR and self._i_borttagen:
            self._i_borttagen -= 1


# A tag name as HTMLParser reads one; matches every start tag, and possibly more.
_STARTTAGG = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)")
_VANLIGA_TAGGAR = TILLÅTNA_TAGGAR - {"img"}


def _inventera(html: str) -> _Inventering:
    if {namn.lower() for namn in _STARTTAGG.findall(html)} <= _VANLIGA_TAGGAR:
        return _Inventering([], [])  # only known tags and no images: nothing to collect
    parser = _Inventerare()
    parser.feed(html)
    parser.close()
    return parser.resultat


def _kontrollera_taggar(vy: DokumentVy, okända: list[str]) -> None:
    if okända:
        tagg = okända[0]
        rad, kolumn = plats_i_källan(vy, f"<{tagg}")
        raise StyrdokFel(
            f"HTML-elementet <{tagg}> kan inte återges i PDF eller Word; "
            "skriv innehållet i Markdown i stället",
            vy.källfil,
            rad,
            kolumn,
        )


def _kontrollera_bild(vy: DokumentVy, src: str, alt: str) -> Bild:
    """Resolve an image reference; it must be a relative path to a file inside content/."""
    genererad = dict(vy.bilder).get(src) if src else None
    if genererad is not None:
        if not alt.strip():
            raise StyrdokFel(f"bilden '{src}' saknar alternativtext", vy.källfil)
        return Bild(src, Path(vy.källfil).parent / src, alt, genererad)
    rad, kolumn = plats_i_källan(vy, src) if src else (1, 1)

    def fel(meddelande: str) -> StyrdokFel:
        return StyrdokFel(meddelande, vy.källfil, rad, kolumn)

    if not src:
        raise fel("bilden saknar sökväg")
    delar = urlsplit(src)
    if delar.scheme or delar.netloc:
        raise fel(
            f"bilden '{src}' är inte en lokal fil; PDF och Word kan bara använda bilder i content/"
        )
    relativ = unquote(delar.path)
    if relativ.startswith("/") or Path(relativ).is_absolute():
        raise fel(f"bildens sökväg '{src}' är absolut; ange den relativt dokumentet")
    sökväg = inom(Path(vy.innehållsrot), Path(vy.källfil).parent / relativ)
    if sökväg is None:
        raise fel(f"bilden '{src}' finns inte, eller ligger utanför content/")
    if not alt.strip():
        # PDF/UA and the accessibility law both need a text alternative.
        raise fel(f"bilden '{src}' saknar alternativtext: skriv ![beskrivning]({src})")
    return Bild(src, sökväg, alt)


@dataclass
class Nod:
    tagg: str
    attr: dict[str, str]
    barn: list[Nod | str]


class _Trädbyggare(HTMLParser):
    TOMMA = frozenset({"br", "hr", "img"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rot = Nod("rot", {}, [])
        self._stack = [self.rot]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        nod = Nod(tag, {k: v or "" for k, v in attrs}, [])
        self._stack[-1].barn.append(nod)
        if tag not in self.TOMMA:
            self._stack.append(nod)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].barn.append(Nod(tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        if any(n.tagg == tag for n in self._stack[1:]):
            while self._stack.pop().tagg != tag:
                pass

    def handle_data(self, data: str) -> None:
        self._stack[-1].barn.append(data)


def tolka_html(html: str) -> Nod:
    byggare = _Trädbyggare()
    byggare.feed(html)
    byggare.close()
    return byggare.rot
