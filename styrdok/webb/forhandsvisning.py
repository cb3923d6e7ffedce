"""``styrdok serve``: one site variant previewed on a local port, rebuilt when the sources
change.

The server never waits for a build: every request is answered at once from the last site
that was built (each build goes into a fresh folder that replaces the previous one only
when it is done). While the sources have errors, every page is a Swedish error page that
lists them as ``fil:rad:kolumn: fel: …``; it and every built page ask the server every
second whether a newer build exists and reload themselves when one does, so a page comes
back by itself as soon as the error is fixed. No Word or PDF file is made: the render cache
(``build/cache/``) supplies those it has for the current sources, and a note on every page
says what ``styrdok build`` would add.
"""

from __future__ import annotations

import html
import mimetypes
import os
import posixpath
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from styrdok.grund.diagnostik import FEL, StyrdokFel
from styrdok.karna import bygge, projekt
from styrdok.karna.korpus import Delar
from styrdok.karna.webbplats import INTRANÄT, SITE_MAPPAR
from styrdok.webb.mkdocs_adapter import bygg_webbplats

VERSIONSADRESS = "/.styrdok/version"
INTERVALL = 0.5
"""How often the sources are looked at (seconds)."""

Meddela = Callable[[str], None]


@dataclass(frozen=True)
class Läge:
    """What the server shows; replaced whole after every build, never changed."""

    version: str
    site: Path | None = None
    """The last site that was built (its files are served even while there are errors)."""
    fel: tuple[str, ...] | None = None
    """The errors that stop the build, or None when the last build succeeded."""
    dokument: int = 0
    saknade: frozenset[str] = field(default_factory=frozenset)
    """Document files (paths in the site) the cache does not have for the current sources."""


class Förhandsvisning:
    def __init__(self, rot: Path, delar: Delar, variant: str, meddela: Meddela):
        self.rot = rot
        self.delar = delar
        self.variant = variant
        self.meddela = meddela
        self.arbetsmapp = rot / "build" / "forhandsvisning" / SITE_MAPPAR[variant]
        self.start = time.strftime("%H%M%S")
        self.byggen = 0
        self.läge = Läge(self._version())
        self.skrivet: set[str] = set()

    def _version(self) -> str:
        return f"{self.start}-{self.byggen}"

    # --- building ----------------------------------------------------------------

    def bygg(self) -> None:
        """Build once and show the result (the site, or the errors); never raises for a
        mistake in the sources or a bug, only for Ctrl+C."""
        self.byggen += 1
        site = self.arbetsmapp / f"site-{self.byggen}"
        start = time.perf_counter()
        try:
            förhandsvisning = bygge.förhandsvisa(
                self.rot, self.delar, self.variant, self.arbetsmapp / "docs"
            )
            self._skriv(förhandsvisning.rapport.diagnoser)
            if len(förhandsvisning.saknade) < förhandsvisning.dokument:
                for saknad in förhandsvisning.saknade:  # linked: the site engine looks for them
                    (self.arbetsmapp / "docs" / saknad).parent.mkdir(parents=True, exist_ok=True)
                    (self.arbetsmapp / "docs" / saknad).touch()
            bygg_webbplats(
                förhandsvisning.webbplats,
                site,
                projekt.konfigfil(self.rot),
                sidminne=projekt.cachemapp(self.rot) / "forhandsvisning" / site.parent.name,
            )
        except bygge.StyrdokFelMedRapport as fel:
            self._skriv(fel.rapport.diagnoser)
            rader = tuple(str(d) for d in sorted(set(fel.rapport.diagnoser)) if d.nivå == FEL)
            return self._fel(rader, f"{len(rader)} fel i källorna")
        except StyrdokFel as fel:
            return self._fel((str(fel),), "webbplatsen kunde inte byggas")
        except Exception as fel:  # a bug: say so, and keep serving
            text = f"internt fel i styrdok ({type(fel).__name__}: {fel})"
            if os.environ.get("STYRDOK_DEBUG") == "1":
                traceback.print_exc()
            else:
                text += "; kör med STYRDOK_DEBUG=1 för att se var, och rapportera felet"
            return self._fel((f"fel: {text}",), "internt fel")
        nytt = Läge(
            self._version(),
            site,
            None,
            förhandsvisning.dokument,
            frozenset(förhandsvisning.saknade),
        )
        sekunder = f"{time.perf_counter() - start:.1f}".replace(".", ",")
        if self.läge.fel:
            self.meddela(f"felen är rättade och sidorna tillbaka (byggt på {sekunder} s)")
        elif self.läge.site is None:
            saknas = om_dokumenten(nytt)
            self.meddela(f"klart på {sekunder} s" + (f"; {saknas}" if saknas else ""))
        else:
            self.meddela(f"byggt om på {sekunder} s; webbläsaren laddar om sidan")
        self.läge = nytt
        self._städa(site)

    def _fel(self, rader: tuple[str, ...], vad: str) -> None:
        for rad in rader:
            if rad not in self.skrivet:
                print(rad, file=sys.stderr, flush=True)
        self.skrivet = set()  # errors are printed again after every save until they are fixed
        self.meddela(
            f"{vad}; varje sida i förhandsgranskningen visar dem tills de är rättade "
            "och laddas om av sig själv när du sparar"
        )
        self.läge = Läge(self._version(), self.läge.site, rader)

    def _skriv(self, diagnoser) -> None:
        """Warnings and reminders once, not again on every save; errors always."""
        rader = [str(d) for d in sorted(set(diagnoser))]
        for rad in rader:
            if rad not in self.skrivet:
                print(rad, file=sys.stderr, flush=True)
        self.skrivet = set(rader)

    def _städa(self, behåll: Path) -> None:
        """Built sites older than the previous one go (the previous may still be read)."""
        nu = int(behåll.name.removeprefix("site-"))
        for mapp in self.arbetsmapp.glob("site-*"):
            nummer = mapp.name.removeprefix("site-")
            if nummer.isdigit() and int(nummer) < nu - 1:
                shutil.rmtree(mapp, ignore_errors=True)

    def bevaka(self, stopp: threading.Event) -> None:
        """Build now and again after every change to the sources, until ``stopp``."""
        shutil.rmtree(self.arbetsmapp, ignore_errors=True)
        avtryck = self.avtryck()
        while not stopp.is_set():
            self.bygg()
            nytt = avtryck
            while not stopp.is_set() and nytt == avtryck:
                stopp.wait(INTERVALL)
                nytt = self.avtryck()
            while not stopp.is_set():  # a save is often several writes: let them settle
                stopp.wait(0.2)
                if (senaste := self.avtryck()) == nytt:
                    break
                nytt = senaste
            avtryck = nytt
            if not stopp.is_set():
                self.meddela("ändrat i källorna; bygger om …")

    def avtryck(self) -> tuple:
        """Every source's path, size and modification time: what a change changes."""
        poster = [_stat(self.rot / "mkdocs.yml")]
        for mapp in (self.rot / "content", projekt.mallar(self.rot)):
            for katalog, underkataloger, namn in os.walk(mapp):
                underkataloger.sort()
                poster.extend(_stat(Path(katalog) / n) for n in sorted(namn))
        return tuple(poster)

    # --- serving -----------------------------------------------------------------

    def svar(self, sökväg: str) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) for a GET of ``sökväg``; never waits for a build."""
        läge = self.läge
        if sökväg == VERSIONSADRESS:
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, läge.version.encode()
        relativ = posixpath.normpath("/" + sökväg).lstrip("/")
        if relativ == ".":
            relativ = ""
        sida = (
            sökväg.endswith("/")
            or sökväg.endswith(".html")
            or "." not in relativ.rpartition("/")[2]
        )
        if sida and (läge.fel is not None or läge.site is None):
            kropp = felsida(läge) if läge.fel is not None else väntesida(läge)
            return 503, {"Content-Type": "text/html; charset=utf-8", "Retry-After": "1"}, kropp
        if läge.site is None:
            return 404, {"Content-Type": "text/plain; charset=utf-8"}, b"finns inte"
        if relativ in läge.saknade:
            return 404, {"Content-Type": "text/html; charset=utf-8"}, saknad_fil(läge, relativ)
        fil = läge.site / relativ
        if fil.is_dir():
            if not sökväg.endswith("/"):
                return 302, {"Location": quote(sökväg + "/")}, b""
            fil = fil / "index.html"
        if fil.is_file():
            data = fil.read_bytes()
            typ = _typ(fil)
            if fil.suffix == ".html":
                data, typ = self._förbered_sida(data, läge), "text/html; charset=utf-8"
            return 200, {"Content-Type": typ}, data
        fil = läge.site / "404.html"
        data = fil.read_bytes() if fil.is_file() else b"<h1>Sidan finns inte</h1>"
        return 404, {"Content-Type": "text/html; charset=utf-8"}, self._förbered_sida(data, läge)

    def _förbered_sida(self, data: bytes, läge: Läge) -> bytes:
        return _i_body(data, notis(läge).encode(), omladdning(läge.version).encode())

    def serva(self, port: int) -> ThreadingHTTPServer:
        förhandsvisning = self

        class Hanterare(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                self._svara(med_kropp=True)

            def do_HEAD(self) -> None:  # noqa: N802
                self._svara(med_kropp=False)

            def _svara(self, med_kropp: bool) -> None:
                sökväg = unquote(urlsplit(self.path).path)
                status, huvuden, kropp = förhandsvisning.svar(sökväg)
                self.send_response(status)
                for namn, värde in huvuden.items():
                    self.send_header(namn, värde)
                self.send_header("Content-Length", str(len(kropp)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                if med_kropp:
                    self.wfile.write(kropp)

            def log_message(self, format, *args) -> None:  # noqa: A002, ARG002
                pass  # no access log in the terminal: only what the user must know

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:  # noqa: ARG002
                fel = sys.exc_info()[1]
                if isinstance(fel, (ConnectionError, TimeoutError)):
                    return  # the browser went away
                förhandsvisning.meddela(f"internt fel när en sida skulle visas: {fel!r}")

        try:
            return Server(("127.0.0.1", port), Hanterare)
        except OSError as fel:
            raise StyrdokFel(
                f"port {port} kan inte användas ({fel.strerror or fel}); den används kanske "
                "redan av en annan förhandsgranskning: välj en annan med --port"
            ) from None


def serve(rot: Path, delar: Delar, variant: str, port: int, meddela: Meddela) -> int:
    """Preview until Ctrl+C (or SIGTERM)."""
    förhandsvisning = Förhandsvisning(rot, delar, variant, meddela)
    server = förhandsvisning.serva(port)
    tråd = threading.Thread(target=server.serve_forever, daemon=True)
    tråd.start()
    namn = "intranätet" if variant == INTRANÄT else "webbplatsen"
    meddela(f"förhandsgranskar {namn} på http://127.0.0.1:{port}/ (avsluta med Ctrl+C)")
    stopp = threading.Event()
    try:
        förhandsvisning.bevaka(stopp)
    except KeyboardInterrupt:
        meddela("förhandsgranskningen avslutad")
    finally:
        stopp.set()
        server.shutdown()
        server.server_close()
    return 0


# --- pages of its own ------------------------------------------------------------------

_STIL = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1b1b1b}h1{font-size:1.6rem}code,pre{font-family:ui-monospace,"
    "monospace}ul{background:#fdf2f2;border-left:4px solid #b3261e;padding:.5rem 1rem .5rem 2rem}"
    "li{margin:.5rem 0;overflow-wrap:anywhere}"
)


def _egen_sida(titel: str, kropp: str, version: str) -> bytes:
    return (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(titel)}</title><style>{_STIL}</style></head>"
        f"<body><main><h1>{html.escape(titel)}</h1>{kropp}</main>{omladdning(version)}</body></html>"
    ).encode()


def felsida(läge: Läge) -> bytes:
    fel = läge.fel or ()
    antal = "ett fel" if len(fel) == 1 else f"{len(fel)} fel"
    kropp = (
        f"<p>styrdok hittade {antal} och kan inte visa webbplatsen förrän "
        f"{'det' if len(fel) == 1 else 'de'} är rättade. Varje rad anger filen, raden och "
        "kolumnen där felet finns:</p>"
        f"<ul>{''.join(f'<li><code>{html.escape(rad)}</code></li>' for rad in fel)}</ul>"
        f"<p>Rätta {'felet' if len(fel) == 1 else 'felen'} och spara. Sidan laddas om av sig "
        "själv när webbplatsen har byggts om. Samma fel skriver <code>styrdok check</code> i "
        "terminalen; inget publiceras förrän de är rättade.</p>"
    )
    return _egen_sida("Källorna har fel", kropp, läge.version)


def väntesida(läge: Läge) -> bytes:
    kropp = "<p>Förhandsgranskningen byggs. Sidan visas av sig själv när den är klar.</p>"
    return _egen_sida("Förhandsgranskningen byggs …", kropp, läge.version)


def saknad_fil(läge: Läge, relativ: str) -> bytes:
    kropp = (
        f"<p><code>{html.escape(relativ)}</code> finns inte i förhandsgranskningen: den har inte "
        "skapats för dokumentets nuvarande text. <code>styrdok build</code> skapar Word- och "
        'PDF-filerna. <a href="javascript:history.back()">Tillbaka</a></p>'
    )
    return _egen_sida("Filen skapas av styrdok build", kropp, läge.version)


def om_dokumenten(läge: Läge) -> str:
    """What the preview lacks of the Word and PDF files a build makes, or ""."""
    saknas, antal = len(läge.saknade), läge.dokument
    if not antal or not saknas:
        return ""
    if saknas == antal:
        return (
            "Word- och PDF-filerna finns inte i build/cache/ än, så sidorna visas utan länkar "
            "till dem; styrdok build skapar dem"
        )
    return (
        f"{saknas} av {antal} Word-, PDF- och zip-filer har inte skapats för den nuvarande "
        "texten (de finns inte i build/cache/); styrdok build skapar dem"
    )


def notis(läge: Läge) -> str:
    """A line at the top of every page when Word and PDF files are missing from the preview."""
    if not (text := om_dokumenten(läge)):
        return ""
    return (
        '<div class="styrdok-forhandsvisning" role="note" style="background:#fff4ce;'
        "color:#1b1b1b;padding:.5rem 1rem;border-bottom:1px solid #c9a100;font-size:.8rem;"
        f'position:relative;z-index:10">Förhandsgranskning: {html.escape(text)}.</div>'
    )


def omladdning(version: str) -> str:
    """Asks every second whether a newer build exists; reloads the page when one does."""
    return (
        "<script>(function(){var v="
        + repr(version)
        + ";function f(){fetch("
        + repr(VERSIONSADRESS)
        + ',{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){'
        "if(t!==v){location.reload()}else{setTimeout(f,1000)}}).catch(function(){"
        "setTimeout(f,2000)})}setTimeout(f,1000)})();</script>"
    )


def _i_body(data: bytes, överst: bytes, sist: bytes) -> bytes:
    början = data.find(b"<body")
    if början >= 0 and (slut := data.find(b">", början)) >= 0:
        data = data[: slut + 1] + överst + data[slut + 1 :]
    slutet = data.rfind(b"</body>")
    return data[:slutet] + sist + data[slutet:] if slutet >= 0 else data + sist


def _typ(fil: Path) -> str:
    if fil.suffix in (".js", ".mjs"):
        return "application/javascript"
    typ = mimetypes.guess_type(fil.name)[0] or "application/octet-stream"
    return (
        f"{typ}; charset=utf-8" if typ.startswith("text/") or typ.endswith(("json", "xml")) else typ
    )


def _stat(fil: Path) -> tuple[str, int, int]:
    try:
        s = fil.stat()
    except OSError:
        return (str(fil), -1, -1)
    return (str(fil), s.st_size, s.st_mtime_ns)
