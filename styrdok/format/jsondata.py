"""Tables as JSON: a list of objects, one per row, keys in column order; stable bytes."""

from __future__ import annotations

import json

from styrdok.karna.format import Filformat
from styrdok.karna.utdata import Tabell


def serialisera(tabell: Tabell) -> bytes:
    rader = [dict(zip(tabell.kolumner, rad, strict=True)) for rad in tabell.rader]
    return (json.dumps(rader, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


FORMAT = Filformat(".json", Tabell, serialisera)
