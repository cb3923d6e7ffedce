"""Both sites built at once, one process each (where there are cores for it): the build's
site engine run in a forked process per site, which reports its messages and any error to
the build; a stopped build stops them, and what they started, with it."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
from collections.abc import Callable, Mapping
from pathlib import Path

from styrdok.grund import mappstommar, sopor
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna import projekt
from styrdok.karna.rendering import dö_med_föräldern
from styrdok.karna.webbplats import INTRANÄT, PUBLIK, SITE_MAPPAR, Webbmotor, Webbplats

Meddela = Callable[[str], None]
_LÄS = ("kan läsas",)
"""What a site's process sends when what it has written so far may be read: its pages,
before the search index is made; its own index, before it takes in its :data:`BAS`'s."""
BAS = {INTRANÄT: PUBLIK}
"""The site whose search index a site may take in where their pages are the same (most of
the intranet's pages are the public site's): built first when one at a time."""
VÄNTA = 600.0
"""How long a site waits for its :data:`BAS` (seconds) before it does without."""


class _Bas:
    """Another site of the build as a site's engine sees it (``karna/webbplats.Bas``): set
    by that site's process as its pages and its index are written, or by this process
    when that one ends (then what it wrote is looked at, not taken on trust), or at once
    when it was not built but taken as it was published (``karna/webbplatsminne``)."""

    def __init__(self, site: Path, kontext, klar: bool = False) -> None:
        self.site = site
        self.sidorna, self.indexet = kontext.Event(), kontext.Event()
        self.tas_in: Callable[[], object] = lambda: None
        """Called in the process of the site that takes this one's index in, when it asks
        for that index (:meth:`index`): its own index is made by then."""
        if klar:
            self.klar()

    def klar(self) -> None:
        self.sidorna.set()
        self.indexet.set()

    def sidor(self) -> Path | None:
        return self.site if self.sidorna.wait(VÄNTA) and self.site.is_dir() else None

    def index(self) -> bool:
        self.tas_in()
        return self.indexet.wait(VÄNTA)


def bygg_webbplatser(
    webbplatser: dict[str, Webbplats],
    stage: Path,
    rot: Path,
    strikt: bool,
    motor: Webbmotor,
    meddela: Meddela = lambda _: None,
    medan: Callable[[], object] = lambda: None,
    klar: Callable[[str], object] = lambda _: None,
    kan_läsas: Callable[[str], object] = lambda _: None,
    tagna: Mapping[str, Path] | None = None,
) -> dict[str, tuple[int, bool]]:
    """Both sites at once, one process each, when there are cores for it. ``medan()`` is
    called in this process while they build (after they have started: nothing runs in a
    thread of this process when it forks), then ``kan_läsas(variant)`` for each site as
    soon as its pages are written (its search index is made meanwhile) and again, for a
    site that takes in the other's index, once its own index is made, and
    ``klar(variant)`` as soon as it is built, while the other may still build. Returns, for
    each site, how many warnings its build logged and whether it came from its inputs alone
    (the engine's word). ``tagna``: the sites published again as they are, not built
    (variant → where they are): a site built on one of them takes its search index from
    there."""
    byggda: dict[str, tuple[int, bool]] = {}
    kontext = multiprocessing.get_context("fork")
    tagna = tagna or {}
    baser = {
        variant: _Bas(
            tagna.get(BAS[variant], stage / SITE_MAPPAR[BAS[variant]]),
            kontext,
            BAS[variant] not in webbplatser,
        )
        for variant in webbplatser
        if variant in BAS
    }
    som_bas = {BAS[variant]: bas for variant, bas in baser.items()}
    if (os.cpu_count() or 1) < 2:
        medan()
        for variant in sorted(webbplatser, key=lambda v: v in BAS):  # a site's base first
            byggda[variant] = _bygg_räknat(
                webbplatser[variant],
                stage / SITE_MAPPAR[variant],
                rot,
                strikt,
                motor,
                meddela,
                lambda variant=variant: kan_läsas(variant),
                baser.get(variant),
            )
            if variant in som_bas:  # built: the site built after it takes its index in
                som_bas[variant].klar()
            klar(variant)
        return byggda
    sopor.frys()  # the sites' processes do not look through what they inherit (grund/sopor)
    processer: dict[object, tuple[str, multiprocessing.process.BaseProcess]] = {}
    try:
        for variant, webbplats in webbplatser.items():
            mottagare, sändare = kontext.Pipe(duplex=False)
            process = kontext.Process(
                target=_webbplats_i_barnprocess,
                args=(
                    sändare,
                    webbplats,
                    stage / SITE_MAPPAR[variant],
                    rot,
                    strikt,
                    motor,
                    baser.get(variant),
                    som_bas.get(variant),
                ),
            )
            process.start()
            sändare.close()
            processer[mottagare] = (variant, process)
        medan()
        väntar = list(processer)
        while väntar:
            for mottagare in multiprocessing.connection.wait(väntar):
                variant, process = processer[mottagare]
                try:
                    svar = mottagare.recv()
                except EOFError:
                    svar = ("webbplatsbygget avbröts oväntat", [], 0, False)
                if svar == _LÄS:
                    kan_läsas(variant)
                    continue
                väntar.remove(mottagare)
                if variant in som_bas:  # whatever it wrote, it is done: looked at as it is
                    som_bas[variant].klar()
                fel, meddelanden, varningar, återskapbar = svar
                byggda[variant] = (varningar, återskapbar)
                process.join()
                for text in meddelanden:
                    meddela(text)
                if fel:
                    raise StyrdokFel(fel)
                klar(variant)
        return byggda
    finally:
        for _, process in processer.values():
            if process.is_alive():
                with contextlib.suppress(OSError):  # its group: the search indexer with it
                    os.killpg(process.pid, signal.SIGTERM)
                process.terminate()
                process.join()


def _webbplats_i_barnprocess(
    sändare,
    webbplats: Webbplats,
    site_dir: Path,
    rot: Path,
    strikt: bool,
    motor: Webbmotor,
    bas: _Bas | None,
    är_bas: _Bas | None,
) -> None:
    """Sends (error or None, the build's messages) to the parent, which passes them on.
    ``bas``: the site this one may take search entries from; ``är_bas``: this site as
    another's base, told when its pages and its index are written."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent cleans up; the child just stops
    dö_med_föräldern()  # a killed build leaves no site engine running on
    with contextlib.suppress(OSError):
        os.setpgrp()  # a group of its own: stopped, it stops what it started (Pagefind) too
    meddelanden: list[str] = []
    if bas is not None:  # its own index is read while it waits for its base's and takes it in
        bas.tas_in = lambda: sändare.send(_LÄS)
    try:
        varningar, återskapbar = _bygg_räknat(
            webbplats,
            site_dir,
            rot,
            strikt,
            motor,
            meddelanden.append,
            lambda: (är_bas and är_bas.sidorna.set(), sändare.send(_LÄS)),
            bas,
            är_bas.indexet.set if är_bas else lambda: None,
        )
        sändare.send((None, meddelanden, varningar, återskapbar))
    except StyrdokFel as fel:
        sändare.send((fel.meddelande, meddelanden, 0, False))
    except Exception as fel:  # a bug: report it rather than hang the parent
        sändare.send((f"internt fel i webbplatsbygget: {fel!r}", meddelanden, 0, False))
        raise


class _Varningar(logging.Handler):
    """Counts what is logged as a warning or worse while a site is built (by the site
    engine, or anything it runs)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.antal = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.antal += 1

    def __enter__(self) -> _Varningar:
        logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *_) -> None:
        logging.getLogger().removeHandler(self)


def _bygg_räknat(*args) -> tuple[int, bool]:
    """:func:`bygg_webbplats`, with how many warnings it logged and whether the engine says
    the site came from its inputs alone."""
    with _Varningar() as räknade:
        återskapbar = bygg_webbplats(*args)
    return räknade.antal, återskapbar is True


def bygg_webbplats(
    webbplats: Webbplats,
    site_dir: Path,
    rot: Path,
    strikt: bool,
    motor: Webbmotor,
    meddela: Meddela = lambda _: None,
    sidorna_klara: Callable[[], object] = lambda: None,
    bas: _Bas | None = None,
    indexet_klart: Callable[[], object] = lambda: None,
) -> bool | None:
    return motor.bygg_webbplats(
        webbplats,
        site_dir,
        projekt.konfigfil(rot),
        strikt=strikt,
        sidminne=projekt.cachemapp(rot) / "webbplats" / site_dir.name,
        meddela=meddela,
        tidigare=rot / "site" / site_dir.name,
        sidorna_klara=sidorna_klara,
        bas=bas,
        indexet_klart=indexet_klart,
        stommar=mappstommar.förråd(rot),
    )
