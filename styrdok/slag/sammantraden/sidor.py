"""Web pages: the list of meetings per organ, one page per meeting, the årshjul's dates,
and the calendar files they link to."""

from __future__ import annotations

from collections import defaultdict

from styrdok.grund.text import MÅNADER, cell, faktatabell, länk, md, nedladdningar, tabell
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import Webbtexter
from styrdok.karna.utdata import Sida, sökdata
from styrdok.slag.sammantraden import text as text
from styrdok.slag.sammantraden.data import (
    STYRDOKUMENT,
    Händelse,
    Sammanträde,
    Sammanträdesdata,
    Underlag,
    Ärende,
)
from styrdok.slag.sammantraden.kallelse import (
    kalenderväg,
    kallelseväg,
    samling,
    sidväg,
    underlagsväg,
)
from styrdok.slag.sammantraden.protokoll import paragrafer, protokollsida

INDEX = "sammantraden/index.md"
ÅRSHJULSSIDA = "arshjul-kalender.md"
ÅRSHJULSKALENDER = "kalender/arshjul.ics"
ÅRSHJULSBESKRIVNING = "sidor/arshjul"
"""A free page that describes the year, linked from the årshjul's dates when it exists."""


# --- pages -------------------------------------------------------------------------


def sidor(korpus: Korpus, data: Sammanträdesdata, variant_publik: bool) -> list[Sida]:
    sidor = [_index(korpus, data, variant_publik)]
    sidor += [_mötessida(korpus, möte) for möte in data.möten]
    if data.årshjul:
        sidor.append(_årshjulssida(korpus, data))
    return sidor


def per_organ(korpus: Korpus, data: Sammanträdesdata) -> dict[str, list[Sammanträde]]:
    """In kommun.yml's order (fullmäktige first), not alphabetically."""
    grupper: dict[str, list[Sammanträde]] = defaultdict(list)
    for möte in data.möten:
        grupper[möte.organ].append(möte)
    return {o: grupper[o] for o in korpus.kommun.organ if o in grupper}


def _index(korpus: Korpus, data: Sammanträdesdata, variant_publik: bool) -> Sida:
    delar = [
        "# Sammanträden",
        "",
        "Kallelser med föredragningslistor till kommunfullmäktige, kommunstyrelsen och nämnderna. "
        "Varje sammanträde har kallelsen som PDF och Word och alla handlingar samlade i en zip-fil.",
    ]
    if variant_publik:
        delar += [
            "",
            "Ärenden som omfattas av sekretess visas bara som »Ärende enligt offentlighets- och "
            "sekretesslagen«, utan text och handlingar.",
        ]
    else:
        delar += [
            "",
            "Intranätet visar samma ärenden som webbplatsen och dessutom underlag som bara finns på "
            "intranätet. Ärenden som omfattas av sekretess visas bara med sitt nummer; handlingarna "
            "skickas bara till ledamöterna och ersättarna.",
        ]
    delar += ["", "## Kalendrar", "", _kalenderlista(korpus, data, INDEX)]
    for organ, möten in per_organ(korpus, data).items():
        delar += ["", f"## {md(organnamn(korpus, organ))}", ""]
        kommande = [m for m in möten if m.datum >= korpus.idag]
        tidigare = sorted(
            (m for m in möten if m.datum < korpus.idag), key=lambda m: m.datum, reverse=True
        )
        delar += [
            "### Kommande sammanträden",
            "",
            _mötestabell(kommande, INDEX) if kommande else "Inga inplanerade sammanträden.",
            "",
            "### Tidigare sammanträden",
            "",
            _mötestabell(tidigare, INDEX) if tidigare else "Inga tidigare sammanträden.",
        ]
    return Sida(INDEX, "Sammanträden", "\n".join(delar), sök=sökdata(lista=True))


def _kalenderlista(korpus: Korpus, data: Sammanträdesdata, från: str) -> str:
    rader = [
        f"- [{md(organnamn(korpus, o))} (iCalendar)]({länk(från, kalenderväg(o))})"
        for o in per_organ(korpus, data)
    ]
    if data.årshjul:
        rader.append(
            f"- [{cell(data.årshjul_titel)} (iCalendar)]({länk(från, ÅRSHJULSKALENDER)}), "
            f"även som [lista]({länk(från, ÅRSHJULSSIDA)})"
        )
    rader.append(
        "\nLägg till adressen som prenumeration i Outlook, Google Kalender eller mobilens kalender "
        "så uppdateras den när sammanträden läggs till."
    )
    return "\n".join(rader)


def _mötestabell(möten: list[Sammanträde], från: str) -> str:
    return tabell(
        ["Datum", "Tid", "Plats", "Ärenden"],
        [
            [
                f"[{text.svenskt_datum(m.datum)}]({länk(från, sidväg(m))})",
                text.tidsintervall(m),
                cell(m.plats),
                str(len(m.ärenden)),
            ]
            for m in möten
        ],
    )


def _mötessida(korpus: Korpus, möte: Sammanträde) -> Sida:
    väg = sidväg(möte)
    titel = text.rubrik(korpus, möte)
    webb = Webbtexter(korpus, möte.källfil, väg)
    delar = [
        f"# {md(titel)}",
        "",
        f"[Alla sammanträden]({länk(väg, INDEX)})",
        "",
        faktatabell(text.metadata(korpus, möte), "Uppgifter om sammanträdet"),
        _handlingar(korpus, möte, väg),
        "",
        text.hela_texten(korpus, möte, _webbunderlag(korpus, möte, väg), webb),
    ]
    sök = sökdata(
        fält={
            "dokumenttyp": "Sammanträde",
            "beslutsinstans": organnamn(korpus, möte.organ),
            "beslutsdatum": str(möte.datum),
            "plats": möte.plats or "",
        },
        filter={"dokumenttyp": "Sammanträde", "år": str(möte.datum.year)},
    )
    return Sida(väg, titel, "\n".join(delar), webb.filer, sök)


def _handlingar(korpus: Korpus, möte: Sammanträde, väg: str) -> str:
    k = kallelseväg(möte)
    if not korpus.nedladdningar:  # a sites-only build renders no Word/PDF to link to
        return "\n".join(
            [
                "## Handlingar",
                "",
                *_protokollrad(möte, väg),
                f"- [{md(organnamn(korpus, möte.organ))}s sammanträden i kalendern "
                f"(iCalendar)]({länk(väg, kalenderväg(möte.organ))})",
            ]
        )
    return "\n".join(
        [
            "## Handlingar",
            "",
            f"- Kallelse med föredragningslista: {nedladdningar(väg, k, korpus.format, mellan=', ')}",
            *_protokollrad(möte, väg),
            f"- [Alla handlingar i en zip-fil]({länk(väg, samling(möte))})",
            f"- [{md(organnamn(korpus, möte.organ))}s sammanträden i kalendern "
            f"(iCalendar)]({länk(väg, kalenderväg(möte.organ))})",
        ]
    )


def _protokollrad(möte: Sammanträde, väg: str) -> list[str]:
    if möte.protokoll is None:
        return []
    justerat = möte.protokoll.justerat.isoformat()
    sida = länk(väg, protokollsida(möte))
    return [f"- [Protokoll ({paragrafer(möte)}), justerat {justerat}]({sida})"]


def _webbunderlag(korpus: Korpus, möte: Sammanträde, väg: str):
    def skriv(ärende: Ärende, underlag: Underlag) -> str:
        fil = underlagsväg(möte, ärende, underlag)
        if underlag.typ != STYRDOKUMENT:
            return f"[{cell(underlag.titel)}]({länk(väg, fil)})"
        ref = korpus.slå_upp(underlag.mål)
        if ref is None:
            return "Internt styrdokument (finns på intranätet)"
        sida = f"[{cell(ref.titel)}]({länk(väg, ref.sidväg)})"
        if not korpus.nedladdningar:
            return sida
        return f"{sida} ({nedladdningar(väg, fil, korpus.format, mellan=', ')})"

    return skriv


def _årshjulssida(korpus: Korpus, data: Sammanträdesdata) -> Sida:
    delar = [
        f"# {md(data.årshjul_titel)}",
        "",
        f"Årets händelser i planering och uppföljning. [Prenumerera på årshjulet i din kalender]"
        f"({länk(ÅRSHJULSSIDA, ÅRSHJULSKALENDER)}) (iCalendar).",
    ]
    if (sida := korpus.slå_upp(ÅRSHJULSBESKRIVNING)) is not None:
        delar.append(
            f"Hur året hänger ihop beskrivs på sidan [{cell(sida.titel)}]"
            f"({länk(ÅRSHJULSSIDA, sida.sidväg)})."
        )
    delar.append(f"Sammanträdesdagar finns under [Sammanträden]({länk(ÅRSHJULSSIDA, INDEX)}).")
    per_månad: dict[tuple[int, int], list[Händelse]] = defaultdict(list)
    for h in data.årshjul:
        per_månad[(h.datum.year, h.datum.month)].append(h)
    for (år, månad), händelser in sorted(per_månad.items()):
        delar += ["", f"## {MÅNADER[månad - 1].capitalize()} {år}", ""]
        delar.append(
            tabell(
                ["Datum", "Händelse", "Ansvarig"],
                [
                    [
                        _datumspann(h),
                        cell(h.rubrik) + (f": {cell(h.beskrivning)}" if h.beskrivning else ""),
                        cell(", ".join(organnamn(korpus, o) for o in h.organen)),
                    ]
                    for h in händelser
                ],
            )
        )
    return Sida(ÅRSHJULSSIDA, data.årshjul_titel, "\n".join(delar))


def _datumspann(h: Händelse) -> str:
    if h.månad:
        första = text.MÅNADER[h.datum.month - 1]
        sista = text.MÅNADER[h.slutdatum.month - 1] if h.slutdatum else första
        if h.slutdatum and h.slutdatum.year != h.datum.year:
            return f"Under {första} {h.datum.year}–{sista} {h.slutdatum.year}"
        return f"Under {första}" + (f"–{sista}" if sista != första else "")
    if h.slutdatum and h.slutdatum != h.datum:
        return f"{text.svenskt_datum(h.datum, False)}–{text.svenskt_datum(h.slutdatum, False)}"
    return text.svenskt_datum(h.datum, False)


# --- calendars ---------------------------------------------------------------------
