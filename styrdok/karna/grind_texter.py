"""The gate's kept texts (``grind_minne``): each artefact's normalized text, so that a
string searched for the first time is looked for in what was read before."""

from __future__ import annotations

import os
import zlib
from pathlib import Path


class Texter:
    """The artefacts' texts kept between builds: appended to one file, each found by its
    place, length and checksum (kept with what it holds, ``grind_minne``), so an edit writes
    only what is new; what builds no longer use stays until it is half the file, which is
    then written anew. A text that is not where it was said to be (the file removed or
    changed by hand) is lost, and its artefact is read again."""

    def __init__(self, fil: Path, platser: dict[str, tuple[int, int, int]]):
        self.fil = fil
        self.platser = {str(n): (int(a), int(b), int(c)) for n, (a, b, c) in platser.items()}
        """Each kept text: (start, length, crc32) in the file."""
        self.nya: dict[str, bytes] = {}
        """The texts read in this build (normalized, UTF-8)."""
        self._data: bytes | None = None

    def hämta(self, nyckel: str) -> bytes | None:
        if (text := self.nya.get(nyckel)) is not None:
            return text
        if (plats := self.platser.get(nyckel)) is None:
            return None
        if self._data is None:
            try:
                self._data = self.fil.read_bytes()
            except OSError:
                self._data = b""
        start, längd, summa = plats
        text = self._data[start : start + längd]
        return text if len(text) == längd and zlib.crc32(text) == summa else None

    def spara(self, behåll: set[str]) -> dict[str, tuple[int, int, int]]:
        """Keep the texts of ``behåll`` (those known); their places."""
        platser = {n: p for n, p in self.platser.items() if n in behåll}
        nya = {n: self.nya[n] for n in sorted(behåll - platser.keys()) if n in self.nya}
        try:
            storlek = self.fil.stat().st_size
        except OSError:
            storlek = 0
        levande = sum(p[1] for p in platser.values()) + sum(map(len, nya.values()))
        if storlek > 2 * levande + (1 << 20):  # mostly unused: written anew
            kvar = {n: t for n in sorted(platser) if (t := self.hämta(n)) is not None}
            platser, nya, storlek = {}, {**kvar, **nya}, 0
        if nya:
            self.fil.parent.mkdir(parents=True, exist_ok=True)
            with open(self.fil, "r+b" if storlek else "wb") as f:
                start = f.seek(0, os.SEEK_END)
                for nyckel, text in nya.items():
                    f.write(text)
                    platser[nyckel] = (start, len(text), zlib.crc32(text))
                    start += len(text)
        return platser
