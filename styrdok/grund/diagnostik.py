"""Errors and warnings about the user's sources, always with path:line:col.

Every check appends to a :class:`Rapport` instead of raising, so that one run
reports every problem. Only :class:`StyrdokFel` is raised, and only to stop a
build after the report has been printed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

FEL = "fel"
"""Something in the sources is wrong: nothing is built until it is fixed."""
VARNING = "varning"
"""Something in the sources is probably wrong (``--strict`` stops on it)."""
PÅMINNELSE = "påminnelse"
"""Nothing is wrong in the sources, but the kommun has something to do (an overdue review, a
validity that has run out): shown by ``check`` and on the intranet, never stops a build."""


@dataclass(frozen=True, order=True)
class Diagnos:
    """One message about one place in one source file (line and col are 1-based)."""

    sökväg: str
    rad: int
    kolumn: int
    nivå: str
    meddelande: str

    def __str__(self) -> str:
        return f"{self.sökväg}:{self.rad}:{self.kolumn}: {self.nivå}: {self.meddelande}"


@dataclass
class Rapport:
    """All diagnostics of one run, in the order they were found."""

    diagnoser: list[Diagnos] = field(default_factory=list)

    def fel(self, sökväg: str | Path, rad: int, kolumn: int, meddelande: str) -> None:
        self.diagnoser.append(Diagnos(str(sökväg), rad, kolumn, FEL, meddelande))

    def varning(self, sökväg: str | Path, rad: int, kolumn: int, meddelande: str) -> None:
        self.diagnoser.append(Diagnos(str(sökväg), rad, kolumn, VARNING, meddelande))

    def påminnelse(self, sökväg: str | Path, rad: int, kolumn: int, meddelande: str) -> None:
        self.diagnoser.append(Diagnos(str(sökväg), rad, kolumn, PÅMINNELSE, meddelande))

    def utöka(self, diagnoser: Iterable[Diagnos]) -> None:
        self.diagnoser.extend(diagnoser)

    @property
    def antal_fel(self) -> int:
        return sum(1 for d in self.diagnoser if d.nivå == FEL)

    @property
    def antal_varningar(self) -> int:
        return sum(1 for d in self.diagnoser if d.nivå == VARNING)

    @property
    def antal_påminnelser(self) -> int:
        return sum(1 for d in self.diagnoser if d.nivå == PÅMINNELSE)

    def summering(self) -> str:
        """ "3 fel, 1 varning, 2 påminnelser" (reminders only when there are some)."""
        delar = [
            f"{self.antal_fel} fel",
            f"{self.antal_varningar} varning{'' if self.antal_varningar == 1 else 'ar'}",
        ]
        if self.antal_påminnelser:
            n = self.antal_påminnelser
            delar.append(f"{n} påminnelse{'' if n == 1 else 'r'}")
        return ", ".join(delar)

    def har_fel(self, strikt: bool = False) -> bool:
        return self.antal_fel > 0 or (strikt and self.antal_varningar > 0)

    def skriv(self, ut: TextIO | None = None) -> None:
        """Every diagnostic once, in file and line order, to ``ut`` (standard error as it is
        when called: a program embedding styrdok may have replaced it)."""
        for d in sorted(set(self.diagnoser)):
            print(d, file=ut or sys.stderr)


class StyrdokFel(Exception):
    """A user-facing failure: the message is Swedish and printed without a traceback.

    ``sökväg`` names the file the problem is in, when there is one.
    """

    def __init__(
        self, meddelande: str, sökväg: str | Path | None = None, rad: int = 1, kolumn: int = 1
    ):
        self.meddelande = meddelande
        self.sökväg = str(sökväg) if sökväg is not None else None
        self.rad = rad
        self.kolumn = kolumn
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.sökväg:
            return f"{self.sökväg}:{self.rad}:{self.kolumn}: fel: {self.meddelande}"
        return f"fel: {self.meddelande}"
