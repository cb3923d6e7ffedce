"""mkdocs hooks: a thin adapter over the styrdok package (see styrdok/mkdocs_adapter.py).

Plain `mkdocs build` builds the public site; `STYRDOK_WEBBPLATS=intranät mkdocs build`
builds the intranet.
"""

from styrdok.mkdocs_adapter import (
    on_config,
    on_page_content,
    on_post_page,
    on_post_template,
    on_serve,
)

__all__ = ["on_config", "on_page_content", "on_post_page", "on_post_template", "on_serve"]
