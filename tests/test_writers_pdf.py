"""Tests for the PDF writer (styrdok.writers.pdf) and the batch renderer.

Golden files live in ``tests/golden/writers/``. After an intended change of the
output, regenerate them and review the diff::

    STYRDOK_UPPDATERA_GOLDEN=1 pytest tests/test_writers_pdf.py tests/test_writers_docx.py

Tests that need poppler-utils (pdfinfo, pdftotext, pdffonts) are skipped only
when the binary is missing; CI installs them.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import jämför_golden

from styrdok.bygg import DOKUMENTFORMAT
from styrdok.format.exempel import METADATA, exempel_vy
from styrdok.format.pdf import render_pdf
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna.rendering import Jobb, render_alla

FORMAT = {f.namn: f for f in DOKUMENTFORMAT}

MALLAR = Path(__file__).resolve().parents[1] / "templates"
RUBRIKER = ["Syfte", "Ansvar och roller", "Kommunstyrelsen", "Ordning för upplåning", "Limiter"]

kräver_poppler = pytest.mark.skipif(
    any(shutil.which(b) is None for b in ("pdfinfo", "pdftotext", "pdffonts")),
    reason="poppler-utils saknas",
)


def kör(*kommando: str | Path) -> str:
    return subprocess.run(
        [str(k) for k in kommando], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rot = tmp_path_factory.mktemp("pdf")
    ut = rot / "finanspolicy.pdf"
    render_pdf(exempel_vy(rot), ut, MALLAR)
    return ut


def strukturelement(dokument: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    hittade = []

    def gå(nod: pikepdf.Object) -> None:
        k = nod.get("/K")
        for barn in (list(k) if isinstance(k, pikepdf.Array) else [k]) if k is not None else []:
            if isinstance(barn, pikepdf.Dictionary) and barn.get("/Type") == "/StructElem":
                hittade.append(barn)
                gå(barn)

    gå(dokument.Root.StructTreeRoot)
    return hittade


# --- PDF/UA and metadata ------------------------------------------------------------


@kräver_poppler
def test_pdfinfo_visar_taggad_och_titel(pdf: Path) -> None:
    info = kör("pdfinfo", pdf)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Finanspolicy för Ekviks kommun$", info, re.M)
    assert re.search(r"^Subject:\s+Policy$", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)", info, re.M)


def test_katalog_har_språk_visningstitel_och_strukturträd(pdf: Path) -> None:
    with pikepdf.open(pdf) as dokument:
        rot = dokument.Root
        assert str(rot.Lang) == "sv-SE"
        assert bool(rot.ViewerPreferences.DisplayDocTitle) is True
        assert bool(rot.MarkInfo.Marked) is True
        assert "/StructTreeRoot" in rot
        typer = {str(e.S) for e in strukturelement(dokument)}
        assert {"/H1", "/H2", "/H3", "/H4", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"} <= typer


def test_rubrikceller_har_scope(pdf: Path) -> None:
    with pikepdf.open(pdf) as dokument:
        rubrikceller = [e for e in strukturelement(dokument) if e.S == "/TH"]
        scopes = [str(e.A.Scope) for e in rubrikceller]
    # The metadata table has row headers, the Markdown table column headers.
    assert set(scopes) == {"/Row", "/Column"}
    assert scopes.count("/Row") == len(METADATA)
    # WeasyPrint tags a header row again on each page the table continues on.
    assert scopes.count("/Column") >= 3 and scopes.count("/Column") % 3 == 0


def test_xmp_identifierar_pdfua(pdf: Path) -> None:
    with pikepdf.open(pdf) as dokument:
        xmp = dokument.Root.Metadata.read_bytes().decode("utf-8")
        with dokument.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:title"] == "Finanspolicy för Ekviks kommun"
    assert "http://www.aiim.org/pdfua/ns/id/" in xmp
    assert "2021-04-29" in xmp


@kräver_poppler
def test_text_innehåller_titel_metadata_och_rubriker(pdf: Path) -> None:
    text = kör("pdftotext", pdf, "-")
    for väntat in [
        "Finanspolicy för Ekviks kommun",
        "Ekviks kommun",
        *[v for _, v in METADATA],
        *[e for e, _ in METADATA],
        *RUBRIKER,
        "Sida 1 av 2",
        "Sida 2 av 2",
        "EKFS 2021:3",
    ]:
        assert väntat in text, väntat


@kräver_poppler
def test_alla_typsnitt_är_inbäddade(pdf: Path) -> None:
    rader = kör("pdffonts", pdf).splitlines()[2:]
    assert rader, "inga typsnitt alls"
    for rad in rader:
        assert rad.split()[-5] == "yes", rad  # the 'emb' column


def test_två_renderingar_är_bytelika(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path)
    render_pdf(vy, tmp_path / "a.pdf", MALLAR)
    render_pdf(vy, tmp_path / "b.pdf", MALLAR)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


@kräver_poppler
def test_golden_text(pdf: Path) -> None:
    jämför_golden("writers/finanspolicy.pdf.txt", kör("pdftotext", "-layout", pdf, "-"))


# --- the user's mistakes -------------------------------------------------------------


def test_saknad_logotyp_ger_styrdokfel_med_filnamn(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path, logotyp=tmp_path / "content" / "bilder" / "finns-inte.png")
    with pytest.raises(StyrdokFel) as fel:
        render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    assert "finns-inte.png" in str(fel.value)
    assert not (tmp_path / "ut.pdf").exists()


def test_bild_som_saknas_ger_styrdokfel(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path, brödtext="## Karta\n\n![Karta över kommunen](bilder/karta.png)\n")
    with pytest.raises(StyrdokFel) as fel:
        render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    assert "karta.png" in str(fel.value)
    assert fel.value.sökväg == str(vy.källfil)
    assert fel.value.rad == 6  # three lines of front matter, then the body's line 3


@pytest.mark.parametrize(
    "src", ["../../etc/passwd.png", "/etc/passwd.png", "https://example.com/bild.png"]
)
def test_bild_utanför_innehållet_ger_styrdokfel(tmp_path: Path, src: str) -> None:
    vy = exempel_vy(tmp_path, brödtext=f"## Bild\n\n![Hemlig]({src})\n")
    with pytest.raises(StyrdokFel):
        render_pdf(vy, tmp_path / "ut.pdf", MALLAR)


def test_symbolisk_länk_ut_ur_innehållet_ger_styrdokfel(tmp_path: Path) -> None:
    utanför = tmp_path / "hemlig.png"
    utanför.write_bytes(b"\x89PNG\r\n\x1a\n")
    vy = exempel_vy(tmp_path, brödtext="## Bild\n\n![Länk](../bilder/länk.png)\n")
    (vy.innehållsrot / "bilder" / "länk.png").symlink_to(utanför)
    with pytest.raises(StyrdokFel) as fel:
        render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    assert "utanför" in fel.value.meddelande


def test_bild_inne_i_innehållet_kommer_med(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path, brödtext="## Bild\n\n![Ekviks vapen](../bilder/logotyp.svg)\n")
    render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    with pikepdf.open(tmp_path / "ut.pdf") as dokument:
        figurer = [e for e in strukturelement(dokument) if e.S == "/Figure"]
    assert any(str(f.get("/Alt")) == "Ekviks vapen" for f in figurer)


def test_trasig_mall_ger_styrdokfel(tmp_path: Path) -> None:
    mallar = tmp_path / "mallar"
    shutil.copytree(MALLAR / "pdf", mallar / "pdf")
    (mallar / "pdf" / "dokument.html").write_text("<h1>{{ titel </h1>{% for %}", encoding="utf-8")
    with pytest.raises(StyrdokFel) as fel:
        render_pdf(exempel_vy(tmp_path), tmp_path / "ut.pdf", mallar)
    assert "dokument.html" in str(fel.value)


def test_okänt_html_element_ger_styrdokfel(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path, brödtext="## Film\n\n<video src='a.mp4'></video>\n")
    with pytest.raises(StyrdokFel) as fel:
        render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    assert "<video>" in fel.value.meddelande


@kräver_poppler
def test_script_når_aldrig_pdf(tmp_path: Path) -> None:
    vy = exempel_vy(
        tmp_path,
        brödtext=(
            "## Rubrik\n\nText före.\n\n<script>alert('HEMLIGT')</script>\n\n"
            '<p onclick="alert(1)">Klicka <a href="javascript:alert(2)">här</a></p>\n'
        ),
    )
    render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    text = kör("pdftotext", tmp_path / "ut.pdf", "-")
    rå = (tmp_path / "ut.pdf").read_bytes()
    assert "Text före." in text and "Klicka" in text
    assert "HEMLIGT" not in text and "alert" not in text
    assert b"javascript" not in rå.lower()


# --- batch ---------------------------------------------------------------------------


def batchjobb(rot: Path, ut: Path, ändringar: dict[int, dict] | None = None) -> list[Jobb]:
    jobb = []
    for i in range(4):
        vy = exempel_vy(
            rot / f"d{i}", id=f"dokument-{i}", titel=f"Dokument {i}", **(ändringar or {}).get(i, {})
        )
        format = "pdf" if i % 2 == 0 else "docx"
        jobb.append(Jobb(vy, FORMAT[format], ut / f"dokument-{i}.{format}", MALLAR))
    return jobb


def test_batch_återanvänder_och_renderar_bara_det_ändrade(tmp_path: Path) -> None:
    cache, ut = tmp_path / "cache", tmp_path / "ut"
    jobb = batchjobb(tmp_path / "källor", ut)
    första = render_alla(jobb, cache, arbetare=2, framsteg=None)
    assert första.lyckades, första.fel
    assert [r.skäl for r in första.renderade] == ["ny"] * 4
    innehåll = {j.ut: j.ut.read_bytes() for j in jobb}

    # A fresh staging folder gets every file again, from the cache.
    staging = tmp_path / "staging"
    jobb2 = [dataclasses.replace(j, ut=staging / j.ut.name) for j in jobb]
    andra = render_alla(jobb2, cache, arbetare=2, framsteg=None)
    assert andra.renderade == [] and andra.fel == []
    assert {j.ut.name: j.ut.read_bytes() for j in jobb2} == {p.name: b for p, b in innehåll.items()}
    andra = render_alla(jobb, cache, arbetare=2, framsteg=None)
    assert andra.renderade == []
    assert sorted(andra.återanvända) == sorted(j.ut for j in jobb)
    assert {j.ut: j.ut.read_bytes() for j in jobb} == innehåll

    ändrat = list(jobb)
    ändrat[1] = dataclasses.replace(jobb[1], vy=dataclasses.replace(jobb[1].vy, titel="Ny titel"))
    framsteg: list[tuple[int, int]] = []
    tredje = render_alla(
        ändrat, cache, arbetare=2, framsteg=lambda k, t, _ut: framsteg.append((k, t))
    )
    assert [(r.ut, r.skäl) for r in tredje.renderade] == [(jobb[1].ut, "källan ändrad")]
    assert len(tredje.återanvända) == 3
    assert framsteg[-1] == (4, 4)


def test_batch_ändrad_mall_och_bild_ger_skäl(tmp_path: Path) -> None:
    mallar = tmp_path / "mallar"
    shutil.copytree(MALLAR / "pdf", mallar / "pdf")
    vy = exempel_vy(tmp_path)
    jobb = [Jobb(vy, FORMAT["pdf"], tmp_path / "ut" / "a.pdf", mallar)]
    assert render_alla(jobb, tmp_path / "cache", 1, None).renderade[0].skäl == "ny"
    with open(mallar / "pdf" / "dokument.css", "a", encoding="utf-8") as css:
        css.write("\nh1 { color: #222; }\n")
    assert render_alla(jobb, tmp_path / "cache", 1, None).renderade[0].skäl == "mallen ändrad"
    vy.logotyp.write_text(vy.logotyp.read_text().replace("#0b4f8a", "#aa0000"))
    assert render_alla(jobb, tmp_path / "cache", 1, None).renderade[0].skäl == "källan ändrad"
    assert render_alla(jobb, tmp_path / "cache", 1, None).renderade == []


def test_batch_fel_i_ett_jobb_stoppar_inte_de_andra(tmp_path: Path) -> None:
    jobb = batchjobb(
        tmp_path / "källor",
        tmp_path / "ut",
        {2: {"brödtext": "## Bild\n\n![Saknas](finns-inte.png)\n"}},
    )
    resultat = render_alla(jobb, tmp_path / "cache", arbetare=2, framsteg=None)
    assert [f.ut for f in resultat.fel] == [jobb[2].ut]
    assert "finns-inte.png" in str(resultat.fel[0].fel)
    assert len(resultat.renderade) == 3
    assert all(j.ut.exists() for i, j in enumerate(jobb) if i != 2)


def test_batch_byter_arbetsprocesser_utan_att_hänga(tmp_path: Path, monkeypatch) -> None:
    """More chunks than the workers may take before they are replaced: every job still
    finishes (Python 3.11's max_tasks_per_child deadlocked exactly here, at 800 documents)."""
    from styrdok.karna import rendering as batch

    monkeypatch.setattr(batch, "MAX_UPPGIFTER_PER_PROCESS", 2)
    jobb = [
        Jobb(
            exempel_vy(tmp_path / f"k{i}", id=f"d-{i}", titel=f"Dokument {i}"),
            FORMAT["docx"],
            tmp_path / "ut" / f"d-{i}.docx",
            MALLAR,
        )
        for i in range(12)
    ]
    resultat = render_alla(jobb, tmp_path / "cache", arbetare=2, framsteg=None)
    assert resultat.lyckades, resultat.fel
    assert len(resultat.renderade) == 12 and all(j.ut.is_file() for j in jobb)


# --- the notice, images made for the document, tables --------------------------------

DIAGRAM_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160" viewBox="0 0 320 160">'
    b'<rect width="320" height="160" fill="#ffffff"/>'
    b'<polyline points="10,150 160,40 310,80" fill="none" stroke="#1a4f8b" stroke-width="3"/>'
    b'<text x="10" y="20" font-size="14">Utfall</text></svg>\n'
)


def pdftext(fil: Path) -> str:
    import pypdfium2

    dokument = pypdfium2.PdfDocument(fil)
    try:
        return "\n".join(dokument[i].get_textpage().get_text_range() for i in range(len(dokument)))
    finally:
        dokument.close()


def test_notisen_står_före_brödtexten(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path, notis="**Gällande, ändrad 1 gång.** Ändrad genom EKFS 2024:1.\n")
    render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    text = pdftext(tmp_path / "ut.pdf")
    assert text.index("Ändrad genom EKFS 2024:1.") < text.index("Syfte")


def test_bild_gjord_för_dokumentet_ritas_utan_att_läsa_någon_fil(tmp_path: Path) -> None:
    vy = exempel_vy(
        tmp_path,
        brödtext="## Diagram\n\n![Diagram: utfall per år](diagram/utfall.svg)\n\nEfter.\n",
        bilder=(("diagram/utfall.svg", DIAGRAM_SVG),),
    )
    assert not (tmp_path / "content" / "styrdokument" / "diagram").exists()
    render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    with pikepdf.open(tmp_path / "ut.pdf") as dokument:
        figurer = [e for e in strukturelement(dokument) if e.get("/S") == "/Figure"]
        assert "Diagram: utfall per år" in [str(f.get("/Alt")) for f in figurer]
    assert "Utfall" in pdftext(tmp_path / "ut.pdf")  # the SVG's own text, drawn as text


def test_tabellceller_bryter_bara_vid_mellanslag(tmp_path: Path) -> None:
    css = (MALLAR / "pdf" / "dokument.css").read_text(encoding="utf-8")
    cell = css[css.index("th, td {") : css.index("}", css.index("th, td {"))]
    assert "overflow-wrap: normal" in cell and "hyphens: manual" in cell
    assert "table-layout: auto" in css and re.search(r"tr \{[^}]*break-inside: avoid", css)
