"""Skärmbilder av allt styrdok gör, för att titta på det: varje sidtyp på webbplatsen och
intranätet i 1280 och 390 pixlars bredd, och första sidan av varje slags dokument.

    python scripts/skarmbilder.py                 # använder site/ om den finns, annars byggs den
    python scripts/skarmbilder.py --bygg          # kör styrdok build först
    python scripts/skarmbilder.py -C ../forsby    # ett annat projekt

Bilderna hamnar i build/skarmbilder/ (PNG) och skriptet skriver ut vilka filer det gjorde.
Sidorna visas i Debians chromium (headless, styrd med Python-paketet playwright; kör aldrig
`playwright install`), Word-filerna görs till PDF med LibreOffice (soffice) och PDF-filernas
första sida till PNG med pdftoppm -r 70. Båda webbplatserna visas av en lokal webbserver på
127.0.0.1; inget hämtas från nätet.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
BREDDER = {1280: 900, 390: 844}
SÖKORD = "renhållning"
VARIANTER = {"publik": "public", "intranat": "intranet"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-C", "--katalog", type=Path, default=ROT, help="projektets katalog")
    parser.add_argument("--bygg", action="store_true", help="kör styrdok build först")
    args = parser.parse_args()
    rot = args.katalog.resolve()
    ut = rot / "build" / "skarmbilder"
    saknas = [v for v in ("soffice", "pdftoppm") if shutil.which(v) is None]
    if not CHROMIUM.exists():
        saknas.append(str(CHROMIUM))
    if saknas:
        sys.exit(
            f"skarmbilder: saknas: {', '.join(saknas)} (Debianpaketen chromium, libreoffice, poppler-utils)"
        )
    if args.bygg or not _byggt(rot):
        print("skarmbilder: bygger med styrdok build …", file=sys.stderr, flush=True)
        körning = subprocess.run([sys.executable, "-m", "styrdok", "-C", str(rot), "build"])
        if körning.returncode != 0:
            sys.exit("skarmbilder: bygget misslyckades")
    shutil.rmtree(ut, ignore_errors=True)
    ut.mkdir(parents=True)
    filer = sidor(rot, ut) + dokument(rot, ut)
    for fil in filer:
        print(fil.relative_to(rot))
    print(f"skarmbilder: {len(filer)} bilder i {ut.relative_to(rot)}/", file=sys.stderr)
    return 0


def _byggt(rot: Path) -> bool:
    site = rot / "site"
    return all((site / m / "index.html").is_file() for m in VARIANTER.values()) and any(
        (site / "public" / "filer").rglob("*.docx")
    )


# --- the sites ---------------------------------------------------------------------


def sidlista(site: Path, variant: str) -> list[tuple[str, str]]:
    """(namn, sökväg) for every page type this site has, found in the built site."""

    def första(mönster: str) -> str | None:
        for fil in sorted(site.glob(mönster)):
            if fil.parent != site / mönster.split("/")[0]:  # not the kind's own index page
                return fil.relative_to(site).as_posix().removesuffix("index.html")
        return None

    def kfs(status: str) -> str | None:
        try:
            register = json.loads((site / "forfattningssamling" / "register.json").read_text())
        except (OSError, ValueError):
            return None
        for post in register:
            if post.get("status") == status and post.get("url"):
                väg = urlsplit(post["url"]).path.lstrip("/")
                if (site / väg / "index.html").is_file():
                    return väg
        return None

    kandidater = [
        ("start", ""),
        ("register", "forfattningssamling/"),
        ("kfs-post", kfs("gällande")),
        ("kfs-andrad", kfs("ändrad")),
        ("styrdokument", första("styrdokument/*/*/index.html")),
        ("dokumenttyper", "styrdokument/"),
        ("kvalitetsgarantier", "kvalitetsgarantier/"),
        ("kvalitetsgaranti", första("kvalitetsgarantier/*/index.html")),
        ("mal", "mal/"),
        ("malomrade", första("mal/omraden/*/index.html")),
        ("mal-mal", första("mal/mal/*/index.html")),
        ("namndmal", första("mal/namnder/*/index.html")),
        ("rapport", första("mal/rapporter/*/index.html")),
        ("indikator", första("mal/indikatorer/*/index.html")),
        ("sammantraden", "sammantraden/"),
        ("sammantrade", första("sammantraden/*/*/index.html")),
        ("arshjul", "arshjul/"),
        ("ledning-och-styrning", "ledning-och-styrning/" if variant == "intranat" else None),
        ("404", "finns-inte/"),
    ]
    return [(namn, väg) for namn, väg in kandidater if väg is not None]


def sidor(rot: Path, ut: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    filer = []
    with sync_playwright() as pw:
        webbläsare = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        for variant, mapp in VARIANTER.items():
            site = rot / "site" / mapp
            server = _server(site)
            bas = f"http://127.0.0.1:{server.server_address[1]}/"
            try:
                for bredd, höjd in BREDDER.items():
                    kontext = webbläsare.new_context(
                        viewport={"width": bredd, "height": höjd},
                        locale="sv-SE",
                        service_workers="block",
                    )
                    kontext.route(lambda url, bas=bas: not url.startswith(bas), lambda r: r.abort())
                    flik = kontext.new_page()
                    for namn, väg in sidlista(site, variant):
                        flik.goto(bas + väg, wait_until="load")
                        flik.wait_for_timeout(300)
                        fil = ut / f"{variant}-{namn}-{bredd}.png"
                        flik.screenshot(path=str(fil), full_page=True)
                        filer.append(fil)
                    flik.goto(bas + "sok/?q=" + SÖKORD, wait_until="load")
                    _sök(flik)
                    fil = ut / f"{variant}-sok-{SÖKORD}-{bredd}.png"
                    flik.screenshot(path=str(fil))
                    filer.append(fil)
                    kontext.close()
            finally:
                server.shutdown()
                server.server_close()
        webbläsare.close()
    return filer


def _sök(flik) -> None:
    """The search page (sok/?q=…) with its hits shown: wait until they are announced."""
    flik.locator(".styrdok-sok__traffar li").first.wait_for(state="visible", timeout=15_000)
    flik.wait_for_function(
        "() => /träff/.test(document.querySelector('[data-styrdok-sok-status]').textContent)"
    )
    flik.wait_for_timeout(300)


class _Hanterare(http.server.SimpleHTTPRequestHandler):
    """A missing page answers with the site's 404.html and status 404, as a web server would."""

    def send_error(self, code, message=None, explain=None):
        sida = Path(self.directory) / "404.html"
        if code != 404 or not sida.is_file():
            return super().send_error(code, message, explain)
        data = sida.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return None

    def log_message(self, format, *args):  # noqa: A002, ARG002
        pass


def _server(site: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Hanterare, directory=str(site))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- the documents -----------------------------------------------------------------

DOKUMENT = (
    ("styrdokument", "styrdokument/**/*"),
    ("kallelse", "sammantraden/**/kallelse"),
    ("kvalitetsgaranti", "kvalitetsgarantier/*"),
    ("malrapport", "mal/rapporter/*"),
)


def dokument(rot: Path, ut: Path) -> list[Path]:
    """The first page of each kind of document, as PDF and as Word (made PDF by LibreOffice)."""
    filer = []
    källa = rot / "site" / "public" / "filer"
    with tempfile.TemporaryDirectory() as tmp:
        for namn, mönster in DOKUMENT:
            pdf = next(iter(sorted(källa.glob(f"{mönster}.pdf"))), None)
            if pdf is None:
                continue
            filer.append(_första_sidan(pdf, ut / f"dokument-{namn}-pdf"))
            docx = pdf.with_suffix(".docx")
            if docx.is_file():
                mapp = Path(tmp) / namn
                subprocess.run(
                    ["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless",
                     "--convert-to", "pdf", "--outdir", str(mapp), str(docx)],
                    check=True, capture_output=True, timeout=300,
                )  # fmt: skip
                filer.append(_första_sidan(mapp / f"{docx.stem}.pdf", ut / f"dokument-{namn}-word"))
    return filer


def _första_sidan(pdf: Path, prefix: Path) -> Path:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    return prefix.with_suffix(".png")


if __name__ == "__main__":
    sys.exit(main())
