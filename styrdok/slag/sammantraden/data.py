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
    offentlig: bool = False
    """True for the copy made for the public site."""

    @property
    def nyckel(self) -> str:
        return f"{self.organ}/{self.datum.isoformat()}"


@dataclass(frozen=True)
class Händelse:
    datum: dt.date
    rubrik: str
    slutdatum: dt.date | None = None
    beskrivning: str | None = None
    organ: str | None = None


@dataclass(frozen=True)
class Sammanträdesdata:
    möten: tuple[Sammanträde, ...] = ()
    årshjul: tuple[Händelse, ...] = ()
    årshjul_titel: str = "Årshjul"


FÖRSTA_ÄRENDENUMMER = 4
"""Items 1–3 are upprop, val av justerare and godkännande av dagordningen."""


# --- the public filter ---------------------------------------------------------------


def publik(data: Sammanträdesdata | None) -> Sammanträdesdata | None:
    if data is None:
        return None
    return dataclasses.replace(data, möten=tuple(publikt_möte(m) for m in data.möten))


def publikt_möte(möte: Sammanträde) -> Sammanträde:
    return dataclasses.replace(
        möte, ärenden=tuple(publikt_ärende(ä) for ä in möte.ärenden), offentlig=True
    )


def publikt_ärende(ärende: Ärende) -> Ärende:
    """A sekretess ärende keeps only its number. The diarienummer goes too: in a public
    diarium it leads straight to the case, and the ärendemening there often says what the
    ärende is about (the issue: "without its text, föredragande or attachments")."""
    if ärende.sekretess:
        return Ärende(nummer=ärende.nummer, rubrik=SEKRETESSRUBRIK, sekretess=True)
    return dataclasses.replace(ärende, underlag=tuple(u for u in ärende.underlag if u.publik))


# --- reading ---------------------------------------------------------------------------


# --- the årshjul ---------------------------------------------------------------------
