"""Folders moved aside by the benchmarks, not removed, until the benchmark ends.

On the machines these run on, ext4 has no journal, and the kernel then skips every inode
freed in the last minute when it hands out new ones: a build right after a tree was removed
(the previous run's corpus, site/, build/ or a render cache) was one to three seconds
slower, by a different amount each time. So what a benchmark would remove before it builds
is moved into a folder beside it (on the same file system) and that folder is removed when
the benchmark exits, after its measurements.
"""

from __future__ import annotations

import atexit
import shutil
import time
from pathlib import Path

_SKRÄP: dict[Path, Path] = {}
"""Each folder's parent → where what is moved out of it goes."""


def undan(mapp: Path) -> None:
    """``mapp`` (if it is there) moved into ``.undan`` beside it, removed at exit."""
    if not mapp.exists():
        return
    förälder = mapp.resolve().parent
    skräp = _SKRÄP.get(förälder)
    if skräp is None:
        skräp = _SKRÄP[förälder] = förälder / ".undan"
        skräp.mkdir(exist_ok=True)
        atexit.register(shutil.rmtree, skräp, ignore_errors=True)
    mapp.rename(skräp / f"{mapp.name}-{time.monotonic_ns()}")
