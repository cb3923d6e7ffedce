"""Web pages of målstyrning: the målkedja as pages you can walk, both up and down.

vision (mal/index) → målområde (mal/omraden/…) → mål (mal/mal/…) → indikator
(mal/indikatorer/…, with its chart) and nämndmål/åtaganden (mal/namnder/…);
every report has its page (mal/rapporter/…) and a PDF and Word file.
"""

from __future__ import annotations

from styrdok.grund.text import cell, etikett, gemen, länk, md, tabell
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import Webbtexter
from styrdok.karna.utdata import Sida
from styrdok.slag.mal.data import Målstyrning
from styrdok.slag.mal.rapport import (
    ÅTAGANDESTATUS,
    indikatortabell,
    statusmärke,
    webbmärke,
)
from styrdok.slag.mal.sidor_indikatorer import indikatorindex, indikatorsida
from styrdok.slag.mal.sidor_rapporter import nämndsida, rapportsida
from styrdok.slag.mal.vagar import (
    INDEX,
    INDIKATORER,
    INDIKATORFIL,
    KEDJEFIL,
    indikator_väg,
    länkare,
    mål_väg,
    nämnd_väg,
    område_väg,
    rapport_väg,
)


def sidor(korpus: Korpus, ms: Målstyrning) -> list[Sida]:
    if ms.kedja is None:
        return []
    kedja, nivå = korpus.innehåll / KEDJEFIL, korpus.kommun.målnivåer

    def sida(väg: str, titel: str, gör) -> Sida:
        """A page whose sources' texts ``gör(webb)`` places through ``webb`` (links)."""
        webb = Webbtexter(korpus, kedja, väg)
        return Sida(väg, titel, gör(webb), webb.filer)

    sidor = [
        sida(INDEX, "Mål och uppföljning", lambda w: _startsida(korpus, ms, w)),
        Sida(INDIKATORER, "Indikatorer", indikatorindex(ms)),
    ]
    sidor += [
        sida(område_väg(o), område.namn, lambda w, o=o: _områdessida(korpus, ms, o, w))
        for o, område in ms.kedja.målområden.items()
    ]
    sidor += [
        sida(mål_väg(m), mål.data.namn, lambda w, m=m: _målsida(korpus, ms, m, w))
        for m, mål in ms.mål.items()
    ]
    indikatorfil = korpus.innehåll / INDIKATORFIL
    sidor += [
        sida(
            indikator_väg(i),
            s.data.namn,
            lambda w, s=s: indikatorsida(ms, s, nivå, lambda t: w(t, indikatorfil)),
        )
        for i, s in ms.indikatorer.items()
    ]
    sidor += [
        Sida(nämnd_väg(n), organnamn(korpus, n), nämndsida(korpus, ms, n)) for n in ms.nämnder
    ]
    sidor += [
        sida(rapport_väg(r.id), r.data.titel, lambda w, r=r: rapportsida(korpus, ms, r, w))
        for r in ms.rapporter.values()
    ]
    return sidor


def _senaste_status(ms: Målstyrning, mål_id: str) -> str:
    träff = ms.senaste_bedömning(mål_id)
    if träff is None:
        return statusmärke("ej bedömt")
    r, bedömning = träff
    return f"{statusmärke(bedömning.status)} ({cell(r.data.titel)})"


# --- vision and målområden ---------------------------------------------------------


def _startsida(korpus: Korpus, ms: Målstyrning, webb: Webbtexter) -> str:
    väg, n = INDEX, korpus.kommun.målnivåer
    delar = [
        "# Mål och uppföljning",
        "",
        "## Vision",
        "",
        f"> {md(korpus.kommun.vision)}",
        "",
        f"Visionen bryts ner i {gemen(n.målområde.plural)}. Inom varje "
        f"{gemen(n.målområde.ental)} har kommunfullmäktige beslutat om {gemen(n.mål.plural)}, och "
        f"indikatorer visar om vi når dem. Nämnderna bidrar med egna {gemen(n.nämndmål.plural)} och "
        f"{gemen(n.åtagande.plural)}. Hur det går redovisas i delårsrapporten och årsredovisningen.",
    ]
    if ms.kedja.beslut:
        delar += ["", f"Målen är beslutade i {md(ms.kedja.beslut)}."]
    for o, område in ms.kedja.målområden.items():
        delar += ["", f"## [{md(område.namn)}]({länk(väg, område_väg(o))})", ""]
        if område.beskrivning:
            delar += [webb(område.beskrivning.strip()), ""]
        delar.append(
            tabell(
                [md(n.mål.ental), "Senaste bedömning"],
                [
                    [
                        f"[{cell(ms.mål[m].data.namn)}]({länk(väg, mål_väg(m))})",
                        _senaste_status(ms, m),
                    ]
                    for m in område.mål
                    if m in ms.mål
                ],
            )
        )
    delar += ["", "## Uppföljning", ""]
    delar += [
        f"- [{md(r.data.titel)}]({länk(väg, rapport_väg(r.id))})"
        for r in reversed(ms.rapporter_i_ordning())
    ]
    delar += ["", f"## Nämndernas {gemen(n.nämndmål.plural)} och {gemen(n.åtagande.plural)}", ""]
    delar += [f"- [{md(organnamn(korpus, n))}]({länk(väg, nämnd_väg(n))})" for n in ms.nämnder]
    delar += ["", f"[Alla indikatorer]({länk(väg, INDIKATORER)})"]
    return "\n".join(delar)


def _områdessida(korpus: Korpus, ms: Målstyrning, område_id: str, webb: Webbtexter) -> str:
    väg, område = område_väg(område_id), ms.kedja.målområden[område_id]
    delar = [
        f"# {md(område.namn)}",
        "",
        f"[Mål och uppföljning]({länk(väg, INDEX)}) › {md(område.namn)}",
        "",
    ]
    if område.perspektiv:
        delar += [f"Perspektiv: {md(område.perspektiv)}", ""]
    if område.beskrivning:
        delar += [webb(område.beskrivning.strip()), ""]
    delar += [f"## {md(korpus.kommun.målnivåer.mål.plural)}", ""]
    for m in område.mål:
        if m not in ms.mål:
            continue
        mål = ms.mål[m]
        delar += [
            f"### [{md(mål.data.namn)}]({länk(väg, mål_väg(m))})",
            "",
            f"Senaste bedömning: {_senaste_status(ms, m)}",
            "",
        ]
        if mål.data.beskrivning:
            delar += [webb(mål.data.beskrivning.strip()), ""]
    return "\n".join(delar)


# --- mål ---------------------------------------------------------------------------


def _målsida(korpus: Korpus, ms: Målstyrning, mål_id: str, webb: Webbtexter) -> str:
    väg, mål = mål_väg(mål_id), ms.mål[mål_id]
    område = ms.kedja.målområden[mål.område]
    delar = [
        f"# {md(mål.data.namn)}",
        "",
        f"[Mål och uppföljning]({länk(väg, INDEX)}) › [{md(område.namn)}]"
        f"({länk(väg, område_väg(mål.område))}) › {md(mål.data.namn)}",
        "",
    ]
    if mål.data.beskrivning:
        delar += [webb(mål.data.beskrivning.strip()), ""]
    delar += _bedömningar(ms, mål_id, väg, webb)
    senaste = ms.rapporter_i_ordning()[-1] if ms.rapporter else None
    if mål.data.indikatorer and senaste is not None:
        delar += [
            "## Indikatorer",
            "",
            f"Läget enligt {md(senaste.data.titel.lower())}.",
            "",
            indikatortabell(ms, senaste, mål.data.indikatorer, webbmärke, länkare(väg)),
            "",
        ]
    delar += _nämndmål_för(korpus, ms, mål_id, väg)
    delar += _åtaganden_för(korpus, ms, mål_id, väg)
    return "\n".join(delar)


def _bedömningar(ms: Målstyrning, mål_id: str, väg: str, webb: Webbtexter) -> list[str]:
    rader, senaste = [], None
    for r in ms.rapporter_i_ordning():
        bedömning = r.data.mål.get(mål_id)
        if bedömning:
            rader.append(
                [
                    f"[{cell(r.data.titel)}]({länk(väg, rapport_väg(r.id))})",
                    statusmärke(bedömning.status),
                ]
            )
            senaste = (r, bedömning)
    if senaste is None:
        return ["## Bedömning", "", f"Målet har inte bedömts ännu: {statusmärke('ej bedömt')}", ""]
    r, bedömning = senaste
    return [
        "## Bedömning",
        "",
        f"**{md(r.data.titel)}:** {statusmärke(bedömning.status)}",
        "",
        webb(bedömning.analys.strip(), r.källa.sökväg),
        "",
        "### Alla bedömningar",
        "",
        tabell(["Rapport", "Status"], list(reversed(rader))),
        "",
    ]


def _nämndmål_för(korpus: Korpus, ms: Målstyrning, mål_id: str, väg: str) -> list[str]:
    lista = [n for n in ms.nämndmål.values() if n.data.mål == mål_id]
    if not lista:
        return []
    rader = [
        [
            cell(n.data.namn),
            f"[{cell(organnamn(korpus, n.nämnd))}]({länk(väg, nämnd_väg(n.nämnd))})",
            ", ".join(
                f"[{cell(ms.indikatorer[i].data.namn)}]({länk(väg, indikator_väg(i))})"
                for i in n.data.mått
                if i in ms.indikatorer
            ),
        ]
        for n in lista
    ]
    n = korpus.kommun.målnivåer.nämndmål
    return [f"## {md(n.plural)}", "", tabell([md(n.ental), "Nämnd", "Verksamhetsmått"], rader), ""]


def _åtaganden_för(korpus: Korpus, ms: Målstyrning, mål_id: str, väg: str) -> list[str]:
    lista = [å for å in ms.åtaganden.values() if å.data.mål == mål_id]
    if not lista:
        return []
    rader = [
        [
            cell(å.data.namn),
            f"[{cell(organnamn(korpus, å.nämnd))}]({länk(väg, nämnd_väg(å.nämnd))})",
            etikett(*ÅTAGANDESTATUS[å.data.status]),
        ]
        for å in lista
    ]
    n = korpus.kommun.målnivåer.åtagande
    return [f"## {md(n.plural)}", "", tabell([md(n.ental), "Ansvarig nämnd", "Status"], rader), ""]


# --- indikatorer -------------------------------------------------------------------


# --- nämnder and reports -----------------------------------------------------------
