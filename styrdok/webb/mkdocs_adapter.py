"""The only module that knows mkdocs (with its page cache, ``mkdocs_sidcache`` and
``mkdocs_omvandlingar``, and the preview's ``mkdocs_delbygge``).
``hooks/styrdok_hooks.py`` re-exports these hooks, so plain ``mkdocs build`` / ``mkdocs
serve`` work, and ``styrdok build`` drives mkdocs through :func:`bygg_webbplats` with pages
it has already generated.

To switch site engine, replace these two modules; ``webbplats`` stays.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import nh3

from styrdok.grund import sopor
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna import genereringsminne
from styrdok.karna.webbplats import INTRANÄT, PUBLIK, Bas, Webbplats
from styrdok.webb import mkdocs_utdata, sok_sammanslagning
from styrdok.webb.mkdocs_sidcache import Sidcache

_förberedd: Webbplats | None = None
"""Set by :func:`bygg_webbplats` for the duration of one mkdocs build."""

MILJÖVARIABEL = "STYRDOK_WEBBPLATS"

_TAGGAR = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "svg",
    "path",
    "title",
}
_ATTRIBUT = {
    "*": {"id", "class", "title", "lang", "aria-label", "aria-hidden", "role"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start"},
    "svg": {"viewBox", "xmlns", "width", "height", "focusable"},
    "path": {"d"},
}


def bygg_webbplats(
    webbplats: Webbplats,
    site_dir: Path,
    konfigfil: Path,
    strikt: bool = False,
    sidminne: Path | None = None,
    meddela: Callable[[str], None] = lambda _: None,
    delbygge: object | None = None,
    tidigare: Path | None = None,
    sidorna_klara: Callable[[], object] = lambda: None,
    bas: Bas | None = None,
    indexet_klart: Callable[[], object] = lambda: None,
    stommar: Path | None = None,
) -> bool:
    """Build one site variant from already generated pages into ``site_dir``.

    With ``sidminne`` (a folder), each page's Markdown conversion, template rendering and
    search entries are kept there and reused while their inputs are unchanged. With
    ``delbygge`` (a ``mkdocs_delbygge.Delbygge``), the engine's state is kept after the
    build, so that ``styrdok serve`` can make single pages again. ``tidigare``: the same site
    as built before; its search index files that are still right are reused (``sok``), and
    its files linked where they are the same (``mkdocs_utdata``), which then also builds
    into the site's folders as kept in ``stommar`` (:mod:`styrdok.grund.mappstommar`).
    ``sidorna_klara()``: called when the pages are written, before they are indexed;
    ``indexet_klart()`` when they are. ``bas``: the public site of the same build, whose
    search index is taken in where the pages are the same (``sok_sammanslagning``).
    Returns whether the site came from its inputs alone: the page cache was on (no plugin
    or hook but styrdok's own, and Material's search, handled the pages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    global _förberedd
    _förberedd = webbplats
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _visa_mkdocs_varningar()
    try:
        config = load_config(
            # mkdocs reads a relative site_dir against the config file's folder
            config_file=str(konfigfil),
            site_dir=str(Path(site_dir).resolve()),
            strict=strikt,
        )
        if sidminne is not None:
            # the intranet converts from the last page: built side by side, the two sites
            # share what they convert instead of converting the same pages at once
            config.plugins["styrdok/sidminne"] = Sidcache(
                sidminne, webbplats.variant, meddela, baklänges=webbplats.variant == INTRANÄT
            )
        if delbygge is not None:
            config.plugins["styrdok/delbygge"] = delbygge
        config.plugins.on_startup(command="build", dirty=False)
        # a page as published is linked, not written again (only with the page cache:
        # styrdok build, where the published site is the one built before)
        with mkdocs_utdata.länkade(config, tidigare if sidminne is not None else None, stommar):
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        sidorna_klara()
        sopor.frys()  # the engine's pages live to the end: the indexing does not look at them
        sok_sammanslagning.indexera(
            Path(config.site_dir),
            bas,
            webbplats.variant,
            meddela,
            tidigare=tidigare,
            minne=sidminne,
        )
        indexet_klart()
        cache = config.plugins.get("styrdok/sidminne")
        return bool(cache is not None and cache.aktiv)
    except MkDocsException as fel:
        raise StyrdokFel(f"webbplatsen ({webbplats.variant}) kunde inte byggas: {fel}") from None
    except SystemExit as fel:  # mkdocs aborts strict builds this way
        raise StyrdokFel(
            f"webbplatsen ({webbplats.variant}) kunde inte byggas (mkdocs avbröt: {fel})"
        ) from None
    finally:
        _förberedd = None


def _visa_mkdocs_varningar() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_styrdok", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        handler._styrdok = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


# --- hooks -------------------------------------------------------------------------


def on_config(config, förbered: Förbered | None = None):
    webbplats = _förberedd or _generera_för_mkdocs(config, förbered)
    config.docs_dir = str(webbplats.docs)
    config.nav = webbplats.nav
    config.site_name = webbplats.webbplatsnamn
    if webbplats.webbadress and not config.site_url:
        config.site_url = webbplats.webbadress
    if webbplats.variant == INTRANÄT:
        if _förberedd is None and Path(config.site_dir).as_posix().endswith("site/public"):
            config.site_dir = str(Path(config.site_dir).parent / "intranet")
        config.theme["palette"] = {
            "scheme": "default",
            "primary": "deep purple",
            "accent": "deep purple",
        }
    if webbplats.färg:  # the colours themselves are in the stylesheet styrdok made
        config.theme["palette"] = {"scheme": "default", "primary": "custom", "accent": "custom"}
    if webbplats.logotyp:
        config.theme["logo"] = webbplats.logotyp
    if webbplats.ikon:
        config.theme["favicon"] = webbplats.ikon
    extra = {"kommun": webbplats.kommunnamn}
    if webbplats.startsida:
        extra["startsida"] = _adress(webbplats.startsida, config.use_directory_urls)
        config.extra["homepage"] = extra["startsida"]  # the theme's logo link
    config.extra["styrdok"] = extra
    for stil in webbplats.stilar:
        if stil not in config.extra_css:
            config.extra_css.append(stil)
    for skript in webbplats.skript:
        if skript not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(skript)
    return config


def _adress(väg: str, katalogadresser: bool) -> str:
    """A page's address relative to the site's root as mkdocs gives it: ``a/index.md`` →
    ``a/``, ``a/b.md`` → ``a/b/`` (``a/index.html``, ``a/b.html`` without directory URLs)."""
    väg = väg.removesuffix(".md")
    if not katalogadresser:
        return f"{väg}.html"
    if väg == "index" or väg.endswith("/index"):
        return väg.removesuffix("index")
    return f"{väg}/"


def on_page_content(html, page, config, files):
    """Sanitize every page's HTML once more (sources are already checked)."""
    return nh3.clean(
        html,
        tags=_TAGGAR,
        attributes=_ATTRIBUT,
        link_rel=None,
        url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"},
    )


def on_post_page(output, page, config):
    """Material puts autocomplete="off" on its two hidden checkbox toggles (to keep Firefox
    from restoring an open menu on Back); the attribute is invalid on checkboxes (HTML
    checker error on every page), so it goes."""
    return output.replace(
        'type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"'
    ).replace('type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"')


def on_post_template(output_content, template_name, config):
    """The same for pages rendered from the theme alone (404.html)."""
    return (
        on_post_page(output_content, None, config)
        if template_name.endswith(".html")
        else output_content
    )


def on_serve(server, config, builder):
    server.unwatch(config.docs_dir)  # generated by us; watching it would rebuild in a loop
    genereringsminne.slå_på()  # it builds again after every change: keep what each made
    return server


Förbered = Callable[[Path, str], Webbplats]
"""``förbered(rot, variant)``: load, check and generate one variant's pages (plain mkdocs)."""


def _generera_för_mkdocs(config, förbered: Förbered | None) -> Webbplats:
    """Plain ``mkdocs build``/``serve``: the project's hooks file hands over how to generate."""
    variant = os.environ.get(MILJÖVARIABEL, PUBLIK).strip().lower().replace("intranat", INTRANÄT)
    if variant not in (PUBLIK, INTRANÄT):
        raise avbryt(f"{MILJÖVARIABEL}={variant} är okänd; använd {PUBLIK} eller {INTRANÄT}")
    if förbered is None:
        raise avbryt("hooks/styrdok_hooks.py saknar förbered; använd styrdok build")
    # docs_dir is the project's content/ until we replace it
    return förbered(Path(config.docs_dir).resolve().parent, variant)


def avbryt(meddelande: str):
    from mkdocs.exceptions import Abort

    return Abort(f"styrdok: {meddelande}")


class Mkdocsmotor:
    """mkdocs-material as the build's site engine (:class:`styrdok.karna.webbplats.Webbmotor`)."""

    def bygg_webbplats(self, *args, **kwargs) -> bool:
        return bygg_webbplats(*args, **kwargs)


MOTOR = Mkdocsmotor()
