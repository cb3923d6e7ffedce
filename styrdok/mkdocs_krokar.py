"""mkdocs hooks: a thin adapter over the styrdok package (``styrdok/webb/mkdocs_adapter.py``),
and the small composition plain ``mkdocs build`` / ``mkdocs serve`` need: how to load,
check and generate the pages, from the composition root ``styrdok.bygg``. The repository's
``hooks/styrdok_hooks.py`` links here; a project without its own mkdocs.yml gets this file
by its path inside the installed package.

Plain `mkdocs build` builds the public site; `STYRDOK_WEBBPLATS=intranät mkdocs build`
builds the intranet; either is then indexed for the search (``styrdok.webb.sok``). Like
`styrdok build` it publishes atomically: mkdocs builds into a staging folder beside
``site_dir`` (``site/.public-ny``), which replaces ``site_dir`` whole only when the build
succeeded (in strict mode: without warnings); a failed or interrupted build leaves the
published site as it was. (``--dirty`` builds in place, as asked.)
"""

from __future__ import annotations

import logging
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import event_priority

from styrdok import bygg
from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.karna import bygge, publicering
from styrdok.karna.webbplats import Webbplats
from styrdok.webb import mkdocs_adapter, sok
from styrdok.webb.mkdocs_adapter import on_page_content, on_post_page, on_post_template, on_serve

__all__ = [
    "on_build_error",
    "on_config",
    "on_page_content",
    "on_post_build",
    "on_post_page",
    "on_post_template",
    "on_serve",
    "on_shutdown",
    "on_startup",
]


def on_startup(command, dirty):
    global _på_plats, _förhandsvisning
    _på_plats = dirty
    _förhandsvisning = command == "serve"


def on_config(config):
    if _drivs_av_styrdok():
        return mkdocs_adapter.on_config(config, förbered=_förbered)
    _avsluta_steg()  # a build of `mkdocs serve` that never finished
    steg = _Steg(ExitStack(), _Räknare())
    try:
        # docs_dir is the project's content/ until the adapter replaces it
        steg.lås.enter_context(publicering.ensam(Path(config.docs_dir).resolve().parent))
        config = mkdocs_adapter.on_config(config, förbered=_förbered)
        if not _på_plats:
            steg.mål = Path(config.site_dir)
            steg.ny = publicering.ny_mapp(steg.mål.resolve())
            config.site_dir = str(steg.ny)
    except BaseException:
        steg.lås.close()
        raise
    logging.getLogger("mkdocs").addHandler(steg.varningar)
    _aktivt[0] = steg
    return config


@event_priority(-100)  # last: every other plugin has written its files
def on_post_build(config):
    steg = _aktivt[0]
    if steg is None:
        return
    if config.strict and steg.varningar.antal:
        return  # mkdocs aborts the strict build right after this; on_build_error cleans up
    try:
        # the search, as styrdok build makes it (reusing the published index's files)
        sok.indexera(Path(config.site_dir), tidigare=steg.mål if steg.ny is not None else None)
        if steg.ny is not None:
            publicering.byt_ut(steg.mål.resolve(), steg.ny)
            config.site_dir = str(steg.mål)
            steg.ny = None
    except StyrdokFel as fel:
        raise mkdocs_adapter.avbryt(fel.meddelande) from None
    finally:
        _avsluta_steg()


def on_build_error(error):  # noqa: ARG001
    steg = _aktivt[0]
    if steg is not None and steg.ny is not None:
        print(f"styrdok: webbplatsen byggdes inte; {steg.mål} är orörd", file=sys.stderr)
    _avsluta_steg()


def on_shutdown():
    _avsluta_steg()


def _förbered(rot: Path, variant: str) -> Webbplats:
    """Load, check and generate; with the Word and PDF files an earlier build made (changed
    ones made again), or for ``mkdocs serve`` those the cache has, none made."""
    docs = rot / "build" / "mkdocs" / variant
    if _förhandsvisning:
        try:
            förhandsvisning = bygge.förhandsvisa(rot, bygg.DELAR, variant, docs)
        except bygge.StyrdokFelMedRapport as fel:
            fel.rapport.skriv()
            raise mkdocs_adapter.avbryt(
                f"källorna har {fel.rapport.antal_fel} fel; rätta dem och spara igen"
            ) from None
        förhandsvisning.rapport.skriv()
        return förhandsvisning.webbplats
    rapport = Rapport()
    korpus = bygg.ladda_och_validera(rot, rapport)
    rapport.skriv()
    if korpus is None or rapport.har_fel():
        raise mkdocs_adapter.avbryt(
            f"källorna har {rapport.antal_fel} fel; rätta dem och bygg igen"
        )
    try:
        return bygge.generera_med_dokument(korpus, variant, docs, _meddela)
    except StyrdokFel as fel:
        raise mkdocs_adapter.avbryt(fel.meddelande) from None


def _meddela(text: str) -> None:
    print(f"styrdok: {text}", file=sys.stderr, flush=True)


# --- the staging folder of one plain mkdocs build ------------------------------------

_på_plats = False
"""``--dirty``: mkdocs updates site_dir in place, as the user asked."""
_förhandsvisning = False
"""``mkdocs serve``: no Word or PDF file is made, those in the cache are shown."""


class _Räknare(logging.Handler):
    """mkdocs' own count of warnings (for ``--strict``) is out of reach; this is the same."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.antal = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.antal += 1


@dataclass
class _Steg:
    lås: ExitStack
    varningar: _Räknare
    mål: Path | None = None
    ny: Path | None = None


_aktivt: list[_Steg | None] = [None]


def _avsluta_steg() -> None:
    """Drop what was not published and let other builds of the project go on."""
    steg, _aktivt[0] = _aktivt[0], None
    if steg is None:
        return
    logging.getLogger("mkdocs").removeHandler(steg.varningar)
    if steg.ny is not None:
        publicering.släpp(steg.ny)
    steg.lås.close()


def _drivs_av_styrdok() -> bool:
    """``styrdok build`` and ``styrdok serve`` run mkdocs with their own staging and lock."""
    return getattr(mkdocs_adapter, "_förberedd", None) is not None
