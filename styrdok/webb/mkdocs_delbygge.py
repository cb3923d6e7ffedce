"""Single pages made again after a full build (``styrdok serve``): the site engine's half of
showing an edit at once.

A full build keeps its state here: the configuration, the files, the navigation and the
templates. When a save changes only the Markdown of some pages, and neither the set of
files nor the navigation, those pages are converted and rendered again with that state,
the way mkdocs' own build does each page, and written into a folder of their own; every
other page of the site is already right. The page cache (``mkdocs_sidcache``) is bypassed
for them: what it stored is the page before the edit.

When a page cannot be made this way (the state is from a failed build, the page is new,
or its title, which the navigation on every page shows, changed), :meth:`Delbygge.gör_om`
says so by returning None and the caller builds everything.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from styrdok.grund.filer import filsumma, filtillstånd

_SIDCACHENS = (
    "_styrdok_sida",
    "_styrdok_sida_nyckel",
    "_styrdok_innehåll",
    "_styrdok_genväg",
    "render",
)
"""What the page cache leaves on a page object (its stored output, and ``render`` replaced
to skip the conversion it had stored): a page made again must not take them."""


class Delbygge(BasePlugin):
    """The state of the last full build of one site, and single pages made again from it."""

    def __init__(self) -> None:
        self.klar = False
        self.config = None
        self.files = None
        self.nav = None
        self.env = None

    def on_pre_build(self, *, config) -> None:
        self.klar = False

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    @event_priority(-100)  # after every other handler has changed the environment
    def on_env(self, env, *, config, files):
        self.config, self.files, self.env = config, files, env
        return env

    def on_post_build(self, *, config) -> None:
        self.klar = True

    def gör_om(self, sidor: list[str], ut: Path) -> dict[str, Path] | None:
        """The pages (paths under the docs folder) converted and rendered again from their
        current Markdown into ``ut``: {path in the site: the new file}. None when that
        cannot be done; the caller then builds everything."""
        from mkdocs.commands.build import _build_page, _populate_page

        if not self.klar or self.config is None or self.files is None or self.nav is None:
            return None
        config, files = self.config, self.files
        filer = [files.get_file_from_path(väg) for väg in sidor]
        if any(f is None or f.page is None for f in filer):
            return None
        if (cache := config.plugins.get("styrdok/sidminne")) is not None:
            cache.aktiv = False  # its stored pages are the pages before the edit
        i_nav = {id(p) for p in self.nav.pages}
        gjorda: dict[str, Path] = {}
        for fil in filer:
            sida = fil.page
            titel = sida.title
            for namn in _SIDCACHENS:
                vars(sida).pop(namn, None)
            _populate_page(sida, config, files)
            if id(sida) in i_nav and sida.title != titel:
                self.klar = False  # every page shows the old title: build everything
                return None
            fil.abs_dest_path = str(ut / fil.dest_uri)
            _build_page(sida, config, files.documentation_pages(), self.nav, self.env)
            gjorda[fil.dest_uri] = ut / fil.dest_uri
        return gjorda


def avtryck(docs: Path) -> dict[str, bytes]:
    """Every file under ``docs``: its path there → a hash of its bytes; for a large file
    other than a zip (a document from the render cache: linked there, not written) its size,
    time and inode. (On strings, not paths: it runs on every save, over every file.)"""
    avtryck = {}
    rot = str(docs)
    for katalog, _, namn in os.walk(rot):
        bas = katalog[len(rot) + 1 :].replace(os.sep, "/")
        for n in namn:
            fil = os.path.join(katalog, n)
            s = os.stat(fil)
            if s.st_size < 65536 or n.endswith((".md", ".zip")):
                summa = filsumma(fil)  # read again only when its time or inode changed
            else:
                summa = repr(filtillstånd(s)).encode()
            avtryck[f"{bas}/{n}" if bas else n] = summa
    return avtryck
