"""SVG → PNG for Word, which cannot show SVG without a bitmap.

There is no SVG rasterizer among styrdok's Python dependencies, so the SVG is drawn by
WeasyPrint into a one-page PDF of exactly its size and that page is rasterized by PDFium
(pypdfium2), both already needed for the PDF format and the publish gate. The PNG has
no timestamp, so the same SVG always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import pypdfium2
from weasyprint import HTML

from styrdok.format.hamtare import BegränsadHämtare
from styrdok.grund.diagnostik import StyrdokFel

UPPLÖSNING = 200
"""Pixels per inch: sharp in print, small enough for a report with twenty charts."""
STANDARDSTORLEK = (300.0, 150.0)
ENHETER = {
    "": 1.0,
    "px": 1.0,
    "pt": 96 / 72,
    "pc": 16.0,
    "mm": 96 / 25.4,
    "cm": 96 / 2.54,
    "in": 96.0,
}


def svg_till_png(sökväg: Path) -> bytes:
    stat = sökväg.stat()
    return _rastrera_fil(sökväg.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _rastrera_fil(sökväg: Path, _mtime: int, _storlek: int) -> bytes:
    """Cached per process: the logo is the same in every document."""
    return svg_data_till_png(sökväg.read_bytes(), sökväg)


@lru_cache(maxsize=64)
def svg_data_till_png(data: bytes, namn: Path) -> bytes:
    """An SVG's bytes as PNG; ``namn`` names it in error messages."""
    bredd, höjd = svg_storlek(data, namn)
    pdf = _svg_som_pdf(data, namn, bredd, höjd)
    try:
        dokument = pypdfium2.PdfDocument(pdf)
        try:
            bild = dokument[0].render(scale=UPPLÖSNING / 72, fill_color=(255, 255, 255, 0)).to_pil()
        finally:
            dokument.close()
    except pypdfium2.PdfiumError as e:
        raise StyrdokFel(f"SVG-bilden kunde inte omvandlas till PNG: {e}", namn) from None
    ut = io.BytesIO()
    bild.save(ut, format="PNG", dpi=(UPPLÖSNING, UPPLÖSNING), optimize=False)
    return ut.getvalue()


def _svg_som_pdf(data: bytes, namn: Path, bredd: float, höjd: float) -> bytes:
    """A one-page PDF of exactly the SVG's size; the SVG is served from memory under a
    file name of its own, and nothing else can be fetched."""
    adress = Path("/styrdok-svg") / (Path(namn).stem + ".svg")
    html = (
        f"<style>@page {{ size: {bredd}px {höjd}px; margin: 0 }} body {{ margin: 0 }}"
        f" img {{ display: block; width: {bredd}px; height: {höjd}px }}</style>"
        f'<img src="{adress.as_uri()}" alt="">'
    )
    return HTML(string=html, url_fetcher=BegränsadHämtare(set(), {adress: data})).write_pdf()


def svg_storlek(data: bytes | Path, namn: Path | None = None) -> tuple[float, float]:
    """Intrinsic size in CSS pixels from width/height, else the viewBox."""
    try:
        rot = (
            ET.parse(data).getroot() if isinstance(data, Path) else ET.fromstring(data)  # noqa: S314 (our own or a checked file, no entities)
        )
    except (ET.ParseError, OSError) as e:
        raise StyrdokFel(f"SVG-bilden kan inte läsas: {e}", namn or data) from None
    bredd, höjd = _längd(rot.get("width")), _längd(rot.get("height"))
    vy = (
        [float(v) for v in re.split(r"[\s,]+", rot.get("viewBox", "").strip()) if v]
        if rot.get("viewBox")
        else []
    )
    if len(vy) == 4 and vy[2] > 0 and vy[3] > 0:
        if bredd and not höjd:
            höjd = bredd * vy[3] / vy[2]
        elif höjd and not bredd:
            bredd = höjd * vy[2] / vy[3]
        elif not bredd and not höjd:
            bredd, höjd = vy[2], vy[3]
    return (bredd or STANDARDSTORLEK[0], höjd or STANDARDSTORLEK[1])


def svg_texter(sökväg: Path) -> tuple[str, str]:
    """What the SVG shows as text (its <text> elements) and what it calls itself (its first
    <title>), each with spaces collapsed; empty when the file cannot be read."""
    try:
        rot = ET.parse(sökväg).getroot()
    except (ET.ParseError, OSError):
        return "", ""

    def namn(e: ET.Element) -> str:
        return e.tag.rsplit("}", 1)[-1] if isinstance(e.tag, str) else ""

    synligt = " ".join("".join(e.itertext()) for e in rot.iter() if namn(e) == "text")
    titel = next(("".join(e.itertext()) for e in rot.iter() if namn(e) == "title"), "")
    return " ".join(synligt.split()), " ".join(titel.split())


def namn_i_logotypen(logotyp: Path | None, kommun: str) -> bool:
    """Whether the logo already says the kommun's name (most kommuner's logos are the
    symbol and the name together): then the header shows the logo alone, not the name twice.

    An SVG says it when one of its texts holds the name, or its title is the name (text
    drawn as paths); a bitmap cannot be read and is taken to be the symbol alone."""
    if logotyp is None or Path(logotyp).suffix.lower() != ".svg" or not kommun.strip():
        return False
    namn = " ".join(kommun.split()).casefold()
    synligt, titel = svg_texter(Path(logotyp))
    return namn in synligt.casefold() or namn == titel.casefold()


def _längd(värde: str | None) -> float | None:
    m = re.fullmatch(r"\s*([0-9.]+)\s*([a-z]*)\s*", värde or "")
    if not m or m.group(2) not in ENHETER:
        return None
    return float(m.group(1)) * ENHETER[m.group(2)]
