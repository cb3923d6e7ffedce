"""Sources read once per content: within one process (``styrdok serve`` rebuilds after every
save), a source file whose bytes are unchanged is not parsed and validated again. What its
reading reported is reported again, so every build still lists every problem.

What a reading may depend on besides the file's own bytes goes into the key (``nyckel``);
a text with an image (``![``) is always read again, because an image check looks at other
files. Only what the reading function returns is kept: it must not be changed afterwards
(the models are frozen; a caller builds its own objects around them).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from styrdok.grund.diagnostik import Diagnos, Rapport

T = TypeVar("T")

_MINNE: dict[tuple[str, Hashable], tuple[bytes, object, tuple[Diagnos, ...]]] = {}
"""(path, key) → (the file's hash, what reading it returned, what reading it reported);
one entry per file and key, replaced when the file changes."""
_LÅS = threading.Lock()
_BILD = b"!["


def läst(fil: Path, nyckel: Hashable, rapport: Rapport, läs: Callable[[Rapport], T]) -> T:
    """``läs(rapport)``, or what it returned the last time ``fil`` held the same bytes."""
    try:
        innehåll = fil.read_bytes()
    except OSError:  # the reader says what is wrong, in Swedish, at its position
        return läs(rapport)
    if _BILD in innehåll:
        return läs(rapport)
    summa = hashlib.blake2b(innehåll, digest_size=16).digest()
    plats = (str(fil), nyckel)
    with _LÅS:
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


def glöm() -> None:
    """Forget everything (tests; a new project in the same process needs no call)."""
    with _LÅS:
        _MINNE.clear()
