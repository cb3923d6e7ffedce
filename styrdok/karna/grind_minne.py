"""The gate's memory (``karna/grind``): what each artefact holds of the searched strings,
kept by content between builds, and each artefact's text, so that new strings are looked for
in what was read before; how one file is read (``grind_lasning`` reads many in parallel).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from styrdok.grund.filer import filtillstånd, skriv_atomiskt, säker_gräns
from styrdok.grund.normalisering import snabb
from styrdok.karna.grind_text import Oläslig, läs
from styrdok.karna.grind_texter import Texter

VERSION = 3
"""How files are read and kept; a change reads every file again in the next build."""
FIL, TEXTFIL = "grind.pickle", "grind-texter.bin"
"""In the build's cache: what each artefact holds (:class:`_Nod`), and its text
(:class:`Texter`)."""
Fynd = tuple[str, int]
"""(description, index of the searched string, or ``ALLTID``)."""
Sträng = tuple[str, str]
"""A searched string as it is looked for: (``Sökt.fras``, ``Sökt.ordtecken``)."""


class _Nod(NamedTuple):
    """What one artefact (by content) holds: the strings its text holds (places in
    ``Minne.strängar``), its parts ((name, content key, strings the name holds)), and why
    it could not be read (or None)."""

    håller: tuple[int, ...]
    delar: tuple[tuple[str, str, tuple[int, ...]], ...]
    fel: str | None
    har_text: bool
    """Whether it has a text of its own (kept by :class:`Texter`; one that is not found
    there is read again when it is needed)."""


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
    """What each artefact (by content) holds of the searched strings, within a build and
    between builds: a file on both sites, in a zip and in the render cache is read once.

    Kept per artefact (a :class:`_Nod`): which strings its text holds, its parts (a zip's
    members, a PDF's attachments) by content, and a reading failure; its normalized text is
    kept beside, uncompressed (:class:`Texter`: compressing cost a tenth of what reading
    the pages cost). When the searched strings change, an artefact is not read
    again: a string no longer searched is dropped from what it holds, and a new one is looked
    for in its kept text (a sentence added to an intranet document is looked for in what the
    public site's files said, not by reading every PDF again)."""

    def __init__(self, katalog: Path, sökta: list[Sökt], filer: set[str]):
        self.fil = katalog / FIL
        self.sökta = sökta
        self.filer = filer
        self.strängar: list[Sträng] = list(dict.fromkeys((s.fras, s.ordtecken) for s in sökta))
        """Each searched string once: what an artefact holds, by its place here."""
        self.plats = {sträng: p for p, sträng in enumerate(self.strängar)}
        """Each searched string's place in :attr:`strängar`."""
        self.sökta_för: list[list[int]] = [[] for _ in self.strängar]
        """Each string's places in ``sökta`` (one string may be searched for two reasons)."""
        for i, s in enumerate(sökta):
            self.sökta_för[self.plats[(s.fras, s.ordtecken)]].append(i)
        self.automat, self.utan_automat = _automat(self.strängar)
        """Every searched string in one automaton, by which :meth:`_sök` goes through a text
        once for all of them; and the places of those it cannot hold (an empty string)."""
        self.noder: dict[str, _Nod] = {}
        self.texter = Texter(katalog / TEXTFIL, {})
        self.svar: dict[str, list[Fynd]] = {}
        """Each artefact's findings, as :meth:`_svar` made them in this build."""
        self.använda: set[str] = set()
        self.lås = threading.RLock()
        self.identiteter: dict[str, str] = {}
        """A file's identity (device, inode, size, time) → its content's key, from earlier
        builds: a document linked from the render cache and a search index file linked from
        the previous site (never written into, only replaced) are the same inode build after
        build, and are not read again. Only identities whose time was over
        ``OSÄKER_TID_NS`` old when the content was read are kept (as git does)."""
        self.använda_identiteter: dict[str, str] = {}
        try:
            self._ladda()
        except Exception:  # noqa: BLE001 (a damaged memory is none: every file is read)
            self.noder, self.identiteter = {}, {}
            self.texter = Texter(self.texter.fil, {})

    def _ladda(self) -> None:
        """The artefacts of the last build, each made to hold what it holds of the strings
        searched now."""
        try:
            data = pickle.loads(self.fil.read_bytes())
        except OSError:
            return
        if data["version"] != VERSION:
            return
        gamla, noder = data["strängar"], data["noder"]
        identiteter, sparade = data["identiteter"], data["texter"]
        self.texter = Texter(self.texter.fil, sparade)
        self.noder = _hela(dict(noder) if gamla == self.strängar else self._gör_om(noder, gamla))
        self.identiteter = {i: n for i, n in identiteter.items() if n in self.noder}

    def _gör_om(self, noder: dict[str, _Nod], gamla: list[Sträng]) -> dict[str, _Nod]:
        """What the artefacts kept by the last build (searched for ``gamla``) hold of the
        strings searched now (those lost, not: they are read again)."""
        ny_plats = [self.plats.get(tuple(sträng), -1) for sträng in gamla]
        kvar = set(ny_plats)
        nya = [p for p in range(len(self.strängar)) if p not in kvar]
        leta = self._letare(nya)
        gjorda = {}
        for nyckel, nod in noder.items():
            håller = _flytta(nod.håller, ny_plats)
            delar = tuple((n, barn, _flytta(h, ny_plats)) for n, barn, h in nod.delar)
            if nya:
                text = self.texter.hämta(nyckel) if nod.har_text else b""
                if text is None:  # lost: read again, and kept anew
                    del self.texter.platser[nyckel]
                    continue
                håller = _sorterad(håller, leta(text.decode()))
                delar = tuple((n, barn, _sorterad(h, leta(snabb(n)))) for n, barn, h in delar)
            gjorda[nyckel] = nod._replace(håller=håller, delar=delar)
        return gjorda

    def _leta(self, text: str, bland: list[int]) -> list[int]:
        """The strings of ``bland`` (places) that normalized ``text`` holds as whole words."""
        return [
            p for p in bland if (sträng := self.strängar[p])[0] in text and _ordgräns(text, *sträng)
        ]

    def _sök(self, normal: str) -> tuple[int, ...]:
        """The strings (places) normalized ``normal`` holds."""
        return self._hittar(normal, self.automat, self.utan_automat)

    def _letare(self, nya: list[int]):
        """What looks for the strings ``nya`` (places) in a normalized text."""
        automat, utan = _automat(self.strängar, nya)
        return lambda normal: self._hittar(normal, automat, utan)

    def _hittar(
        self, normal: str, automat: ahocorasick.Automaton, utan: list[int]
    ) -> tuple[int, ...]:
        """The strings (places) of ``automat`` and ``utan`` (:func:`_automat`) that normalized
        ``normal`` holds as whole words (as :func:`_ordgräns` decides): every occurrence of
        every string found in one pass through the text (Aho–Corasick, in C: a sixth of the
        time of looking for each string whose rarest word the text has, as before)."""
        if not normal:
            return ()
        hittade = set(self._leta(normal, utan))
        if len(automat):
            sist = len(normal) - 1
            for slut, (längd, platser) in automat.iter(normal):
                start = slut - längd + 1
                före = normal[start - 1] if start else " "
                efter = normal[slut + 1] if slut < sist else " "
                for p in platser:
                    ordtecken = self.strängar[p][1]
                    if not (före.isalnum() or före in ordtecken) and not (
                        efter.isalnum() or efter in ordtecken
                    ):
                        hittade.add(p)
        return tuple(sorted(hittade))

    def _beskriv(self, håller: tuple[int, ...]) -> list[Fynd]:
        fynd = []
        for i in sorted(i for p in håller for i in self.sökta_för[p]):
            s = self.sökta[i]
            fynd.append((f"innehåller {s.vad} »{s.fras}« (ur {s.källa}); inget publicerades", i))
        return fynd

    def sök(self, text: str) -> list[Fynd]:
        """(description, index of the searched string) of every string ``text`` holds."""
        return self._beskriv(self._sök(snabb(text))) if text else []

    def _svar(self, nyckel: str) -> list[Fynd]:
        """An artefact's findings, from what it holds (call with the lock held)."""
        if (svar := self.svar.get(nyckel)) is not None:
            return svar
        nod = self.noder[nyckel]
        svar = []
        if nyckel[:64] in self.filer:
            svar.append(("filen är en handling i ett sekretessärende; inget publicerades", ALLTID))
        svar += self._beskriv(nod.håller)
        for delnamn, barn, håller in nod.delar:
            svar += [(f"{delnamn}: {b}", i) for b, i in self._svar(barn)]
            svar += [(f"{delnamn}: namnet {b}", i) for b, i in self._beskriv(håller)]
        if nod.fel:
            svar.append((nod.fel, ALLTID))
        self.svar[nyckel] = svar
        return svar

    def _använd(self, nyckel: str) -> None:
        """``nyckel`` and its parts are kept for the next build (call with the lock held)."""
        if nyckel not in self.använda:
            self.använda.add(nyckel)
            for _, barn, _ in self.noder[nyckel].delar:
                self._använd(barn)

    def känd(self, fil: str | Path, tillstånd: tuple) -> list[Fynd] | None:
        """What a file held when it was read in an earlier build, if it is the same inode
        with the same size and time still (``tillstånd``: ``filer.filtillstånd`` of it now,
        () if it is gone); else None (it must be read)."""
        if not tillstånd:
            return None
        identitet = _identitet(fil, tillstånd)
        nyckel = self.identiteter.get(identitet)
        if nyckel is None or nyckel not in self.noder:
            return None
        with self.lås:
            self._använd(nyckel)
            self.använda_identiteter[identitet] = nyckel
            return self._svar(nyckel)

    def granska(self, fil: Path) -> list[Fynd]:
        try:
            s = os.stat(fil)
            identitet = _identitet(fil, filtillstånd(s))
            data = fil.read_bytes()
        except OSError:
            return [(f"filen kunde inte läsas för granskning; {_OLÄST}", ALLTID)]
        nyckel = _innehållsnyckel(fil.name, data, False)
        fynd = self.granska_data(fil.name, data, False, 0, nyckel)
        if s.st_mtime_ns < säker_gräns() and len(data) == s.st_size:
            with self.lås:
                self.använda_identiteter[identitet] = nyckel
        return fynd

    def granska_data(
        self, namn: str, data: bytes, i_zip: bool, djup: int, nyckel: str | None = None
    ) -> list[Fynd]:
        nyckel = nyckel or _innehållsnyckel(namn, data, i_zip)
        with self.lås:
            if nyckel in self.noder:
                self._använd(nyckel)
                return self._svar(nyckel)
        håller: tuple[int, ...] = ()
        delar: list[tuple[str, str, tuple[int, ...]]] = []
        fel, normal = None, ""
        try:
            if djup > MAX_DJUP:
                raise Oläslig("filen är packad i för många lager")
            text, inre = läs(namn, data, i_zip)
            normal = snabb(text) if text else ""
            håller = self._sök(normal)
            if normal:
                with self.lås:
                    self.texter.nya[nyckel] = normal.encode()
            for delnamn, deldata in inre:
                barn = _innehållsnyckel(delnamn, deldata, True)
                self.granska_data(delnamn, deldata, True, djup + 1, barn)
                delar.append((delnamn, barn, self._sök(snabb(delnamn))))
        except Oläslig as f:
            fel = f"filen kunde inte läsas för granskning: {f}; {_OLÄST}"
        except Exception:  # noqa: BLE001 (whatever cannot be read is not published)
            fel = f"filen kunde inte läsas för granskning; {_OLÄST}"
        with self.lås:
            self.noder[nyckel] = _Nod(håller, tuple(delar), fel, bool(normal))
            self._använd(nyckel)
            return self._svar(nyckel)

    def spara(self) -> None:
        """What this build found in each artefact, for the next: an intranet document on the
        intranet holds intranet text (allowed there), and must not be read again for it."""
        noder = {n: self.noder[n] for n in sorted(self.använda) if n in self.noder}
        texter = self.texter.spara({n for n, nod in noder.items() if nod.har_text})
        identiteter = {i: n for i, n in sorted(self.använda_identiteter.items()) if n in noder}
        data = {
            "version": VERSION,
            "strängar": self.strängar,
            "noder": noder,
            "identiteter": identiteter,
            "texter": texter,
        }
        skriv_atomiskt(self.fil, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _automat(
    strängar: list[Sträng], bland: list[int] | None = None
) -> tuple[ahocorasick.Automaton, list[int]]:
    """An automaton of the phrases of the strings at ``bland`` (places; None: all) (with
    pyahocorasick), each found as (its length, the places of the strings with that phrase);
    and the places of the empty phrases, which it cannot hold."""
    automat = ahocorasick.Automaton()
    platser: dict[str, list[int]] = {}
    for p in range(len(strängar)) if bland is None else bland:
        platser.setdefault(strängar[p][0], []).append(p)
    for fras, ps in platser.items():
        if fras:
            automat.add_word(fras, (len(fras), tuple(ps)))
    if len(automat):
        automat.make_automaton()
    return automat, platser.get("", [])


def _hela(noder: dict[str, _Nod]) -> dict[str, _Nod]:
    """``noder`` without those whose parts are not all there (read again, parts and all)."""
    while saknas := [n for n, nod in noder.items() if any(b not in noder for _, b, _ in nod.delar)]:
        noder = {n: nod for n, nod in noder.items() if n not in saknas}
    return noder


def _identitet(fil: str | Path, tillstånd: tuple) -> str:
    """A file by its state (``filer.filtillstånd``) and ending (``Path.suffix``), as kept in
    grind.pickle."""
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


def _flytta(håller: tuple[int, ...], ny_plats: list[int]) -> tuple[int, ...]:
    """Places in the last build's strings as places in this build's (those still searched)."""
    return tuple(sorted(q for p in håller if (q := ny_plats[p]) >= 0))


def _sorterad(*delar) -> tuple[int, ...]:
    return tuple(sorted({p for del_ in delar for p in del_}))


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
