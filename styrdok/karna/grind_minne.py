"""The gate's memory and its reading of files (``karna/grind``): what each artefact holds of
the searched strings, kept by content between builds, and the files read in parallel.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from styrdok.grund.filer import OSÄKER_TID_NS, filtillstånd, skriv_atomiskt
from styrdok.grund.normalisering import snabb
from styrdok.karna.grind_text import Oläslig, läs
from styrdok.karna.rendering import dö_med_föräldern

VERSION = 2
"""How files are read; a change reads every file again in the next build."""
Fynd = tuple[str, int]
"""(description, index of the searched string, or ``ALLTID``)."""


@dataclass(frozen=True)
class Sökt:
    fras: str
    """Normalized (``grund/normalisering.fras``)."""
    vad: str
    """For the message: "sekretessärendets rubrik", "intranätdokumentets titel" ..."""
    källa: str
    ordtecken: str = ""
    """What continues a word besides letters and digits: for a path, ``-`` and ``_`` (the
    intranet's ``riktlinje-for-lan`` is not in the public ``riktlinje-for-lan-vid-bokslut``)."""


ALLTID = -1
"""A finding that stops both sites: a secret file, a file that cannot be read."""
MAX_DJUP = 8
"""Containers within containers (a zip in a zip ...) read before a file counts as unreadable."""
_OLÄST = "inget publicerades, eftersom ingen fil publiceras utan att ha granskats"


class Minne:
    """What each artefact (by content) holds of all the searched strings, within a build and
    between builds (kept while the searched strings are the same): a file on both sites, in
    a zip and in the render cache is read once."""

    def __init__(self, katalog: Path, sökta: list[Sökt], filer: set[str]):
        self.fil = katalog / "grind.json"
        self.sökta = sökta
        self.filer = filer
        self.alltid: list[tuple[int, Sökt]] = []
        """The strings without a letter or digit: searched for in every text."""
        self.per_ord: dict[str, list[tuple[int, Sökt]]] = {}
        """The others by their rarest word (a run of letters and digits in the fewest searched
        strings; the longest of those): a text that holds a string as whole words holds each
        of its runs as a run of its own, so only a text that has that run is searched for it.
        A common word (»för« in »Riktlinje för …«) would make every page a candidate."""
        antal = Counter(o for sökt in sökta for o in set(_ORD.findall(sökt.fras)))
        for i, sökt in enumerate(sökta):
            if ord_ := _ORD.findall(sökt.fras):
                sällsyntast = min(ord_, key=lambda o: (antal[o], -len(o), o))
                self.per_ord.setdefault(sällsyntast, []).append((i, sökt))
            else:
                self.alltid.append((i, sökt))
        nyckel = json.dumps(
            [VERSION, [(s.fras, s.vad, s.källa, s.ordtecken) for s in sökta], sorted(filer)],
            ensure_ascii=False,
        )
        self.nyckel = hashlib.sha256(nyckel.encode()).hexdigest()
        try:
            data = json.loads(self.fil.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        sparade = data.get("svar", {}) if data.get("nyckel") == self.nyckel else {}
        self.svar: dict[str, list[Fynd]] = {
            n: [(str(b), int(i)) for b, i in fynd] for n, fynd in sparade.items()
        }
        self.använda: set[str] = set()
        self.lås = threading.Lock()
        self.identiteter: dict[str, str] = {
            str(k): str(v) for k, v in (data.get("identiteter") or {}).items()
        }
        """A file's identity (device, inode, size, time) → its content's key, from earlier
        builds: a document linked from the render cache and a search index file linked from
        the previous site (never written into, only replaced) are the same inode build after
        build, and are not read again. Only identities whose time was over
        ``OSÄKER_TID_NS`` old when the content was read are kept (as git does)."""
        self.använda_identiteter: dict[str, str] = {}

    def känd(self, fil: str | Path, tillstånd: tuple) -> list[Fynd] | None:
        """What a file held when it was read in an earlier build, if it is the same inode
        with the same size and time still (``tillstånd``: ``filer.filtillstånd`` of it now,
        () if it is gone); else None (it must be read)."""
        if not tillstånd:
            return None
        identitet = _identitet(fil, tillstånd)
        nyckel = self.identiteter.get(identitet)
        if nyckel is None or nyckel not in self.svar:
            return None
        with self.lås:
            self.använda.add(nyckel)
            self.använda_identiteter[identitet] = nyckel
        return self.svar[nyckel]

    def granska(self, fil: Path) -> list[Fynd]:
        try:
            s = os.stat(fil)
            identitet = _identitet(fil, filtillstånd(s))
            data = fil.read_bytes()
        except OSError:
            return [(f"filen kunde inte läsas för granskning; {_OLÄST}", ALLTID)]
        nyckel = _innehållsnyckel(fil.name, data, False)
        fynd = self.granska_data(fil.name, data, False, 0, nyckel)
        if s.st_mtime_ns < time.time_ns() - OSÄKER_TID_NS and len(data) == s.st_size:
            with self.lås:
                self.använda_identiteter[identitet] = nyckel
        return fynd

    def granska_data(
        self, namn: str, data: bytes, i_zip: bool, djup: int, nyckel: str | None = None
    ) -> list[Fynd]:
        nyckel = nyckel or _innehållsnyckel(namn, data, i_zip)
        summa = nyckel[:64]
        with self.lås:
            self.använda.add(nyckel)
            if nyckel in self.svar:
                return self.svar[nyckel]
        träffar: list[Fynd] = []
        if summa in self.filer:
            träffar.append(
                ("filen är en handling i ett sekretessärende; inget publicerades", ALLTID)
            )
        try:
            if djup > MAX_DJUP:
                raise Oläslig("filen är packad i för många lager")
            text, delar = läs(namn, data, i_zip)
            träffar += self.sök(text)
            for delnamn, deldata in delar:
                träffar += [
                    (f"{delnamn}: {b}", i)
                    for b, i in self.granska_data(delnamn, deldata, True, djup + 1)
                ]
                träffar += [(f"{delnamn}: namnet {b}", i) for b, i in self.sök(delnamn)]
        except Oläslig as fel:
            träffar.append((f"filen kunde inte läsas för granskning: {fel}; {_OLÄST}", ALLTID))
        except Exception:  # noqa: BLE001 (whatever cannot be read is not published)
            träffar.append((f"filen kunde inte läsas för granskning; {_OLÄST}", ALLTID))
        with self.lås:
            self.svar[nyckel] = träffar
        return träffar

    def sök(self, text: str) -> list[Fynd]:
        """(description, index of the searched string) of every string ``text`` holds."""
        if not text:
            return []
        normal = snabb(text)
        kandidater = list(self.alltid)
        for ord_ in self.per_ord.keys() & set(_ORD.findall(normal)):
            kandidater += self.per_ord[ord_]
        träffar = [
            (i, s)
            for i, s in kandidater
            if s.fras in normal and _ordgräns(normal, s.fras, s.ordtecken)
        ]
        return [
            (f"innehåller {s.vad} »{s.fras}« (ur {s.källa}); inget publicerades", i)
            for i, s in sorted(träffar, key=lambda k: k[0])
        ]

    def spara(self) -> None:
        """What this build found in each artefact, for the next: an intranet document on the
        intranet holds intranet text (allowed there), and must not be read again for it."""
        svar = {n: self.svar[n] for n in sorted(self.använda) if n in self.svar}
        identiteter = {i: n for i, n in sorted(self.använda_identiteter.items()) if n in svar}
        data = {"nyckel": self.nyckel, "svar": svar, "identiteter": identiteter}
        skriv_atomiskt(self.fil, json.dumps(data).encode())


def _identitet(fil: str | Path, tillstånd: tuple) -> str:
    """A file by its state (``filer.filtillstånd``) and ending (``Path.suffix``), as kept in
    grind.json."""
    storlek, tid, inod, enhet = tillstånd[:4]
    namn = os.path.basename(fil)
    punkt = namn.rfind(".")
    ändelse = namn[punkt:] if 0 < punkt < len(namn) - 1 else ""
    return f"{enhet}:{inod}:{storlek}:{tid}:{ändelse.lower()}"


def _innehållsnyckel(namn: str, data: bytes, i_zip: bool) -> str:
    """What a file's findings are kept by: its content's sha256 and, since the same bytes
    are read by what they are and, for some, by their name (a .docx must be a zip, a .json
    is read as JSON), the name's ending."""
    summa = hashlib.sha256(data).hexdigest()
    return f"{summa}{Path(namn).suffix.lower()[:12]}{'/zip' if i_zip else ''}"


_ORD = re.compile(r"[^\W_]+")
"""A run of letters and digits."""


def _ordgräns(text: str, fras: str, ordtecken: str = "") -> bool:
    """Whether ``fras`` occurs in ``text`` as whole words (``ordtecken``: what else continues
    a word)."""
    start = 0
    while (i := text.find(fras, start)) >= 0:
        före = text[i - 1] if i else " "
        efter = text[i + len(fras)] if i + len(fras) < len(text) else " "
        if not (före.isalnum() or före in ordtecken) and not (
            efter.isalnum() or efter in ordtecken
        ):
            return True
        start = i + 1
    return False


PROCESSER_FRÅN = 200
"""Files to read from which they are read by processes (one per core: reading HTML and PDF
is Python work, which threads do not share) rather than threads."""
_ARBETSMINNE: list[Minne] = []
"""The memory a reading process was forked with."""


def läs_alla(minne: Minne, filer: list[Path]) -> list[list[Fynd]]:
    """Each file's findings (:meth:`Minne.granska`), read in parallel; what was read is
    remembered in ``minne`` as if it had been read here."""
    kärnor = min(os.cpu_count() or 1, 4)
    if kärnor < 2 or len(filer) < PROCESSER_FRÅN or multiprocessing.parent_process() is not None:
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(minne.granska, filer))
    _ARBETSMINNE[:] = [minne]
    delar = [filer[i::kärnor] for i in range(kärnor)]  # every kärnor-th: sizes spread evenly
    try:
        with ProcessPoolExecutor(
            kärnor, mp_context=multiprocessing.get_context("fork"), initializer=_arbetare
        ) as pool:
            lästa = list(pool.map(_läs_del, delar))
    finally:
        _ARBETSMINNE.clear()
    fynd: dict[Path, list[Fynd]] = {}
    for del_, (del_fynd, svar, identiteter) in zip(delar, lästa, strict=True):
        fynd.update(zip(del_, del_fynd, strict=True))
        minne.svar.update(svar)
        minne.använda.update(svar)
        minne.använda_identiteter.update(identiteter)
    return [fynd[fil] for fil in filer]


def _arbetare() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the build cleans up; a reader just stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    dö_med_föräldern()  # a killed build leaves no reader waiting for work


def _läs_del(filer: list[Path]) -> tuple[list[list[Fynd]], dict, dict]:
    """In a reading process: the files' findings, and what the parent's memory needs of it."""
    minne = _ARBETSMINNE[0]
    minne.använda.clear()
    minne.använda_identiteter.clear()
    fynd = [minne.granska(fil) for fil in filer]
    svar = {n: minne.svar[n] for n in minne.använda if n in minne.svar}
    return fynd, svar, dict(minne.använda_identiteter)
