"""Atomic publishing: build everything into a staging folder, then swap it in.

``site/`` is only ever replaced whole, by two renames; a site of it that is published as it
was (``behåll``: nothing it is made from changed) is moved over from the old one between
them, a rename too, instead of being copied into the staging folder. The old one is then
moved into ``build/.skräp/`` and removed there by a process of its own, so the build does
not wait. A failed or interrupted build leaves it exactly as it was; a build interrupted
between the renames is repaired by the next run (``återställ``). What would stop the swap
or the removal of the old site afterwards (``site`` a symbolic link or a file, a folder in
it that cannot be emptied) is found before the swap: the build stops with a Swedish
message saying what to do, the old ``site/`` untouched and the new output kept in
``.site-ny/``.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from styrdok.grund import avbrott, mappstommar
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna.webbplats import SITE_MAPPAR

NY = ".site-ny"
GAMMAL = ".site-gammal"
SKRÄP = ".skräp"
"""In build/: old sites moved aside after a swap, being removed by a process of their own."""
LÅS = ".lås"
"""In such a folder: locked by its process while it works (:func:`_pågår`)."""
ORÖRD = "den publicerade webbplatsen i site/ är orörd"


class PubliceringsFel(StyrdokFel):
    """The new sites were built but could not be put in place; they stay in ``.site-ny/``."""


def återställ(rot: Path) -> None:
    """Repair what an interrupted run left: put the old site back, drop half-built output."""
    site, gammal, ny = rot / "site", rot / GAMMAL, rot / NY
    if os.path.lexists(gammal) and not os.path.lexists(site):
        # stopped amid the swap: a site moved over from the old one goes back first
        for namn in SITE_MAPPAR.values():
            if os.path.lexists(ny / namn) and not os.path.lexists(gammal / namn):
                os.replace(ny / namn, gammal / namn)
        os.replace(gammal, site)
    for rest in (gammal, ny):
        if os.path.lexists(rest) and (orsak := _ta_bort(rot, rest)):
            raise StyrdokFel(
                f"{rest.name}/ från ett tidigare bygge kan inte tas bort ({orsak}); {ÅTGÄRD}; {ORÖRD}"
            )
    skräp = rot / "build" / SKRÄP
    for rest in sorted(skräp.iterdir()) if skräp.is_dir() and not skräp.is_symlink() else ():
        if rest.is_dir() and not rest.is_symlink() and _pågår(rest):
            continue  # its process is still at it
        if orsak := _ta_bort(rot, rest):  # left when its removal failed
            raise StyrdokFel(
                f"build/{SKRÄP}/{rest.name}/ (en gammal webbplats) kan inte tas bort ({orsak}); "
                f"{ÅTGÄRD}; {ORÖRD}"
            )


def _ta_bort(rot: Path, mapp: Path) -> str | None:
    """Remove a folder of our own (a link is removed, never followed); None, or what stopped it."""
    hinder: list[OSError] = []

    def hinder_utom_borta(fel: BaseException) -> None:
        if not isinstance(fel, FileNotFoundError):  # removed meanwhile by another process
            hinder.append(fel)  # type: ignore[arg-type]

    if mapp.is_symlink() or not mapp.is_dir():
        try:
            mapp.unlink()
        except OSError as fel:
            hinder_utom_borta(fel)
    else:
        shutil.rmtree(mapp, onerror=lambda _funktion, _sökväg, info: hinder_utom_borta(info[1]))
    return f"{_visa(rot, hinder[0].filename or mapp)}: {_orsak(hinder[0])}" if hinder else None


def _orsak(fel: OSError) -> str:
    return _ORSAKER.get(fel.errno or 0) or fel.strerror or str(fel)


_ORSAKER = {
    errno.EPERM: "inte tillåtet (skrivskyddat eller låst med chattr +i?)",
    errno.EACCES: "åtkomst nekad",
    errno.EBUSY: "upptagen (en monteringspunkt, eller öppen i ett annat program?)",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOTEMPTY: "mappen är inte tom",
    errno.EXDEV: "ligger på ett annat filsystem",
    errno.ENOSPC: "disken är full",
}
ÅTGÄRD = (
    "ta bort den för hand (den behövs inte; är något låst, t.ex. med chattr +i, "
    "ta först bort låset) och bygg igen"
)


@contextmanager
def ensam(rot: Path) -> Iterator[None]:
    """One build at a time per project: a second one waits for the first."""
    (rot / "build").mkdir(exist_ok=True)
    with open(rot / "build" / ".bygglås", "w") as lås:
        try:
            fcntl.flock(lås, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "styrdok: ett annat bygge pågår i samma projekt; väntar på att det blir klart …",
                file=sys.stderr,
            )
            fcntl.flock(lås, fcntl.LOCK_EX)
        yield


@contextmanager
def stegvis(rot: Path) -> Iterator[Path]:
    """Yield a fresh staging folder; on normal exit the caller calls :func:`publicera`.
    On any exception (and on SIGTERM) the staging folder is removed and ``site/`` is untouched;
    only when :func:`publicera` could not swap is the new output kept in ``.site-ny/``."""
    with ensam(rot):
        yield from _stegvis(rot)


def _stegvis(rot: Path) -> Iterator[Path]:
    återställ(rot)
    if problem := hinder(rot):  # found before the long work, not after it
        raise StyrdokFel(f"{problem}; {ORÖRD}")
    ny = rot / NY
    behåll = False
    with avbrott.avbrytbar():
        try:
            ny.mkdir(parents=True)
            yield ny
        except PubliceringsFel:
            behåll = True
            raise
        finally:
            with avbrott.skyddad():  # not cut short by a second signal
                if ny.exists() and not behåll:
                    shutil.rmtree(ny, ignore_errors=True)


def hinder(rot: Path) -> str | None:
    """What would stop ``site/`` from being replaced whole and the old one removed, or None."""
    site = rot / "site"
    if site.is_symlink():
        return (
            f"site är en symbolisk länk (till {os.readlink(site)}); styrdok publicerar genom att "
            "byta ut hela mappen site/ och skriver inte genom en länk. Ta bort länken (rm site) "
            "och låt webbservern visa projektets site/, eller kopiera site/ dit efter bygget"
        )
    if not site.exists():
        return None
    if not site.is_dir():
        return "site finns men är ingen mapp; flytta eller ta bort filen site så att bygget kan skapa mappen"
    for mapp, _, _ in os.walk(site):  # links are not followed, and removed as links
        if not os.access(mapp, os.W_OK | os.X_OK):
            return (
                f"{_visa(rot, mapp)}/ är skrivskyddad, så den gamla webbplatsen kan inte tas bort "
                "när den nya publiceras; gör mappen skrivbar igen (chmod u+w, eller chattr -i om "
                "den är låst med chattr +i) och bygg igen"
            )
    return None


def publicera(rot: Path, ny: Path, behåll: Collection[str] = ()) -> None:
    """Swap the staging folder in as ``site/``. SIGTERM and SIGINT are held off for the
    renames (grund/avbrott).
    ``behåll``: folders of the published ``site/`` (``public``, ``intranet``) that go over
    into the new one as they are, moved in between the two renames; the staging folder has
    none of them.

    Nothing is deleted unless the swap succeeded: if it cannot be done, the old ``site/`` is
    put back and :class:`PubliceringsFel` says why, the new output kept in ``.site-ny/``."""
    site, gammal = rot / "site", rot / GAMMAL
    if problem := hinder(rot):
        raise PubliceringsFel(f"{problem}; {ORÖRD} och den nya finns i {NY}/")
    if fel := _byt(site, ny, gammal, behåll):
        raise PubliceringsFel(
            f"site/ kunde inte bytas ut ({_visa(rot, fel.filename or site)}: "
            f"{_orsak(fel)}); kontrollera att projektmappen är skrivbar och att site/ "
            f"inte är en monteringspunkt, och bygg igen; {ORÖRD} och den nya finns i {NY}/"
        )
    if orsak := _släng(rot, gammal if os.path.lexists(gammal) else None):
        # Published all the same; the next build stops and says it again.
        print(
            f"styrdok: varning: site/ är publicerad, men den gamla webbplatsen i {GAMMAL}/ kan "
            f"inte tas bort ({orsak}); {ÅTGÄRD}",
            file=sys.stderr,
        )


def _släng(rot: Path, gammal: Path | None) -> str | None:
    """Remove the old site after the swap without the build waiting for it: it is moved
    into build/.skräp/ (a rename) and removed there by a process of its own, which keeps
    its sites' folders for the next build (:mod:`styrdok.grund.mappstommar`; with no old
    site, ``gammal`` None, it makes them from the published one); what that process
    cannot remove, the next build's :func:`återställ` tries again and, failing, says. The
    process holds a lock in its folder (:data:`LÅS`) until it is done. Where the move
    cannot be made (build/ on another file system), the old site is removed here. None, or
    what stopped it."""
    try:
        (rot / "build" / SKRÄP).mkdir(parents=True, exist_ok=True)
        mål = Path(tempfile.mkdtemp(dir=rot / "build" / SKRÄP))
    except OSError:
        return _ta_bort(rot, gammal) if gammal is not None else None
    if gammal is not None:
        try:
            os.replace(gammal, mål / "site")
        except OSError:
            mål.rmdir()
            return _ta_bort(rot, gammal)
    try:
        lås = os.open(mål / LÅS, os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            fcntl.flock(lås, fcntl.LOCK_EX)  # held by the process (its copy) to its end
            subprocess.Popen(
                [
                    sys.executable,
                    "-I",  # the script's own folder not on the path: stdlib only
                    mappstommar.__file__,
                    str(mål),
                    str(mappstommar.förråd(rot)),
                    str(rot / "site"),
                    *SITE_MAPPAR.values(),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(lås,),
                start_new_session=True,  # not stopped with the build's own process group
            )
        finally:
            os.close(lås)
    except OSError:
        orsak = _ta_bort(rot, mål)
        return orsak if gammal is not None else None
    return None


def _pågår(mapp: Path) -> bool:
    """Whether the process that removes ``mapp`` (in build/.skräp/) is still at it."""
    try:
        lås = os.open(mapp / LÅS, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(lås, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(lås)


def _byt(mål: Path, ny: Path, gammal: Path, behåll: Collection[str] = ()) -> OSError | None:
    """``mål`` → ``gammal``, each of ``behåll`` from ``gammal`` into ``ny``, ``ny`` → ``mål``:
    renames, SIGTERM and SIGINT held off. On failure what was moved goes back and ``mål`` is
    put back (else the next run does, :func:`återställ`) and the error returned."""
    with avbrott.skyddad():
        flyttad = False
        överförda: list[str] = []
        try:
            if os.path.lexists(mål):
                os.replace(mål, gammal)
                flyttad = True
            for namn in behåll:
                if os.path.lexists(ny / namn):  # would be replaced unseen (or fail: not empty)
                    raise FileExistsError(errno.EEXIST, "finns redan", str(ny / namn))
                os.rename(gammal / namn, ny / namn)
                överförda.append(namn)
            os.replace(ny, mål)
        except OSError as fel:
            if flyttad and not os.path.lexists(mål):
                with contextlib.suppress(OSError):
                    for namn in reversed(överförda):
                        os.rename(ny / namn, gammal / namn)
                    os.replace(gammal, mål)
            return fel
    return None


# --- one folder (plain `mkdocs build`'s site_dir) -------------------------------------


def grannar(mål: Path) -> tuple[Path, Path]:
    """The staging folder and the old folder beside ``mål``: ``.<namn>-ny``, ``.<namn>-gammal``."""
    return mål.parent / f".{mål.name}-ny", mål.parent / f".{mål.name}-gammal"


def ny_mapp(mål: Path) -> Path:
    """A fresh, empty staging folder beside ``mål`` (on the same file system, so the swap is
    a rename), after repairing what an interrupted run left there."""
    ny, gammal = grannar(mål)
    if os.path.lexists(gammal) and not os.path.lexists(mål):
        os.replace(gammal, mål)
    for rest in (gammal, ny):
        if os.path.lexists(rest) and (orsak := _ta_bort(mål.parent, rest)):
            raise StyrdokFel(
                f"{rest} från ett tidigare bygge kan inte tas bort ({orsak}); {ÅTGÄRD}"
            )
    ny.mkdir(parents=True)
    return ny


def byt_ut(mål: Path, ny: Path) -> None:
    """Put the staging folder ``ny`` in place of ``mål`` whole, then remove the old one."""
    gammal = grannar(mål)[1]
    if fel := _byt(mål, ny, gammal):
        släpp(ny)
        raise StyrdokFel(
            f"{mål} kunde inte bytas ut ({fel.filename or mål}: {_orsak(fel)}); "
            f"den publicerade webbplatsen i {mål} är orörd"
        )
    if os.path.lexists(gammal) and (orsak := _ta_bort(mål.parent, gammal)):
        print(
            f"styrdok: varning: {mål} är publicerad, men den gamla i {gammal} kan inte tas bort "
            f"({orsak}); {ÅTGÄRD}",
            file=sys.stderr,
        )


def släpp(ny: Path) -> None:
    """Remove a staging folder that will not be published."""
    if os.path.lexists(ny):
        _ta_bort(ny.parent, ny)


def _visa(rot: Path, sökväg: str | os.PathLike) -> str:
    """A path as the user knows it: relative to the project when inside it."""
    try:
        return Path(sökväg).relative_to(rot).as_posix()
    except ValueError:
        return str(sökväg)
