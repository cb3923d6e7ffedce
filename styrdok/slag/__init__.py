"""Kinds of content beyond styrdokument plug in here (kvalitetsgarantier, mål, sammanträden).

Each kind is a module with one object ``SLAG`` that fulfils :class:`Slag`. The build
calls them in this order: ``ladda`` (read content/<mapp>/, keep positions) →
``validera`` (cross-checks against the whole korpus) → ``publik`` (filter what may be
published) → ``sidor``/``filer``/``nav`` (web pages per site variant) →
``leveranser`` (documents rendered to PDF and Word by ``styrdok.writers``).

A kind never writes files itself: it returns pages, files and deliverables, and the
build decides where they go (staging, then atomic publish).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from styrdok.grund.diagnostik import Rapport
    from styrdok.korpus import Korpus
    from styrdok.vy import DokumentVy


@dataclass(frozen=True)
class Sida:
    """A generated page: ``väg`` is a .md path under the site's docs folder."""

    väg: str
    titel: str
    text: str
    """Markdown body, starting with the page's ``# rubrik``."""


@dataclass(frozen=True)
class Leverans:
    """A document to render: the writers produce ``<väg>.pdf`` and/or ``<väg>.docx``."""

    vy: DokumentVy
    väg: str
    """Path in the site without extension, e.g. ``filer/kvalitetsgarantier/hemtjanst``."""
    format: tuple[str, ...] = ("pdf", "docx")
    samling: str | None = None
    """If set, a zip at this site path (e.g. ``filer/sammantraden/ks/2026-12-01.zip``) collects every
    deliverable with the same ``samling``."""


class Slag(Protocol):
    namn: str
    """Key of this kind's data in ``korpus.tillägg``."""

    def ladda(self, korpus: Korpus, rapport: Rapport) -> Any:
        """Read the kind's sources; report every problem; return its data (kept in korpus.tillägg)."""

    def validera(self, korpus: Korpus, rapport: Rapport) -> None:
        """Rules that need other kinds (e.g. an ärende's beslutsunderlag is a styrdokument)."""

    def publik(self, data: Any) -> Any:
        """The part of ``data`` that may reach the public website (drop intranet-only and secret parts)."""

    def sidor(self, korpus: Korpus, variant: str) -> list[Sida]:
        """Web pages for one site variant (``publik`` or ``intranät``); on ``publik`` the korpus is already filtered."""

    def filer(self, korpus: Korpus, variant: str) -> dict[str, bytes]:
        """Other files for the site (calendar .ics, charts .svg, exports): site path → bytes."""

    def nav(self, korpus: Korpus, variant: str) -> list[dict[str, str]]:
        """Navigation entries ({titel: väg.md}); keep it to index pages."""

    def leveranser(self, korpus: Korpus, variant: str) -> list[Leverans]:
        """Documents to render for this site variant."""

    def samlingsfiler(self, korpus: Korpus, variant: str) -> dict[str, list[str]]:
        """Files from ``filer`` that also belong in a zip: samling path → site paths."""


@dataclass
class TomtSlag:
    """Base with do-nothing defaults; a kind overrides what it needs."""

    namn: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def ladda(self, korpus, rapport):
        return None

    def validera(self, korpus, rapport):
        return None

    def publik(self, data):
        return data

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


def alla() -> list[Slag]:
    from styrdok.slag import kvalitetsgarantier, mal, sammantraden

    return [kvalitetsgarantier.SLAG, mal.SLAG, sammantraden.SLAG]
