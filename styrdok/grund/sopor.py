"""Python's cycle collector in a one-shot ``styrdok`` command: what a build has read lives
to its end, and need not be looked at again and again.

A full collection looks at every object the process holds. After one edit at 1,000
documents the build process made four of them, 0.29 s in all, and each site's process,
forked from it, one more of ~0.09 s over the objects it inherited (measured).
:func:`frys` takes every object alive now out of the collector's sight (``gc.freeze``,
what Python's documentation advises before a fork without exec). They are still freed by
reference counting as before; only a cycle among them that becomes garbage is kept until
the process ends, which for a command that ends with its build is moments later.

A site's process freezes again what the site engine made that lives to its end: its files
and pages once it has them (``mkdocs_sidcache``, on the navigation), and everything once the
pages are written, before the indexing (``mkdocs_adapter``). Else Python made one full
collection over them in each site's process after an edit at 1,000 documents, 0.06-0.16 s
(measured with the collector's own callbacks; 0.02 s of collections in all per site after).
A cold build still collects the garbage the conversions leave. On a machine with one core
the sites are built one after the other in the command's process, where the first site's
engine state is then kept to the end too.

So it acts only in a process that :func:`engångsprocess` marked, the console command
(``cli.kommando``): never in ``styrdok serve``, which would keep every cycle of every
build it makes, nor in a test suite that calls the build in its own process. The preview
instead builds without automatic collections (:func:`utan_samling`) and collects once the
saves pause (:func:`samla`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_ENGÅNGS = False


def engångsprocess() -> None:
    """This process runs one command and ends: :func:`frys` may act."""
    global _ENGÅNGS
    _ENGÅNGS = True


def frys() -> None:
    """Every object alive now out of the cycle collector's sight, in a one-shot process."""
    if _ENGÅNGS:
        gc.freeze()


@contextlib.contextmanager
def utan_samling() -> Iterator[None]:
    """No automatic collection while the block runs, in a long-lived process (``styrdok
    serve``'s build after a save: a full collection over the preview's state took ~0.09 s
    every other save at 1,000 documents, measured, inside the time the page waits for);
    the garbage it leaves is collected by :func:`samla` when there is time."""
    på = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if på:
            gc.enable()


def samla() -> None:
    """A full collection now, while nobody waits (what :func:`utan_samling` left)."""
    gc.collect()
