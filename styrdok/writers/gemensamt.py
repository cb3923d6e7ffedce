"""Small helpers shared by the PDF and Word writers."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.vy import DokumentVy


def mallkatalog(mallar: Path, format: str) -> Path:
    """The folder with one format's templates.

    ``mallar`` is normally the templates root (holding ``pdf/`` and ``word/``);
    a path that already is the format's folder is accepted too, so callers that
    pass ``templates/pdf`` directly do not break.
    """
    mallar = Path(mallar)
    if (mallar / format).is_dir():
        return mallar / format
    if mallar.name == format and mallar.is_dir():
        return mallar
    raise StyrdokFel(f"mallkatalogen för {format} saknas: {mallar / format}", mallar / format)


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


def kontrollera_logotyp(vy: DokumentVy) -> Path | None:
    """The logo's resolved path, or None; a missing or escaping logo is a user error."""
    if vy.logotyp is None:
        return None
    logotyp = Path(vy.logotyp)
    if not logotyp.is_file():
        raise StyrdokFel(f"logotypen finns inte: {logotyp}", logotyp)
    sökväg = logotyp.resolve()
    if not sökväg.is_relative_to(Path(vy.innehållsrot).resolve()):
        raise StyrdokFel(f"logotypen ligger utanför innehållskatalogen: {logotyp}", logotyp)
    return sökväg
