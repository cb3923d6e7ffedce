"""A kommun's project needs only ``content/``. Its own ``templates/`` (site styles, PDF and
Word templates) and ``mkdocs.yml`` are optional: without them styrdok uses its own, so a
kommun changes its look by adding just the files it wants to replace, folder by folder."""

from __future__ import annotations

import re
from pathlib import Path

PAKET = Path(__file__).resolve().parents[1]
MALLAR = PAKET / "mallar"
"""styrdok's own templates (site styles and theme overrides, PDF, Word), inside the package,
so that a normal install has them; the repository's top-level templates/ links here."""
STANDARDKONFIG = PAKET / "webb" / "mkdocs.yml"
"""The site engine's configuration a project without its own mkdocs.yml gets."""
KROKAR = PAKET / "mkdocs_krokar.py"
"""The site engine's hooks file (the repository's hooks/styrdok_hooks.py links here)."""


def cachemapp(rot: Path) -> Path:
    """What earlier builds made, kept to be reused: Word and PDF files, and the site engine's pages."""
    return rot / "build" / "cache"


def mallar(rot: Path) -> Path:
    """The project's templates/ when it has one, else styrdok's own."""
    egen = rot / "templates"
    return egen if egen.is_dir() else MALLAR


def konfigfil(rot: Path) -> Path:
    """The project's mkdocs.yml, or one made from styrdok's own with absolute paths, so
    that a project holding only content/ builds like any other."""
    egen = rot / "mkdocs.yml"
    if egen.is_file():
        return egen
    rot = rot.resolve()  # the generated file lives in build/: its paths must not be relative
    text = STANDARDKONFIG.read_text(encoding="utf-8")
    text = text.replace(
        "custom_dir: templates/overrides", f"custom_dir: {mallar(rot) / 'overrides'}"
    )
    text = text.replace("  - hooks/styrdok_hooks.py", f"  - {KROKAR}")
    text = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {rot / 'content'}", text)
    text = re.sub(r"(?m)^site_dir: .*$", f"site_dir: {rot / 'site' / 'public'}", text)
    text = re.sub(r"(?ms)^watch:\n(  - .*\n)+", f"watch:\n  - {rot / 'content'}\n", text)
    ut = rot / "build" / "mkdocs.yml"
    ut.parent.mkdir(parents=True, exist_ok=True)
    if not ut.is_file() or ut.read_text(encoding="utf-8") != text:
        ut.write_text(text, encoding="utf-8")
    return ut
