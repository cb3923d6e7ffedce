"""Render many documents: reused from the cache while their inputs are unchanged (see
``rendercache``), the rest in parallel worker processes, errors collected; the run goes on
past a failed document and reports every failure at the end."""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import forkserver
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna.format import Dokumentformat
from styrdok.karna.rendercache import Jobb, _Cache, nyckeldelar
from styrdok.karna.utdata import DokumentVy

MAX_UPPGIFTER_PER_PROCESS = 50


@dataclass(frozen=True)
class Renderat:
    ut: Path
    skäl: str
    """Why it was rendered: "ny", "källan ändrad", "mallen ändrad", "version ändrad", "saknas i cachen"."""


@dataclass(frozen=True)
class Misslyckat:
    ut: Path
    fel: StyrdokFel
    spårning: str | None = None
    """A traceback, only for internal errors (bugs), never for the user's mistakes."""


@dataclass
class Resultat:
    renderade: list[Renderat] = field(default_factory=list)
    återanvända: list[Path] = field(default_factory=list)
    fel: list[Misslyckat] = field(default_factory=list)

    @property
    def lyckades(self) -> bool:
        return not self.fel


Framsteg = Callable[[int, int, Path], None]
"""Called in the calling process as ``framsteg(klara, totalt, ut)`` after each job."""


def render_alla(
    jobb: list[Jobb],
    cache_katalog: Path,
    arbetare: int | None = None,
    framsteg: Framsteg | None = None,
) -> Resultat:
    """Render every job whose inputs changed, reuse the rest from the cache."""
    cache = _Cache(Path(cache_katalog))
    resultat = Resultat()
    att_göra: list[tuple[Jobb, dict[str, str], str]] = []
    klara = 0
    mallsummor: dict[tuple[Path, str], str] = {}
    källsummor: dict[DokumentVy, str] = {}

    def klar(ut: Path) -> None:
        nonlocal klara
        klara += 1
        if framsteg:
            framsteg(klara, len(jobb), ut)

    for j in jobb:
        try:
            delar = nyckeldelar(j, mallsummor, källsummor)
        except StyrdokFel as e:
            resultat.fel.append(Misslyckat(Path(j.ut), e))
            cache.glöm(j)
            klar(j.ut)
            continue
        skäl = cache.skäl_att_rendera(j, delar)
        if skäl is None and cache.återanvänd(j, delar):
            resultat.återanvända.append(Path(j.ut))
            klar(j.ut)
        else:
            att_göra.append((j, delar, skäl or "saknas i cachen"))

    for (j, delar, skäl), fel in _rendera(att_göra, arbetare, klar):
        if fel is None:
            cache.spara(j, delar)
            resultat.renderade.append(Renderat(Path(j.ut), skäl))
        else:
            cache.glöm(j)
            resultat.fel.append(fel)
    cache.skriv_manifest()
    return _i_jobbordning(resultat, jobb)


def _i_jobbordning(resultat: Resultat, jobb: list[Jobb]) -> Resultat:
    """Workers finish in any order; report in the caller's order for stable output."""
    ordning = {str(j.ut): i for i, j in enumerate(jobb)}
    resultat.renderade.sort(key=lambda r: ordning.get(str(r.ut), 0))
    resultat.återanvända.sort(key=lambda ut: ordning.get(str(ut), 0))
    resultat.fel.sort(key=lambda f: ordning.get(str(f.ut), 0))
    return resultat


def rendera_ett(j: Jobb) -> None:
    j.format.rendera(j.vy, Path(j.ut), j.mallar)


# --- cache keys ---------------------------------------------------------------------


# --- rendering, in process or in a pool --------------------------------------------

_Uppgift = tuple[Jobb, dict[str, str], str]


def _rendera(uppgifter: list[_Uppgift], arbetare: int | None, klar: Callable[[Path], None]):
    """Yield ((job, parts, reason), error or None) as jobs finish."""
    antal = min(arbetare or os.cpu_count() or 1, len(uppgifter))
    if antal <= 1:
        for u in uppgifter:
            yield u, _fånga(u[0])
            klar(u[0].ut)
        return
    yield from _rendera_parallellt(uppgifter, antal, klar)


def _rendera_parallellt(uppgifter: list[_Uppgift], antal: int, klar: Callable[[Path], None]):
    # Small chunks keep the load balanced. Memory stays bounded by giving each pool at most
    # MAX_UPPGIFTER_PER_PROCESS chunks per worker and then starting a fresh pool: Python
    # 3.11's max_tasks_per_child can deadlock once every worker has used up its tasks
    # (cpython gh-115634), so we recycle whole pools instead.
    storlek = max(1, min(8, len(uppgifter) // (antal * 4)))
    bitar = [uppgifter[i : i + storlek] for i in range(0, len(uppgifter), storlek)]
    per_omgång = antal * MAX_UPPGIFTER_PER_PROCESS
    for start in range(0, len(bitar), per_omgång):
        yield from _omgång(bitar[start : start + per_omgång], antal, klar)


def _omgång(bitar: list[list[_Uppgift]], antal: int, klar: Callable[[Path], None]):
    moduler = sorted({u[0].format.modul for bit in bitar for u in bit})
    with ProcessPoolExecutor(max_workers=antal, mp_context=_processkontext(moduler)) as pool:
        framtider = {pool.submit(_rendera_bit, [u[0] for u in bit]): bit for bit in bitar}
        for framtid in as_completed(framtider):
            bit = framtider[framtid]
            try:
                svar = framtid.result()
            except BrokenProcessPool as e:
                svar = [
                    ("styrdok: en arbetsprocess dog under renderingen", None, None, 1, 1, repr(e))
                ] * len(bit)
            for u, fel in zip(bit, svar, strict=True):
                yield u, _fel_från(u[0], fel)
                klar(u[0].ut)


def starta_arbetare_i_förväg(format_: Iterable[Dokumentformat]) -> None:
    """Start the forkserver now: it imports the formats' modules (WeasyPrint and python-docx,
    about a second) while the caller reads and checks the sources, instead of after. Workers
    fork from it later."""
    if sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1:
        _processkontext(sorted({f.modul for f in format_}))
        forkserver.ensure_running()


def _processkontext(moduler: list[str]):
    """forkserver on Linux: workers start from a clean, preloaded process, not a fork of the caller."""
    if sys.platform.startswith("linux"):
        kontext = multiprocessing.get_context("forkserver")
        kontext.set_forkserver_preload(moduler)
        return kontext
    return multiprocessing.get_context("spawn")


_Felbeskrivning = tuple[str, str | None, str | None, int, int, str | None] | None


def _rendera_bit(bit: list[Jobb]) -> list[_Felbeskrivning]:
    """Runs in a worker. Errors go back as plain tuples: StyrdokFel does not pickle faithfully."""
    svar: list[_Felbeskrivning] = []
    for j in bit:
        fel = _fånga(j)
        if fel is None:
            svar.append(None)
        else:
            svar.append(
                ("", fel.fel.meddelande, fel.fel.sökväg, fel.fel.rad, fel.fel.kolumn, fel.spårning)
            )
    return svar


def _fel_från(j: Jobb, beskrivning: _Felbeskrivning) -> Misslyckat | None:
    if beskrivning is None:
        return None
    förklaring, meddelande, sökväg, rad, kolumn, spårning = beskrivning
    return Misslyckat(
        Path(j.ut), StyrdokFel(meddelande or förklaring, sökväg, rad, kolumn), spårning
    )


def _fånga(j: Jobb) -> Misslyckat | None:
    try:
        rendera_ett(j)
        return None
    except StyrdokFel as e:
        return Misslyckat(Path(j.ut), e)
    except Exception as e:  # a bug must not stop the other documents
        fel = StyrdokFel(
            f"internt fel i styrdok när {Path(j.ut).name} skulle skapas: {type(e).__name__}: {e}",
            j.vy.källfil,
        )
        return Misslyckat(Path(j.ut), fel, traceback.format_exc())
