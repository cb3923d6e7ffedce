"""How the site engine's files are written in ``styrdok build``: each one anew, never into a
file that is there, and, where the published site has the very same bytes at the same
place, as a hard link to that file.

After an edit almost every file of a site comes out byte for byte as published. Making a
file is what costs in writing it on common file systems: on the 2-core machines measured
(ext4), 0.9 ms to make one and 0.02 ms to link one, for 1,850 pages a build. A linked page
also keeps the identity (inode, size, time) under which the publish gate already knows it,
and the search index update sees at once that it is the page it indexed.

A linked file is the published file itself, so nothing may write into it. mkdocs writes
each of its files once, through ``mkdocs.utils.write_file`` and ``mkdocs.utils.copy_file``,
which :func:`länkade` replaces while a site builds (:func:`styrdok.grund.filer.skriv_ny`);
styrdok's own steps after that make new files only. Linking is off whenever a plugin or
hook other than styrdok's own and Material's search handles an event in which it could
write into the site's files (:func:`främmande`), and without a published site.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
from collections.abc import Iterator
from pathlib import Path

from mkdocs import utils

import styrdok
from styrdok.grund import mappstommar
from styrdok.grund.filer import skriv_ny

SIDHÄNDELSER = (
    "pre_page",
    "page_read_source",
    "page_markdown",
    "page_content",
    "page_context",
    "post_page",
)
"""The events a plugin or hook handles one page in."""
SKRIVHÄNDELSER = (*SIDHÄNDELSER, "post_template", "post_build")
"""The events in which a plugin or hook could write into the site's files."""
_KÄNDA_MODULER = frozenset({"material.plugins.search.plugin"})
_STYRDOK = Path(styrdok.__file__).resolve().parent
_KROKAR = _STYRDOK / "mkdocs_krokar.py"
"""styrdok's hooks file, which a project's mkdocs.yml names (``karna/projekt.KROKAR``)."""


def främmande(config, händelser: tuple[str, ...]) -> list[str]:
    """Plugins and hooks, other than styrdok's own (its modules, and its hooks file however
    it is linked into the project) and Material's search, that handle any of ``händelser``."""
    namn = set()
    for händelse in händelser:
        for metod in config.plugins.events.get(händelse, []):
            if getattr(metod, "__module__", None) in _KÄNDA_MODULER or _styrdoks(metod):
                continue
            namn.add(config.plugins._event_origins.get(metod) or getattr(metod, "__module__", "?"))
    return sorted(namn)


def _styrdoks(metod) -> bool:
    """Whether ``metod`` is styrdok's own: defined in its package, or in its hooks file as a
    project has it (linked, or copied byte for byte)."""
    kod = getattr(getattr(metod, "__func__", metod), "__code__", None)
    if kod is None:
        return False
    try:
        fil = Path(kod.co_filename).resolve()
        return fil.is_relative_to(_STYRDOK) or filecmp.cmp(fil, _KROKAR, shallow=False)
    except (OSError, ValueError):
        return False


def _med_filer(mapp: str) -> bool:
    """Whether anything but folders is under ``mapp``."""
    return any(filer for _, _, filer in os.walk(mapp))


@contextlib.contextmanager
def länkade(config, tidigare: Path | None, stommar: Path | None = None) -> Iterator[list[int]]:
    """While mkdocs builds the site of ``config``: each file it writes or copies made anew,
    or linked to ``tidigare``'s (the site as published) where that holds the same bytes.
    ``stommar``: where the folders of a site no longer published are kept
    (:mod:`styrdok.grund.mappstommar`); the site's is built into, taken when mkdocs has
    emptied the site's folder (before anything is written into it), and what of it stays
    empty is removed after the build. Yields [files linked, files made]."""
    räknat = [0, 0]
    site = os.path.abspath(config.site_dir)
    if tidigare is None or not tidigare.is_dir() or främmande(config, SKRIVHÄNDELSER):
        yield räknat
        return
    skriv, kopiera, töm = utils.write_file, utils.copy_file, utils.clean_directory
    stomme: list[list[str] | None] = []

    def clean_directory(directory: str) -> None:  # mkdocs empties the site's folder first
        töm(directory)
        if stommar is not None and os.path.abspath(directory) == site and not stomme:
            stomme.append(mappstommar.ta(Path(site), stommar))

    def förra(output_path: str) -> Path | None:
        relativ = os.path.relpath(os.path.abspath(output_path), site)
        return None if relativ.startswith("..") else tidigare / relativ

    def write_file(content: bytes, output_path: str) -> None:
        räknat[0 if skriv_ny(output_path, content, förra=förra(output_path)) else 1] += 1

    def copy_file(source_path: str, output_path: str) -> None:
        if os.path.isdir(output_path) and _med_filer(output_path):  # else kept: skriv_ny
            output_path = os.path.join(output_path, os.path.basename(source_path))
        with contextlib.suppress(OSError):
            if os.path.samefile(source_path, output_path):
                return  # a plugin's own file in the site (mkdocs lets it be)
        länkad = skriv_ny(output_path, källa=source_path, förra=förra(output_path))
        räknat[0 if länkad else 1] += 1

    utils.write_file, utils.copy_file = write_file, copy_file
    utils.clean_directory = clean_directory
    try:
        yield räknat
    finally:
        utils.write_file, utils.copy_file, utils.clean_directory = skriv, kopiera, töm
    if stomme and stomme[0]:
        mappstommar.gallra(stomme[0])
