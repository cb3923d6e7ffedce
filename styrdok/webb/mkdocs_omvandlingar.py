"""The page cache's first step, Markdown → HTML, shared by the two sites of a build.

Nearly every public page is, byte for byte, an intranet page too (the same Markdown, front
matter, path and URL): converting it once serves both. A conversion is stored under a key
of what it is made from (the page's Markdown, front matter, path, URL and inclusion, and
the *grund* :mod:`mkdocs_sidcache` gives: versions, the code that makes pages, the Markdown
extensions and their settings, directory URLs, link validation, every plugin's settings),
and with it **the links it resolved**: each path the engine looked up among the site's
files and what it found there (the file's URL and inclusion, or nothing). A stored
conversion is used only where every such lookup gives the same answer, so a page linking
to an intranet-only document is never taken from the intranet for the public site (there
the target is missing and the engine warns), and adding a document converts again only
the pages that link to it.

The engine is handed a recording view of the files (:class:`_Inspelning`). A conversion
that asked the files anything but a path, or that fits one site only (the same key, other
answers on the other site), is stored under a key of that site's own that also holds every
file's URL.

The intranet converts its pages from the last to the first (:meth:`Omvandlingar.vänd`), so
when both sites are built at once they meet in the middle instead of converting the same
pages side by side; the engine's order is given back before anything is written.

The store is shared (``omvandlingar/`` beside each site's own): see
:meth:`styrdok.webb.sidminne.Sidminne.städa`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.toc import get_toc

from styrdok.webb.sidminne import Sidminne, nyckel

_DELAR = ("html", "toc", "titel", "ankare", "länkar", "beroenden")


def _spår(fil) -> list | None:
    """What a conversion can use of a file it looked up."""
    return None if fil is None else [fil.src_uri, fil.url, fil.inclusion.name]


class _Inspelning:
    """The site's files as the engine's link resolution sees them, noting every lookup."""

    def __init__(self, files):
        self._files = files
        self.uppslag: dict[str, list | None] = {}
        self.annat = False
        """Whether anything but a lookup by path was asked (then the record is not enough)."""

    def get_file_from_path(self, path: str):
        fil = self._files.get_file_from_path(path)
        self.uppslag[path] = _spår(fil)
        return fil

    def __getattr__(self, namn: str):
        self.annat = True
        return getattr(self._files, namn)

    def __iter__(self):
        self.annat = True
        return iter(self._files)

    def __len__(self) -> int:
        self.annat = True
        return len(self._files)

    def __contains__(self, väg) -> bool:
        self.annat = True
        return väg in self._files


class Omvandlingar:
    """One site's view of the shared store of conversions."""

    def __init__(self, katalog: Path, variant: str, baklänges: bool = False):
        self.minne = Sidminne(katalog, delad_av=variant)
        self.variant = variant
        self.baklänges = baklänges
        self.grund = ""
        self.filgrund = ""
        self._ordning: list | None = None

    def förbered(self, grund: str, filer: str) -> None:
        """``grund``: what conversions are made with; ``filer``: every file's URL, summed."""
        self.grund, self.filgrund = grund, filer

    def _nycklar(self, page, markdown: str) -> tuple[str, str]:
        delad = nyckel(
            "omvandling",
            self.grund,
            page.file.src_uri,
            page.url,
            page.file.inclusion.name,
            markdown,
            page.meta,
        )
        return delad, nyckel(delad, self.variant, self.filgrund)

    def hämta(self, page, markdown: str, files) -> dict[str, Any] | None:
        """The stored conversion of this page, if there is one whose links resolve the same."""
        delad, egen = self._nycklar(page, markdown)
        page._styrdok_omvandling = (delad, egen, False)
        for nyckel_ in (delad, egen):
            sparat = self.minne.hämta(nyckel_)
            if not (isinstance(sparat, dict) and set(_DELAR) <= sparat.keys()):
                continue
            beroenden = sparat["beroenden"]
            if nyckel_ == egen or (
                isinstance(beroenden, dict)
                and all(_spår(files.get_file_from_path(v)) == s for v, s in beroenden.items())
            ):
                return sparat
            page._styrdok_omvandling = (delad, egen, True)  # another site's: not here
        return None

    def rendera(self, page, config, files) -> None:
        """The engine's conversion, with a recording view of the files."""
        page._styrdok_inspelning = inspelning = _Inspelning(files)
        type(page).render(page, config, inspelning)

    def lägg_tillbaka(self, page, sparat: dict[str, Any], files) -> str:
        """A stored conversion put back on the page, as mkdocs' own would have left it."""
        page.toc = get_toc(sparat["toc"])
        page._title_from_render = sparat["titel"]
        page.present_anchor_ids = set(sparat["ankare"])
        if sparat["länkar"] is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): ankare for uri, ankare in sparat["länkar"].items()
            }
        return sparat["html"]

    def spara(self, page, html: str) -> None:
        """The page's conversion (``html``: after every other handler), for the next build
        and the other site."""
        delad, egen, upptagen = page._styrdok_omvandling
        inspelning = getattr(page, "_styrdok_inspelning", None)
        if inspelning is None:
            return
        länkar = getattr(page, "links_to_anchors", None)
        värde = {
            "html": html,
            "toc": [tocpost(post) for post in page.toc],
            "titel": page._title_from_render,
            "ankare": sorted(page.present_anchor_ids or ()),
            "länkar": None
            if länkar is None
            else {f.src_uri: ankare for f, ankare in länkar.items()},
        }
        if inspelning.annat or upptagen:
            self.minne.spara(egen, {**värde, "beroenden": None})
        else:
            self.minne.spara(delad, {**värde, "beroenden": inspelning.uppslag})

    def vänd(self, files) -> None:
        """Pages converted from the last (before the engine reads them)."""
        if not self.baklänges:
            return
        self._ordning = list(files)
        for fil in reversed([f for f in self._ordning if f.is_documentation_page()]):
            files.remove(fil)
            files.append(fil)

    def återställ(self, files) -> None:
        """The engine's own order back (after every page is read, before any is written)."""
        if self._ordning is None:
            return
        nu = {id(f) for f in files}
        for fil in [f for f in self._ordning if id(f) in nu]:
            files.remove(fil)
            files.append(fil)
        kvar = {id(f) for f in self._ordning}
        for fil in [f for f in files if id(f) not in kvar]:  # added since: last, as they were
            files.remove(fil)
            files.append(fil)
        self._ordning = None


def tocpost(post) -> dict:
    return {
        "level": post.level,
        "id": post.id,
        "name": post.title,
        "children": [tocpost(b) for b in post.children],
    }
