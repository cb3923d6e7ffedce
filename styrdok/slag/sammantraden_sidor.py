"""Web pages: the list of meetings per organ, one page per meeting, the årshjul's dates,
and the calendar files they link to."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict

from styrdok import kalender
from styrdok.grund.text import MÅNADER, cell, faktatabell, länk, tabell
from styrdok.korpus import Korpus
from styrdok.presentation import organnamn
from styrdok.presentation import sidväg as dokumentsidväg
from styrdok.slag import Sida
from styrdok.slag import sammantraden_text as text
from styrdok.slag.sammantraden_data import (
    STYRDOKUMENT,
    Händelse,
    Sammanträde,
    Sammanträdesdata,
    Underlag,
    Ärende,
)
from styrdok.slag.sammantraden_kallelse import (
    kalenderväg,
    kallelseväg,
    samling,
    sidväg,
    underlagsväg,
)

INDEX = "sammantraden/index.md"
ÅRSHJULSSIDA = "arshjul-kalender.md"
ÅRSHJULSKALENDER = "kalender/arshjul.ics"
STANDARDLÄNGD = dt.timedelta(hours=3)
"""How long a meeting without sluttid lasts in the calendar."""


# --- pages -------------------------------------------------------------------------


def sidor(korpus: Korpus, data: Sammanträdesdata, variant_publik: bool) -> list[Sida]:
    sidor = [_index(korpus, data, variant_publik)]
    sidor += [_mötessida(korpus, möte) for möte in data.möten]
    if data.årshjul:
        sidor.append(_årshjulssida(korpus, data))
    return sidor


def _per_organ(korpus: Korpus, data: Sammanträdesdata) -> dict[str, list[Sammanträde]]:
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
            "Intranätet visar den interna versionen med alla ärenden, även de som omfattas av sekretess. "
            "Webbplatsen visar den offentliga versionen.",
        ]
    delar += ["", "## Kalendrar", "", _kalenderlista(korpus, data, INDEX)]
    for organ, möten in _per_organ(korpus, data).items():
        delar += ["", f"## {organnamn(korpus, organ)}", ""]
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
    return Sida(INDEX, "Sammanträden", "\n".join(delar))


def _kalenderlista(korpus: Korpus, data: Sammanträdesdata, från: str) -> str:
    rader = [
        f"- [{organnamn(korpus, o)} (iCalendar)]({länk(från, kalenderväg(o))})"
        for o in _per_organ(korpus, data)
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
    delar = [
        f"# {titel}",
        "",
        f"[Alla sammanträden]({länk(väg, INDEX)})",
        "",
        faktatabell(text.metadata(korpus, möte), "Uppgifter om sammanträdet"),
        _handlingar(korpus, möte, väg),
        "",
        text.hela_texten(korpus, möte, _webbunderlag(korpus, möte, väg)),
    ]
    return Sida(väg, titel, "\n".join(delar))


def _handlingar(korpus: Korpus, möte: Sammanträde, väg: str) -> str:
    k = kallelseväg(möte)
    if not korpus.nedladdningar:  # a sites-only build renders no Word/PDF to link to
        return "\n".join(
            [
                "## Handlingar",
                "",
                f"- [{organnamn(korpus, möte.organ)}s sammanträden i kalendern "
                f"(iCalendar)]({länk(väg, kalenderväg(möte.organ))})",
            ]
        )
    return "\n".join(
        [
            "## Handlingar",
            "",
            f"- Kallelse med föredragningslista: [PDF]({länk(väg, k + '.pdf')}), [Word]({länk(väg, k + '.docx')})",
            f"- [Alla handlingar i en zip-fil]({länk(väg, samling(möte))})",
            f"- [{organnamn(korpus, möte.organ)}s sammanträden i kalendern "
            f"(iCalendar)]({länk(väg, kalenderväg(möte.organ))})",
        ]
    )


def _webbunderlag(korpus: Korpus, möte: Sammanträde, väg: str):
    def skriv(ärende: Ärende, underlag: Underlag) -> str:
        fil = underlagsväg(möte, ärende, underlag)
        if underlag.typ != STYRDOKUMENT:
            return f"[{cell(underlag.filnamn)}]({länk(väg, fil)})"
        dokument = korpus.styrdokument.get(underlag.mål)
        if dokument is None:
            return "Internt styrdokument (finns på intranätet)"
        if not korpus.nedladdningar:
            return f"[{cell(dokument.titel)}]({länk(väg, dokumentsidväg(dokument))})"
        return (
            f"[{cell(dokument.titel)}]({länk(väg, dokumentsidväg(dokument))}) "
            f"([PDF]({länk(väg, fil + '.pdf')}), [Word]({länk(väg, fil + '.docx')}))"
        )

    return skriv


def _årshjulssida(korpus: Korpus, data: Sammanträdesdata) -> Sida:
    delar = [
        f"# {data.årshjul_titel}",
        "",
        f"Årets händelser i planering och uppföljning. [Prenumerera på årshjulet i din kalender]"
        f"({länk(ÅRSHJULSSIDA, ÅRSHJULSKALENDER)}) (iCalendar).",
    ]
    if "arshjul" in korpus.sidor:
        delar.append(
            f"Hur året hänger ihop beskrivs på sidan [{cell(korpus.sidor['arshjul'].data.titel)}](arshjul.md)."
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
                        organnamn(korpus, h.organ),
                    ]
                    for h in händelser
                ],
            )
        )
    return Sida(ÅRSHJULSSIDA, data.årshjul_titel, "\n".join(delar))


def _datumspann(h: Händelse) -> str:
    if h.slutdatum and h.slutdatum != h.datum:
        return f"{text.svenskt_datum(h.datum, False)}–{text.svenskt_datum(h.slutdatum, False)}"
    return text.svenskt_datum(h.datum, False)


# --- calendars ---------------------------------------------------------------------


def kalenderfiler(korpus: Korpus, data: Sammanträdesdata) -> dict[str, bytes]:
    filer = {}
    for organ, möten in _per_organ(korpus, data).items():
        namn = f"{organnamn(korpus, organ)} – {korpus.kommun.namn}"
        filer[kalenderväg(organ)] = kalender.kalender(namn, [_mötesevent(korpus, m) for m in möten])
    if data.årshjul:
        namn = f"{data.årshjul_titel} – {korpus.kommun.namn}"
        filer[ÅRSHJULSKALENDER] = kalender.kalender(
            namn, [_årshjulsevent(korpus, h) for h in data.årshjul]
        )
    return filer


def _webbadress(korpus: Korpus, väg: str) -> str:
    """The page's public address (directory URLs: ``.../2026-11-10/``)."""
    return (
        korpus.kommun.webbplats.rstrip("/")
        + "/"
        + väg.removesuffix(".md").removesuffix("index")
        + ("" if väg.endswith("index.md") else "/")
    )


def _mötesevent(korpus: Korpus, möte: Sammanträde) -> kalender.Kalenderhändelse:
    start = dt.datetime.combine(möte.datum, möte.tid)
    slut = dt.datetime.combine(möte.datum, möte.sluttid) if möte.sluttid else start + STANDARDLÄNGD
    ärenden = "\n".join(f"{ä.nummer}. {ä.rubrik}" for ä in möte.ärenden)
    return kalender.Kalenderhändelse(
        uid=kalender.uid(f"{möte.organ}-{möte.datum.isoformat()}", korpus.kommun.webbplats),
        rubrik=f"{organnamn(korpus, möte.organ)}, sammanträde",
        start=start,
        slut=slut,
        plats=möte.plats,
        beskrivning=f"Föredragningslista:\n{ärenden}" if ärenden else None,
        adress=_webbadress(korpus, sidväg(möte)) if möte.offentlig else None,
    )


def _årshjulsevent(korpus: Korpus, h: Händelse) -> kalender.Kalenderhändelse:
    sista = h.slutdatum or h.datum
    nyckel = f"arshjul-{h.datum.isoformat()}-{_slug(h.rubrik)}"
    beskrivning = " ".join(
        d
        for d in (h.beskrivning, f"Ansvarig: {organnamn(korpus, h.organ)}." if h.organ else None)
        if d
    )
    return kalender.Kalenderhändelse(
        uid=kalender.uid(nyckel, korpus.kommun.webbplats),
        rubrik=h.rubrik,
        start=h.datum,
        slut=sista + dt.timedelta(days=1),
        beskrivning=beskrivning or None,
    )


def _slug(text_: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text_).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_).split())[:60]
