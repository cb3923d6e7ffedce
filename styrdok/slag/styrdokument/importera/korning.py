"""The whole run: find the files, read them in worker processes (one per core), write
each document as its result arrives, in the order the files were given, and the report.

A file that cannot be read or written is one line in the report; the run goes on."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.filer import skriv_atomiskt
from styrdok.slag.styrdokument.importera import rapport, skriv
from styrdok.slag.styrdokument.importera.dokument import Importresultat, tolka
from styrdok.slag.styrdokument.importera.varden import Kommunregister

MINST_FÖR_PROCESSER = 8
"""Fewer files than this are read in this process: starting workers would cost more."""


def importera(
    rot: Path,
    källor: list[Path],
    till: str | None,
    skriv_över: bool,
    meddela: Callable[[str], None],
    idag: dt.date | None = None,
) -> rapport.Körning:
    start = time.perf_counter()
    rot = Path(rot).resolve()
    kommun = Kommunregister.läs(rot)
    mål = målmapp(rot, till)
    filer, saknas = samla(källor)
    körning = rapport.Körning(rot, mål)
    if not filer and not saknas:
        raise StyrdokFel("inga filer att importera")
    for fil, varför in saknas:
        körning.poster.append(rapport.Post(Importresultat(fil, fel=varför), problem=varför))
    upptagna: set[str] = set()
    senast = 0.0
    for i, resultat in enumerate(_tolka_alla(filer, kommun), start=1):
        körning.poster.append(_skriv(mål, rot, resultat, skriv_över, upptagna))
        if time.perf_counter() - senast >= 1.0 or i == len(filer):
            meddela(f"importerar: {i} av {len(filer)} filer ({resultat.källfil.name})")
            senast = time.perf_counter()
    körning.sekunder = time.perf_counter() - start
    text = rapport.markdown(körning, idag or dt.date.today())
    skriv_atomiskt(rot / rapport.RAPPORTFIL, text.encode("utf-8"))
    return körning


def kör_kommandot(args, delar) -> int:  # noqa: ARG001 - every kind's command takes both
    """``styrdok import``: the run, then its summary."""
    körning = importera(
        Path(args.katalog).resolve(), args.källor, args.till, args.skriv_över, args.meddela
    )
    for rad in rapport.sammanfattning(körning):
        args.meddela(rad)
    return 0 if körning.importerade or not körning.poster else 1


def målmapp(rot: Path, till: str | None) -> Path:
    """The folder the documents go to: ``content/styrdokument`` or a group below it."""
    bas = (rot / "content" / "styrdokument").resolve()
    if not till:
        return bas
    mål = Path(till)
    mål = (mål if mål.is_absolute() else rot / mål).resolve()
    if not mål.is_relative_to(bas):
        raise StyrdokFel(
            f"--till {till}: dokumenten måste hamna under content/styrdokument/, "
            "t.ex. --till content/styrdokument/ekonomi"
        )
    grupp = mål.relative_to(bas).as_posix()
    if grupp != "." and not all(skriv.dokument_id(d) == d for d in grupp.split("/")):
        raise StyrdokFel(
            f"--till {till}: mappens namn blir en del av dokumentens id och får bara innehålla "
            "små bokstäver a–z, siffror och bindestreck"
        )
    return mål


def samla(källor: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Every file named or found in a named folder (hidden files and Word's lock files
    ``~$…`` left out), in order and once each; and the names that do not exist."""
    filer: list[Path] = []
    saknas: list[tuple[Path, str]] = []
    for källa in källor:
        källa = Path(källa)
        if källa.is_dir():
            filer += sorted(
                f
                for f in källa.rglob("*")
                if f.is_file()
                and not any(d.startswith((".", "~$")) for d in f.relative_to(källa).parts)
            )
        elif källa.is_file():
            filer.append(källa)
        else:
            saknas.append((källa, "filen eller katalogen finns inte"))
    return list(dict.fromkeys(f.resolve() for f in filer)), saknas


def _arbetare() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _tolka_alla(filer: list[Path], kommun: Kommunregister) -> Iterator[Importresultat]:
    arbetare = min(_arbetare(), 8)
    if len(filer) < MINST_FÖR_PROCESSER or arbetare < 2:
        for fil in filer:
            yield tolka(fil, kommun)
        return
    klara = 0
    try:
        with ProcessPoolExecutor(arbetare) as pool:
            storlek = max(1, min(8, len(filer) // (arbetare * 4)))
            for resultat in pool.map(tolka, filer, repeat(kommun), chunksize=storlek):
                klara += 1
                yield resultat
    except BrokenProcessPool:
        for fil in filer[klara:]:
            yield Importresultat(
                fil, fel="läsningen avbröts (arbetsprocessen stoppades, t.ex. av minnesbrist)"
            )


def _skriv(
    mål: Path, rot: Path, resultat: Importresultat, skriv_över: bool, upptagna: set[str]
) -> rapport.Post:
    if resultat.fel is not None:
        return rapport.Post(resultat, problem=resultat.fel)
    try:
        skrivet = skriv.skriv(mål, rot, resultat, skriv_över, upptagna)
    except (OSError, StyrdokFel) as fel:
        return rapport.Post(
            resultat, problem=f"kunde inte skrivas ({getattr(fel, 'strerror', None) or fel})"
        )
    return rapport.Post(resultat, fil=skrivet.fil, problem=skrivet.problem)
