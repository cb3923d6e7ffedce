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
even read (``grind_minne.Minne.identiteter``); the files are read by as many processes as there
are cores.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filer import filtillstånd
from styrdok.grund.fraser import Fraser
from styrdok.grund.normalisering import fras, normalisera, snabb
from styrdok.karna.grind_minne import Minne, Sökt, läs_alla
from styrdok.karna.korpus import Korpus
from styrdok.karna.sekretess import hemligheter, meningar
from styrdok.karna.webbplats import PUBLIK, SITE_MAPPAR

MINSTA_MENING = 8
"""Words an intranet sentence needs to be searched for on the public site."""


def _sökt(text: str, vad: str, källa: str, ordtecken: str = "") -> Sökt | None:
    f = fras(text) if _MARKDOWN.search(text) else snabb(text)  # the same, faster
    return Sökt(f, vad, källa, ordtecken) if len(f) >= 4 else None


class Granskning:
    """The gate, one site at a time (the public one is read while the intranet still builds),
    reported once both are read."""

    def __init__(self, korpus: Korpus, stage: Path, cache: Path):
        """What is searched for comes from the sources alone: made while the sites build."""
        self.korpus, self.stage = korpus, stage
        hemligt = hemligheter(korpus)
        self.hemliga = [
            s
            for h in hemligt.strängar
            if (s := _sökt(h.text, f"sekretessärendets {h.vad}", "ett sekretessärende"))
        ]
        self.interna = _intranätsträngar(korpus)
        self.minne = Minne(cache, self.hemliga + self.interna, set(hemligt.filer))
        self.fynd: dict[str, list[tuple[str, str]]] = {}
        """Each site read: (path in site/, description) of every hit."""
        self.lästa: dict[str, dict[str, tuple]] = {}
        """Each site read: every file as it was then (inode, size, time)."""

    def _filer(self, variant: str) -> list[tuple[str, Path]]:
        rot = self.stage / SITE_MAPPAR[variant]
        tema = _temats_mapp(self.korpus, variant)
        längd = len(str(rot)) + 1
        return sorted(
            (str(f)[längd:].replace(os.sep, "/"), f)
            for f in rot.rglob("*")
            if f.is_file() and f.relative_to(rot).parts[0] != tema
        )

    def läs(self, variant: str) -> None:
        """Read every file of one built site (``SITE_MAPPAR[variant]`` in the stage)."""
        minne = self.minne
        antal = len(self.hemliga) + (len(self.interna) if variant == PUBLIK else 0)
        mapp = SITE_MAPPAR[variant]
        filer = self._filer(variant)
        self.lästa[variant] = tillstånd = _som_de_är(filer)
        svar = {
            väg: fynd for väg, fil in filer if (fynd := minne.känd(fil, tillstånd[väg])) is not None
        }
        oklara = [(väg, fil) for väg, fil in filer if väg not in svar]
        lästa = läs_alla(minne, [fil for _, fil in oklara])  # the rest is read
        svar.update(zip([väg for väg, _ in oklara], lästa, strict=True))
        self.fynd[variant] = []
        for väg, _ in filer:
            fynd = svar[väg] + [(f"sökvägen {b}", i) for b, i in minne.sök(väg)]
            beskrivningar = (b for b, i in fynd if i < antal)
            self.fynd[variant] += [(f"site/{mapp}/{väg}", b) for b in dict.fromkeys(beskrivningar)]

    def rapportera(self, rapport: Rapport) -> None:
        """Read the sites not read yet, report every hit, keep the memory for the next build."""
        for variant in SITE_MAPPAR:
            # a site read while the other was built is read again if anything in it came,
            # went or changed since (nothing should: the gate sees what is published)
            if variant not in self.fynd or _som_de_är(self._filer(variant)) != self.lästa[variant]:
                self.läs(variant)
            for väg, beskrivning in self.fynd[variant]:
                rapport.fel(väg, 1, 1, beskrivning)
        self.minne.spara()


def _som_de_är(filer: list[tuple[str, Path]]) -> dict[str, tuple]:
    """Each file's size, time, inode and device (and change time), or () if it is gone."""
    tillstånd: dict[str, tuple] = {}
    for väg, fil in filer:
        try:
            s = os.stat(fil)
            tillstånd[väg] = (*filtillstånd(s), s.st_ctime_ns)
        except OSError:
            tillstånd[väg] = ()
    return tillstånd


def granska(korpus: Korpus, stage: Path, cache: Path, rapport: Rapport) -> None:
    """Search the staged sites; report every hit. Raise nothing: the caller decides."""
    Granskning(korpus, stage, cache).rapportera(rapport)


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
