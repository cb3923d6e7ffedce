"""Small helpers shared by the PDF and Word writers."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna.utdata import DokumentVy


def tidsstämpel(vy: DokumentVy) -> datetime | None:
    """The document's date as a UTC datetime, never the clock.

    ``vy.datum`` wins; without it, ``SOURCE_DATE_EPOCH`` (reproducible builds)
    is honoured; otherwise there is no date at all.
    """
    if vy.datum:
        try:
            dag = datetime.fromisoformat(vy.datum)
        except ValueError:
            raise StyrdokFel(
                f"ogiltigt datum '{vy.datum}' (väntade ÅÅÅÅ-MM-DD)", vy.källfil
            ) from None
        return dag.replace(tzinfo=dag.tzinfo or UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return None


def plats_i_källan(vy: DokumentVy, nål: str) -> tuple[int, int]:
    """Line and column (1-based) of ``nål`` in the source file, best effort.

    The body is only a part of the source (front matter comes first), so the
    source file itself is searched; the body is the fallback.
    """
    for text in (_läs_källa(vy.källfil), vy.brödtext):
        index = text.find(nål) if text else -1
        if index >= 0:
            rad = text.count("\n", 0, index) + 1
            kolumn = index - (text.rfind("\n", 0, index) + 1) + 1
            return rad, kolumn
    return 1, 1


def _läs_källa(källfil: Path) -> str:
    try:
        return Path(källfil).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
