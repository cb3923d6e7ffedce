"""The documents of a build: gather every Leverans of both sites, render each distinct
document once in each registered document format (cached by content, in parallel), copy it
to every place it is published, and zip the collections (a meeting's papers)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna import projekt
from styrdok.karna.format import Dokumentformat, välj
from styrdok.karna.korpus import Korpus
from styrdok.karna.rendering import Jobb, Misslyckat, fånga, i_källan, render_alla
from styrdok.karna.utdata import Leverans
from styrdok.karna.webbplats import källa_för

ZIPDATUM = (1980, 1, 1, 0, 0, 0)


def leveranser(korpus: Korpus, variant: str) -> list[Leverans]:
    """Every document one site variant publishes; the public one from the public copy only."""
    källa = källa_för(korpus, variant)
    return [lev for s in källa.slag for lev in s.leveranser(källa, variant)]


def rendera_leveranser(
    korpus: Korpus,
    mappar: dict[str, Path],
    meddela: Callable[[str], None],
    arbetare: int | None = None,
) -> None:
    """Render each site variant's documents into its docs folder (``mappar[variant]``), before
    the site engine runs, so that it sees the files and resolves the links to them.
    Raise StyrdokFel if any failed."""
    mallar = projekt.mallar(korpus.rot)
    unika: dict[tuple, Path] = {}
    kopior: list[tuple[Path, Path]] = []
    samlingar: dict[Path, list[Path]] = {}
    for variant, mapp in mappar.items():
        for lev in leveranser(korpus, variant):
            for format_ in välj(korpus.delar.dokumentformat, lev.format):
                ut = mapp / f"{lev.väg}.{format_.namn}"
                nyckel = (lev.vy, format_)
                if nyckel in unika:
                    kopior.append((unika[nyckel], ut))
                else:
                    unika[nyckel] = ut
                if lev.samling:
                    samlingar.setdefault(mapp / lev.samling, []).append(ut)
        källa = källa_för(korpus, variant)
        for s in källa.slag:
            for samling, vägar in s.samlingsfiler(källa, variant).items():
                samlingar.setdefault(mapp / samling, []).extend(mapp / v for v in vägar)
    jobb = [Jobb(vy, format_, ut, mallar) for (vy, format_), ut in unika.items()]
    resultat = render_alla(
        jobb, projekt.cachemapp(korpus.rot), arbetare or os.cpu_count(), _framsteg(meddela)
    )
    if resultat.fel:
        antal = skriv_fel(resultat.fel)
        raise StyrdokFel(
            f"{antal} fel i {len(resultat.fel)} av {len(jobb)} dokument; "
            "inget publicerades och site/ är orörd"
        )
    for källa, mål in kopior:
        mål.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(källa, mål)  # the same document on both sites: one file, two names
        except OSError:
            shutil.copyfile(källa, mål)
    for zipfil, filer in samlingar.items():
        packa(zipfil, filer)
    for r in resultat.renderade:
        meddela(f"  skapade {r.ut.relative_to(korpus.rot / 'build' / 'mkdocs')} ({r.skäl})")
    meddela(
        f"{len(resultat.renderade)} dokument skapade, {len(resultat.återanvända)} oförändrade återanvända, "
        f"{len(kopior)} kopior"
    )


def skriv_fel(fel: list[Misslyckat]) -> int:
    """Each distinct error once (the same source fails alike in every format, on both sites
    and in every meeting's papers); a traceback only for a bug, and only with STYRDOK_DEBUG=1.
    Returns how many distinct errors there were."""
    sett: set[str] = set()
    for misslyckat in fel:
        text = str(misslyckat.fel)
        if misslyckat.spårning and os.environ.get("STYRDOK_DEBUG") != "1":
            text += " (kör med STYRDOK_DEBUG=1 för att se var, och rapportera felet)"
        elif misslyckat.spårning:
            text += "\n" + misslyckat.spårning.rstrip()
        if text not in sett:
            sett.add(text)
            print(text, file=sys.stderr)
    return len(sett)


def packa(zipfil: Path, filer: list[Path]) -> None:
    """A zip with fixed dates and order, so the same papers give the same bytes."""
    zipfil.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zipfil, "w", zipfile.ZIP_DEFLATED) as z:
        for fil in sorted(set(filer), key=lambda f: f.name):
            info = zipfile.ZipInfo(fil.name, ZIPDATUM)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, fil.read_bytes())


def _framsteg(meddela: Callable[[str], None]):
    tty = sys.stderr.isatty()
    steg = {"senast": -1}

    def visa(klara: int, totalt: int, ut: Path) -> None:  # noqa: ARG001
        procent = klara * 100 // max(totalt, 1)
        if tty:
            fyllt = procent // 4
            print(
                f"\r  [{'#' * fyllt}{'.' * (25 - fyllt)}] {klara}/{totalt} dokument",
                end="" if klara < totalt else "\n",
                file=sys.stderr,
                flush=True,
            )
        elif procent // 10 != steg["senast"] or klara == totalt:
            steg["senast"] = procent // 10
            meddela(f"  {klara}/{totalt} dokument")

    return visa


def rendera_ett(korpus: Korpus, referens: str, format_: Dokumentformat, ut: Path | None) -> Path:
    """``styrdok pdf|docx ID``: one document of any kind, by id or number, from a checked korpus."""
    träff = korpus.slå_upp(referens)
    vy = korpus.vy(träff) if träff is not None else None
    if träff is None or vy is None:
        raise StyrdokFel(
            f"{referens} finns inte; ange ett id som styrdokument/ekonomi/finanspolicy eller ett KFS-nummer"
        )
    mapp = ut or korpus.rot / "build" / "dokument"
    fil = mapp / f"{Path(träff.filväg or träff.id).name}.{format_.namn}"
    misslyckat = fånga(Jobb(vy, format_, fil, projekt.mallar(korpus.rot)))
    if misslyckat is not None:
        skriv_fel([dataclasses.replace(misslyckat, fel=i_källan(misslyckat.fel, vy))])
        raise StyrdokFel(f"{format_.etikett}-filen för {referens} kunde inte skapas")
    return fil
