"""What the content kinds hand over, and what the output formats receive: plain data.

A kind makes pages (:class:`Sida`), documents to render (:class:`Leverans` holding a
:class:`DokumentVy`) and other files as data (:class:`Tabell`, :class:`Flöde`,
:class:`Kalender`); the formats in ``styrdok.format`` turn them into bytes. No format
reads a source again: a writer reads nothing in ``content/`` except the files named in
the view (logo, images in the body), already checked to lie inside ``content/``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.sokvag import inom

# --- documents: what the PDF and Word formats get -------------------------------------


@dataclass(frozen=True)
class DokumentVy:
    id: str
    """Stable id, e.g. ``styrdokument/finanspolicy``."""
    titel: str
    kommun: str
    """The kommun's name, e.g. ``Ekviks kommun``."""
    logotyp: Path | None
    """Absolute path of the logo file (inside content/), or None."""
    metadata: tuple[tuple[str, str], ...]
    """(etikett, värde) rows in display order; rows without value are left out."""
    brödtext: str
    """The body as Markdown. Headings start at level 2 (the title is level 1)."""
    sidfot: str
    """Footer line, e.g. ``EKFS 2021:3 · Beslutad 2021-04-29``."""
    ämne: str
    """Document subject (core property / PDF subject), e.g. the dokumenttyp's name."""
    källfil: Path
    """Absolute path of the source .md; relative image paths resolve from its folder."""
    innehållsrot: Path
    """Absolute path of content/; nothing outside it may be read."""
    språk: str = "sv-SE"
    datum: str = ""
    """ISO date used for document metadata (beslutsdatum), never the clock."""
    notis: str = ""
    """Markdown shown in a framed box between the metadata and the body, for what a reader
    must know before reading on, e.g. that a författning has been amended and by which."""
    bilder: tuple[tuple[str, bytes], ...] = ()
    """Images made for the document, not read from content/ (charts as SVG): (name, bytes),
    the body showing each by its name, ``![Diagram: ...](diagram/elever-behoriga.svg)``."""


def kontrollera_logotyp(vy: DokumentVy) -> Path | None:
    """The logo's resolved path, or None; a missing or escaping logo is a user error."""
    if vy.logotyp is None:
        return None
    sökväg = inom(Path(vy.innehållsrot), Path(vy.logotyp))
    if sökväg is None:
        raise StyrdokFel(
            f"logotypen {Path(vy.logotyp).name} i kommun.yml finns inte, eller ligger utanför content/"
        )
    return sökväg


# --- what a kind hands to the build ---------------------------------------------------


@dataclass(frozen=True)
class Sida:
    """A generated page: ``väg`` is a .md path under the site's docs folder."""

    väg: str
    titel: str
    text: str
    """Markdown body, starting with the page's ``# rubrik``."""
    filer: Mapping[str, Path] = field(default_factory=dict)
    """Files under content/ the page links to, by their path in the site (``karna.lankar``):
    copied into the site with the page."""
    sök: Mapping[str, object] = field(default_factory=dict)
    """What the site's search knows of the page beside its text (:func:`sökdata`), written
    into its front matter; empty for an ordinary page."""


@dataclass
class Sidsamling:
    """Pages (and other files) a kind collects while it makes them, in order."""

    sidor: list[Sida] = field(default_factory=list)
    filer: dict[str, object] = field(default_factory=dict)

    def lägg(
        self,
        väg: str,
        titel: str,
        text: str,
        filer: Mapping[str, Path] | None = None,
        sök: Mapping[str, object] | None = None,
    ) -> None:
        self.sidor.append(Sida(väg, titel, text, filer or {}, sök or {}))


def sökdata(
    fält: Mapping[str, str] | None = None,
    filter: Mapping[str, str] | None = None,
    beteckningar: tuple[str, ...] = (),
    lista: bool = False,
) -> dict[str, object]:
    """A page's search data: ``fält`` shown with a hit and searched (dokumenttyp, status,
    diarienummer, dokumentansvarig …), ``filter`` a visitor narrows the hits by (dokumenttyp,
    kategori, status, år), ``beteckningar`` the identifiers an exact query finds first (KFS
    number, diarienummer); ``lista`` for a page that only lists others (its lists are not
    searched, so it does not drown the documents it lists). Empty values are left out."""
    data: dict[str, object] = {}
    if fält := {k: v for k, v in (fält or {}).items() if v}:
        data["meta"] = fält
    if filter := {k: v for k, v in (filter or {}).items() if v}:
        data["filter"] = filter
    if beteckningar := [b for b in beteckningar if b]:
        data["beteckningar"] = beteckningar
    if lista:
        data["lista"] = True
    return data


@dataclass(frozen=True, eq=False)
class Leverans:
    """A document to render in every document format (``<väg>.pdf``, ``<väg>.docx`` ...)."""

    gör: Callable[[], DokumentVy]
    """Makes the document's view when it is first asked for (:attr:`vy`): where the files
    go, and whether a build ever made any, needs only the paths (e.g. ``functools.partial(
    dokumentvy, korpus, d)``)."""
    väg: str
    """Path in the site without extension, e.g. ``filer/kvalitetsgarantier/hemtjanst``."""
    format: tuple[str, ...] | None = None
    """Only these formats (by name, e.g. ``("pdf",)``); None for every registered one."""
    samling: str | None = None
    """If set, a zip at this site path (e.g. ``filer/sammantraden/ks/2026-12-01.zip``) collects every
    deliverable with the same ``samling``."""

    @functools.cached_property
    def vy(self) -> DokumentVy:
        return self.gör()


# --- other files, as data: the file formats serialize them ----------------------------


@dataclass(frozen=True)
class Tabell:
    """Rows with named columns, e.g. the författningssamling's register (JSON, CSV)."""

    kolumner: tuple[str, ...]
    rader: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Flödespost:
    titel: str
    id: str
    uppdaterad: dt.date
    publicerad: dt.date
    länk: str
    kategori: str = ""
    kategorinamn: str = ""
    sammanfattning: str = ""


@dataclass(frozen=True)
class Flöde:
    """A news feed (Atom): its own address, the page it belongs to and its entries, newest first."""

    titel: str
    id: str
    uppdaterad: dt.date
    adress: str
    sida: str
    författare: str
    författarsida: str
    poster: tuple[Flödespost, ...] = ()
    språk: str = "sv"


@dataclass(frozen=True)
class Kalenderhändelse:
    uid: str
    rubrik: str
    start: dt.datetime | dt.date
    """A naive local time (Swedish time) or a whole day."""
    slut: dt.datetime | dt.date | None = None
    """Exclusive end: for whole days the day after the last day, as RFC 5545 says."""
    plats: str | None = None
    beskrivning: str | None = None
    adress: str | None = None
    """A web address with more about the event."""


def uid(nyckel: str, webbplats: str) -> str:
    """A stable UID from content: ``ks-2026-11-10@www.ekvik.example``."""
    värd = urlsplit(webbplats).hostname or "styrdok.invalid"
    return f"{nyckel}@{värd}"


@dataclass(frozen=True)
class Kalender:
    """An iCalendar file: a named calendar of events, in the given order."""

    namn: str
    händelser: tuple[Kalenderhändelse, ...] = field(default_factory=tuple)
