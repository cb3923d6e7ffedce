"""Nothing of an intranet document reaches the public site: not its title, a sentence, its
path, nor a search-index entry. Every public file is read (text, and the text of PDF and Word)."""

from __future__ import annotations

import gzip
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

from styrdok.bygg import ladda_och_validera
from styrdok.grund.diagnostik import Rapport
from styrdok.webb import sok


def meningar(text: str) -> list[str]:
    ren = re.sub(r"[#*_`|>\[\]()]", " ", text)
    return [m.strip() for m in re.split(r"(?<=[.!?:])\s+|\n+", ren) if len(m.strip()) >= 30]


def text_ur(fil: Path) -> str:
    if fil.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", str(fil), "-"], capture_output=True, text=True, check=True
        ).stdout
    if fil.suffix == ".docx":
        with zipfile.ZipFile(fil) as z:
            return " ".join(
                z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
            )
    if fil.suffix == ".zip":  # a meeting's papers: read every file inside
        with zipfile.ZipFile(fil) as z, tempfile.TemporaryDirectory() as tmp:
            z.extractall(tmp)
            return " ".join(text_ur(p) for p in Path(tmp).rglob("*") if p.is_file())
    if fil.suffix == ".gz" or fil.suffix.startswith(".pf_"):  # .pf_*: the search index
        return gzip.decompress(fil.read_bytes()).decode("utf-8", "replace")
    if fil.suffix in (".png", ".jpg", ".woff", ".woff2", ".ttf", ".ico"):
        return ""
    return fil.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def hemligt(exempelprojekt: Path) -> dict[str, list[str]]:
    """Per intranet document: strings that occur in it and in no public document."""
    korpus = ladda_och_validera(exempelprojekt, Rapport())
    publik_text = " ".join(
        d.titel + " " + d.källa.brödtext for d in korpus.styrdokument.values() if d.är_publik
    )
    publik_text += " ".join(s.källa.brödtext for s in korpus.sidor.values())
    resultat = {}
    for dokument in korpus.styrdokument.values():
        if dokument.är_publik:
            continue
        strängar = [dokument.titel, dokument.id, dokument.sökväg_under]
        strängar += [m for m in meningar(dokument.källa.brödtext) if m not in publik_text]
        resultat[dokument.id] = strängar
    assert len(resultat) >= 6, "exemplet ska ha intranätdokument att leta efter"
    return resultat


def test_inget_intranätinnehåll_på_den_publika_webbplatsen(
    exempelprojekt: Path, hemligt: dict[str, list[str]]
):
    publik = exempelprojekt / "site" / "public"
    filer = [p for p in publik.rglob("*") if p.is_file()]
    assert len(filer) > 50
    fynd = []
    for fil in filer:
        innehåll = text_ur(fil)
        for dok_id, strängar in hemligt.items():
            fynd += [
                f"{fil.relative_to(publik)}: {s!r} ur {dok_id}" for s in strängar if s in innehåll
            ]
    assert not fynd, "\n".join(fynd[:20])


def test_intranätet_har_dem(exempelprojekt: Path, hemligt: dict[str, list[str]]):
    titlar = {d["meta"]["title"] for d in sok.läs_index(exempelprojekt / "site" / "intranet")}
    korpus = ladda_och_validera(exempelprojekt, Rapport())
    for dok_id in hemligt:
        assert korpus.styrdokument[dok_id].titel in titlar


def test_sökindexet_har_bara_publika_dokument(exempelprojekt: Path):
    korpus = ladda_och_validera(exempelprojekt, Rapport())
    titlar = {d["meta"]["title"] for d in sok.läs_index(exempelprojekt / "site" / "public")}
    for dokument in korpus.styrdokument.values():
        assert (dokument.titel in titlar) == dokument.är_publik, dokument.id
