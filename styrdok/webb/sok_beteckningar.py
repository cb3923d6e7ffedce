"""The exact-identifier files beside a site's search index: ``pagefind/styrdok-beteckningar-
<år>.json`` maps each KFS number and diarienummer of that year (normalized: :func:`nyckel`) to
its page, read from the built pages' markup; the search page loads the one file only for a
query that looks like an identifier, and shows those hits first."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from styrdok.webb.sok_sidor import MAPP, html_filer

BETECKNINGAR = "styrdok-beteckningar-{år}.json"
"""The exact-identifier files, one per year, in :data:`MAPP`."""
VISADE_FÄLT = (
    "title",
    "dokumenttyp",
    "kfs",
    "status",
    "diarienummer",
    "dokumentansvarig",
    "sammanfattning",
)
"""The fields a hit shows (the search page's script; the summary stands for the excerpt of
an exact hit), kept in the identifier files."""
_META = re.compile(r'<span data-pagefind-meta="([^"]+)">([^<]*)</span>')
_FILTER = re.compile(r'<span data-pagefind-filter="([^"]+)">([^<]*)</span>')
_BETECKNING = re.compile(r"<span data-styrdok-beteckning>([^<]*)</span>")
_ÅR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def nyckel(beteckning: str) -> str:
    """An identifier as the lookup compares it: no spaces, upper case (``ekfs 2021:2`` and
    ``EKFS 2021:2`` alike). The search page's script does the same."""
    return "".join(beteckning.split()).upper()


def skriv_beteckningar(site: Path, per_år: dict[str, dict] | None = None) -> dict[str, dict]:
    """Write the exact-identifier files, one per year (``styrdok-beteckningar-2021.json``:
    every identifier holds its year, and a query then loads one small file), from
    :func:`läs_beteckningar` (``per_år``: read already, while Pagefind ran)."""
    if per_år is None:
        per_år = läs_beteckningar(site)
    for gammal in (site / MAPP).glob(BETECKNINGAR.format(år="*")):
        gammal.unlink()
    for år, del_ in per_år.items():
        (site / MAPP / BETECKNINGAR.format(år=år)).write_text(
            json.dumps(del_, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    return per_år


def läs_beteckningar(site: Path) -> dict[str, dict]:
    """The exact-identifier files' contents, read from the site's pages: for each year,
    ``sidor``, the pages that carry an identifier of that year (address relative to the
    site's root, the fields a hit shows, the filters), and ``nycklar``, normalized
    identifier → their numbers in ``sidor``. A KFS number is found with and without its
    prefix (``EKFS 2021:2``, ``2021:2``), a diarienummer with and without its series
    (``KS 2021/123``, ``2021/123``)."""
    per_år: dict[str, dict] = {}
    for väg, fil in html_filer(site):
        with open(fil, encoding="utf-8", errors="replace") as f:
            text = f.read()
        beteckningar = [html.unescape(b) for b in _BETECKNING.findall(text)]
        if not beteckningar:
            continue
        fält = {k: html.unescape(v) for k, v in _META.findall(text)}
        post = {
            "url": väg.removesuffix("index.html"),
            "meta": {k: v for k, v in fält.items() if k in VISADE_FÄLT},
            "filter": {k: html.unescape(v) for k, v in _FILTER.findall(text)},
        }
        for beteckning in beteckningar:
            if not (år := _ÅR.search(beteckning)):
                continue
            del_ = per_år.setdefault(år.group(), {"sidor": [], "nycklar": {}})
            if not del_["sidor"] or del_["sidor"][-1] is not post:
                del_["sidor"].append(post)
            nr = len(del_["sidor"]) - 1
            # in a fixed order (a set's would change with every process: the bytes must not)
            for n in dict.fromkeys((nyckel(beteckning), nyckel(beteckning.split(maxsplit=1)[-1]))):
                if nr not in del_["nycklar"].setdefault(n, []):
                    del_["nycklar"][n].append(nr)
    return per_år
