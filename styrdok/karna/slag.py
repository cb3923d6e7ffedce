"""What a kind of content is to the build: one object per kind, fulfilling :class:`Slag`.

The kinds (styrdokument with the författningssamling, free pages, kvalitetsgarantier, mål,
sammanträden) are named in one place, the composition root ``styrdok/bygg.py``; the core
receives them and never imports them, as pelican's generators or lektor's build programs.

The build calls every kind in two phases, gather everything, then write:

1. ``ladda`` (read content/<mapp>/, report every problem, keep positions) in the order the
   kinds are named, so that a kind may refer to what an earlier one loaded; ``validera``
   (rules that need the whole korpus); ``publik`` (the part that may reach the website);
2. per site variant: ``startlänkar``, ``nav``, ``sidor``, ``filer`` (pages and other files),
   ``leveranser`` (documents for the document formats) and ``samlingsfiler`` (zips).

A kind never writes files itself: it returns pages, files and deliverables, and the build
decides where they go (staging, then atomic publish). Kinds do not import each other: a
reference from one kind's source to another's document goes through :meth:`Slag.referens`
(``korpus.slå_upp``), which answers with a :class:`Referens`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from styrdok.grund.kallfil import Sökväg
from styrdok.karna.utdata import DokumentVy, Leverans, Sida

if TYPE_CHECKING:
    from styrdok.grund.diagnostik import Rapport
    from styrdok.grund.kallfil import Källfil
    from styrdok.karna.korpus import Korpus


@dataclass(frozen=True)
class Referens:
    """A document or page of some kind that a source can name (``styrdokument/...``, a KFS
    number, ``sidor/arshjul``): enough to link to it, list it and render it."""

    slag: str
    """The name of the kind it belongs to."""
    id: str
    titel: str
    sidväg: str
    """Its page in the site (a ``.md`` path under docs)."""
    publik: bool
    """Whether it is published on the public website."""
    källfil: Path
    filväg: str | None = None
    """Its documents in the site without extension (``filer/...``), if it has any."""


@dataclass(frozen=True)
class Beslut:
    """A decision a document records (its own or a revision's): who, when, which paragraf,
    so a protokoll in styrdok can be matched and linked with it."""

    dokument: str
    """The deciding document's id."""
    källa: Källfil
    sökväg: Sökväg
    """Where the paragraf is written (or would be)."""
    organ: str
    datum: dt.date
    paragraf: str | None


@dataclass(frozen=True)
class Hemlighet:
    text: str
    vad: str
    """What it is, for the message: "rubrik", "diarienummer", "text"."""


@dataclass
class Hemligheter:
    """What a kind declares secret; ``karna/sekretess`` keeps it out of everything else."""

    strängar: list[Hemlighet] = field(default_factory=list)
    filer: set[str] = field(default_factory=set)
    """sha256 of every secret file."""
    undantag: set[tuple[Path, Sökväg]] = field(default_factory=set)
    """(source file, key path) of the secret values themselves: not searched."""

    def lägg_till(self, andra: Hemligheter) -> None:
        self.strängar += andra.strängar
        self.filer |= andra.filer
        self.undantag |= andra.undantag


@dataclass(frozen=True)
class Kommando:
    """A command a kind adds to ``styrdok`` (``styrdok new``, ``styrdok agenda`` ...)."""

    namn: str
    hjälp: str
    exempel: str
    argument: Callable[[argparse.ArgumentParser], None]
    kör: Callable[[argparse.Namespace, Any], int] | str
    """``kör(args, miljö)``; ``miljö`` gives the composed build (``styrdok.bygg``). Or where
    it is, ``"modul:funktion"``: imported only when the command runs, so that a command
    with much code of its own (``styrdok import``) does not slow every other one down."""


class Slag(Protocol):
    namn: str
    """Key of this kind's data in the korpus (``korpus.<namn>``)."""
    kommunmodell: type | None
    """A model with this kind's keys in kommun.yml (merged into the kommun's model), or None."""

    def modeller(self) -> list[tuple[str, type]]:
        """(where, model) for ``styrdok nycklar``: every source file this kind reads (its
        kommun.yml keys come from ``kommunmodell``); nested models are found by themselves."""

    def ladda(self, korpus: Korpus, rapport: Rapport) -> Any:
        """Read the kind's sources; report every problem; return its data."""

    def validera(self, korpus: Korpus, rapport: Rapport) -> None:
        """Rules that need the whole korpus, after every kind is loaded."""

    def publik(self, data: Any) -> Any:
        """The part of ``data`` that may reach the public website (drop intranet-only and secret parts)."""

    def referens(self, korpus: Korpus, text: str) -> Referens | None:
        """What ``text`` (an id, a number) names among this kind's documents, if anything."""

    def referenser(self, korpus: Korpus) -> Iterable[str]:
        """The ids ``referens`` knows, for "menade du" suggestions."""

    def interna_filer(self, korpus: Korpus) -> Iterable[Path]:
        """Files under content/ (resolved) that only the intranet may publish: a public text
        may not link to them (the bilagor of an intranet document or a draft)."""

    def granska_kommun(self, källa: Källfil, rapport: Rapport) -> None:
        """Check this kind's keys in kommun.yml as written (``källa.data``, a plain dict),
        whether or not kommun.yml as a whole is valid: every kommun.yml error in one run."""

    def varför_inte(self, korpus: Korpus, text: str) -> str | None:
        """Why ``text``, which ``referens`` does not know, names no document one may refer
        to although its source exists: "är ett utkast ...", "kan inte användas förrän felen
        i ... är rättade". None when this kind has nothing to say."""

    def vy(self, korpus: Korpus, referens: Referens) -> DokumentVy | None:
        """The writers' view of one of this kind's documents (e.g. as a beslutsunderlag)."""

    def innehållsdatum(self, korpus: Korpus) -> Iterable[dt.date]:
        """Dates the build's reproducible timestamps may come from (the newest is used)."""

    def startlänkar(self, korpus: Korpus, variant: str) -> list[str]:
        """Markdown list items for the start page's "Hitta styrdokument"."""

    def startsida(self, korpus: Korpus, variant: str) -> Sida | None:
        """The start page's title, text (without its heading) and linked files, if this kind
        holds it."""

    def sidor(self, korpus: Korpus, variant: str) -> list[Sida]:
        """Web pages for one site variant; for the public one the korpus is already filtered."""

    def filer(self, korpus: Korpus, variant: str) -> dict[str, Any]:
        """Other files: site path → bytes, or data a file format serializes (Tabell, Kalender ...)."""

    def nav(self, korpus: Korpus, variant: str) -> list[dict[str, str]]:
        """Navigation entries ({titel: väg.md}); keep it to index pages."""

    def leveranser(self, korpus: Korpus, variant: str) -> list[Leverans]:
        """Documents to render for this site variant (each with what makes its view, made
        only when asked for)."""

    def samlingsfiler(self, korpus: Korpus, variant: str) -> dict[str, list[str]]:
        """Files from ``filer`` that also belong in a zip: samling path → site paths."""

    def kommandon(self) -> list[Kommando]:
        """Commands this kind adds to ``styrdok``."""

    def vägar(self, korpus: Korpus) -> list[str]:
        """The top folders and pages this kind generates in the site (``styrdokument``, ``mal``):
        no source page of another kind may take them."""

    def källor(self, korpus: Korpus) -> Iterable[Källfil]:
        """Every source file this kind read (its values and texts are searched for secrets)."""

    def hemligheter(self, korpus: Korpus) -> Hemligheter | None:
        """What of this kind's data is secret, if anything."""

    def beslut(self, korpus: Korpus) -> Iterable[Beslut]:
        """The decisions this kind's documents record (organ, day, paragraf)."""

    def protokollänk(self, korpus: Korpus, beslut: Beslut) -> str | None:
        """The page (with anchor) of the protokoll paragraf that holds ``beslut``, if this kind
        publishes that protokoll."""


@dataclass
class TomtSlag:
    """Base with do-nothing defaults; a kind overrides what it needs."""

    namn: str = ""
    kommunmodell: type | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def modeller(self):
        return []

    def ladda(self, korpus, rapport):
        return None

    def validera(self, korpus, rapport):
        return None

    def publik(self, data):
        return data

    def referens(self, korpus, text):
        return None

    def referenser(self, korpus):
        return []

    def interna_filer(self, korpus):
        return []

    def granska_kommun(self, källa, rapport):
        return None

    def varför_inte(self, korpus, text):
        return None

    def vy(self, korpus, referens):
        return None

    def innehållsdatum(self, korpus):
        return []

    def startlänkar(self, korpus, variant):
        return []

    def startsida(self, korpus, variant):
        return None

    def sidor(self, korpus, variant):
        return []

    def filer(self, korpus, variant):
        return {}

    def nav(self, korpus, variant):
        return []

    def leveranser(self, korpus, variant):
        return []

    def samlingsfiler(self, korpus, variant):
        return {}

    def kommandon(self):
        return []

    def vägar(self, korpus):
        return []

    def källor(self, korpus):
        return []

    def hemligheter(self, korpus):
        return None

    def beslut(self, korpus):
        return []

    def protokollänk(self, korpus, beslut):
        return None
