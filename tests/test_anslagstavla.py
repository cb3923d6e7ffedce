"""The anslagstavla and the protokoll behind it: the law's dates, every rule at its place
(in Swedish, as path:line:col), the public pages, feed and calendar as of a fixed day, the
protokoll on the web and in Word and PDF with a sekretess paragraf only as its number, and
the links between a paragraf and the document decided under it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pypdfium2 as pdfium
import pytest
from conftest import PROJEKT, kopiera_projekt, ändra

from styrdok import bygg
from styrdok.slag.sammantraden import lagtid

KS = "sammantraden/ks/2026-11-10.md"
KS_DEC = "sammantraden/ks/2026-12-08.md"
KF = "sammantraden/kf/2026-11-26.md"
RIKTLINJE = "styrdokument/service/riktlinje-for-synpunkter-och-klagomal.md"
HEMLIGT = "4,2 miljoner kronor"  # the sekretess paragraf's beslut
IDAG = "1796040000"  # 2026-11-30 12:00 UTC


# --- the law's dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("år", "påsk"),
    [
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ],
)
def test_påskdagen(år, påsk):
    assert lagtid.påskdagen(år).isoformat() == påsk


@pytest.mark.parametrize(
    ("anslaget", "sista"),
    [
        ("2026-11-17", "2026-12-08"),  # a Tuesday three weeks later
        ("2026-12-03", "2026-12-28"),  # julafton, juldagen, annandagen and a Sunday
        ("2026-11-21", "2026-12-14"),  # a Saturday → Monday
        ("2026-05-29", "2026-06-22"),  # 19 June is midsommarafton, then a weekend
        ("2026-12-10", "2026-12-31"),  # nyårsafton → 2027-01-04? no: see below
    ][:4],
)
def test_sista_dag_att_överklaga(anslaget, sista):
    assert lagtid.sista_dag_att_överklaga(dt.date.fromisoformat(anslaget)).isoformat() == sista


def test_nyårsafton_och_trettondagen_flyttar_sista_dagen():
    # 2026-12-10 + 3 weeks = nyårsafton (Thursday) → 1 Jan (helgdag) → weekend → Monday 4 Jan
    assert lagtid.sista_dag_att_överklaga(dt.date(2026, 12, 10)) == dt.date(2027, 1, 4)
    # 2027-12-16 + 3 weeks = trettondedag jul (Thursday) → Friday 7 Jan
    assert lagtid.sista_dag_att_överklaga(dt.date(2027, 12, 16)) == dt.date(2028, 1, 7)


# --- every rule at its place ---------------------------------------------------------------


def diagnoser(rot: Path) -> list[str]:
    svar = subprocess.run(
        [sys.executable, "-m", "styrdok", "-C", str(rot), "check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in svar.stderr, svar.stderr
    return [r for r in svar.stderr.splitlines() if ": fel: " in r or ": varning: " in r]


def rad_med(rot: Path, fil: str, text: str) -> int:
    rader = (rot / "content" / fil).read_text(encoding="utf-8").splitlines()
    return next(i for i, r in enumerate(rader, 1) if text in r)


PROTOKOLL_DEC = "protokoll:\n  justerat: 2026-12-10\n  anslaget: 2026-12-10\n"


def _ks_dec(rot: Path, första: int, andra: int | None = None) -> None:
    """Give KS 2026-12-08 a protokoll, its first two ärenden paragrafer ``första``, ``andra``."""
    fil = rot / "content" / KS_DEC
    text = fil.read_text(encoding="utf-8")
    text = text.replace("ärenden:\n", PROTOKOLL_DEC + "ärenden:\n", 1)
    delar = text.split("  - rubrik:")
    nummer = [första, andra if andra is not None else första + 1]
    nummer += [nummer[-1] + i for i in range(1, len(delar))]
    ny = delar[0]
    for i, del_ in enumerate(delar[1:]):
        slut = del_.rstrip("\n").split("\n---", 1)
        ärende = slut[0] + f"\n    paragraf: {nummer[i]}\n    beslut: Beslutat enligt förslaget."
        ny += "  - rubrik:" + ärende + ("\n---" + slut[1] + "\n" if len(slut) > 1 else "\n")
    fil.write_text(ny, encoding="utf-8")


def test_exemplet_har_inga_fel(exempel):
    assert diagnoser(exempel) == []


def test_nästa_sammanträde_fortsätter_numreringen(exempel):
    _ks_dec(exempel, 146)
    assert diagnoser(exempel) == []


@pytest.mark.parametrize(
    ("första", "andra", "väntat"),
    [
        (147, None, "§ 147 kommer efter § 145 (2026-11-10): § 146 saknas"),
        (145, None, "§ 145 kommer efter § 145 (2026-11-10)"),
        (140, None, "§ 140 kommer efter § 145 (2026-11-10)"),
        (146, 148, "§ 148 kommer efter § 146: § 147 saknas"),
        (146, 146, "§ 146 kommer efter § 146"),
        (146, 150, "§ 147–149 saknas"),
    ],
)
def test_lucka_eller_dubblett_i_numreringen_är_ett_fel(exempel, första, andra, väntat):
    _ks_dec(exempel, första, andra)
    fel = diagnoser(exempel)
    assert len(fel) == 1, fel
    assert fel[0].startswith(f"content/{KS_DEC}:"), fel
    assert väntat in fel[0] and "paragraferna numreras i följd" in fel[0], fel
    assert ": fel: " in fel[0]


@pytest.mark.parametrize(
    ("gammalt", "nytt", "rad", "väntat"),
    [
        (
            "    paragraf: 143\n    beslut: Kommunstyrelsen lägger redovisningen till handlingarna.\n",
            "    paragraf: 143\n",
            "paragraf: 143",
            "§ 143 har inget beslut",
        ),
        (
            "    paragraf: 143\n",
            "",
            "rubrik: Delegationsbeslut och meddelanden",
            "ärendet har ingen paragraf",
        ),
        (
            "  anslaget: 2026-11-17\n",
            "  anslaget: 2026-11-15\n",
            "anslaget: 2026-11-15",
            "före justeringen 2026-11-16",
        ),
        (
            "  justerat: 2026-11-16\n",
            "  justerat: 2026-11-09\n",
            "justerat: 2026-11-09",
            "före sammanträdet 2026-11-10",
        ),
        (
            "justering: 2026-11-16 kl. 09.00 på kommunkansliet\n",
            "justering: 2026-11-16 kl. 09.00 på kommunkansliet\nkungjort: 2026-11-01\n",
            "kungjort: 2026-11-01",
            "bara fullmäktiges sammanträden kungörs",
        ),
    ],
)
def test_protokollets_regler(exempel, gammalt, nytt, rad, väntat):
    ändra(exempel, KS, gammalt, nytt)
    fel = diagnoser(exempel)
    assert len(fel) == 1, fel
    nummer = rad_med(exempel, KS, rad)
    assert fel[0].startswith(f"content/{KS}:{nummer}:"), fel
    assert väntat in fel[0] and ": fel: " in fel[0], fel


@pytest.mark.parametrize(
    ("fil", "gammalt", "nytt", "rad", "väntat"),
    [
        (
            KS,
            "  anslaget: 2026-11-17\n",
            "  anslaget: 2026-11-19\n",
            "anslaget: 2026-11-19",
            "senast andra dagen efter justeringen, 2026-11-18",
        ),
        (
            KF,
            "kungjort: 2026-11-18",
            "kungjort: 2026-11-21",
            "kungjort: 2026-11-21",
            "minst en vecka före sammanträdet, senast 2026-11-19",
        ),
    ],
)
def test_lagens_tider_ger_en_varning(exempel, fil, gammalt, nytt, rad, väntat):
    ändra(exempel, fil, gammalt, nytt)
    fel = diagnoser(exempel)
    assert len(fel) == 1, fel
    assert fel[0].startswith(f"content/{fil}:{rad_med(exempel, fil, rad)}:"), fel
    assert väntat in fel[0] and ": varning: " in fel[0], fel


def test_kungörelse_efter_sammanträdet_är_ett_fel(exempel):
    ändra(exempel, KF, "kungjort: 2026-11-18", "kungjort: 2026-11-27")
    fel = diagnoser(exempel)
    assert len(fel) == 1 and "efter sammanträdet 2026-11-26" in fel[0] and ": fel: " in fel[0]


def test_dokumentets_paragraf_måste_finnas_i_protokollet(exempel):
    ändra(exempel, RIKTLINJE, "paragraf: 144, kommentar", "paragraf: 139, kommentar")
    fel = diagnoser(exempel)
    assert len(fel) == 1, fel
    assert fel[0].startswith(f"content/{RIKTLINJE}:{rad_med(exempel, RIKTLINJE, 'paragraf: 139')}:")
    assert "§ 139 finns inte i protokollet från Kommunstyrelsen 2026-11-10" in fel[0]
    assert "§ 140, § 141" in fel[0]


@pytest.mark.parametrize(
    ("gammalt", "nytt", "väntat"),
    [
        (
            "    anslaget: 2026-11-24\n",
            "    anslaget: 2026-11-24\n    slutdatum: 2026-12-01\n",
            "ta bort slutdatum",
        ),
        ("    slutdatum: 2026-11-05\n", "", "slutdatum saknas"),
        ("    anslaget: 2026-11-24\n", "    anslaget: 2026-11-20\n", "före beslutet 2026-11-23"),
        (
            "    organ: sbn\n    slag: delegationsbeslut",
            "    organ: sbnx\n    slag: delegationsbeslut",
            "okänt organ sbnx",
        ),
    ],
)
def test_tillkännagivandenas_regler(exempel, gammalt, nytt, väntat):
    ändra(exempel, "anslagstavla.yml", gammalt, nytt)
    fel = diagnoser(exempel)
    assert len(fel) == 1 and fel[0].startswith("content/anslagstavla.yml:"), fel
    assert väntat in fel[0], fel


# --- the published anslagstavla, as of 2026-11-30 ------------------------------------------


@pytest.fixture(scope="module")
def byggd(tmp_path_factory):
    gammal = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = IDAG
    try:
        rot = kopiera_projekt(tmp_path_factory.mktemp("anslagstavla"))
        resultat = bygg.bygg(rot)
        assert resultat.korpus.idag == dt.date(2026, 11, 30)
    finally:
        if gammal is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = gammal
    return rot / "site" / "public"


def text_i(fil: Path) -> str:
    return fil.read_text(encoding="utf-8")


def test_anslagstavlan_visar_det_som_sitter_uppe(byggd):
    sida = text_i(byggd / "anslagstavla/index.html")
    assert "Kommunstyrelsen, protokoll från sammanträdet 10 november 2026" in sida
    assert "2026-12-08" in sida  # three weeks after 2026-11-17, computed
    assert "Kommunfullmäktige sammanträder 10 december 2026" in sida
    assert "Delegationsbeslut om ändrade öppettider" in sida
    assert "Så överklagar du ett beslut" in sida and "Förvaltningsrätten i Värmlands län" in sida
    # what has come down is in the archive, not on the board
    assert "sammanträder 26 november 2026" not in sida
    assert "Norra hamnen" not in sida
    arkiv = text_i(byggd / "anslagstavla/arkiv/index.html")
    assert "sammanträder 26 november 2026" in arkiv and "Norra hamnen" in arkiv
    assert "protokoll från sammanträdet 10 november" not in arkiv


def test_anslagstavlan_nås_från_varje_sida_och_startsidan(byggd):
    for sida in ("index.html", "forfattningssamling/index.html", "sammantraden/index.html"):
        assert 'href="' in text_i(byggd / sida)
        assert "anslagstavla/" in text_i(byggd / sida), sida
    assert "Anslagstavla" in text_i(byggd / "index.html")


def test_flöde_och_kalender(byggd):
    rot = ET.fromstring((byggd / "anslagstavla/flode.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titlar = [e.findtext("a:title", namespaces=ns) for e in rot.findall("a:entry", ns)]
    assert "Kommunstyrelsen, protokoll från sammanträdet 10 november 2026" in titlar
    assert all("2026-12-10" not in (t or "") for t in titlar)
    ics = text_i(byggd / "anslagstavla/anslagstavla.ics")
    assert ics.count("BEGIN:VEVENT") == 5
    assert "DTSTART;VALUE=DATE:20261117" in ics and "DTEND;VALUE=DATE:20261209" in ics


def test_offentligt_protokoll_visar_sekretessparagrafen_bara_med_nummer(byggd):
    sida = text_i(byggd / "sammantraden/ks/2026-11-10-protokoll/index.html")
    assert "§ 145 Ärende enligt offentlighets- och sekretesslagen" in sida
    assert "Förvärv" not in sida and "Ekvik Norra" not in sida and HEMLIGT not in sida
    assert "§ 144 Revidering av riktlinjen" in sida
    assert 'href="../../../styrdokument/service/riktlinje-for-synpunkter-och-klagomal/"' in sida
    mapp = byggd / "filer/sammantraden/ks/2026-11-10"
    pdf = pdfium.PdfDocument(mapp / "protokoll.pdf")
    pdftext = "".join(s.get_textpage().get_text_range() for s in pdf)
    assert "§ 145" in pdftext and "Ekvik Norra" not in pdftext and "Anslagsbevis" in pdftext
    with zipfile.ZipFile(mapp / "protokoll.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert "Ekvik Norra" not in xml and "Anslagsbevis" in xml
    with zipfile.ZipFile(byggd / "filer/sammantraden/ks/2026-11-10.zip") as z:
        assert "protokoll.pdf" in z.namelist() and "protokoll.docx" in z.namelist()


def test_dokumentet_länkar_till_paragrafen(byggd):
    sida = text_i(byggd / "styrdokument/service/riktlinje-for-synpunkter-och-klagomal/index.html")
    assert 'href="../../../sammantraden/ks/2026-11-10-protokoll/#p144"' in sida
    protokoll = text_i(byggd / "sammantraden/ks/2026-11-10-protokoll/index.html")
    assert 'id="p144"' in protokoll


def test_fullständigt_protokoll_och_utdrag_med_kommandot(tmp_path):
    rot = kopiera_projekt(tmp_path / "p")
    ut = tmp_path / "ut"
    for extra in ([], ["--paragraf", "145"]):
        svar = subprocess.run(
            [
                sys.executable,
                "-m",
                "styrdok",
                "-C",
                str(rot),
                "protokoll",
                "ks",
                "2026-11-10",
                "-o",
                str(ut),
                *extra,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert svar.returncode == 0, svar.stderr
    utdrag = pdfium.PdfDocument(ut / "ks-2026-11-10-utdrag-paragraf-145.pdf")
    text = "".join(s.get_textpage().get_text_range() for s in utdrag)
    assert "Ekvik Norra" in text and "Utdragsbestyrkande" in text and "§ 140 Budget" not in text
    fel = subprocess.run(
        [sys.executable, "-m", "styrdok", "-C", str(rot), "protokoll", "kf", "2026-11-26"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert fel.returncode == 1 and "inget justerat protokoll" in fel.stderr
    assert "Traceback" not in fel.stderr


def test_word_protokollet_öppnas_i_libreoffice(byggd, tmp_path):
    docx = byggd / "filer/sammantraden/ks/2026-11-10/protokoll.docx"
    svar = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / "protokoll.pdf"
    assert pdf.exists(), svar.stderr
    assert len(pdfium.PdfDocument(pdf)) >= 2
    assert PROJEKT.exists()
