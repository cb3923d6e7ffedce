"""Files written safely and folders summed: the one atomic write, the one folder hash."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel


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


def mallkatalog(mallar: Path, format: str) -> Path:
    """The folder with one format's templates.

    ``mallar`` is normally the templates root (holding ``pdf/`` and ``word/``);
    a path that already is the format's folder is accepted too, so callers that
    pass ``templates/pdf`` directly do not break.
    """
    mallar = Path(mallar)
    if (mallar / format).is_dir():
        return mallar / format
    if mallar.name == format and mallar.is_dir():
        return mallar
    raise StyrdokFel(f"mallkatalogen för {format} saknas: {mallar / format}", mallar / format)


def skriv_mappen(rot: Path, filer: dict[str, bytes]) -> None:
    """Make the folder ``rot`` (a build folder of styrdok's own) hold exactly ``filer``
    (relative path → bytes): a file whose bytes are already there is left as it is (its
    time too, so whatever reads the folder next sees what changed), every other file is
    written, and files and folders not among them are removed. Paths are refused as by
    :func:`skriv_under`."""
    try:
        _skriv_mappen(rot, filer)
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        # a file where a folder must be, or the other way round: start from an empty folder
        shutil.rmtree(rot, ignore_errors=True)
        _skriv_mappen(rot, filer)


def _skriv_mappen(rot: Path, filer: dict[str, bytes]) -> None:
    rot.mkdir(parents=True, exist_ok=True)
    verklig = rot.resolve()
    mappar: dict[Path, bool] = {}
    for väg, data in filer.items():
        mål = verklig / väg
        if Path(väg).is_absolute() or ".." in Path(väg).parts:
            raise StyrdokFel(f"internt fel: {väg} ligger utanför {rot.name}/ och skrivs inte")
        if mål.parent not in mappar:
            mål.parent.mkdir(parents=True, exist_ok=True)
            mappar[mål.parent] = mål.parent.resolve().is_relative_to(verklig)
        if not mappar[mål.parent]:
            raise StyrdokFel(f"internt fel: {väg} ligger utanför {rot.name}/ och skrivs inte")
        try:
            if (
                not mål.is_symlink()
                and mål.stat().st_size == len(data)
                and mål.read_bytes() == data
            ):
                continue
        except OSError:
            pass
        if mål.is_symlink() or mål.is_dir():
            _ta_bort(mål)
        mål.write_bytes(data)
    behåll = {verklig / väg for väg in filer}
    for katalog, underkataloger, namn in os.walk(verklig, topdown=False):
        k = Path(katalog)
        for n in namn + [u for u in underkataloger if (k / u).is_symlink()]:
            if k / n not in behåll:
                (k / n).unlink()
        if k != verklig and not any(k.iterdir()):
            k.rmdir()


def _ta_bort(sökväg: Path) -> None:
    if sökväg.is_dir() and not sökväg.is_symlink():
        shutil.rmtree(sökväg)
    else:
        sökväg.unlink()


def skriv_under(rot: Path, väg: str, data: bytes) -> Path:
    """Write ``data`` at the relative path ``väg`` below ``rot`` (a build or staging folder),
    refusing any path that would leave it (``..``, an absolute path, a symlink out)."""
    rot = rot.resolve()
    mål = (rot / väg).resolve()
    if Path(väg).is_absolute() or ".." in Path(väg).parts or not mål.is_relative_to(rot):
        raise StyrdokFel(f"internt fel: {väg} ligger utanför {rot.name}/ och skrivs inte")
    mål.parent.mkdir(parents=True, exist_ok=True)
    mål.write_bytes(data)
    return mål
