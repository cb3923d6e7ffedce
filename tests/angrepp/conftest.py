"""Attacks and careless inputs against a copy of the example kommun: each either gives one
Swedish ``path:line:col: fel:`` (and nothing is built), or builds with the harm absent."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import exempel, ändra  # noqa: F401 (shared with every test; re-exported)

PROJEKT = Path(__file__).resolve().parents[2]
DIAGNOS = re.compile(r"^(content/[^:]+):(\d+):(\d+): fel: (.+)$")


def fel(rot: Path) -> list[str]:
    """Every error `styrdok check` reports, as ``path:line:col: fel: ...`` lines."""
    from styrdok.bygg import kontrollera

    return [str(d) for d in kontrollera(rot).diagnoser if d.nivå == "fel"]
