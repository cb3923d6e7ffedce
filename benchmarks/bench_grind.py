"""What the publish gate costs: cold full builds of the example (both sites, every PDF and
Word file), with the gate and with it switched off, alternating, in one run.

    .venv/bin/python benchmarks/bench_grind.py [--gånger 3]

Prints the median of each and the gate's share of a full build (target: at most 10 %), and
the gate alone on the last build, with an empty cache each time: a steadier figure when
other work shares the machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from styrdok import bygg
from styrdok.grund.diagnostik import Rapport
from styrdok.karna import grind

PROJEKT = Path(__file__).resolve().parent.parent


def ett_bygge(med_grind: bool, grindtider: list[float] | None = None) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        rot = Path(tmp)
        for namn in ("content", "templates", "hooks"):
            shutil.copytree(PROJEKT / namn, rot / namn)
        shutil.copy(PROJEKT / "mkdocs.yml", rot / "mkdocs.yml")
        original = grind.granska
        if not med_grind:
            grind.granska = lambda *_: None
        try:
            start = time.perf_counter()
            resultat = bygg.bygg(rot)
            tid = time.perf_counter() - start
        finally:
            grind.granska = original
        for _ in range(3 if grindtider is not None else 0):
            with tempfile.TemporaryDirectory() as cache:
                start = time.perf_counter()
                grind.granska(resultat.korpus, rot / "site", Path(cache), Rapport())
                grindtider.append(time.perf_counter() - start)
        return tid


def main() -> None:
    parser = argparse.ArgumentParser(description="Publiceringsgrindens kostnad i ett kallt bygge")
    parser.add_argument("--gånger", type=int, default=3)
    args = parser.parse_args()
    med, utan, grindtider = [], [], []
    for i in range(args.gånger):
        utan.append(ett_bygge(False))
        med.append(ett_bygge(True, grindtider if i == args.gånger - 1 else None))
    m, u = statistics.median(med), statistics.median(utan)
    g = statistics.median(grindtider)
    print(f"kallt bygge utan grind: {u:.2f} s, med grind: {m:.2f} s (median av {args.gånger})")
    print(f"grindens andel av bygget: {(m - u) / m:.1%} (mål: högst 10 %)")
    print(f"grinden ensam, tom cache: {g:.2f} s, {g / (u + g):.1%} av ett kallt bygge")


if __name__ == "__main__":
    main()
