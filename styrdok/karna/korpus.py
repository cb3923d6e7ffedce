"""The content database: every source under content/, loaded and typed.

``ladda(rot, rapport, delar)`` reads kommun.yml and then every kind's sources once, and
reports every problem; nothing is written. Pages and documents are made from a
:class:`Korpus` and never read sources again. Each kind's data is ``korpus.<kindens namn>``
(``korpus.styrdokument``, ``korpus.sammantraden``); the core knows none of them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filer import tillstånd_under
from styrdok.grund.kallfil import Källfil, läs_yaml
from styrdok.grund.modellfel import validera
from styrdok.grund.sokvag import visningsnamn
from styrdok.karna.format import Dokumentformat, Filformat
from styrdok.karna.kommun import Kommun, kommunmodell
from styrdok.karna.slag import Beslut, Referens, Slag
from styrdok.karna.utdata import DokumentVy


@dataclass(frozen=True)
class Delar:
    """What the composition root hands the core: the kinds and the formats, in order."""

    slag: tuple[Slag, ...]
    dokumentformat: tuple[Dokumentformat, ...] = ()
    filformat: tuple[Filformat, ...] = ()

    @property
    def kommunmodell(self) -> type[Kommun]:
        return kommunmodell(tuple(s.kommunmodell for s in self.slag if s.kommunmodell))


@dataclass
class Byggläge:
    """Settings of one build that every copy of its korpus sees alike."""

    nedladdningar: bool = False


@dataclass
class Korpus:
    rot: Path
    """The project folder (holds content/)."""
    kommun: Kommun
    kommunkälla: Källfil
    delar: Delar
    idag: dt.date = field(default_factory=dt.date.today)
    publik: bool = False
    """True for the filtered copy the public site is built from."""
    data: dict[str, Any] = field(default_factory=dict)
    """Each kind's data, by the kind's name."""
    läge: Byggläge = field(default_factory=lambda: Byggläge())
    """What this build makes; shared with the public copy, whenever that copy was made."""
    tillstånd: dict[str, str] | None = field(default=None, repr=False, compare=False)
    """Every file under content/ as it was just before the sources were read, by its path
    summed (``grund/filer.tillstånd_under``; no name): what ``karna/genereringsminne``
    compares. None: not taken (the memory is off, or a korpus made by hand), and nothing
    made from it is kept."""
    _härlett: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def nedladdningar(self) -> bool:
        """True when this build renders Word and PDF files, so pages may link to them."""
        return self.läge.nedladdningar

    @nedladdningar.setter
    def nedladdningar(self, värde: bool) -> None:
        self.läge.nedladdningar = värde

    def __getattr__(self, namn: str) -> Any:
        """``korpus.styrdokument``: a kind's data by its name."""
        data = self.__dict__.get("data")
        if data is not None and namn in data:
            return data[namn]
        raise AttributeError(namn)

    def härlett(self, namn: str, beräkna):
        """Memoize something derived from the whole korpus (KFS index, status, public copy).
        A korpus is complete once loaded and is not changed afterwards, so this is safe,
        and each derivation runs once per build instead of once per page or per variant."""
        if namn not in self._härlett:
            self._härlett[namn] = beräkna()
        return self._härlett[namn]

    @property
    def innehåll(self) -> Path:
        return self.rot / "content"

    @property
    def logotyp(self) -> Path | None:
        """The logo file named in kommun.yml (checked to lie inside content/), or None."""
        return self.innehåll / self.kommun.logotyp if self.kommun.logotyp else None

    @property
    def slag(self) -> tuple[Slag, ...]:
        return self.delar.slag

    def slå_upp(self, text: str) -> Referens | None:
        """The document or page of any kind that ``text`` names (an id, a KFS number ...)."""
        for s in self.slag:
            if (träff := s.referens(self, text)) is not None:
                return träff
        return None

    def varför_inte(self, text: str) -> str | None:
        """Why ``text`` names no document although its source file exists (a draft, a file
        with errors of its own), so a reference can say so instead of "finns inte"."""
        return next(filter(None, (s.varför_inte(self, text) for s in self.slag)), None)

    def referenser(self) -> list[str]:
        """The id of every document a source may refer to (for suggestions)."""
        return [r for s in self.slag for r in s.referenser(self)]

    def beslut(self) -> list[Beslut]:
        """Every decision a document of any kind records (organ, day, paragraf)."""
        return [b for s in self.slag for b in s.beslut(self)]

    def protokollänk(self, beslut: Beslut) -> str | None:
        """The page (``....md#p12``) of the protokoll paragraf that holds ``beslut``, if any."""
        return next(filter(None, (s.protokollänk(self, beslut) for s in self.slag)), None)

    def referens_med_källa(self, fil: Path) -> Referens | None:
        """The document whose source is the file ``fil`` (a resolved path), if any."""
        for ref in filter(None, map(self.slå_upp, self.referenser())):
            if ref.källfil.resolve() == fil:
                return ref
        return None

    @property
    def format(self) -> list[tuple[str, str]]:
        """(namn, etikett) of every document format, e.g. for download links."""
        return [(f.namn, f.etikett) for f in self.delar.dokumentformat]

    def vy(self, referens: Referens) -> DokumentVy | None:
        """The writers' view of a referenced document, made by the kind that owns it."""
        return next((s.vy(self, referens) for s in self.slag if s.namn == referens.slag), None)

    def publik_kopia(self) -> Korpus:
        """A copy holding only what may be published on the website. The public site,
        its search index, sitemap, feeds and documents are generated from this copy
        only, so intranet content cannot reach them by any path."""
        return self.härlett("publik_kopia", self._ny_publik_kopia)

    def _ny_publik_kopia(self) -> Korpus:
        return Korpus(
            rot=self.rot,
            kommun=self.kommun.model_copy(
                update={"intranät_webbadress": None}
            ),  # nothing of the intranet
            kommunkälla=self.kommunkälla,
            delar=self.delar,
            idag=self.idag,
            publik=True,
            läge=self.läge,
            tillstånd=self.tillstånd,
            data={s.namn: s.publik(self.data.get(s.namn)) for s in self.slag},
        )


def organnamn(korpus: Korpus, organ_id: str | None) -> str:
    """An organ's name for people to read; an unknown id as written."""
    if not organ_id:
        return ""
    organ = korpus.kommun.organ.get(organ_id)
    return organ.namn if organ else organ_id


def dagens_datum() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a rebuild gives the same result."""
    epok = os.environ.get("SOURCE_DATE_EPOCH")
    if epok and epok.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epok), dt.UTC).date()
    return dt.date.today()


def ladda(
    rot: Path,
    rapport: Rapport,
    delar: Delar,
    idag: dt.date | None = None,
    med_tillstånd: bool = False,
) -> Korpus | None:
    """Load kommun.yml and every kind's sources; None when kommun.yml itself is unusable.
    ``med_tillstånd``: what content/ holds is taken first (``Korpus.tillstånd``)."""
    kommunfil = rot / "content" / "kommun.yml"
    # before reading: a change after it counts
    tillstånd = tillstånd_under(rot / "content") if med_tillstånd else None
    if not kommunfil.is_file():
        rapport.fel(
            visningsnamn(rot, kommunfil),
            1,
            1,
            "kommun.yml saknas; skapa content/kommun.yml med namn, kfs_prefix, organ, "
            "dokumenttyper och kategorier",
        )
        return None
    kommunkälla = läs_yaml(kommunfil, visningsnamn(rot, kommunfil), rapport)
    if kommunkälla.data is not None:
        for s in delar.slag:
            s.granska_kommun(kommunkälla, rapport)
    kommun = (
        validera(delar.kommunmodell, kommunkälla.data, kommunkälla, rapport)
        if kommunkälla.data is not None
        else None
    )
    if kommun is None:
        return None
    korpus = Korpus(rot, kommun, kommunkälla, delar, idag=idag or dagens_datum())
    korpus.tillstånd = tillstånd
    for s in delar.slag:
        korpus.data[s.namn] = s.ladda(korpus, rapport)
    return korpus


def validera_korpus(korpus: Korpus, rapport: Rapport) -> None:
    """The rules that need the whole korpus, every kind's, after everything is loaded."""
    for s in korpus.slag:
        s.validera(korpus, rapport)


def innehållsdatum(korpus: Korpus) -> Iterable[dt.date]:
    return [d for s in korpus.slag for d in s.innehållsdatum(korpus)]
