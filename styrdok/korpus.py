"""The content database: every source under content/, loaded and typed.

``ladda(rot)`` reads everything once and reports every problem; nothing is written.
Writers and site generators get a :class:`Korpus` and never read sources again.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from styrdok import slag
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_markdown, läs_yaml
from styrdok.grund.modellfel import validera
from styrdok.grund.sokvag import källfiler_utan_namnfel, visningsnamn
from styrdok.modeller import Kommun, Sida, Styrdokument

STYRDOKUMENT = "styrdokument"
SIDOR = "sidor"


@dataclass
class Dokument:
    """One styrdokument with what the build derives for it."""

    id: str
    """``styrdokument/<path without .md>``."""
    källa: Källfil
    data: Styrdokument
    publicering: str = "webb"
    """Resolved: the document's own value, else its type's default."""

    @property
    def titel(self) -> str:
        return self.data.titel

    @property
    def sökväg_under(self) -> str:
        """The part of the id after ``styrdokument/``."""
        return self.id.split("/", 1)[1]

    @property
    def är_publik(self) -> bool:
        return self.publicering == "webb"


@dataclass
class SidDokument:
    id: str
    källa: Källfil
    data: Sida


@dataclass
class Korpus:
    rot: Path
    """The project folder (holds content/)."""
    kommun: Kommun
    kommunkälla: Källfil
    styrdokument: dict[str, Dokument] = field(default_factory=dict)
    sidor: dict[str, SidDokument] = field(default_factory=dict)
    idag: dt.date = field(default_factory=dt.date.today)
    publik: bool = False
    """True for the filtered copy the public site is built from."""
    tillägg: dict[str, Any] = field(default_factory=dict)
    """Data of the other kinds of content (``styrdok.slag``), by kind name."""
    nedladdningar: bool = False
    """True when this build renders Word and PDF files, so pages may link to them."""
    _härlett: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

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
            styrdokument={k: d for k, d in self.styrdokument.items() if d.är_publik},
            sidor={k: s for k, s in self.sidor.items() if s.data.publicering == "webb"},
            idag=self.idag,
            publik=True,
            nedladdningar=self.nedladdningar,
            tillägg={s.namn: s.publik(self.tillägg.get(s.namn)) for s in slag.alla()},
        )


def dagens_datum() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a rebuild gives the same result."""
    epok = os.environ.get("SOURCE_DATE_EPOCH")
    if epok and epok.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epok), dt.UTC).date()
    return dt.date.today()


def ladda(rot: Path, rapport: Rapport, idag: dt.date | None = None) -> Korpus | None:
    """Load kommun.yml and every source; None when kommun.yml itself is unusable."""
    innehåll = rot / "content"
    kommunfil = innehåll / "kommun.yml"
    if not kommunfil.is_file():
        rapport.fel(
            visningsnamn(rot, kommunfil),
            1,
            1,
            "kommun.yml saknas; skapa content/kommun.yml med namn, kfs_prefix, organ, dokumenttyper och kategorier",
        )
        return None
    kommunkälla = läs_yaml(kommunfil, visningsnamn(rot, kommunfil), rapport)
    kommun = (
        validera(Kommun, kommunkälla.data, kommunkälla, rapport)
        if kommunkälla.data is not None
        else None
    )
    if kommun is None:
        return None
    korpus = Korpus(rot=rot, kommun=kommun, kommunkälla=kommunkälla, idag=idag or dagens_datum())
    for fil in källfiler_utan_namnfel(korpus.rot, innehåll / STYRDOKUMENT, (".md",), rapport):
        dokument = _läs_styrdokument(rot, fil, kommun, rapport)
        if dokument is not None:
            korpus.styrdokument[dokument.id] = dokument
    for fil in källfiler_utan_namnfel(korpus.rot, innehåll / SIDOR, (".md",), rapport):
        källa = läs_markdown(fil, visningsnamn(rot, fil), rapport)
        sida = validera(Sida, källa.data, källa, rapport) if källa.data is not None else None
        if sida is not None:
            sid_id = fil.relative_to(innehåll / SIDOR).with_suffix("").as_posix()
            korpus.sidor[sid_id] = SidDokument(sid_id, källa, sida)
    for s in slag.alla():
        korpus.tillägg[s.namn] = s.ladda(korpus, rapport)
    return korpus


def _läs_styrdokument(rot: Path, fil: Path, kommun: Kommun, rapport: Rapport) -> Dokument | None:
    källa = läs_markdown(fil, visningsnamn(rot, fil), rapport)
    if källa.data is None:
        return None
    data = validera(Styrdokument, källa.data, källa, rapport)
    if data is None:
        return None
    dok_id = fil.relative_to(rot / "content").with_suffix("").as_posix()
    typ = kommun.dokumenttyper.get(data.dokumenttyp)
    publicering = data.publicering or (typ.publicering if typ else "webb")
    return Dokument(id=dok_id, källa=källa, data=data, publicering=publicering)
