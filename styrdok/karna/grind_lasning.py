"""The gate's files read in parallel (``karna/grind``): by processes, one per core, when
there are many (reading HTML and PDF is Python work, which threads do not share), else by
threads; what each reader read is kept in the gate's memory (``grind_minne.Minne``) as if
it had been read in the build's own process."""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from styrdok.karna.grind_minne import Fynd, Minne
from styrdok.karna.rendering import dö_med_föräldern

PROCESSER_FRÅN = 200
"""Files to read from which they are read by processes (one per core: reading HTML and PDF
is Python work, which threads do not share) rather than threads."""
_ARBETSMINNE: list[Minne] = []
"""The memory a reading process was forked with."""


def läs_alla(minne: Minne, filer: list[Path]) -> list[list[Fynd]]:
    """Each file's findings (:meth:`Minne.granska`), read in parallel; what was read is
    remembered in ``minne`` as if it had been read here."""
    kärnor = min(os.cpu_count() or 1, 4)
    if kärnor < 2 or len(filer) < PROCESSER_FRÅN or multiprocessing.parent_process() is not None:
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(minne.granska, filer))
    _ARBETSMINNE[:] = [minne]
    delar = [filer[i::kärnor] for i in range(kärnor)]  # every kärnor-th: sizes spread evenly
    try:
        with ProcessPoolExecutor(
            kärnor, mp_context=multiprocessing.get_context("fork"), initializer=_arbetare
        ) as pool:
            lästa = list(pool.map(_läs_del, delar))
    finally:
        _ARBETSMINNE.clear()
    fynd: dict[Path, list[Fynd]] = {}
    for del_, (del_fynd, noder, texter, identiteter) in zip(delar, lästa, strict=True):
        fynd.update(zip(del_, del_fynd, strict=True))
        minne.noder.update(noder)
        minne.texter.nya.update(texter)
        minne.använda.update(noder)
        minne.använda_identiteter.update(identiteter)
    return [fynd[fil] for fil in filer]


def _arbetare() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the build cleans up; a reader just stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    dö_med_föräldern()  # a killed build leaves no reader waiting for work


def _läs_del(filer: list[Path]) -> tuple[list[list[Fynd]], dict, dict, dict]:
    """In a reading process: the files' findings, and what the parent's memory needs of it
    (the artefacts used, the texts read, the files' identities)."""
    minne = _ARBETSMINNE[0]
    minne.använda.clear()
    minne.använda_identiteter.clear()
    minne.texter.nya.clear()
    fynd = [minne.granska(fil) for fil in filer]
    noder = {n: minne.noder[n] for n in minne.använda}
    return fynd, noder, minne.texter.nya, dict(minne.använda_identiteter)
