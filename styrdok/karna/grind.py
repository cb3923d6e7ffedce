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
(``grind_minne``: the strings it holds and its text), so an unchanged file (a PDF reused
from the render cache) is read once for both sites and not again in the next build, even
when what is searched for changed (a new string is looked for in the kept text); a file
that is the same inode as in an earlier build, unchanged in size and time (a document
linked from the render cache, a search index file linked from the previous site: neither
is ever written into), is not even read (``grind_minne.Minne.identiteter``); the files are
read by as many processes as there are cores (``grind_lasning``). What is searched for
comes from the sources alone: :class:`Förberedelse` makes it in a process of its own as
soon as they are checked, while the build renders the documents and generates the pages.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Mapping
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filer import filer_under, filtillstånd
from styrdok.karna.grind_interna import intranätsträngar, sökt
from styrdok.karna.grind_lasning import läs_alla
from styrdok.karna.grind_minne import Minne, Sökt
from styrdok.karna.korpus import Korpus
from styrdok.karna.rendering import dö_med_föräldern
from styrdok.karna.sekretess import hemligheter
from styrdok.karna.webbplats import PUBLIK, SITE_MAPPAR

Sökta = tuple[list[Sökt], list[Sökt], set[str]]
"""What the gate searches for: secret strings, intranet-only strings, secret files' hashes."""


def sökta(korpus: Korpus, cache: Path | None = None) -> Sökta:
    """``cache``: the build's cache folder (``grind_interna`` keeps its findings there)."""
    hemligt = hemligheter(korpus)
    hemliga = [
        s
        for h in hemligt.strängar
        if (s := sökt(h.text, f"sekretessärendets {h.vad}", "ett sekretessärende"))
    ]
    return hemliga, intranätsträngar(korpus, cache), set(hemligt.filer)


class Förberedelse:
    """:func:`sökta`, made in a forked process from the moment the sources are checked (a
    core is idle while the build renders documents and generates pages); where there is
    one core, or no fork, made here when asked for."""

    def __init__(self, korpus: Korpus, cache: Path | None = None):
        self.korpus, self.cache = korpus, cache
        self._värde: Sökta | None = None
        self._process = None
        if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            kontext = multiprocessing.get_context("fork")
            self._mottagare, sändare = kontext.Pipe(duplex=False)
            self._process = kontext.Process(
                target=_förbered_i_barnprocess, args=(sändare, korpus, cache), daemon=True
            )
            self._process.start()
            sändare.close()

    def värde(self) -> Sökta:
        if self._värde is None and self._process is not None:
            try:
                self._värde = self._mottagare.recv()
            except EOFError:  # the process died: made here instead
                self._värde = None
            self.stäng()
        if self._värde is None:
            self._värde = sökta(self.korpus, self.cache)
        return self._värde

    def __enter__(self) -> Förberedelse:
        return self

    def __exit__(self, *_) -> None:
        self.stäng()

    def stäng(self) -> None:
        """The process stopped (a failed build does not wait for it)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._mottagare.close()
            self._process = None


def _förbered_i_barnprocess(sändare, korpus: Korpus, cache: Path | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    dö_med_föräldern()
    try:
        värde = sökta(korpus, cache)
    except Exception:  # a bug: the parent makes it itself and meets it there
        värde = None
    sändare.send(värde)


class Granskning:
    """The gate, one site at a time (the public one is read while the intranet still builds),
    reported once both are read."""

    def __init__(
        self,
        korpus: Korpus,
        stage: Path,
        cache: Path,
        sökt: Sökta | None = None,
        publiceras_som_de_är: Mapping[str, Path] | None = None,
    ):
        """``sökt``: what is searched for (:func:`sökta`), if already made.
        ``publiceras_som_de_är``: the sites not built into the stage but published again as
        they are, read where they are (variant → folder)."""
        self.korpus = korpus
        self.mappar = {v: stage / mapp for v, mapp in SITE_MAPPAR.items()}
        self.mappar.update(publiceras_som_de_är or {})
        self.hemliga, self.interna, hemliga_filer = sökt or sökta(korpus, cache)
        self.minne = Minne(cache, self.hemliga + self.interna, hemliga_filer)
        self.fynd: dict[str, list[tuple[str, str]]] = {}
        """Each site read: (path in site/, description) of every hit."""
        self.lästa: dict[str, dict[str, tuple]] = {}
        """Each site read: every file as it was then (inode, size, time)."""
        self._svar: dict[str, dict[str, list]] = {}
        """Each site read: what each file held (by its path in the site)."""

    def _filer(self, variant: str) -> list[tuple[str, str]]:
        """Every file of the site, by its path in the site (a linked folder is not entered)."""
        tema = _temats_mapp(self.korpus, variant)
        filer = filer_under(self.mappar[variant], lambda väg: väg == tema)
        return [(väg, fil) for väg, fil in filer if os.path.isfile(fil)]

    def läs(self, variant: str) -> None:
        """Read every file of one site (``SITE_MAPPAR[variant]`` in the stage, or where it is
        when published again as it is); read again, only the files that came or changed
        since (each by its size, times and inode: a site is read once its pages are written,
        and again once its search index is)."""
        minne = self.minne
        antal = len(self.hemliga) + (len(self.interna) if variant == PUBLIK else 0)
        mapp = SITE_MAPPAR[variant]
        filer = self._filer(variant)
        förra, förra_svar = self.lästa.get(variant, {}), self._svar.get(variant, {})
        self.lästa[variant] = tillstånd = _som_de_är(filer)
        svar = {
            väg: förra_svar[väg]
            for väg, _ in filer
            if tillstånd[väg] and förra.get(väg) == tillstånd[väg] and väg in förra_svar
        }
        svar.update(
            {
                väg: fynd
                for väg, fil in filer
                if väg not in svar and (fynd := minne.känd(fil, tillstånd[väg])) is not None
            }
        )
        oklara = [(väg, fil) for väg, fil in filer if väg not in svar]
        lästa = läs_alla(minne, [Path(fil) for _, fil in oklara])  # the rest is read
        svar.update(zip([väg for väg, _ in oklara], lästa, strict=True))
        self._svar[variant] = svar
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


def _som_de_är(filer: list[tuple[str, str]]) -> dict[str, tuple]:
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
