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

import mimetypes
import os
import posixpath
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from styrdok.grund import sopor
from styrdok.grund.diagnostik import FEL, StyrdokFel
from styrdok.karna import bygge, genereringsminne, projekt
from styrdok.karna.korpus import Delar
from styrdok.karna.webbplats import INTRANÄT, SITE_MAPPAR
from styrdok.webb import mkdocs_delbygge
from styrdok.webb.bevakning import Händelser, stat, stat_under
from styrdok.webb.forhandsvisning_sidor import (
    VERSIONSADRESS,
    Läge,
    felsida,
    i_body,
    notis,
    om_dokumenten,
    omladdning,
    saknad_fil,
    väntesida,
)
from styrdok.webb.forhandsvisning_sok import Sökindex, städa
from styrdok.webb.mkdocs_adapter import bygg_webbplats
from styrdok.webb.mkdocs_delbygge import Delbygge

MAX_OMGJORDA = 50
"""More changed pages than this are built as a whole site (a change to kommun.yml ...)."""
INTERVALL = 0.5
"""How often the sources are looked at (seconds) when no file event wakes the preview."""
OSAMLADE = 5
"""Builds after saves without a pause between them, at most, before the garbage they left
is collected anyway (grund/sopor)."""
SAMLA_EFTER = 1.0
"""Seconds after a build without a new save before its garbage is collected: the page
reloads meanwhile, and a full collection (~0.09 s at 1,000 documents, measured) holds the
interpreter the server answers it with (it made the page ~0.1 s later)."""
VÄNTA = 20.0
"""How long a page's question for a newer build is held open before the same answer."""

Meddela = Callable[[str], None]


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
        self.nytt_läge = threading.Condition()
        self.sökindex = Sökindex(self.arbetsmapp, SITE_MAPPAR[variant], lambda: self.läge)
        self.skrivet: set[str] = set()
        self.delbygge: Delbygge | None = None
        """The site engine's state after the last full build (single pages made from it)."""
        self.grund: tuple = ()
        self.omgjorda = 0
        self.docs_avtryck: dict[str, bytes] = {}
        """Every generated file of the last build: its path in the docs folder → its hash."""

    def _version(self) -> str:
        return f"{self.start}-{self.byggen}"

    # --- building ----------------------------------------------------------------

    def bygg(self) -> None:
        """Build once and show the result (the site, or the errors); never raises for a
        mistake in the sources or a bug, only for Ctrl+C. When an edit changed only the
        Markdown of some pages, only those are made again (``mkdocs_delbygge``)."""
        self.byggen += 1
        site = self.arbetsmapp / f"site-{self.byggen}"
        docs = self.arbetsmapp / "docs"
        start = time.perf_counter()
        try:
            förhandsvisning = bygge.förhandsvisa(self.rot, self.delar, self.variant, docs)
            self._skriv(förhandsvisning.rapport.diagnoser)
            if len(förhandsvisning.saknade) < förhandsvisning.dokument:
                for saknad in förhandsvisning.saknade:  # linked: the site engine looks for them
                    (docs / saknad).parent.mkdir(parents=True, exist_ok=True)
                    (docs / saknad).touch()
            grund = (förhandsvisning.webbplats, self._mallar())
            avtryck = mkdocs_delbygge.avtryck(docs)
            överlägg = self._gör_om(grund, avtryck, docs)
            if överlägg is None:
                self.delbygge = Delbygge()
                bygg_webbplats(
                    förhandsvisning.webbplats,
                    site,
                    projekt.konfigfil(self.rot),
                    sidminne=projekt.cachemapp(self.rot) / "forhandsvisning" / site.parent.name,
                    delbygge=self.delbygge,
                    tidigare=self.läge.site,
                )
            else:
                site = self.läge.site
            self.grund, self.docs_avtryck = grund, avtryck
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
            överlägg or {},
        )
        sekunder = f"{time.perf_counter() - start:.1f}".replace(".", ",")
        if self.läge.fel:
            self.meddela(f"felen är rättade och sidorna tillbaka (byggt på {sekunder} s)")
        elif self.läge.site is None:
            saknas = om_dokumenten(nytt)
            self.meddela(f"klart på {sekunder} s" + (f"; {saknas}" if saknas else ""))
        elif överlägg is not None:
            sidor = self.omgjorda
            self.meddela(f"gjorde om {sidor} sid{'a' if sidor == 1 else 'or'} på {sekunder} s")
        else:
            self.meddela(f"byggt om på {sekunder} s; webbläsaren laddar om sidan")
        if överlägg is None and self.läge.site is not None:
            self._städa(int(self.läge.site.name.removeprefix("site-")))
        self._visa(nytt)
        if överlägg is not None:  # the search finds the edit a moment later
            self.sökindex.uppdatera(self._visa_index)

    def _gör_om(
        self, grund: tuple, avtryck: dict[str, bytes], docs: Path
    ) -> dict[str, Path] | None:
        """The pages of the shown site made again, when the edit changed only a few files
        (no file came or went, and neither the navigation, the settings nor the templates
        changed): the pages converted and rendered again, other files copied as they are;
        with those made before. None: build everything."""
        if self.läge.site is None or self.läge.fel is not None or grund != self.grund:
            return None
        ändrade = [v for v, summa in avtryck.items() if self.docs_avtryck.get(v) != summa]
        if avtryck.keys() != self.docs_avtryck.keys() or len(ändrade) > MAX_OMGJORDA:
            return None
        if self.delbygge is None:
            return None
        ut = self.arbetsmapp / f"del-{self.byggen}"
        sidor = [v for v in ändrade if v.endswith(".md")]
        try:
            nya = self.delbygge.gör_om(sidor, ut)
        except Exception:  # anything the engine did not expect: the full build says what
            return None
        if nya is None:
            return None
        self.omgjorda = len(nya)
        for väg in ändrade:  # other files (a document made or gone out of date) as they are
            if not väg.endswith(".md"):
                (ut / väg).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(docs / väg, ut / väg)
                nya[väg] = ut / väg
        return {**self.läge.överlägg, **nya}

    def _mallar(self) -> tuple:
        """What the site engine reads besides the pages: mkdocs.yml and the templates."""
        return (stat(self.rot / "mkdocs.yml"), *stat_under(projekt.mallar(self.rot)))

    def _fel(self, rader: tuple[str, ...], vad: str) -> None:
        for rad in rader:
            if rad not in self.skrivet:
                print(rad, file=sys.stderr, flush=True)
        self.skrivet = set()  # errors are printed again after every save until they are fixed
        self.meddela(
            f"{vad}; varje sida i förhandsgranskningen visar dem tills de är rättade "
            "och laddas om av sig själv när du sparar"
        )
        self._visa(Läge(self._version(), self.läge.site, rader))

    def _visa(self, läge: Läge) -> None:
        with self.nytt_läge:
            self.läge = läge
            self.nytt_läge.notify_all()

    def _visa_index(self, indexerat: Läge, med_index: Läge) -> None:
        """The search index made again for the shown pages: no reload for it."""
        with self.nytt_läge:
            if self.läge is indexerat:
                self.läge = med_index

    def vänta_på_ny(self, version: str, sekunder: float = VÄNTA) -> str:
        """The shown version once it differs from ``version``, or after ``sekunder``."""
        with self.nytt_läge:
            self.nytt_läge.wait_for(lambda: self.läge.version != version, sekunder)
            return self.läge.version

    def _skriv(self, diagnoser) -> None:
        """Warnings and reminders once, not again on every save; errors always."""
        rader = [str(d) for d in sorted(set(diagnoser))]
        for rad in rader:
            if rad not in self.skrivet:
                print(rad, file=sys.stderr, flush=True)
        self.skrivet = set(rader)

    def _städa(self, behåll: int) -> None:
        """Folders of builds older than ``behåll`` (the one shown until now, which may still
        be read) go."""
        städa(self.arbetsmapp, ("site", "del"), behåll)

    def bevaka(self, stopp: threading.Event) -> None:
        """Build now and again after every change to the sources, until ``stopp``."""
        shutil.rmtree(self.arbetsmapp, ignore_errors=True)
        händelser = Händelser([self.rot / "content", projekt.mallar(self.rot)])
        avtryck = self.avtryck()
        try:
            with genereringsminne.påslaget():  # what each save made is kept for the next
                osamlade = 0  # builds since the last collection
                while not stopp.is_set():
                    with sopor.utan_samling():  # the page waits for this
                        self.bygg()
                    osamlade += 1
                    if osamlade >= OSAMLADE:  # saves without a pause: collect all the same
                        sopor.samla()
                        osamlade = 0
                    klart = time.monotonic()
                    nytt = avtryck
                    while not stopp.is_set() and nytt == avtryck:
                        händelser.vänta(INTERVALL)  # at once when a file event comes
                        nytt = self.avtryck()
                        paus = time.monotonic() - klart >= SAMLA_EFTER
                        if osamlade and paus and nytt == avtryck:  # the page has reloaded
                            sopor.samla()
                            osamlade = 0
                    self.sökindex.avbryt()  # stale now, and the build needs the processor
                    while not stopp.is_set():  # a save is often several writes: let them settle
                        stopp.wait(0.05)
                        if (senaste := self.avtryck()) == nytt:
                            break
                        nytt = senaste
                    avtryck = nytt
                    if not stopp.is_set():
                        self.meddela("ändrat i källorna; bygger om …")
        finally:
            händelser.stoppa()

    def avtryck(self) -> tuple:
        """Every source's path, size and modification time: what a change changes."""
        return self._mallar() + stat_under(self.rot / "content")

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
        fil = läge.överlägg.get(fil.relative_to(läge.site).as_posix(), fil)
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
        return i_body(data, notis(läge).encode(), omladdning(läge.version).encode())

    def serva(self, port: int) -> ThreadingHTTPServer:
        förhandsvisning = self

        class Hanterare(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                self._svara(med_kropp=True)

            def do_HEAD(self) -> None:  # noqa: N802
                self._svara(med_kropp=False)

            def _svara(self, med_kropp: bool) -> None:
                delar = urlsplit(self.path)
                sökväg = unquote(delar.path)
                efter = parse_qs(delar.query).get("efter")
                if sökväg == VERSIONSADRESS and efter:  # the page waits for a newer build
                    förhandsvisning.vänta_på_ny(efter[0])
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


def _typ(fil: Path) -> str:
    if fil.suffix in (".js", ".mjs"):
        return "application/javascript"
    typ = mimetypes.guess_type(fil.name)[0] or "application/octet-stream"
    return (
        f"{typ}; charset=utf-8" if typ.startswith("text/") or typ.endswith(("json", "xml")) else typ
    )
