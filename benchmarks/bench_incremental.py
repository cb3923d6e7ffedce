#!/usr/bin/env python3
"""Incremental build and peak memory, on a generated corpus (default 1,000 documents).

    python benchmarks/bench_incremental.py [--antal 1000]

In one run, on a fresh corpus:
  1. the sites: cold `styrdok build --bara-webbplatser` (empty cache), then three times
     one sentence appended to one document's body (another each time) and the same
     command again; the median of the three (target: warm/cold ≤ 0.10);
  2. everything: cold `styrdok build` with site/ and build/ moved aside (sites, every PDF
     and Word file, the cache empty as after --från-början, which would remove it just
     before the build, benchmarks/undan.py), then three times an edit to another document
     and `styrdok build` again; the median (target: warm/cold ≤ 0.05; exactly that
     document's PDF and Word file made again);
  3. three edits to documents only the intranet has, and three builds with no edit (the
     medians; no target: what a site none of whose inputs changed costs).
Every process runs with Python's bytecode cache on, as in an installed styrdok (a
PYTHONDONTWRITEBYTECODE in the calling shell is not passed on).
It also reports the peak memory of the cold full build's whole process tree, sampled every
0.1 s from /proc (target < 1.5 GB). Results also go to benchmarks/out/incremental.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HÄR = Path(__file__).resolve().parent
sys.path.insert(0, str(HÄR))
import generate_corpus  # noqa: E402
from undan import undan  # noqa: E402

UT = HÄR / "out"


def träd_rss(rot_pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (from /proc)."""
    barn: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for post in os.listdir("/proc"):
        if not post.isdigit():
            continue
        try:
            with open(f"/proc/{post}/stat") as f:
                fält = f.read().rsplit(")", 1)[1].split()
            barn.setdefault(int(fält[1]), []).append(int(post))
            rss[int(post)] = int(fält[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    summa, kö = 0, [rot_pid]
    while kö:
        pid = kö.pop()
        summa += rss.get(pid, 0)
        kö.extend(barn.get(pid, []))
    return summa


def kör(kommando: list[str]) -> tuple[float, int, str]:
    """Run, timing it and sampling the process tree's memory; returns (s, peak bytes, stderr)."""
    start = time.perf_counter()
    miljö = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    process = subprocess.Popen(
        kommando, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=miljö
    )
    topp = [0]
    klar = threading.Event()

    def mät() -> None:
        while not klar.is_set():
            topp[0] = max(topp[0], träd_rss(process.pid))
            klar.wait(0.1)

    mätare = threading.Thread(target=mät, daemon=True)
    mätare.start()
    _, stderr = process.communicate()
    klar.set()
    mätare.join()
    if process.returncode != 0:
        sys.exit(f"misslyckades: {' '.join(kommando)}\n{stderr[-3000:]}")
    return time.perf_counter() - start, topp[0], stderr


def styrdok() -> list[str]:
    return (
        [shutil.which("styrdok")] if shutil.which("styrdok") else [sys.executable, "-m", "styrdok"]
    )


def redigera(mapp: Path, nummer: int, bara_intranät: bool = False) -> str:
    """Append a sentence to one document's body (with ``bara_intranät``, one the public
    site does not have); returns its path in the project."""
    dokument = sorted((mapp / "content" / "styrdokument").rglob("*.md"))
    if bara_intranät:
        dokument = [d for d in dokument if "publicering: intranät" in d.read_text("utf-8")]
    offer = dokument[len(dokument) // 2 + nummer]
    text = offer.read_text(encoding="utf-8")
    offer.write_text(
        text + f"\nEn mening ({nummer}) som lagts till för att mäta ett inkrementellt bygge.\n",
        encoding="utf-8",
    )
    return offer.relative_to(mapp).as_posix()


def main() -> int:
    tolk = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    tolk.add_argument("--antal", type=int, default=1000, help="antal dokument (standard 1000)")
    args = tolk.parse_args()
    mapp = UT / f"inkrementell-{args.antal}"
    undan(mapp)  # removed at the end: inodes freed just before a cold build slow it
    generate_corpus.generera(args.antal, mapp)
    bas = styrdok() + ["-C", str(mapp), "build"]
    webb_kall, _, _ = kör(bas + ["--bara-webbplatser"])
    webb_tider = []
    for nummer in (0, 10, 20):
        webb_ändrat = redigera(mapp, nummer)
        webb_tider.append(kör(bas + ["--bara-webbplatser"])[0])
    webb_varm = statistics.median(webb_tider)
    for del_ in ("site", "build"):  # cold, as --från-början, but nothing removed before it
        undan(mapp / del_)
    kall_s, topp, _ = kör(bas)
    tider = []
    for nummer in (1, 11, 21):
        offer = redigera(mapp, nummer)
        sekunder, _, stderr = kör(bas)
        tider.append(sekunder)
    varm_s = statistics.median(tider)
    omgjorda = re.findall(r"skapade (\S+) \(", stderr)
    intern_tider, oförändrat_tider = [], []
    for nummer in (0, 1, 2):
        redigera(mapp, nummer, bara_intranät=True)
        intern_tider.append(kör(bas)[0])
    for _ in range(3):
        oförändrat_tider.append(kör(bas)[0])
    intern_s, oförändrat_s = statistics.median(intern_tider), statistics.median(oförändrat_tider)
    resultat = {
        "antal": args.antal,
        "webbplatser_kall_s": round(webb_kall, 2),
        "webbplatser_varm_s": round(webb_varm, 2),
        "webbplatser_varma_s": [round(t, 2) for t in webb_tider],
        "webbplatser_kvot": round(webb_varm / webb_kall, 3),
        "webbplatser_ändrat_dokument": webb_ändrat,
        "kall_s": round(kall_s, 2),
        "varm_s": round(varm_s, 2),
        "varma_s": [round(t, 2) for t in tider],
        "kvot": round(varm_s / kall_s, 3),
        "bara_intranät_s": round(intern_s, 2),
        "bara_intranät_tider_s": [round(t, 2) for t in intern_tider],
        "oförändrat_s": round(oförändrat_s, 2),
        "oförändrat_tider_s": [round(t, 2) for t in oförändrat_tider],
        "topp_minne_mb": round(topp / 2**20),
        "ändrat_dokument": offer,
        "omgjorda": omgjorda,
        "maskin": {"kärnor": os.cpu_count(), "last": os.getloadavg()},
    }
    UT.mkdir(exist_ok=True)
    (UT / "incremental.json").write_text(
        json.dumps(resultat, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print("| dokument | bygge | kallt | efter en ändring | kvot | mål |")
    print("|---:|---|---:|---:|---:|---:|")
    print(
        f"| {args.antal} | webbplatserna (--bara-webbplatser) | {webb_kall:.1f} s | "
        f"{webb_varm:.1f} s | {webb_varm / webb_kall:.3f} | ≤ 0,10 |"
    )
    print(
        f"| {args.antal} | allt (webbplatser, PDF, Word) | {kall_s:.1f} s | {varm_s:.1f} s | "
        f"{varm_s / kall_s:.3f} | ≤ 0,05 |"
    )
    print(
        f"| {args.antal} | allt, ändring i ett dokument bara på intranätet | {kall_s:.1f} s | "
        f"{intern_s:.1f} s | {intern_s / kall_s:.3f} | – |"
    )
    print(
        f"| {args.antal} | allt, ingen ändring | {kall_s:.1f} s | {oförändrat_s:.1f} s | "
        f"{oförändrat_s / kall_s:.3f} | – |"
    )
    print(f"\ntoppminne, kallt bygge av allt: {topp / 2**20:.0f} MB (mål < 1 536 MB)")
    print(f"omgjorda efter ändringen av {offer}: {omgjorda}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
