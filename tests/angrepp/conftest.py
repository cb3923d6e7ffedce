"""Attacks and careless inputs against a copy of the example kommun: each either gives one
Swedish ``path:line:col: fel:`` (and nothing is built), or builds with the harm absent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

PROJEKT = Path(__file__).resolve().parents[2]
DIAGNOS = re.compile(r"^(content/[^:]+):(\d+):(\d+): fel: (.+)$")


@pytest.fixture
def exempel(tmp_path: Path) -> Path:
    """A fresh copy of the example's content/ (and nothing else: styrdok's own templates)."""
    shutil.copytree(PROJEKT / "content", tmp_path / "content")
    return tmp_path


def ändra(rot: Path, fil: str, gammalt: str, nytt: str) -> None:
    """Replace exactly one occurrence of ``gammalt`` in content/``fil``."""
    sökväg = rot / "content" / fil
    text = sökväg.read_text(encoding="utf-8")
    assert text.count(gammalt) == 1, f"{gammalt!r} finns {text.count(gammalt)} gånger i {fil}"
    sökväg.write_text(text.replace(gammalt, nytt), encoding="utf-8")


def fel(rot: Path) -> list[str]:
    """Every error `styrdok check` reports, as ``path:line:col: fel: ...`` lines."""
    from styrdok.bygg import kontrollera

    return [str(d) for d in kontrollera(rot).diagnoser if d.nivå == "fel"]
