"""Links between sources: where a relative link in a text points, whether it may point
there, and the text rewritten for the website and for PDF and Word.

A source links to another document by its source file, relative to its own folder
(``[Finanspolicyn](../ekonomi/finanspolicy.md#syfte)``), and to an attachment or an image
the same way (``[Bilaga 1](bilagor/taxa.pdf)``). That works in an editor's preview, and
styrdok checks it (:func:`granska_länkar`) and rewrites it:

* :func:`skriv_om`: for a page of the site, a document becomes the relative link to its page
  (a KFS entry's permalink page); a file becomes ``filer/innehall/<path under content/>``,
  which the build copies; what the site variant does not hold becomes plain text.
* :func:`för_dokument`: for PDF and Word, a document becomes the absolute address of its
  page on the public website; anything else local becomes plain text.

Only the targets (and, for plain text, the link syntax around the text) change; every
other character of the text stays as it was. Call these after every kind is loaded
(``Slag.validera`` or later): a link may name a document of a kind loaded after its own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from styrdok.grund.brodtext import MAX_LÄNK, TILLÅTNA_SCHEMAN, schema
from styrdok.grund.lankar import AUTOLÄNK, BILD, DEFINITION, Länk, tolka, verkligt_mål
from styrdok.grund.sokvag import inom, sökvägsproblem
from styrdok.grund.text import länk
from styrdok.karna.slag import Referens

if TYPE_CHECKING:
    from styrdok.karna.korpus import Korpus

FILMAPP = "filer/innehall"
"""Where files that texts link to are published in the site, by their path under content/."""
KÄLLÄNDELSER = frozenset({".md", ".markdown", ".yml", ".yaml"})
"""Sources are never published as files: linked, they must be a document's page."""

EXTERN, ANKARE, NÄTVÄG, ABSOLUT, OGILTIG = "extern", "ankare", "nätväg", "absolut", "ogiltig"
DOKUMENT, FIL, KÄLLFIL, SAKNAS = "dokument", "fil", "källfil", "saknas"
_TEXT = object()
"""A decision: the link becomes plain text (its text stays, the link goes)."""
_SÄKRA = "/-._~!$&+,;=@"
"""Characters a rewritten target keeps as they are; the rest is percent-encoded."""


@dataclass(frozen=True)
class Mål:
    """Where a link points: ``art`` is one of EXTERN (a web address, mailto:, tel:), ANKARE
    (``#rubrik``), NÄTVÄG (``//värd/...``), ABSOLUT (``/...``), OGILTIG (reported by
    :func:`styrdok.grund.brodtext.granska`), DOKUMENT (a document's source, ``referens``),
    FIL (a file under content/, ``fil``), KÄLLFIL (a source that is no document of this
    korpus) or SAKNAS (nothing there)."""

    art: str
    referens: Referens | None = None
    fil: Path | None = None
    fragment: str = ""
    väg: str = ""
    """The path as written, decoded (for messages and suggestions)."""


def upplös(korpus: Korpus, källa_sökväg: Path, mål: str) -> Mål:
    """Where ``mål``, written in the source ``källa_sökväg``, points."""
    if sökvägsproblem(mål, MAX_LÄNK):
        return Mål(OGILTIG)
    if (s := schema(mål)) is not None:
        return Mål(EXTERN if s in TILLÅTNA_SCHEMAN else OGILTIG)
    verkligt = verkligt_mål(mål)
    if verkligt.startswith(("//", "\\\\")):
        return Mål(NÄTVÄG)
    try:
        delar = urlsplit(verkligt)
    except ValueError:
        return Mål(SAKNAS, väg=verkligt)
    väg, fragment = unquote(delar.path), unquote(delar.fragment)
    if not väg:
        return Mål(ANKARE, fragment=fragment)
    if väg.startswith(("/", "\\")):
        return Mål(ABSOLUT, fragment=fragment, väg=väg)
    fil = None if sökvägsproblem(väg) else inom(korpus.innehåll, källa_sökväg.parent / väg)
    if fil is None or any(
        d.startswith(".") for d in fil.relative_to(korpus.innehåll.resolve()).parts
    ):
        return Mål(SAKNAS, fragment=fragment, väg=väg)
    if (ref := dokument_efter_källfil(korpus).get(fil) or _som_id(korpus, fil)) is not None:
        return Mål(DOKUMENT, ref, fil, fragment, väg)
    return Mål(KÄLLFIL if fil.suffix.lower() in KÄLLÄNDELSER else FIL, None, fil, fragment, väg)


def dokument_efter_källfil(korpus: Korpus) -> dict[Path, Referens]:
    """Every document of the korpus by its resolved source file (``Korpus.referens_med_källa``
    for all of them at once). Keyed by how many kinds are loaded, so that a call made while
    loading cannot leave an incomplete index behind."""

    def index() -> dict[Path, Referens]:
        dokument: dict[Path, Referens] = {}
        for text in korpus.referenser():
            if (ref := korpus.slå_upp(text)) is not None:
                dokument.setdefault(ref.källfil.resolve(), ref)
        return dokument

    return korpus.härlett(f"lankar.dokument.{len(korpus.data)}", index)


def _som_id(korpus: Korpus, fil: Path) -> Referens | None:
    """The document whose id is the file's path under content/ (``sidor/om``), for kinds that
    answer ``slå_upp`` but do not list their ids in ``referenser``."""
    id_ = fil.relative_to(korpus.innehåll.resolve()).with_suffix("").as_posix()
    ref = korpus.slå_upp(id_)
    return ref if ref is not None and ref.källfil.resolve() == fil else None


# --- rewriting ---------------------------------------------------------------------------


def skriv_om(
    korpus: Korpus, källa_sökväg: Path, text: str, sidväg: str
) -> tuple[str, dict[str, Path]]:
    """``text`` for a page at ``sidväg`` (a ``.md`` path under docs) of the site ``korpus`` is
    for, and the files it links to (site path → source file) for the build to copy. A link to
    a document becomes a link to its page (``#anchor`` kept); a link or image to a file
    under content/, to its copy under ``filer/innehall/``; a link to what this site does
    not hold (an intranet document on the public site), or to nothing, becomes plain text."""
    filer: dict[str, Path] = {}

    def välj(del_: Länk, mål: Mål):
        if mål.art == DOKUMENT and not del_.bild:
            return _url(länk(sidväg, mål.referens.sidväg), mål.fragment)
        if mål.art == FIL:
            väg = innehållsväg(korpus, mål.fil)
            filer[väg] = mål.fil
            return _url(länk(sidväg, väg), mål.fragment)
        if mål.art in (DOKUMENT, KÄLLFIL, SAKNAS, ABSOLUT):
            return _TEXT
        return None

    return _skriv(korpus, källa_sökväg, text, välj), filer


class Webbtexter:
    """The source texts of one page, rewritten by :func:`skriv_om` as they are placed, with
    every file they link to collected for the page (``Sida.filer``)."""

    def __init__(self, korpus: Korpus, källa_sökväg: Path, sidväg: str) -> None:
        self.korpus, self.källa, self.sidväg = korpus, källa_sökväg, sidväg
        self.filer: dict[str, Path] = {}

    def __call__(self, text: str, källa_sökväg: Path | None = None) -> str:
        """``text`` from the page's source, or from ``källa_sökväg`` when the page gathers
        texts of several files."""
        ny, filer = skriv_om(self.korpus, källa_sökväg or self.källa, text, self.sidväg)
        self.filer.update(filer)
        return ny


def för_dokument(korpus: Korpus, källa_sökväg: Path, text: str) -> str:
    """``text`` for a PDF or Word file: a link to a document on the public website becomes
    the absolute address of its page there; a link to an intranet-only document, to a file
    or to anything else local becomes plain text. Images stay (the writers read them from
    the source's folder); web addresses and ``#anchors`` stay."""

    def välj(del_: Länk, mål: Mål):
        if del_.bild or mål.art in (EXTERN, NÄTVÄG, OGILTIG):
            return None
        if mål.art == DOKUMENT and mål.referens.publik:
            return webbadress(korpus, mål.referens.sidväg) + _url("", mål.fragment)
        if mål.art == ANKARE and verkligt_mål(del_.mål).startswith("#"):
            return None
        return _TEXT

    return _skriv(korpus, källa_sökväg, text, välj)


def innehållsväg(korpus: Korpus, fil: Path) -> str:
    """Where a file under content/ is published in a site: ``filer/innehall/<path>``."""
    return f"{FILMAPP}/{fil.resolve().relative_to(korpus.innehåll.resolve()).as_posix()}"


def webbadress(korpus: Korpus, väg: str) -> str:
    """Absolute URL on the public website of a site path (``.md`` pages become directory
    URLs: ``forfattningssamling/2021-3.md`` → ``https://.../forfattningssamling/2021-3/``)."""
    bas = korpus.kommun.webbplats.rstrip("/") + "/"
    if väg.endswith(".md"):
        väg = väg.removesuffix(".md")
        väg = väg.removesuffix("index") if posixpath.basename(väg) == "index" else väg + "/"
        väg = väg.replace("//", "/").lstrip("/")
    return bas + quote(väg, safe=_SÄKRA)


def _url(väg: str, fragment: str) -> str:
    return quote(väg, safe=_SÄKRA) + (f"#{quote(fragment, safe=_SÄKRA)}" if fragment else "")


def _skriv(korpus: Korpus, källa_sökväg: Path, text: str, välj: Callable) -> str:
    """``text`` with each link's target replaced by ``välj(länk, mål)`` (a new target, None
    to keep it, or _TEXT to keep only the link's text). A definition decides for every
    reference that uses it: as plain text, the definition goes and each use keeps its text."""
    if "[" not in text:
        return text
    ändringar: list[tuple[int, int, str]] = []
    till_text: set[str] = set()
    länkar = tolka(text).länkar
    for del_ in egna_mål(länkar):
        beslut = välj(del_, upplös(korpus, källa_sökväg, del_.mål))
        if beslut is None:
            continue
        if beslut is not _TEXT:
            ändringar.append((del_.mål_start, del_.mål_start + len(del_.mål), beslut))
        elif del_.etikett is not None:  # a definition (an image's too)
            till_text.add(del_.etikett)
            ändringar.append((del_.start, del_.slut, ""))
        else:
            ändringar += _bara_text(del_)
    for del_ in länkar:
        if del_.referens and del_.etikett in till_text:
            ändringar += _bara_text(del_)
    delar, slut = [], 0
    for start, stopp, ny in sorted(ändringar):
        if start < slut:
            continue  # inside what an earlier change replaced
        delar += [text[slut:start], ny]
        slut = stopp
    return "".join(delar) + text[slut:]


def egna_mål(länkar: tuple[Länk, ...]) -> list[Länk]:
    """The links and images that carry their own target: not autolinks (always absolute), not
    references (their definition's target counts), not footnotes (``[^1]: text``, whose
    first word is no target; ``brodtext`` still checks its scheme). A definition an image
    uses is an image."""
    bilder = {d.etikett for d in länkar if d.referens and d.bild}
    return [
        replace(d, art=BILD) if d.art == DEFINITION and d.etikett in bilder else d
        for d in länkar
        if d.art != AUTOLÄNK and not d.referens and not (d.etikett or "").startswith("^")
    ]


def _bara_text(del_: Länk) -> list[tuple[int, int, str]]:
    """Remove a link's syntax around its text: ``[`` / ``![`` and ``](...)`` / ``][etikett]``."""
    return [(del_.start, del_.text_start, ""), (del_.text_slut, del_.slut, "")]
