"""Fixtures for the browser tests: both sites built once, served, and one Chromium.

Needs /usr/bin/chromium (Debian package chromium), the Python package playwright
(never `playwright install`: we drive the system Chromium), and `npm ci` at the repo
root for axe-core and vnu-jar (vnu also needs java: default-jre-headless). When any of
them is missing the tests FAIL with a message saying so: CI installs them.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import hjalp
from .hjalp import CHROMIUM, CHROMIUM_ARGS, ROT, Server, Sida, Sidspec, ny_flik

HÄR = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "webblasare: tillgänglighetstester i riktig webbläsare (Chromium, axe-core, vnu); "
        "kräver chromium, default-jre-headless och npm ci",
    )


def pytest_collection_modifyitems(config, items):
    xdist = config.pluginmanager.hasplugin("xdist")
    for item in items:
        if HÄR in item.path.resolve().parents:
            item.add_marker(pytest.mark.webblasare)
            # One build, one browser, one report: under pytest-xdist keep them on one worker
            # (effective with --dist loadgroup; harmless without xdist).
            if xdist:
                item.add_marker(pytest.mark.xdist_group("webblasare"))


@dataclass
class Webb:
    variant: str
    site: Path
    server: Server

    def url(self, sökväg: str) -> str:
        return self.server.bas + sökväg


@dataclass
class Webbplatser:
    rot: Path
    per_variant: dict[str, Webb] = field(default_factory=dict)

    def __getitem__(self, variant: str) -> Webb:
        return self.per_variant[variant]

    def sida(self, spec: Sidspec, variant: str) -> Sida:
        return hjalp.hitta(self[variant].site, spec, variant)

    def alla_sidor(self) -> list[Sida]:
        return [self.sida(spec, variant) for spec, variant in hjalp.alla_parametrar()]


@pytest.fixture(scope="session")
def webbplatser(tmp_path_factory) -> Webbplatser:
    """Copy the project to a tmp dir, build both sites once, serve each on 127.0.0.1.

    STYRDOK_WEBBLASARE_KALLA=/path/to/project copies another checkout's content/,
    templates/, hooks/ and mkdocs.yml instead of this repo's (default)."""
    from styrdok.bygg import bygg
    from styrdok.grund.diagnostik import StyrdokFel

    källa = Path(os.environ.get("STYRDOK_WEBBLASARE_KALLA") or ROT)
    rot = tmp_path_factory.mktemp("styrdok")
    for mapp in ("content", "templates", "hooks"):
        shutil.copytree(källa / mapp, rot / mapp, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(källa / "mkdocs.yml", rot / "mkdocs.yml")
    try:
        bygg(rot, bara_webbplatser=True)
    except StyrdokFel as fel:
        rapport = getattr(fel, "rapport", None)
        fel_rader = [str(d) for d in rapport.diagnoser if d.nivå != "varning"] if rapport else []
        pytest.fail(
            f"styrdok-bygget misslyckades, så webbläsartesterna har inget att testa: {fel}\n"
            + "\n".join(fel_rader[:30]),
            pytrace=False,
        )
    webb = Webbplatser(rot)
    for variant, mapp in hjalp.SITE_MAPPAR.items():
        site = rot / "site" / mapp
        assert (site / "index.html").exists(), f"bygget gav ingen {site}/index.html"
        webb.per_variant[variant] = Webb(variant, site, Server(site))
    yield webb
    for w in webb.per_variant.values():
        w.server.stäng()


@pytest.fixture(scope="session")
def webblasare():
    """One headless system Chromium for the whole session."""
    hjalp.kräv_verktyg()
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
    except Exception as fel:  # noqa: BLE001 - turned into a readable failure
        pw.stop()
        pytest.fail(
            f"Chromium ({CHROMIUM}) gick inte att starta: {fel}. {hjalp.INSTALLERA}", pytrace=False
        )
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def flik(webblasare):
    """A fresh browser context and page; only 127.0.0.1 may be reached (no web fonts etc.)."""
    kontext, page = ny_flik(webblasare)
    yield page
    kontext.close()
