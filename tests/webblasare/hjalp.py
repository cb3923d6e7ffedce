"""Helpers for the browser tests: tools, the page list, a static server, reports.

The page list is built from *specs* known before the build (so pytest can parametrize
on them) and resolved against the built sites at run time:

* mandatory page types exist today: a missing one fails the tests;
* page types still being written (kvalitetsgarantier, mål, sammanträden) are taken
  from whatever the site contains; ``test_alla_sidtyper_finns`` reports them as missing.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
RAPPORTER = ROT / "build" / "rapporter"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGGAR = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SÖKORD = "taxa"

INSTALLERA = (
    "CI:s installationsskript installerar det (Debian-paketen chromium och default-jre-headless "
    "via apt, sedan `npm ci` i repots rot och `pip install -e '.[test]'`); kör det, eller gör "
    "samma steg för hand"
)

PUBLIK, INTRANÄT = "publik", "intranät"
INTRANÄTETS_START = "ledning-och-styrning/"
VARIANTER = (PUBLIK, INTRANÄT)
SITE_MAPPAR = {PUBLIK: "public", INTRANÄT: "intranet"}


def saknade_verktyg(java: bool = False) -> list[str]:
    """What the browser tests need and this machine lacks, as readable lines."""
    saknas = []
    if not CHROMIUM.exists():
        saknas.append(f"{CHROMIUM} saknas (Debian-paketet chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        saknas.append(
            "Python-paketet playwright saknas (pip install playwright; kör INTE `playwright install`)"
        )
    if not AXE.exists():
        saknas.append(f"{AXE.relative_to(ROT)} saknas (npm ci i repots rot)")
    if java:
        if not VNU.exists():
            saknas.append(f"{VNU.relative_to(ROT)} saknas (npm ci i repots rot)")
        if shutil.which("java") is None:
            saknas.append("java saknas (Debian-paketet default-jre-headless)")
    return saknas


def kräv_verktyg(java: bool = False) -> None:
    import pytest

    saknas = saknade_verktyg(java)
    if saknas:
        pytest.fail(
            "Webbläsartesterna kan inte köras: " + "; ".join(saknas) + ". " + INSTALLERA,
            pytrace=False,
        )


# --- page list ---------------------------------------------------------------------


@dataclass(frozen=True)
class Sidspec:
    namn: str  # test id
    varianter: tuple[str, ...]
    mönster: str  # file path or glob under the site dir; "" for the 404 page
    obligatorisk: bool  # exists today: missing is an error
    sök: bool = False  # the search page with the results of a query shown
    landar: str = (
        ""  # the page a visitor lands on, when the page sends them on (the intranet's start)
    )


SIDSPECAR: tuple[Sidspec, ...] = (
    Sidspec("startsida", (PUBLIK,), "index.html", True),
    # The intranet opens on Ledning och styrning: its start page sends the visitor there.
    Sidspec("startsida", (INTRANÄT,), "index.html", True, landar=INTRANÄTETS_START),
    Sidspec("forfattningssamling", VARIANTER, "forfattningssamling/index.html", True),
    Sidspec("kfs-post", VARIANTER, "forfattningssamling/2021-2/index.html", True),
    Sidspec("kfs-kategori", VARIANTER, "forfattningssamling/kategori/taxor/index.html", True),
    Sidspec("styrdokument", VARIANTER, "styrdokument/index.html", True),
    Sidspec("dokument", VARIANTER, "styrdokument/*/*/index.html", True),
    Sidspec("tillganglighetsredogorelse", VARIANTER, "tillganglighetsredogorelse/index.html", True),
    Sidspec("ledning-och-styrning", (INTRANÄT,), "ledning-och-styrning/index.html", True),
    Sidspec("404", VARIANTER, "", True),
    Sidspec("sokresultat", VARIANTER, "sok/index.html", True, sök=True),
    # Further pages of the example kommun.
    Sidspec("arshjul", VARIANTER, "arshjul/index.html", True),
    Sidspec("om-styrmodellen", VARIANTER, "om-styrmodellen/index.html", True),
    # Kvalitetsgarantier, goal reports and meetings.
    Sidspec("kvalitetsgarantier", VARIANTER, "kvalitetsgarantier/index.html", True),
    Sidspec("kvalitetsgaranti", VARIANTER, "kvalitetsgarantier/*/index.html", True),
    Sidspec("mal", VARIANTER, "mal/index.html", True),
    Sidspec("malrapport", VARIANTER, "mal/rapporter/*/index.html", True),
    Sidspec("sammantraden", VARIANTER, "sammantraden/index.html", True),
    Sidspec("sammantrade", VARIANTER, "sammantraden/**/index.html", True),
    # The anslagstavla and the protokoll behind it.
    Sidspec("anslagstavla", VARIANTER, "anslagstavla/index.html", True),
    Sidspec("anslagstavla-arkiv", VARIANTER, "anslagstavla/arkiv/index.html", True),
    Sidspec("tillkannagivande", VARIANTER, "anslagstavla/tillkannagivande-*/index.html", True),
    Sidspec("protokoll", VARIANTER, "sammantraden/*/*-protokoll/index.html", True),
    # The goal area's further page layouts.
    Sidspec("mal-mal", VARIANTER, "mal/mal/*/index.html", True),
    Sidspec("mal-indikator", VARIANTER, "mal/indikatorer/*/index.html", True),
    Sidspec("mal-indikatorer", VARIANTER, "mal/indikatorer/index.html", True),
    Sidspec("mal-namnd", VARIANTER, "mal/namnder/*/index.html", True),
    Sidspec("mal-omrade", VARIANTER, "mal/omraden/*/index.html", True),
)
KOMMANDE = (
    "kvalitetsgarantier",
    "kvalitetsgaranti",
    "mal",
    "malrapport",
    "sammantraden",
    "sammantrade",
)
MISSAD_SÖKVÄG = "finns-inte-styrdok-test/"


@dataclass(frozen=True)
class Sida:
    """One concrete page to check."""

    spec: Sidspec
    variant: str
    fil: Path | None  # the HTML file on disk (None if it does not exist)
    url_sökväg: str  # path part of the URL, without the leading slash

    @property
    def id(self) -> str:
        return parameter_id(self.spec, self.variant)


def alla_parametrar() -> list[tuple[Sidspec, str]]:
    return [(spec, variant) for spec in SIDSPECAR for variant in spec.varianter]


def parameter_id(spec: Sidspec, variant: str) -> str:
    return f"{'publik' if variant == PUBLIK else 'intranat'}-{spec.namn}"


def pytest_parametrar() -> list:
    """(spec, variant) for ``pytest.mark.parametrize("spec,variant", ...)``, with readable ids."""
    import pytest

    return [
        pytest.param(spec, variant, id=parameter_id(spec, variant))
        for spec, variant in alla_parametrar()
    ]


def hitta(site: Path, spec: Sidspec, variant: str) -> Sida:
    """Resolve a spec against one built site."""
    if spec.mönster == "":
        return Sida(
            spec,
            variant,
            site / "404.html" if (site / "404.html").exists() else None,
            MISSAD_SÖKVÄG,
        )
    if any(tecken in spec.mönster for tecken in "*?["):
        # "kind/**/index.html" also matches the kind's own index page: not an entry page.
        kindens_index = spec.mönster.split("/", 1)[0] + "/index.html"
        träffar = sorted(
            p for p in site.glob(spec.mönster) if p.relative_to(site).as_posix() != kindens_index
        )
        fil = träffar[0] if träffar else None
    else:
        fil = site / spec.mönster if (site / spec.mönster).exists() else None
    if fil is None:
        return Sida(spec, variant, None, spec.mönster)
    relativ = fil.relative_to(site).as_posix()
    return Sida(
        spec,
        variant,
        fil,
        relativ[: -len("index.html")] if relativ.endswith("index.html") else relativ,
    )


# --- a static server that answers 404.html with status 404 ------------------------


class _Hanterare(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        sida = Path(self.directory) / "404.html"
        if code == 404 and sida.exists():
            innehåll = sida.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(innehåll)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(innehåll)
            return
        super().send_error(code, message, explain)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass


class Server:
    """``http.server`` for one site dir on 127.0.0.1, a random port, in a thread."""

    def __init__(self, katalog: Path):
        hanterare = functools.partial(_Hanterare, directory=str(katalog))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), hanterare)
        self.httpd.daemon_threads = True
        self.bas = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.tråd = threading.Thread(
            target=self.httpd.serve_forever, daemon=True, name=f"server {katalog.name}"
        )
        self.tråd.start()

    def stäng(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- the browser ------------------------------------------------------------------

BARA_LOKALT = re.compile(r"^(?!http://127\.0\.0\.1:)")
"""Every URL that is not our own server (web fonts from the theme, ...): aborted."""


def ny_flik(webblasare):
    kontext = webblasare.new_context(
        viewport={"width": 1280, "height": 900}, locale="sv-SE", service_workers="block"
    )
    kontext.route(BARA_LOKALT, lambda route: route.abort())
    kontext.set_default_timeout(15_000)
    page = kontext.new_page()
    fel: list[str] = []
    page.on("pageerror", lambda undantag: fel.append(str(undantag)))
    page.js_fel = fel  # type: ignore[attr-defined]
    return kontext, page


def öppna(page, webb, sida: Sida):
    """Open a page (or the search results state) and return the HTTP response."""
    assert sida.fil is not None or sida.spec.mönster == "", f"{sida.id}: sidan finns inte i bygget"
    svar = page.goto(webb[sida.variant].url(sida.url_sökväg), wait_until="load")
    if sida.spec.mönster == "":
        assert svar is not None and svar.status == 404, (
            f"{sida.id}: en saknad sida ska svara 404 med 404.html, fick {svar and svar.status}"
        )
    else:
        assert svar is not None and svar.ok, f"{sida.id}: {svar and svar.status} för {page.url}"
    if sida.spec.landar:
        mål = webb[sida.variant].url(sida.spec.landar)
        page.wait_for_url(mål, wait_until="load")
    if sida.spec.sök:
        sök(page)
    return svar


def sök(page, ord: str = SÖKORD) -> None:
    """Search on the search page (sok/, styrdok's own with Pagefind) and wait until the
    hits are shown and announced."""
    fält = page.locator("#styrdok-sok-q")
    fält.fill(ord)
    fält.press("Enter")
    page.locator(".styrdok-sok__traffar li").first.wait_for(state="visible", timeout=20_000)
    vänta_på_stilla_sida(page)


def vänta_på_stilla_sida(page) -> None:
    """Wait until nothing on the page changes any more: the number of hits is announced, no
    CSS animation or transition runs, and the hit list has the same length over two frames.
    Checks then see the same state on any machine, fast or slow."""
    page.mouse.move(0, 0)  # no hover background under whatever is checked
    page.wait_for_function(
        """() => new Promise(svara => {
        const antal = () => document.querySelectorAll('.styrdok-sok__traffar li').length;
        const status = document.querySelector('[data-styrdok-sok-status]');
        const före = antal();
        requestAnimationFrame(() => requestAnimationFrame(() => svara(
            status !== null && /träff/.test(status.textContent) && antal() === före
            && document.getAnimations().every(a => a.playState !== 'running'))));
    })""",
        timeout=20_000,
    )


# --- reports -----------------------------------------------------------------------


def skriv_rapport(namn: str, data: dict) -> Path:
    RAPPORTER.mkdir(parents=True, exist_ok=True)
    fil = RAPPORTER / namn
    fil.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return fil
