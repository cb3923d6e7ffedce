"""Sammanträden and the årshjul: reading, checking and the public filter.

A meeting is ``content/sammantraden/<organ>/<ÅÅÅÅ-MM-DD>.md``: front matter with the
facts and the ärenden, and a Markdown body with free text that is published as is
(so it must never mention what a sekretess ärende is about; naming one by its rubrik or
diarienummer is an error). Files in deeper folders
(``sammantraden/ks/2026-12-08/tjansteskrivelse.pdf``) are beslutsunderlag, not meetings.

The public copy (:func:`publik`) is built from new objects: a sekretess ärende becomes
a placeholder made only of its number and a fixed text, so no field of the original
can reach the public site, its search index, its calendars or its documents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from styrdok.grund.kallfil import Källfil

MAPP = "sammantraden"
STYRDOKUMENT = "styrdokument"
FIL = "fil"
SEKRETESSRUBRIK = "Ärende enligt offentlighets- och sekretesslagen"


@dataclass(frozen=True)
class Underlag:
    typ: str
    """STYRDOKUMENT or FIL."""
    mål: str
    """A styrdokument id, or a file's path relative to content/ (posix)."""
    titel: str
    """What the kallelse calls it: the title written in the source, else the styrdokument's
    title or the file's name."""
    publik: bool = True
    """False for an intranet styrdokument: it is left out of the public version."""

    @property
    def filnamn(self) -> str:
        return PurePosixPath(self.mål).name


@dataclass(frozen=True)
class Ärende:
    nummer: int
    """The item's number on the föredragningslista (the opening items are 1–3)."""
    rubrik: str
    diarienummer: str | None = None
    föredragande: str | None = None
    beskrivning: str | None = None
    förslag: str | None = None
    underlag: tuple[Underlag, ...] = ()
    sekretess: bool = False
    paragraf: int | None = None
    """The ärende's paragraf in the protokoll; public even for a sekretess ärende."""
    beslut: str | None = None
    reservationer: tuple[str, ...] = ()
    protokollsanteckningar: tuple[str, ...] = ()
    beslutat_dokument: tuple[str, ...] = ()
    """Ids of the styrdokument decided under this paragraf (matched by organ, date and §)."""


@dataclass(frozen=True)
class Protokoll:
    """A justerat protokoll and its tillkännagivande on the anslagstavla."""

    justerat: dt.date
    justerare: tuple[str, ...]
    anslaget: dt.date
    """The day the tillkännagivande went up."""
    sista_dag: dt.date
    """The last day to appeal (three weeks, moved past a weekend or helgdag): the
    tillkännagivande stays up until then. Computed, never typed."""
    förvaras: str


@dataclass(frozen=True)
class Tillkännagivande:
    """A delegationsbeslut or other tillkännagivande on the anslagstavla."""

    nummer: int
    """Its place in content/anslagstavla.yml (0-based): a stable key for its id."""
    rubrik: str
    organ: str
    slag: str
    anslaget: dt.date
    sista_dag: dt.date
    beslutsdatum: dt.date | None = None
    beskrivning: str | None = None
    förvaras: str = ""


@dataclass(frozen=True)
class Sammanträde:
    organ: str
    datum: dt.date
    tid: dt.time
    sluttid: dt.time | None
    plats: str
    ordförande: str | None
    sekreterare: str | None
    justering: str | None
    ärenden: tuple[Ärende, ...]
    brödtext: str
    källfil: Path
    version: str = "fullständig"
    """OFFENTLIG (the public site), INTRANÄT (the intranet) or FULLSTÄNDIG (``styrdok agenda``
    only, never published): in the first two a sekretess ärende is only its number."""
    underskrifter: bool = False
    """The Word and PDF kallelse end with lines for the ordförande's and justerare's signatures."""
    kungjort: dt.date | None = None
    """Fullmäktige: the day the kungörelse went up on the anslagstavla."""
    protokoll: Protokoll | None = None

    @property
    def nyckel(self) -> str:
        return f"{self.organ}/{self.datum.isoformat()}"

    @property
    def offentlig(self) -> bool:
        return self.version == OFFENTLIG


@dataclass(frozen=True)
class Händelse:
    datum: dt.date
    rubrik: str
    slutdatum: dt.date | None = None
    beskrivning: str | None = None
    organen: tuple[str, ...] = ()
    månad: bool = False
    """Given as a month (``2027-06``): ``datum``–``slutdatum`` is the whole month."""


@dataclass(frozen=True)
class Sammanträdesdata:
    möten: tuple[Sammanträde, ...] = ()
    årshjul: tuple[Händelse, ...] = ()
    årshjul_titel: str = "Årshjul"
    källor: tuple[Källfil, ...] = ()
    """Every meeting file and the årshjul, as read (for the sekretess check)."""
    tillkännagivanden: tuple[Tillkännagivande, ...] = ()
    """From content/anslagstavla.yml."""


def är_fullmäktige(organnamn: str) -> bool:
    """Kommunfullmäktige (or a region's fullmäktige): meets in public, is kungjort."""
    return "fullmäktige" in organnamn.lower()


OFFENTLIG = "offentlig"
INTRANÄT = "intranät"
FULLSTÄNDIG = "fullständig"

FÖRSTA_ÄRENDENUMMER = 4
"""Items 1–3 are upprop, val av justerare and godkännande av dagordningen."""


# --- the published versions -----------------------------------------------------------


def publik(data: Sammanträdesdata | None) -> Sammanträdesdata | None:
    """The public site's version: no sekretess ärende, no intranet-only underlag."""
    return _version(data, OFFENTLIG)


def intern(data: Sammanträdesdata | None) -> Sammanträdesdata | None:
    """The intranet's version: no sekretess ärende either (an intranet for all staff is not
    the circle of ledamöter who get the handlingar), but intranet underlag kept."""
    return _version(data, INTRANÄT)


def _version(data: Sammanträdesdata | None, version: str) -> Sammanträdesdata | None:
    if data is None:
        return None
    return dataclasses.replace(data, möten=tuple(skyddat_möte(m, version) for m in data.möten))


def skyddat_möte(möte: Sammanträde, version: str) -> Sammanträde:
    """A new meeting made of the published parts only; a sekretess ärende is rebuilt from its
    number, so that no field of the original can reach a site, a calendar or a document."""
    if möte.version == version:
        return möte
    ärenden = tuple(skyddat_ärende(ä, version == OFFENTLIG) for ä in möte.ärenden)
    return dataclasses.replace(möte, ärenden=ärenden, version=version)


def skyddat_ärende(ärende: Ärende, offentlig: bool) -> Ärende:
    """A sekretess ärende keeps only its number. The diarienummer goes too: in a public
    diarium it leads straight to the case, and the ärendemening there often says what the
    ärende is about."""
    if ärende.sekretess:
        return Ärende(
            nummer=ärende.nummer, rubrik=SEKRETESSRUBRIK, sekretess=True, paragraf=ärende.paragraf
        )
    if not offentlig:
        return ärende
    return dataclasses.replace(ärende, underlag=tuple(u for u in ärende.underlag if u.publik))


def publikt_ärende(ärende: Ärende) -> Ärende:
    return skyddat_ärende(ärende, offentlig=True)


# --- reading ---------------------------------------------------------------------------


# --- the årshjul ---------------------------------------------------------------------
