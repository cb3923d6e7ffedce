"""Web pages of målstyrning: the målkedja as pages you can walk, both up and down.

vision (mal/index) → målområde (mal/omraden/…) → mål (mal/mal/…) → indikator
(mal/indikatorer/…, with its chart) and nämndmål/åtaganden (mal/namnder/…);
every report has its page (mal/rapporter/…) and a PDF and Word file.
"""

from __future__ import annotations

from styrdok.grund.tal import visa_tal
from styrdok.grund.text import cell, etikett, html_tabell, länk, tabell
from styrdok.korpus import Korpus
from styrdok.presentation import organnamn
from styrdok.slag import Sida
from styrdok.slag.mal_data import Målstyrning, Period, RapportRef, Serie
from styrdok.slag.mal_rapport import (
    ÅTAGANDESTATUS,
    indikatortabell,
    rapporttext,
    statusmärke,
    uppgifter,
    webbmärke,
)

INDEX = "mal/index.md"
INDIKATORER = "mal/indikatorer/index.md"


def område_väg(område_id: str) -> str:
    return f"mal/omraden/{område_id}.md"


def mål_väg(mål_id: str) -> str:
    return f"mal/mal/{mål_id}.md"


def indikator_väg(ind_id: str) -> str:
    return f"mal/indikatorer/{ind_id}.md"


def diagram_väg(ind_id: str) -> str:
    return f"mal/diagram/{ind_id}.svg"


def nämnd_väg(nämnd: str) -> str:
    return f"mal/namnder/{nämnd}.md"


def rapport_väg(rapport_id: str) -> str:
    return f"mal/rapporter/{rapport_id}.md"


def rapport_filväg(rapport_id: str) -> str:
    return f"filer/mal/rapporter/{rapport_id}"


def sidor(korpus: Korpus, ms: Målstyrning) -> list[Sida]:
    if ms.kedja is None:
        return []
    sidor = [
        Sida(INDEX, "Mål och uppföljning", _startsida(korpus, ms)),
        Sida(INDIKATORER, "Indikatorer", _indikatorindex(ms)),
    ]
    sidor += [
        Sida(område_väg(o), område.namn, _områdessida(ms, o))
        for o, område in ms.kedja.målområden.items()
    ]
    sidor += [Sida(mål_väg(m), mål.data.namn, _målsida(korpus, ms, m)) for m, mål in ms.mål.items()]
    sidor += [
        Sida(indikator_väg(i), s.data.namn, _indikatorsida(ms, s))
        for i, s in ms.indikatorer.items()
    ]
    sidor += [
        Sida(nämnd_väg(n), organnamn(korpus, n), _nämndsida(korpus, ms, n)) for n in ms.nämnder
    ]
    sidor += [
        Sida(rapport_väg(r.id), r.data.titel, _rapportsida(korpus, ms, r))
        for r in ms.rapporter.values()
    ]
    return sidor


def _länkare(från: str):
    """``[text](relative link)`` for a ``kind:id`` target, used inside report tables."""

    def länka(text: str, mål: str) -> str:
        slag, ident = mål.split(":", 1)
        till = mål_väg(ident) if slag == "mal" else indikator_väg(ident)
        return f"[{text}]({länk(från, till)})"

    return länka


def _senaste_status(ms: Målstyrning, mål_id: str) -> str:
    träff = ms.senaste_bedömning(mål_id)
    if träff is None:
        return statusmärke("ej bedömt")
    r, bedömning = träff
    return f"{statusmärke(bedömning.status)} ({cell(r.data.titel)})"


# --- vision and målområden ---------------------------------------------------------


def _startsida(korpus: Korpus, ms: Målstyrning) -> str:
    väg = INDEX
    delar = [
        "# Mål och uppföljning",
        "",
        "## Vision",
        "",
        f"> {korpus.kommun.vision.strip()}",
        "",
        "Visionen bryts ner i målområden. Inom varje målområde har kommunfullmäktige beslutat om "
        "övergripande mål, och indikatorer visar om vi når dem. Nämnderna bidrar med egna nämndmål och "
        "åtaganden. Hur det går redovisas i delårsrapporten och årsredovisningen.",
    ]
    if ms.kedja.beslut:
        delar += ["", f"Målen är beslutade i {ms.kedja.beslut.strip()}."]
    for o, område in ms.kedja.målområden.items():
        delar += ["", f"## [{område.namn}]({länk(väg, område_väg(o))})", ""]
        if område.beskrivning:
            delar += [område.beskrivning.strip(), ""]
        delar.append(
            tabell(
                ["Mål", "Senaste bedömning"],
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
        f"- [{r.data.titel}]({länk(väg, rapport_väg(r.id))})"
        for r in reversed(ms.rapporter_i_ordning())
    ]
    delar += ["", "## Nämndernas mål och åtaganden", ""]
    delar += [f"- [{organnamn(korpus, n)}]({länk(väg, nämnd_väg(n))})" for n in ms.nämnder]
    delar += ["", f"[Alla indikatorer]({länk(väg, INDIKATORER)})"]
    return "\n".join(delar)


def _områdessida(ms: Målstyrning, område_id: str) -> str:
    väg, område = område_väg(område_id), ms.kedja.målområden[område_id]
    delar = [
        f"# {område.namn}",
        "",
        f"[Mål och uppföljning]({länk(väg, INDEX)}) › {område.namn}",
        "",
    ]
    if område.perspektiv:
        delar += [f"Perspektiv: {område.perspektiv}", ""]
    if område.beskrivning:
        delar += [område.beskrivning.strip(), ""]
    delar += ["## Övergripande mål", ""]
    for m in område.mål:
        if m not in ms.mål:
            continue
        mål = ms.mål[m]
        delar += [
            f"### [{mål.data.namn}]({länk(väg, mål_väg(m))})",
            "",
            f"Senaste bedömning: {_senaste_status(ms, m)}",
            "",
        ]
        if mål.data.beskrivning:
            delar += [mål.data.beskrivning.strip(), ""]
    return "\n".join(delar)


# --- mål ---------------------------------------------------------------------------


def _målsida(korpus: Korpus, ms: Målstyrning, mål_id: str) -> str:
    väg, mål = mål_väg(mål_id), ms.mål[mål_id]
    område = ms.kedja.målområden[mål.område]
    delar = [
        f"# {mål.data.namn}",
        "",
        f"[Mål och uppföljning]({länk(väg, INDEX)}) › [{område.namn}]({länk(väg, område_väg(mål.område))}) › "
        f"{mål.data.namn}",
        "",
    ]
    if mål.data.beskrivning:
        delar += [mål.data.beskrivning.strip(), ""]
    delar += _bedömningar(ms, mål_id, väg)
    senaste = ms.rapporter_i_ordning()[-1] if ms.rapporter else None
    if mål.data.indikatorer and senaste is not None:
        delar += [
            "## Indikatorer",
            "",
            f"Läget enligt {senaste.data.titel.lower()}.",
            "",
            indikatortabell(ms, senaste, mål.data.indikatorer, webbmärke, _länkare(väg)),
            "",
        ]
    delar += _nämndmål_för(korpus, ms, mål_id, väg)
    delar += _åtaganden_för(korpus, ms, mål_id, väg)
    return "\n".join(delar)


def _bedömningar(ms: Målstyrning, mål_id: str, väg: str) -> list[str]:
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
        f"**{r.data.titel}:** {statusmärke(bedömning.status)}",
        "",
        bedömning.analys.strip(),
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
    return ["## Nämndmål", "", tabell(["Nämndmål", "Nämnd", "Verksamhetsmått"], rader), ""]


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
    return ["## Åtaganden", "", tabell(["Åtagande", "Ansvarig nämnd", "Status"], rader), ""]


# --- indikatorer -------------------------------------------------------------------


def _indikatorindex(ms: Målstyrning) -> str:
    väg = INDIKATORER
    rader = []
    for i, s in sorted(ms.indikatorer.items(), key=lambda p: p[1].data.namn.lower()):
        senaste = max(s.utfall) if s.utfall else None
        rader.append(
            [
                f"[{cell(s.data.namn)}]({länk(väg, indikator_väg(i))})",
                s.data.typ.capitalize(),
                f"{s.visa(s.utfall[senaste].totalt)} ({senaste.namn})" if senaste else "–",
                s.data.kolada or "",
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


def _indikatorsida(ms: Målstyrning, s: Serie) -> str:
    väg, d = indikator_väg(s.id), s.data
    delar = [
        f"# {d.namn}",
        "",
        f"[Mål och uppföljning]({länk(väg, INDEX)}) › [Indikatorer]({länk(väg, INDIKATORER)}) › {d.namn}",
        "",
    ]
    if d.beskrivning:
        delar += [d.beskrivning.strip(), ""]
    delar += [_fakta(ms, s, väg), ""]
    if s.perioder:
        delar += [
            "## Utveckling över tid",
            "",
            f"![Diagram: {d.namn}, utfall per år jämfört med målvärde{' och riket' if s.riket else ''}. "
            f"Värdena finns i tabellen nedan.]({länk(väg, diagram_väg(s.id))})",
            "",
            värdetabell(s),
        ]
    else:
        delar.append("Indikatorn har inga värden ännu.")
    if s.från_kolada or (d.kolada and s.riket):
        delar += [
            "",
            f"Källa: Kolada (nyckeltal {d.kolada}). Värden för hela riket är Koladas värde för riket.",
        ]
    return "\n".join(delar)


def _fakta(ms: Målstyrning, s: Serie, väg: str) -> str:
    d = s.data
    rader = [f"- Enhet: {d.enhet}", f"- {d.riktning.capitalize()}", f"- Typ: {d.typ}"]
    if d.kolada:
        rader.append(f"- Kolada-id: {d.kolada}")
    if d.källa:
        rader.append(f"- Källa: {d.källa}")
    for m in ms.mål_med_indikator(s.id):
        rader.append(f"- Följer målet [{m.data.namn}]({länk(väg, mål_väg(m.id))})")
    for n in ms.nämndmål_med_mått(s.id):
        rader.append(
            f"- Följer nämndmålet {n.data.namn} ([{n.nämnd.upper()}]({länk(väg, nämnd_väg(n.nämnd))}))"
        )
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
    from styrdok.slag.mal_diagram import svg

    return {diagram_väg(i): svg(s) for i, s in ms.indikatorer.items() if s.perioder}


# --- nämnder and reports -----------------------------------------------------------


def _nämndsida(korpus: Korpus, ms: Målstyrning, nämnd: str) -> str:
    väg, namn = nämnd_väg(nämnd), organnamn(korpus, nämnd)
    delar = [
        f"# {namn}",
        "",
        f"[Mål och uppföljning]({länk(väg, INDEX)}) › {namn}",
        "",
        f"{namn}s nämndmål och åtaganden, och vilka av kommunfullmäktiges mål de bidrar till.",
        "",
    ]
    nämndmål = [n for n in ms.nämndmål.values() if n.nämnd == nämnd]
    if nämndmål:
        delar += ["## Nämndmål", ""]
        for n in nämndmål:
            delar += [f"### {n.data.namn}", "", _bidrar_till(ms, n.data.mål, väg)]
            if n.data.verksamhet:
                delar.append(
                    f"Verksamhet: {korpus.kommun.verksamheter.get(n.data.verksamhet, n.data.verksamhet)}"
                )
            mått = [
                f"[{ms.indikatorer[i].data.namn}]({länk(väg, indikator_väg(i))})"
                for i in n.data.mått
                if i in ms.indikatorer
            ]
            if mått:
                delar += ["", "Verksamhetsmått: " + ", ".join(mått)]
            delar.append("")
    åtaganden = [å for å in ms.åtaganden.values() if å.nämnd == nämnd]
    if åtaganden:
        delar += ["## Åtaganden", ""]
        for å in åtaganden:
            delar += [
                f"### {å.data.namn}",
                "",
                f"Status: {etikett(*ÅTAGANDESTATUS[å.data.status])}",
                "",
                _bidrar_till(ms, å.data.mål, väg),
            ]
            if å.data.klart_senast:
                delar.append(f"Klart senast: {å.data.klart_senast.isoformat()}")
            if å.data.aktiviteter:
                delar += [
                    "",
                    tabell(
                        ["Aktivitet", "Status", "Klart senast"],
                        [
                            [
                                cell(a.namn),
                                etikett(*ÅTAGANDESTATUS[a.status]),
                                a.klart_senast.isoformat() if a.klart_senast else "",
                            ]
                            for a in å.data.aktiviteter
                        ],
                    ),
                ]
            delar.append("")
    return "\n".join(delar)


def _bidrar_till(ms: Målstyrning, mål_id: str, väg: str) -> str:
    mål = ms.mål.get(mål_id)
    return f"Bidrar till målet [{mål.data.namn}]({länk(väg, mål_väg(mål_id))})." if mål else ""


def _rapportsida(korpus: Korpus, ms: Målstyrning, r: RapportRef) -> str:
    väg = rapport_väg(r.id)
    fil = rapport_filväg(r.id)
    fakta = html_tabell(
        "Uppgifter om rapporten",
        ["Uppgift", "Värde"],
        [list(p) for p in uppgifter(korpus, r)],
        "styrdok-metadata",
    )
    nedladdning = (
        f"Rapporten som dokument: [PDF]({länk(väg, fil + '.pdf')}) · [Word]({länk(väg, fil + '.docx')})"
        if korpus.nedladdningar
        else ""
    )
    return "\n".join(
        [
            f"# {r.data.titel}",
            "",
            f"[Mål och uppföljning]({länk(väg, INDEX)}) › {r.data.titel}",
            "",
            fakta,
            nedladdning,
            "",
            rapporttext(korpus, ms, r, webbmärke, _länkare(väg)),
        ]
    )


__all__ = ["sidor", "filer", "Period"]
