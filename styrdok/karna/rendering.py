"""Render many documents: reused from the cache while their inputs are unchanged (see
``rendercache``), the rest in parallel worker processes, errors collected; the run goes on
past a failed document and reports every failure at the end."""

from __future__ import annotations

import ctypes
import dataclasses
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import forkserver
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.sokvag import inom
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
    medan: Callable[[], object] | None = None,
) -> Resultat:
    """Render every job whose inputs changed, reuse the rest from the cache.

    ``medan``: work for this process meanwhile (the pages generated into the very folders
    the documents go to): the changed jobs are rendered by worker processes into a folder
    of the cache's own while ``medan()`` runs, and every document is put at its path only
    after it returns (the unchanged ones while the last changed ones still render)."""
    cache = _Cache(Path(cache_katalog))
    resultat = Resultat()
    senare: list[tuple[Jobb, dict[str, str]]] = []
    att_göra: list[tuple[Jobb, dict[str, str], str]] = []
    klara = 0
    mallsummor: dict[tuple[Path, str], str] = {}
    källsummor: dict[DokumentVy, str] = {}
    lås = threading.Lock()  # jobs finish in this thread and in the one waiting for workers

    def klar(ut: Path) -> None:
        nonlocal klara
        with lås:
            klara += 1
            if framsteg:
                framsteg(klara, len(jobb), ut)

    for j in jobb:
        try:
            delar = nyckeldelar(j, mallsummor, källsummor)
        except (StyrdokFel, OSError) as e:
            if isinstance(e, OSError):  # an image or the logo that cannot be read
                e = StyrdokFel(f"filen kan inte läsas: {e.strerror or e}", e.filename)
            resultat.fel.append(Misslyckat(Path(j.ut), e))
            cache.glöm(j)
            klar(j.ut)
            continue
        skäl = cache.skäl_att_rendera(j, delar)
        if skäl is None and medan is not None:
            senare.append((j, delar))  # put in place once medan() is done
        elif skäl is None and cache.återanvänd(j, delar):
            resultat.återanvända.append(Path(j.ut))
            klar(j.ut)
        else:
            att_göra.append((j, delar, skäl or "saknas i cachen"))

    egna: dict[str, Jobb] = {}
    borta: list[_Uppgift] = []

    def lägg_på_plats() -> None:
        for j, delar in senare:
            if cache.återanvänd(j, delar):
                resultat.återanvända.append(Path(j.ut))
                klar(j.ut)
            else:  # gone from the cache meanwhile: made here after all
                borta.append((j, delar, "saknas i cachen"))

    if medan is None:
        gjorda = _rendera(att_göra, arbetare, klar)
    else:
        gjorda = _rendera_medan(att_göra, arbetare, klar, medan, lägg_på_plats, cache.katalog, egna)
        gjorda.extend(_rendera(borta, 1, klar))
    for (j, delar, skäl), fel in gjorda:
        egen = egna.get(str(j.ut), j)
        if fel is None:
            cache.spara(j, delar)
            if egen is not j and not cache.återanvänd(egen, delar):
                fel = Misslyckat(Path(j.ut), StyrdokFel(f"{egen.ut} kunde inte läggas på plats"))
        if fel is None:
            resultat.renderade.append(Renderat(Path(egen.ut), skäl))
        else:
            cache.glöm(egen)
            resultat.fel.append(dataclasses.replace(fel, ut=Path(egen.ut)))
    if medan is not None:
        shutil.rmtree(cache.katalog / _RENDERAS, ignore_errors=True)
    cache.skriv_manifest()
    per_ut = {str(j.ut): j.vy for j in jobb}
    resultat.fel = [
        dataclasses.replace(m, fel=i_källan(m.fel, per_ut[str(m.ut)])) for m in resultat.fel
    ]
    return _i_jobbordning(resultat, jobb)


_RENDERAS = ".renderas"
"""Where the cache's documents are rendered while the caller's ``medan`` runs."""


def _rendera_medan(
    att_göra: list[_Uppgift],
    arbetare: int | None,
    klar: Callable[[Path], None],
    medan: Callable[[], object],
    sedan: Callable[[], object],
    katalog: Path,
    egna: dict[str, Jobb],
) -> list[tuple[_Uppgift, Misslyckat | None]]:
    """The jobs rendered into a folder of their own (``egna``: such a path → the job) by
    worker processes, waited for in a thread, while ``medan()`` and then ``sedan()`` run in
    this one (``sedan`` only when ``medan`` did not raise)."""
    mapp = katalog / _RENDERAS
    shutil.rmtree(mapp, ignore_errors=True)
    uppgifter = []
    for i, (j, delar, skäl) in enumerate(att_göra):
        här = dataclasses.replace(j, ut=mapp / str(i) / Path(j.ut).name)
        egna[str(här.ut)] = j
        uppgifter.append((här, delar, skäl))
    svar: list[tuple[_Uppgift, Misslyckat | None]] = []
    fel: list[BaseException] = []

    def vänta() -> None:
        try:
            svar.extend(_rendera(uppgifter, arbetare, klar, i_processer=True))
        except BaseException as e:  # raised here, after medan()
            fel.append(e)

    tråd = threading.Thread(target=vänta, daemon=True)
    tråd.start()
    try:
        medan()
        sedan()
    finally:
        tråd.join()
    if fel:
        raise fel[0]
    return svar


def i_källan(fel: StyrdokFel, vy: DokumentVy) -> StyrdokFel:
    """The error as the user should read it: at the source line that names a file which
    failed (an image: where the text shows it; the logo: kommun.yml), with the path relative
    to the project, and at the document's source when the writer named no file at all."""
    innehåll = Path(vy.innehållsrot)
    källfil = Path(vy.källfil)
    sökväg, rad, kolumn = Path(fel.sökväg) if fel.sökväg else källfil, fel.rad, fel.kolumn
    if sökväg != källfil and sökväg.is_relative_to(innehåll):
        logotyp = vy.logotyp is not None and sökväg == inom(innehåll, Path(vy.logotyp))
        namnande = innehåll / "kommun.yml" if logotyp else källfil
        if plats := _plats_för(namnande, sökväg):
            sökväg, (rad, kolumn) = namnande, plats
    try:
        visad = sökväg.relative_to(innehåll.parent).as_posix()
    except ValueError:
        visad = str(sökväg)
    return StyrdokFel(fel.meddelande, visad, rad, kolumn)


def _plats_för(källa: Path, fil: Path) -> tuple[int, int] | None:
    """Line and column (1-based) where ``källa`` names ``fil``, or None."""
    try:
        text = källa.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for nål in (os.path.relpath(fil, källa.parent), fil.name):
        if (index := text.find(Path(nål).as_posix())) >= 0:
            return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    return None


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


def _rendera(
    uppgifter: list[_Uppgift],
    arbetare: int | None,
    klar: Callable[[Path], None],
    i_processer: bool = False,
):
    """Yield ((job, parts, reason), error or None) as jobs finish. ``i_processer``: in worker
    processes even for one job, where there is more than one core (this process has other
    work meanwhile)."""
    antal = min(arbetare or os.cpu_count() or 1, len(uppgifter))
    if antal <= 1 and not (i_processer and uppgifter and (os.cpu_count() or 1) > 1):
        for u in uppgifter:
            yield u, fånga(u[0])
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
    kontext = _processkontext(moduler)
    server = None
    if kontext.get_start_method() == "forkserver":
        forkserver.ensure_running()
        server = getattr(forkserver._forkserver, "_forkserver_pid", None)
    with ProcessPoolExecutor(
        max_workers=antal, mp_context=kontext, initializer=_arbetare_startar, initargs=(server,)
    ) as pool:
        framtider = {pool.submit(_rendera_bit, [u[0] for u in bit]): bit for bit in bitar}
        for framtid in as_completed(framtider):
            bit = framtider[framtid]
            try:
                svar = framtid.result()
            except BrokenProcessPool:
                svar = [(_DOG, None, None, 1, 1, None)] * len(bit)
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
    """forkserver on Linux: workers start from a clean, preloaded process, not a fork of the
    caller. This module is preloaded first: imported there, it ties the forkserver's life to
    the build's (see the end of the module)."""
    if sys.platform.startswith("linux"):
        kontext = multiprocessing.get_context("forkserver")
        kontext.set_forkserver_preload([__name__, *moduler])
        return kontext
    return multiprocessing.get_context("spawn")


_DOG = (
    "en arbetsprocess avbröts oväntat medan dokumentet skapades (tog minnet slut?); "
    "inget publicerades, bygg igen"
)


def dö_med_föräldern() -> None:
    """Linux: the kernel sends this process SIGKILL when its parent dies (PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux, or no prctl: workers then live as before
        pass


def _arbetare_startar(forkserver_pid: int | None) -> None:
    """Pool initializer: a worker dies with the forkserver it was forked from, which dies with
    the build, so no worker goes on writing into build/ after a build was killed. (Workers
    hold the forkserver's "alive" pipe; without this they and the forkserver outlived it.)"""
    if sys.platform.startswith("linux"):
        dö_med_föräldern()
        if forkserver_pid is not None and os.getppid() != forkserver_pid:
            os._exit(1)  # the forkserver was gone already: nobody is left to kill us


def _i_forkserver() -> bool:
    """Whether this module is being imported by the forkserver's preloading."""
    ram = sys._getframe()
    while ram is not None:
        if ram.f_code is forkserver.main.__code__:
            return True
        ram = ram.f_back
    return False


_Felbeskrivning = tuple[str, str | None, str | None, int, int, str | None] | None


def _rendera_bit(bit: list[Jobb]) -> list[_Felbeskrivning]:
    """Runs in a worker. Errors go back as plain tuples: StyrdokFel does not pickle faithfully."""
    svar: list[_Felbeskrivning] = []
    for j in bit:
        fel = fånga(j)
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


def fånga(j: Jobb) -> Misslyckat | None:
    """Render one job; a user's mistake or a bug (with its traceback) comes back, never raised."""
    try:
        rendera_ett(j)
        return None
    except StyrdokFel as e:
        return Misslyckat(Path(j.ut), e)
    except Exception as e:  # a bug must not stop the other documents
        fel = StyrdokFel(
            f"internt fel i styrdok när {j.format.etikett}-filen skulle skapas "
            f"({type(e).__name__}: {e}); det är ett fel i styrdok, inte i texten",
            j.vy.källfil,
        )
        return Misslyckat(Path(j.ut), fel, traceback.format_exc())


if sys.platform.startswith("linux") and _i_forkserver():
    dö_med_föräldern()  # the forkserver goes with the build, and its workers with it
