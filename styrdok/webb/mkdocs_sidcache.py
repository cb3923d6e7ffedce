"""Reuse mkdocs' per-page work between builds: the site engine's half of the incremental build.

In a warm build almost every page is unchanged, yet mkdocs converts its Markdown, renders
the theme's templates around it and parses it for the search index again: that was nine
tenths of a one-document rebuild. This plugin, which :func:`mkdocs_adapter.bygg_webbplats`
adds to ``styrdok build`` only, keeps the results of two steps, and a third step skips
both for a page that is as it was:

1. **Innehåll** (after ``on_page_content``): the page's HTML, table of contents, title
   and anchors, in a store both sites share (:mod:`mkdocs_omvandlingar`: keyed by the
   page's Markdown and front matter, its path and URL, and what the conversion is made
   with: engine, styrdok and Python versions, the code that makes pages (this module, the
   adapter, the project's hooks, local Markdown extensions), the Markdown extensions'
   settings, directory URLs, link validation and every plugin's settings; used where every
   link it resolved resolves the same). A hit turns the Markdown into "" and mkdocs'
   conversion into nothing, then puts the stored HTML back.
2. **Sida** (after ``on_post_page``): the finished HTML file and the page's search-index
   entries, in the site's own :class:`Sidminne`, keyed by the *grund* (all of the above,
   the whole site configuration, the theme and its override files, every file's URL), the
   whole navigation (titles and URLs: every page shows it), and the page's URL, title,
   content, table of contents and front matter. A hit renders an empty template, and the
   stored output replaces it at the very end (``on_post_page``, last), so no handler runs
   twice on it.
3. **Genväg** (:mod:`mkdocs_genvagar`): a page whose file is the one the last build read is
   not read, converted or keyed; its output is taken by the key the last build recorded.

A page that logs a warning while it is made is not stored, so warnings (and ``--strict``)
come back on every build. The tests build the same sites with and without the store and
require byte-identical output.

The cache stays off when any plugin or hook other than styrdok's own and Material's search
handles a page event: it could not know what such code does with a page.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from styrdok import __version__
from styrdok.grund import sopor
from styrdok.grund.filer import katalogsumma
from styrdok.webb import mkdocs_utdata
from styrdok.webb.mkdocs_genvagar import ÄNDELSE, Genvägar
from styrdok.webb.mkdocs_omvandlingar import Omvandlingar, tocpost
from styrdok.webb.sidminne import Sidminne, nyckel

MALL = "styrdok-sparad-sida.html"
_SCHEMA = 2
_PAKET = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "nh3", "jinja2")
_KONFIG = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "use_directory_urls",
    "extra",
    "extra_css",
    "extra_javascript",
    "extra_templates",
    "markdown_extensions",
    "mdx_configs",
    "repo_url",
    "repo_name",
    "edit_uri",
    "edit_uri_template",
    "docs_dir",
    "validation",
)
_OMVANDLINGENS = ("markdown_extensions", "mdx_configs", "use_directory_urls", "validation")
"""What of the site configuration mkdocs converts a page's Markdown with."""


class _Varningar(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.antal = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.antal += 1


class Sidcache(BasePlugin):
    def __init__(
        self,
        katalog: Path,
        variant: str,
        meddela: Callable[[str], None] = lambda _: None,
        baklänges: bool = False,
    ):
        """``katalog``: the site's own store; conversions go to ``omvandlingar/`` beside it,
        shared with the other site. ``baklänges``: convert the pages from the last."""
        super().__init__()
        self.minne = Sidminne(katalog)
        self.genvägar = Genvägar(katalog.parent / f"{katalog.name}{ÄNDELSE}")
        self.omvandlingar = Omvandlingar(katalog.parent / "omvandlingar", variant, baklänges)
        self.variant = variant
        self.meddela = meddela
        self.återanvända = 0
        self.gjorda = 0
        self.grund = ""
        self.navigering = ""
        self.nav = None
        self.config = None
        self.files = None
        self.aktiv = True
        self.varningar = _Varningar()

    # --- the build's frame ---------------------------------------------------------

    def on_startup(self, *, command, dirty):
        logging.getLogger("mkdocs").addHandler(self.varningar)

    def on_shutdown(self):
        logging.getLogger("mkdocs").removeHandler(self.varningar)

    def on_files(self, files, *, config):
        docs = Path(config.docs_dir).resolve()
        for fil in files:
            if (
                not fil.is_documentation_page()
                and fil.abs_src_path
                and Path(fil.abs_src_path).is_relative_to(docs)
            ):
                fil.copy_file = functools.partial(_länka, fil, fil.copy_file)
        främmande = mkdocs_utdata.främmande(config, mkdocs_utdata.SIDHÄNDELSER)
        if främmande:
            self.aktiv = False
            self.meddela(
                f"  {config.site_name}: sidcachen används inte, eftersom {', '.join(främmande)} "
                "också hanterar sidorna"
            )
            return files
        omvandling = nyckel(
            _SCHEMA,
            __version__,
            sys.version,
            _versioner(),
            _källsummor(config),
            {k: config.get(k) for k in _OMVANDLINGENS},
            {
                namn: getattr(p, "config", None)
                for namn, p in config.plugins.items()
                if p is not self
            },
            # mkdocs records links to anchors only above DEBUG; they are stored with the page
            logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG,
        )
        filer = nyckel(sorted((f.src_uri, f.url) for f in files))
        self.omvandlingar.förbered(omvandling, filer)
        self.grund = nyckel(
            omvandling,
            self.variant,
            {k: config.get(k) for k in _KONFIG},
            dict(config.theme),
            katalogsumma(Path(config.theme.custom_dir)) if config.theme.custom_dir else "",
            filer,
        )
        self.genvägar.börja(self.grund)
        return files

    def on_env(self, env, *, config, files):
        from jinja2 import ChoiceLoader, DictLoader, FileSystemBytecodeCache

        if not self.aktiv:
            return env
        self.omvandlingar.återställ(files)
        env.loader = ChoiceLoader(
            [DictLoader({MALL: ""}), env.loader]
        )  # stored pages: on_post_page returns them
        # the theme's templates compiled once, not on every build (jinja checks each source's checksum)
        (self.minne.katalog / "jinja").mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(self.minne.katalog / "jinja"))
        self.navigering = (
            nyckel([_navpost(post) for post in self.nav.items]) if self.nav is not None else ""
        )
        sök = _sökindex(config)
        if sök is not None:
            _fånga_sökposter(sök)
        self.config, self.files = config, files
        self.förbered_sidor(files)
        return env

    def on_nav(self, nav, *, config, files):
        self.nav = nav  # its signature is taken in on_env, when every page's title is known
        sopor.frys()  # the files and pages live to the build's end (grund/sopor)
        if self.aktiv:
            self.genvägar.navigeringen(nav)
            self.omvandlingar.vänd(files)  # the last event before mkdocs reads the pages
        return nav

    def on_post_build(self, *, config):
        if not self.aktiv:
            return
        if self.files is not None:
            self.genvägar.spara(self.grund, self.navigering, self.files, self.minne.använda)
        self.minne.städa()
        self.omvandlingar.minne.städa()
        self.meddela(
            f"  {config.site_name}: {self.gjorda} {'sida' if self.gjorda == 1 else 'sidor'} gjordes, "
            f"{self.återanvända} återanvändes"
        )

    # --- step 1: Markdown → HTML -----------------------------------------------------

    def on_pre_page(self, page, *, config, files):
        if not self.aktiv:
            return page
        page._styrdok_varningar = self.varningar.antal
        return page

    def on_page_read_source(self, *, page, config):
        # "": a page as the last build read it is not read (mkdocs_genvagar)
        return "" if self.aktiv and self.genvägar.ta(page) else None

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.aktiv:
            return markdown
        if self.genvägar.tagen(page) is not None:
            page.render = functools.partial(_hoppa_över_rendering, page)
            return ""
        sparat = self.omvandlingar.hämta(page, markdown, files)
        if sparat is not None:
            page._styrdok_innehåll = sparat
            page.render = functools.partial(
                _hoppa_över_rendering, page
            )  # the stored HTML goes back in on_page_content
            return ""
        page._styrdok_innehåll = None
        page.render = functools.partial(self.omvandlingar.rendera, page)  # links recorded
        return markdown

    @event_priority(-100)  # last: the stored HTML is what every handler before made of the page
    def on_page_content(self, html, *, page, config, files):
        if not self.aktiv:
            return html
        if self.genvägar.tagen(page) is not None:
            self.genvägar.lägg_på(page, files)
            return ""
        sparat = getattr(page, "_styrdok_innehåll", None)
        if sparat is not None:  # stored only when made without a warning, and its links
            page._styrdok_utan_varning = True  # resolve the same: none now either
            return self.omvandlingar.lägg_tillbaka(page, sparat, files)
        if self.varningar.antal == getattr(page, "_styrdok_varningar", -1):
            page._styrdok_utan_varning = True
            self.omvandlingar.spara(page, html)
        return html

    # --- step 2: the finished page ---------------------------------------------------

    def on_page_context(self, context, *, page, config, nav):
        page._styrdok_varningar = self.varningar.antal
        return context

    @event_priority(
        -100
    )  # last: the stored output is the finished file, not run through the handlers twice
    def on_post_page(self, output, *, page, config):
        sparat = getattr(page, "_styrdok_sida", None)
        if sparat is not None:
            return sparat["utdata"]
        nyckel_ = getattr(page, "_styrdok_sida_nyckel", None)
        if nyckel_ and self.varningar.antal == getattr(page, "_styrdok_varningar", -1):
            self.minne.spara(
                nyckel_, {"utdata": output, "sök": getattr(page, "_styrdok_sökposter", None)}
            )
        return output

    def sidnyckel(self, page) -> str:
        return nyckel(
            "sida",
            self.grund,
            self.navigering,
            page.url,
            page.file.src_uri,
            page.title,
            hashlib.sha256((page.content or "").encode("utf-8")).hexdigest(),
            [tocpost(post) for post in page.toc],
            page.meta,
        )

    def förbered_sidor(self, files) -> None:
        """Decide, for every page, whether its finished output is stored (after all are read)."""
        for fil in files.documentation_pages():
            page = fil.page
            if page is None or page.content is None:
                continue
            tagen = self.genvägar.tagen(page) is not None
            taget = tagen and self.genvägar.lagrad(
                page, self.navigering, self.minne, self.omvandlingar.minne, _hel
            )
            if not taget:
                if tagen:  # its output keyed otherwise now, or gone: read after all
                    self.genvägar.tillbaka(page, self.config, files)
                taget = (nyckel_ := self.sidnyckel(page), self.minne.hämta(nyckel_))
            page._styrdok_sida_nyckel, sparat = taget
            if _hel(sparat):
                page._styrdok_sida = sparat
                page.meta["template"] = MALL
                self.återanvända += 1
            else:
                page._styrdok_sida = None
                self.gjorda += 1


def _hel(sparat: object) -> bool:  # a stored page whole: its output and search entries
    return isinstance(sparat, dict) and "utdata" in sparat and "sök" in sparat


def _hoppa_över_rendering(page, config, files) -> None:
    page.content = ""


def _länka(fil, kopiera, dirty: bool = False) -> None:
    """A file from the generated pages folder (Word, PDF, zip, calendars, styles) goes into the
    site as a hard link, not a copy; no file there is ever changed in place, only replaced."""
    mål = fil.abs_dest_path
    os.makedirs(os.path.dirname(mål), exist_ok=True)
    try:
        os.link(fil.abs_src_path, mål)
    except OSError:
        kopiera(dirty)


def _fånga_sökposter(plugin) -> None:
    """Wrap the search plugin's indexing of one page: stored pages add their stored entries,
    new pages record theirs for the store."""
    index = plugin.search_index
    original = index.add_entry_from_context

    def lägg_till(page):
        sparat = getattr(page, "_styrdok_sida", None)
        if sparat is not None and sparat.get("sök") is not None:
            index.entries.extend(sparat["sök"])
            return
        före = len(index.entries)
        original(page)
        page._styrdok_sökposter = index.entries[före:]

    index.add_entry_from_context = lägg_till


def _sökindex(config):
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(
            plugin.search_index, "add_entry_from_context"
        ):
            return plugin
    return None


def _navpost(post) -> list:
    """What the theme shows of a nav item on every page: title, URL, front matter (icons,
    status), children."""
    return [
        type(post).__name__,
        post.title,
        getattr(post, "url", None),
        getattr(post, "meta", None),
        [_navpost(barn) for barn in (getattr(post, "children", None) or [])],
    ]


def _versioner() -> dict[str, str]:
    versioner = {}
    for paket in _PAKET:
        try:
            versioner[paket] = metadata.version(paket)
        except metadata.PackageNotFoundError:
            versioner[paket] = ""
    return versioner


def _källsummor(config) -> list[str]:
    """The code that makes pages: this module, the adapter, the project's hooks and the Markdown
    extensions outside Python-Markdown itself (a change there is a change of inputs)."""
    filer = [Path(__file__), Path(__file__).with_name("mkdocs_adapter.py")]
    filer += [
        Path(modul.__file__)
        for modul in (config.get("hooks") or {}).values()
        if getattr(modul, "__file__", None)
    ]
    for tillägg in config.markdown_extensions:
        modul = sys.modules.get(tillägg) if isinstance(tillägg, str) else None
        if (
            modul is not None
            and getattr(modul, "__file__", None)
            and not tillägg.startswith("markdown.")
        ):
            filer.append(Path(modul.__file__))
    return [hashlib.sha256(fil.read_bytes()).hexdigest() for fil in filer]
