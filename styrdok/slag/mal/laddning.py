"""Reading the målkedja, indicators, nämnd plans and reports from content/mal/, and every
check that needs the whole chain: a mål names indikatorer, a nämndmål names a mål, a
report names both."""

from __future__ import annotations

from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_yaml
from styrdok.grund.modell import id_problem
from styrdok.grund.modellfel import okänd, validera
from styrdok.grund.sokvag import källfiler_utan_namnfel, visningsnamn
from styrdok.grund.tal import visa_tal
from styrdok.karna.korpus import Korpus
from styrdok.slag.mal.data import (
    PERIODFEL,
    MålRef,
    Målstyrning,
    NämndmålRef,
    Period,
    RapportRef,
    Serie,
    ÅtagandeRef,
    _jämför_status,
    tolka_period,
)
from styrdok.slag.mal.modeller import (
    Indikator,
    Indikatorfil,
    Koladadata,
    Målkedja,
    Nämndmål,
    Nämndplan,
    Utfall,
    Åtagande,
)
from styrdok.slag.mal.modeller import Rapport as Rapportmodell

MAPP = "mal"
TERTIALNAMN = {1: "januari–april", 2: "januari–augusti"}
RAPPORTPERIOD = {"tertialrapport": 1, "delårsrapport": 2, "årsredovisning": None}


KOLADAFIL = "kolada.yml"


RIKET = "0000"


def ladda(korpus: Korpus, rapport: Rapport) -> Målstyrning | None:
    mapp = korpus.innehåll / MAPP
    if not mapp.is_dir():
        return None
    ms = Målstyrning()
    ms.kolada = _läs(korpus, ms, mapp / KOLADAFIL, Koladadata, rapport)[1]
    _ladda_indikatorer(korpus, mapp / "indikatorer.yml", ms, rapport)
    _ladda_kedja(korpus, mapp / "malomraden.yml", ms, rapport)
    for fil in källfiler_utan_namnfel(korpus.rot, mapp / "namnder", (".yml", ".yaml"), rapport):
        _ladda_nämndplan(korpus, fil, ms, rapport)
    for fil in källfiler_utan_namnfel(korpus.rot, mapp / "rapporter", (".yml", ".yaml"), rapport):
        _ladda_rapport(korpus, fil, mapp / "rapporter", ms, rapport)
    return ms


def _läs(korpus: Korpus, ms: Målstyrning, fil: Path, modell, rapport: Rapport):
    if not fil.is_file():
        return None, None
    källa = läs_yaml(fil, visningsnamn(korpus.rot, fil), rapport)
    ms.källor.append(källa)
    data = validera(modell, källa.data, källa, rapport) if källa.data is not None else None
    return källa, data


def _kolla_id(rapport: Rapport, källa: Källfil, sökväg: tuple, vad: str) -> bool:
    ident = sökväg[-1]
    if (problem := id_problem(str(ident))) is None:
        return True
    källa.fel(rapport, sökväg, f"{vad}s id {problem}", nyckel=True)
    return False


def _ladda_indikatorer(korpus: Korpus, fil: Path, ms: Målstyrning, rapport: Rapport) -> None:
    källa, data = _läs(korpus, ms, fil, Indikatorfil, rapport)
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
        källa.fel(
            rapport,
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
                källa.fel(
                    rapport,
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
        källa.fel(rapport, sökväg, f"{text!r} {PERIODFEL}", nyckel=True)
        return None
    if not framtid and period.år > korpus.idag.year:
        källa.fel(
            rapport,
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
        serie.källa.varning(
            rapport,
            ("indikatorer", serie.id, "kolada"),
            f"inga Kolada-värden för {kpi} är importerade; kör styrdok kolada import FIL.json",
        )
    for år_text, v in egna.items():
        period = tolka_period(år_text)
        if period is None or v.T is None:
            continue
        if period in serie.utfall:
            if abs(serie.utfall[period].totalt - v.T) > 1e-9:
                serie.källa.varning(
                    rapport,
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
    källa, kedja = _läs(korpus, ms, fil, Målkedja, rapport)
    if kedja is None:
        if källa is None:
            rapport.fel(
                visningsnamn(korpus.rot, fil),
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
                källa.fel(
                    rapport,
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
            källa.fel(rapport, sökväg + (i,), okänd("indikator", ind_id, ms.indikatorer))


def _ladda_nämndplan(korpus: Korpus, fil: Path, ms: Målstyrning, rapport: Rapport) -> None:
    källa, plan = _läs(korpus, ms, fil, Nämndplan, rapport)
    if plan is None:
        return
    organ = korpus.kommun.organ.get(plan.nämnd)
    if organ is None:
        källa.fel(rapport, ("nämnd",), okänd("nämnd", plan.nämnd, korpus.kommun.organ))
    elif not organ.slag.förtroendevald:
        källa.fel(
            rapport,
            ("nämnd",),
            f"{organ.namn} är {organ.slag.beskrivning}, ingen nämnd; ange ett politiskt organ",
        )
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
        källa.fel(
            rapport,
            sökväg,
            f"nämndmålet {nm_id} finns redan i {ms.nämndmål[nm_id].källa.visningsnamn}",
            nyckel=True,
        )
        return
    if nm.mål not in ms.mål:
        källa.fel(rapport, sökväg + ("mål",), okänd("mål", nm.mål, ms.mål))
    if nm.verksamhet and nm.verksamhet not in korpus.kommun.verksamheter:
        källa.fel(
            rapport,
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
        källa.fel(
            rapport,
            sökväg,
            f"åtagandet {å_id} finns redan i {ms.åtaganden[å_id].källa.visningsnamn}",
            nyckel=True,
        )
        return
    if å.mål not in ms.mål:
        källa.fel(rapport, sökväg + ("mål",), okänd("mål", å.mål, ms.mål))
    if å.nämndmål and å.nämndmål not in plan.nämndmål:
        källa.fel(rapport, sökväg + ("nämndmål",), okänd("nämndmål", å.nämndmål, plan.nämndmål))
    elif å.nämndmål and plan.nämndmål[å.nämndmål].mål != å.mål:
        källa.fel(
            rapport,
            sökväg + ("mål",),
            f"åtagandet hör till nämndmålet {å.nämndmål}, som bidrar till målet "
            f"{plan.nämndmål[å.nämndmål].mål}, inte {å.mål}",
        )
    ms.åtaganden[å_id] = ÅtagandeRef(å_id, plan.nämnd, å, källa)


def _ladda_rapport(
    korpus: Korpus, fil: Path, mapp: Path, ms: Målstyrning, rapport: Rapport
) -> None:
    källa, data = _läs(korpus, ms, fil, Rapportmodell, rapport)
    if data is None:
        return
    rapport_id = fil.relative_to(mapp).with_suffix("").as_posix()
    period = tolka_period(data.period)
    if period is None:
        källa.fel(rapport, ("period",), f"period: {data.period!r} {PERIODFEL}")
        return
    väntad = RAPPORTPERIOD[data.typ]
    if (period.tertial if period.tertial != 3 else None) != väntad:
        exempel = f"{period.år}-T{väntad}" if väntad else str(period.år)
        källa.fel(
            rapport,
            ("period",),
            f"en {data.typ} följer upp perioden {exempel}, inte {data.period}",
        )
    organ = korpus.kommun.organ.get(data.beslutsinstans)
    if organ is None:
        källa.fel(
            rapport,
            ("beslutsinstans",),
            okänd("beslutsinstans", data.beslutsinstans, korpus.kommun.organ),
        )
    if data.beslutsdatum and data.beslutsdatum > korpus.idag:
        källa.fel(
            rapport,
            ("beslutsdatum",),
            f"beslutsdatum {data.beslutsdatum} ligger i framtiden",
        )
    ref = RapportRef(rapport_id, data, källa, period)
    _kolla_bedömningar(ms, ref, rapport)
    ms.rapporter[rapport_id] = ref


def _kolla_bedömningar(ms: Målstyrning, r: RapportRef, rapport: Rapport) -> None:
    for mål_id, bedömning in r.data.mål.items():
        if mål_id not in ms.mål:
            r.källa.fel(rapport, ("mål", mål_id), okänd("mål", mål_id, ms.mål), nyckel=True)
            continue
        _jämför_status(ms, r, mål_id, bedömning.status, rapport)
    for å_id in r.data.åtaganden:
        if å_id not in ms.åtaganden:
            r.källa.fel(
                rapport,
                ("åtaganden", å_id),
                okänd("åtagande", å_id, ms.åtaganden),
                nyckel=True,
            )
    obedömda = [m for m in ms.mål if m not in r.data.mål]
    if obedömda and ms.mål:
        r.källa.varning(
            rapport,
            ("mål",),
            f"rapporten bedömer inte {', '.join(obedömda)}; de visas som ej bedömda",
        )
