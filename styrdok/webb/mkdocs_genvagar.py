"""Pages the site engine need not read again (``styrdok build``): the page cache's way past
reading, converting and keying a page whose file is the one the last build read.

After an edit almost every Markdown file in a site's docs folder is the very file the last
build read: styrdok writes a page's file only when its bytes change
(``grund/filer.skriv_mappen``). For each page it stored, a build records what the page cache
(:mod:`mkdocs_sidcache`) and the engine need of it besides its output: the file's size, time,
inode and device when it was read, the key of its finished output in the site's store, its
title, its anchors and its links to other pages' anchors (the engine checks those across
pages), and the keys of its conversion (so that the shared store keeps it). In the next
build under the same *grund* (configuration, theme, code, every file's URL), a page whose
file is as recorded is not read: the engine gets an empty page with the recorded title,
anchors and links, and in the end the stored output, as for any stored page. A file
written within a clock tick of being read is recorded as unknown
(:func:`styrdok.grund.filer.som_känt`, the tick taken when each page is read): a change in
the same tick would not show.

The output is keyed by the navigation too, which is known only once the pages in it are
read: where it changed, or the stored output is gone, the page is read and converted after
all (:meth:`Genvägar.tillbaka`), before any page is written. Pages in the navigation are
always read (their titles and front matter are the navigation). A page that logged a
warning is not stored, so not recorded: its warning comes back every build.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from styrdok.grund.filer import filläge, läs_minne, skriv_atomiskt, som_känt, säker_gräns
from styrdok.webb.sidminne import Sidminne

ÄNDELSE = "-genvagar.json"
"""The record, beside the site's store (``build/cache/webbplats/<site>-genvagar.json``)."""
_SCHEMA = 1


def _post(post: object) -> bool:
    """[file state (false: unknown), inclusion, output key, title, anchors, links or None,
    conversion keys]"""
    return (
        isinstance(post, list)
        and len(post) == 7
        and (post[0] is None or isinstance(post[0], (list, bool)))
        and isinstance(post[1], str)
        and isinstance(post[2], str)
        and isinstance(post[3], str)
        and isinstance(post[4], list)
        and (post[5] is None or isinstance(post[5], dict))
        and isinstance(post[6], list)
    )


class Genvägar:
    """One site's record: read at the start of a build, written at the end of one."""

    def __init__(self, fil: Path) -> None:
        self.fil = fil
        self.sidor: dict[str, list] = {}
        self.navigering: str | None = None
        self.i_nav: set[int] = set()
        self.tagna = 0

    def börja(self, grund: str) -> None:
        """The last build's record, where it was made under this ``grund``."""
        self.tagna = 0
        post = läs_minne(self.fil, lambda värde: isinstance(värde, (str, int, dict)))
        if (
            post.get("schema") == _SCHEMA
            and post.get("grund") == grund
            and isinstance(post.get("navigering"), str)
            and isinstance(post.get("sidor"), dict)
        ):
            self.sidor = post["sidor"]
            self.navigering = post["navigering"]
        else:
            self.sidor, self.navigering = {}, None

    def navigeringen(self, nav) -> None:
        """The pages in the navigation: always read."""
        self.i_nav = {id(sida) for sida in nav.pages}

    def ta(self, page) -> bool:
        """Whether the page is taken from the record rather than read (before the engine
        reads it); its file's state is noted either way."""
        läge = filläge(page.file.abs_src_path)
        # as recorded: unknown if written within a clock tick of now, when it is read
        page._styrdok_läge = som_känt(läge, säker_gräns())
        if id(page) in self.i_nav:
            return False
        post = self.sidor.get(page.file.src_uri)
        if not _post(post) or post[0] != läge or post[1] != page.file.inclusion.name:
            return False
        page._styrdok_genväg = post
        self.tagna += 1
        return True

    @staticmethod
    def tagen(page) -> list | None:
        return getattr(page, "_styrdok_genväg", None)

    def lägg_på(self, page, files) -> None:
        """What the engine would have had from converting the page: title, anchors, links."""
        post = page._styrdok_genväg
        page._title_from_render = post[3]
        page.present_anchor_ids = set(post[4])
        if post[5] is not None:
            page.links_to_anchors = {
                fil: ankare
                for uri, ankare in post[5].items()
                if (fil := files.get_file_from_path(uri)) is not None
            }

    def lagrad(
        self, page, navigering: str, lager: Sidminne, omvandlingar: Sidminne, hel: Callable
    ) -> tuple[str, object] | None:
        """(key, stored output) of a page taken from the record, where the navigation is as
        then and the output is there (``hel``); the keys of its conversion are kept in the
        shared store (``omvandlingar``: the other site, or a changed navigation, takes it
        from there). None: it is read after all (:meth:`tillbaka`)."""
        post = page._styrdok_genväg
        if navigering != self.navigering or not hel(sparat := lager.hämta(post[2])):
            return None
        omvandlingar.använda.update(post[6])
        return post[2], sparat

    def tillbaka(self, page, config, files) -> None:
        """The page read and converted after all (its stored output is keyed otherwise now,
        or gone), as the engine reads every page."""
        from mkdocs.commands.build import _populate_page

        self.sidor.pop(page.file.src_uri, None)
        del page._styrdok_genväg
        self.tagna -= 1
        _populate_page(page, config, files)

    def spara(self, grund: str, navigering: str, files, lagrade: set[str]) -> None:
        """The record of this build: every page outside the navigation made without a
        warning, whose output is in the store (``lagrade``: the keys this build used or
        stored)."""
        sidor: dict[str, list] = {}
        for fil in files.documentation_pages():
            page = fil.page
            if page is None or id(page) in self.i_nav:
                continue
            post = self.tagen(page)
            if post is None:
                nyckel = getattr(page, "_styrdok_sida_nyckel", None)
                if (
                    nyckel is None
                    or nyckel not in lagrade  # its output not stored: it warned
                    or not getattr(page, "_styrdok_utan_varning", False)  # its conversion warned
                ):
                    continue
                länkar = getattr(page, "links_to_anchors", None)
                omvandling = getattr(page, "_styrdok_omvandling", None)
                post = [
                    getattr(page, "_styrdok_läge", None),
                    fil.inclusion.name,
                    nyckel,
                    page.title or "",
                    sorted(page.present_anchor_ids or ()),
                    None if länkar is None else {f.src_uri: a for f, a in länkar.items()},
                    list(omvandling[:2]) if omvandling else [],
                ]
            sidor[fil.src_uri] = post
        data = {"schema": _SCHEMA, "grund": grund, "navigering": navigering, "sidor": sidor}
        skriv_atomiskt(self.fil, json.dumps(data, ensure_ascii=False).encode("utf-8"))
