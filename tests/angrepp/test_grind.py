"""The publish gate's own test: whatever gets into a site after the sources were checked (a
bug, a template, a theme) is found before site/ is swapped in, and nothing is published."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from styrdok import bygg
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna import bygge

UTREDNING = "content/sammantraden/son/2026-12-03/utredning-lvu-tallbacken.pdf"
INTRANÄTSTITEL = "Anvisning för attest av leverantörsfakturor"


def kontrollsumma(mapp: Path) -> dict[str, str]:
    return {
        str(f.relative_to(mapp)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(mapp.rglob("*"))
        if f.is_file()
    }


@pytest.fixture(scope="module")
def byggt(tmp_path_factory) -> Path:
    rot = tmp_path_factory.mktemp("grind")
    for namn in ("content", "templates", "hooks"):
        shutil.copytree(Path(__file__).resolve().parents[2] / namn, rot / namn)
    shutil.copy(Path(__file__).resolve().parents[2] / "mkdocs.yml", rot / "mkdocs.yml")
    bygg.bygg(rot, bara_webbplatser=True)
    return rot


# (site, file to add, content): something that must never be published.
INSMUGGLAT = {
    "hemlig-rubrik-i-html": (
        "public",
        "extra.html",
        b"<p>Ans&ouml;kan om v&aring;rd enligt <em>LVU</em> f\xc3\xb6r pojke f\xc3\xb6dd 2012</p>",
    ),
    "hemligt-diarienummer-i-json": ("public", "data.json", b'{"x": ["SN 2026/377"]}'),
    "hemligt-på-intranätet": ("intranet", "extra.ics", b"SUMMARY:SN 2026/377\r\n"),
    "hemlig-fil-under-annat-namn": ("public", "bilaga.pdf", None),
    "intranätstitel-på-webbplatsen": ("public", "sok.txt", INTRANÄTSTITEL.encode()),
}


@pytest.mark.parametrize("fall", list(INSMUGGLAT))
def test_grinden_stoppar_det_som_inte_får_publiceras(byggt, monkeypatch, fall):
    site, namn, innehåll = INSMUGGLAT[fall]
    if innehåll is None:
        innehåll = (byggt / UTREDNING).read_bytes()
    före = kontrollsumma(byggt / "site")
    original = bygge._bygg_webbplatser

    def och_smuggla(webbplatser, stage, *resten):
        original(webbplatser, stage, *resten)
        (stage / site / namn).write_bytes(innehåll)

    monkeypatch.setattr(bygge, "_bygg_webbplatser", och_smuggla)
    with pytest.raises(StyrdokFel) as fel:
        bygg.bygg(byggt, bara_webbplatser=True)
    diagnoser = [str(d) for d in fel.value.rapport.diagnoser]
    assert any(d.startswith(f"site/{site}/{namn}:1:1: fel:") for d in diagnoser), diagnoser
    assert "inget publicerades" in str(fel.value)
    assert kontrollsumma(byggt / "site") == före


def test_intranätstiteln_får_finnas_på_intranätet(byggt):
    assert INTRANÄTSTITEL in (byggt / "site/intranet/ledning-och-styrning/index.html").read_text()
