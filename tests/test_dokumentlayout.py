"""The Word and PDF documents read as a kommun's own: table columns as wide as their words
need (no word broken inside), rows never split across pages, headings kept with what follows,
the kommun named once in the header, amended författningar saying so, a history in every
styrdokument, charts in the goal reports, and a kallelse with an ärendelista, titled
underlag, signature lines and a public version.

The example kommun's documents are rendered once per module; Word files are laid out by
LibreOffice (``soffice --convert-to pdf``) and every PDF is read with PDFium."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pypdfium2
import pytest
from lxml import etree

from styrdok.bygg import ladda_och_validera
from styrdok.format.docx import render_docx
from styrdok.format.docx_tabell import kolumnbredder, twips
from styrdok.format.exempel import exempel_vy
from styrdok.format.html import markdown_till_html
from styrdok.format.pdf import render_pdf
from styrdok.format.textmatt import längsta_ord
from styrdok.grund.diagnostik import Rapport
from styrdok.karna.leveranser import leveranser
from styrdok.karna.webbplats import INTRANÄT, PUBLIK
from styrdok.slag.sammantraden.data import SEKRETESSRUBRIK
from styrdok.slag.sammantraden.kallelse import kallelsevy

PROJEKT = Path(__file__).resolve().parents[1]
MALLAR = PROJEKT / "templates"
KOMMUN = "Ekviks kommun"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
DOKUMENT = {
    "reglemente": "filer/forfattningssamling/2021-2",
    "rapport": "filer/mal/rapporter/2026-delarsrapport",
    "kallelse": "filer/sammantraden/kf/2026-11-26/kallelse",
    "policy": "filer/styrdokument/ekonomi/finanspolicy",
}
# Distinctive text of socialnämndens sekretess ärende (content/sammantraden/son/2026-12-03.md).
HEMLIGT = ["Tallbacken", "LVU", "pojke född 2012", "Maja Holm", "SN 2026/377", "familjehem"]

kräver_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")


# --- fixtures and helpers -------------------------------------------------------------


@pytest.fixture(scope="module")
def korpus():
    rapport = Rapport()
    k = ladda_och_validera(PROJEKT, rapport)
    assert k is not None and not rapport.har_fel(), [str(d) for d in rapport.diagnoser]
    return k


@pytest.fixture(scope="module")
def vyer(korpus):
    """The example's documents as the intranet publishes them, by short name."""
    alla = {lev.väg: lev.vy for lev in leveranser(korpus, "intranät")}
    return {namn: alla[väg] for namn, väg in DOKUMENT.items()}


@pytest.fixture(scope="module")
def filer(vyer, tmp_path_factory):
    """Every example document as PDF and Word, and each Word file laid out by LibreOffice."""
    mapp = tmp_path_factory.mktemp("dokument")
    ut: dict[str, dict[str, Path]] = {}
    for namn, vy in vyer.items():
        ut[namn] = {"pdf": mapp / f"{namn}.pdf", "docx": mapp / f"{namn}.docx"}
        render_pdf(vy, ut[namn]["pdf"], MALLAR)
        render_docx(vy, ut[namn]["docx"], MALLAR)
    if shutil.which("soffice"):
        lo = libreoffice([f["docx"] for f in ut.values()], mapp / "lo")
        for f in ut.values():
            f["lo"] = lo[f["docx"]]
    return ut


def libreoffice(docx: list[Path], ut: Path) -> dict[Path, Path]:
    """Word files laid out and printed to PDF by LibreOffice, in one run."""
    profil = ut.parent / f"lo-profil-{uuid.uuid4().hex}"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profil.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(ut),
            *map(str, docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {d: ut / d.with_suffix(".pdf").name for d in docx}


def sidor(pdf: Path) -> list[str]:
    """Each page's text in reading order, lines separated by newlines."""
    dokument = pypdfium2.PdfDocument(pdf)
    try:
        return [
            dokument[i].get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            for i in range(len(dokument))
        ]
    finally:
        dokument.close()


def docx_text(docx: Path, del_: str = "word/document.xml") -> str:
    with zipfile.ZipFile(docx) as z:
        träd = etree.fromstring(z.read(del_))
    return "\n".join("".join(p.itertext()) for p in träd.iter(f"{{{W}}}p"))


def docx_xml(docx: Path, del_: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(del_))


_SKILJETECKEN = ".,;:!?()»«\"'”“"


def ord_i(text: str) -> set[str]:
    return {o.strip(_SKILJETECKEN) for o in text.split() if o.strip(_SKILJETECKEN)}


def källord(vy) -> set[str]:
    """Every word the document is made of (body, metadata, notice), as written."""
    html = markdown_till_html(vy).html
    if vy.notis:
        html += markdown_till_html(dataclasses.replace(vy, brödtext=vy.notis)).html
    text = re.sub(r"<[^>]+>", " ", html) + " " + " ".join(v for _, v in vy.metadata)
    return ord_i(text.replace("&amp;", "&").replace("\xa0", " "))


def tabellord(vy) -> set[str]:
    html = markdown_till_html(vy).html
    celler = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html, re.S)
    return ord_i(
        " ".join(re.sub(r"<[^>]+>", " ", c) for c in celler)
        + " ".join(f"{e} {v}" for e, v in vy.metadata)
    )


def brutna_ord(text: str, ord_: set[str]) -> list[str]:
    """Words split over two lines: a line ends with a piece that is no word of the document,
    and with the next line's first piece it makes one. A break after a hyphen or a slash is
    allowed (the word itself says it may break there)."""
    rader = [r.split() for r in text.split("\n")]
    brutna = []
    for föregående, nästa in zip(rader, rader[1:], strict=False):
        if not föregående or not nästa:
            continue
        a, b = föregående[-1].strip(_SKILJETECKEN), nästa[0].strip(_SKILJETECKEN)
        if not any(t.isalpha() for t in a) or a.endswith(("-", "–", "/")) or a in ord_:
            continue  # a list's number, a hyphen, a whole word: a line may end there
        if (a + b).strip(_SKILJETECKEN) in ord_ or (a + nästa[0]).strip(_SKILJETECKEN) in ord_:
            brutna.append(f"{a}|{b}")
    return brutna


# --- tables: column widths from content ------------------------------------------------


SMAL_TABELL = "\n".join(
    [
        "## Smal tabell",
        "",
        "| Indikator | Period | Utfall | Målvärde | Riket | Bedömning | Ansvar |",
        "|---|---|---|---|---|---|---|",
        "| Elever i årskurs 9 som är behöriga till ett yrkesprogram | 2025 | 86,2 % | 88 % "
        "| 85 % | Under målvärdet | Kommunstyrelsen |",
        "| Vårdnadshavare som anser att barnet känner sig tryggt i förskolan | 2025 | 94 % "
        "| 95 % | – | Under målvärdet | Barn- och utbildningsnämnden |",
        "| Sjukfrånvaro | januari–augusti 2026 | 8,1 % | 6,0 % | – | Ej uppfyllt "
        "| Personalutskottet |",
        "",
    ]
)


def test_kolumnerna_får_minst_sitt_längsta_ord_och_fyller_sidan():
    storlek = 11.0
    rader = [
        [(1, twips(längsta_ord(t), storlek), twips(längsta_ord(t) * 3, storlek)) for t in rad]
        for rad in (
            ["Kommunstyrelsen", "2025", "yrkesprogram", "x"],
            ["Barn- och utbildningsnämnden", "januari–augusti", "86,2 %", "Under målvärdet"],
        )
    ]
    bredder = kolumnbredder(rader, 4, 9354)
    assert sum(bredder) == 9354
    for i in range(4):
        assert bredder[i] >= max(r[i][1] for r in rader)
    # The widest longest words alone do not fit: the table grows, no word is split.
    breda = [[(1, 3000, 6000)] * 4]
    assert kolumnbredder(breda, 4, 9354) == [3000] * 4


@pytest.mark.parametrize("namn", list(DOKUMENT))
def test_inget_ord_bryts_i_pdf(filer, vyer, namn):
    ord_ = källord(vyer[namn])
    assert tabellord(vyer[namn]), "dokumentet har inga tabeller att pröva"
    brutna = [b for s in sidor(filer[namn]["pdf"]) for b in brutna_ord(s, ord_)]
    assert not brutna, brutna


@kräver_soffice
@pytest.mark.parametrize("namn", list(DOKUMENT))
def test_inget_ord_bryts_i_word(filer, vyer, namn):
    ord_ = källord(vyer[namn])
    brutna = [b for s in sidor(filer[namn]["lo"]) for b in brutna_ord(s, ord_)]
    assert not brutna, brutna


def test_inget_ord_bryts_i_något_av_exemplets_pdf_dokument(korpus, tmp_path):
    """Every document of both sites, styrdokument, garantier, reports and kallelser."""
    vyer = {}
    for variant in (INTRANÄT, PUBLIK):
        for lev in leveranser(korpus, variant):
            vyer.setdefault(lev.vy, lev.väg)
    assert len(vyer) > 40
    brutna = {}
    for i, (vy, väg) in enumerate(vyer.items()):
        render_pdf(vy, tmp_path / f"{i}.pdf", MALLAR)
        ord_ = källord(vy)
        if fel := [b for s in sidor(tmp_path / f"{i}.pdf") for b in brutna_ord(s, ord_)]:
            brutna[väg] = fel
    assert not brutna, brutna


def test_smal_tabell_bryter_inga_ord(tmp_path):
    vy = exempel_vy(tmp_path, brödtext=SMAL_TABELL)
    render_pdf(vy, tmp_path / "smal.pdf", MALLAR)
    render_docx(vy, tmp_path / "smal.docx", MALLAR)
    ord_ = källord(vy)
    texter = sidor(tmp_path / "smal.pdf")
    if shutil.which("soffice"):
        texter += sidor(
            libreoffice([tmp_path / "smal.docx"], tmp_path / "lo")[tmp_path / "smal.docx"]
        )
    for text in texter:
        assert not brutna_ord(text, ord_)
        for ord_i_tabellen in ("Kommunstyrelsen", "yrkesprogram", "Personalutskottet"):
            assert ord_i_tabellen in text.split() or ord_i_tabellen not in " ".join(texter)
    # Word: the grid's columns follow the content; at 11 pt the longest words are wider than
    # the page, so the table is set smaller to fit.
    tabell = docx_xml(tmp_path / "smal.docx").xpath("(//w:tbl)[2]", namespaces=NS)[0]
    grid = [int(g.get(f"{{{W}}}w")) for g in tabell.xpath("w:tblGrid/w:gridCol", namespaces=NS)]
    assert len(grid) == 7 and sum(grid) <= 9354 and len(set(grid)) == 7
    storlekar = set(tabell.xpath(".//w:r/w:rPr/w:sz/@w:val", namespaces=NS))
    assert len(storlekar) == 1 and 16 <= int(storlekar.pop()) < 22


# --- rows never split; header rows repeat ---------------------------------------------


def lång_tabell(rader: int = 45) -> str:
    text = " ".join(["Ärendet bereds av förvaltningen och redovisas för nämnden."] * 2)
    kropp = "\n".join(f"| rad{i:02d}början | {text} rad{i:02d}slut |" for i in range(rader))
    return f"## Lång tabell\n\n| Kolumnrubrik | Beskrivning |\n|---|---|\n{kropp}\n"


def assert_rader_hela(texter: list[str], antal: int) -> None:
    sida = {}
    for nr, text in enumerate(texter):
        for i in range(antal):
            for del_ in ("början", "slut"):
                if f"rad{i:02d}{del_}" in text:
                    sida[(i, del_)] = nr
    assert len(sida) == 2 * antal, "alla rader finns i texten"
    assert max(sida.values()) >= 1, "tabellen går över minst två sidor"
    delade = [i for i in range(antal) if sida[(i, "början")] != sida[(i, "slut")]]
    assert not delade, f"raderna {delade} delas mellan sidor"
    for nr in range(1, max(sida.values()) + 1):
        if any(s == nr for s in sida.values()):
            assert "Kolumnrubrik" in texter[nr], f"rubrikraden upprepas inte på sida {nr + 1}"


def test_pdf_delar_inte_rader_och_upprepar_rubrikraden(tmp_path):
    vy = exempel_vy(tmp_path, brödtext=lång_tabell())
    render_pdf(vy, tmp_path / "lång.pdf", MALLAR)
    assert_rader_hela(sidor(tmp_path / "lång.pdf"), 45)


@kräver_soffice
def test_word_delar_inte_rader_och_upprepar_rubrikraden(tmp_path):
    vy = exempel_vy(tmp_path, brödtext=lång_tabell())
    render_docx(vy, tmp_path / "lång.docx", MALLAR)
    rader = docx_xml(tmp_path / "lång.docx").xpath("//w:tr", namespaces=NS)
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rader)
    pdf = libreoffice([tmp_path / "lång.docx"], tmp_path / "lo")[tmp_path / "lång.docx"]
    assert_rader_hela(sidor(pdf), 45)


def test_varje_tabellrad_i_word_får_inte_delas(filer):
    for namn, f in filer.items():
        rader = docx_xml(f["docx"]).xpath("//w:tr", namespaces=NS)
        assert rader, namn
        assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rader), namn
        rubriker = docx_xml(f["docx"]).xpath("//w:tbl/w:tr[1]/w:trPr/w:tblHeader", namespaces=NS)
        assert rubriker or namn == "policy", namn


# --- headings stay with what follows --------------------------------------------------


def test_rubriker_och_etiketter_hålls_ihop_med_nästa_stycke_i_word(filer):
    for namn, f in filer.items():
        träd = docx_xml(f["docx"])
        rubriker = träd.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'Heading')]", namespaces=NS)
        assert rubriker, namn
        assert all(p.find("w:pPr/w:keepNext", NS) is not None for p in rubriker), namn
    kallelse = docx_xml(filer["kallelse"]["docx"])
    etiketter = [
        p
        for p in kallelse.iter(f"{{{W}}}p")
        if "".join(p.itertext()) in ("Förslag till beslut", "Beslutsunderlag")
    ]
    assert len(etiketter) >= 5
    assert all(p.find("w:pPr/w:keepNext", NS) is not None for p in etiketter)


def sidans_sista_rad(text: str, vy) -> str:
    """The last line of the body on a page: header and footer lines left out."""
    bort = {KOMMUN, vy.sidfot, ""}
    rader = [" ".join(r.split()) for r in text.split("\n")]
    rader = [r for r in rader if r not in bort and not re.fullmatch(r"Sida \d+ av \d+", r)]
    return rader[-1] if rader else ""


@pytest.mark.parametrize("format_", ["pdf", "lo"])
def test_ingen_sida_slutar_med_en_rubrik(filer, vyer, format_):
    if format_ == "lo" and not shutil.which("soffice"):
        pytest.skip("LibreOffice saknas")
    for namn, f in filer.items():
        html = markdown_till_html(vyer[namn]).html
        rubriker = {
            " ".join(re.sub(r"<[^>]+>", "", r).split())
            for r in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>|<p class=\"etikett\">(.*?)</p>", html)
            for r in r
            if r
        }
        texter = sidor(f[format_])
        for nr, text in enumerate(texter[:-1]):
            sista = sidans_sista_rad(text, vyer[namn])
            assert sista not in rubriker, f"{namn} sida {nr + 1} slutar med rubriken {sista!r}"


# --- the header: the kommun named once ------------------------------------------------


def rader_med(text: str, namn: str) -> int:
    """Lines that are the name alone (a title may name the kommun too)."""
    return sum(1 for r in text.split("\n") if " ".join(r.split()) == namn)


def test_sidhuvudet_namnger_kommunen_en_gång_i_pdf(filer):
    for namn, f in filer.items():
        första = sidor(f["pdf"])[0]
        assert rader_med(första, KOMMUN) == 1, (namn, första[:200])


def test_sidhuvudet_i_word_är_logotypen_som_redan_säger_namnet(filer):
    huvud = docx_xml(filer["reglemente"]["docx"], "word/header1.xml")
    assert KOMMUN not in "".join(huvud.itertext())
    assert huvud.xpath("//wp:docPr/@descr", namespaces=NS) == [KOMMUN]


def test_logotyp_utan_namn_får_namnet_bredvid(tmp_path):
    vy = exempel_vy(tmp_path)  # its logo is a blue rectangle: no name in it
    render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    render_docx(vy, tmp_path / "ut.docx", MALLAR)
    assert rader_med(sidor(tmp_path / "ut.pdf")[0], vy.kommun) == 1
    huvud = docx_xml(tmp_path / "ut.docx", "word/header1.xml")
    assert "".join(huvud.itertext()).count(vy.kommun) == 1
    assert huvud.xpath("//wp:docPr/@descr", namespaces=NS) == [f"{vy.kommun}s logotyp"]


# --- amended författningar and history ------------------------------------------------


def test_ändrad_författning_namnger_ändringarna_först(filer):
    första = " ".join(sidor(filer["reglemente"]["pdf"])[0].split())
    notis = första[: första.index("Socialnämndens uppdrag")]
    for nummer, titel in (
        ("EKFS 2022:1", "Ändring i reglemente för socialnämnden (ansvar för bostadsanpassning)"),
        ("EKFS 2024:1", "Ändring i reglemente för socialnämnden (individutskottets"),
    ):
        assert f"{nummer} {titel}" in notis
    assert "beslutad 2022-06-16" in notis and "i kraft från 2024-03-01" in notis
    word = docx_text(filer["reglemente"]["docx"])
    assert word.index("EKFS 2022:1 Ändring") < word.index("Socialnämndens uppdrag")
    assert word.index("EKFS 2024:1 Ändring") < word.index("Socialnämndens uppdrag")


def test_ogällande_eller_oändrad_har_ingen_notis(vyer):
    assert not vyer["policy"].notis


@pytest.mark.parametrize("namn", ["reglemente", "policy"])
def test_historik_i_pdf_och_word(filer, namn):
    pdf = " ".join(" ".join(sidor(filer[namn]["pdf"])).split())
    word = docx_text(filer[namn]["docx"])
    for text in (pdf, word):
        historik = text[text.rindex("Historik") :]
        assert "Beslut" in historik and "Kommunfullmäktige" in historik
    if namn == "reglemente":
        historik = pdf[pdf.rindex("Historik") :]
        assert "Genom EKFS 2022:1" in historik and "Genom EKFS 2024:1" in historik
        assert historik.index("2021-04-22") < historik.index("2022-07-01")


# --- charts in the goal report --------------------------------------------------------


def test_målrapporten_i_word_har_diagram_som_bilder(filer, vyer):
    vy = vyer["rapport"]
    assert vy.bilder and all(namn.endswith(".svg") for namn, _ in vy.bilder)
    träd = docx_xml(filer["rapport"]["docx"])
    alt = träd.xpath("//wp:inline/wp:docPr/@descr", namespaces=NS)
    diagram = [a for a in alt if a.startswith("Diagram: ")]
    assert len(diagram) == len(vy.bilder)
    with zipfile.ZipFile(filer["rapport"]["docx"]) as z:
        bilder = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert len(bilder) >= len(vy.bilder)
    text = docx_text(filer["rapport"]["docx"])
    assert "Elever i årskurs 9 som är behöriga till ett yrkesprogram (%) per period" in text


def test_diagrammen_i_word_är_desamma_varje_gång(vyer, tmp_path):
    vy = vyer["rapport"]
    render_docx(vy, tmp_path / "a.docx", MALLAR)
    from styrdok.format import svg

    svg.svg_data_till_png.cache_clear()
    render_docx(vy, tmp_path / "b.docx", MALLAR)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_målrapporten_i_pdf_har_diagram_och_tabell(filer):
    dokument = pypdfium2.PdfDocument(filer["rapport"]["pdf"])
    try:
        for i in range(len(dokument)):
            text = dokument[i].get_textpage().get_text_range()
            if "yrkesprogram över tid" in text:
                break
        else:
            pytest.fail("diagrammets rubrik saknas")
        ritat = [o.type for o in dokument[i].get_objects(max_depth=3)]
        # WeasyPrint draws the SVG as vector graphics: a form with the chart's lines and labels
        assert ritat.count(pypdfium2.raw.FPDF_PAGEOBJ_FORM) >= 5
        assert ritat.count(pypdfium2.raw.FPDF_PAGEOBJ_PATH) >= 20
        följande = text + dokument[i + 1].get_textpage().get_text_range()
    finally:
        dokument.close()
    assert "Utfall" in följande and "Målvärde" in följande and "Riket" in följande
    assert "per period" in följande and "86,2" in följande


# --- the kallelse ---------------------------------------------------------------------


def test_kallelsen_har_ärendelista_och_underlag_med_titel(filer):
    pdf = " ".join(" ".join(sidor(filer["kallelse"]["pdf"])).split())
    word = " ".join(docx_text(filer["kallelse"]["docx"]).split())
    for text in (pdf, word):
        lista = text[text.index("Ärendelista") : text.index("Föredragningslista")]
        for rubrik in ("Allmänhetens frågestund", "Renhållningstaxa 2027", "Val av ersättare"):
            assert rubrik in lista
        assert "KS 2026/214" in lista
        assert "Kommunstyrelsens tjänsteskrivelse om finanspolicyn (bifogas som 6-" in text


def test_kallelsen_slutar_med_underskrifter_där_sammanträdet_vill(filer, vyer, korpus):
    text = " ".join(docx_text(filer["kallelse"]["docx"]).split())
    underskrifter = text[text.index("Underskrifter") :]
    assert "Ingrid Månsson (M), ordförande" in underskrifter and "Justerare" in underskrifter
    assert "____" in underskrifter
    ks = next(m for m in korpus.data["sammantraden"].möten if m.nyckel == "ks/2026-11-10")
    assert not ks.underskrifter
    assert "Underskrifter" not in kallelsevy(korpus, ks).brödtext


def kopia(tmp_path: Path) -> Path:
    for namn in ("content", "templates"):
        shutil.copytree(PROJEKT / namn, tmp_path / namn, symlinks=False)
    return tmp_path


def test_underskrifter_i_kommun_yml_gäller_varje_kallelse(tmp_path):
    rot = kopia(tmp_path)
    kommun = rot / "content" / "kommun.yml"
    kommun.write_text(
        kommun.read_text(encoding="utf-8") + "\nsammanträden: {underskrifter: ja}\n",
        encoding="utf-8",
    )
    rapport = Rapport()
    korpus = ladda_och_validera(rot, rapport)
    assert not rapport.har_fel(), [str(d) for d in rapport.diagnoser]
    for möte in korpus.data["sammantraden"].möten:
        assert möte.underskrifter
        assert "## Underskrifter" in kallelsevy(korpus, möte).brödtext


def test_underlag_med_titel_utan_fil_är_ett_fel_på_rätt_rad(tmp_path):
    rot = kopia(tmp_path)
    möte = rot / "content" / "sammantraden" / "ks" / "2026-12-08.md"
    text = möte.read_text(encoding="utf-8")
    text = text.replace(
        "    beslutsunderlag: EKFS 2022:3\n",
        "    beslutsunderlag:\n      - titel: Tjänsteskrivelse utan fil\n",
    )
    möte.write_text(text, encoding="utf-8")
    rapport = Rapport()
    ladda_och_validera(rot, rapport)
    fel = [str(d) for d in rapport.diagnoser if "2026-12-08.md" in str(d)]
    rad = text.splitlines().index("      - titel: Tjänsteskrivelse utan fil") + 1
    assert any(f":{rad}:" in f and "fil" in f for f in fel), fel


def test_agenda_offentlig_utan_sekretessärendets_text(tmp_path):
    rot = kopia(tmp_path)
    miljö = {**os.environ, "PYTHONPATH": str(PROJEKT)}
    körning = subprocess.run(
        [
            sys.executable,
            "-m",
            "styrdok",
            "-C",
            str(rot),
            "agenda",
            "son",
            "2026-12-03",
            "--offentlig",
            "-o",
            str(tmp_path / "ut"),
        ],
        capture_output=True,
        text=True,
        env=miljö,
        timeout=300,
    )
    assert körning.returncode == 0, körning.stderr
    filer = sorted((tmp_path / "ut").iterdir())
    assert [f.name for f in filer] == [
        "son-2026-12-03-kallelse-offentlig.docx",
        "son-2026-12-03-kallelse-offentlig.pdf",
    ]
    for text in (" ".join(sidor(filer[1])), docx_text(filer[0])):
        assert SEKRETESSRUBRIK in text and "Offentlig version" in text
        assert not [h for h in HEMLIGT if h.lower() in text.lower()]
