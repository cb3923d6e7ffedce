"""Two real kommuner written as styrdok projects the way a new user would, from the seeds:
Nässjö (002: Kompassen with its författningssamling header, footnotes, a half-migrated NKFS,
fokusmål and the årsschema month by month) and Arboga (001: strategiska områden, a politiskt
program adopted by the majority, the typology of §6 with villkor and samråd).

Each project lives in tests/kommuner/<namn>/content and is checked with --strict and built
once (both sites, PDF and Word); the tests then read what a visitor would get."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pypdfium2
import pytest

from styrdok.bygg import bygg, kontrollera

KOMMUNER = Path(__file__).resolve().parent / "kommuner"
KOMPASSEN = "forfattningssamling/2021-4"
KOMPASSENS_UPPGIFTER = {
    "Dokumenttyp": "Regel",
    "Författningssamling": "NKFS 2021:4",
    "Beslutsinstans": "Kommunfullmäktige",
    "Beslutsdatum": "2021-04-29",
    "§": "60",
    "Dokumentansvarig": "Kommundirektören",
    "Gäller för": "Nässjö kommunkoncern",
}
FOTNOTER = (
    "Tillitsdelegationens slutbetänkande Med tillit växer handlingsutrymmet (SOU 2018:47)",
    "11 kap. 1 och 6 §§ kommunallagen (2017:725)",
    "Kommundirektörens ledningsgrupp består av kommundirektören",
)
BEGREPP = ("Vision", "Värdegrund", "Fokusmål", "Kvalitetsfaktorer", "Dialog")
PROGRAMMET = "styrdokument/styrning/politiskt-program-2023-2026"


def kopiera(namn: str, mål: Path) -> Path:
    shutil.copytree(KOMMUNER / namn, mål)
    return mål


def bygg_kommun(namn: str, tmp_path_factory) -> Path:
    rot = kopiera(namn, tmp_path_factory.mktemp(namn) / "projekt")
    resultat = bygg(rot)
    assert [str(d) for d in resultat.rapport.diagnoser if d.nivå != "påminnelse"] == []
    return rot


@pytest.fixture(scope="module")
def nassjo(tmp_path_factory) -> Path:
    return bygg_kommun("nassjo", tmp_path_factory)


@pytest.fixture(scope="module")
def arboga(tmp_path_factory) -> Path:
    return bygg_kommun("arboga", tmp_path_factory)


def artikel(rot: Path, sida: str, webbplats: str = "public") -> str:
    """The page's main content as HTML (the article, without navigation and footer)."""
    fil = rot / "site" / webbplats / sida / "index.html"
    assert fil.is_file(), f"{fil} saknas"
    text = fil.read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def synlig_text(html_text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", html_text)))


def uppgifter_html(html_text: str) -> dict[str, str]:
    """The metadata table of a document page: label → value."""
    tabell = html_text[html_text.index('class="styrdok-metadata"') :].split("</table>")[0]
    par = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', tabell, re.S)
    return {html.unescape(k).strip(): synlig_text(v).strip() for k, v in par}


def pdftext(fil: Path) -> str:
    pdf = pypdfium2.PdfDocument(fil)
    try:
        return "\n".join(sida.get_textpage().get_text_range() for sida in pdf).replace("\r", "")
    finally:
        pdf.close()


def wordtext(fil: Path) -> str:
    """Every paragraph, every table cell and any footnote or endnote of a Word file."""
    dokument = docx.Document(fil)
    delar = [p.text for p in dokument.paragraphs]
    delar += [c.text for t in dokument.tables for rad in t.rows for c in rad.cells]
    with zipfile.ZipFile(fil) as arkiv:
        for namn in ("word/footnotes.xml", "word/endnotes.xml"):
            if namn in arkiv.namelist():
                xml = arkiv.read(namn).decode("utf-8")
                delar += re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)
    return "\n".join(delar)


def uppgifter_word(fil: Path) -> dict[str, str]:
    """The metadata table of a Word file (the first table): label → value."""
    tabell = docx.Document(fil).tables[0]
    return {rad.cells[0].text.strip(): rad.cells[-1].text.strip() for rad in tabell.rows}


def fil(rot: Path, sida: str, ändelse: str) -> Path:
    return rot / "site" / "public" / "filer" / f"{sida}.{ändelse}"


# --- both kommuner: what a new user runs first ----------------------------------------------


@pytest.mark.parametrize("namn", ["nassjo", "arboga"])
def test_kommunen_klarar_strict(namn: str, tmp_path: Path) -> None:
    rot = kopiera(namn, tmp_path / namn)
    resultat = subprocess.run(
        [sys.executable, "-m", "styrdok", "--katalog", str(rot), "check", "--strict"],
        capture_output=True,
        text=True,
        check=False,
    )
    utdata = resultat.stdout + resultat.stderr
    assert resultat.returncode == 0, utdata
    assert "0 fel, 0 varningar" in utdata, utdata


@pytest.mark.parametrize(
    ("namn", "väntat"),
    [("nassjo", ["delvis förenlig", "kommun@nassjo.se"]), ("arboga", ["helt förenlig"])],
)
def test_tillgänglighetsredogörelsen(namn: str, väntat: list[str], request) -> None:
    rot = request.getfixturevalue(namn)
    text = synlig_text(artikel(rot, "tillganglighetsredogorelse"))
    for ord_ in väntat:
        assert ord_ in text, f"{ord_!r} saknas i tillgänglighetsredogörelsen"


# --- Nässjö: Kompassen exactly as the författningssamling header says -------------------------


def test_kompassens_uppgifter_på_webbsidan(nassjo: Path) -> None:
    sida = artikel(nassjo, KOMPASSEN)
    assert "Styr- och ledningsmodell – Kompassen" in sida
    uppgifter = uppgifter_html(sida)
    for etikett, värde in KOMPASSENS_UPPGIFTER.items():
        assert uppgifter.get(etikett) == värde, f"{etikett}: {uppgifter.get(etikett)!r}"


def test_kompassens_uppgifter_i_pdf(nassjo: Path) -> None:
    text = pdftext(fil(nassjo, KOMPASSEN, "pdf"))
    rader = {r.strip() for r in text.splitlines()}
    assert "Styr- och ledningsmodell – Kompassen" in rader
    for etikett, värde in KOMPASSENS_UPPGIFTER.items():
        assert f"{etikett} {värde}" in rader, f"raden {etikett} {värde} saknas i PDF-filen"


def test_kompassens_uppgifter_i_word(nassjo: Path) -> None:
    word = fil(nassjo, KOMPASSEN, "docx")
    assert "Styr- och ledningsmodell – Kompassen" in wordtext(word)
    uppgifter = uppgifter_word(word)
    for etikett, värde in KOMPASSENS_UPPGIFTER.items():
        assert uppgifter.get(etikett) == värde, f"{etikett}: {uppgifter.get(etikett)!r}"


# --- Nässjö: footnotes, definition list and abbreviations are rendered, not printed ------------


def kompassens_texter(rot: Path) -> dict[str, str]:
    return {
        "webbsidan": artikel(rot, KOMPASSEN),
        "PDF-filen": pdftext(fil(rot, KOMPASSEN, "pdf")),
        "Word-filen": wordtext(fil(rot, KOMPASSEN, "docx")),
    }


def test_fotnoter_återges_som_fotnoter(nassjo: Path) -> None:
    for var, text in kompassens_texter(nassjo).items():
        assert "[^" not in text, f"fotnoten står som Markdown ([^1]) i {var}"
        platt = re.sub(r"\s+", " ", synlig_text(text) if var == "webbsidan" else text)
        for fotnot in FOTNOTER:
            assert fotnot in platt, f"fotnotens text {fotnot!r} saknas i {var}"
    sida = artikel(nassjo, KOMPASSEN)
    assert re.search(r"Tillitsdelegationen<sup[^>]*>", sida), "fotnotshänvisningen saknas"
    assert "Jump back" not in sida, "fotnotens tillbakalänk har engelsk text på en svensk sida"


def test_definitionslistan_återges_som_lista(nassjo: Path) -> None:
    texter = kompassens_texter(nassjo)
    sida = texter["webbsidan"]
    assert "<dl" in sida, "begreppsförteckningen är ingen definitionslista på webbsidan"
    for begrepp in BEGREPP:
        assert re.search(rf"<dt[^>]*>\s*{begrepp}\s*</dt>", sida), f"<dt>{begrepp}</dt> saknas"
    for var, text in texter.items():
        platt = synlig_text(text) if var == "webbsidan" else text
        for begrepp in BEGREPP:
            assert not re.search(rf"{begrepp}\s*:\s", platt), (
                f"{begrepp} står med Markdowns kolon (': ') i {var}"
            )


def test_förkortningar_förklaras(nassjo: Path) -> None:
    texter = kompassens_texter(nassjo)
    for var, text in texter.items():
        for rad in ("*[FN]", "*[KF]"):
            assert rad not in text, f"förkortningsraden {rad} står som text i {var}"
    sida = texter["webbsidan"]
    assert '<abbr title="Förenta nationerna">FN</abbr>' in sida
    assert '<abbr title="Kommunfullmäktige">KF</abbr>' in sida


# --- Nässjö: half-migrated författningssamling, goal levels, årsschema ---------------------------


def test_registret_visar_författningar_utanför(nassjo: Path) -> None:
    sida = artikel(nassjo, "forfattningssamling")
    text = synlig_text(sida)
    assert "NKFS 2021:4 Styr- och ledningsmodell – Kompassen" in text
    utanför = text.split("Författningar som ännu inte finns här")[1]
    for nummer, titel in [
        ("NKFS 2021:1", "Reglemente för kommunstyrelsen"),
        ("NKFS 2021:2", "Taxa för offentlig kontroll av livsmedel"),
        ("NKFS 2021:3", "Arbetsordning för kommunfullmäktige"),
    ]:
        assert f"{nummer} {titel}" in utanför, f"{nummer} saknas bland dem utanför"
    assert 'href="https://www.nassjo.se/kfs/2021-1.pdf"' in sida
    assert "Finns hos kommunledningskontoret, kansliet." in utanför


def test_målsidorna_använder_nässjös_nivåer(nassjo: Path) -> None:
    publik = nassjo / "site" / "public"
    sidor = {
        f.parent.relative_to(publik / "mal").as_posix(): synlig_text(
            artikel(nassjo, f.parent.relative_to(publik).as_posix())
        )
        for f in (publik / "mal").rglob("index.html")
    }
    start = sidor["."]
    assert "Visionen bryts ner i fokusområden" in start
    assert "beslutat om fokusmål" in start
    assert "Nämndernas utvecklingsmål och insatsområden" in start
    assert "Fokusmål Senaste bedömning" in start
    assert "Alla vuxna som bor i Nässjö kommun ska ha en sysselsättning" in start
    assert "Insatsområden" in sidor["namnder/ks"]
    assert "Utvecklingsmål" in sidor["namnder/bun"]
    for väg, text in sidor.items():
        for standard in ("Övergripande mål", "Nämndmål", "Åtagande", "målområde"):
            assert standard not in text, f"{standard!r} står på mal/{väg}"


def test_årsschemat_per_månad_och_för_flera_organ(nassjo: Path) -> None:
    text = synlig_text(artikel(nassjo, "arshjul-kalender"))
    assert "Årsschema 2027" in text
    assert "Under mars Kommunfullmäktige antar mandatperiodens fokusmål" in text
    assert (
        "Under maj Kommunstyrelsens arbetsutskott och kommunstyrelsen behandlar "
        "avstämningsrapport 1 Kommunstyrelsens arbetsutskott, Kommunstyrelsen"
    ) in text
    assert "Nässjö Affärsverk AB, Hyresbostäder i Nässjö AB" in text  # bolag in the koncern
    kalender = (nassjo / "site/public/kalender/arshjul.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20270301" in kalender


# --- Arboga: the politiskt program, the typology of §6, plans outside it -------------------------


def test_politiskt_program_utan_paragraf(arboga: Path) -> None:
    uppgifter = uppgifter_html(artikel(arboga, PROGRAMMET))
    assert uppgifter["Beslutsinstans"] == "Den politiska majoriteten"
    assert uppgifter["Dokumenttyp"] == "Politiskt program"
    assert "§" not in uppgifter
    rader = {r.strip() for r in pdftext(fil(arboga, PROGRAMMET, "pdf")).splitlines()}
    assert "Beslutsinstans Den politiska majoriteten" in rader
    assert not any(r.startswith("§ ") for r in rader)
    word = uppgifter_word(fil(arboga, PROGRAMMET, "docx"))
    assert word["Beslutsinstans"] == "Den politiska majoriteten" and "§" not in word


def test_fullmäktiges_beslut_kräver_paragraf_men_inte_majoritetens(tmp_path: Path) -> None:
    rot = kopiera("arboga", tmp_path / "arboga")
    styrmodell = rot / "content/styrdokument/styrning/styrmodell.md"
    text = styrmodell.read_text(encoding="utf-8")
    styrmodell.write_text(text.replace("paragraf: 85\n", ""), encoding="utf-8")
    fel = [str(d) for d in kontrollera(rot).diagnoser if d.nivå == "fel"]
    assert len(fel) == 1, fel
    assert fel[0].startswith("content/styrdokument/styrning/styrmodell.md:")
    assert "paragraf saknas" in fel[0]


def test_typöversikten_visar_villkor_och_samråd(arboga: Path) -> None:
    publik = synlig_text(artikel(arboga, "styrdokument"))
    assert (
        "Beslutas av Kommunfullmäktige när styrdokumentet gäller hela kommunen, "
        "Kommunstyrelsen när det gäller det egna området"
    ) in publik
    assert "Beslutas av Den politiska majoriteten." in publik
    assert "Gemensam anvisning" not in publik  # förvaltningsbeslut: intranet only
    intranät = synlig_text(artikel(arboga, "styrdokument", "intranet"))
    assert (
        "Beslutas av Kommundirektören när anvisningen gäller hela kommunen "
        "efter samråd med Kommunledningsgruppen."
    ) in intranät
    anvisning = artikel(
        arboga, "styrdokument/anvisningar/gemensam-anvisning-for-uppfoljning", "intranet"
    )
    assert uppgifter_html(anvisning)["Samråd"] == "Kommunledningsgruppen"


def test_plan_utanför_typologin(arboga: Path) -> None:
    publik = synlig_text(artikel(arboga, "styrdokument"))
    avsnitt = publik.split("Strategisk och ekonomisk plan (1)")[1]
    assert "Hör inte till typologin i styrmodellens kapitel 6." in avsnitt
    assert "Strategisk och ekonomisk plan 2025–2027" in avsnitt


def test_typöversikten_visar_hela_typologin(arboga: Path) -> None:
    """§6 is Arboga's whole typology: a type with no document yet still says who decides it
    (the förvaltningschef's anvisningar on the intranet, the political types on both)."""
    for webbplats, typ, villkor in [
        ("public", "Program", "Kommunfullmäktige när styrdokumentet gäller hela kommunen"),
        ("public", "Handlingsplan/strategi", "Socialnämnden när det gäller det egna området"),
        ("intranet", "Anvisning", "Förvaltningschefen för den egna förvaltningen"),
    ]:
        text = synlig_text(artikel(arboga, "styrdokument", webbplats))
        rubrik = re.search(rf"(?<![\w/]){re.escape(typ)}(?: \(\d+\))? ", text)
        assert rubrik and villkor in text[rubrik.end() :].split(" Beslutas av ")[1], (
            f"typen {typ} saknas i översikten över dokumenttyper ({webbplats}), "
            "eftersom inget dokument av typen finns ännu"
        )


def test_strategiska_områden(arboga: Path) -> None:
    start = synlig_text(artikel(arboga, "mal"))
    assert "Visionen bryts ner i strategiska områden" in start
    assert "Inom varje strategiskt område har kommunfullmäktige beslutat" in start
    for område in ("Inspirerande livsmiljö", "Inspirerande lärande och arbete"):
        assert område in start
    assert "målområde" not in start.lower()
