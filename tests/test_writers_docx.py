"""Tests for the Word writer (styrdok.writers.docx).

Golden files live in ``tests/golden/writers/``. After an intended change of the
output, regenerate them and review the diff::

    STYRDOK_UPPDATERA_GOLDEN=1 pytest tests/test_writers_pdf.py tests/test_writers_docx.py

The LibreOffice test is skipped only when ``soffice`` is missing; CI installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import jämför_golden
from lxml import etree

from styrdok.format.docx import render_docx
from styrdok.format.exempel import METADATA, exempel_vy
from styrdok.grund.diagnostik import StyrdokFel

MALLAR = Path(__file__).resolve().parents[1] / "templates"
RUBRIKER = ["Syfte", "Ansvar och roller", "Kommunstyrelsen", "Ordning för upplåning", "Limiter"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


def del_av(docx: Path, namn: str) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(namn))


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rot = tmp_path_factory.mktemp("docx")
    ut = rot / "finanspolicy.docx"
    render_docx(exempel_vy(rot), ut, MALLAR)
    return ut


@pytest.fixture(scope="module")
def dokument(docx: Path) -> etree._Element:
    return del_av(docx, "word/document.xml")


def stycken_med_stil(dokument: etree._Element, stil: str) -> list[etree._Element]:
    return dokument.xpath(f"//w:p[w:pPr/w:pStyle/@w:val='{stil}']", namespaces=NS)


def text(element: etree._Element) -> str:
    return "".join(element.xpath(".//w:t/text()", namespaces=NS))


# --- LibreOffice opens it -------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) saknas")
def test_libreoffice_öppnar_och_texten_finns(docx: Path, tmp_path: Path) -> None:
    profil = (tmp_path / "lo-profil").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profil}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "finanspolicy.pdf"
    assert pdf.exists()
    if shutil.which("pdftotext"):
        innehåll = subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        for väntat in [
            "Finanspolicy för Ekviks kommun",
            *RUBRIKER,
            *[v for _, v in METADATA],
            "Ekviks kommun",
            "Sida 1 av",
        ]:
            assert väntat in innehåll, väntat


# --- structure ------------------------------------------------------------------------


def test_titel_och_rubriker_har_rätt_stilar(dokument: etree._Element) -> None:
    assert [text(p) for p in stycken_med_stil(dokument, "Title")] == [
        "Finanspolicy för Ekviks kommun"
    ]
    assert [text(p) for p in stycken_med_stil(dokument, "Heading1")] == [
        "Syfte",
        "Ansvar och roller",
    ]
    assert [text(p) for p in stycken_med_stil(dokument, "Heading2")] == [
        "Kommunstyrelsen",
        "Ordning för upplåning",
    ]
    assert [text(p) for p in stycken_med_stil(dokument, "Heading3")] == ["Limiter"]


def test_punktlistor_är_nästlade(dokument: etree._Element) -> None:
    nivå0 = stycken_med_stil(dokument, "ListBullet")
    nivå1 = stycken_med_stil(dokument, "ListBullet2")
    assert len(nivå0) == 2 and len(nivå1) == 2
    assert {p.xpath("string(w:pPr/w:numPr/w:ilvl/@w:val)", namespaces=NS) for p in nivå1} == {"1"}


def test_numrerade_listor_börjar_om(docx: Path, dokument: etree._Element) -> None:
    numrerade = stycken_med_stil(dokument, "ListNumber")
    num_ids = [p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS) for p in numrerade]
    assert len(num_ids) == 5
    första, andra = set(num_ids[:3]), set(num_ids[3:])
    assert len(första) == 1 and len(andra) == 1 and första != andra
    numrering = del_av(docx, "word/numbering.xml")
    for num_id in första | andra:
        start = numrering.xpath(
            f"string(w:num[@w:numId='{num_id}']/w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val)",
            namespaces=NS,
        )
        assert start == "1"


def test_tabellens_rubrikrad_upprepas(dokument: etree._Element) -> None:
    tabeller = dokument.xpath("//w:body/w:tbl", namespaces=NS)
    assert len(tabeller) == 2  # metadata + the body's table
    metadata, limiter = tabeller
    rader = limiter.xpath("w:tr", namespaces=NS)
    assert rader[0].xpath("w:trPr/w:tblHeader", namespaces=NS)
    assert not rader[1].xpath("w:trPr/w:tblHeader", namespaces=NS)
    assert text(rader[0]) == "RiskLimitAnsvarig"
    assert rader[0].xpath(".//w:r/w:rPr/w:b", namespaces=NS)
    # Metadata: labels in bold in the first column, no header row.
    for rad, (etikett, värde) in zip(metadata.xpath("w:tr", namespaces=NS), METADATA, strict=False):
        etikettcell, värdecell = rad.xpath("w:tc", namespaces=NS)
        assert text(etikettcell) == etikett and text(värdecell) == värde
        assert etikettcell.xpath(".//w:rPr/w:b", namespaces=NS)
        assert not rad.xpath("w:trPr/w:tblHeader", namespaces=NS)


def test_fet_kursiv_och_länk(docx: Path, dokument: etree._Element) -> None:
    assert "Ekviks kommun" in [text(r) for r in dokument.xpath("//w:r[w:rPr/w:b]", namespaces=NS)]
    assert "förvalta" in [text(r) for r in dokument.xpath("//w:r[w:rPr/w:i]", namespaces=NS)]
    länkar = dokument.xpath("//w:hyperlink", namespaces=NS)
    assert [text(länk) for länk in länkar] == ["kommunens webbplats"]
    relationer = del_av(docx, "word/_rels/document.xml.rels")
    r_id = länkar[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    mål = relationer.xpath(f"//*[@Id='{r_id}']")[0]
    assert (
        mål.get("Target") == "https://www.ekvik.example/ekonomi"
        and mål.get("TargetMode") == "External"
    )


def test_sidhuvud_och_sidfot(docx: Path) -> None:
    huvud = del_av(docx, "word/header1.xml")
    fot = del_av(docx, "word/footer1.xml")
    assert "Ekviks kommun" in text(huvud)
    assert huvud.xpath("//wp:docPr/@descr", namespaces=NS) == ["Ekviks kommuns logotyp"]
    assert "EKFS 2021:3" in text(fot)
    instruktioner = [t.strip() for t in fot.xpath("//w:instrText/text()", namespaces=NS)]
    assert instruktioner == ["PAGE", "NUMPAGES"]


def test_dokumentegenskaper(docx: Path) -> None:
    kärna = del_av(docx, "docProps/core.xml")
    assert kärna.xpath("string(dc:title)", namespaces=NS) == "Finanspolicy för Ekviks kommun"
    assert kärna.xpath("string(dc:subject)", namespaces=NS) == "Policy"
    assert kärna.xpath("string(dc:language)", namespaces=NS) == "sv-SE"
    assert kärna.xpath("string(dcterms:created)", namespaces=NS).startswith("2021-04-29")
    assert kärna.xpath("string(dcterms:modified)", namespaces=NS).startswith("2021-04-29")
    stilar = del_av(docx, "word/styles.xml")
    assert stilar.xpath("string(//w:docDefaults//w:lang/@w:val)", namespaces=NS) == "sv-SE"


def test_två_renderingar_är_bytelika(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path)
    render_docx(vy, tmp_path / "a.docx", MALLAR)
    render_docx(vy, tmp_path / "b.docx", MALLAR)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_golden_document_xml(docx: Path) -> None:
    with zipfile.ZipFile(docx) as z:
        rå = z.read("word/document.xml")
    träd = etree.fromstring(rå, etree.XMLParser(remove_blank_text=True))
    jämför_golden(
        "writers/finanspolicy.document.xml",
        etree.tostring(träd, pretty_print=True, encoding="unicode"),
    )


def test_mallen_är_aktuell(tmp_path: Path) -> None:
    """mall.docx must be what skapa_mall.py produces; regenerate it after editing the script."""
    skript = MALLAR / "word" / "skapa_mall.py"
    kopia = tmp_path / "word"
    kopia.mkdir()
    shutil.copy(skript, kopia / "skapa_mall.py")
    miljö = {**os.environ, "PYTHONPATH": str(MALLAR.parent)}
    subprocess.run(
        [sys.executable, str(kopia / "skapa_mall.py")], check=True, capture_output=True, env=miljö
    )
    assert (kopia / "mall.docx").read_bytes() == (MALLAR / "word" / "mall.docx").read_bytes()


# --- images and the user's mistakes -----------------------------------------------------


def test_bild_får_alternativtext(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path, brödtext="## Bild\n\n![Karta över Ekvik](../bilder/logotyp.svg)\n")
    render_docx(vy, tmp_path / "ut.docx", MALLAR)
    dokument = del_av(tmp_path / "ut.docx", "word/document.xml")
    assert dokument.xpath("//wp:inline/wp:docPr/@descr", namespaces=NS) == ["Karta över Ekvik"]


def test_saknad_logotyp_ger_styrdokfel(tmp_path: Path) -> None:
    vy = exempel_vy(tmp_path, logotyp=tmp_path / "content" / "bilder" / "borta.png")
    with pytest.raises(StyrdokFel) as fel:
        render_docx(vy, tmp_path / "ut.docx", MALLAR)
    assert "borta.png" in str(fel.value)


@pytest.mark.parametrize("src", ["finns-inte.png", "../../etc/passwd.png"])
def test_felaktig_bild_ger_styrdokfel(tmp_path: Path, src: str) -> None:
    vy = exempel_vy(tmp_path, brödtext=f"## Bild\n\n![Bild]({src})\n")
    with pytest.raises(StyrdokFel) as fel:
        render_docx(vy, tmp_path / "ut.docx", MALLAR)
    assert src in fel.value.meddelande


def test_trasig_mall_ger_styrdokfel(tmp_path: Path) -> None:
    mallar = tmp_path / "mallar"
    (mallar / "word").mkdir(parents=True)
    (mallar / "word" / "mall.docx").write_bytes(b"inte en zip-fil")
    with pytest.raises(StyrdokFel) as fel:
        render_docx(exempel_vy(tmp_path), tmp_path / "ut.docx", mallar)
    assert "mall.docx" in str(fel.value)


def test_script_når_aldrig_docx(tmp_path: Path) -> None:
    vy = exempel_vy(
        tmp_path,
        brödtext=(
            "## Rubrik\n\nText före.\n\n<script>alert('HEMLIGT')</script>\n\n"
            '<p onclick="alert(1)">Klicka <a href="javascript:alert(2)">här</a></p>\n'
        ),
    )
    render_docx(vy, tmp_path / "ut.docx", MALLAR)
    with zipfile.ZipFile(tmp_path / "ut.docx") as z:
        allt = b"".join(z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels")))
    assert b"Text f\xc3\xb6re." in allt and b"Klicka" in allt
    assert b"HEMLIGT" not in allt and b"alert" not in allt and b"javascript" not in allt


# --- the notice, images made for the document, tables --------------------------------

DIAGRAM_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160" viewBox="0 0 320 160">'
    b'<rect width="320" height="160" fill="#ffffff"/>'
    b'<polyline points="10,150 160,40 310,80" fill="none" stroke="#1a4f8b" stroke-width="3"/>'
    b"</svg>\n"
)


def test_notisen_är_en_ram_före_brödtexten(tmp_path: Path) -> None:
    vy = exempel_vy(
        tmp_path,
        notis="**Gällande, ändrad 2 gånger.** Texten är den ursprungliga.\n\nEKFS 2024:1.\n",
    )
    render_docx(vy, tmp_path / "ut.docx", MALLAR)
    dokument = del_av(tmp_path / "ut.docx", "word/document.xml")
    inramade = dokument.xpath("//w:body/w:p[w:pPr/w:pBdr and w:pPr/w:shd]", namespaces=NS)
    assert ["".join(p.itertext()) for p in inramade] == [
        "Gällande, ändrad 2 gånger. Texten är den ursprungliga.",
        "EKFS 2024:1.",
    ]
    assert inramade[0].find("w:pPr/w:keepNext", NS) is not None  # the box stays together
    syfte = stycken_med_stil(dokument, "Heading1")[0]
    alla = list(dokument.iter(f"{{{W}}}p"))
    assert alla.index(inramade[-1]) < alla.index(syfte)


def test_bild_gjord_för_dokumentet_blir_png(tmp_path: Path) -> None:
    vy = exempel_vy(
        tmp_path,
        brödtext="## Diagram\n\n![Diagram: utfall per år](diagram/utfall.svg)\n\nEfter.\n",
        bilder=(("diagram/utfall.svg", DIAGRAM_SVG),),
    )
    render_docx(vy, tmp_path / "a.docx", MALLAR)
    render_docx(vy, tmp_path / "b.docx", MALLAR)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    dokument = del_av(tmp_path / "a.docx", "word/document.xml")
    assert "Diagram: utfall per år" in dokument.xpath("//wp:inline/wp:docPr/@descr", namespaces=NS)
    bild = dokument.xpath("//w:p[.//wp:inline]", namespaces=NS)[-1]
    assert bild.find("w:pPr/w:keepNext", NS) is not None  # kept with what explains it
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        png = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    assert any(p.startswith(b"\x89PNG") and len(p) > 1000 for p in png)


def test_tabellens_kolumner_mäts_och_raderna_delas_inte(
    docx: Path, dokument: etree._Element
) -> None:
    tabell = dokument.xpath("(//w:tbl)[2]", namespaces=NS)[0]  # Limiter: Risk | Limit | Ansvarig
    assert tabell.find("w:tblPr/w:tblLayout", NS).get(f"{{{W}}}type") == "fixed"
    bredder = [int(g.get(f"{{{W}}}w")) for g in tabell.xpath("w:tblGrid/w:gridCol", namespaces=NS)]
    assert sum(bredder) == 9354 and bredder[1] == max(bredder)  # "Högst 40 % förfall inom ett år"
    for tr in tabell.xpath("w:tr", namespaces=NS):
        assert tr.find("w:trPr/w:cantSplit", NS) is not None
    assert tabell.xpath("w:tr[1]/w:trPr/w:tblHeader", namespaces=NS)
