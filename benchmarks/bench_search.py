"""What the sites' search (Pagefind, styrdok/webb/sok.py) costs on a generated corpus: the
index's share of a cold build, its files, and the bytes a visitor downloads from a cold
cache until the first hits are shown, measured in Chromium.

    .venv/bin/python benchmarks/bench_search.py [--storlek 1000] [--ut benchmarks/out/sok]

Builds the corpus's sites cold (``styrdok build --bara-webbplatser``, a fresh process),
then indexes a copy of each built site once more alone, from nothing, to time the index
(the cold build includes that same work; the intranet's own pages, with the public
index taken in, as the build does), and another copy, one page edited, with that index as the
previous one (what a build after an edit does). Serves the public site on 127.0.0.1 (plain HTTP, no compression: what
is packed is packed by Pagefind itself) and, for each query, opens the search page in a
new browser context with an empty cache and sums the bytes of every response
(counted by the server as it sends them: part of Pagefind's files are fetched by a web
worker), split into the page itself and the search files (pagefind/); beside each, what
it is with gzip (level 6, as a web server sends text; Pagefind's own packed files as they
are). Prints a Markdown table and writes benchmarks/out/sok.json.
Last, with ``--väggtid N`` (default 3), cold builds with and without the search index, in
turn: what the index adds to the build's wall time, the two sites indexed side by side.
Targets: search bytes ≤ 300 kB per query, no search file over 1 MB, index ≤ 20 % of the
cold build.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

HÄR = Path(__file__).resolve().parent
ROT = HÄR.parent
sys.path.insert(0, str(ROT))
sys.path.insert(0, str(HÄR))

from undan import undan  # noqa: E402

from styrdok.karna.webbplats import ByggdBas  # noqa: E402
from styrdok.webb import sok, sok_sammanslagning  # noqa: E402

FRÅGOR = ("renhallning", "kanslichef", "tilläggsbelopp förskolan", "EKFS 2021:6", "BUN 2017/749")
CHROMIUM = "/usr/bin/chromium"


class _Räknande(SimpleHTTPRequestHandler):
    """Counts the bytes of every file it sends: Pagefind fetches part of its files from a
    web worker, which the page's own network events do not see."""

    skickat: list[tuple[str, int]] = []

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        packat = len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))
        self.skickat.append((self.path.split("?")[0], len(data), packat))


def bygg(storlek: int, ut: Path) -> float:
    undan(ut)
    subprocess.run(
        [sys.executable, str(HÄR / "generate_corpus.py"), str(storlek), str(ut), "--seed", "1"],
        check=True,
        capture_output=True,
    )
    styrdok = shutil.which("styrdok", path=str(Path(sys.executable).parent)) or "styrdok"
    start = time.perf_counter()
    subprocess.run([styrdok, "-C", str(ut), "build", "--bara-webbplatser"], check=True)
    return time.perf_counter() - start


UTAN_INDEX = """
import sys
from pathlib import Path
from styrdok.webb import sok, sok_sammanslagning

def inget(site, *args, **kwargs):
    (Path(site) / "pagefind").mkdir(exist_ok=True)

sok.indexera = sok_sammanslagning.indexera = inget
sys.argv[1:] = ["-C", sys.argv[1], "build", "--bara-webbplatser"]
from styrdok.cli import kommando
kommando()
"""
"""A build whose site processes make no search index (an empty folder in its place)."""


def väggtid(ut: Path, gånger: int) -> dict:
    """Cold builds of the corpus in ``ut``, with the search index and without it
    (:data:`UTAN_INDEX`), one of each in turn, ``gånger`` times: what the index adds to the
    build's wall time, as the two sites' processes make it side by side."""
    styrdok = shutil.which("styrdok", path=str(Path(sys.executable).parent)) or "styrdok"
    kommandon = {  # with the index last: --utan-bygge measures on what it leaves
        "utan": [sys.executable, "-c", UTAN_INDEX, str(ut)],
        "med": [styrdok, "-C", str(ut), "build", "--bara-webbplatser"],
    }
    tider: dict[str, list[float]] = {"med": [], "utan": []}
    for _ in range(gånger):
        for namn, kommando in kommandon.items():
            for mapp in ("site", "build"):
                undan(ut / mapp)
            start = time.perf_counter()
            subprocess.run(kommando, check=True, capture_output=True)
            tider[namn].append(round(time.perf_counter() - start, 2))
    skillnader = [m - u for m, u in zip(tider["med"], tider["utan"], strict=True)]
    med = statistics.median(tider["med"])
    return {
        **tider,
        "skillnad_median_s": round(statistics.median(skillnader), 2),
        "andel": round(statistics.median(skillnader) / med, 3) if med else None,
    }


def _ändra_en_sida(site: Path, publik: Path | None) -> None:
    """One sentence more in the text of one page of ``site`` (of the intranet: one the
    public site does not have), as a build after an edit to one document sees it."""
    for sida in sorted(site.rglob("index.html")):
        text = sida.read_text("utf-8")
        if "data-pagefind-body" not in text or sok.MAPP in sida.parts:
            continue
        if publik is not None and (publik / sida.relative_to(site)).exists():
            continue
        start = text.index(">", text.index("data-pagefind-body")) + 1
        sida.unlink()  # a link to the built site's file: not written into
        sida.write_text(text[:start] + "<p>En ny mening om snöröjning.</p>" + text[start:])
        return


def indexera(sajter: dict[str, Path]) -> dict[str, tuple[float, float]]:
    """Seconds to index a copy of each built site from nothing, as a cold build does, and
    another copy, with one page edited, with that index as the previous one, as a build
    after an edit does (since 2026-12-02 the previous index is then updated,
    webb/sok_uppdatering; before, the same copy without an edit was indexed again). The
    intranet as the build indexes it: its own pages, with the public copy's index taken in
    (webb/sok_sammanslagning; the public copy indexed first, as in the build)."""
    tider: dict[str, tuple[float, float]] = {}
    kopior: dict[str, list[Path]] = {}
    for namn, site in sajter.items():
        kopior[namn] = [site.with_name(site.name + "-kallt"), site.with_name(site.name + "-igen")]
        tider_ = []
        for kopia, tidigare in zip(kopior[namn], (None, kopior[namn][0]), strict=True):
            bas = kopior["public"][0] if namn == "intranet" else None
            undan(kopia)
            shutil.copytree(site, kopia, ignore=shutil.ignore_patterns(sok.MAPP))
            if tidigare is not None:
                _ändra_en_sida(kopia, sajter["public"] if namn == "intranet" else None)
            start = time.perf_counter()
            sok_sammanslagning.indexera(kopia, bas and ByggdBas(bas), tidigare=tidigare)
            tider_.append(time.perf_counter() - start)
        tider[namn] = (tider_[0], tider_[1])
    for par in kopior.values():
        for kopia in par:
            undan(kopia)
    return tider


def filer(site: Path) -> dict:
    mapp = site / sok.MAPP
    storlekar = {
        f.relative_to(mapp).as_posix(): f.stat().st_size for f in mapp.rglob("*") if f.is_file()
    }
    störst = max(storlekar, key=storlekar.get)
    return {
        "antal": len(storlekar),
        "totalt_kB": round(sum(storlekar.values()) / 1000, 1),
        "största": störst,
        "största_kB": round(storlekar[störst] / 1000, 1),
    }


def överföring(site: Path, frågor: tuple[str, ...]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Räknande, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bas = f"http://127.0.0.1:{server.server_address[1]}/"
    resultat = []
    try:
        with sync_playwright() as pw:
            webbläsare = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for fråga in frågor:
                kontext = webbläsare.new_context()
                flik = kontext.new_page()
                chromium: list = []  # every finished request, the worker's too
                kontext.on("requestfinished", lambda r, c=chromium: c.append(r))
                _Räknande.skickat.clear()
                start = time.perf_counter()
                flik.goto(bas + "sok/?q=" + quote(fråga))
                flik.wait_for_function(
                    "() => /träff/.test(document.querySelector('[data-styrdok-sok-status]')"
                    ".textContent)",
                    timeout=30_000,
                )
                tid = time.perf_counter() - start
                flik.wait_for_timeout(300)  # late responses still count
                per_fil = list(_Räknande.skickat)
                sökfiler = [p for p in per_fil if p[0].startswith(f"/{sok.MAPP}/")]
                träffar = flik.locator(".styrdok-sok__traffar li h2").all_inner_texts()
                resultat.append(
                    {
                        "fråga": fråga,
                        "träffar": flik.locator("[data-styrdok-sok-status]").inner_text(),
                        "första": träffar[:3],
                        "sök_kB": round(sum(p[1] for p in sökfiler) / 1000, 1),
                        "sök_gzip_kB": round(sum(p[2] for p in sökfiler) / 1000, 1),
                        "sidan_kB": round(sum(p[1] for p in per_fil) / 1000, 1),
                        "sidan_gzip_kB": round(sum(p[2] for p in per_fil) / 1000, 1),
                        "största_sökfil_kB": round(
                            max((p[1] for p in sökfiler), default=0) / 1000, 1
                        ),
                        "sökfiler": sorted(sökfiler, key=lambda p: -p[1]),
                        "förfrågningar": len(per_fil),
                        "chromium_sök_kB": _chromium_kB(chromium, f"/{sok.MAPP}/"),
                        "chromium_sidan_kB": _chromium_kB(chromium, "/"),
                        "sekunder": round(tid, 2),
                    }
                )
                kontext.close()
            webbläsare.close()
    finally:
        server.shutdown()
    return resultat


def _chromium_kB(förfrågningar: list, början: str) -> float:
    """What Chromium received (headers and body, Playwright's request.sizes(), the web
    worker's requests included) for the requests whose path starts with ``början``."""
    summa = 0
    for förfrågan in förfrågningar:
        if urlsplit(förfrågan.url).path.startswith(början):
            storlek = förfrågan.sizes()
            summa += storlek["responseBodySize"] + storlek["responseHeadersSize"]
    return round(summa / 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description="Sökningens kostnad på en genererad korpus")
    parser.add_argument("--storlek", type=int, default=1000)
    parser.add_argument("--ut", type=Path, default=HÄR / "out" / "sok")
    parser.add_argument(
        "--utan-bygge", action="store_true", help="mät på sajterna i --ut utan att bygga om"
    )
    parser.add_argument(
        "--väggtid",
        type=int,
        default=3,
        help="kalla byggen med och utan sökindex, omväxlande, så många gånger var (0: inga)",
    )
    args = parser.parse_args()
    kallt = float("nan") if args.utan_bygge else bygg(args.storlek, args.ut)
    sajter = {namn: args.ut / "site" / namn for namn in ("public", "intranet")}
    tider = indexera(sajter)
    index = {namn: kallt_igen[0] for namn, kallt_igen in tider.items()}
    indextid = sum(index.values())
    igen = {namn: kallt_igen[1] for namn, kallt_igen in tider.items()}
    data = {
        "storlek": args.storlek,
        "kallt_bygge_s": round(kallt, 2),
        "index_s": {k: round(v, 2) for k, v in index.items()},
        "index_andel": round(indextid / kallt, 3),
        "index_igen_s": {k: round(v, 2) for k, v in igen.items()},
        "filer": {namn: filer(site) for namn, site in sajter.items()},
        "frågor": överföring(sajter["public"], FRÅGOR),
        "frågor_intranät": överföring(sajter["intranet"], FRÅGOR),
    }
    if args.väggtid:  # last: it builds the corpus's sites again
        data["väggtid"] = väggtid(args.ut, args.väggtid)
        print(
            f"väggtid: ett kallt bygge tar {data['väggtid']['skillnad_median_s']} s längre med "
            f"sökindex än utan (median av {args.väggtid}; med {data['väggtid']['med']} s, utan "
            f"{data['väggtid']['utan']} s) = {100 * data['väggtid']['andel']:.0f} % (mål ≤ 20 %)"
        )
    print(
        f"\n{args.storlek} dokument: kallt bygge {kallt:.1f} s, Pagefind {indextid:.1f} s "
        f"(publik {index['public']:.1f} s + intranät {index['intranet']:.1f} s) = "
        f"{100 * data['index_andel']:.0f} % av bygget (mål ≤ 20 %); med förra indexet "
        f"{sum(igen.values()):.1f} s (publik {igen['public']:.1f} s + intranät "
        f"{igen['intranet']:.1f} s)"
    )
    for namn, f in data["filer"].items():
        print(
            f"{namn}: {f['antal']} sökfiler, {f['totalt_kB']} kB, största {f['största']} "
            f"{f['största_kB']} kB (mål ≤ 1000 kB)"
        )
    print(
        "\n| fråga | träffar | första träffen | sökfiler kB: Chromium, servern (gzip) "
        "| hela sidan kB: Chromium, servern (gzip) | största fil kB | s |"
    )
    print("|---|---|---|---:|---:|---:|---:|")
    for r in data["frågor"]:
        print(
            f"| {r['fråga']} | {r['träffar']} | {(r['första'] or ['–'])[0]} "
            f"| {r['chromium_sök_kB']}, {r['sök_kB']} ({r['sök_gzip_kB']}) "
            f"| {r['chromium_sidan_kB']}, {r['sidan_kB']} ({r['sidan_gzip_kB']}) "
            f"| {r['största_sökfil_kB']} | {r['sekunder']} |"
        )
    intra = data["frågor_intranät"]
    print(
        f"\nintranätet (två index: sitt eget och webbplatsens): sökfilerna "
        f"{min(r['sök_gzip_kB'] for r in intra)}–{max(r['sök_gzip_kB'] for r in intra)} kB "
        f"med gzip, första träffarna efter {min(r['sekunder'] for r in intra)}–"
        f"{max(r['sekunder'] for r in intra)} s"
    )
    (HÄR / "out").mkdir(exist_ok=True)
    (HÄR / "out" / "sok.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
