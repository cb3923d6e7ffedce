"""Path-like values from the sources, in one place.

Two questions, asked by every caller (images and links in texts, bilagor, beslutsunderlag,
the logo, the names of source files): can the operating system take this value as a path
at all, and does the file it names lie inside content/? Both answers are given without ever
raising, whatever the value: a NUL byte, a control character or a 5,000-character name is
the user's mistake, reported in Swedish, never a traceback.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.modell import ID_MÖNSTER, id_förslag

_ID = re.compile(ID_MÖNSTER)
MAX_TECKEN = 1024
"""Longest path or link a source may give (Linux allows 4,096 bytes; a reader none of that)."""
MAX_NAMN_BYTE = 255
"""Longest file or folder name most file systems take (ext4, NTFS, APFS)."""

_STYRTECKEN_NAMN = {0: "NUL", 9: "tabb", 10: "radbrytning", 13: "vagnretur", 27: "ESC", 127: "DEL"}


def är_styrtecken(tecken: str) -> bool:
    """Control characters (C0, DEL, C1) and lone surrogates: never part of a name or a text."""
    return unicodedata.category(tecken) in ("Cc", "Cs")


def tecknets_namn(tecken: str) -> str:
    kod = ord(tecken)
    namn = _STYRTECKEN_NAMN.get(kod)
    return f"U+{kod:04X}" + (f" ({namn})" if namn else "")


def sökvägsproblem(värde: str, max_tecken: int = MAX_TECKEN) -> str | None:
    """Why ``värde`` cannot be a path, as a Swedish phrase ("innehåller ..."), or None."""
    for i, tecken in enumerate("" if värde.isprintable() else värde):  # printable: none of them
        if är_styrtecken(tecken):
            return f"innehåller styrtecknet {tecknets_namn(tecken)} (tecken {i + 1}); ta bort det"
    if len(värde) > max_tecken:
        return f"är {len(värde)} tecken lång; högst {max_tecken} tecken går att använda"
    for del_ in värde.replace("\\", "/").split("/"):
        if len(del_.encode("utf-8", "surrogatepass")) > MAX_NAMN_BYTE:
            return (
                f"har ett fil- eller mappnamn på {len(del_)} tecken ({del_[:24]}…); "
                f"ett namn får vara högst {MAX_NAMN_BYTE} byte"
            )
    return None


def läsbar(text: str) -> str:
    """``text`` with control characters written as ``\\x01``, safe to print in a message."""
    if text.isprintable() or not any(är_styrtecken(t) for t in text):
        return text
    return "".join(
        t.encode("unicode_escape").decode("ascii") if är_styrtecken(t) else t for t in text
    )


def inom(rot: Path, sökväg: Path) -> Path | None:
    """The real path of ``sökväg`` (symlinks followed) when it is an existing file inside
    ``rot``; None otherwise, and for any path the operating system cannot take."""
    try:
        verklig = sökväg.resolve(strict=True)
        return verklig if verklig.is_relative_to(rot.resolve()) and verklig.is_file() else None
    except (OSError, RuntimeError, ValueError):
        return None


def _inom(rot: Path, fil: Path, mappar: dict[str, bool]) -> bool:
    """``inom(rot, fil) is not None`` for many files of few folders: whether each folder's
    real path lies in ``rot``'s is found once (a file that is itself no symlink lies in its
    folder's real path)."""
    try:
        s = os.lstat(fil)
        if stat.S_ISLNK(s.st_mode):
            return inom(rot, fil) is not None
        mapp = os.path.dirname(fil)
        if mapp not in mappar:
            mappar[mapp] = Path(mapp).resolve(strict=True).is_relative_to(rot.resolve())
        return mappar[mapp] and stat.S_ISREG(s.st_mode)
    except (OSError, RuntimeError, ValueError):
        return False


def finns(sökväg: Path) -> bool:
    """Whether anything exists at ``sökväg``; False for paths the system cannot take."""
    try:
        return sökväg.exists()
    except (OSError, ValueError):
        return False


def är_fil(sökväg: Path) -> bool:
    """Whether ``sökväg`` is a file (symlinks followed); False for paths the system cannot take."""
    try:
        return sökväg.is_file()
    except (OSError, ValueError):
        return False


def hitta_fil(rot: Path, relativ: str, baser: Iterable[Path]) -> Path | None:
    """The file ``relativ`` names, tried from each folder in ``baser`` in turn, when it exists
    inside ``rot``; None when it is missing, outside ``rot``, absolute or not a path at all."""
    if sökvägsproblem(relativ) or not relativ.strip():
        return None
    if relativ.startswith(("/", "\\")) or Path(relativ).is_absolute():
        return None
    for bas in baser:
        kandidat = bas / relativ
        if är_fil(kandidat):
            return inom(rot, kandidat)
    return None


def relativ(rot: Path, fil: Path) -> str:
    """``fil.relative_to(rot).as_posix()`` (ValueError when ``fil`` is not below ``rot``),
    on the strings: pathlib makes new objects for it, and a build asks it of thousands of
    paths on every save. Both are paths as pathlib normalises them."""
    if (väg := _under(_prefix(rot), str(fil))) is not None:
        return väg
    return fil.relative_to(rot).as_posix()


def relativa_under(rot: Path, filer: Iterable[Path]) -> set[str]:
    """:func:`relativ` of those of ``filer`` that lie below ``rot``, the others left out:
    paths made from ``rot`` (``rot / …``), so comparing the strings is enough."""
    prefix = _prefix(rot)
    return {väg for f in filer if (väg := _under(prefix, str(f))) is not None}


def _prefix(rot: Path) -> str:
    r = str(rot)
    return r if r.endswith(os.sep) else r + os.sep


def _under(prefix: str, fil: str) -> str | None:
    if fil.startswith(prefix) and len(fil) > len(prefix):
        return fil[len(prefix) :].replace(os.sep, "/")
    return None


def källfiler(mapp: Path, ändelser: tuple[str, ...]) -> list[Path]:
    """Source files under ``mapp`` with one of ``ändelser``, in a stable order, skipping
    hidden files and folders (names starting with a dot, e.g. an editor's backups). As
    ``mapp.rglob("*")`` finds them: a link to a file counts, a link to a folder is not
    followed."""
    if not mapp.is_dir():
        return []
    funna: list[str] = []
    mappar = [("", str(mapp))]
    while mappar:
        bas, katalog = mappar.pop()
        try:
            with os.scandir(katalog) as poster:
                poster = list(poster)
        except OSError:  # unreadable: as rglob, nothing from there
            continue
        for post in poster:
            if post.name.startswith("."):
                continue
            väg = f"{bas}/{post.name}" if bas else post.name
            try:
                if post.is_dir() and not post.is_symlink():
                    mappar.append((väg, post.path))
                elif _ändelse(post.name) in ändelser and post.is_file():
                    funna.append(väg)
            except OSError:
                continue
    return [mapp.joinpath(*v) for v in sorted(v.split("/") for v in funna)]


def _ändelse(namn: str) -> str:
    """``Path(namn).suffix``."""
    i = namn.rfind(".")
    return namn[i:] if 0 < i < len(namn) - 1 else ""


def namnproblem(rot: Path, fil: Path) -> str | None:
    """Why a source file's own path (below ``rot``) cannot become a page path, or None: every
    folder and the name must be an id (``a–z``, digits, ``-``, ``_``), so that the page's
    address is the same on every server (``Foo.md`` and ``foo.md`` would be one page on a
    case-insensitive one) and needs no escaping."""
    return _namnproblem(relativ(rot, fil))


@functools.lru_cache(maxsize=65536)  # asked of every source on every save
def _namnproblem(relativ_: str) -> str | None:
    if problem := sökvägsproblem(relativ_):
        return f"filnamnet {läsbar(relativ_)} {problem}; döp om filen"
    ändelse = _ändelse(relativ_.rsplit("/", 1)[-1])
    delar = relativ_[: len(relativ_) - len(ändelse)].split("/")
    if delar[-1] == "index" and relativ_ != "sidor/index.md":
        return (
            f"filnamnet {relativ_} är reserverat: index är adressen till mappens översiktssida "
            f"(och {'/'.join(delar[:-1])}/index får samma adress som {'/'.join(delar[:-1])}"
            f"{ändelse}); döp om filen"
        )
    if all(_ID.match(d) for d in delar):
        return None
    förslag = "/".join(id_förslag(d) for d in delar) + ändelse
    return (
        f"filnamnet {relativ_} blir en del av en webbadress och får bara innehålla små bokstäver "
        f"a–z, siffror, - och _ (även mappar); döp om filen till {förslag}"
    )


def visningsnamn(rot: Path, sökväg: Path) -> str:
    """The path as messages show it: relative to the project, control characters escaped."""
    try:
        return läsbar(relativ(rot, sökväg))
    except ValueError:
        return läsbar(sökväg.as_posix())


def källfiler_utan_namnfel(
    rot: Path, mapp: Path, ändelser: tuple[str, ...], rapport: Rapport
) -> list[Path]:
    """The source files of one kind under ``mapp`` (``rot`` is the project); a file whose name
    cannot become a page path is reported (its id would be one) and left out."""
    filer = []
    innehåll = rot / "content"
    mappar: dict[str, bool] = {}
    for fil in källfiler(mapp, ändelser):
        if problem := namnproblem(innehåll, fil):
            rapport.fel(visningsnamn(rot, fil), 1, 1, problem)
        elif not _inom(innehåll, fil, mappar):
            rapport.fel(
                visningsnamn(rot, fil),
                1,
                1,
                "filen är en länk till något utanför content/; bara filer under content/ publiceras",
            )
        else:
            filer.append(fil)
    return filer


def upplöst(fil: Path) -> Path:
    """``fil.resolve()``, each folder resolved once per process (a document's view resolves
    its source for every site and format): a file that is no symbolic link is its resolved
    folder with its name."""
    if os.path.islink(fil):
        return fil.resolve()
    return _upplöst_mapp(str(fil.parent)) / fil.name


@functools.lru_cache(maxsize=4096)
def _upplöst_mapp(mapp: str) -> Path:
    return Path(mapp).resolve()
