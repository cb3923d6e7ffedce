"""Render many documents: cached by content, in parallel, errors collected.

A job's cache key is a sha256 over three parts, kept apart so that the reason
for a re-render can be told:

* ``källa``   – every field of the DokumentVy plus the bytes of the logo and of
  every image the body references;
* ``mall``    – every file in the format's template folder;
* ``version`` – ``styrdok.__version__``.

Artefacts are stored content-addressed as ``cache_katalog/artefakter/<key>.<format>``;
a job whose artefact exists is a hit and the artefact is copied to the job's
output path, so a fresh staging folder is filled just as well as the previous
output folder. ``cache_katalog/manifest.json`` maps each document (format and
``vy.id``, not the output path, which may be a new staging folder every time)
to its last key and parts; it only serves to tell why something was rendered.

Only the calling process reads and writes the manifest; workers just render.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import styrdok
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.filer import katalogsumma, skriv_atomiskt
from styrdok.vy import DokumentVy
from styrdok.writers.gemensamt import kontrollera_logotyp, mallkatalog

Format = Literal["pdf", "docx"]
MALLKATALOG = {"pdf": "pdf", "docx": "word"}
MANIFEST = "manifest.json"
MAX_UPPGIFTER_PER_PROCESS = 50


@dataclass(frozen=True)
class Jobb:
    vy: DokumentVy
    format: Format
    ut: Path
    mallar: Path
    """The templates root (holding pdf/ and word/)."""


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
    if j.format == "pdf":
        from styrdok.writers.pdf import render_pdf

        render_pdf(j.vy, j.ut, j.mallar)
    elif j.format == "docx":
        from styrdok.writers.docx import render_docx

        render_docx(j.vy, j.ut, j.mallar)
    else:
        raise StyrdokFel(f"okänt format '{j.format}' (pdf eller docx)")


# --- cache keys ---------------------------------------------------------------------


def nyckeldelar(
    j: Jobb,
    mallsummor: dict[tuple[Path, str], str] | None = None,
    källsummor: dict[DokumentVy, str] | None = None,
) -> dict[str, str]:
    """The three hashed parts of a job's key (see the module docstring).

    ``mallsummor`` and ``källsummor`` memoize within one run: the PDF and the Word job of
    a document share its source sum, which costs a Markdown conversion to find images."""
    mallar = mallkatalog(j.mallar, MALLKATALOG.get(j.format, j.format))
    if mallsummor is None:
        mallsummor = {}
    if källsummor is None:
        källsummor = {}
    if (mallar, j.format) not in mallsummor:
        mallsummor[(mallar, j.format)] = katalogsumma(mallar)
    if j.vy not in källsummor:
        källsummor[j.vy] = _källsumma(j.vy)
    return {
        "källa": källsummor[j.vy],
        "mall": mallsummor[(mallar, j.format)],
        "version": styrdok.__version__,
    }


def _källsumma(vy: DokumentVy) -> str:
    h = hashlib.sha256()
    fält = {f.name: str(getattr(vy, f.name)) for f in dataclasses.fields(vy)}
    if not vy.datum:
        # Only then does the clock-free fallback SOURCE_DATE_EPOCH reach the output.
        fält["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH", "")
    h.update(json.dumps(fält, sort_keys=True, ensure_ascii=False).encode())
    filer = [kontrollera_logotyp(vy)] + _bildfiler(vy)
    for fil in sorted({f for f in filer if f is not None}):
        h.update(str(fil).encode() + b"\0")
        h.update(hashlib.sha256(fil.read_bytes()).digest())
    return h.hexdigest()


_BILD = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.MULTILINE)


def _bildfiler(vy: DokumentVy) -> list[Path]:
    """Files the body may show as images, found without converting the Markdown (the
    conversion cost more than the whole rest of a cache hit). Anything that looks like an
    image path and exists under innehållsrot counts; a missing one changes no key, and
    rendering reports it."""
    rot = Path(vy.innehållsrot)
    filer = []
    for träff in _BILD.finditer(vy.brödtext):
        mål = träff.group(1) or träff.group(2)
        if "://" in mål or mål.startswith(("#", "mailto:")):
            continue
        kandidat = (Path(vy.källfil).parent / mål).resolve()
        if kandidat.is_file() and kandidat.is_relative_to(rot):
            filer.append(kandidat)
    return filer


def _nyckel(delar: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(delar, sort_keys=True).encode()).hexdigest()


def dokumentnyckel(j: Jobb) -> str:
    """What the manifest is keyed by: the document, not the output path.

    Output paths change when the caller renders into a fresh staging folder;
    the document's id and format do not, so reasons stay meaningful.
    """
    return f"{j.format}:{j.vy.id}"


class _Cache:
    def __init__(self, katalog: Path):
        self.katalog = katalog
        self.artefakter = katalog / "artefakter"
        self.manifest: dict[str, dict] = self._läs_manifest()

    def _läs_manifest(self) -> dict[str, dict]:
        try:
            data = json.loads((self.katalog / MANIFEST).read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}  # a lost or broken cache only costs time

    def artefakt(self, j: Jobb, delar: dict[str, str]) -> Path:
        return self.artefakter / f"{_nyckel(delar)}.{j.format}"

    def skäl_att_rendera(self, j: Jobb, delar: dict[str, str]) -> str | None:
        """None when the artefact for exactly these inputs is in the cache."""
        if self.artefakt(j, delar).is_file():
            return None
        post = self.manifest.get(dokumentnyckel(j))
        if not post:
            return "ny"
        tidigare = post.get("delar", {})
        for del_, skäl in (
            ("version", "version ändrad"),
            ("mall", "mallen ändrad"),
            ("källa", "källan ändrad"),
        ):
            if tidigare.get(del_) != delar[del_]:
                return skäl
        return "saknas i cachen"

    def återanvänd(self, j: Jobb, delar: dict[str, str]) -> bool:
        """Put the cached artefact at the job's path: a hard link when possible (no copying:
        artefacts are never modified in place, only replaced), else a copy."""
        artefakt, ut = self.artefakt(j, delar), Path(j.ut)
        try:
            ut.parent.mkdir(parents=True, exist_ok=True)
            ut.unlink(missing_ok=True)
            os.link(artefakt, ut)
        except OSError:
            try:
                data = artefakt.read_bytes()
            except OSError:
                return False
            skriv_atomiskt(ut, data)
        self._anteckna(j, delar)
        return True

    def spara(self, j: Jobb, delar: dict[str, str]) -> None:
        skriv_atomiskt(self.artefakt(j, delar), Path(j.ut).read_bytes())
        self._anteckna(j, delar)

    def _anteckna(self, j: Jobb, delar: dict[str, str]) -> None:
        gammal = self.manifest.get(dokumentnyckel(j), {}).get("nyckel")
        self.manifest[dokumentnyckel(j)] = {
            "nyckel": _nyckel(delar),
            "delar": delar,
            "ut": str(j.ut),
        }
        if gammal and gammal != _nyckel(delar):
            self._städa(gammal, j.format)

    def glöm(self, j: Jobb) -> None:
        self.manifest.pop(dokumentnyckel(j), None)

    def _städa(self, nyckel: str, format: str) -> None:
        """Drop an artefact no document refers to any more, so the cache does not grow forever."""
        if not any(p.get("nyckel") == nyckel for p in self.manifest.values()):
            (self.artefakter / f"{nyckel}.{format}").unlink(missing_ok=True)

    def skriv_manifest(self) -> None:
        data = json.dumps(self.manifest, indent=1, sort_keys=True, ensure_ascii=False)
        skriv_atomiskt(self.katalog / MANIFEST, data.encode("utf-8"))


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
    with ProcessPoolExecutor(max_workers=antal, mp_context=_processkontext()) as pool:
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


def starta_arbetare_i_förväg() -> None:
    """Start the forkserver now: it imports WeasyPrint and python-docx (about a second) while
    the caller reads and checks the sources, instead of after. Workers fork from it later."""
    if sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1:
        from multiprocessing import forkserver

        _processkontext()
        forkserver.ensure_running()


def _processkontext():
    """forkserver on Linux: workers start from a clean, preloaded process, not a fork of the caller."""
    if sys.platform.startswith("linux"):
        kontext = multiprocessing.get_context("forkserver")
        kontext.set_forkserver_preload(["styrdok.writers.pdf", "styrdok.writers.docx"])
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
