"""The sites' search: a static Pagefind index per built site, and the exact-identifier file.

Each site is indexed from its own built files only (``<site>/pagefind/``), so the public
index can hold nothing the public site does not already show. What is indexed is decided
by the page markup (``templates/overrides/main.html``): the article's text
(``data-pagefind-body``), the page's search fields and filters from its front matter
(``styrdok_sok``, see :func:`styrdok.karna.utdata.sökdata`); a page that only lists others
(``data-styrdok-lista``) is found by its heading and introduction, not by the lists.

Pagefind splits ``EKFS 2021:2`` and ``KS 2021/123`` into words, so a query for a number
also finds every page that mentions it. Beside the index, ``pagefind/styrdok-beteckningar.json``
maps each KFS number and diarienummer (normalized: :func:`nyckel`) to its page; the search
page loads it only for a query that looks like an identifier and shows those hits first.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.webb import sok_ordning

MAPP = "pagefind"
"""The index's folder inside each site."""
BETECKNINGAR = "styrdok-beteckningar.json"
"""The exact-identifier file, in :data:`MAPP`."""

UTESLUTNA = (
    "[data-styrdok-lista] table",
    "[data-styrdok-lista] ul",
    "[data-styrdok-lista] ol",
    "[data-styrdok-lista] dl",
    "[data-styrdok-falt] .styrdok-metadata",
)
"""What is not searched: on a page that lists others, the lists themselves; on a page with
search fields, its fact table (the fields hold the same facts)."""

_META = re.compile(r'<span data-pagefind-meta="([^"]+)">([^<]*)</span>')
_FILTER = re.compile(r'<span data-pagefind-filter="([^"]+)">([^<]*)</span>')
_BETECKNING = re.compile(r"<span data-styrdok-beteckning>([^<]*)</span>")


def indexera(
    site: Path, variant: str = "", meddela: Callable[[str], None] = lambda _: None
) -> None:
    """Index one built site in ``site/pagefind/`` (replaced). Pagefind failing is a StyrdokFel."""
    namn = f" ({variant})" if variant else ""
    kommando = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        MAPP,
        "--force-language",
        "sv",
        "--quiet",
    ]
    for väljare in UTESLUTNA:
        kommando += ["--exclude-selectors", väljare]
    try:
        körning = subprocess.run(kommando, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as fel:
        raise StyrdokFel(f"sökindexet för webbplatsen{namn} kunde inte byggas: {fel}") from None
    if körning.returncode != 0:
        utskrift = (körning.stderr or körning.stdout).strip().splitlines()[-5:]
        raise StyrdokFel(
            f"sökindexet för webbplatsen{namn} kunde inte byggas (Pagefind avslutade med "
            f"kod {körning.returncode}): " + " / ".join(utskrift)
        )
    if not (site / MAPP / "pagefind.js").is_file():
        raise StyrdokFel(f"sökindexet för webbplatsen{namn} kunde inte byggas: pagefind.js saknas")
    try:
        sok_ordning.ordna(site / MAPP)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as fel:
        raise StyrdokFel(
            f"sökindexet för webbplatsen{namn} kunde inte ordnas (okänt format från Pagefind "
            f"{_version(site)}): {fel}"
        ) from None
    skriv_beteckningar(site)
    meddela(f"sökindex{namn}: {_antal_sidor(site)} sidor")


def _version(site: Path) -> str:
    try:
        return json.loads((site / MAPP / "pagefind-entry.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def _antal_sidor(site: Path) -> int:
    try:
        post = json.loads((site / MAPP / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(språk.get("page_count", 0) for språk in post["languages"].values())
    except (OSError, ValueError, KeyError, AttributeError):
        return 0


def nyckel(beteckning: str) -> str:
    """An identifier as the lookup compares it: no spaces, upper case (``ekfs 2021:2`` and
    ``EKFS 2021:2`` alike). The search page's script does the same."""
    return "".join(beteckning.split()).upper()


def skriv_beteckningar(site: Path) -> dict:
    """Write ``pagefind/styrdok-beteckningar.json``: ``sidor``, the pages that carry an
    identifier (address relative to the site's root, search fields and filters), and
    ``nycklar``, normalized identifier → their numbers in ``sidor``. A KFS number is found
    with and without its prefix (``EKFS 2021:2``, ``2021:2``), a diarienummer with and
    without its series (``KS 2021/123``, ``2021/123``)."""
    sidor: list[dict] = []
    nycklar: dict[str, list[int]] = {}
    for fil in sorted(site.rglob("*.html")):
        if MAPP in fil.relative_to(site).parts:
            continue
        text = fil.read_text(encoding="utf-8", errors="replace")
        beteckningar = [html.unescape(b) for b in _BETECKNING.findall(text)]
        if not beteckningar:
            continue
        sidor.append(
            {
                "url": fil.relative_to(site).as_posix().removesuffix("index.html"),
                "meta": {k: html.unescape(v) for k, v in _META.findall(text)},
                "filter": {k: html.unescape(v) for k, v in _FILTER.findall(text)},
            }
        )
        for beteckning in beteckningar:
            delar = beteckning.split(maxsplit=1)
            for n in {nyckel(beteckning), nyckel(delar[-1])}:
                if len(sidor) - 1 not in nycklar.setdefault(n, []):
                    nycklar[n].append(len(sidor) - 1)
    uppslag = {"sidor": sidor, "nycklar": nycklar}
    (site / MAPP / BETECKNINGAR).write_text(
        json.dumps(uppslag, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return uppslag


def läs_index(site: Path) -> list[dict]:
    """Every page in a built site's index as Pagefind stores it (``url``, ``content``,
    ``meta`` with ``title``, ``filters``), read from its fragments: for tests and checks."""
    sidor = []
    for fil in sorted((site / MAPP / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fil.read_bytes()).decode("utf-8")
        sidor.append(json.loads(data.removeprefix("pagefind_dcd")))
    return sidor
