"""Målstyrning loaded and linked: the målkedja from vision to aktivitet, indicator series
with Kolada values merged in, and the reports per period.

Reading and checking live together here because every check needs the whole chain:
a mål names indikatorer, a nämndmål names a mål, a report names both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_yaml
from styrdok.grund.modell import ID_MÖNSTER
from styrdok.grund.modellfel import okänd, validera
from styrdok.grund.tal import visa_tal
from styrdok.korpus import Korpus
from styrdok.slag.mal_hjalp import fel, filer, namn, varning
from styrdok.slag.mal_modeller import (
    PERIOD,
    Indikator,
    Indikatorfil,
    Koladadata,
    Mål,
    Målkedja,
    Nämndmål,
    Nämndplan,
    Utfall,
    Åtagande,
)
from styrdok.slag.mal_modeller import Rapport as Rapportmodell

MAPP = "mal"
KOLADAFIL = "kolada.yml"
RIKET = "0000"
_ID = re.compile(ID_MÖNSTER)
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


def ladda(korpus: Korpus, rapport: Rapport) -> Målstyrning | None:
    mapp = korpus.innehåll / MAPP
    if not mapp.is_dir():
        return None
    ms = Målstyrning()
    ms.kolada = _läs(korpus, mapp / KOLADAFIL, Koladadata, rapport)[1]
    _ladda_indikatorer(korpus, mapp / "indikatorer.yml", ms, rapport)
    _ladda_kedja(korpus, mapp / "malomraden.yml", ms, rapport)
    for fil in filer(korpus, mapp / "namnder", (".yml", ".yaml"), rapport):
        _ladda_nämndplan(korpus, fil, ms, rapport)
    for fil in filer(korpus, mapp / "rapporter", (".yml", ".yaml"), rapport):
        _ladda_rapport(korpus, fil, mapp / "rapporter", ms, rapport)
    return ms


def _läs(korpus: Korpus, fil: Path, modell, rapport: Rapport):
    if not fil.is_file():
        return None, None
    källa = läs_yaml(fil, namn(korpus, fil), rapport)
    data = validera(modell, källa.data, källa, rapport) if källa.data is not None else None
    return källa, data


def _kolla_id(rapport: Rapport, källa: Källfil, sökväg: tuple, vad: str) -> bool:
    ident = sökväg[-1]
    if _ID.match(str(ident)):
        return True
    fel(
        rapport,
        källa,
        sökväg,
        f"{vad}s id {ident!r} får bara innehålla små bokstäver a–z, siffror, - och _ "
        f"(det blir en del av webbadressen)",
        nyckel=True,
    )
    return False


def _ladda_indikatorer(korpus: Korpus, fil: Path, ms: Målstyrning, rapport: Rapport) -> None:
    källa, data = _läs(korpus, fil, Indikatorfil, rapport)
    if data is None:
        return
    for ind_id, rå in data.indikatorer.items():
        ind = validera(Indikator, rå, källa, rapport, prefix=("indikatorer", ind_id))
        if ind is None:
            ms.trasiga.add(ind_id)  # already reported; a mål naming it is not a second mistake
            continue
        if not _kolla_id(rapport, källa, ("indikatorer", ind_id), "indikatorn"):
            continue
        serie = Serie(ind_id, ind, källa)
        _egna_värden(korpus, serie, rapport)
        _koladavärden(ms.kolada, serie, rapport)
        ms.indikatorer[ind_id] = serie


def _egna_värden(korpus: Korpus, serie: Serie, rapport: Rapport) -> None:
    ind, källa, bas = serie.data, serie.källa, ("indikatorer", serie.id)
    if ind.verksamhet and ind.verksamhet not in korpus.kommun.verksamheter:
        fel(
            rapport,
            källa,
            bas + ("verksamhet",),
            okänd("verksamhet", ind.verksamhet, korpus.kommun.verksamheter),
        )
    for nyckel, värde in ind.utfall.items():
        period = _period(korpus, källa, bas + ("utfall", nyckel), nyckel, rapport)
        if period is not None:
            serie.utfall[period] = värde
    for fält, mål in (("målvärden", serie.målvärden), ("riket", serie.riket)):
        for nyckel, värde in getattr(ind, fält).items():
            period = _period(
                korpus, källa, bas + (fält, nyckel), nyckel, rapport, framtid=fält == "målvärden"
            )
            if period is None:
                continue
            if period.tertial != 3:
                fel(
                    rapport,
                    källa,
                    bas + (fält, nyckel),
                    f"{fält} anges per år (t.ex. 2025), inte per tertial",
                )
                continue
            mål[period.år] = värde


def _period(
    korpus: Korpus,
    källa: Källfil,
    sökväg: tuple,
    text: str,
    rapport: Rapport,
    framtid: bool = False,
) -> Period | None:
    period = tolka_period(text)
    if period is None:
        fel(rapport, källa, sökväg, f"{text!r} {PERIODFEL}", nyckel=True)
        return None
    if not framtid and period.år > korpus.idag.year:
        fel(
            rapport,
            källa,
            sökväg,
            f"perioden {text} har inte börjat; utfall kan bara anges för passerade perioder",
            nyckel=True,
        )
        return None
    return period


def _koladavärden(kolada: Koladadata | None, serie: Serie, rapport: Rapport) -> None:
    """Kolada values fill the series; a value typed by hand for the same year wins, with a warning if it differs."""
    kpi = serie.data.kolada
    if kpi is None:
        return
    egna = kolada.värden.get(kpi, {}) if kolada else {}
    if not egna:
        varning(
            rapport,
            serie.källa,
            ("indikatorer", serie.id, "kolada"),
            f"inga Kolada-värden för {kpi} är importerade; kör styrdok kolada import FIL.json",
        )
    for år_text, v in egna.items():
        period = tolka_period(år_text)
        if period is None or v.T is None:
            continue
        if period in serie.utfall:
            if abs(serie.utfall[period].totalt - v.T) > 1e-9:
                varning(
                    rapport,
                    serie.källa,
                    ("indikatorer", serie.id, "utfall", år_text),
                    f"utfallet {år_text} skiljer sig från Kolada ({visa_tal(v.T)}); det egna värdet visas",
                )
            continue
        serie.utfall[period] = Utfall(totalt=v.T, kvinnor=v.K, män=v.M)
        serie.från_kolada.add(period)
    for år_text, v in (kolada.riket.get(kpi, {}) if kolada else {}).items():
        period = tolka_period(år_text)
        if period is not None and v.T is not None:
            serie.riket.setdefault(period.år, v.T)


def _ladda_kedja(korpus: Korpus, fil: Path, ms: Målstyrning, rapport: Rapport) -> None:
    källa, kedja = _läs(korpus, fil, Målkedja, rapport)
    if kedja is None:
        if källa is None:
            rapport.fel(
                namn(korpus, fil),
                1,
                1,
                "malomraden.yml saknas; målkedjan börjar med målområden och mål där",
            )
        return
    ms.kedja = kedja
    for område_id, område in kedja.målområden.items():
        _kolla_id(rapport, källa, ("målområden", område_id), "målområdet")
        for mål_id, mål in område.mål.items():
            sökväg = ("målområden", område_id, "mål", mål_id)
            if not _kolla_id(rapport, källa, sökväg, "målet"):
                continue
            if mål_id in ms.mål:
                fel(
                    rapport,
                    källa,
                    sökväg,
                    f"målet {mål_id} finns redan under {ms.mål[mål_id].område}",
                    nyckel=True,
                )
                continue
            ms.mål[mål_id] = MålRef(mål_id, område_id, mål)
            _kolla_indikatorer(ms, källa, sökväg + ("indikatorer",), mål.indikatorer, rapport)


def _kolla_indikatorer(
    ms: Målstyrning, källa: Källfil, sökväg: tuple, ids: list[str], rapport: Rapport
) -> None:
    for i, ind_id in enumerate(ids):
        if ind_id not in ms.indikatorer and ind_id not in ms.trasiga:
            fel(rapport, källa, sökväg + (i,), okänd("indikator", ind_id, ms.indikatorer))


def _ladda_nämndplan(korpus: Korpus, fil: Path, ms: Målstyrning, rapport: Rapport) -> None:
    källa, plan = _läs(korpus, fil, Nämndplan, rapport)
    if plan is None:
        return
    organ = korpus.kommun.organ.get(plan.nämnd)
    if organ is None:
        fel(rapport, källa, ("nämnd",), okänd("nämnd", plan.nämnd, korpus.kommun.organ))
    elif organ.typ != "politisk":
        fel(rapport, källa, ("nämnd",), f"{organ.namn} är ingen nämnd; ange ett politiskt organ")
    if plan.nämnd not in ms.nämnder:
        ms.nämnder.append(plan.nämnd)
    for nm_id, nm in plan.nämndmål.items():
        _nämndmål(korpus, ms, källa, plan.nämnd, nm_id, nm, rapport)
    for å_id, å in plan.åtaganden.items():
        _åtagande(ms, källa, plan, å_id, å, rapport)


def _nämndmål(
    korpus: Korpus,
    ms: Målstyrning,
    källa: Källfil,
    nämnd: str,
    nm_id: str,
    nm: Nämndmål,
    rapport: Rapport,
) -> None:
    sökväg = ("nämndmål", nm_id)
    if not _kolla_id(rapport, källa, sökväg, "nämndmålet"):
        return
    if nm_id in ms.nämndmål:
        fel(
            rapport,
            källa,
            sökväg,
            f"nämndmålet {nm_id} finns redan i {ms.nämndmål[nm_id].källa.visningsnamn}",
            nyckel=True,
        )
        return
    if nm.mål not in ms.mål:
        fel(rapport, källa, sökväg + ("mål",), okänd("mål", nm.mål, ms.mål))
    if nm.verksamhet and nm.verksamhet not in korpus.kommun.verksamheter:
        fel(
            rapport,
            källa,
            sökväg + ("verksamhet",),
            okänd("verksamhet", nm.verksamhet, korpus.kommun.verksamheter),
        )
    _kolla_indikatorer(ms, källa, sökväg + ("mått",), nm.mått, rapport)
    ms.nämndmål[nm_id] = NämndmålRef(nm_id, nämnd, nm, källa)


def _åtagande(
    ms: Målstyrning, källa: Källfil, plan: Nämndplan, å_id: str, å: Åtagande, rapport: Rapport
) -> None:
    sökväg = ("åtaganden", å_id)
    if not _kolla_id(rapport, källa, sökväg, "åtagandet"):
        return
    if å_id in ms.åtaganden:
        fel(
            rapport,
            källa,
            sökväg,
            f"åtagandet {å_id} finns redan i {ms.åtaganden[å_id].källa.visningsnamn}",
            nyckel=True,
        )
        return
    if å.mål not in ms.mål:
        fel(rapport, källa, sökväg + ("mål",), okänd("mål", å.mål, ms.mål))
    if å.nämndmål and å.nämndmål not in plan.nämndmål:
        fel(rapport, källa, sökväg + ("nämndmål",), okänd("nämndmål", å.nämndmål, plan.nämndmål))
    elif å.nämndmål and plan.nämndmål[å.nämndmål].mål != å.mål:
        fel(
            rapport,
            källa,
            sökväg + ("mål",),
            f"åtagandet hör till nämndmålet {å.nämndmål}, som bidrar till målet "
            f"{plan.nämndmål[å.nämndmål].mål}, inte {å.mål}",
        )
    ms.åtaganden[å_id] = ÅtagandeRef(å_id, plan.nämnd, å, källa)


def _ladda_rapport(
    korpus: Korpus, fil: Path, mapp: Path, ms: Målstyrning, rapport: Rapport
) -> None:
    källa, data = _läs(korpus, fil, Rapportmodell, rapport)
    if data is None:
        return
    rapport_id = fil.relative_to(mapp).with_suffix("").as_posix()
    period = tolka_period(data.period)
    if period is None:
        fel(rapport, källa, ("period",), f"period: {data.period!r} {PERIODFEL}")
        return
    väntad = RAPPORTPERIOD[data.typ]
    if (period.tertial if period.tertial != 3 else None) != väntad:
        exempel = f"{period.år}-T{väntad}" if väntad else str(period.år)
        fel(
            rapport,
            källa,
            ("period",),
            f"en {data.typ} följer upp perioden {exempel}, inte {data.period}",
        )
    organ = korpus.kommun.organ.get(data.beslutsinstans)
    if organ is None:
        fel(
            rapport,
            källa,
            ("beslutsinstans",),
            okänd("beslutsinstans", data.beslutsinstans, korpus.kommun.organ),
        )
    if data.beslutsdatum and data.beslutsdatum > korpus.idag:
        fel(
            rapport,
            källa,
            ("beslutsdatum",),
            f"beslutsdatum {data.beslutsdatum} ligger i framtiden",
        )
    ref = RapportRef(rapport_id, data, källa, period)
    _kolla_bedömningar(ms, ref, rapport)
    ms.rapporter[rapport_id] = ref


def _kolla_bedömningar(ms: Målstyrning, r: RapportRef, rapport: Rapport) -> None:
    for mål_id, bedömning in r.data.mål.items():
        if mål_id not in ms.mål:
            fel(rapport, r.källa, ("mål", mål_id), okänd("mål", mål_id, ms.mål), nyckel=True)
            continue
        _jämför_status(ms, r, mål_id, bedömning.status, rapport)
    for å_id in r.data.åtaganden:
        if å_id not in ms.åtaganden:
            fel(
                rapport,
                r.källa,
                ("åtaganden", å_id),
                okänd("åtagande", å_id, ms.åtaganden),
                nyckel=True,
            )
    obedömda = [m for m in ms.mål if m not in r.data.mål]
    if obedömda and ms.mål:
        varning(
            rapport,
            r.källa,
            ("mål",),
            f"rapporten bedömer inte {', '.join(obedömda)}; de visas som ej bedömda",
        )


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
        varning(
            rapport,
            r.källa,
            ("mål", mål_id, "status"),
            f"målet {mål_id} bedöms uppfyllt, men ingen av dess indikatorer når sitt målvärde ({detaljer})",
        )
    elif status == "ej uppfyllt" and nådda == len(bedömda):
        varning(
            rapport,
            r.källa,
            ("mål", mål_id, "status"),
            f"målet {mål_id} bedöms ej uppfyllt, men alla dess indikatorer når sina målvärden ({detaljer})",
        )
