"""Word and PDF deliverables of a build: gather every Leverans of both sites, render each
distinct document once (cached by content, in parallel), copy it to every place it is
published, and zip the collections (a meeting's papers)."""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from styrdok import forfattningar, projekt, slag
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.korpus import Korpus
from styrdok.presentation import dokumentvy, filväg
from styrdok.slag import Leverans
from styrdok.webbplats import källa_för

ZIPDATUM = (1980, 1, 1, 0, 0, 0)


def leveranser(korpus: Korpus, variant: str) -> list[Leverans]:
    """Every document one site variant publishes; the public one from the public copy only."""
    källa = källa_för(korpus, variant)
    status = forfattningar.härled_status(källa)
    lista = [
        Leverans(dokumentvy(källa, d, status[d.id]), filväg(d, "pdf").removesuffix(".pdf"))
        for d in källa.styrdokument.values()
    ]
    for s in slag.alla():
        lista.extend(s.leveranser(källa, variant))
    return lista


def rendera_leveranser(
    korpus: Korpus,
    mappar: dict[str, Path],
    meddela: Callable[[str], None],
    arbetare: int | None = None,
) -> None:
    """Render each site variant's documents into its docs folder (``mappar[variant]``), before
    the site engine runs, so that it sees the files and resolves the links to them.
    Raise StyrdokFel if any failed."""
    from styrdok.writers.batch import Jobb, render_alla

    mallar = projekt.mallar(korpus.rot)
    unika: dict[tuple, Path] = {}
    kopior: list[tuple[Path, Path]] = []
    samlingar: dict[Path, list[Path]] = {}
    for variant, mapp in mappar.items():
        for lev in leveranser(korpus, variant):
            for format_ in lev.format:
                ut = mapp / f"{lev.väg}.{format_}"
                nyckel = (lev.vy, format_)
                if nyckel in unika:
                    kopior.append((unika[nyckel], ut))
                else:
                    unika[nyckel] = ut
                if lev.samling:
                    samlingar.setdefault(mapp / lev.samling, []).append(ut)
        for s in slag.alla():
            for samling, vägar in s.samlingsfiler(källa_för(korpus, variant), variant).items():
                samlingar.setdefault(mapp / samling, []).extend(mapp / v for v in vägar)
    jobb = [Jobb(vy, format_, ut, mallar) for (vy, format_), ut in unika.items()]
    resultat = render_alla(
        jobb, projekt.cachemapp(korpus.rot), arbetare or os.cpu_count(), _framsteg(meddela)
    )
    for misslyckat in resultat.fel:
        print(misslyckat.fel, file=sys.stderr)
        if misslyckat.spårning:
            print(misslyckat.spårning, file=sys.stderr)
    if resultat.fel:
        raise StyrdokFel(
            f"{len(resultat.fel)} av {len(jobb)} dokument kunde inte skapas; inget publicerades och site/ är orörd"
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


def rendera_ett(rot: Path, referens: str, format_: str, ut: Path | None) -> Path:
    """``styrdok pdf|docx ID``: one styrdokument, checked first like a build."""
    from styrdok.bygg import ladda_och_validera
    from styrdok.grund.diagnostik import Rapport
    from styrdok.writers.batch import Jobb
    from styrdok.writers.batch import rendera_ett as rendera

    rapport = Rapport()
    korpus = ladda_och_validera(rot, rapport)
    if korpus is None or rapport.har_fel():
        rapport.skriv()
        raise StyrdokFel(f"{rapport.antal_fel} fel i källorna; rätta dem först")
    dok_id = forfattningar.slå_upp(korpus, referens)
    if dok_id is None:
        raise StyrdokFel(
            f"{referens} finns inte; ange ett id som styrdokument/ekonomi/finanspolicy eller ett KFS-nummer"
        )
    dokument_ = korpus.styrdokument[dok_id]
    status = forfattningar.härled_status(korpus)
    mapp = ut or rot / "build" / "dokument"
    fil = mapp / (Path(filväg(dokument_, format_)).name)
    vy = dokumentvy(korpus, dokument_, status[dok_id])
    rendera(Jobb(vy, format_, fil, projekt.mallar(rot)))
    return fil
