"""A goal report (tertialrapport, delårsrapport, årsredovisning) as Markdown.

The same text serves the web page and the Word and PDF files; only the status
labels differ (a coloured label on the web, symbol and text in documents) and
documents carry no links to other pages.
"""

from __future__ import annotations

from collections.abc import Callable

from styrdok.grund.sokvag import upplöst
from styrdok.grund.text import cell, datum, etikett, md, tabell
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import för_dokument
from styrdok.karna.utdata import DokumentVy
from styrdok.slag.mal.data import Målstyrning, RapportRef, indikatorläge
from styrdok.slag.mal.diagram import svg
from styrdok.slag.mal.sidor_indikatorer import värdetabell

STATUS = {
    "uppfyllt": ("uppfyllt", "✔", "Uppfyllt"),
    "delvis uppfyllt": ("delvis-uppfyllt", "◐", "Delvis uppfyllt"),
    "ej uppfyllt": ("ej-uppfyllt", "✖", "Ej uppfyllt"),
    "ej bedömt": ("ej-bedomt", "–", "Ej bedömt"),
}
ÅTAGANDESTATUS = {
    "klart": ("klart", "✔", "Klart"),
    "pågår": ("pagar", "▶", "Pågår"),
    "försenat": ("forsenat", "!", "Försenat"),
    "ej påbörjat": ("ej-paborjat", "○", "Ej påbörjat"),
    "avbrutet": ("avbrutet", "✖", "Avbrutet"),
}
NÅTT = ("uppfyllt", "✔", "Når målvärdet")
EJ_NÅTT = ("ej-uppfyllt", "✖", "Under målvärdet")
UTAN_MÅL = ("ej-bedomt", "–", "Inget målvärde")
UTAN_VÄRDE = ("ej-bedomt", "–", "Inget utfall")

Märke = Callable[[tuple[str, str, str]], str]
Diagram = Callable[[str], str]
"""An indicator's chart and its table as Markdown, by the indicator's id (documents only)."""


def webbmärke(t: tuple[str, str, str]) -> str:
    return etikett(*t)


def textmärke(t: tuple[str, str, str]) -> str:
    return f"{t[1]} {t[2]}"


def statusmärke(status: str, märke: Märke = webbmärke) -> str:
    return märke(STATUS[status])


def rapporttext(
    korpus: Korpus,
    ms: Målstyrning,
    r: RapportRef,
    märke: Märke,
    texter: Callable[[str], str],
    länka: Callable[[str, str], str] | None = None,
    diagram: Diagram | None = None,
) -> str:
    """The body of the report, headings from ``##``. ``texter`` places the report's own
    Markdown (its links rewritten for the web page or the document); ``länka(text, kind:id)``
    makes a link on the web; ``text`` is already Markdown (escaped). ``diagram`` adds each
    indicator's chart and table under its goal (the documents: the web links to the
    indicator's page, which has them)."""
    länka = länka or (lambda text, _mål: text)
    delar = [
        texter(r.data.sammanfattning.strip()),
        "",
        "## Måluppfyllelse i sammandrag",
        "",
        _sammandrag(ms, r, märke, länka),
    ]
    for _område_id, område in ms.kedja.målområden.items() if ms.kedja else []:
        delar += ["", f"## {md(område.namn)}"]
        for mål_id in område.mål:
            delar += ["", _målavsnitt(ms, r, mål_id, märke, länka, texter, diagram)]
    delar += ["", _åtaganden(korpus, ms, r, märke)]
    return "\n".join(delar)


def _sammandrag(ms: Målstyrning, r: RapportRef, märke: Märke, länka) -> str:
    rader = []
    for mål in ms.mål.values():
        bedömning = r.data.mål.get(mål.id)
        status = bedömning.status if bedömning else "ej bedömt"
        rader.append([länka(md(mål.data.namn), f"mal:{mål.id}"), statusmärke(status, märke)])
    antal = {
        s: sum(1 for m in ms.mål if (r.data.mål[m].status if m in r.data.mål else "ej bedömt") == s)
        for s in STATUS
    }
    summering = ", ".join(f"{n} {STATUS[s][2].lower()}" for s, n in antal.items() if n)
    return f"Av {len(ms.mål)} mål är {summering}.\n\n" + tabell(["Mål", "Status"], rader)


def _målavsnitt(
    ms: Målstyrning,
    r: RapportRef,
    mål_id: str,
    märke: Märke,
    länka,
    texter: Callable[[str], str],
    diagram: Diagram | None = None,
) -> str:
    mål = ms.mål[mål_id]
    bedömning = r.data.mål.get(mål_id)
    status = bedömning.status if bedömning else "ej bedömt"
    delar = [f"### {md(mål.data.namn)}", "", f"**Status:** {statusmärke(status, märke)}", ""]
    delar.append(
        texter(bedömning.analys.strip())
        if bedömning
        else "Målet har inte bedömts i den här rapporten."
    )
    if mål.data.indikatorer:
        delar += ["", indikatortabell(ms, r, mål.data.indikatorer, märke, länka)]
        if diagram is not None:
            delar += [d for ind_id in mål.data.indikatorer if (d := diagram(ind_id))]
    return "\n".join(delar)


def diagrammen(ms: Målstyrning, bilder: dict[str, bytes]) -> Diagram:
    """For the documents: an indicator's chart (the web's SVG, collected in ``bilder`` by the
    name the body shows it by) under a label, then the same numbers as a table."""

    def skriv(ind_id: str) -> str:
        s = ms.indikatorer.get(ind_id)
        if s is None or not s.perioder:
            return ""
        namn = f"diagram/{ind_id}.svg"
        bilder[namn] = svg(s)
        jämförelse = "målvärde och riket" if s.riket else "målvärde"
        return (
            f"\n**{md(s.data.namn)} över tid**\n\n"
            f"![Diagram: {md(s.data.namn)}, utfall per år jämfört med {jämförelse}. "
            f"Värdena finns i tabellen under diagrammet.]({namn})\n\n" + värdetabell(s)
        )

    return skriv


def indikatortabell(ms: Målstyrning, r: RapportRef, ids: list[str], märke: Märke, länka) -> str:
    rader, kolada = [], False
    for ind_id in ids:
        läge = indikatorläge(ms, ind_id, r.period)
        if läge is None:
            continue
        serie, när, utfall, målvärde, nått = läge
        kolada = kolada or (när in serie.från_kolada)
        riket = serie.riket.get(när.år) if när and när.tertial == 3 else None
        bedömning = (
            UTAN_VÄRDE
            if utfall is None
            else UTAN_MÅL
            if nått is None
            else NÅTT
            if nått
            else EJ_NÅTT
        )
        rader.append(
            [
                länka(md(serie.data.namn), f"indikator:{ind_id}"),
                när.namn if när else "–",
                serie.visa(utfall.totalt if utfall else None),
                serie.visa(målvärde),
                serie.visa(riket) if riket is not None else "–",
                märke(bedömning),
            ]
        )
    text = tabell(
        ["Indikator", "Period", "Utfall", f"Målvärde {r.period.år}", "Riket", "Bedömning"], rader
    )
    return text + (
        "\nKälla: Kolada för värden från Kolada; övriga värden från kommunens egna mätningar.\n"
        if kolada
        else ""
    )


def _åtaganden(korpus: Korpus, ms: Målstyrning, r: RapportRef, märke: Märke) -> str:
    if not ms.åtaganden:
        return ""
    rader = []
    for å in sorted(ms.åtaganden.values(), key=lambda å: (å.nämnd, å.data.namn.lower())):
        uppf = r.data.åtaganden.get(å.id)
        status = uppf.status if uppf else å.data.status
        rader.append(
            [
                cell(å.data.namn),
                cell(organnamn(korpus, å.nämnd)),
                cell(ms.mål[å.data.mål].data.namn if å.data.mål in ms.mål else å.data.mål),
                märke(ÅTAGANDESTATUS[status]),
                cell(uppf.kommentar if uppf and uppf.kommentar else ""),
            ]
        )
    nivå = korpus.kommun.målnivåer
    return f"## {md(nivå.åtagande.plural)}\n\n" + tabell(
        [md(nivå.åtagande.ental), "Ansvarig nämnd", md(nivå.mål.ental), "Status", "Kommentar"],
        rader,
    )


def uppgifter(korpus: Korpus, r: RapportRef) -> list[tuple[str, str]]:
    d = r.data
    rader = [
        ("Rapport", d.typ.capitalize()),
        ("Period", r.period.namn),
        ("Beslutsinstans", organnamn(korpus, d.beslutsinstans)),
        ("Beslutsdatum", datum(d.beslutsdatum)),
        ("§", d.paragraf or ""),
        ("Diarienummer", d.diarienummer or ""),
    ]
    return [(e, v) for e, v in rader if v]


def dokumentvy(korpus: Korpus, ms: Målstyrning, r: RapportRef) -> DokumentVy:
    """The report as PDF and Word: the web page's text, each indicator's chart and table under
    its goal, and no links to other pages."""
    beslut = f" · Fastställd {datum(r.data.beslutsdatum)}" if r.data.beslutsdatum else " · Förslag"
    bilder: dict[str, bytes] = {}
    text = rapporttext(
        korpus,
        ms,
        r,
        textmärke,
        lambda t: för_dokument(korpus, r.källa.sökväg, t),
        diagram=diagrammen(ms, bilder),
    )
    return DokumentVy(
        id=f"mal/rapporter/{r.id}",
        titel=r.data.titel,
        kommun=korpus.kommun.namn,
        logotyp=korpus.logotyp,
        metadata=tuple(uppgifter(korpus, r)),
        brödtext=text,
        sidfot=f"{r.data.typ.capitalize()} {r.period.namn}{beslut}",
        ämne=r.data.typ.capitalize(),
        källfil=upplöst(r.källa.sökväg),
        innehållsrot=korpus.innehåll.resolve(),
        datum=datum(r.data.beslutsdatum),
        bilder=tuple(sorted(bilder.items())),
    )
