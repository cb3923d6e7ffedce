"""``styrdok import``: Word files made by the tests (python-docx, LibreOffice, broken ones;
see tests/importkorpus.py) imported into a kommun, checked key by key and against
``styrdok check``; 500 documents timed; and every Word file styrdok makes for the example
imported back to the same front matter and the same text."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
import sys
import time
import zipfile
from contextlib import redirect_stderr
from pathlib import Path

import importkorpus
import markdown
import pytest
import yaml
from conftest import kopiera_projekt
from hypothesis import assume, given
from hypothesis import strategies as st

from styrdok.bygg import kontrollera, ladda_och_validera
from styrdok.cli import main
from styrdok.format.html import MARKDOWN_TILLÄGG
from styrdok.grund.diagnostik import FEL, VARNING, Rapport
from styrdok.grund.modell import Månad
from styrdok.slag.styrdokument import forfattningar
from styrdok.slag.styrdokument.importera import etiketter, huvud, varden
from styrdok.slag.styrdokument.importera.block import Segment, Stycke
from styrdok.slag.styrdokument.importera.dokument import tolka
from styrdok.slag.styrdokument.importera.korning import importera
from styrdok.slag.styrdokument.importera.mdtext import escape, radstart, rubriktext
from styrdok.slag.styrdokument.presentation import dokumentvy, filbas

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")

LIBREOFFICE = ("lo-tabell-4.docx", "lo-revideringar.docx")


def nytt_projekt(rot: Path) -> Path:
    (rot / "content" / "styrdokument").mkdir(parents=True)
    (rot / "content" / "kommun.yml").write_text(importkorpus.KOMMUN, encoding="utf-8")
    return rot


def läs(fil: Path) -> tuple[dict, str]:
    text = fil.read_text(encoding="utf-8")
    _, huvud, kropp = text.split("---\n", 2)
    return yaml.safe_load(huvud), kropp.lstrip("\n")


@pytest.fixture(scope="module")
def korpus(tmp_path_factory) -> dict[str, Path]:
    return importkorpus.skapa(tmp_path_factory.mktemp("korpus"))


@pytest.fixture(scope="module")
def importerat(korpus, tmp_path_factory):
    """The corpus imported: python-docx files and the broken ones into one project, the
    LibreOffice variants (same titles and KFS numbers) into another."""
    ut = {}
    for namn, filer in (
        ("word", [f for n, f in korpus.items() if n not in LIBREOFFICE]),
        ("libreoffice", [korpus[n] for n in LIBREOFFICE]),
    ):
        rot = nytt_projekt(tmp_path_factory.mktemp(namn))
        meddelanden: list[str] = []
        körning = importera(rot, filer, None, False, meddelanden.append, dt.date(2026, 11, 30))
        ut[namn] = (rot, körning, meddelanden)
    return ut


def post(importerat, namn: str):
    projekt = "libreoffice" if namn in LIBREOFFICE else "word"
    rot, körning, _ = importerat[projekt]
    träff = [p for p in körning.poster if p.resultat.källfil.name == namn]
    assert len(träff) == 1, namn
    return rot, träff[0]


def dokument(importerat, namn: str) -> tuple[dict, str, object]:
    _, p = post(importerat, namn)
    assert p.fil is not None, p.problem
    front, kropp = läs(p.fil)
    return front, kropp, p


def rapport(importerat, projekt: str = "word") -> str:
    return (importerat[projekt][0] / "import-rapport.md").read_text(encoding="utf-8")


# --- the header forms -----------------------------------------------------------------------


def test_tabell_med_två_kolumner_och_varianter_av_rubrikerna(importerat):
    front, kropp, p = dokument(importerat, "tabell-2.docx")
    assert front == {
        "titel": "Riktlinje för representation",
        "dokumenttyp": "riktlinje",
        "beslutsinstans": "ks",  # Beslutad av: Kommunstyrelsen
        "beslutsdatum": dt.date(2021, 4, 29),  # Datum för beslut: 29 april 2021
        "paragraf": 60,  # Paragraf: § 60
        "diarienummer": "KS 2021/123",  # Diarienr
        "dokumentansvarig": "Ekonomichef",  # Ansvarig
        "gäller_för": ["ks", "son"],
        "nästa_översyn": dt.date(2025, 12, 31),  # 31/12 2025
    }
    assert p.resultat.front.källor["beslutsinstans"] == (
        "metadatatabellen: »Beslutad av | Kommunstyrelsen«"
    )
    assert "Version | 1.2" in " ".join(p.resultat.borttaget)  # no key for it: named as left out
    assert "Beslutad av" not in kropp and "KS 2021/123" not in kropp


@pytest.mark.parametrize("namn", ["tabell-4.docx", "lo-tabell-4.docx"])
def test_fyra_kolumner_som_nässjö_med_kfs_och_titel_i_stor_stil(importerat, namn):
    front, kropp, p = dokument(importerat, namn)
    assert front == {
        "titel": "Taxa för upplåtelse av offentlig plats",
        "dokumenttyp": "taxa",
        "beslutsinstans": "kf",
        "beslutsdatum": dt.date(2021, 4, 29),
        "paragraf": 60,
        "dokumentansvarig": "Kommundirektören",
        "gäller_för": "Provviks kommunkoncern",  # label and value in one cell
        "kfs": "2021:4",
        "kategori": "taxor",  # "Kategori Taxor och avgifter" in one cell, matched by name
    }
    assert kropp.startswith("Avgifter tas ut")  # cover line, table and title are gone
    assert "| Torghandel | 150 kr per dag |" in kropp


def test_stycken_och_rubriker_i_fetstil_eller_stor_stil(importerat):
    front, kropp, p = dokument(importerat, "stycken.docx")
    assert front["beslutsinstans"] == "kf"
    assert front["beslutsdatum"] == dt.date(2020, 11, 26)
    assert front["paragraf"] == 144  # "KF § 144" without a label
    assert front["diarienummer"] == "KS 2020/301"  # "Dnr KS 2020/301" without a colon
    assert front["dokumentansvarig"] == "IT-chef"
    assert front["revideringar"] == [{"datum": "2022-03"}]  # a month only
    assert front["dokumenttyp"] == "policy"
    assert "# gissad ur titeln; kontrollera" in p.fil.read_text(encoding="utf-8")
    assert kropp.strip().split("\n\n")[:3] == [
        "## Inledning",  # larger text
        "Information är en tillgång som ska skyddas.",
        "### Ansvar",  # bold
    ]
    assert "- Manuell punkt ett\n- Manuell punkt två" in kropp
    assert any("blev rubriker" in t and "»Ansvar«" in t for t in p.resultat.ändrat)


def test_dokumentegenskaper_och_anpassade_egenskaper(importerat):
    front, kropp, p = dokument(importerat, "egenskaper.docx")
    assert {k: front[k] for k in ("titel", "dokumenttyp", "beslutsinstans", "paragraf")} == {
        "titel": "Plan för krisberedskap",
        "dokumenttyp": "plan",
        "beslutsinstans": "ks",
        "paragraf": 45,
    }
    assert front["beslutsdatum"] == dt.date(2020, 6, 11)
    assert front["dokumentansvarig"] == "Kanslichef"  # custom property "Dokumentägare"
    assert front["diarienummer"] == "KS 2020/5"
    assert front["giltig_till"].startswith("FYLL I: ")  # a plan has limited validity
    assert p.resultat.front.källor["beslutsinstans"].startswith("de anpassade dokumentegenskaperna")


def test_sidhuvud_med_tabell_och_numrering_som_word_visar_den(importerat):
    front, kropp, p = dokument(importerat, "numrering.docx")
    assert front["beslutsdatum"] == dt.date(2022, 1, 31)  # from the table in the page header
    assert front["diarienummer"] == "KS 2022/15"
    assert front["kfs"] == "2022:1"  # "Provviks kommun PKFS 2022:1" in the header
    assert front["kategori"] == "allmanna"
    assert (front["beslutsinstans"], front["paragraf"]) == ("kf", 12)
    assert front["dokumenttyp"].startswith("FYLL I: ")
    assert p.resultat.front.källor["diarienummer"] == "sidhuvudet: »Dnr | KS 2022/15«"
    assert kropp.strip() == (
        "## 1. Inledande bestämmelser\n\n"
        "1 § Föreskrifterna gäller i hela kommunen.\n\n"
        "2 § Med offentlig plats avses\n\n"
        "a) gator och torg,\n\n"
        "b) parker.\n\n"
        "## 2. Ordning\n\n"
        "### 2.1 Buller\n\n"
        "3 § Buller som stör omgivningen är förbjudet."
    )


def test_fil_utan_huvud_får_platshållare(importerat):
    front, kropp, p = dokument(importerat, "utan-huvud.docx")
    assert front["titel"] == "utan huvud"
    for nyckel in ("dokumenttyp", "beslutsinstans", "beslutsdatum", "dokumentansvarig"):
        assert front[nyckel].startswith("FYLL I: "), nyckel
    assert "# ur filnamnet; kontrollera" in p.fil.read_text(encoding="utf-8")
    assert kropp.strip().startswith("Om man vill veta mer")


# --- the body -----------------------------------------------------------------------------


def test_betoning_länkar_listor_och_text_som_bara_är_text(importerat):
    _, kropp, p = dokument(importerat, "tabell-2.docx")
    assert "## Syfte" in kropp and "### Regler" in kropp
    assert "Riktlinjen gäller **all** representation och *extern* representation." in kropp
    assert "[kommunens webbplats](https://www.provvik.example/representation)" in kropp
    assert r"Stjärnor \*här\* och \[hakar\] och &lt;b>taggar&lt;/b> är text." in kropp
    assert "- Måltid\n    - Lunch\n    - Middag\n- Gåvor" in kropp
    assert (
        "1. Första steget\n2. Andra steget\n\nEtt stycke mellan listorna.\n\n3. Tredje steget"
        in kropp
    )
    assert "G-katalogen" in kropp and "file:" not in kropp
    assert any("file:///G:/Ekonomi/regler.docx" in t for t in p.resultat.ändrat)


@pytest.mark.parametrize("namn", ["sammanslagna.docx", "bistand.docx"])
def test_sammanslagna_celler(importerat, namn):
    _, kropp, p = dokument(importerat, namn)
    if namn == "sammanslagna.docx":
        assert "| Norr | Kodlås | Skåp A |\n| Norr | Bricka | Skåp B |" in kropp
        assert "| Söder (hela området) |   |   |" in kropp
    else:
        assert "| Ensamstående |   | Riksnorm |" in kropp
        assert "| Par | 8 000 kr | Utan barn |\n| Par | 11 000 kr | Med barn |" in kropp
    assert any("sammanslagna tabellceller" in t for t in p.resultat.ändrat)


def test_fotnoter_från_word_och_från_libreoffice(importerat):
    front, kropp, _ = dokument(importerat, "fotnoter.docx")
    assert (front["titel"], front["kfs"]) == ("Reglemente för socialnämnden", "2019:7")
    assert front["kategori"].startswith("FYLL I: ")  # required with kfs
    assert front["beslutsdatum"] == dt.date(2019, 12, 12)  # "12 december 2019"
    assert front["beslutsinstans"] == "kf"  # "KF", the organ's abbreviation
    assert "Nämnden fullgör kommunens uppgifter[^1] inom socialtjänsten[^2]." in kropp
    assert "[^1]: Kommunallagen (2017:725) 6 kap.\n[^2]: Se även *arbetsordningen*." in kropp
    _, kropp, _ = dokument(importerat, "bistand.docx")
    assert "Socialtjänstlagen[^1] ger rätt till bistånd." in kropp
    assert "[^1]: Socialtjänstlag (2001:453)." in kropp
    assert "- Egen försörjning först\n    - Arbete\n    - Andra ersättningar\n" in kropp
    assert "- Ansökan ska vara **komplett**" in kropp
    assert "## Bakgrund" in kropp and "### Förutsättningar" in kropp


def test_bilder_kopieras_med_alternativtext_eller_platshållare(importerat):
    front, kropp, p = dokument(importerat, "bilder.docx")
    bas = p.fil.stem
    assert f"![Karta över parkerna i centrum](bilder/{bas}-1.png)" in kropp
    assert f"![FYLL I: beskriv vad bilden visar](bilder/{bas}-2.png)" in kropp
    for n in (1, 2):
        assert (p.fil.parent / "bilder" / f"{bas}-{n}.png").read_bytes().startswith(b"\x89PNG")
    assert front["giltig_till"] == dt.date(2027, 12, 31)


@pytest.mark.parametrize("namn", ["revideringar.docx", "lo-revideringar.docx"])
def test_revideringstabell_blir_revideringar(importerat, namn):
    front, kropp, p = dokument(importerat, namn)
    assert front["revideringar"] == [
        {
            "datum": "2020-06",
            "beslutsinstans": "ks",
            "kommentar": "Förtydligande om uppdrag i föreningar.",
        },
        {
            "datum": dt.date(2022, 3, 3),
            "beslutsinstans": "ks",
            "paragraf": 25,
            "kommentar": "Ny blankett.",
        },
    ]  # the row "Antagen" is the decision itself, not a revision
    assert front["beslutsdatum"] == dt.date(2018, 5, 14)
    assert "Revideringar" not in kropp and "Ny blankett" not in kropp
    assert any("»snart | Planerad översyn.«" in t for t in p.resultat.front.okartlagt)


def test_innehållsförteckningen_tas_bort(importerat):
    front, kropp, p = dokument(importerat, "innehall.docx")
    assert (front["beslutsinstans"], front["beslutsdatum"], front["paragraf"]) == (
        "kf",
        dt.date(2019, 11, 28),
        130,
    )  # "Antagen av kommunfullmäktige 2019-11-28, § 130"
    assert kropp.strip() == (
        "## Uppgifter\n\nStyrelsen leder och samordnar.\n\n"
        "## Sammanträden\n\nStyrelsen sammanträder enligt en plan."
    )
    assert any(t.startswith("innehållsförteckningen") for t in p.resultat.borttaget)


@pytest.mark.parametrize(
    "namn, text",
    [
        ("skadad.docx", "filen är skadad"),
        ("krypterad.docx", "filen är lösenordsskyddad"),
        ("gammal.doc", "Words gamla format (.doc"),
        ("anteckningar.docx", "filen är ingen Word-fil"),
    ],
)
def test_filer_som_inte_kan_läsas_ger_en_svensk_rad(importerat, namn, text):
    rot, p = post(importerat, namn)
    assert p.fil is None and text in p.problem
    rader = [r for r in rapport(importerat).splitlines() if namn in r]
    assert len(rader) == 1 and text in rader[0]


def _zip(fil: Path, delar: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(fil, "w") as z:
        for namn, data in delar.items():
            z.writestr(namn, data)
    return fil


def _ersätt_dokument(källa: Path, ut: Path, dokument: str) -> Path:
    shutil.copy(källa, ut)
    importkorpus.ändra_zip(ut, {"word/document.xml": dokument.encode()})
    return ut


SKRATT = (
    '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "hahahahahahahahahaha">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + f']><w:document xmlns:w="{importkorpus.W_NS}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)
DJUP = (
    f'<w:document xmlns:w="{importkorpus.W_NS}"><w:body>'
    + "<w:tbl><w:tr><w:tc>" * 400
    + "</w:tc></w:tr></w:tbl>" * 400
    + "</w:body></w:document>"
)


def _tom(mapp: Path, _) -> Path:
    (mapp / "tom.docx").write_bytes(b"")
    return mapp / "tom.docx"


TRASIGA = {
    "tom": (_tom, "ingen Word-fil"),
    "utan huvuddel": (lambda d, _: _zip(d / "a.docx", {"a.txt": "x"}), "saknar Word-dokumentets"),
    "Excel": (
        lambda d, _: _zip(d / "a.docx", {"xl/workbook.xml": "<x/>"}),
        "Excel- eller PowerPoint",
    ),
    "OpenDocument": (
        lambda d, _: _zip(d / "a.docx", {"mimetype": "x", "content.xml": "<x/>"}),
        "OpenDocument",
    ),
    "trasig XML": (
        lambda d, k: _ersätt_dokument(k, d / "a.docx", "<w:document"),
        "inte giltig XML",
    ),
    "400 tabeller i varandra": (lambda d, k: _ersätt_dokument(k, d / "a.docx", DJUP), None),
    "entiteter i entiteter": (lambda d, k: _ersätt_dokument(k, d / "a.docx", SKRATT), None),
}


@pytest.mark.parametrize("fall", TRASIGA)
def test_trasiga_och_elaka_filer(korpus, tmp_path, fall):
    """Never an exception, never a traceback: one Swedish line, or a document whose
    entities were never expanded."""
    gör, väntat = TRASIGA[fall]
    fil = gör(tmp_path, korpus["utan-huvud.docx"])
    kommun = varden.Kommunregister.läs(nytt_projekt(tmp_path / "projekt"))
    start = time.perf_counter()
    resultat = tolka(fil, kommun)
    assert time.perf_counter() - start < 5
    if väntat is None:
        assert resultat.fel is not None or "haha" * 100 not in resultat.brödtext
    else:
        assert resultat.fel is not None and väntat in resultat.fel, resultat.fel


# --- the report, the check, the command ------------------------------------------------------


def test_rapporten_säger_varifrån_varje_värde_kom(importerat):
    text = rapport(importerat)
    assert (
        "| `beslutsdatum` | 2021-04-29 | metadatatabellen: »Datum för beslut \\| 29 april 2021« |"
        in text
    )
    assert "| `beslutsinstans` | kf | stycket: »Beslutsinstans: Kommunfullmäktige« |" in text
    assert "hittades inte: platshållare FYLL I" in text
    assert "## Inte importerade" in text
    _, körning, meddelanden = importerat["word"]
    assert any(m.startswith("importerar: ") for m in meddelanden)
    assert len(körning.importerade) == 12 and len(körning.misslyckade) == 4


@pytest.mark.parametrize("projekt", ["word", "libreoffice"])
def test_styrdok_check_pekar_på_varje_platshållare(importerat, projekt):
    rot = importerat[projekt][0]
    diagnoser = kontrollera(rot).diagnoser
    platshållare = {
        (f"content/styrdokument/{fil.name}", i)
        for fil in (rot / "content" / "styrdokument").glob("*.md")
        for i, rad in enumerate(fil.read_text(encoding="utf-8").splitlines(), start=1)
        if "FYLL I" in rad
    }
    fel = {(d.sökväg, d.rad) for d in diagnoser if d.nivå == FEL}
    varningar = [
        str(d)
        for d in diagnoser
        if d.nivå == VARNING and "luckor i numreringen" not in d.meddelande  # PKFS 2021:4 alone
    ]
    assert fel == platshållare, "\n".join(str(d) for d in diagnoser)
    assert not varningar


def test_skriver_aldrig_över_utan_flaggan(korpus, tmp_path):
    rot = nytt_projekt(tmp_path)
    fil = korpus["fotnoter.docx"]
    första = importera(rot, [fil], "content/styrdokument/regler", False, lambda _: None)
    md = första.importerade[0].fil
    assert md.parent == rot / "content" / "styrdokument" / "regler"
    md.write_text("ändrad för hand", encoding="utf-8")
    andra = importera(rot, [fil], "content/styrdokument/regler", False, lambda _: None)
    assert "finns redan" in andra.poster[0].problem and "--skriv-över" in andra.poster[0].problem
    assert md.read_text(encoding="utf-8") == "ändrad för hand"
    tredje = importera(rot, [fil], "content/styrdokument/regler", True, lambda _: None)
    assert tredje.importerade[0].fil == md and md.read_text(encoding="utf-8").startswith("---\n")


def kör(*argv: str) -> tuple[int, str]:
    fel = io.StringIO()
    with redirect_stderr(fel):
        kod = main(list(argv))
    return kod, fel.getvalue()


def test_kommandot_på_svenska_utan_traceback(korpus, tmp_path):
    rot = nytt_projekt(tmp_path / "projekt")
    kod, ut = kör("-C", str(rot), "import", str(korpus["stycken.docx"]), str(korpus["skadad.docx"]))
    assert kod == 0 and "Traceback" not in ut
    assert "importerade 1 av 2 filer till content/styrdokument/" in ut
    assert "inte importerad: skadad.docx: filen är skadad" in ut
    kod, ut = kör("-C", str(rot), "import", str(korpus["stycken.docx"]), "--till", "content/sidor")
    assert kod == 1 and "måste hamna under content/styrdokument/" in ut and "Traceback" not in ut
    kod, ut = kör("-C", str(tmp_path / "tom"), "import", str(korpus["stycken.docx"]))
    assert kod == 1 and "content/kommun.yml saknas" in ut
    kod, ut = kör("-C", str(rot), "import", str(tmp_path / "finns-inte.docx"))
    assert kod == 1 and "filen eller katalogen finns inte" in ut


# --- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2021-04-29", "2021-4-29", "29 april 2021", "den 29 april 2021", "29 apr. 2021",
        "29/4 2021", "29/4-2021", "29.4.2021", "29-04-2021", "20210429", "2021-04-29T00:00:00Z",
        "KF 2021-04-29, § 60",
    ],
)  # fmt: skip
def test_svenska_datumformer(text):
    assert varden.ett_datum(text) == dt.date(2021, 4, 29)


@pytest.mark.parametrize("text", ["2021-04", "april 2021", "apr 2021"])
def test_bara_månaden(text):
    assert varden.ett_datum(text) is None
    assert varden.månad_i(text)[0][0] == Månad(2021, 4, 1)


@pytest.mark.parametrize(
    "etikett, nyckel",
    [
        ("Beslutad av", "beslutsinstans"), ("Fastställd av:", "beslutsinstans"),
        ("Antagen av", "beslutsinstans"), ("Dnr", "diarienummer"), ("Diarienr.", "diarienummer"),
        ("Ansvarig", "dokumentansvarig"), ("Dokumentansvarig", "dokumentansvarig"),
        ("Giltig till", "giltig_till"), ("Reviderad", "revideringar"),
        ("Senast reviderad", "revideringar"), ("Gäller för", "gäller_för"),
        ("Dokumenttyp", "dokumenttyp"), ("§", "paragraf"), ("Paragraf", "paragraf"),
        ("Beslutsdatum", "beslutsdatum"), ("Datum för beslut", "beslutsdatum"),
        ("GALLER FOR", "gäller_för"), ("Status", etiketter.INGEN), ("Syfte", None),
    ],
)  # fmt: skip
def test_etiketter(etikett, nyckel):
    assert etiketter.nyckel(etikett) == nyckel


def test_nässjös_huvud_som_stycken_med_tabbar():
    """The seed's header as its text reads (cells joined by tabs)."""
    rader = [
        "Dokumenttyp Regel\tBeslutsinstans Kommunfullmäktige\tBeslutsdatum 2021-04-29\t§ 60",
        "Dokumentansvarig Kommundirektören\t\t\t",
        "Gäller för Nässjö kommunkoncern\t\tSenast reviderad\t",
    ]
    par = [(u.nyckel, u.värde) for r in rader for u in huvud.stycke_uppgifter(Stycke([Segment(r)]))]
    assert par == [
        ("dokumenttyp", "Regel"),
        ("beslutsinstans", "Kommunfullmäktige"),
        ("beslutsdatum", "2021-04-29"),
        ("paragraf", "60"),
        ("dokumentansvarig", "Kommundirektören"),
        ("gäller_för", "Nässjö kommunkoncern"),
        ("revideringar", ""),
    ]
    assert huvud.stycke_uppgifter(Stycke([Segment("Syftet med policyn är att")])) == []


def test_organ_och_kfs_som_check_föreslår_dem():
    organ = yaml.safe_load(importkorpus.KOMMUN)["organ"]
    assert varden.slå_upp("Kommunstyrelsens", organ) == varden.Träff("ks", True)
    assert varden.slå_upp("KF", organ) == varden.Träff("kf", True)
    assert varden.slå_upp("Kommunstyrelsens arbetsutskott", organ) == varden.Träff("ks", False)
    assert varden.kfs_i("NKFS 2021:4 Taxa", "NKFS") == ("NKFS 2021:4", "2021:4")
    assert varden.kfs_i("enligt SFS 2017:725", "NKFS") is None
    assert varden.paragraf_i("§ 60") == "60" and varden.paragraf_i("60", ensam=True) == "60"


TECKEN = st.text(
    alphabet=st.sampled_from(list("ab -*_`[]()!<>&#;:{}|~\\=+.1^@/\"'$%")), min_size=1, max_size=25
)


@given(TECKEN)
def test_text_ur_word_förblir_text(text):
    """Whatever a paragraph, an emphasis, a link text, a table cell or a heading in Word
    says, the Markdown written for it shows exactly that text and nothing else."""
    text = " ".join(text.split())
    assume(text)
    for md, väntat in (
        (radstart(escape(text)), text),
        (radstart(escape(f"{text} x")), f"{text} x"),
        (f"x **{escape(text)}** y", f"x {text} y"),
        (f"x *{escape(text)}* y", f"x {text} y"),
        (f"x [{escape(text)}](https://e.example) y", f"x {text} y"),
        (f"| x |\n|---|\n| {escape(text, i_tabell=True)} y |", f"x {text} y"),
        (f"## x {rubriktext(text)} y", f"x {text} y"),
    ):
        html_ = markdown.markdown(md, extensions=MARKDOWN_TILLÄGG)
        assert not re.search(r"<(?!/?(p|strong|em|a|h2|table|thead|tbody|tr|th|td)\b)", html_), md
        assert text_av(md) == " ".join(väntat.split()), md


# --- fast ------------------------------------------------------------------------------------


def test_femhundra_dokument_på_under_en_minut(korpus, tmp_path):
    källor = [f for n, f in sorted(korpus.items()) if n.endswith(".docx") and "skadad" not in n]
    källor = [f for f in källor if f.name not in ("krypterad.docx", "anteckningar.docx")]
    mapp = tmp_path / "in"
    mapp.mkdir()
    for i in range(500):
        fil = källor[i % len(källor)]
        shutil.copy(fil, mapp / f"{i:03d}-{fil.name}")
    rot = nytt_projekt(tmp_path / "projekt")
    meddelanden: list[str] = []
    start = time.perf_counter()
    körning = importera(rot, [mapp], None, False, meddelanden.append)
    sekunder = time.perf_counter() - start
    print(f"\n500 dokument importerade på {sekunder:.1f} s", file=sys.stderr)
    assert len(körning.importerade) == 500
    assert sekunder < 60
    assert meddelanden[-1].startswith("importerar: 500 av 500 filer")


# --- the round trip ----------------------------------------------------------------------------


def text_av(md: str) -> str:
    utan_taggar = re.sub(r"<[^>]+>", " ", markdown.markdown(md, extensions=MARKDOWN_TILLÄGG))
    return " ".join(html.unescape(utan_taggar).split())


def test_rundtur_genom_styrdoks_egna_wordfiler(exempelprojekt, tmp_path):
    """Every styrdokument's Word file from the built example imports back to the same front
    matter and a body with the same text. The text compared is what the Word file shows:
    the amendment notice and the body; its history table becomes ``revideringar``."""
    korpus = ladda_och_validera(exempelprojekt, Rapport())
    status = forfattningar.härled_status(korpus)
    vilket = {filbas(d) + ".docx": d for d in korpus.styrdokument.values()}
    filer: dict[str, Path] = {}
    for variant in ("intranet", "public"):
        for fil in sorted((exempelprojekt / "site" / variant / "filer").rglob("*.docx")):
            filer.setdefault(fil.relative_to(exempelprojekt / "site" / variant).as_posix(), fil)
    styrdokument = {fil.resolve(): vilket[väg] for väg, fil in filer.items() if väg in vilket}
    assert len(styrdokument) >= 30 and len(filer) > len(styrdokument)
    rot = kopiera_projekt(tmp_path / "projekt")
    körning = importera(rot, list(filer.values()), "content/styrdokument/rundtur", False, str)
    assert not körning.misslyckade  # kvalitetsgarantier, rapporter and kallelser import too
    avvikelser = []
    for p in körning.poster:
        if (d := styrdokument.get(p.resultat.källfil)) is None:
            continue
        front, kropp = läs(p.fil)
        data = d.data
        väntat = {
            "titel": data.titel, "dokumenttyp": data.dokumenttyp,
            "beslutsinstans": data.beslutsinstans, "beslutsdatum": data.beslutsdatum,
            "paragraf": data.paragraf, "diarienummer": data.diarienummer,
            "dokumentansvarig": data.dokumentansvarig, "gäller_för": data.gäller_för,
            "kfs": data.kfs, "samråd": list(data.samråd) or None,
            "giltig_till": data.giltig_till, "nästa_översyn": data.nästa_översyn,
        }  # fmt: skip
        fått = {k: front.get(k) for k in väntat}
        fått["paragraf"] = str(fått["paragraf"]) if fått["paragraf"] is not None else None
        if fått != väntat:
            avvikelser.append(f"{d.id}: {väntat} ≠ {fått}")
        if data.revideringar and not _samma_revideringar(data.revideringar, front, p):
            avvikelser.append(f"{d.id}: {data.revideringar} ≠ {front.get('revideringar')}")
        vy = dokumentvy(korpus, d, status.get(d.id))
        synligt = (getattr(vy, "notis", "") or "") + "\n\n" + vy.brödtext
        synligt = re.sub(r"\n## Historik\n.*", "", synligt, flags=re.DOTALL)
        if text_av(synligt) != text_av(kropp):
            avvikelser.append(f"{d.id}: texten skiljer sig\n{text_av(synligt)}\n{text_av(kropp)}")
    assert not avvikelser, "\n".join(avvikelser)


def _samma_revideringar(revideringar, front: dict, post) -> bool:
    """All of them when the Word file has a history table; otherwise the file says only
    "Senast reviderad: datum, § n" and that is what can come back."""
    fått = [
        {k: (v.isoformat() if isinstance(v, dt.date) else str(v)) for k, v in r.items()}
        for r in front.get("revideringar") or []
    ]
    if post.resultat.front.källor.get("revideringar", "").startswith("revideringstabellen"):
        väntat = [
            {
                k: v
                for k, v in {
                    "datum": r.datum.isoformat(),
                    "beslutsinstans": r.beslutsinstans,
                    "paragraf": r.paragraf,
                    "kommentar": r.kommentar,
                }.items()
                if v
            }
            for r in revideringar
        ]
        return fått == väntat
    senaste = max(revideringar, key=lambda r: r.datum)
    väntat = {"datum": senaste.datum.isoformat()} | (
        {"paragraf": senaste.paragraf} if senaste.paragraf else {}
    )
    return fått == [väntat]
