"""Numbers as Swedes write them: read 78,5 and 78.5, show 78,5 with a non-breaking space before the unit."""

from __future__ import annotations

import re
from typing import Any

_TAL = re.compile(r"^[-+]?\d+([.,]\d+)?$")


def till_tal(värde: Any) -> Any:
    """Accept 78.5, 78 and the Swedish 78,5; refuse anything else with a Swedish reason."""
    if isinstance(värde, bool) or värde is None:
        raise ValueError(f"ska vara ett tal, t.ex. 78,5, inte {_beskriv(värde)}")
    if isinstance(värde, (int, float)):
        return float(värde)
    if isinstance(värde, str):
        text = värde.strip().replace("\u00a0", "").replace(" ", "").replace("−", "-")
        if _TAL.match(text):
            return float(text.replace(",", "."))
    raise ValueError(f"ska vara ett tal, t.ex. 78,5, inte {_beskriv(värde)}")


def _beskriv(värde: Any) -> str:
    if värde is None:
        return "ett tomt värde"
    if isinstance(värde, bool):
        return "ja/nej"
    if isinstance(värde, (dict, list)):
        return "en lista eller nycklar"
    return repr(värde)


def visa_tal(tal: float | None, enhet: str = "") -> str:
    """78.5 → ``78,5``; whole numbers without decimals; a non-breaking space before the unit."""
    if tal is None:
        return "–"
    text = f"{tal:.1f}".rstrip("0").rstrip(".") if tal != int(tal) else str(int(tal))
    text = text.replace(".", ",").replace("-", "−")
    return f"{text}\u00a0{enhet}" if enhet else text
