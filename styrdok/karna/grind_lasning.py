"""The gate's files read in parallel (``karna/grind``): by processes, one per core, when
there are many (reading HTML and PDF is Python work, which threads do not share), else by
threads; what each reader read is kept in the gate's memory (``grind_minne.Minne``) as if
it had been read in the build's own process."""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna.grind_minne import Fynd, Minne
from styrdok.karna.rendering import dö_med_föräldern

PROCESSER_FRÅN = 200
"""Files to read from which they are read by processes (one per core: reading HTML and PDF
is Python work, which threads do not share) rather than threads."""


def läs_alla(minne: Minne, filer: list[Path]) -> list[list[Fynd]]:
    """Each file's findings (:meth:`Minne.granska`), read in parallel; what was read is
    remembered in ``minne`` as if it had been read here.

    The processes are plain ones, each with a pipe of its own whose writing end only it
    holds, not a ``ProcessPoolExecutor``: what a reader sends (the texts it read) is large,
    and a reader killed midway through sending it (a build stopped by a signal kills every
    process it started, ``grund/avbrott``) left the pool's thread waiting for the rest of
    the message for ever, since the pool's own process holds that pipe's writing end too;
    the build, shutting the pool down on its way out, waited for that thread. Here the
    build's own thread receives, and a reader that dies is an end of file."""
    kärnor = min(os.cpu_count() or 1, 4)
    if kärnor < 2 or len(filer) < PROCESSER_FRÅN or multiprocessing.parent_process() is not None:
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(minne.granska, filer))
    delar = [filer[i::kärnor] for i in range(kärnor)]  # every kärnor-th: sizes spread evenly
    kontext = multiprocessing.get_context("fork")
    läsare: list[tuple[Connection, multiprocessing.process.BaseProcess]] = []
    try:
        for del_ in delar:
            mottagare, sändare = kontext.Pipe(duplex=False)
            process = kontext.Process(target=_läsare, args=(sändare, minne, del_), daemon=True)
            process.start()
            sändare.close()  # the reader's alone: its death is an end of file here
            läsare.append((mottagare, process))
        lästa = [_svar(mottagare) for mottagare, _ in läsare]
    finally:
        for mottagare, process in läsare:
            process.kill()  # done once it has sent; on the way out, stopped where it is
            process.join()
            mottagare.close()
    fynd: dict[Path, list[Fynd]] = {}
    for del_, (del_fynd, noder, texter, identiteter) in zip(delar, lästa, strict=True):
        fynd.update(zip(del_, del_fynd, strict=True))
        minne.noder.update(noder)
        minne.texter.nya.update(texter)
        minne.använda.update(noder)
        minne.använda_identiteter.update(identiteter)
    return [fynd[fil] for fil in filer]


def _svar(mottagare: Connection):
    """What one reader sent: its part's findings, or the error it met, raised here."""
    try:
        lyckades, svar = mottagare.recv()
    except EOFError:
        raise StyrdokFel(
            "grinden kunde inte läsa allt som ska publiceras: en av processerna som läser "
            "webbplatsernas filer dog oväntat (slut på minne?); kör styrdok build igen"
        ) from None
    if not lyckades:
        raise svar
    return svar


def _läsare(sändare: Connection, minne: Minne, filer: list[Path]) -> None:
    """A reading process, forked with the build's memory: sends ``(True, its part's
    findings)``, or ``(False, the error)``."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the build cleans up; a reader just stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    dö_med_föräldern()  # a killed build leaves no reader behind
    try:
        svar = (True, _läs_del(minne, filer))
    except Exception as fel:  # a bug: raised in the build, as if read there
        svar = (False, fel)
    try:
        sändare.send(svar)
    except Exception as fel:  # the error could not be sent as it is
        sändare.send((False, RuntimeError(repr(fel))))


def _läs_del(minne: Minne, filer: list[Path]) -> tuple[list[list[Fynd]], dict, dict, dict]:
    """In a reading process: the files' findings, and what the parent's memory needs of it
    (the artefacts used, the texts read, the files' identities)."""
    minne.använda.clear()
    minne.använda_identiteter.clear()
    minne.texter.nya.clear()
    fynd = [minne.granska(fil) for fil in filer]
    noder = {n: minne.noder[n] for n in minne.använda}
    return fynd, noder, minne.texter.nya, dict(minne.använda_identiteter)
