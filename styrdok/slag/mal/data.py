"""Målstyrning loaded and linked: the målkedja from vision to aktivitet, indicator series
with Kolada values merged in, and the reports per period.

Reading and checking live together here because every check needs the whole chain:
a mål names indikatorer, a nämndmål names a mål, a report names both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil
from styrdok.grund.tal import visa_tal
from styrdok.slag.mal.modeller import (
    PERIOD,
    Indikator,
    Koladadata,
    Mål,
    Målkedja,
    Nämndmål,
    Utfall,
    Åtagande,
)
from styrdok.slag.mal.modeller import Rapport as Rapportmodell

MAPP = "mal"
TERTIALNAMN = {1: "januari–april", 2: "januari–augusti"}
RAPPORTPERIOD = {"tertialrapport": 1, "delårsrapport": 2, "årsredovisning": None}


# --- periods -------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Period:
    år: int
    tertial: int = 3
    """1 = januari–april, 2 = januari–augusti, 3 = helår (a year is the last 'tertial')."""

    @property
    def text(self) -> str:
        return str(self.år) if self.tertial == 3 else f"{self.år}-T{self.tertial}"

    @property
    def namn(self) -> str:
        return str(self.år) if self.tertial == 3 else f"{TERTIALNAMN[self.tertial]} {self.år}"


def tolka_period(text: str) -> Period | None:
    träff = PERIOD.match(str(text).strip())
    if not träff or not 1990 <= int(träff[1]) <= 2100:
        return None
    return Period(int(träff[1]), int(träff[2]) if träff[2] else 3)


PERIODFEL = (
    "är ingen period; skriv ett år (2025) eller ett tertial: 2025-T1 (januari–april) "
    "eller 2025-T2 (januari–augusti)"
)


# --- the linked model ----------------------------------------------------------------


@dataclass
class Serie:
    """One indikator with every value it has, from its own source and from Kolada."""

    id: str
    data: Indikator
    källa: Källfil
    utfall: dict[Period, Utfall] = field(default_factory=dict)
    riket: dict[int, float] = field(default_factory=dict)
    målvärden: dict[int, float] = field(default_factory=dict)
    från_kolada: set[Period] = field(default_factory=set)

    @property
    def perioder(self) -> list[Period]:
        return sorted(
            set(self.utfall) | {Period(å) for å in self.målvärden} | {Period(å) for å in self.riket}
        )

    def värde_för(self, period: Period) -> tuple[Period, Utfall] | None:
        """The value for ``period``, or the latest one before it (e.g. last year's Kolada value in a delårsrapport)."""
        kandidater = [p for p in self.utfall if p <= period]
        if not kandidater:
            return None
        senaste = max(kandidater)
        return senaste, self.utfall[senaste]

    def målvärde_för(self, år: int) -> float | None:
        """The target for ``år``, or the latest earlier target still standing."""
        kandidater = [å for å in self.målvärden if å <= år]
        return self.målvärden[max(kandidater)] if kandidater else None

    def når(self, värde: float, målvärde: float) -> bool:
        return värde <= målvärde if self.data.riktning == "lägre är bättre" else värde >= målvärde

    def visa(self, tal: float | None) -> str:
        return visa_tal(tal, self.data.enhet)


@dataclass
class MålRef:
    id: str
    område: str
    data: Mål


@dataclass
class NämndmålRef:
    id: str
    nämnd: str
    data: Nämndmål
    källa: Källfil


@dataclass
class ÅtagandeRef:
    id: str
    nämnd: str
    data: Åtagande
    källa: Källfil


@dataclass
class RapportRef:
    id: str
    data: Rapportmodell
    källa: Källfil
    period: Period


@dataclass
class Målstyrning:
    kedja: Målkedja | None = None
    indikatorer: dict[str, Serie] = field(default_factory=dict)
    mål: dict[str, MålRef] = field(default_factory=dict)
    nämndmål: dict[str, NämndmålRef] = field(default_factory=dict)
    åtaganden: dict[str, ÅtagandeRef] = field(default_factory=dict)
    nämnder: list[str] = field(default_factory=list)
    rapporter: dict[str, RapportRef] = field(default_factory=dict)
    kolada: Koladadata | None = None
    källor: list[Källfil] = field(default_factory=list)
    """Every source file read (for the sekretess check)."""
    trasiga: set[str] = field(default_factory=set)
    """Indicators whose own definition has errors (reported once, not again where they are used)."""

    def rapporter_i_ordning(self) -> list[RapportRef]:
        return sorted(self.rapporter.values(), key=lambda r: (r.period, r.id))

    def senaste_bedömning(self, mål_id: str):
        """(rapport, bedömning) from the newest report that assesses the mål, or None."""
        for r in reversed(self.rapporter_i_ordning()):
            if mål_id in r.data.mål:
                return r, r.data.mål[mål_id]
        return None

    def mål_med_indikator(self, ind_id: str) -> list[MålRef]:
        return [m for m in self.mål.values() if ind_id in m.data.indikatorer]

    def nämndmål_med_mått(self, ind_id: str) -> list[NämndmålRef]:
        return [n for n in self.nämndmål.values() if ind_id in n.data.mått]


# --- loading -------------------------------------------------------------------------


def indikatorläge(ms: Målstyrning, ind_id: str, period: Period):
    """(serie, period of the value, value, målvärde, reached?) for one indicator in a report; "
    "None parts when missing."""
    serie = ms.indikatorer.get(ind_id)
    if serie is None:
        return None
    träff = serie.värde_för(period)
    målvärde = serie.målvärde_för(period.år)
    if träff is None:
        return serie, None, None, målvärde, None
    när, utfall = träff
    nått = serie.når(utfall.totalt, målvärde) if målvärde is not None else None
    return serie, när, utfall, målvärde, nått


def _jämför_status(
    ms: Målstyrning, r: RapportRef, mål_id: str, status: str, rapport: Rapport
) -> None:
    """Status is set by people; warn only when it contradicts every indicator that has a target."""
    lägen = [indikatorläge(ms, i, r.period) for i in ms.mål[mål_id].data.indikatorer]
    bedömda = [läge for läge in lägen if läge is not None and läge[4] is not None]
    if not bedömda:
        return
    nådda = sum(1 for läge in bedömda if läge[4])
    detaljer = "; ".join(
        f"{läge[0].data.namn} {läge[0].visa(läge[2].totalt)} mot målvärdet {läge[0].visa(läge[3])}"
        for läge in bedömda
    )
    if status == "uppfyllt" and nådda == 0:
        r.källa.varning(
            rapport,
            ("mål", mål_id, "status"),
            f"målet {mål_id} bedöms uppfyllt, men ingen av dess indikatorer når sitt målvärde ({detaljer})",
        )
    elif status == "ej uppfyllt" and nådda == len(bedömda):
        r.källa.varning(
            rapport,
            ("mål", mål_id, "status"),
            f"målet {mål_id} bedöms ej uppfyllt, men alla dess indikatorer når sina målvärden ({detaljer})",
        )
