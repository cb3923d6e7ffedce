#!/usr/bin/env python3
"""`styrdok serve`: from saving a document to the page showing the edit, in a real browser.

    python benchmarks/bench_serve.py [--sizes 100,1000] [--redigeringar 5]

For each size N, in one run:
  1. the corpus (generate_corpus.py, seed 1) and the same pages as a plain mkdocs-material
     project (bench_sites.gör_plain); the plain project's cold `mkdocs build` is timed;
  2. `styrdok serve` is started on the corpus and Chromium (Playwright, /usr/bin/chromium)
     opens one document's page;
  3. --redigeringar times, PAUS seconds apart: a sentence with a fresh marker is appended
     to that document's source; timed from the write until the page in the browser shows
     the marker (the page reloads itself when the server has a newer build). Shown is
     when the browser painted the page with the marker: its first contentful paint, from
     the browser's own performance timeline (timeOrigin is wall-clock time, as is the
     write's). Playwright learns that the edit arrived from the reloaded page's load event
     and its text (that time, ~0.05 s after the paint, is reported beside it); it does not
     poll the page for the text, which took CPU from the build on 2 cores and saw the
     text 0.15-0.3 s after the paint at 1,000 documents (measured).
Reported: the median save → shown time, its ratio to plain mkdocs' cold build of the same
pages (target ≤ 0.05 at 1,000 documents) and the ratio between the sizes (target: at
1,000 at most twice the time at 100). Results also go to benchmarks/out/serve.json.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HÄR = Path(__file__).resolve().parent
sys.path.insert(0, str(HÄR))
import bench_sites  # noqa: E402
import generate_corpus  # noqa: E402

UT = HÄR / "out"
CHROMIUM = "/usr/bin/chromium"
PAUS = 4.0
"""Seconds between the edits, as between a person's saves: the preview makes its search
index again in the background once edits pause (forhandsvisning_sok.VILA), and that has
finished before the next edit."""


def fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vänta_på_sidan(url: str, gräns: float) -> float:
    """Seconds until ``url`` answers 200 (the first build is done)."""
    start = time.perf_counter()
    while time.perf_counter() - start < gräns:
        try:
            with urllib.request.urlopen(url, timeout=2) as svar:
                if svar.status == 200:
                    return time.perf_counter() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} svarade inte inom {gräns:g} s")


def mät_storlek(n: int, redigeringar: int) -> dict:
    from playwright.sync_api import sync_playwright

    projekt, plain = UT / f"serve-{n}", UT / f"serve-{n}-plain"
    generate_corpus.generera(n, projekt, 1)
    bench_sites.gör_plain(projekt, plain)
    mkdocs = bench_sites.kör([sys.executable, "-m", "mkdocs", "build", "-q"], plain, 1800)
    port = fri_port()
    server = subprocess.Popen(
        [*bench_sites.styrdok_kommando(), "-C", str(projekt), "serve", "--port", str(port)],
        env=bench_sites.miljö(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tider: list[float] = []
    sedda: list[float] = []  # when Playwright saw the text
    källa, text = None, ""
    try:
        första = vänta_på_sidan(f"http://127.0.0.1:{port}/", 600)
        källa, url = offentligt_dokument(projekt, port, n)
        text = källa.read_text(encoding="utf-8")
        with sync_playwright() as p:
            webbläsare = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            sida = webbläsare.new_page()
            sida.goto(url)
            time.sleep(1)
            for i in range(redigeringar):
                markör = f"Markör{i}x{time.monotonic_ns()}"
                källa.write_text(f"{text}\n\nEn ändring: {markör}.\n", encoding="utf-8")
                start, skrivet = time.perf_counter(), time.time()
                # each reload's load event, until the page has the marker: events, not polling
                # the page (Playwright's text selector polls it, and the CPU that takes is
                # the build's on 2 cores: it put ~0.2 s on each edit at 1,000 documents)
                while True:
                    sida.wait_for_event("load", timeout=120_000)
                    if markör in sida.content():
                        break
                sedda.append(time.perf_counter() - start)
                målat = sida.evaluate(MÅLAT)  # the page now shown is the one with the marker
                tider.append(målat / 1000 - skrivet if målat else sedda[-1])
                time.sleep(PAUS)
            webbläsare.close()
    finally:
        if källa is not None:
            källa.write_text(text, encoding="utf-8")
        server.terminate()
        server.wait(10)
    return {
        "dokument": n,
        "mkdocs_kallt_s": mkdocs["sekunder"],
        "mkdocs_kod": mkdocs["kod"],
        "forsta_bygget_s": round(första, 3),
        "spara_till_visat_s": [round(t, 3) for t in tider],
        "median_s": round(statistics.median(tider), 3),
        "playwright_ser_texten_s": [round(t, 3) for t in sedda],
        "playwright_median_s": round(statistics.median(sedda), 3),
    }


MÅLAT = """() => {
    const målat = performance.getEntriesByName('first-contentful-paint')[0];
    return målat ? performance.timeOrigin + målat.startTime : null;
}"""
"""Wall-clock time (ms) when the page shown was first painted, or null."""


def offentligt_dokument(projekt: Path, port: int, n: int) -> tuple[Path, str]:
    """A document in the middle of the corpus whose page the public site has."""
    filer = sorted((projekt / "content" / "styrdokument").rglob("*.md"))
    for källa in filer[n // 2 :] + filer[: n // 2]:
        väg = källa.relative_to(projekt / "content").with_suffix("").as_posix()
        url = f"http://127.0.0.1:{port}/{väg}/"
        try:
            with urllib.request.urlopen(url, timeout=2) as svar:
                if svar.status == 200:
                    return källa, url
        except urllib.error.URLError:
            continue
    raise SystemExit("ingen dokumentsida på webbplatsen")


def main() -> int:
    tolk = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    tolk.add_argument("--sizes", default="100,1000")
    tolk.add_argument("--redigeringar", type=int, default=5)
    a = tolk.parse_args()
    UT.mkdir(exist_ok=True)
    resultat = [mät_storlek(int(n), a.redigeringar) for n in a.sizes.split(",")]
    print(
        "| dokument | spara → visat (median) | Playwright ser texten | vanlig mkdocs, kallt bygge "
        "| kvot (mål ≤ 0,05) |"
    )
    print("|---:|---:|---:|---:|---:|")
    for r in resultat:
        kvot = r["median_s"] / r["mkdocs_kallt_s"]
        print(
            f"| {r['dokument']} | {r['median_s']:.2f} s | {r['playwright_median_s']:.2f} s "
            f"| {r['mkdocs_kallt_s']:.1f} s | {kvot:.3f} |"
        )
    if len(resultat) >= 2:
        växt = resultat[-1]["median_s"] / resultat[0]["median_s"]
        print(
            f"\n{resultat[-1]['dokument']} mot {resultat[0]['dokument']} dokument: {växt:.2f}× (mål ≤ 2)"
        )
    (UT / "serve.json").write_text(
        json.dumps(resultat, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
