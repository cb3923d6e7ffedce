#!/usr/bin/env python3
"""Time styrdok's check and site build against plain mkdocs-material on the same pages.

    python benchmarks/bench_sites.py [--sizes 100,1000] [--repeat 1] [--only-plain]

For each size N a corpus is generated (generate_corpus.py, seed 1) into
benchmarks/out/corpus-N, and in the same run these are timed, each as a fresh
process with time.perf_counter around it:

  check   styrdok -C DIR check                      (must exit 0)
  build   styrdok -C DIR build --bara-webbplatser   (DIR/site/public + DIR/site/intranet; must exit 0)
  plain   mkdocs build -q in DIR-plain: every document body at the same path under
          docs/, front matter replaced by "# titel", an index.md, and a minimal
          mkdocs.yml (material, language sv, search lang sv, no nav: what a plain
          mkdocs user gets)

Every repeat starts from a freshly generated corpus and empty output folders, so
all runs are cold; the table shows the best of --repeat runs. Results also go to
benchmarks/out/sites.json. Exit status: 0 all commands succeeded (targets missed
are reported, not failures), 1 a command failed, 2 styrdok is not installed.

Targets: check < 2 s at N=1000 and >= 20x faster than plain mkdocs (judged at
N=1000); build <= plain mkdocs (every size); build(1000) <= 12 x build(100).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

HÄR = Path(__file__).resolve().parent
REPO = HÄR.parent
sys.path.insert(0, str(HÄR))
import generate_corpus  # noqa: E402
from undan import undan  # noqa: E402

UT = HÄR / "out"
MÅL_CHECK_S = 2.0
MÅL_CHECK_FAKTOR = 20.0
MÅL_LINJÄRITET = 12.0
MINSTA_MKDOCS_YML = """\
site_name: Ekviks kommun – styrdokument
theme:
  name: material
  language: sv
plugins:
  - search:
      lang: sv
"""


def styrdok_kommando() -> list[str]:
    """The installed console script, else the package run from this repository."""
    skript = shutil.which("styrdok")
    return [skript] if skript else [sys.executable, "-m", "styrdok"]


def miljö() -> dict[str, str]:
    """The environment of every timed command: bytecode cached, as in an installed tool."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _text(x: str | bytes | None) -> str:
    return x.decode(errors="replace") if isinstance(x, bytes) else (x or "")


def kör(kommando: list[str], cwd: Path, timeout: float) -> dict:
    """Run one command; its wall time, exit code and output."""
    start = time.perf_counter()
    try:
        p = subprocess.run(
            kommando, cwd=cwd, env=miljö(), capture_output=True, text=True, timeout=timeout
        )
        kod, ut, fel = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        kod, ut, fel = -1, _text(e.stdout), f"timeout efter {timeout:g} s\n{_text(e.stderr)}"
    sekunder = time.perf_counter() - start
    return {
        "kommando": kommando,
        "cwd": str(cwd),
        "sekunder": round(sekunder, 3),
        "kod": kod,
        "stdout": ut,
        "stderr": fel,
        "varningar": sum(": varning:" in rad for rad in (ut + fel).splitlines()),
    }


def styrdok_finns() -> tuple[bool, str]:
    p = subprocess.run(
        styrdok_kommando() + ["--help"], cwd=REPO, env=miljö(), capture_output=True, text=True
    )
    return p.returncode == 0, (p.stdout + p.stderr).strip()


def gör_plain(projekt: Path, plain: Path) -> int:
    """The same Markdown pages as a plain mkdocs project; returns the page count."""
    undan(plain)  # removed at exit, not just before the builds (benchmarks/undan.py)
    docs = plain / "docs"
    docs.mkdir(parents=True)
    innehåll = projekt / "content"
    sidor = 0
    for fil in sorted(innehåll.glob("styrdokument/**/*.md")):
        front, text = generate_corpus.dela_front_matter(fil.read_text(encoding="utf-8"))
        titel = yaml.safe_load(front)["titel"]
        mål = docs / fil.relative_to(innehåll)
        mål.parent.mkdir(parents=True, exist_ok=True)
        mål.write_text(f"# {titel}\n\n{text}", encoding="utf-8")
        sidor += 1
    (docs / "index.md").write_text(
        "# Ekviks kommun – styrdokument\n\nKommunens styrdokument.\n", encoding="utf-8"
    )
    (plain / "mkdocs.yml").write_text(MINSTA_MKDOCS_YML, encoding="utf-8")
    return sidor + 1


def räkna_html(mapp: Path) -> int:
    return sum(1 for _ in mapp.rglob("*.html")) if mapp.is_dir() else 0


def ett_varv(n: int, seed: int, bara_plain: bool, timeout: float) -> dict:
    """One cold run of every leg at size n."""
    projekt, plain = UT / f"corpus-{n}", UT / f"corpus-{n}-plain"
    undan(projekt)
    start = time.perf_counter()
    korpus = generate_corpus.generera(n, projekt, seed)
    korpus["sekunder"] = round(time.perf_counter() - start, 3)
    sidor = gör_plain(projekt, plain)
    varv: dict = {"korpus": korpus}
    if not bara_plain:
        sd = styrdok_kommando()
        varv["check"] = kör(sd + ["-C", str(projekt), "check"], REPO, timeout)
        varv["build"] = kör(sd + ["-C", str(projekt), "build", "--bara-webbplatser"], REPO, timeout)
        varv["build"]["html_public"] = räkna_html(projekt / "site" / "public")
        varv["build"]["html_intranet"] = räkna_html(projekt / "site" / "intranet")
    varv["plain"] = kör([sys.executable, "-m", "mkdocs", "build", "-q"], plain, timeout)
    varv["plain"]["sidor"] = sidor
    varv["plain"]["html"] = räkna_html(plain / "site")
    return varv


def misslyckade(varv: dict) -> list[str]:
    return [ben for ben in ("check", "build", "plain") if ben in varv and varv[ben]["kod"] != 0]


def skriv_fel(n: int, ben: str, r: dict) -> None:
    print(f"\n!!! N={n} {ben}: exit {r['kod']}: {' '.join(r['kommando'])}", file=sys.stderr)
    for namn in ("stdout", "stderr"):
        if r[namn].strip():
            print(f"--- {namn}:\n{r[namn].rstrip()}", file=sys.stderr)


def fmt(x: float | None, d: int = 2) -> str:
    return "–" if x is None else f"{x:.{d}f}"


def kvot(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def sammanställ(resultat: dict[int, list[dict]]) -> dict:
    """Best-of-repeat times per size, the ratios and whether each target is met."""
    rader = {}
    for n, varv in resultat.items():
        bäst = {}
        for ben in ("check", "build", "plain"):
            tider = [v[ben]["sekunder"] for v in varv if ben in v and v[ben]["kod"] == 0]
            bäst[ben] = min(tider) if tider else None
            if not tider and any(ben in v for v in varv):
                bäst.setdefault("misslyckade", []).append(ben)
        bäst["plain/check"] = kvot(bäst["plain"], bäst["check"])
        bäst["build/plain"] = kvot(bäst["build"], bäst["plain"])
        rader[n] = bäst
    mål = {}
    if 1000 in rader and rader[1000]["check"] is not None:
        mål["check(1000) < 2 s"] = rader[1000]["check"] < MÅL_CHECK_S
        mål["plain/check(1000) >= 20"] = rader[1000]["plain/check"] >= MÅL_CHECK_FAKTOR
    for n, r in rader.items():
        if r["build/plain"] is not None:
            mål[f"build({n}) <= plain({n})"] = r["build/plain"] <= 1.0
    linjär = {}
    if 100 in rader and 1000 in rader:
        for ben in ("check", "build", "plain"):
            linjär[ben] = kvot(rader[1000][ben], rader[100][ben])
        if linjär["build"] is not None:
            mål["build(1000)/build(100) <= 12"] = linjär["build"] <= MÅL_LINJÄRITET
    return {"rader": rader, "linjäritet_1000_100": linjär, "mål": mål}


def tabell(s: dict, repeat: int) -> str:
    rader = [
        f"Best of {repeat} cold run(s); seconds of wall time per command.",
        "",
        "| N | check s | build (sites) s | plain mkdocs s | ratio plain/check | ratio build/plain |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in sorted(s["rader"].items()):

        def cell(ben: str, r: dict = r) -> str:
            return "FAILED" if ben in r.get("misslyckade", []) else fmt(r[ben])

        rader.append(
            f"| {n} | {cell('check')} | {cell('build')} | {cell('plain')} "
            f"| {fmt(r['plain/check'], 1)} | {fmt(r['build/plain'])} |"
        )
    rader.append("| **target** | < 2 s at 1000 | ≤ plain | – | ≥ 20 at 1000 | ≤ 1.00 |")
    lin = s["linjäritet_1000_100"]
    if lin:
        rader += [
            "",
            f"Linearity time(1000)/time(100): build {fmt(lin['build'])} (target ≤ {MÅL_LINJÄRITET:g}); "
            f"check {fmt(lin['check'])}; plain mkdocs {fmt(lin['plain'])}.",
        ]
    if s["mål"]:
        rader += ["", "Targets:"] + [
            f"- {'OK  ' if ok else 'MISS'} {namn}" for namn, ok in s["mål"].items()
        ]
    return "\n".join(rader)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--sizes", default="100,1000", help="comma-separated corpus sizes (default 100,1000)"
    )
    p.add_argument(
        "--repeat", type=int, default=1, help="cold runs per size; the best is reported (default 1)"
    )
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    p.add_argument(
        "--only-plain",
        action="store_true",
        help="time only the plain mkdocs leg (no styrdok needed)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=1800,
        help="seconds before one command is killed (default 1800)",
    )
    p.add_argument(
        "--json",
        type=Path,
        default=UT / "sites.json",
        help="where to write results (default benchmarks/out/sites.json)",
    )
    a = p.parse_args(argv)
    storlekar = [int(x) for x in a.sizes.split(",") if x.strip()]
    if not storlekar or min(storlekar) < 1 or a.repeat < 1:
        p.error("--sizes needs positive integers and --repeat >= 1")

    if not a.only_plain:
        ok, text = styrdok_finns()
        if not ok:
            print(
                f"styrdok is not runnable ({' '.join(styrdok_kommando())} --help failed):\n{text}\n"
                "Install it, or use --only-plain.",
                file=sys.stderr,
            )
            return 2
    UT.mkdir(parents=True, exist_ok=True)
    resultat: dict[int, list[dict]] = {}
    fel = False
    for n in storlekar:
        resultat[n] = []
        for i in range(a.repeat):
            print(f"N={n} run {i + 1}/{a.repeat} ...", file=sys.stderr, flush=True)
            varv = ett_varv(n, a.seed, a.only_plain, a.timeout)
            resultat[n].append(varv)
            for ben in misslyckade(varv):
                fel = True
                skriv_fel(n, ben, varv[ben])
            print(
                "  "
                + ", ".join(
                    f"{ben} {varv[ben]['sekunder']:.2f} s"
                    for ben in ("check", "build", "plain")
                    if ben in varv
                ),
                file=sys.stderr,
                flush=True,
            )

    s = sammanställ(resultat)
    print(tabell(s, a.repeat))
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(
        json.dumps(
            {
                "miljö": {
                    "python": sys.version.split()[0],
                    "plattform": platform.platform(),
                    "cpu": os.cpu_count(),
                    "mkdocs": _version("mkdocs"),
                    "mkdocs-material": _version("mkdocs-material"),
                    "styrdok": None if a.only_plain else " ".join(styrdok_kommando()),
                    "tid": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "belastning_1_5_15_min_vid_slut": os.getloadavg(),
                },
                "inställningar": {
                    "storlekar": storlekar,
                    "repeat": a.repeat,
                    "seed": a.seed,
                    "only_plain": a.only_plain,
                },
                "mål": {
                    "check_s_vid_1000": MÅL_CHECK_S,
                    "plain_per_check_vid_1000": MÅL_CHECK_FAKTOR,
                    "build_per_plain": 1.0,
                    "build_1000_per_100": MÅL_LINJÄRITET,
                },
                "sammanfattning": {
                    "rader": {str(n): r for n, r in s["rader"].items()},
                    "linjäritet_1000_100": s["linjäritet_1000_100"],
                    "uppfyllda_mål": s["mål"],
                },
                "körningar": {str(n): [_kortad(v) for v in varv] for n, varv in resultat.items()},
            },
            ensure_ascii=False,
            indent=2,
            default=str,
        ),
        encoding="utf-8",
    )
    print(
        f"\nLoad average at the end (1/5/15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} CPUs; other work on the machine inflates the times.",
        file=sys.stderr,
    )
    print(f"Results: {a.json}", file=sys.stderr)
    return 1 if fel else 0


def _kortad(varv: dict, högst: int = 20000) -> dict:
    """A run for the JSON file: command output cut to its last characters."""
    kopia = {}
    for ben, r in varv.items():
        kopia[ben] = {
            k: (v[-högst:] if k in ("stdout", "stderr") and isinstance(v, str) else v)
            for k, v in r.items()
        }
    return kopia


def _version(paket: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(paket)
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
