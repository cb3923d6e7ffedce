"""A content-addressed store for the site engine's per-page work, kept between builds.

Each entry is a JSON value saved as ``<katalog>/<nyckel>.json``; the key is a sha256 over
everything the value was made from, so an entry is never stale: it is found or it is not.
Not compressed: a warm build reads every page's two entries in each site's process, and
unpacking them cost ~0.07 s of the ~0.13 s that reading took per 826 pages (measured; the
store holds about three times the bytes, ~60 MB at 1,000 documents). A lost, broken or
foreign file only costs time (it reads as a miss).
After a successful build :meth:`Sidminne.städa` removes the entries that build did not
use, so the store holds one build's worth of pages, not every version ever made. A store
shared by several sites (``delad_av``: this site's name) keeps what any of them used in its
last build (each writes its list to ``.använda-<site>.json``), and anything written in the last
ten minutes (by a site still building).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from styrdok.grund.filer import skriv_atomiskt


def nyckel(*delar: object) -> str:
    """A sha256 over the parts, each as stable JSON (sorted keys; mappings as dicts, sets
    sorted, other values as str)."""
    summa = hashlib.sha256()
    for del_ in delar:
        summa.update(
            json.dumps(del_, sort_keys=True, ensure_ascii=False, default=_som_json).encode("utf-8")
        )
        summa.update(b"\0")
    return summa.hexdigest()


def _som_json(värde: object) -> object:
    if isinstance(värde, Mapping):
        return {str(k): v for k, v in värde.items()}
    if isinstance(värde, (set, frozenset)):
        return sorted(str(v) for v in värde)
    return str(värde)


_ÄNDELSE = ".json"
_NYLIGEN_S = 600
"""How long an entry of a shared store is kept even if no site's list names it."""


class Sidminne:
    def __init__(self, katalog: Path, delad_av: str | None = None):
        self.katalog = katalog
        self.delad_av = delad_av
        self.använda: set[str] = set()
        self.träffar = 0
        self.missar = 0

    def _fil(self, nyckel_: str) -> Path:
        return self.katalog / f"{nyckel_}{_ÄNDELSE}"

    def hämta(self, nyckel_: str) -> Any | None:
        try:
            värde = json.loads(self._fil(nyckel_).read_bytes())
        except (OSError, ValueError):
            self.missar += 1
            return None
        self.använda.add(nyckel_)
        self.träffar += 1
        return värde

    def spara(self, nyckel_: str, värde: Any) -> None:
        """Written atomically, so a killed build leaves no half entry."""
        data = json.dumps(värde, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        skriv_atomiskt(self._fil(nyckel_), data)
        self.använda.add(nyckel_)

    def städa(self) -> None:
        if not self.katalog.is_dir():
            return
        behåll, gräns = self.använda, None
        if self.delad_av is not None:
            skriv_atomiskt(
                self.katalog / f".använda-{self.delad_av}.json",
                json.dumps(sorted(self.använda)).encode("utf-8"),
            )
            behåll = set(behåll)
            for lista in self.katalog.glob(".använda-*.json"):
                try:
                    behåll.update(json.loads(lista.read_bytes()))
                except (OSError, ValueError):
                    continue
            gräns = time.time() - _NYLIGEN_S
        for fil in self.katalog.iterdir():
            namn = fil.name
            if namn.startswith("."):  # a temporary file left by a killed build, or a list
                skräp = not _lista(namn)
            elif namn.endswith(_ÄNDELSE):
                skräp = namn[: -len(_ÄNDELSE)] not in behåll
            else:  # an entry as an earlier styrdok stored it (compressed, .json.z)
                skräp = namn.endswith(".json.z")
            if skräp and (gräns is None or _ändrad(fil) < gräns) and fil.is_file():
                fil.unlink(missing_ok=True)


def _lista(namn: str) -> bool:
    return namn.startswith(".använda-") and namn.endswith(".json")


def _ändrad(fil: Path) -> float:
    try:
        return fil.stat().st_mtime
    except OSError:
        return float("inf")
