"""mkdocs hooks: a thin adapter over the styrdok package (``styrdok/webb/mkdocs_adapter.py``),
and the small composition plain ``mkdocs build`` / ``mkdocs serve`` need: how to load,
check and generate the pages, from the composition root ``styrdok.bygg``. The repository's
``hooks/styrdok_hooks.py`` links here; a project without its own mkdocs.yml gets this file
by its path inside the installed package.

Plain `mkdocs build` builds the public site; `STYRDOK_WEBBPLATS=intranät mkdocs build`
builds the intranet.
"""

from pathlib import Path

from styrdok import bygg
from styrdok.grund.diagnostik import Rapport
from styrdok.karna.webbplats import Webbplats
from styrdok.webb import mkdocs_adapter
from styrdok.webb.mkdocs_adapter import on_page_content, on_post_page, on_post_template, on_serve

__all__ = ["on_config", "on_page_content", "on_post_page", "on_post_template", "on_serve"]


def on_config(config):
    return mkdocs_adapter.on_config(config, förbered=_förbered)


def _förbered(rot: Path, variant: str) -> Webbplats:
    rapport = Rapport()
    korpus = bygg.ladda_och_validera(rot, rapport)
    rapport.skriv()
    if korpus is None or rapport.har_fel():
        raise mkdocs_adapter.avbryt(
            f"källorna har {rapport.antal_fel} fel; rätta dem och bygg igen"
        )
    return bygg.generera_sidor(korpus, variant, rot / "build" / "mkdocs" / variant)
