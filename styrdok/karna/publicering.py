"""Atomic publishing: build everything into a staging folder, then swap it in.

``site/`` is only ever replaced whole, by two renames. A failed or interrupted build
leaves it exactly as it was; a build interrupted between the two renames is
repaired by the next run (``återställ``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NY = ".site-ny"
GAMMAL = ".site-gammal"


def återställ(rot: Path) -> None:
    """Repair what an interrupted run left: put the old site back, drop half-built output."""
    site, gammal, ny = rot / "site", rot / GAMMAL, rot / NY
    if gammal.exists() and not site.exists():
        os.replace(gammal, site)
    for rest in (gammal, ny):
        if rest.exists():
            shutil.rmtree(rest)


@contextmanager
def ensam(rot: Path) -> Iterator[None]:
    """One build at a time per project: a second one waits for the first."""
    (rot / "build").mkdir(exist_ok=True)
    with open(rot / "build" / ".bygglås", "w") as lås:
        try:
            fcntl.flock(lås, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "styrdok: ett annat bygge pågår i samma projekt; väntar på att det blir klart …",
                file=sys.stderr,
            )
            fcntl.flock(lås, fcntl.LOCK_EX)
        yield


@contextmanager
def stegvis(rot: Path) -> Iterator[Path]:
    """Yield a fresh staging folder; on normal exit the caller calls :func:`publicera`.
    On any exception (and on SIGTERM) the staging folder is removed and ``site/`` is untouched."""
    with ensam(rot):
        yield from _stegvis(rot)


def _stegvis(rot: Path) -> Iterator[Path]:
    återställ(rot)
    ny = rot / NY
    ny.mkdir(parents=True)
    tidigare = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _avbryt)
    try:
        yield ny
    finally:
        signal.signal(signal.SIGTERM, tidigare)
        if ny.exists():
            shutil.rmtree(ny, ignore_errors=True)


def publicera(rot: Path, ny: Path) -> None:
    """Swap the staging folder in as ``site/``. SIGTERM is held off for the two renames."""
    site, gammal = rot / "site", rot / GAMMAL
    tidigare = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        if site.exists():
            os.replace(site, gammal)
        os.replace(ny, site)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, tidigare)
    shutil.rmtree(gammal, ignore_errors=True)


def _avbryt(signum, frame):  # noqa: ARG001 - signal handler signature
    raise KeyboardInterrupt("avbruten (SIGTERM)")
