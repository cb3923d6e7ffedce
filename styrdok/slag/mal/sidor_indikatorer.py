"""The indicator pages: the overview, one page per indicator with its chart (SVG) and the
same numbers as a table, and the chart files."""

from __future__ import annotations

from collections.abc import Callable

from styrdok.grund.tal import visa_tal
from styrdok.grund.text import cell, gemen, html_tabell, länk, md, tabell
from styrdok.slag.mal.data import Målstyrning, Serie
from styrdok.slag.mal.diagram import svg
from styrdok.slag.mal.modeller import Målnivåer
from styrdok.slag.mal.vagar import (
    INDEX,
    INDIKATORER,
    diagram_väg,
    indikator_väg,
    mål_väg,
    nämnd_väg,
)


def indikatorindex(ms: Målstyrning) -> str:
    väg = INDIKATORER
    rader = []
    for i, s in sorted(ms.indikatorer.items(), key=lambda p: p[1].data.namn.lower()):
        senaste = max(s.utfall) if s.utfall else None
        rader.append(
            [
                f"[{cell(s.data.namn)}]({länk(väg, indikator_väg(i))})",
                cell(s.data.typ.capitalize()),
                f"{s.visa(s.utfall[senaste].totalt)} ({senaste.namn})" if senaste else "–",
                cell(s.data.kolada or ""),
            ]
        )
    return "\n".join(
        [
            "# Indikatorer",
            "",
            f"[Mål och uppföljning]({länk(väg, INDEX)}) › Indikatorer",
            "",
            "Indikatorerna visar om kommunen når sina mål; verksamhetsmåtten följer nämndernas mål. "
            "Nyckeltal med id kommer från Kolada, den nationella databasen för kommuner och regioner.",
            "",
            tabell(["Indikator", "Typ", "Senaste utfall", "Kolada-id"], rader),
            "",
            "Källa: Kolada för nyckeltal med Kolada-id.",
        ]
    )


def indikatorsida(ms: Målstyrning, s: Serie, nivå: Målnivåer, texter: Callable[[str], str]) -> str:
    väg, d = indikator_väg(s.id), s.data
    delar = [
        f"# {md(d.namn)}",
        "",
        f"[Mål och uppföljning]({länk(väg, INDEX)}) › [Indikatorer]({länk(väg, INDIKATORER)}) › "
        f"{md(d.namn)}",
        "",
    ]
    if d.beskrivning:
        delar += [texter(d.beskrivning.strip()), ""]
    delar += [_fakta(ms, s, väg, nivå), ""]
    if s.perioder:
        delar += [
            "## Utveckling över tid",
            "",
            f"![Diagram: {md(d.namn)}, utfall per år jämfört med målvärde{' och riket' if s.riket else ''}. "
            f"Värdena finns i tabellen nedan.]({länk(väg, diagram_väg(s.id))})",
            "",
            värdetabell(s),
        ]
    else:
        delar.append("Indikatorn har inga värden ännu.")
    if s.från_kolada or (d.kolada and s.riket):
        delar += [
            "",
            f"Källa: Kolada (nyckeltal {md(d.kolada or '')}). Värden för hela riket är Koladas värde för riket.",
        ]
    return "\n".join(delar)


def _fakta(ms: Målstyrning, s: Serie, väg: str, nivå: Målnivåer) -> str:
    d = s.data
    rader = [f"- Enhet: {md(d.enhet)}", f"- {md(d.riktning.capitalize())}", f"- Typ: {md(d.typ)}"]
    if d.kolada:
        rader.append(f"- Kolada-id: {md(d.kolada)}")
    if d.källa:
        rader.append(f"- Källa: {md(d.källa)}")
    for m in ms.mål_med_indikator(s.id):
        rader.append(
            f"- Följer {gemen(nivå.mål.ental)}: [{md(m.data.namn)}]({länk(väg, mål_väg(m.id))})"
        )
    for n in ms.nämndmål_med_mått(s.id):
        nämnd = f"[{md(n.nämnd.upper())}]({länk(väg, nämnd_väg(n.nämnd))})"
        rader.append(f"- Följer {gemen(nivå.nämndmål.ental)}: {md(n.data.namn)} ({nämnd})")
    return "\n".join(rader)


def värdetabell(s: Serie) -> str:
    """Every period with its numbers; the chart shows the yearly ones."""
    könsdelat = any(u.kvinnor is not None or u.män is not None for u in s.utfall.values())
    kolumner = (
        ["Period", "Utfall"]
        + (["Kvinnor", "Män"] if könsdelat else [])
        + ["Målvärde", "Riket", "Källa"]
    )
    rader = []
    for p in s.perioder:
        u = s.utfall.get(p)
        rad = [p.namn, visa_tal(u.totalt) if u else "–"]
        if könsdelat:
            rad += [visa_tal(u.kvinnor) if u else "–", visa_tal(u.män) if u else "–"]
        helår = p.tertial == 3
        rad += [
            visa_tal(s.målvärden.get(p.år)) if helår else "–",
            visa_tal(s.riket.get(p.år)) if helår else "–",
            "Kolada" if p in s.från_kolada else ("Egen uppgift" if u else ""),
        ]
        rader.append(rad)
    return html_tabell(
        f"{s.data.namn} ({s.data.enhet}) per period",
        kolumner,
        rader,
        "styrdok-data styrdok-indikatortabell",
    )


def filer(ms: Målstyrning) -> dict[str, bytes]:

    return {diagram_väg(i): svg(s) for i, s in ms.indikatorer.items() if s.perioder}
