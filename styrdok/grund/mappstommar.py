"""Folder skeletons: the folders of a site that is no longer published, kept, emptied of
everything else, for the next build of that site to build into instead of making every
folder anew.

Every page of a site is a folder of its own (``/styrdokument/…/``), so a build makes about
as many folders as pages (1,850 for both sites at 1,000 documents), and the old site's are
removed after the swap. Making a folder allocates an inode, and removing many makes the
next ones dearer: ext4 without a journal (as on the 2-core build machines measured) skips
every inode freed in the last minute when it allocates one. Measured there: 2,000 folders
made in 0.15 s after a rest, in 1.0 s right after 2,000 others were removed. A file that a
build links to the published one (:mod:`styrdok.webb.mkdocs_utdata`) needs no inode; with
the folders kept, an edit build allocates almost none.

Safe by construction: a skeleton holds folders only. The old site is emptied in a process
of its own (:func:`töm`, after the swap), and each site folder of it is moved into the
store (``build/.stommar/<site>``) only when every other entry under it has been removed;
whatever fails, it is removed instead. :func:`ta` looks it through again before taking it
(a rename onto the site's folder, before the engine writes anything into it), and
:func:`gallra` removes, after the build, the folders of it the build left empty (pages
since removed). After a build with no old site to keep (the first one), the process makes
the published site's folders anew for the store instead (:func:`gör`), at low priority.
Run as a script after every swap (its arguments at the end of this file; stdlib only, so
the process needs nothing of styrdok's to start).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Collection
from pathlib import Path

FÖRRÅD = ".stommar"
"""In build/: the skeletons, one per site folder name (``public``, ``intranet``)."""


def förråd(rot: Path) -> Path:
    """Where a project's skeletons are kept."""
    return rot / "build" / FÖRRÅD


def töm(gammal: Path, förråd: Path, namn: Collection[str]) -> None:
    """Each folder in ``gammal`` (an old ``site/``, moved aside) named in ``namn`` emptied of
    all but folders and moved into ``förråd`` under its name, unless one is there already;
    the rest of ``gammal`` removed."""
    try:
        mappar = sorted(os.scandir(gammal), key=lambda e: e.name)
    except OSError:
        mappar = []
    for mapp in mappar:
        if (
            mapp.name not in namn
            or not mapp.is_dir(follow_symlinks=False)
            or os.path.lexists(förråd / mapp.name)
        ):
            continue
        if _bara_mappar_kvar(mapp.path):
            try:
                förråd.mkdir(parents=True, exist_ok=True)
                os.rename(mapp.path, förråd / mapp.name)
            except OSError:
                pass  # another one came first, or another file system: removed below
    shutil.rmtree(gammal, ignore_errors=True)


def _bara_mappar_kvar(mapp: str) -> bool:
    """Remove every entry under ``mapp`` that is not a folder (a link to one included);
    whether all of them were."""
    try:
        with os.scandir(mapp) as poster:
            for post in poster:
                if post.is_dir(follow_symlinks=False):
                    if not _bara_mappar_kvar(post.path):
                        return False
                else:
                    os.unlink(post.path)
    except OSError:
        return False
    return True


def ta(mål: Path, förråd: Path) -> list[str] | None:
    """Put the skeleton of ``mål``'s name from ``förråd`` in place of ``mål`` (which must not
    be there, or be an empty folder): the folders under it, deepest first, for
    :func:`gallra`; None when there is none to take. A skeleton with anything but folders
    in it is not taken (and removed)."""
    stomme = förråd / mål.name
    if stomme.is_symlink() or not stomme.is_dir():
        return None
    mappar = _mappar(str(stomme))
    if mappar is None:
        shutil.rmtree(stomme, ignore_errors=True)
        return None
    try:
        os.rename(stomme, mål)
    except OSError:
        return None
    början = len(str(stomme))
    return [str(mål) + mapp[början:] for mapp in mappar[:-1]]


def _mappar(mapp: str) -> list[str] | None:
    """Every folder under ``mapp``, ``mapp`` last, each after those under it; None if anything
    but a folder is there."""
    funna: list[str] = []
    try:
        with os.scandir(mapp) as poster:
            for post in poster:
                if not post.is_dir(follow_symlinks=False):
                    return None
                under = _mappar(post.path)
                if under is None:
                    return None
                funna += under
    except OSError:
        return None
    funna.append(mapp)
    return funna


def gallra(mappar: list[str]) -> int:
    """Remove those of ``mappar`` (from :func:`ta`, deepest first) that are empty; how many."""
    borta = 0
    for mapp in mappar:
        try:
            os.rmdir(mapp)
            borta += 1
        except OSError:  # not empty: in use by the build
            pass
    return borta


def gör(site: Path, förråd: Path, namn: Collection[str], arbete: Path) -> None:
    """For each folder of ``site`` (as published) named in ``namn`` that ``förråd`` has no
    skeleton of (after a build with no old site to keep, such as the first): its folders
    made anew in ``arbete`` and then moved into ``förråd``, so the next build has them."""
    for n in namn:
        källa, mål = site / n, arbete / n
        if källa.is_symlink() or not källa.is_dir() or os.path.lexists(förråd / n):
            continue
        try:
            for mapp, undermappar, _ in os.walk(källa):
                undermappar[:] = [u for u in undermappar if not os.path.islink(f"{mapp}/{u}")]
                os.makedirs(os.path.join(mål, os.path.relpath(mapp, källa)), exist_ok=True)
            förråd.mkdir(parents=True, exist_ok=True)
            os.rename(mål, förråd / n)
        except OSError:
            continue  # removed with ``arbete``


if __name__ == "__main__":
    # <folder in build/.skräp/> <store> <published site/> <name> …: the old site, if any, in
    # <folder>/site emptied and kept; what it could not give made from the published one
    with contextlib.suppress(OSError):
        os.nice(10)  # the next build goes first
    arbete, förrådet, publicerad, *namnen = sys.argv[1:]
    töm(Path(arbete) / "site", Path(förrådet), namnen)
    gör(Path(publicerad), Path(förrådet), namnen, Path(arbete) / "ny")
    shutil.rmtree(arbete, ignore_errors=True)
