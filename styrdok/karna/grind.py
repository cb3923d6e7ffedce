"""The publish gate: before the new site/ is swapped in, every artefact of both sites is read
back as its reader would get it — HTML and search data, feeds, JSON, CSV, calendars,
sitemaps, the text of every PDF and Word file, every zip member — and searched:

* on both sites, for every secret string and every secret file (by content);
* on the public site, also for every intranet-only string: the titles, paths and sentences
  that exist only in intranet sources.

A hit is an error naming the artefact and the source, and nothing is published. Results are
cached by each artefact's content and the set of strings searched, so an unchanged file
(a PDF reused from the render cache) is not read again.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.grund.filer import skriv_atomiskt
from styrdok.grund.normalisering import fras, snabb
from styrdok.karna.korpus import Korpus
from styrdok.karna.sekretess import hemligheter, meningar
from styrdok.karna.webbplats import PUBLIK, SITE_MAPPAR

TEXTFILER = frozenset(
    {".html", ".htm", ".xml", ".json", ".csv", ".ics", ".txt", ".md", ".svg", ".js"}
)
_TAGG = re.compile(r"<[^>]*>")
MINSTA_MENING = 8
"""Words an intranet sentence needs to be searched for on the public site."""


@dataclass(frozen=True)
class Sökt:
    fras: str
    """Normalized (``grund/normalisering.fras``)."""
    ord: frozenset[str]
    vad: str
    """For the message: "sekretessärendets rubrik", "intranätdokumentets titel" ..."""
    källa: str


def _sökt(text: str, vad: str, källa: str) -> Sökt | None:
    f = fras(text)
    return Sökt(f, frozenset(f.split()), vad, källa) if len(f) >= 4 else None


def granska(korpus: Korpus, stage: Path, cache: Path, rapport: Rapport) -> None:
    """Search the staged sites; report every hit. Raise nothing: the caller decides."""
    hemligt = hemligheter(korpus)
    hemliga = [
        s
        for h in hemligt.strängar
        if (s := _sökt(h.text, f"sekretessärendets {h.vad}", "ett sekretessärende"))
    ]
    interna = _intranätsträngar(korpus)
    minne = _Minne(cache, hemliga + interna, hemligt.filer)
    for variant, mapp in SITE_MAPPAR.items():
        sökta = hemliga + (interna if variant == PUBLIK else [])
        filer = sorted(f for f in (stage / mapp).rglob("*") if f.is_file())
        with ThreadPoolExecutor(max_workers=4) as pool:
            fynd = pool.map(lambda f, s=sökta: minne.granska(f, s, hemligt.filer), filer)
            for fil, träffar in zip(filer, fynd, strict=True):
                for beskrivning in träffar:
                    rapport.fel(f"site/{fil.relative_to(stage).as_posix()}", 1, 1, beskrivning)
    minne.spara()


def _intranätsträngar(korpus: Korpus) -> list[Sökt]:
    """Titles, paths and long sentences of the sources only the intranet is made from, that
    no public source also has."""
    publik = korpus.publik_kopia()
    offentliga = {id(k) for s in publik.slag for k in s.källor(publik)}
    offentlig_text = " ".join(
        fras(t) for s in publik.slag for k in s.källor(publik) for t in _texter(k)
    )
    sökta = []
    for s in korpus.slag:
        for källa in s.källor(korpus):
            if id(källa) in offentliga:
                continue
            namn = källa.visningsnamn
            kandidater = [
                (str((källa.data or {}).get(n, "")), "intranätdokumentets titel")
                for n in ("titel", "namn")
            ]
            id_ = Path(namn).with_suffix("").as_posix().removeprefix("content/")
            kandidater.append((id_, "intranätdokumentets sökväg"))
            for text in _texter(källa):
                kandidater += [
                    (m, "en mening ur ett intranätdokument")
                    for m in meningar(text)
                    if len(m.split()) >= MINSTA_MENING
                ]
            for text, vad in kandidater:
                if (sökt := _sökt(text, vad, namn)) and sökt.fras not in offentlig_text:
                    sökta.append(sökt)
    return sökta


def _texter(källa) -> Iterator[str]:
    if källa.brödtext:
        yield källa.brödtext
    stack = [källa.data]
    while stack:
        värde = stack.pop()
        if isinstance(värde, dict):
            stack += värde.values()
        elif isinstance(värde, list):
            stack += värde
        elif isinstance(värde, str):
            yield värde


class _Minne:
    """What each artefact (by content) held for each search, within a build and, for the clean
    ones, between builds: a file on both sites, in a zip and in the render cache is read once."""

    def __init__(self, katalog: Path, sökta: list[Sökt], filer: set[str]):
        self.fil = katalog / "grind.json"
        nyckel = json.dumps([[s.fras for s in sökta], sorted(filer)], ensure_ascii=False)
        self.nyckel = hashlib.sha256(nyckel.encode()).hexdigest()
        try:
            data = json.loads(self.fil.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        rena = data.get("rena", []) if data.get("nyckel") == self.nyckel else []
        self.svar: dict[str, list[str]] = {n: [] for n in rena}
        self.använda: set[str] = set()
        self.lås = threading.Lock()

    def granska(self, fil: Path, sökta: list[Sökt], hemliga: set[str]) -> list[str]:
        return self.granska_data(fil.name, fil.read_bytes(), sökta, hemliga)

    def granska_data(
        self, namn: str, data: bytes, sökta: list[Sökt], hemliga: set[str]
    ) -> list[str]:
        summa = hashlib.sha256(data).hexdigest()
        nyckel = f"{summa}:{len(sökta)}"
        with self.lås:
            self.använda.add(nyckel)
            if nyckel in self.svar:
                return self.svar[nyckel]
        träffar = []
        if summa in hemliga:
            träffar.append("filen är en handling i ett sekretessärende; inget publicerades")
        if Path(namn).suffix.lower() in (".docx", ".zip"):
            for delnamn, deldata in _zipdelar(data):
                träffar += [
                    f"{delnamn}: {t}" for t in self.granska_data(delnamn, deldata, sökta, hemliga)
                ]
                träffar += _sök(delnamn, sökta)
        else:
            träffar += _sök(_text(namn, data), sökta)
        with self.lås:
            self.svar[nyckel] = träffar
        return träffar

    def spara(self) -> None:
        rena = sorted(n for n in self.använda if not self.svar.get(n))
        data = {"nyckel": self.nyckel, "rena": rena}
        skriv_atomiskt(self.fil, json.dumps(data).encode())


def _sök(text: str, sökta: list[Sökt]) -> list[str]:
    if not text:
        return []
    normal = snabb(text)
    return [
        f"innehåller {s.vad} »{s.fras}« (ur {s.källa}); inget publicerades"
        for s in sökta
        if s.fras in normal and _ordgräns(normal, s.fras)
    ]


def _ordgräns(text: str, fras: str) -> bool:
    """Whether ``fras`` occurs in ``text`` as whole words."""
    start = 0
    while (i := text.find(fras, start)) >= 0:
        före = text[i - 1] if i else " "
        efter = text[i + len(fras)] if i + len(fras) < len(text) else " "
        if not före.isalnum() and not efter.isalnum():
            return True
        start = i + 1
    return False


def _text(namn: str, data: bytes) -> str:
    """The text a reader of the file gets; empty for images and fonts."""
    ändelse = Path(namn).suffix.lower()
    if ändelse in TEXTFILER:
        text = data.decode("utf-8", "replace")
        if ändelse == ".json":
            try:
                text = " ".join(_strängar(json.loads(text)))
            except ValueError:
                pass
        return (
            _TAGG.sub(" ", text) if ändelse in (".html", ".htm", ".xml", ".svg", ".json") else text
        )
    if ändelse == ".pdf":
        return _pdftext(data)
    return ""


def _strängar(värde) -> Iterable[str]:
    if isinstance(värde, dict):
        for v in värde.values():
            yield from _strängar(v)
    elif isinstance(värde, list):
        for v in värde:
            yield from _strängar(v)
    elif isinstance(värde, str):
        yield värde


def _zipdelar(data: bytes) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            yield info.filename, z.read(info)


_PDFIUM = threading.Lock()
"""PDFium is not thread-safe: one document at a time."""


def _pdftext(data: bytes) -> str:
    """The text of every page, as a reader copying it would get it (PDFium, in-process)."""
    with _PDFIUM:
        try:
            dokument = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as fel:
            raise StyrdokFel(f"en skapad PDF-fil kunde inte läsas för granskning: {fel}") from None
        try:
            delar = []
            for sida in dokument:
                textsida = sida.get_textpage()
                delar.append(textsida.get_text_range())
                textsida.close()
                sida.close()
            return "\n".join(delar)
        finally:
            dokument.close()
