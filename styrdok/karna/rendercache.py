"""The render cache: a key per document and format, artefacts stored by key, and a
manifest that tells why a document was rendered again.

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
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import styrdok
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.filer import filtillstånd, katalogsumma, mallkatalog, skriv_atomiskt
from styrdok.grund.lankar import tolka, verkligt_mål
from styrdok.grund.sokvag import inom, relativ
from styrdok.karna.format import Dokumentformat
from styrdok.karna.utdata import DokumentVy, kontrollera_logotyp

MAX_UPPGIFTER_PER_PROCESS = 50


MANIFEST = "manifest.json"
ARTEFAKTER = "artefakter"
"""The cache's folder of made documents."""


@dataclass(frozen=True)
class Jobb:
    vy: DokumentVy
    format: Dokumentformat
    ut: Path
    mallar: Path
    """The templates root (holding pdf/ and word/)."""


def nyckeldelar(
    j: Jobb,
    mallsummor: dict[tuple[Path, str], str] | None = None,
    källsummor: dict[DokumentVy, str] | None = None,
) -> dict[str, str]:
    """The three hashed parts of a job's key (see the module docstring).

    ``mallsummor`` and ``källsummor`` memoize within one run: the PDF and the Word job of
    a document share its source sum, which costs a Markdown conversion to find images."""
    if mallsummor is None:
        mallsummor = {}
    if källsummor is None:
        källsummor = {}
    if (j.mallar, j.format) not in mallsummor:
        mallsummor[(j.mallar, j.format)] = katalogsumma(mallkatalog(j.mallar, j.format.mallmapp))
    if j.vy not in källsummor:
        källsummor[j.vy] = _källsumma(j.vy)
    return {
        "källa": källsummor[j.vy],
        "mall": mallsummor[(j.mallar, j.format)],
        "version": styrdok.__version__,
    }


_SUMMOR: dict[DokumentVy, tuple[tuple, str]] = {}
"""Within one process (``styrdok serve`` looks every document up after every save): each
view's sum, with the size and time of the files it read; used while they are the same."""


def _källsumma(vy: DokumentVy) -> str:
    filer = sorted({f for f in [kontrollera_logotyp(vy), *_bildfiler(vy)] if f is not None})
    tillstånd = (os.environ.get("SOURCE_DATE_EPOCH", ""), *(_stat(f) for f in filer))
    if (post := _SUMMOR.get(vy)) is not None and post[0] == tillstånd:
        return post[1]
    if len(_SUMMOR) > 50_000:  # a long preview: views of old versions of the documents
        _SUMMOR.clear()
    summa = _räkna_källsumma(vy, filer)
    _SUMMOR[vy] = (tillstånd, summa)
    return summa


def _stat(fil: Path) -> tuple:
    try:
        return (str(fil), *filtillstånd(fil.stat()))
    except OSError:
        return (str(fil),)


def _räkna_källsumma(vy: DokumentVy, filer: list[Path]) -> str:
    h = hashlib.sha256()
    rot = Path(vy.innehållsrot)
    fält = {f.name: _relativ(getattr(vy, f.name), rot) for f in dataclasses.fields(vy)}
    if not vy.datum:
        # Only then does the clock-free fallback SOURCE_DATE_EPOCH reach the output.
        fält["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH", "")
    h.update(json.dumps(fält, sort_keys=True, ensure_ascii=False).encode())
    for fil in filer:
        h.update(_relativ(fil, rot).encode() + b"\0")
        h.update(hashlib.sha256(fil.read_bytes()).digest())
    return h.hexdigest()


def _relativ(värde: object, rot: Path) -> str:
    """A path under the project's content/ as a path relative to it, so that a project
    copied or checked out elsewhere (a CI runner) finds its documents in the cache."""
    if isinstance(värde, Path):
        try:
            return relativ(rot, värde)
        except ValueError:
            return str(värde)
    return str(värde)


def _bildfiler(vy: DokumentVy) -> list[Path]:
    """Files the body shows as images (found with the shared link reader, without
    converting the Markdown: the conversion cost more than the whole rest of a cache hit).
    A missing one changes no key, and rendering reports it."""
    rot = Path(vy.innehållsrot)
    filer = []
    for länk in tolka(vy.brödtext).länkar if "![" in vy.brödtext else ():
        mål = unquote(verkligt_mål(länk.mål)) if länk.bild and länk.mål else ""
        if not mål or "://" in mål or mål.startswith(("#", "mailto:", "//")):
            continue
        if (fil := inom(rot, Path(vy.källfil).parent / mål)) is not None:
            filer.append(fil)
    return filer


def _nyckel(delar: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(delar, sort_keys=True).encode()).hexdigest()


def artefaktnamn(j: Jobb, delar: dict[str, str]) -> str:
    """The file name of a job's artefact in the cache's folder (its key and format)."""
    return f"{_nyckel(delar)}.{j.format.namn}"


def dokumentnyckel(j: Jobb) -> str:
    """What the manifest is keyed by: the document, not the output path.

    Output paths change when the caller renders into a fresh staging folder;
    the document's id and format do not, so reasons stay meaningful.
    """
    return f"{j.format.namn}:{j.vy.id}"


def lägg_ut(artefakt: Path, ut: Path) -> bool:
    """Put a file at ``ut``: a hard link when possible (no copying: artefacts and published
    files are never modified in place, only replaced), else a copy. False if it cannot be read.
    A ``ut`` that already is ``artefakt`` (the same file, not a link to it) is left as it is."""
    try:
        a, u = os.stat(artefakt), os.lstat(ut)
        if (a.st_ino, a.st_dev) == (u.st_ino, u.st_dev):
            return True
    except OSError:
        pass
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
    return True


def i_cachen(jobb: list[Jobb], cache_katalog: Path) -> dict[Jobb, Path | None]:
    """Each job's artefact for exactly its current inputs, or None when the cache has none:
    looked up only, nothing rendered and the cache left as it was (``styrdok serve``, after
    every save: the cache's folder is listed once, and a cache without documents is not
    keyed at all)."""
    mapp = cache_katalog / ARTEFAKTER
    try:
        finns = set(os.listdir(mapp))
    except OSError:
        finns = set()
    if not finns:
        return dict.fromkeys(jobb)
    mallsummor: dict[tuple[Path, str], str] = {}
    källsummor: dict[DokumentVy, str] = {}
    funna: dict[Jobb, Path | None] = {}
    for j in jobb:
        try:
            namn = artefaktnamn(j, nyckeldelar(j, mallsummor, källsummor))
        except (StyrdokFel, OSError):  # an image that cannot be read: rendering reports it
            namn = None
        funna[j] = mapp / namn if namn in finns else None
    return funna


def har_artefakter(cache_katalog: Path) -> bool:
    """Whether the cache holds any document at all (cheap: one folder entry is read)."""
    try:
        with os.scandir(cache_katalog / ARTEFAKTER) as poster:
            return next(poster, None) is not None
    except OSError:
        return False


def känd(jobb: Callable[[], list[Jobb]], cache_katalog: Path) -> bool:
    """Whether an earlier build made any of these documents (in any version). ``jobb`` is
    asked for only when the cache knows any document at all (making them makes every
    document's view)."""
    manifest = _Cache(cache_katalog).manifest
    return bool(manifest) and any(dokumentnyckel(j) in manifest for j in jobb())


class _Cache:
    def __init__(self, katalog: Path):
        self.katalog = katalog
        self.artefakter = katalog / ARTEFAKTER
        self.manifest: dict[str, dict] = self._läs_manifest()

    def _läs_manifest(self) -> dict[str, dict]:
        try:
            data = json.loads((self.katalog / MANIFEST).read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                return {}
            return {k: v for k, v in data.items() if isinstance(v, dict)}
        except (OSError, ValueError, RecursionError):
            return {}  # a lost or broken cache only costs time

    def artefakt(self, j: Jobb, delar: dict[str, str]) -> Path:
        return self.artefakter / artefaktnamn(j, delar)

    def skäl_att_rendera(self, j: Jobb, delar: dict[str, str]) -> str | None:
        """None when the artefact for exactly these inputs is in the cache."""
        if self.artefakt(j, delar).is_file():
            return None
        post = self.manifest.get(dokumentnyckel(j))
        if not post:
            return "ny"
        tidigare = post.get("delar") if isinstance(post.get("delar"), dict) else {}
        for del_, skäl in (
            ("version", "version ändrad"),
            ("mall", "mallen ändrad"),
            ("källa", "källan ändrad"),
        ):
            if tidigare.get(del_) != delar[del_]:
                return skäl
        return "saknas i cachen"

    def återanvänd(self, j: Jobb, delar: dict[str, str]) -> bool:
        """Put the cached artefact at the job's path and note it in the manifest."""
        if not lägg_ut(self.artefakt(j, delar), Path(j.ut)):
            return False
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
            self._städa(gammal, j.format.namn)

    def glöm(self, j: Jobb) -> None:
        self.manifest.pop(dokumentnyckel(j), None)

    def _städa(self, nyckel: str, format: str) -> None:
        """Drop an artefact no document refers to any more, so the cache does not grow forever."""
        if not any(p.get("nyckel") == nyckel for p in self.manifest.values()):
            (self.artefakter / f"{nyckel}.{format}").unlink(missing_ok=True)

    def skriv_manifest(self) -> None:
        data = json.dumps(self.manifest, indent=1, sort_keys=True, ensure_ascii=False)
        skriv_atomiskt(self.katalog / MANIFEST, data.encode("utf-8"))
