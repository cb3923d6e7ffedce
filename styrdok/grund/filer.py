"""Files written safely and folders summed: the one atomic write, the one folder hash."""

from __future__ import annotations

import contextlib
import filecmp
import hashlib
import json
import os
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

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


OSÄKER_TID_NS = 2_000_000_000
"""A file modified within this long (2 s: a file system's coarsest clock tick, FAT's) of
being hashed is hashed again next time: as git does, since a change within the same tick
would not change its time."""


def säker_gräns() -> int:
    """Files modified before this time (ns since the epoch) may be told by their size, time
    and inode from now on; one modified since is read again next time (``OSÄKER_TID_NS``)."""
    return time.time_ns() - OSÄKER_TID_NS


_SUMMOR: dict[str, tuple[tuple[int, int, int, int], bytes]] = {}
_SUMMOR_LÅS = threading.Lock()


def läs_minne(fil: Path | None, hel: Callable[[object], bool]) -> dict[str, Any]:
    """A record kept in the build's cache between builds, a JSON object: its entries that
    ``hel`` accepts; {} when there is none or it is broken (a lost cache only costs time)."""
    if fil is None:
        return {}
    try:
        poster = json.loads(fil.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(poster, dict):
        return {}
    return {nyckel: post for nyckel, post in poster.items() if hel(post)}


def summa(data: bytes) -> bytes:
    """The hash of bytes that :func:`filsumma` gives for a file holding them."""
    return hashlib.blake2b(data, digest_size=16).digest()


def filtillstånd(s: os.stat_result) -> tuple[int, int, int, int]:
    """What tells a file from its earlier self without reading it: size, time, inode and
    device (a write or an editor's save changes the time; an atomic replace the inode)."""
    return (s.st_size, s.st_mtime_ns, s.st_ino, s.st_dev)


def filläge(fil: Path | str) -> list[int] | None:
    """A file's :func:`filtillstånd` as kept in a record in the build's cache (a list, as
    JSON has it); None when there is none."""
    try:
        return list(filtillstånd(os.stat(fil)))
    except OSError:
        return None


def som_känt(läge: list[int] | None, gräns: int) -> list[int] | bool | None:
    """``läge`` as a record keeps it: False (never equal to a file's) for a file written
    since ``gräns`` (:func:`säker_gräns`), which a change in the same tick would not show."""
    return False if läge is not None and läge[1] >= gräns else läge


def filsumma(fil: Path | str, innehåll: list[bytes] | None = None) -> bytes:
    """:func:`summa` of the file's bytes; within a process a file whose size, time and inode
    are as when it was last hashed is not read again (a write or an editor's save changes
    its time). ``innehåll``: where the bytes are appended when they had to be read. Raises
    OSError."""
    s = os.stat(fil)
    tillstånd = filtillstånd(s)
    if (känd := _SUMMOR.get(str(fil))) is not None and känd[0] == tillstånd:
        return känd[1]
    data = Path(fil).read_bytes()
    if innehåll is not None:
        innehåll.append(data)
    värde = summa(data)
    if s.st_mtime_ns < säker_gräns():
        with _SUMMOR_LÅS:
            _SUMMOR[str(fil)] = (tillstånd, värde)
    return värde


def platssumma(väg: str) -> str:
    """A path summed: what is kept of a file's place where its name may not be (the public
    copy's record of the intranet documents it left out)."""
    return hashlib.sha256(väg.encode("utf-8", "surrogateescape")).hexdigest()


def tillstånd_under(mapp: Path) -> dict[str, str]:
    """Every file under ``mapp`` in path order, by :func:`platssumma` of its path: its size,
    time and inode (a link followed), nothing read. A file modified within
    ``OSÄKER_TID_NS`` gets a mark that no later call gives again, as does one that cannot
    be read: a change in the same tick would not change its time. Hidden files and folders
    (a name starting with a dot: an editor's backups) and ``~`` backups are left out, as
    sources are (``grund/sokvag.källfiler``)."""
    gräns = säker_gräns()
    tillstånd: dict[str, str] = {}
    for katalog, mappar, namn in os.walk(mapp):
        mappar[:] = sorted(m for m in mappar if not m.startswith("."))
        for n in sorted(namn):
            if n.startswith(".") or n.endswith("~"):
                continue
            väg = os.path.join(katalog, n)
            try:
                st = os.stat(väg)
                post = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_dev}"
                if st.st_mtime_ns >= gräns:
                    post += f":osäker:{os.urandom(8).hex()}"
            except OSError:
                post = f"-:{os.urandom(8).hex()}"
            tillstånd[platssumma(väg)] = post
    return tillstånd


def glöm_summor() -> None:
    """Forget every file's hash (tests)."""
    with _SUMMOR_LÅS:
        _SUMMOR.clear()


def katalogsumma(katalog: Path) -> str:
    """A sha256 over every file's relative path and content (not __pycache__)."""
    h = hashlib.sha256()
    for fil in sorted(
        p for p in katalog.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        h.update(fil.relative_to(katalog).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(fil.read_bytes()).digest())
    return h.hexdigest()


def filer_under(
    rot: Path | str, utom: Callable[[str], bool] = lambda _: False
) -> list[tuple[str, str]]:
    """Every file (or link to one) under ``rot``: (its path there, with ``/``; the file),
    in path order (as ``sorted(rot.rglob("*"))``). A folder whose path there ``utom`` names
    is not entered, nor is a linked folder."""
    rot = str(rot)
    längd = len(rot) + 1
    filer = []
    for katalog, mappar, namn in os.walk(rot):
        bas = katalog[längd:].replace(os.sep, "/")
        mappar[:] = [m for m in mappar if not utom(f"{bas}/{m}" if bas else m)]
        for n in namn:
            fil = os.path.join(katalog, n)
            filer.append((f"{bas}/{n}" if bas else n, fil))
    return sorted(filer, key=lambda post: post[0].split("/"))


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


def skriv_mappen(rot: Path, filer: dict[str, bytes], behåll: Collection[str] = ()) -> None:
    """Make the folder ``rot`` (a build folder of styrdok's own) hold exactly ``filer``
    (relative path → bytes): a file whose bytes are already there is left as it is (its
    time too, so whatever reads the folder next sees what changed), every other file is
    written, and files and folders not among them are removed. Paths are refused as by
    :func:`skriv_under`. ``behåll``: paths of files the caller puts in place itself right
    after (a build's Word and PDF files), left as they are if they are there."""
    try:
        _skriv_mappen(rot, filer, behåll)
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        # a file where a folder must be, or the other way round: start from an empty folder
        shutil.rmtree(rot, ignore_errors=True)
        _skriv_mappen(rot, filer, behåll)


def _skriv_mappen(rot: Path, filer: dict[str, bytes], behåll: Collection[str]) -> None:
    # on strings, not paths: it runs over every page of a site on every save in serve
    rot.mkdir(parents=True, exist_ok=True)
    verklig = str(rot.resolve())
    mappar: dict[str, bool] = {}
    skrivna: set[str] = set()
    for väg, data in filer.items():
        if os.path.isabs(väg) or ".." in väg.replace("\\", "/").split("/"):
            raise StyrdokFel(f"internt fel: {väg} ligger utanför {rot.name}/ och skrivs inte")
        mål = os.path.normpath(os.path.join(verklig, väg))
        skrivna.add(mål)
        mapp = os.path.dirname(mål)
        if mapp not in mappar:
            os.makedirs(mapp, exist_ok=True)
            mappar[mapp] = Path(mapp).resolve().is_relative_to(verklig)
        if not mappar[mapp]:
            raise StyrdokFel(f"internt fel: {väg} ligger utanför {rot.name}/ och skrivs inte")
        try:
            s = os.lstat(mål)
            if (
                not stat.S_ISLNK(s.st_mode)
                and s.st_size == len(data)
                and filsumma(mål) == summa(data)
            ):
                continue
        except OSError:
            pass
        try:  # a new file: never written into one another path shares (a hard link to the
            os.unlink(mål)  # render cache's artefact, a published site's file)
        except FileNotFoundError:
            pass
        except (IsADirectoryError, PermissionError):
            _ta_bort(Path(mål))
        with open(mål, "wb") as fil:
            fil.write(data)
    behållna = {os.path.join(verklig, *väg.split("/")) for väg in behåll} - skrivna
    for katalog, underkataloger, namn in os.walk(verklig, topdown=False):
        länkar = [u for u in underkataloger if os.path.islink(os.path.join(katalog, u))]
        for n in namn + länkar:
            väg = os.path.join(katalog, n)
            if väg not in skrivna and (väg not in behållna or os.path.islink(väg)):
                os.unlink(väg)
        if katalog != verklig:
            with os.scandir(katalog) as poster:
                tom = next(poster, None) is None
            if tom:
                os.rmdir(katalog)


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


def skriv_ny(
    mål: str | Path,
    data: bytes | None = None,
    källa: str | Path | None = None,
    förra: str | Path | None = None,
) -> bool:
    """A file of its own at ``mål`` holding ``data`` (or the bytes of the file ``källa``),
    never written into a file that is there (it may be a hard link to a published file: it
    is replaced); or, where ``förra`` is a plain file holding exactly those bytes, a hard
    link to it (making a file costs many times more than linking one on common file
    systems, and a linked file keeps the identity under which it is already known).
    Returns whether it was linked."""
    if mapp := os.path.dirname(mål):
        os.makedirs(mapp, exist_ok=True)
    if förra is not None and _samma(förra, data, källa):
        try:
            _ersatt(mål, lambda: os.link(förra, mål, follow_symlinks=False))
            return True
        except (OSError, NotImplementedError):  # another file system, a file gone meanwhile
            pass  # (or a system without linkat): written
    if data is None:
        assert källa is not None
        _ersatt(mål, lambda: shutil.copyfile(källa, mål, follow_symlinks=True))
    else:
        _ersatt(mål, lambda: _skriv_exklusivt(mål, data))
    return False


def _ersatt(mål: str | Path, gör: Callable[[], object]) -> None:
    """``gör()``, which makes ``mål``; a file there is removed first, not written into, and
    so are folders with nothing but folders in them (kept from an old site's,
    :mod:`styrdok.grund.mappstommar`, where the new site has a file; a folder with a file
    in it is an error, as before)."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_ISDIR(os.lstat(mål).st_mode):
            for mapp, _, _ in os.walk(mål, topdown=False):
                os.rmdir(mapp)
        else:
            os.unlink(mål)
    gör()


def _skriv_exklusivt(mål: str | Path, data: bytes) -> None:
    with open(mål, "xb") as f:
        f.write(data)


def _samma(förra: str | Path, data: bytes | None, källa: str | Path | None) -> bool:
    """Whether ``förra`` is a plain file holding ``data`` (or what the file ``källa`` holds)."""
    try:
        s = os.lstat(förra)
        if not stat.S_ISREG(s.st_mode):
            return False
        if data is None:
            assert källa is not None
            return os.stat(källa).st_size == s.st_size and filecmp.cmp(förra, källa, shallow=False)
        if s.st_size != len(data):
            return False
        with open(förra, "rb") as f:
            return f.read() == data
    except OSError:
        return False
