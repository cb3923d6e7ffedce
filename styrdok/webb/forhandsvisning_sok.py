"""The preview's search index after pages were made again (``styrdok serve``).

A full build indexes its site (``sok.indexera``). When an edit only made some pages again
(``mkdocs_delbygge``), the index is made again here, in the background, so the page shows
at once and the search finds the edit a moment later, once the edits pause for
:data:`VILA` seconds (Pagefind runs at low priority, so the next edit's pages go first):
the site as it is shown (the built files with the pages made since) is linked into a
folder of its own, Pagefind indexes that, and its index files are served over the old
ones. The page a visitor is reading is not reloaded for it (the shown version stays).
A save while Pagefind runs stops it (:meth:`Sökindex.avbryt`): that index would be stale, and
the processor it takes is what the edit's pages wait for.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.webb import sok
from styrdok.webb.forhandsvisning_sidor import Läge

VILA = 1.5
"""Seconds without a new edit before the index is made: not while someone types and saves."""


class Sökindex:
    def __init__(self, arbetsmapp: Path, variant: str, aktuellt: Callable[[], Läge]):
        self.arbetsmapp = arbetsmapp
        self.variant = variant
        self.aktuellt = aktuellt
        """The shown state, asked again when an index is done (a newer edit makes it stale)."""
        self.lås = threading.Lock()
        self.tråd: threading.Thread | None = None
        self.körs = False
        self.igen = False
        """An edit came while the index was being made: make it again."""
        self.stopp = threading.Event()
        """Set by a save (:meth:`avbryt`): the index being made is stale."""
        self.gjorda = 0
        self.senast = 0.0

    def uppdatera(self, visa: Callable[[Läge, Läge], None]) -> None:
        """Make the index of the shown site again in the background; when done, and the
        shown state is still the one indexed, ``visa(indexerat, med_index)``. An edit while
        it runs has it run again afterwards."""
        with self.lås:
            self.igen = True
            self.senast = time.monotonic()
            if self.körs:
                return
            self.körs = True
            self.tråd = threading.Thread(target=self._kör, args=(visa,), daemon=True)
            self.tråd.start()

    def avbryt(self) -> None:
        """The sources changed: an index being made is stopped, and none is started before
        the edits pause again (:data:`VILA`); the build after the save asks for one
        (:meth:`uppdatera`) when it made pages again."""
        with self.lås:
            self.senast = time.monotonic()
            self.stopp.set()

    def _kör(self, visa: Callable[[Läge, Läge], None]) -> None:
        while True:
            with self.lås:  # deciding to stop and saying so, in one step
                if not self.igen:
                    self.körs = False
                    return
                self.igen = False
            while True:  # edits in a row: index once they pause
                while (vila := self.senast + VILA - time.monotonic()) > 0:
                    time.sleep(vila)
                with self.lås:
                    if not self.stopp.is_set():
                        break
                    self.stopp.clear()  # a save came meanwhile: wait for a pause after it
            läge = self.aktuellt()
            if läge.site is None or läge.fel is not None or not läge.överlägg:
                continue
            self.gjorda += 1
            mapp = self.arbetsmapp / f"sok-{self.gjorda}"
            try:
                index = self._indexera(läge, mapp)
            except sok.Avbrutet:  # a save stopped it: the build after the save asks again
                shutil.rmtree(mapp, ignore_errors=True)  # nothing in it was served
                continue
            except (StyrdokFel, OSError):
                continue  # the search keeps the last index; the next full build makes a new one
            if self.aktuellt() is läge:
                visa(läge, replace(läge, överlägg={**läge.överlägg, **index}))
                städa(self.arbetsmapp, ("sok",), self.gjorda - 1)  # two kept: one may be read

    def _indexera(self, läge: Läge, mapp: Path) -> dict[str, Path]:
        """The shown site linked into ``mapp`` and indexed there; its index files by path."""
        assert läge.site is not None
        shutil.rmtree(mapp, ignore_errors=True)
        for katalog, underkataloger, namn in os.walk(läge.site):
            relativ = Path(katalog).relative_to(läge.site)
            if relativ.parts[:1] == (sok.MAPP,):
                underkataloger.clear()
                continue
            (mapp / relativ).mkdir(parents=True, exist_ok=True)
            for n in namn:
                källa = läge.överlägg.get((relativ / n).as_posix(), Path(katalog) / n)
                try:
                    os.link(källa, mapp / relativ / n)
                except OSError:
                    shutil.copyfile(källa, mapp / relativ / n)
        sok.indexera(mapp, self.variant, i_bakgrunden=True, tidigare=läge.site, avbryt=self.stopp)
        return {
            f.relative_to(mapp).as_posix(): f for f in (mapp / sok.MAPP).rglob("*") if f.is_file()
        }


def städa(arbetsmapp: Path, slag: tuple[str, ...], behåll: int) -> None:
    """The preview's folders ``<slag>-<n>`` with ``n`` below ``behåll`` go."""
    for mapp in arbetsmapp.glob("*-*"):
        namn, _, nummer = mapp.name.partition("-")
        if namn in slag and nummer.isdigit() and int(nummer) < behåll:
            shutil.rmtree(mapp, ignore_errors=True)
