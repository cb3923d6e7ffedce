"""The Nu Html Checker (vnu.jar from npm vnu-jar) on every page type of both sites:
zero errors. One JVM checks all files in one run (it is slow to start).

Checked: the built HTML file of each page in the page list, and the live DOM of the
search results state (serialized after mkdocs-material's JavaScript has run).
Totals go to build/rapporter/vnu.json.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from . import hjalp
from .hjalp import ny_flik, öppna


@dataclass(frozen=True)
class Undantag:
    """One vnu error that is not a failure: exact message, where it may occur, and why."""

    meddelande: str
    utdrag: str  # must occur in the message's extract
    sidor: tuple[str, ...] | None  # page names (Sidspec.namn) it is allowed on; None: all
    skäl: str


UNDANTAG: tuple[Undantag, ...] = ()
"""vnu errors that are NOT failures. Keep it short and explicit: each entry has its reason,
and every entry and every error it matched is written to build/rapporter/vnu.json. None
today: the one there was (the theme's search results put a <div> in a <summary>) went with
the theme's search; styrdok's own search page (sok/) is checked with its hits shown."""


def _undantag(m: dict, sidnamn: str) -> Undantag | None:
    for u in UNDANTAG:
        if (
            m.get("message") == u.meddelande
            and u.utdrag in m.get("extract", "")
            and (u.sidor is None or sidnamn in u.sidor)
        ):
            return u
    return None


@pytest.fixture(scope="session")
def vnu_resultat(webbplatser, webblasare, tmp_path_factory) -> dict[str, list[dict]]:
    """Run vnu once over every page; {page id: [error messages]}."""
    hjalp.kräv_verktyg(java=True)
    dom_mapp = tmp_path_factory.mktemp("vnu-dom")
    filer: dict[str, Path] = {}
    sidnamn: dict[str, str] = {}
    for sida in webbplatser.alla_sidor():
        sidnamn[sida.id] = sida.spec.namn
        if sida.spec.sök:
            kontext, flik = ny_flik(webblasare)
            try:
                öppna(flik, webbplatser, sida)
                fil = dom_mapp / f"{sida.id}.html"
                fil.write_text(
                    "<!doctype html>\n" + flik.evaluate("document.documentElement.outerHTML"),
                    encoding="utf-8",
                )
            finally:
                kontext.close()
            filer[sida.id] = fil
        elif sida.fil is not None:
            filer[sida.id] = sida.fil
    java = shutil.which("java")
    kommando = [
        java,
        "-Xss8m",
        "-jar",
        str(hjalp.VNU),
        "--format",
        "json",
        "--errors-only",
        "--exit-zero-always",
        *[str(f) for f in filer.values()],
    ]
    körning = subprocess.run(kommando, capture_output=True, text=True, timeout=300)
    try:
        meddelanden = json.loads(körning.stderr or körning.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(
            f"vnu gav inget JSON (exit {körning.returncode}):\n{körning.stderr[-3000:]}\n{körning.stdout[-2000:]}",
            pytrace=False,
        )
    per_fil: dict[str, list[dict]] = {}
    for m in meddelanden:
        per_fil.setdefault(_sökväg(m.get("url", "")), []).append(m)
    resultat = {sid: per_fil.get(str(fil.resolve()), []) for sid, fil in filer.items()}
    okända = [
        m
        for väg, lista in per_fil.items()
        for m in lista
        if väg not in {str(f.resolve()) for f in filer.values()}
    ]
    for m in okända:  # messages not tied to a file (e.g. a vnu failure) fail every page
        for lista in resultat.values():
            lista.append(m)
    fel = {
        sid: [m for m in lista if m.get("type") == "error" or m.get("subType") == "fatal"]
        for sid, lista in resultat.items()
    }
    undantagna = {
        sid: [m for m in lista if _undantag(m, sidnamn[sid])] for sid, lista in fel.items()
    }
    kvar = {sid: [m for m in lista if not _undantag(m, sidnamn[sid])] for sid, lista in fel.items()}
    hjalp.skriv_rapport(
        "vnu.json",
        {
            "verktyg": f"Nu Html Checker ({hjalp.VNU.name} från npm vnu-jar), --errors-only",
            "sidor_kontrollerade": len(filer),
            "fel": sum(len(v) for v in kvar.values()),
            "undantag": [asdict(u) for u in UNDANTAG],
            "undantagna_fel": sum(len(v) for v in undantagna.values()),
            "sidor": {
                sid: {
                    "fil": str(filer[sid]),
                    "fel": [_kort(m) for m in kvar[sid]],
                    "undantagna": [_kort(m) for m in undantagna[sid]],
                }
                for sid in filer
            },
        },
    )
    return kvar


def _sökväg(url: str) -> str:
    if url.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return str(Path(unquote(urlparse(url).path)).resolve())
    return url


def _kort(m: dict) -> dict:
    return {
        k: m[k]
        for k in ("type", "subType", "message", "lastLine", "firstColumn", "extract")
        if k in m
    }


@pytest.mark.parametrize("spec,variant", hjalp.pytest_parametrar())
def test_vnu_inga_fel(spec, variant, webbplatser, vnu_resultat):
    sida = webbplatser.sida(spec, variant)
    if sida.fil is None and not spec.obligatorisk:
        pytest.skip(f"{sida.id}: sidtypen finns inte i bygget än (se test_alla_sidtyper_finns)")
    assert sida.id in vnu_resultat, f"{sida.id}: sidan finns inte i bygget"
    fel = vnu_resultat[sida.id]
    rader = [f"{sida.id}: {len(fel)} fel från Nu Html Checker"]
    for m in fel[:25]:
        rader.append(f"- rad {m.get('lastLine', '?')}: {m.get('message')}")
        if m.get("extract"):
            rader.append(f"    {m['extract'].strip()[:200]}")
    assert not fel, "\n".join(rader)
