"""The publish gate: before the new site/ is swapped in, every file of both sites is read
back as its reader would get it (:mod:`styrdok.karna.grind_text`: HTML with its attributes,
comments and CDATA, search data, feeds, JSON, CSV, calendars, scripts, style sheets, any
other text, gzip, the text, metadata and attachments of every PDF, Word paragraphs with
their runs joined, every zip member) and searched, normalized as the source check
normalizes (``grund/normalisering``: NFKC, invisible characters, case, entities):

* on both sites, for every secret string and every secret file (by content);
* on the public site, also for every intranet-only string: the titles, paths and sentences
  that exist only in intranet sources, in the files and in their paths.

A hit, or a file that cannot be read (a broken or encrypted zip or PDF), is an error naming
the file, and nothing is published. The site engine's own theme under assets/ is not read
(:func:`_temats_mapp`: no content can reach it). Results are cached by each file's content
and the set of strings searched, so an unchanged file (a PDF reused from the render cache)
is read once for both sites and not again in the next build; a file that is the same inode
as in an earlier build, unchanged in size and time (a document linked from the render cache,
a search index file linked from the previous site: neither is ever written into), is not
even read (``_Minne.identiteter``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filer import OSÄKER_TID_NS, skriv_atomiskt
from styrdok.grund.fraser import Fraser
from styrdok.grund.normalisering import fras, normalisera, snabb
from styrdok.karna.grind_text import Oläslig, läs
from styrdok.karna.korpus import Korpus
from styrdok.karna.sekretess import hemligheter, meningar
from styrdok.karna.webbplats import PUBLIK, SITE_MAPPAR

VERSION = 2
"""How files are read; a change reads every file again in the next build."""
MINSTA_MENING = 8
"""Words an intranet sentence needs to be searched for on the public site."""

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


def _sökt(text: str, vad: str, källa: str, ordtecken: str = "") -> Sökt | None:
    f = fras(text) if _MARKDOWN.search(text) else snabb(text)  # the same, faster
    return Sökt(f, vad, källa, ordtecken) if len(f) >= 4 else None


@dataclass(frozen=True)
class Sökta:
    """What the gate searches for, from the sources alone (made while the sites build)."""

    hemliga: list[Sökt]
    interna: list[Sökt]
    filer: set[str]
    """The secret files' sha256."""


def förbered(korpus: Korpus) -> Sökta:
    hemligt = hemligheter(korpus)
    hemliga = [
        s
        for h in hemligt.strängar
        if (s := _sökt(h.text, f"sekretessärendets {h.vad}", "ett sekretessärende"))
    ]
    return Sökta(hemliga, _intranätsträngar(korpus), set(hemligt.filer))


def granska(
    korpus: Korpus, stage: Path, cache: Path, rapport: Rapport, sökta: Sökta | None = None
) -> None:
    """Search the staged sites; report every hit. Raise nothing: the caller decides.
    ``sökta``: :func:`förbered` of the same ``korpus``, when it was made beforehand."""
    sökta = sökta or förbered(korpus)
    hemliga, interna = sökta.hemliga, sökta.interna
    minne = _Minne(cache, hemliga + interna, sökta.filer)
    for variant, mapp in SITE_MAPPAR.items():
        antal = len(hemliga) + (len(interna) if variant == PUBLIK else 0)
        rot = stage / mapp
        tema = _temats_mapp(korpus, variant)
        längd = len(str(rot)) + 1
        filer = sorted(
            (str(f)[längd:].replace(os.sep, "/"), f)
            for f in rot.rglob("*")
            if f.is_file() and f.relative_to(rot).parts[0] != tema
        )
        svar = {väg: fynd for väg, fil in filer if (fynd := minne.känd(fil)) is not None}
        oklara = [(väg, fil) for väg, fil in filer if väg not in svar]
        with ThreadPoolExecutor(max_workers=4) as pool:  # the rest is read
            lästa = pool.map(minne.granska, [fil for _, fil in oklara])
            svar.update(zip([väg for väg, _ in oklara], lästa, strict=True))
        for väg, _ in filer:
            fynd = svar[väg] + [(f"sökvägen {b}", i) for b, i in minne.sök(väg)]
            beskrivningar = (b for b, i in fynd if i < antal)
            for beskrivning in dict.fromkeys(beskrivningar):
                rapport.fel(f"site/{mapp}/{väg}", 1, 1, beskrivning)
    minne.spara()


def _temats_mapp(korpus: Korpus, variant: str) -> str | None:
    """``assets`` when that folder of the site holds only the site engine's theme (scripts,
    style sheets, search workers: the same bytes in every build) and so need not be read:
    the engine copies its theme there, and nothing made from content/ goes there (the name
    is reserved, ``webbplats.RESERVERADE``: no page may take it; files go to filer/, styles
    to stilar/). That is checked on the pages generated for the engine: when they cannot be
    found, or something was generated under assets/, the folder is read like the rest."""
    docs = korpus.rot / "build" / "mkdocs" / variant
    return "assets" if docs.is_dir() and not (docs / "assets").exists() else None


def _intranätsträngar(korpus: Korpus) -> list[Sökt]:
    """Titles, paths and long sentences of the sources only the intranet is made from: the
    titles and sentences that no public source also has, and every path (a public source may
    name an intranet document only where it is not published, as an internal underlag)."""
    publik = korpus.publik_kopia()
    offentliga = {id(k) for s in publik.slag for k in s.källor(publik)}
    offentlig_text = " ".join(
        _normaliserad(_BLOCKMARKÖR.sub(_blockmarkör, t))
        for s in publik.slag
        for k in s.källor(publik)
        for t in _texter(k)
    )
    offentlig = Fraser(offentlig_text)
    sökta = []
    for s in korpus.slag:
        for källa in s.källor(korpus):
            if id(källa) in offentliga:
                continue
            namn = källa.visningsnamn
            kandidater = [
                (str((källa.data or {}).get(n, "")), "intranätdokumentets titel")
                for n in ("titel", "namn")
            ]
            id_ = Path(namn).with_suffix("").as_posix().removeprefix("content/")
            kandidater.append((id_, "intranätdokumentets sökväg"))
            for text in _texter(källa):
                kandidater += [
                    (m, "en mening ur ett intranätdokument")
                    for m in meningar(_BLOCKMARKÖR.sub(_blockmarkör, text))
                    if len(m.split()) >= MINSTA_MENING
                ]
            for text, vad in kandidater:
                väg = vad == "intranätdokumentets sökväg"
                if (sökt := _sökt(text, vad, namn, "-_" if väg else "")) and (
                    väg or not offentlig.har(sökt.fras)
                ):
                    sökta.append(sökt)
    return sökta


def _normaliserad(text: str) -> str:
    """``text`` as the sentences are compared (blocks marked as in :func:`_intranätsträngar`,
    so a sentence a public source has too is known as public)."""
    return normalisera(text).text if _MARKDOWN.search(text) else snabb(text)


_MARKDOWN = re.compile(r"[\[<{\\]")
"""What only :func:`normalisera` reads right (links, tags, attribute lists, escapes); any
other text normalizes the same with :func:`snabb`, faster."""
_BLOCKMARKÖR = re.compile(r"^[ \t]*(?:(#{1,6}[ \t]+)(.*)|\|.*|(?:[-*+>]|\d+[.)])[ \t]+(.*))$", re.M)
"""A heading (a sentence of its own), a table row (cells, no sentence) or a list item or
quote (the marker is no text) at the start of a line of Markdown."""


def _blockmarkör(m: re.Match) -> str:
    if m.group(1):
        return m.group(2).rstrip(" #") + "."
    return m.group(3) or ""


def _texter(källa) -> Iterator[str]:
    if källa.brödtext:
        yield källa.brödtext
    stack = [källa.data]
    while stack:
        värde = stack.pop()
        if isinstance(värde, dict):
            stack += värde.values()
        elif isinstance(värde, list):
            stack += värde
        elif isinstance(värde, str):
            yield värde


ALLTID = -1
"""A finding that stops both sites: a secret file, a file that cannot be read."""
MAX_DJUP = 8
"""Containers within containers (a zip in a zip ...) read before a file counts as unreadable."""
_OLÄST = "inget publicerades, eftersom ingen fil publiceras utan att ha granskats"


class _Minne:
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

    def känd(self, fil: Path) -> list[Fynd] | None:
        """What a file held when it was read in an earlier build, if it is the same inode
        with the same size and time still; else None (it must be read)."""
        try:
            identitet = _identitet(fil, os.stat(fil))
        except OSError:
            return None
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
            identitet = _identitet(fil, s)
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


def _identitet(fil: Path, s: os.stat_result) -> str:
    return f"{s.st_dev}:{s.st_ino}:{s.st_size}:{s.st_mtime_ns}:{fil.suffix.lower()}"


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
