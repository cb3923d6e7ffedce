"""Leaks, proven on built sites: a copy of the example with more intranet-only content (a free
page, a kvalitetsgaranti, a bilaga of an intranet document), a draft that has a KFS number,
a bilaga and claims to replace the finanspolicy, and a second sekretess ärende with its own
underlag, is built once with every document. Then every file of each site is read as its
reader would get it (text, HTML with its attributes, JSON strings, PDF text and metadata,
Word XML, zip members and their names, gzip, and the file's own path) and searched."""

from __future__ import annotations

import fcntl
import gzip
import html
import io
import json
import os
import re
import shutil
import unicodedata
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from styrdok import bygg  # at collection: Rapport.skriv binds sys.stderr on first import
from styrdok.webb import sok

PROJEKT = Path(__file__).resolve().parents[2]
ANVISNING = "styrdokument/ekonomi/anvisning-for-attest-av-leverantorsfakturor.md"
UTKAST = "styrdokument/utveckling/riktlinje-for-ai-i-handlaggningen.md"
SEKRETESSRUBRIK = "Ärende enligt offentlighets- och sekretesslagen"

_TAGG = re.compile(r"<[^>]*>")


def normal(text: str) -> str:
    """What a phrase is compared as, as a reader sees it: NFC, no invisible format characters
    (soft hyphen, zero-width and invisible separators), one space, lower case."""
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = "".join(t for t in text if unicodedata.category(t) != "Cf")
    return " ".join(text.split()).lower()


def text_ur(namn: str, data: bytes) -> str:
    """Everything a reader of the file can get at, as one string (the name included)."""
    ändelse = Path(namn).suffix.lower()
    delar = [namn]
    if ändelse == ".pdf":
        dokument = pdfium.PdfDocument(data)
        try:
            delar += [sida.get_textpage().get_text_range() for sida in dokument]
            delar += [str(v) for v in dokument.get_metadata_dict().values()]
        finally:
            dokument.close()
    elif ändelse in (".docx", ".zip", ".xlsx", ".odt"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                medlem = z.read(info)
                delar.append(text_ur(info.filename, medlem))
                if info.filename.endswith(".xml"):  # Word splits words into runs
                    delar.append(html.unescape(_TAGG.sub("", medlem.decode("utf-8", "replace"))))
    elif ändelse == ".gz":
        delar.append(text_ur(namn.removesuffix(".gz"), gzip.decompress(data)))
    elif ändelse not in (".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".ttf"):
        rå = data.decode("utf-8", "replace")
        delar.append(rå)
        if ändelse in (".html", ".htm", ".xml", ".svg"):  # as shown, and as in attributes
            delar += [html.unescape(t) for t in (rå, _TAGG.sub("", rå), _TAGG.sub(" ", rå))]
        if ändelse == ".ics":
            utvikt = re.sub(r"\\[nN]", " ", rå.replace("\r\n ", ""))
            delar.append(re.sub(r"\\([\\;,])", r"\1", utvikt))  # RFC 5545 text
        if ändelse == ".json":
            try:
                delar += list(_strängar(json.loads(rå)))
            except ValueError:
                pass
    return normal("\n".join(delar))


def _strängar(värde):
    if isinstance(värde, dict):
        for v in värde.values():
            yield from _strängar(v)
    elif isinstance(värde, list):
        for v in värde:
            yield from _strängar(v)
    elif isinstance(värde, str):
        yield värde


def läs_webbplats(mapp: Path) -> dict[str, str]:
    """Every file under ``mapp`` (its path relative to ``mapp``) → :func:`text_ur`."""
    return {
        f.relative_to(mapp).as_posix(): text_ur(f.relative_to(mapp).as_posix(), f.read_bytes())
        for f in sorted(mapp.rglob("*"))
        if f.is_file()
    }


def fynd(texter: dict[str, str], nål: str, utom=lambda _namn: False) -> list[str]:
    n = normal(nål)
    return [namn for namn, text in texter.items() if n in text and not utom(namn)]


# --- the project ----------------------------------------------------------------------


def _sätt_in(fil: Path, rader: str) -> None:
    text = fil.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    fil.write_text("---\n" + rader + "\n" + text[4:], encoding="utf-8")


def _byt_rad(text: str, början: str, ny: str) -> str:
    rader = text.split("\n")
    i = next(i for i, r in enumerate(rader) if r.startswith(början))
    return "\n".join(rader[:i] + [ny] + rader[i + 1 :])


def bygg_projekt(rot: Path) -> None:
    c = rot / "content"
    (c / "sidor" / "intern-larmkedja.md").write_text(
        "---\ntitel: Larmkedjan vid driftstörning i Ekvik\npublicering: intranät\n---\n\n"
        "Vid driftstörning ringer jouren först till larmcentralen och sedan till "
        "säkerhetschefen Gunnar Stålnacke.\n",
        encoding="utf-8",
    )
    garanti = (c / "kvalitetsgarantier" / "bibliotek-service.md").read_text(encoding="utf-8")
    garanti = _byt_rad(
        garanti, "titel:", "titel: Intern garanti för lånekort i personalbiblioteket"
    )
    garanti = _byt_rad(
        garanti,
        "sammanfattning:",
        "sammanfattning: Personalen får lånekort samma dag som anställningen i Ekvik börjar.",
    )
    (c / "kvalitetsgarantier" / "intern-lanegaranti.md").write_text(garanti, encoding="utf-8")
    _sätt_in(c / "kvalitetsgarantier" / "intern-lanegaranti.md", "publicering: intranät")
    (c / "styrdokument/ekonomi/bilagor").mkdir(parents=True, exist_ok=True)
    (c / "styrdokument/ekonomi/bilagor/intern-attestblankett.txt").write_text(
        "Attestlista för personalkontot Zebrafinken.\n", encoding="utf-8"
    )
    _sätt_in(c / ANVISNING, "bilagor: [bilagor/intern-attestblankett.txt]")
    (c / "styrdokument/utveckling/ai-checklista.txt").write_text(
        "Checklista Pelikanen för AI-tjänster.\n", encoding="utf-8"
    )
    _sätt_in(
        c / UTKAST,
        'kfs: "2026:9"\nkategori: interna\nersätter: styrdokument/ekonomi/finanspolicy\n'
        "bilagor: [ai-checklista.txt]",
    )
    (c / "sammantraden/kf/2026-12-17").mkdir(parents=True)
    (c / "sammantraden/kf/2026-12-17/skyddat-boende-utredning.txt").write_text(
        "Utredning Kungsfiskaren om skyddat boende.\n", encoding="utf-8"
    )
    (c / "sammantraden/kf/2026-12-17.md").write_text(
        '---\ntid: "18:00"\nplats: Folkets hus\närenden:\n'
        "  - rubrik: Öppet ärende om bibliotekets öppettider\n"
        "  - rubrik: Ansökan om skyddat boende för kvinna född 1990\n"
        "    diarienummer: KS 2026/999\n"
        "    föredragande: Kurator Tova Lindgren\n"
        "    sekretess: ja\n"
        "    beskrivning: Kvinnan i Norrbyn behöver skyddat boende omedelbart enligt utredningen.\n"
        "    förslag_till_beslut: Kommunfullmäktige beviljar skyddat boende i Norrbyn från december.\n"
        "    beslutsunderlag: 2026-12-17/skyddat-boende-utredning.txt\n---\n",
        encoding="utf-8",
    )


@contextmanager
def _låst(fil: Path):
    with open(fil, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def delat_bygge(tmp_path_factory, namn: str, förbered) -> Path:
    """A copy of the example, changed by ``förbered`` and built with every document, once per
    test run: xdist's workers share it (they would each build a module fixture otherwise)."""

    bas = tmp_path_factory.getbasetemp()
    gemensam = bas.parent if os.environ.get("PYTEST_XDIST_WORKER") else bas
    rot = gemensam / f"angrepp-{namn}"
    with _låst(gemensam / f"angrepp-{namn}.lås"):
        if not (rot / "klart").exists():
            shutil.rmtree(rot, ignore_errors=True)
            shutil.copytree(PROJEKT / "content", rot / "content")
            förbered(rot)
            bygg.bygg(rot)
            (rot / "klart").touch()
    return rot


@pytest.fixture(scope="module")
def byggt(tmp_path_factory) -> Path:
    return delat_bygge(tmp_path_factory, "lacka", bygg_projekt)


@pytest.fixture(scope="module")
def publik(byggt) -> dict[str, str]:
    return läs_webbplats(byggt / "site" / "public")


@pytest.fixture(scope="module")
def intranät(byggt) -> dict[str, str]:
    return läs_webbplats(byggt / "site" / "intranet")


# --- what the public site must never hold ----------------------------------------------

HEMLIGT = {
    "lvu-rubrik": "Ansökan om vård enligt LVU för pojke född 2012",
    "lvu-diarienummer": "SN 2026/377",
    "lvu-föredragande": "Maja Holm",
    "lvu-plats-i-texten": "pojken i Tallbacken",
    "lvu-underlagets-namn": "utredning-lvu-tallbacken",
    "skyddat-boende-rubrik": "skyddat boende för kvinna född 1990",
    "skyddat-boende-diarienummer": "KS 2026/999",
    "skyddat-boende-föredragande": "Tova Lindgren",
    "skyddat-boende-text": "Kvinnan i Norrbyn",
    "skyddat-boende-förslag": "beviljar skyddat boende",
    "skyddat-boende-underlag": "skyddat-boende-utredning",
    "skyddat-boende-underlagets-text": "Kungsfiskaren",
}
UTKASTETS_INRE = {
    "utkastets-mening": "matas aldrig in i tjänster utanför kommunen",
    "utkastets-bilaga": "ai-checklista",
    "utkastets-bilagetext": "Pelikanen",
    "utkastets-kfs-nummer": "EKFS 2026:9",
    "utkastets-kfs-sida": "forfattningssamling/2026-9",
}
INTERNT = {
    "intranätsidans-titel": "Larmkedjan vid driftstörning i Ekvik",
    "intranätsidans-text": "Gunnar Stålnacke",
    "intranätsidans-sökväg": "intern-larmkedja",
    "intranätgarantins-titel": "Intern garanti för lånekort i personalbiblioteket",
    "intranätgarantins-sammanfattning": "samma dag som anställningen i Ekvik börjar",
    "intranätgarantins-sökväg": "intern-lanegaranti",
    "anvisningens-titel": "Anvisning för attest av leverantörsfakturor",
    "anvisningens-sökväg": "anvisning-for-attest-av-leverantorsfakturor",
    "anvisningens-bilaga": "intern-attestblankett",
    "anvisningens-bilagetext": "Zebrafinken",
    "typens-intranätdokument": "Handlingsplan för minskad sjukfrånvaro",
    "tertialrapportens-titel": "Tertialrapport januari–april 2026",
    "tertialrapportens-sökväg": "2026-tertialrapport",
    "utkastets-titel": "Riktlinje för AI i handläggningen",
    "utkastets-sökväg": "riktlinje-for-ai-i-handlaggningen",
}


@pytest.mark.parametrize("nål", list({**HEMLIGT, **UTKASTETS_INRE, **INTERNT}))
def test_den_publika_webbplatsen_har_inget_av_det(publik, nål):
    text = {**HEMLIGT, **UTKASTETS_INRE, **INTERNT}[nål]
    assert fynd(publik, text) == []


@pytest.mark.parametrize("nål", list({**HEMLIGT, **UTKASTETS_INRE}))
def test_intranätet_har_inget_sekretessärende_och_inget_ur_utkastet(intranät, nål):
    text = {**HEMLIGT, **UTKASTETS_INRE}[nål]
    assert fynd(intranät, text) == []


def test_utkastet_står_på_intranätet_bara_med_titel_i_ledning_och_styrning(byggt, intranät):
    ledning = "ledning-och-styrning/index.html"
    for text in (INTERNT["utkastets-titel"], INTERNT["utkastets-sökväg"]):
        assert fynd(intranät, text, utom=lambda n: n == ledning or n.startswith("pagefind/")) == []
        assert fynd(intranät, text) != []  # listed, on that page
    for post in sok.läs_index(byggt / "site/intranet"):
        if normal(INTERNT["utkastets-titel"]) in normal(
            post["meta"]["title"] + " " + post["content"]
        ):
            assert post["url"].startswith("/ledning-och-styrning/"), post["url"]


def test_utkastet_ersätter_inte_finanspolicyn_på_någon_webbplats(byggt):
    for site in ("public", "intranet"):
        sida = (byggt / "site" / site / "styrdokument/ekonomi/finanspolicy/index.html").read_text()
        assert "ersattes" not in sida and "Ersatt" not in sida, site


def test_sekretessärendena_står_bara_som_nummer_och_fast_text(byggt):
    for site in ("public", "intranet"):
        for möte, nummer in (("son/2026-12-03", 5), ("kf/2026-12-17", 5)):
            sida = (byggt / "site" / site / "sammantraden" / möte / "index.html").read_text()
            text = normal(_TAGG.sub(" ", sida))
            assert normal(f"{nummer}. {SEKRETESSRUBRIK}") in text, (site, möte)


def test_intranätet_har_sitt_eget_innehåll(intranät):
    """The control: what the public site lacks was built, for the intranet."""
    for nyckel in ("intranätsidans-titel", "intranätgarantins-titel", "anvisningens-titel"):
        assert fynd(intranät, INTERNT[nyckel]), nyckel
    assert fynd(intranät, "Öppet ärende om bibliotekets öppettider")


def test_alla_slags_filer_lästes(publik):
    """The searches above covered documents, zips and calendars, not only pages."""
    ändelser = [Path(n).suffix for n in publik]
    for ändelse, minst in ((".pdf", 40), (".docx", 40), (".zip", 3), (".ics", 3), (".html", 50)):
        assert ändelser.count(ändelse) >= minst, (ändelse, ändelser.count(ändelse))


# --- disguises that pass the source check: do they reach the website? ------------------

RUBRIK = HEMLIGT["lvu-rubrik"]
DNR = HEMLIGT["lvu-diarienummer"]
FÖRKLÄDDA = {
    "nfd-rubrik": (unicodedata.normalize("NFD", f"Vi följer {RUBRIK}."), RUBRIK),
    "osynlig-separator": ("Ärendet SN 2026/\u2063377 tas upp.", DNR),
    "länktitel": (f'Se [kartan](https://www.ekvik.example/ "{DNR}").', DNR),
    "bildtitel": (f'![Karta](../../bilder/ekvik-logotyp.svg "{RUBRIK}")', RUBRIK),
}


@pytest.mark.parametrize("fall", list(FÖRKLÄDDA))
def test_förklädd_hemlighet_i_offentlig_text_når_inte_webbplatsen(tmp_path, fall):
    from styrdok.grund.diagnostik import StyrdokFel

    text, nål = FÖRKLÄDDA[fall]
    shutil.copytree(PROJEKT / "content", tmp_path / "content")
    dok = tmp_path / "content" / "styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand.md"
    dok.write_text(dok.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", "utf-8")
    try:
        bygg.bygg(tmp_path, bara_webbplatser=True)
    except StyrdokFel:
        return  # stopped by the check or the gate: nothing was published
    assert fynd(läs_webbplats(tmp_path / "site" / "public"), nål) == []
