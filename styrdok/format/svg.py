"""SVG → PNG for Word, which cannot show SVG without a bitmap.

There is no SVG rasterizer among styrdok's Python dependencies, so the SVG is
drawn by WeasyPrint into a one-page PDF of exactly its size and that page is
rasterized by ``pdftoppm`` (poppler-utils, already needed by the tests and CI).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from weasyprint import HTML

from styrdok.format.hamtare import BegränsadHämtare
from styrdok.grund.diagnostik import StyrdokFel

UPPLÖSNING = 300
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
    return _rastrera(sökväg.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _rastrera(sökväg: Path, _mtime: int, _storlek: int) -> bytes:
    """Cached per process: the logo is the same in every document."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise StyrdokFel(
            "SVG-bilder i Word kräver programmet pdftoppm (Debian-paketet poppler-utils); "
            "installera det eller använd en PNG-bild",
            sökväg,
        )
    bredd, höjd = svg_storlek(sökväg)
    pdf = _svg_som_pdf(sökväg, bredd, höjd)
    with tempfile.TemporaryDirectory(prefix="styrdok-svg-") as katalog:
        (Path(katalog) / "bild.pdf").write_bytes(pdf)
        körning = subprocess.run(
            [pdftoppm, "-png", "-r", str(UPPLÖSNING), "-singlefile", "bild.pdf", "bild"],
            cwd=katalog,
            capture_output=True,
            timeout=60,
        )
        png = Path(katalog) / "bild.png"
        if körning.returncode != 0 or not png.is_file():
            raise StyrdokFel(
                f"SVG-bilden kunde inte omvandlas till PNG: {körning.stderr.decode(errors='replace')}",
                sökväg,
            )
        return png.read_bytes()


def _svg_som_pdf(sökväg: Path, bredd: float, höjd: float) -> bytes:
    html = (
        f"<style>@page {{ size: {bredd}px {höjd}px; margin: 0 }} body {{ margin: 0 }}"
        f" img {{ display: block; width: {bredd}px; height: {höjd}px }}</style>"
        f'<img src="{sökväg.as_uri()}" alt="">'
    )
    return HTML(string=html, url_fetcher=BegränsadHämtare({sökväg})).write_pdf()


def svg_storlek(sökväg: Path) -> tuple[float, float]:
    """Intrinsic size in CSS pixels from width/height, else the viewBox."""
    try:
        rot = ET.parse(sökväg).getroot()
    except (ET.ParseError, OSError) as e:
        raise StyrdokFel(f"SVG-bilden kan inte läsas: {e}", sökväg) from None
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


def _längd(värde: str | None) -> float | None:
    m = re.fullmatch(r"\s*([0-9.]+)\s*([a-z]*)\s*", värde or "")
    if not m or m.group(2) not in ENHETER:
        return None
    return float(m.group(1)) * ENHETER[m.group(2)]
