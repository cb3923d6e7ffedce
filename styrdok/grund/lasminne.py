"""Sources read once per content: a source file whose bytes are unchanged is not parsed and
validated again, within one process (``styrdok serve`` rebuilds after every save) and, kept
in ``build/cache/`` (:func:`från_disk`, :func:`till_disk`), between runs of ``styrdok check``
and ``build``. What its reading reported is reported again, so every run lists every problem.

The file on disk is a pickle: only styrdok itself writes it, under the project's own
``build/`` (which also runs the project's own hooks), and it is used only when it was made by
exactly this code (a hash of every module of styrdok) and Python; otherwise it is ignored.

What a reading may depend on besides the file's own bytes goes into the key (``nyckel``);
a text with an image (``![``) is always read again, because an image check looks at other
files. Only what the reading function returns is kept: it must not be changed afterwards
(the models are frozen; a caller builds its own objects around them).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from styrdok.grund.diagnostik import Diagnos, Rapport
from styrdok.grund.filer import filsumma, glöm_summor, skriv_atomiskt

T = TypeVar("T")

_MINNE: dict[tuple[str, Hashable], tuple[bytes, object, tuple[Diagnos, ...]]] = {}
"""(path, key) → (the file's hash, what reading it returned, what reading it reported);
one entry per file and key, replaced when the file changes."""
_LÅS = threading.Lock()
_BILD = b"!["
_ANVÄNDA: set[tuple[str, Hashable]] = set()
"""The entries this run asked for: what is written to disk (no file that has gone)."""
_FRÅN_DISK: dict[tuple[str, Hashable], bytes] = {}
"""What the disk held when it was read: written again only when something differs."""
FIL = "lasminne.pickle"
_BILDER: dict[str, bool] = {}
"""Within a process: whether a file held an image when it was last read."""
_LÄSTA: set[Path] = set()


def läst(fil: Path, nyckel: Hashable, rapport: Rapport, läs: Callable[[Rapport], T]) -> T:
    """``läs(rapport)``, or what it returned the last time ``fil`` held the same bytes."""
    summa = _summa(fil)
    if summa is None:
        return läs(rapport)
    plats = (str(fil), nyckel)
    with _LÅS:
        _ANVÄNDA.add(plats)
        post = _MINNE.get(plats)
    if post is not None and post[0] == summa:
        rapport.utöka(post[2])
        return post[1]  # type: ignore[return-value]
    egen = Rapport()
    värde = läs(egen)
    with _LÅS:
        _MINNE[plats] = (summa, värde, tuple(egen.diagnoser))
    rapport.utöka(egen.diagnoser)
    return värde


def _summa(fil: Path) -> bytes | None:
    """A hash of the file's bytes (``grund/filer.filsumma``: within a process, not read again
    while its size, time and inode are unchanged); None for a text with an image, or a file
    that cannot be read (the reader says why)."""
    try:
        innehåll: list[bytes] = []
        värde = filsumma(fil, innehåll)
    except OSError:
        return None
    if innehåll:
        bild = _BILD in innehåll[0]
        with _LÅS:
            _BILDER[str(fil)] = bild
    else:
        bild = _BILDER.get(str(fil), True)
    return None if bild else värde


def glöm() -> None:
    """Forget everything (tests; a new project in the same process needs no call)."""
    with _LÅS:
        _MINNE.clear()
        _BILDER.clear()
        glöm_summor()
        _ANVÄNDA.clear()
        _FRÅN_DISK.clear()
        _LÄSTA.clear()


def från_disk(katalog: Path) -> None:
    """Take what an earlier run kept in ``katalog`` (none of it when the code differs); once
    per process and folder."""
    if katalog in _LÄSTA:
        return
    _LÄSTA.add(katalog)
    try:
        with open(katalog / FIL, "rb") as f:
            kod, poster = pickle.load(f)
    except Exception:  # missing, broken or from other code: reading the sources again is right
        return
    if kod != _kodsumma() or not isinstance(poster, dict):
        return
    with _LÅS:
        for plats, post in poster.items():
            _MINNE.setdefault(plats, post)
            _FRÅN_DISK[plats] = post[0]


def till_disk(katalog: Path) -> None:
    """Keep the sources this run read in ``katalog``, when they differ from what it held."""
    with _LÅS:
        poster = {p: _MINNE[p] for p in _ANVÄNDA if p in _MINNE}
        _ANVÄNDA.clear()
    if {p: post[0] for p, post in poster.items()} == _FRÅN_DISK:
        return
    try:
        data = pickle.dumps((_kodsumma(), poster), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something a reader returned cannot be kept: only costs time
        return
    try:
        skriv_atomiskt(katalog / FIL, data)
    except OSError:
        return
    _FRÅN_DISK.clear()
    _FRÅN_DISK.update({p: post[0] for p, post in poster.items()})


_KOD: list[bytes] = []


def _kodsumma() -> bytes:
    """A hash of every module of styrdok and of the Python version: the code that reads."""
    if not _KOD:
        rot = Path(__file__).resolve().parents[1]
        h = hashlib.blake2b(sys.version.encode(), digest_size=16)
        for katalog, underkataloger, namn in os.walk(rot):
            underkataloger.sort()
            for n in sorted(namn):
                if n.endswith(".py"):
                    h.update(n.encode() + (Path(katalog) / n).read_bytes())
        _KOD.append(h.digest())
    return _KOD[0]
