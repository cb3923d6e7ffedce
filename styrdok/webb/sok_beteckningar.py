"""The exact-identifier files beside a site's search index: ``pagefind/styrdok-beteckningar-
<år>.json`` maps each KFS number and diarienummer of that year (normalized: :func:`nyckel`) to
its page, read from the built pages' markup; the search page loads the one file only for a
query that looks like an identifier, and shows those hits first."""

from __future__ import annotations

import contextlib
import html
import json
import re
from pathlib import Path

from styrdok.grund.filer import filläge, läs_minne, skriv_atomiskt, som_känt, säker_gräns
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


def skriv_beteckningar(
    site: Path, per_år: dict[str, dict] | None = None, minne: Path | None = None
) -> dict[str, dict]:
    """Write the exact-identifier files, one per year (``styrdok-beteckningar-2021.json``:
    every identifier holds its year, and a query then loads one small file), from
    :func:`läs_beteckningar` (``per_år``: read already, while Pagefind ran; else read here,
    with ``minne``)."""
    if per_år is None:
        per_år = läs_beteckningar(site, minne)
    for gammal in (site / MAPP).glob(BETECKNINGAR.format(år="*")):
        gammal.unlink()
    for år, del_ in per_år.items():
        (site / MAPP / BETECKNINGAR.format(år=år)).write_text(
            json.dumps(del_, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    return per_år


MINNE = "sok-beteckningar-sidor.json"
"""In the build's cache (``build/cache/webbplats/``, one per site): ``{path: [file, what of
it the identifier files hold]}``, the file as its size, time, inode and device
(``grund/filer.filtillstånd``; false where it was written too lately to be told by its
time), what it holds ``[url, meta, filter, identifiers]`` or null. A page that is that very
file still (the published page, linked: ``webb/mkdocs_utdata``) is not read again."""


def läs_beteckningar(site: Path, minne: Path | None = None) -> dict[str, dict]:
    """The exact-identifier files' contents, read from the site's pages: for each year,
    ``sidor``, the pages that carry an identifier of that year (address relative to the
    site's root, the fields a hit shows, the filters), and ``nycklar``, normalized
    identifier → their numbers in ``sidor``. A KFS number is found with and without its
    prefix (``EKFS 2021:2``, ``2021:2``), a diarienummer with and without its series
    (``KS 2021/123``, ``2021/123``). ``minne``: :data:`MINNE`, read and written."""
    kända = läs_minne(minne, _hel)
    sidor: dict[str, list] = {}
    gräns = säker_gräns()
    per_år: dict[str, dict] = {}
    for väg, fil in html_filer(site):
        läge = filläge(fil)
        känd = kända.get(väg)
        if känd is not None and läge is not None and känd[0] == läge:
            sida = känd[1]
        else:
            sida = _sida(väg, fil)
        sidor[väg] = [som_känt(läge, gräns), sida]
        if sida is None:
            continue
        post = {"url": sida[0], "meta": sida[1], "filter": sida[2]}
        for beteckning in sida[3]:
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
    if minne is not None:
        with contextlib.suppress(OSError):  # not kept: only time lost next build
            skriv_atomiskt(minne, json.dumps(sidor, ensure_ascii=False).encode())
    return per_år


def _sida(väg: str, fil: str) -> list | None:
    """What of a page the identifier files hold: [url, meta, filter, identifiers], or None
    for a page without identifiers."""
    with open(fil, encoding="utf-8", errors="replace") as f:
        text = f.read()
    beteckningar = [html.unescape(b) for b in _BETECKNING.findall(text)]
    if not beteckningar:
        return None
    fält = {k: html.unescape(v) for k, v in _META.findall(text)}
    return [
        väg.removesuffix("index.html"),
        {k: v for k, v in fält.items() if k in VISADE_FÄLT},
        {k: html.unescape(v) for k, v in _FILTER.findall(text)},
        beteckningar,
    ]


def _hel(post) -> bool:
    """Whether a kept entry is as :func:`läs_beteckningar` writes it (a broken cache only
    costs time)."""
    if not isinstance(post, list) or len(post) != 2:
        return False
    sida = post[1]
    return sida is None or (
        isinstance(sida, list)
        and len(sida) == 4
        and isinstance(sida[0], str)
        and all(
            isinstance(d, dict) and all(isinstance(v, str) for v in d.values()) for d in sida[1:3]
        )
        and isinstance(sida[3], list)
        and all(isinstance(b, str) for b in sida[3])
    )
