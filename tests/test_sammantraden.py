"""Sammanträden: pages, the public filter (no sekretess text anywhere on the public site),
the Word/PDF kallelse, calendars and bad input. The example kommun is built once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from pathlib import Path

import icalendar
import pytest
from conftest import kopiera_projekt

from styrdok import bygg
from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.slag import sammantraden as modul
from styrdok.slag.sammantraden import SLAG
from styrdok.slag.sammantraden.data import SEKRETESSRUBRIK, Underlag, Ärende, publikt_ärende
from styrdok.slag.sammantraden.kallelse import kallelsevy

PROJEKT = Path(__file__).resolve().parents[1]
FALL = Path(__file__).parent / "fall" / "sammantraden"
IDAG = dt.date(2026, 11, 22)
EPOK = str(int(dt.datetime(2026, 11, 22, tzinfo=dt.UTC).timestamp()))

# Distinctive text of socialnämndens sekretess ärende (content/sammantraden/son/2026-12-03.md).
HEMLIGT = [
    "Tallbacken",
    "LVU",
    "pojke född 2012",
    "Maja Holm",
    "SN 2026/377",
    "utredning-lvu",
    "förvaltningsrätten i Karlstad",
    "familjehem",
]

HEMLIGT_MÖNSTER = re.compile("|".join(rf"\b{re.escape(o)}\b" for o in HEMLIGT), re.IGNORECASE)
BILDER_OCH_TYPSNITT = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".ttf"}

# Every meeting's ärenden in agenda order: (rubrik, diarienummer or None).
ÄRENDEN = {
    ("ks", "2026-11-10"): [
        ("Budget 2027 och flerårsplan 2028–2029", "KS 2026/180"),
        ("Revidering av finanspolicyn", "KS 2026/214"),
        ("Taxor och avgifter 2027", "KS 2026/201"),
        ("Delegationsbeslut och meddelanden", None),
        ("Revidering av riktlinjen för synpunkter och klagomål", "KS 2026/236"),
        ("Förvärv av fastigheten Ekvik Norra 3:14", "KS 2026/257"),
    ],
    ("kf", "2026-11-26"): [
        ("Allmänhetens frågestund", None),
        ("Budget 2027 och flerårsplan 2028–2029", "KS 2026/180"),
        ("Revidering av finanspolicyn", "KS 2026/214"),
        ("Renhållningstaxa 2027", "KS 2026/201"),
        ("Val av ersättare i socialnämnden efter Per Åkesson (C)", "KS 2026/233"),
        ("Anmälan av motioner och medborgarförslag", None),
    ],
    ("kf", "2026-12-10"): [
        ("Allmänhetens frågestund", None),
        ("Val av ersättare i socialnämnden efter Anna Ek (L)", None),
        ("Svar på motion om solceller på kommunens tak", "KS 2026/98"),
    ],
    ("son", "2026-12-03"): [
        ("Internkontrollplan 2027 för socialnämnden", "SN 2026/301"),
        ("Ansökan om vård enligt LVU för pojke född 2012", "SN 2026/377"),
        ("Revidering av riktlinjen för ekonomiskt bistånd", "SN 2026/288"),
    ],
    ("ks", "2026-12-08"): [
        ("Internkontrollplan 2027 för kommunstyrelsen", "KS 2026/240"),
        ("Uppföljning av digitaliseringsstrategin", "KS 2026/198"),
        ("Rapport om attestkontroller 2026", "KS 2026/245"),
    ],
}


@pytest.fixture(scope="module")
def epok():
    gammal = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOK  # korpus.idag = 2026-11-22, like the example content
    yield
    if gammal is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = gammal


@pytest.fixture(scope="module")
def byggt(tmp_path_factory, epok):
    rot = kopiera_projekt(tmp_path_factory.mktemp("kommun"))
    resultat = bygg.bygg(rot)
    assert resultat.korpus.idag == IDAG
    return rot, resultat.korpus


@pytest.fixture(scope="module")
def korpus(byggt):
    return byggt[1]


def sidtext(rot: Path, variant: str, väg: str) -> str:
    return (rot / "site" / variant / väg / "index.html").read_text(encoding="utf-8")


def synlig_text(html: str) -> str:
    artikel = re.search(r"<article.*?</article>", html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", artikel.group(0) if artikel else html))


# --- content and pages ---------------------------------------------------------------


def test_exemplet_har_minst_tre_möten_av_två_organ(korpus):
    möten = korpus.data["sammantraden"].möten
    assert len(möten) >= 3 and len({m.organ for m in möten}) >= 2
    assert any(ä.sekretess for m in möten for ä in m.ärenden)
    assert any(
        u.typ == "styrdokument"
        for m in möten
        if m.organ == "kf"
        for ä in m.ärenden
        for u in ä.underlag
    )
    assert {(m.organ, m.datum.isoformat()) for m in möten} == set(ÄRENDEN)


def test_index_delar_upp_kommande_och_tidigare_per_organ(byggt):
    rot, _ = byggt
    text = synlig_text(sidtext(rot, "public", "sammantraden"))
    ks = text[text.index("Kommunstyrelsen Kommande") : text.index("Socialnämnden Kommande")]
    kommande, tidigare = ks.split("Tidigare sammanträden")
    assert "8 december 2026" in kommande and "10 november 2026" in tidigare
    assert text.index("Kommunfullmäktige Kommande") < text.index(
        "Kommunstyrelsen Kommande"
    )  # kommun.yml order
    for organ in ("kf", "ks", "son"):
        assert f"kalender/{organ}.ics" in sidtext(rot, "public", "sammantraden")


def test_mötessidan_har_föredragningslistan_i_ordning(byggt):
    rot, _ = byggt
    text = synlig_text(sidtext(rot, "intranet", "sammantraden/kf/2026-11-26"))
    punkter = [
        "1. Upprop",
        "2. Val av justerare och tid för justering",
        "3. Godkännande av dagordningen",
    ]
    punkter += [
        f"{nr}. {rubrik}" for nr, (rubrik, _) in enumerate(ÄRENDEN[("kf", "2026-11-26")], start=4)
    ]
    positioner = [text.index(p) for p in punkter]
    assert positioner == sorted(positioner)
    assert "ombeds anmäla detta till sekreteraren Erik Sandberg" in text
    assert "Sammanträdet är offentligt" in text  # fullmäktige only


def test_årshjulet_har_sida_och_länkas(byggt):
    rot, korpus = byggt
    text = synlig_text(sidtext(rot, "public", "arshjul-kalender"))
    assert "Kommunfullmäktige antar budget 2027" in text and "April 2026" in text
    assert "kalender/arshjul.ics" in sidtext(rot, "public", "sammantraden")
    assert len(korpus.data["sammantraden"].årshjul) == 17


# --- the public filter ---------------------------------------------------------------


def test_publikt_ärende_byggs_av_bara_numret():
    hemligt = Ärende(
        nummer=5,
        rubrik="Ansökan om vård enligt LVU",
        diarienummer="SN 2026/377",
        föredragande="Maja Holm",
        beskrivning="Tallbacken",
        förslag="ansöker",
        underlag=(Underlag("fil", "sammantraden/x.pdf", "x.pdf"),),
        sekretess=True,
    )
    publikt = publikt_ärende(hemligt)
    assert publikt == Ärende(nummer=5, rubrik=SEKRETESSRUBRIK, sekretess=True)
    for fält in dataclasses.fields(publikt):
        assert "LVU" not in repr(getattr(publikt, fält.name))


def test_intranätdokument_lämnas_utanför_publika_underlag(korpus):
    publik = korpus.publik_kopia()
    möte = next(m for m in publik.data["sammantraden"].möten if m.nyckel == "ks/2026-12-08")
    assert möte.ärenden[2].underlag == ()
    vägar = [lev.väg for lev in SLAG.leveranser(publik, "publik")]
    assert not any("anvisning-for-attest" in v for v in vägar)
    assert any("anvisning-for-attest" in lev.väg for lev in SLAG.leveranser(korpus, "intranät"))


@pytest.mark.parametrize("site", ["public", "intranet"])
def test_ingen_text_ur_sekretessärendet_på_webbplatsen_eller_intranätet(byggt, site, tmp_path):
    """An intranet for all staff is not the circle of ledamöter: neither site holds the case."""
    rot, _ = byggt
    mapp = rot / "site" / site
    assert (mapp / "pagefind" / "pagefind.js").is_file()
    träffar = [
        f"{fil.relative_to(mapp)}: {m}"
        for fil in sorted(mapp.rglob("*"))
        if fil.is_file() and fil.suffix not in BILDER_OCH_TYPSNITT
        for m in HEMLIGT_MÖNSTER.findall(filtext(fil))
    ]
    assert träffar == []
    sida = filtext(mapp / "sammantraden" / "son" / "2026-12-03" / "index.html")
    assert SEKRETESSRUBRIK in sida
    if site == "intranet":
        assert "Handlingarna skickas bara till ledamöterna" in sida
    # The test would notice a leak: the full kallelse (styrdok agenda) has every word.
    filer = modul.agenda(bygg.DELAR, rot, "son", "2026-12-03", tmp_path)
    fullständig = " ".join(filtext(f) for f in filer)
    assert all(ord_.lower() in fullständig.lower() for ord_ in HEMLIGT if ord_ != "utredning-lvu")
    assert "omfattas av sekretess" in filtext(filer[1])


def test_ingen_text_ur_sekretessärendet_i_publika_kallelsen(korpus, tmp_path):
    from styrdok.format.docx import render_docx
    from styrdok.format.pdf import render_pdf

    publik = korpus.publik_kopia()
    leveranser = [lev for lev in SLAG.leveranser(publik, "publik") if "son/2026-12-03" in lev.väg]
    for lev in leveranser:
        text = lev.vy.titel + repr(lev.vy.metadata) + lev.vy.brödtext
        assert not [o for o in HEMLIGT if o.lower() in text.lower()]
    kallelse = leveranser[0].vy
    render_docx(kallelse, tmp_path / "k.docx", PROJEKT / "templates")
    render_pdf(kallelse, tmp_path / "k.pdf", PROJEKT / "templates")
    for fil in (tmp_path / "k.docx", tmp_path / "k.pdf"):
        text = filtext(fil)
        assert SEKRETESSRUBRIK in text
        assert not [o for o in HEMLIGT if o.lower() in text.lower()]


def filtext(fil: Path) -> str:
    """Readable text of a site file: PDFs via pdftotext, Word and zip files member by member."""
    if fil.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", str(fil), "-"], capture_output=True, text=True, check=True
        ).stdout
    if fil.suffix in (".docx", ".zip"):
        with zipfile.ZipFile(fil) as z:
            delar = []
            for namn in z.namelist():
                data = z.read(namn)
                delar.append(namn)
                if namn.endswith((".pdf", ".docx")):
                    with tempfile.TemporaryDirectory() as mapp:
                        tmp = Path(mapp) / Path(namn).name
                        tmp.write_bytes(data)
                        delar.append(filtext(tmp))
                else:
                    delar.append(re.sub(r"<[^>]+>", "", data.decode("utf-8", "replace")))
            return "\n".join(delar)
    return fil.read_bytes().decode("utf-8", "replace")


# --- Word and PDF kallelse -------------------------------------------------------------


def test_libreoffice_öppnar_varje_kallelse_med_ärendena_i_ordning(korpus, tmp_path):
    from styrdok.format.docx import render_docx

    filer = {}
    for möte in korpus.data["sammantraden"].möten:
        fil = tmp_path / f"{möte.organ}-{möte.datum.isoformat()}.docx"
        render_docx(kallelsevy(korpus, möte), fil, PROJEKT / "templates")
        filer[(möte.organ, möte.datum.isoformat())] = fil
    ut = tmp_path / "txt"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-{uuid.uuid4().hex}",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(ut),
            *map(str, filer.values()),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for nyckel, fil in filer.items():
        text = (ut / fil.with_suffix(".txt").name).read_text(encoding="utf-8-sig")
        assert_ärenden_i_ordning(text, ÄRENDEN[nyckel])


def assert_ärenden_i_ordning(text: str, ärenden: list[tuple[str, str | None]]) -> None:
    rader = [" ".join(r.split()) for r in text.splitlines()]
    pos = rader.index("3. Godkännande av dagordningen")
    for nr, (rubrik, diarienummer) in enumerate(ärenden, start=4):
        pos = rader.index(f"{nr}. {rubrik}", pos + 1)
        if diarienummer:
            nästa = next(
                (i for i in range(pos + 1, len(rader)) if re.match(rf"{nr + 1}\. ", rader[i])),
                len(rader),
            )
            assert f"Diarienummer: {diarienummer}" in rader[pos + 1 : nästa], (rubrik, diarienummer)


def test_pdf_kallelsen_har_ärendena_i_ordning(korpus, tmp_path):
    from styrdok.format.pdf import render_pdf

    möte = next(m for m in korpus.data["sammantraden"].möten if m.nyckel == "kf/2026-11-26")
    render_pdf(kallelsevy(korpus, möte), tmp_path / "k.pdf", PROJEKT / "templates")
    text = filtext(tmp_path / "k.pdf")
    positioner = [
        text.index(f"{nr}. {r[:25]}")
        for nr, (r, _) in enumerate(ÄRENDEN[("kf", "2026-11-26")], start=4)
    ]
    assert positioner == sorted(positioner)


def test_leveranser_kallelse_och_styrdokument_i_en_samling(korpus):
    leveranser = {lev.väg: lev for lev in SLAG.leveranser(korpus, "intranät")}
    kallelse = leveranser["filer/sammantraden/kf/2026-11-26/kallelse"]
    policy = leveranser["filer/sammantraden/kf/2026-11-26/6-finanspolicy"]
    assert kallelse.samling == policy.samling == "filer/sammantraden/kf/2026-11-26.zip"
    assert policy.vy.id == "styrdokument/ekonomi/finanspolicy"
    assert ("Organ", "Kommunfullmäktige") in kallelse.vy.metadata
    assert "6-finanspolicy.pdf" in kallelse.vy.brödtext
    assert SLAG.samlingsfiler(korpus, "intranät")["filer/sammantraden/kf/2026-11-26.zip"] == [
        "filer/sammantraden/kf/2026-11-26/6-tjansteskrivelse-revidering-av-finanspolicyn.pdf"
    ]


def test_agenda_skriver_word_och_pdf(byggt, tmp_path):
    rot, _ = byggt
    filer = modul.agenda(bygg.DELAR, rot, "son", "2026-12-03", tmp_path)
    assert [f.suffix for f in filer] == [".docx", ".pdf"] and all(
        f.stat().st_size > 0 for f in filer
    )
    assert "Tallbacken" in filtext(filer[1])  # the internal version


def test_agenda_offentlig_skriver_den_publika_versionen(byggt, tmp_path):
    rot, _ = byggt
    filer = modul.agenda(bygg.DELAR, rot, "son", "2026-12-03", tmp_path, offentlig=True)
    assert [f.name for f in filer] == [
        "son-2026-12-03-kallelse-offentlig.docx",
        "son-2026-12-03-kallelse-offentlig.pdf",
    ]
    for fil in filer:
        text = filtext(fil)
        assert SEKRETESSRUBRIK in text and "Offentlig version" in text
        assert not HEMLIGT_MÖNSTER.search(text), HEMLIGT_MÖNSTER.search(text)
    # the very document the website publishes
    publik = (
        rot / "site" / "public" / "filer" / "sammantraden" / "son" / "2026-12-03" / "kallelse.pdf"
    )
    assert filtext(publik) == filtext(filer[1])


def test_underlag_med_titel_visas_med_titeln(korpus):
    möte = next(m for m in korpus.data["sammantraden"].möten if m.nyckel == "ks/2026-11-10")
    underlag = möte.ärenden[1].underlag
    assert [(u.typ, u.titel) for u in underlag] == [
        ("fil", "Tjänsteskrivelse om revidering av finanspolicyn"),
        ("styrdokument", "Finanspolicy för Ekviks kommunkoncern"),
    ]
    assert underlag[0].filnamn == "tjansteskrivelse-revidering-av-finanspolicyn.pdf"
    text = kallelsevy(korpus, möte).brödtext
    assert (
        "- Tjänsteskrivelse om revidering av finanspolicyn (bifogas som "
        "5-tjansteskrivelse-revidering-av-finanspolicyn.pdf)" in text
    )
    assert "## Ärendelista" in text and text.index("## Ärendelista") < text.index(
        "## Föredragningslista"
    )


@pytest.mark.parametrize(
    "organ, datum, väntat",
    [
        ("ks", "2026-11-11", "Kommunstyrelsen har inget sammanträde 2026-11-11"),
        ("kss", "2026-11-10", "okänt organ kss; menade du ks?"),
        ("ks", "10 november", "10 november är inget datum"),
    ],
)
def test_agenda_säger_på_svenska_vad_som_är_fel(byggt, organ, datum, väntat):
    rot, _ = byggt
    with pytest.raises(StyrdokFel, match=re.escape(väntat)):
        modul.agenda(bygg.DELAR, rot, organ, datum)


# --- calendars ---------------------------------------------------------------------------


def kalender(rot: Path, variant: str, namn: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((rot / "site" / variant / "kalender" / namn).read_bytes())


def test_organens_kalendrar_har_rätt_händelser(byggt):
    rot, _ = byggt
    ks = kalender(rot, "public", "ks.ics")
    händelser = sorted(ks.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert len(händelser) == 2
    första = händelser[0]
    start = första.decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == (
        "2026-11-10T13:00:00+01:00",
        "Europe/Stockholm",
    )
    assert första.decoded("dtend").hour == 16 and första.decoded("dtend").minute == 30
    assert str(första["summary"]) == "Kommunstyrelsen, sammanträde"
    assert str(första["location"]) == "Sessionssalen, kommunhuset"
    assert str(första["uid"]) == "ks-2026-11-10@www.ekvik.example"
    assert första.decoded("dtstamp") == dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    assert len(list(kalender(rot, "public", "kf.ics").walk("VEVENT"))) == 2  # 26 nov, 10 dec
    son = kalender(rot, "public", "son.ics").walk("VEVENT")[0]
    assert SEKRETESSRUBRIK in str(son["description"]) and "LVU" not in str(son["description"])
    intern = str(kalender(rot, "intranet", "son.ics").walk("VEVENT")[0]["description"])
    assert SEKRETESSRUBRIK in intern and "LVU" not in intern  # the intranet is not the ledamöter


def test_årshjulets_kalender(byggt):
    rot, korpus = byggt
    händelser = list(kalender(rot, "public", "arshjul.ics").walk("VEVENT"))
    assert len(händelser) == len(korpus.data["sammantraden"].årshjul) == 17
    assert len({str(h["uid"]) for h in händelser}) == 17
    budget = next(h for h in händelser if "antar budget 2027" in str(h["summary"]))
    assert budget.decoded("dtstart") == dt.date(2026, 11, 26) and budget.decoded(
        "dtend"
    ) == dt.date(2026, 11, 27)
    flerdagars = next(h for h in händelser if str(h["summary"]).startswith("Riskanalyser"))
    assert flerdagars.decoded("dtend") == dt.date(
        2026, 10, 10
    )  # exclusive end: the day after 9 October


def test_kalendrarna_är_reproducerbara(korpus):
    publik = korpus.publik_kopia()
    assert SLAG.filer(publik, "publik") == SLAG.filer(korpus.publik_kopia(), "publik")


# --- bad input -----------------------------------------------------------------------------


def fallkommun(mål: Path, fall: Path) -> Path:
    """The example kommun without its meetings, plus the fixture's files over content/."""
    shutil.copytree(
        PROJEKT / "content", mål / "content", ignore=shutil.ignore_patterns("sammantraden")
    )
    (mål / "utanfor.txt").write_text("ligger bredvid content/\n", encoding="utf-8")
    for fil in fall.rglob("*"):
        if fil.is_file() and fil.name != "fel.txt":
            ut = mål / "content" / fil.relative_to(fall)
            ut.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(fil, ut)
    return mål


@pytest.mark.parametrize("fall", sorted(p.name for p in FALL.iterdir() if p.is_dir()))
def test_fel_i_källan_ger_ett_svenskt_fel_på_rätt_rad(fall, tmp_path, epok):
    rot = fallkommun(tmp_path, FALL / fall)
    fel = [str(d) for d in bygg.kontrollera(rot).diagnoser if d.nivå == "fel"]
    assert fel == [(FALL / fall / "fel.txt").read_text(encoding="utf-8").strip()]


def test_symlänk_ut_ur_content_är_ett_fel(tmp_path, epok):
    rot = fallkommun(tmp_path, FALL / "underlag-utanfor-content")
    möte = rot / "content" / "sammantraden" / "ks" / "2026-11-10.md"
    (möte.parent / "2026-11-10").mkdir()
    (möte.parent / "2026-11-10" / "lank.pdf").symlink_to(rot / "utanfor.txt")
    möte.write_text(
        möte.read_text(encoding="utf-8").replace("../../../utanfor.txt", "2026-11-10/lank.pdf"),
        encoding="utf-8",
    )
    fel = [d for d in bygg.kontrollera(rot).diagnoser if d.nivå == "fel"]
    assert len(fel) == 1 and (fel[0].rad, fel[0].kolumn) == (6, 22)
    assert "ligger utanför content/" in fel[0].meddelande


def test_rå_html_i_ärendebeskrivning_är_ett_fel(tmp_path, epok):
    rot = fallkommun(tmp_path, FALL / "arende-utan-rubrik")
    möte = rot / "content" / "sammantraden" / "ks" / "2026-11-10.md"
    möte.write_text(
        '---\ntid: "13:00"\nplats: Salen\närenden:\n  - rubrik: Budget\n'
        "    beskrivning: Se <iframe src=x></iframe>\n---\n",
        encoding="utf-8",
    )
    rapport = Rapport()
    bygg.ladda_och_validera(rot, rapport)
    fel = [d for d in rapport.diagnoser if d.nivå == "fel"]
    assert len(fel) == 1 and fel[0].rad == 6 and "<iframe>" in fel[0].meddelande
