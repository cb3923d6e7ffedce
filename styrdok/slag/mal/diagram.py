"""An indicator's history as a standalone SVG line chart, drawn at build time.

No JavaScript and no library: the chart is a handful of lines and markers. Each
series also differs by marker shape and line pattern, not by colour alone, and
every point carries its number in a <title> and in data attributes, so that the
chart can be checked against the table printed under it (and against the source).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from styrdok.grund.tal import visa_tal
from styrdok.slag.mal.data import Period, Serie

BREDD, HÖJD = 640, 320
VÄNSTER, HÖGER, TOPP, BOTTEN = 64, 20, 40, 48


@dataclass(frozen=True)
class Linje:
    namn: str
    """data-serie value and legend text."""
    punkter: tuple[tuple[Period, float], ...]
    färg: str
    streck: str
    markör: str


def serier(serie: Serie) -> list[Linje]:
    """The yearly series to draw: utfall, målvärde and riket (tertial values stay in the table)."""
    utfall = tuple((p, u.totalt) for p, u in sorted(serie.utfall.items()) if p.tertial == 3)
    målvärden = tuple((Period(å), v) for å, v in sorted(serie.målvärden.items()))
    riket = tuple((Period(å), v) for å, v in sorted(serie.riket.items()))
    linjer = [
        Linje("Utfall", utfall, "#1a4f8b", "", "cirkel"),
        Linje("Målvärde", målvärden, "#8a4b00", "6 4", "romb"),
        Linje("Riket", riket, "#4d4d4d", "2 3", "kvadrat"),
    ]
    return [linje for linje in linjer if linje.punkter]


def svg(serie: Serie) -> bytes:
    linjer = serier(serie)
    år = sorted({p.år for linje in linjer for p, _ in linje.punkter})
    värden = [v for linje in linjer for _, v in linje.punkter]
    lägsta, högsta = _skala(värden)
    x = _xskala(år)
    y = lambda v: TOPP + (högsta - v) / (högsta - lägsta) * (HÖJD - TOPP - BOTTEN)  # noqa: E731
    enhet = serie.data.enhet
    delar = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREDD} {HÖJD}" width="{BREDD}" height="{HÖJD}" '
        f'role="img" aria-labelledby="rubrik beskrivning" data-min="{lägsta:g}" data-max="{högsta:g}" '
        f'data-topp="{TOPP}" data-botten="{HÖJD - BOTTEN}" font-family="DejaVu Sans, Arial, '
        'sans-serif" font-size="13">',
        f'<title id="rubrik">{escape(serie.data.namn)}</title>',
        f'<desc id="beskrivning">{escape(_beskrivning(serie, linjer))}</desc>',
        f'<rect x="0" y="0" width="{BREDD}" height="{HÖJD}" fill="#ffffff"/>',
    ]
    delar += _yaxel(lägsta, högsta, y, enhet)
    delar += [
        f'<text x="{x(å):.1f}" y="{HÖJD - BOTTEN + 20}" text-anchor="middle" fill="#1a1a1a">{å}</text>'
        for å in år
    ]
    for linje in linjer:
        delar.append(_linje(linje, x, y, enhet))
    delar += _förklaring(linjer)
    delar.append("</svg>")
    return ("\n".join(delar) + "\n").encode("utf-8")


def _skala(värden: list[float]) -> tuple[float, float]:
    """Round axis limits; start at zero when the values are all positive and not far from it."""
    lägsta, högsta = min(värden), max(värden)
    if lägsta >= 0 and lägsta < högsta * 0.5:
        lägsta = 0.0
    spann = (högsta - lägsta) or abs(högsta) or 1.0
    steg = _steg(spann / 4)
    return math.floor((lägsta - spann * 0.05) / steg) * steg if lägsta else 0.0, math.ceil(
        (högsta + spann * 0.05) / steg
    ) * steg


def _steg(rå: float) -> float:
    tiopotens = 10 ** math.floor(math.log10(rå))
    return next(f * tiopotens for f in (1, 2, 2.5, 5, 10) if f * tiopotens >= rå)


def _xskala(år: list[int]):
    bredd = BREDD - VÄNSTER - HÖGER
    if len(år) == 1:
        return lambda _å: VÄNSTER + bredd / 2
    return lambda å: VÄNSTER + 20 + (å - år[0]) / (år[-1] - år[0]) * (bredd - 40)


def _yaxel(lägsta: float, högsta: float, y, enhet: str) -> list[str]:
    steg = _steg((högsta - lägsta) / 4)
    delar, v = [], lägsta
    while v <= högsta + steg / 1000:
        delar.append(
            f'<line x1="{VÄNSTER}" x2="{BREDD - HÖGER}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#d0d0d0"/>'
        )
        delar.append(
            f'<text x="{VÄNSTER - 8}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#1a1a1a">{escape(visa_tal(v))}</text>'
        )
        v += steg
    delar.append(
        f'<text x="{VÄNSTER - 8}" y="{TOPP - 14}" text-anchor="end" fill="#1a1a1a">{escape(enhet)}</text>'
    )
    return delar


def _linje(linje: Linje, x, y, enhet: str) -> str:
    punkter = " ".join(f"{x(p.år):.1f},{y(v):.1f}" for p, v in linje.punkter)
    streck = f' stroke-dasharray="{linje.streck}"' if linje.streck else ""
    delar = [f"<g data-serie={quoteattr(linje.namn)}>"]
    if len(linje.punkter) > 1:
        delar.append(
            f'<polyline points="{punkter}" fill="none" stroke="{linje.färg}" stroke-width="2.5"{streck}/>'
        )
    for p, v in linje.punkter:
        delar.append(_markör(linje, x(p.år), y(v), p, v, enhet))
    delar.append("</g>")
    return "".join(delar)


def _markör(linje: Linje, cx: float, cy: float, p: Period, v: float, enhet: str) -> str:
    data = f'data-period="{p.text}" data-varde="{v:g}" data-x="{cx:.1f}" data-y="{cy:.1f}"'
    titel = f"<title>{escape(linje.namn)} {p.text}: {escape(visa_tal(v, enhet))}</title>"
    if linje.markör == "cirkel":
        return (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{linje.färg}" {data}>{titel}</circle>'
        )
    if linje.markör == "kvadrat":
        return (
            f'<rect x="{cx - 4.5:.1f}" y="{cy - 4.5:.1f}" width="9" height="9" fill="{linje.färg}" {data}>'
            f"{titel}</rect>"
        )
    romb = (
        f"{cx:.1f},{cy - 6:.1f} {cx + 6:.1f},{cy:.1f} {cx:.1f},{cy + 6:.1f} {cx - 6:.1f},{cy:.1f}"
    )
    return f'<polygon points="{romb}" fill="#ffffff" stroke="{linje.färg}" stroke-width="2" {data}>{titel}</polygon>'


def _förklaring(linjer: list[Linje]) -> list[str]:
    delar, x = [], VÄNSTER
    for linje in linjer:
        streck = f' stroke-dasharray="{linje.streck}"' if linje.streck else ""
        delar.append(
            f'<line x1="{x}" x2="{x + 28}" y1="14" y2="14" stroke="{linje.färg}" stroke-width="2.5"{streck}/>'
        )
        delar.append(f'<text x="{x + 34}" y="18" fill="#1a1a1a">{escape(linje.namn)}</text>')
        x += 34 + 9 * len(linje.namn) + 24
    return delar


def _beskrivning(serie: Serie, linjer: list[Linje]) -> str:
    delar = []
    for linje in linjer:
        värden = ", ".join(f"{p.text}: {visa_tal(v, serie.data.enhet)}" for p, v in linje.punkter)
        delar.append(f"{linje.namn}: {värden}.")
    return "Linjediagram. " + " ".join(delar) + " Samma värden finns i tabellen under diagrammet."
