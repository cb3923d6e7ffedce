"""Kvalitetsgarantier: the example kommun's guarantees, their pages for invånare, the
one-page leaflet, and one Swedish error per bad-input fixture in tests/fall/kvalitet/."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from styrdok.bygg import kontrollera, ladda_och_validera
from styrdok.grund.diagnostik import Rapport
from styrdok.slag import kvalitetsgarantier
from styrdok.slag.kvalitetsgarantier.garantier import Garanti

PROJEKT = Path(__file__).resolve().parents[1]
FALL = Path(__file__).parent / "fall" / "kvalitet"


@pytest.fixture(scope="module")
def byggd(exempel_webbplatser) -> Path:
    return exempel_webbplatser


@pytest.fixture(scope="module")
def korpus():
    rapport = Rapport()
    k = ladda_och_validera(PROJEKT, rapport)
    assert not [d for d in rapport.diagnoser if "kvalitetsgarantier" in d.sökväg], rapport.diagnoser
    return k


def artikel(fil: Path) -> str:
    html = fil.read_text(encoding="utf-8")
    return re.search(r"<article.*?</article>", html, re.S).group(0)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the example kommun -------------------------------------------------------------


def test_exempelkommunen_har_sex_garantier_i_tre_verksamheter_med_två_års_uppföljning(korpus):
    garantier = korpus.data["kvalitetsgarantier"]
    assert len(garantier) >= 6
    assert len({g.data.verksamhet for g in garantier.values()}) >= 3
    for g in garantier.values():
        assert len({u.år for u in g.data.uppföljning}) >= 2, g.id
        for u in g.data.uppföljning:
            assert {r.löfte for r in u.resultat} == {lf.id for lf in g.data.löften}, (g.id, u.år)


# --- pages ----------------------------------------------------------------------------


def test_översikten_grupperar_efter_verksamhet(byggd, korpus):
    sida = artikel(byggd / "site/public/kvalitetsgarantier/index.html")
    rubriker = re.findall(r"<h2[^>]*>(.*?)</h2>", sida)
    verksamheter = {
        korpus.kommun.verksamheter[g.data.verksamhet]
        for g in korpus.data["kvalitetsgarantier"].values()
    }
    assert set(rubriker) == verksamheter
    for g in korpus.data["kvalitetsgarantier"].values():
        assert f'href="{g.id}/"' in sida


def test_garantisidan_börjar_med_löftena_och_slutar_med_hur_man_klagar(byggd, korpus):
    g = korpus.data["kvalitetsgarantier"]["hemtjanst-trygghet"]
    sida = text(artikel(byggd / "site/public/kvalitetsgarantier/hemtjanst-trygghet/index.html"))
    ordning = [
        "Det här lovar vi dig",
        "Så mäter vi",
        "Så gick det 2025",
        "Om vi inte håller vad vi lovar",
        "Synpunkter och klagomål",
    ]
    positioner = [sida.index(r) for r in ordning]
    assert positioner == sorted(positioner)
    for löfte in g.data.löften:
        assert löfte.löfte in sida
        assert sida.index(löfte.löfte) < sida.index("Så mäter vi")
    assert "0123-45 60 00" in sida and "kontaktcenter@ekvik.example" in sida


def test_resultatet_visas_med_symbol_och_text(byggd):
    sida = artikel(byggd / "site/public/kvalitetsgarantier/hemtjanst-trygghet/index.html")
    assert 'class="styrdok-etikett styrdok-etikett--hallet"' in sida
    assert "✔</span> Hållet" in sida
    assert "✖</span> Inte hållet" in sida  # from 2024, shown under the earlier years


def test_garanti_på_intranätet_når_inte_webbplatsen(korpus):
    garantier = dict(korpus.data["kvalitetsgarantier"])
    någon = next(iter(garantier.values()))
    dold = Garanti("dold", någon.källa, någon.data.model_copy(update={"publicering": "intranät"}))
    assert "dold" not in kvalitetsgarantier.SLAG.publik({**garantier, "dold": dold})


# --- the leaflet ----------------------------------------------------------------------


def test_broschyren_är_en_sida_pdf_och_en_wordfil(korpus, tmp_path):
    from styrdok.format.docx import render_docx
    from styrdok.format.pdf import render_pdf

    for leverans in kvalitetsgarantier.SLAG.leveranser(korpus, "publik"):
        g = korpus.data["kvalitetsgarantier"][leverans.väg.rsplit("/", 1)[1]]
        pdf = tmp_path / (g.id + ".pdf")
        render_pdf(leverans.vy, pdf, PROJEKT / "templates")
        render_docx(leverans.vy, tmp_path / (g.id + ".docx"), PROJEKT / "templates")
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        assert re.search(r"Pages:\s+1\n", info), g.id
        innehåll = re.sub(
            r"\s+",
            " ",
            subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout,
        )
        assert g.data.titel in innehåll
        assert "Synpunkter och klagomål" in innehåll


# --- bad input ------------------------------------------------------------------------


def _väntat(fil: Path) -> str:
    return next(
        r for r in fil.read_text(encoding="utf-8").splitlines() if r.startswith("# väntat: ")
    )[10:]


@pytest.mark.parametrize("fil", sorted(FALL.glob("*.md")), ids=lambda f: f.stem)
def test_felaktig_garanti_ger_ett_svenskt_fel_på_rätt_rad(fil: Path, tmp_path: Path):
    (tmp_path / "content" / "kvalitetsgarantier").mkdir(parents=True)
    shutil.copy(PROJEKT / "content" / "kommun.yml", tmp_path / "content" / "kommun.yml")
    shutil.copytree(PROJEKT / "content" / "bilder", tmp_path / "content" / "bilder")
    shutil.copy(fil, tmp_path / "content" / "kvalitetsgarantier" / fil.name)
    rapport = kontrollera(tmp_path)
    fel = [d for d in rapport.diagnoser if d.nivå == "fel"]
    assert len(fel) == 1, [str(d) for d in rapport.diagnoser]
    d = fel[0]
    assert d.sökväg == f"content/kvalitetsgarantier/{fil.name}"
    assert f"{d.rad}:{d.kolumn} {d.nivå}: {d.meddelande}" == _väntat(fil)
