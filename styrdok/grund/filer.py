"""Files written safely and folders summed: the one atomic write, the one folder hash."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def skriv_atomiskt(ut: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    ut = Path(ut)
    ut.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{ut.name}.", dir=ut.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, ut)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def katalogsumma(katalog: Path) -> str:
    """A sha256 over every file's relative path and content (not __pycache__)."""
    h = hashlib.sha256()
    for fil in sorted(
        p for p in katalog.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        h.update(fil.relative_to(katalog).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(fil.read_bytes()).digest())
    return h.hexdigest()
