"""What the publish gate costs: cold full builds of the example (both sites, every PDF and
Word file), with the gate and with it switched off, alternating, in one run.

    .venv/bin/python benchmarks/bench_grind.py [--gånger 3]

Prints the median of each and the gate's share of a full build (target: at most 10 %).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from styrdok import bygg
from styrdok.karna import grind

PROJEKT = Path(__file__).resolve().parent.parent


def ett_bygge(med_grind: bool) -> float:
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
            bygg.bygg(rot)
            return time.perf_counter() - start
        finally:
            grind.granska = original


def main() -> None:
    parser = argparse.ArgumentParser(description="Publiceringsgrindens kostnad i ett kallt bygge")
    parser.add_argument("--gånger", type=int, default=3)
    args = parser.parse_args()
    med, utan = [], []
    for _ in range(args.gånger):
        utan.append(ett_bygge(False))
        med.append(ett_bygge(True))
    m, u = statistics.median(med), statistics.median(utan)
    print(f"kallt bygge utan grind: {u:.2f} s, med grind: {m:.2f} s (median av {args.gånger})")
    print(f"grindens andel av bygget: {(m - u) / m:.1%} (mål: högst 10 %)")


if __name__ == "__main__":
    main()
