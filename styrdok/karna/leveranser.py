"""The documents of a build: gather every Leverans of both sites, render each distinct
document once in each registered document format (cached by content, in parallel), copy it
to every place it is published, and zip the collections (a meeting's papers)."""

from __future__ import annotations

import dataclasses
import functools
import io
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.filer import skriv_atomiskt
from styrdok.grund.sokvag import relativa_under
from styrdok.karna import projekt
from styrdok.karna.format import Dokumentformat, välj
from styrdok.karna.korpus import Korpus
from styrdok.karna.rendercache import i_cachen, känd, lägg_ut
from styrdok.karna.rendering import Jobb, Misslyckat, fånga, i_källan, render_alla
from styrdok.karna.utdata import Leverans
from styrdok.karna.webbplats import SITE_MAPPAR, källa_för

ZIPDATUM = (1980, 1, 1, 0, 0, 0)


def leveranser(korpus: Korpus, variant: str) -> list[Leverans]:
    """Every document one site variant publishes; the public one from the public copy only."""
    källa = källa_för(korpus, variant)
    return [lev for s in källa.slag for lev in s.leveranser(källa, variant)]


@dataclass
class Plan:
    """Every document file of a build (``platser``: which document, in which format, where)
    and the zips made of them (``samlingar``). Each distinct document is made once
    (``jobb``) and published again at its other places (``kopior``, from → to); which are
    the same is known only from the documents' views, made when first asked for: where the
    files go is known without them."""

    platser: list[tuple[Leverans, Dokumentformat, Path]]
    samlingar: dict[Path, list[Path]]
    mallar: Path

    @functools.cached_property
    def _delade(self) -> tuple[list[Jobb], list[tuple[Path, Path]]]:
        unika: dict[tuple, Path] = {}
        kopior: list[tuple[Path, Path]] = []
        for lev, format_, ut in self.platser:
            nyckel = (lev.vy, format_)
            if nyckel in unika:
                kopior.append((unika[nyckel], ut))
            else:
                unika[nyckel] = ut
        return [Jobb(vy, format_, ut, self.mallar) for (vy, format_), ut in unika.items()], kopior

    @property
    def jobb(self) -> list[Jobb]:
        return self._delade[0]

    @property
    def kopior(self) -> list[tuple[Path, Path]]:
        return self._delade[1]

    def alla(self) -> list[Path]:
        return [ut for _, _, ut in self.platser] + list(self.samlingar)

    def antal(self) -> int:
        """``len(self.alla())``."""
        return len(self.platser) + len(self.samlingar)

    def under(self, mapp: Path, bara: set[Path] | None = None) -> set[str]:
        """The plan's files in ``mapp``, as paths there; with ``bara``, only the documents
        made at those paths and their copies (no zips)."""
        if bara is None:
            filer = self.alla()
        else:
            filer = [j.ut for j in self.jobb if j.ut in bara]
            filer += [mål for källa, mål in self.kopior if källa in bara]
        return relativa_under(mapp, filer)  # as strings: ~3,700 paths at 1,000 documents


def planera(korpus: Korpus, mappar: dict[str, Path]) -> Plan:
    """What :func:`rendera_leveranser` makes for each site variant's docs folder (``mappar``)."""
    platser: list[tuple[Leverans, Dokumentformat, Path]] = []
    samlingar: dict[Path, list[Path]] = {}
    for variant, mapp in mappar.items():
        for lev in leveranser(korpus, variant):
            for format_ in välj(korpus.delar.dokumentformat, lev.format):
                ut = _utväg(mapp, lev.väg, format_.namn)
                platser.append((lev, format_, ut))
                if lev.samling:
                    samlingar.setdefault(mapp / lev.samling, []).append(ut)
        källa = källa_för(korpus, variant)
        for s in källa.slag:
            for samling, vägar in s.samlingsfiler(källa, variant).items():
                samlingar.setdefault(mapp / samling, []).extend(mapp / v for v in vägar)
    return Plan(platser, samlingar, projekt.mallar(korpus.rot))


@functools.lru_cache(maxsize=65536)  # thousands per save in serve; a Path is immutable
def _utväg(mapp: Path, väg: str, ändelse: str) -> Path:
    return mapp / f"{väg}.{ändelse}"


def rendera_leveranser(
    korpus: Korpus,
    mappar: dict[str, Path],
    meddela: Callable[[str], None],
    arbetare: int | None = None,
    plan: Plan | None = None,
    medan: Callable[[], object] | None = None,
) -> None:
    """Render each site variant's documents into its docs folder (``mappar[variant]``), before
    the site engine runs, so that it sees the files and resolves the links to them.
    ``medan``: what this process does while worker processes render (generating the pages
    into the same folders: the documents are put there after it). Raise StyrdokFel if any
    failed."""
    plan = plan or planera(korpus, mappar)
    resultat = render_alla(
        plan.jobb,
        projekt.cachemapp(korpus.rot),
        arbetare or os.cpu_count(),
        _framsteg(meddela),
        medan=medan,
    )
    if resultat.fel:
        antal = skriv_fel(resultat.fel)
        raise StyrdokFel(
            f"{antal} fel i {len(resultat.fel)} av {len(plan.jobb)} dokument; "
            "inget publicerades och site/ är orörd"
        )
    if saknade := _kopiera_och_packa(plan):
        raise StyrdokFel(f"internt fel: {saknade[0]} kunde inte skapas; inget publicerades")
    for r in resultat.renderade:
        meddela(f"  skapade {r.ut.relative_to(korpus.rot / 'build' / 'mkdocs')} ({r.skäl})")
    meddela(
        f"{len(resultat.renderade)} dokument skapade, {len(resultat.återanvända)} oförändrade återanvända, "
        f"{len(plan.kopior)} kopior"
    )


def _kopiera_och_packa(plan: Plan) -> list[Path]:
    """The copies and zips of the documents that exist; returns what could not be made."""
    saknade = []
    for källa, mål in plan.kopior:
        if not källa.is_file() or not lägg_ut(källa, mål):  # one file, two names
            saknade.append(mål)
    for zipfil, filer in plan.samlingar.items():
        if all(f.is_file() for f in filer):
            packa(zipfil, filer)
        else:
            saknade.append(zipfil)
    return saknade


def tidigare_byggda(korpus: Korpus, plan: Plan, mappar: dict[str, Path]) -> bool:
    """Whether an earlier build made any of these documents: the render cache knows one, or
    the published site/ has one. (A project that never had its documents has none.)"""
    if känd(lambda: plan.jobb, projekt.cachemapp(korpus.rot)):
        return True
    for variant, mapp in mappar.items():
        publicerad = korpus.rot / "site" / SITE_MAPPAR[variant]
        per_mapp: dict[str, set[str]] = {}
        for väg in plan.under(mapp):
            förälder, _, namn = väg.rpartition("/")
            per_mapp.setdefault(förälder, set()).add(namn)
        for förälder, namn in per_mapp.items():  # a folder read once, not a file looked for
            try:
                with os.scandir(publicerad / förälder) as poster:
                    if any(p.name in namn and p.is_file() for p in poster):
                        return True
            except OSError:
                continue
    return False


@dataclass
class Cacheläge:
    """Which of a plan's documents the render cache holds for exactly the current sources."""

    plan: Plan
    artefakter: dict[Jobb, Path | None]

    @property
    def antal(self) -> int:
        return len(self.artefakter)

    @property
    def funna(self) -> int:
        return sum(1 for a in self.artefakter.values() if a is not None)


def ur_cachen(korpus: Korpus, mappar: dict[str, Path]) -> Cacheläge:
    """Look the documents up in the render cache; nothing is rendered (``styrdok serve``)."""
    plan = planera(korpus, mappar)
    return Cacheläge(plan, i_cachen(plan.jobb, projekt.cachemapp(korpus.rot)))


def lägg_ut_ur_cachen(läge: Cacheläge) -> list[Path]:
    """Put the cached documents, their copies and complete zips in the docs folders (after
    the pages are generated: that empties them). Returns the files that are missing."""
    saknade = []
    for j, artefakt in läge.artefakter.items():
        if artefakt is None or not lägg_ut(artefakt, Path(j.ut)):
            saknade.append(Path(j.ut))
    return saknade + _kopiera_och_packa(läge.plan)


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
    """A zip with fixed dates and order, so the same papers give the same bytes. Written as
    a new file (never into the one there, which a published site may share), and not at all
    when the one there already holds these bytes."""
    buffert = io.BytesIO()
    with zipfile.ZipFile(buffert, "w", zipfile.ZIP_DEFLATED) as z:
        for fil in sorted(set(filer), key=lambda f: f.name):
            info = zipfile.ZipInfo(fil.name, ZIPDATUM)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, fil.read_bytes())
    data = buffert.getvalue()
    try:
        if not zipfil.is_symlink() and zipfil.read_bytes() == data:
            return
    except OSError:
        pass
    zipfil.parent.mkdir(parents=True, exist_ok=True)
    skriv_atomiskt(zipfil, data)


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
