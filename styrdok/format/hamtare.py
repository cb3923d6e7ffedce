"""WeasyPrint's only way to files: the logo and images already checked, never the network.
Shared by the PDF format and the SVG rasterizer the Word format uses for charts."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse


class BegränsadHämtare(URLFetcher):
    """Serves only the files already checked (logo, images) and the images made for the
    document (charts, held in memory under the path they are addressed by); never the
    network.

    A template or stylesheet pointing anywhere else gets nothing, which keeps a
    build from reading outside content/ or depending on the network.
    """

    def __init__(self, tillåtna: set[Path], minne: Mapping[Path, bytes] | None = None):
        super().__init__()
        self._tillåtna = {p.resolve(): p for p in tillåtna}
        self._minne = {Path(p): data for p, data in (minne or {}).items()}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if not url.startswith("file:"):
            raise ValueError(f"styrdok hämtar inget från nätet: {url}")
        from urllib.request import url2pathname

        rå = Path(url2pathname(url.split("?")[0].removeprefix("file:")))
        typ = mimetypes.guess_type(rå.name)[0] or "application/octet-stream"
        if rå in self._minne:
            return URLFetcherResponse(url, self._minne[rå], {"Content-Type": typ})
        sökväg = rå.resolve()
        if sökväg not in self._tillåtna:
            raise ValueError(f"filen är inte tillåten i PDF: {sökväg}")
        return URLFetcherResponse(url, sökväg.read_bytes(), {"Content-Type": typ})
