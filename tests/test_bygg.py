"""The build end to end: CLI exit codes and messages, atomic publishing, plain mkdocs."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FALL, kopiera_projekt

from styrdok import bygg as byggmodul
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna import webbplatsbygge
from styrdok.karna.webbplatsminne import Webbplatsminne
from styrdok.webb import sok


def styrdok(rot: Path, *argument: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "styrdok", "-C", str(rot), *argument],
        capture_output=True,
        text=True,
        timeout=300,
    )


def kontrollsumma(mapp: Path) -> dict[str, str]:
    return {
        p.relative_to(mapp).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(mapp.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def byggt(tmp_path_factory) -> Path:
    rot = kopiera_projekt(tmp_path_factory.mktemp("bygg"))
    resultat = styrdok(rot, "build", "--bara-webbplatser")
    assert resultat.returncode == 0, resultat.stderr
    return rot


def test_check_på_exemplet_ger_inga_fel(byggt: Path):
    resultat = styrdok(byggt, "check")
    assert resultat.returncode == 0, resultat.stderr
    assert " 0 fel" in resultat.stderr
    assert "Traceback" not in resultat.stderr


def test_check_avslutar_med_1_och_skriver_sökväg_rad_kolumn(skrapkommun: Path):
    (skrapkommun / "content" / "styrdokument" / "x.md").write_bytes(
        (FALL / "styrdokument" / "okand-nyckel.md").read_bytes()
    )
    resultat = styrdok(skrapkommun, "check")
    assert resultat.returncode == 1
    assert (
        "content/styrdokument/x.md:8:1: fel: okänd nyckel galler_for; menade du gäller_för?"
        in resultat.stderr
    )
    assert "Traceback" not in resultat.stderr


def test_strict_gör_varningar_till_fel_men_inte_påminnelser(byggt: Path, tmp_path: Path):
    """The example has passed review dates: reminders, which never fail --strict; a gap in
    the KFS numbering is a warning, which does."""
    assert styrdok(byggt, "check", "--strict").returncode == 0
    rot = tmp_path / "kopia"
    shutil.copytree(byggt / "content", rot / "content")
    fil = rot / "content" / "styrdokument" / "taxor" / "taxa-for-offentlig-kontroll-av-livsmedel.md"
    fil.write_text(fil.read_text(encoding="utf-8").replace('kfs: "2026:1"', 'kfs: "2026:2"'))
    resultat = styrdok(rot, "check", "--strict")
    assert resultat.returncode == 1 and "luckor i numreringen för 2026" in resultat.stderr
    assert styrdok(rot, "check").returncode == 0


def test_bygget_ger_båda_webbplatserna(byggt: Path):
    for variant in ("public", "intranet"):
        assert (byggt / "site" / variant / "index.html").is_file()
        assert (byggt / "site" / variant / "pagefind" / "pagefind.js").is_file()
    assert (byggt / "site" / "intranet" / "ledning-och-styrning" / "index.html").is_file()
    assert not (byggt / "site" / "public" / "ledning-och-styrning").exists()


def test_felaktig_källa_lämnar_site_orörd(byggt: Path):
    före = kontrollsumma(byggt / "site")
    trasig = byggt / "content" / "styrdokument" / "trasig.md"
    trasig.write_bytes((FALL / "styrdokument" / "trasig-yaml.md").read_bytes())
    try:
        resultat = styrdok(byggt, "build")
    finally:
        trasig.unlink()
    assert resultat.returncode == 1
    assert "content/styrdokument/trasig.md:7:19: fel:" in resultat.stderr
    assert "site/ är orörd" in resultat.stderr
    assert kontrollsumma(byggt / "site") == före


@pytest.mark.parametrize("variant", ["intranät", "publik"])
def test_fel_mitt_i_bygget_lämnar_site_orörd(byggt: Path, monkeypatch, variant: str):
    """Either site failing stops the build; the public one too, whose pages and search
    index the intranet's process waits for (karna/webbplatsbygge.BAS): it does not wait on."""
    före = kontrollsumma(byggt / "site")
    original = webbplatsbygge.bygg_webbplats

    def fallerar(webbplats, site_dir, rot, strikt, *resten):
        if webbplats.variant == variant:
            raise StyrdokFel("injicerat fel mitt i bygget")
        original(webbplats, site_dir, rot, strikt, *resten)

    monkeypatch.setattr(webbplatsbygge, "bygg_webbplats", fallerar)
    monkeypatch.setattr(Webbplatsminne, "oförändrad", lambda self: False)  # built again
    start = time.perf_counter()
    with pytest.raises(StyrdokFel, match="injicerat fel"):
        byggmodul.bygg(byggt, bara_webbplatser=True)
    assert time.perf_counter() - start < 60
    assert kontrollsumma(byggt / "site") == före
    assert not (byggt / ".site-ny").exists()


def test_en_motor_som_inte_bygger_något_publicerar_inget(byggt: Path, monkeypatch):
    """An engine that writes its site elsewhere (or nowhere) must not swap an empty folder in."""
    före = kontrollsumma(byggt / "site")
    monkeypatch.setattr(webbplatsbygge, "bygg_webbplats", lambda *_a, **_k: None)
    monkeypatch.setattr(Webbplatsminne, "oförändrad", lambda self: False)  # built again
    with pytest.raises(StyrdokFel, match=r"byggdes inte: public/index.html saknas"):
        byggmodul.bygg(byggt, bara_webbplatser=True)
    assert kontrollsumma(byggt / "site") == före
    assert not (byggt / ".site-ny").exists()


def test_relativ_projektmapp_bygger_där_den_publicerar(byggt: Path, tmp_path: Path, monkeypatch):
    """Called with a relative root, the site engine (which reads relative paths against its
    config file's folder, build/ for a project with only content/) still builds into the
    folder that is published."""
    rot = tmp_path / "bara-content"
    shutil.copytree(byggt / "content", rot / "content")
    monkeypatch.chdir(rot)
    byggmodul.bygg(Path("."), bara_webbplatser=True)
    for variant in ("public", "intranet"):
        assert (rot / "site" / variant / "index.html").is_file()
    # os.walk, not glob: the old site's removal (build/.skräp/, a process of its own) may
    # still be at work, and a folder that goes while glob lists it is an error to glob
    kvar = [mapp for mapp, undermappar, _ in os.walk(rot / "build") if ".site-ny" in undermappar]
    assert not kvar


AVBRYTBART = """
import sys, time, pathlib
from styrdok.karna import webbplatsbygge, webbplatsminne
webbplatsminne.Webbplatsminne.oförändrad = lambda self: False  # built again
original = webbplatsbygge.bygg_webbplats
def långsam(webbplats, site_dir, rot, strikt, *resten):
    original(webbplats, site_dir, rot, strikt, *resten)
    pathlib.Path(sys.argv[2]).write_text("halvvägs")
    time.sleep(60)
webbplatsbygge.bygg_webbplats = långsam
from styrdok.cli import main
sys.exit(main(["-C", sys.argv[1], "build", "--bara-webbplatser"]))
"""


def test_sigterm_mitt_i_bygget_lämnar_site_orörd(byggt: Path, tmp_path: Path):
    före = kontrollsumma(byggt / "site")
    markör = tmp_path / "markör"
    process = subprocess.Popen(
        [sys.executable, "-c", AVBRYTBART, str(byggt), str(markör)],
        stderr=subprocess.PIPE,
        text=True,
    )
    gräns = time.monotonic() + 120
    while not markör.exists() and time.monotonic() < gräns and process.poll() is None:
        time.sleep(0.1)
    assert markör.exists(), (
        process.stderr.read() if process.poll() is not None else "bygget nådde aldrig halvvägs"
    )
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # SIGTERM lost: stopped here, not left for the next test
        process.kill()
        _, stderr = process.communicate()
        shutil.rmtree(byggt / ".site-ny", ignore_errors=True)
        pytest.fail(f"bygget stannade inte på SIGTERM:\n{stderr}")
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert kontrollsumma(byggt / "site") == före
    assert not (byggt / ".site-ny").exists()


def test_avbrott_mellan_namnbytena_repareras_av_nästa_bygge(byggt: Path):
    före = kontrollsumma(byggt / "site")
    os.replace(byggt / "site", byggt / ".site-gammal")  # as if killed between the two renames
    (byggt / ".site-ny").mkdir()
    from styrdok.karna.publicering import återställ

    återställ(byggt)
    assert kontrollsumma(byggt / "site") == före
    assert not (byggt / ".site-gammal").exists() and not (byggt / ".site-ny").exists()


def test_vanlig_mkdocs_build_strict_fungerar(byggt: Path, tmp_path: Path):
    ut = tmp_path / "mkdocs-site"
    resultat = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(ut)],
        cwd=byggt,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert (ut / "forfattningssamling" / "index.html").is_file()
    assert (ut / "pagefind" / "pagefind.js").is_file()  # searchable as after styrdok build


def test_new_skriver_platshållare_som_inte_kan_publiceras(skrapkommun: Path):
    resultat = styrdok(skrapkommun, "new", "policy", "ekonomi/finanspolicy")
    assert resultat.returncode == 0, resultat.stderr
    fil = skrapkommun / "content" / "styrdokument" / "ekonomi" / "finanspolicy.md"
    text = fil.read_text(encoding="utf-8")
    for nyckel in (
        "titel:",
        "dokumenttyp: policy",
        "beslutsinstans:",
        "beslutsdatum:",
        "paragraf:",
        "dokumentansvarig:",
    ):
        assert nyckel in text
    kontroll = styrdok(skrapkommun, "check")
    assert kontroll.returncode == 1
    fel = [r for r in kontroll.stderr.splitlines() if ": fel: " in r]
    platshållare = [i + 1 for i, rad in enumerate(text.split("\n")) if "FYLL I" in rad]
    assert [int(f.split(":")[1]) for f in fel] == platshållare
    assert all("platshållaren är inte ifylld" in f for f in fel)
    ifylld = (
        text.replace('"FYLL I: dokumentets namn, t.ex. Policy för …"', "Finanspolicy")
        .replace('"FYLL I: dagen för beslutet, ÅÅÅÅ-MM-DD"', "2026-01-15")
        .replace('"FYLL I: paragrafen (§) i protokollet"', "4")
        .replace('"FYLL I: ärendets diarienummer, t.ex. KS 2026/123"', "KS 2025/88")
        .replace(
            '"FYLL I: rollen som håller dokumentet aktuellt, t.ex. Ekonomichef"', "Ekonomichef"
        )
        .replace('"FYLL I: en eller två meningar om vad dokumentet reglerar"', "Om pengar.")
        .replace("FYLL I: beskriv varför dokumentet finns.", "Kommunens pengar ska förvaltas väl.")
    )
    fil.write_text(ifylld, encoding="utf-8")
    kontroll = styrdok(skrapkommun, "check", "--strict")
    assert kontroll.returncode == 0, kontroll.stderr
    assert (
        styrdok(skrapkommun, "new", "polisy", "annan")
        .stderr.strip()
        .endswith("menade du policy? (finns: policy, taxa, plan, rutin)")
    )


def test_hjälpen_är_på_svenska():
    resultat = subprocess.run(
        [sys.executable, "-m", "styrdok", "build", "--help"], capture_output=True, text=True
    )
    assert "exempel:" in resultat.stdout and "bygg" in resultat.stdout


def test_intranät_under_en_sökväg_får_en_fungerande_felsida(tmp_path: Path):
    """With intranät_webbadress set, the intranet's 404 page loads its styles from the
    intranet's own path; the public site never sees that address."""
    rot = kopiera_projekt(tmp_path / "projekt")
    kommunfil = rot / "content" / "kommun.yml"
    kommunfil.write_text(
        kommunfil.read_text(encoding="utf-8").replace(
            "webbplats: https://www.ekvik.example\n",
            "webbplats: https://www.ekvik.example\nintranät_webbadress: https://intra.ekvik.example/styrning/\n",
        ),
        encoding="utf-8",
    )
    resultat = styrdok(rot, "build", "--bara-webbplatser")
    assert resultat.returncode == 0, resultat.stderr
    felsida = (rot / "site" / "intranet" / "404.html").read_text(encoding="utf-8")
    assert 'href="/styrning/assets/stylesheets/' in felsida
    assert 'href="/assets/' not in felsida
    assert '<link rel="canonical" href="https://intra.ekvik.example/styrning/">' in (
        rot / "site" / "intranet" / "index.html"
    ).read_text(encoding="utf-8")
    for fil in (rot / "site" / "public").rglob("*"):
        if fil.is_file() and fil.suffix in (".html", ".xml", ".json", ".csv", ".txt"):
            assert "intra.ekvik" not in fil.read_text(encoding="utf-8", errors="replace"), fil


def test_publika_sidor_länkar_till_word_och_pdf_efter_ett_fullt_bygge(exempelprojekt: Path):
    """The public pages are made from the public copy of the content: the copy must know that
    this build renders documents, however early it was made (the checks make it)."""
    sida = exempelprojekt / "site" / "public" / "forfattningssamling" / "2023-2" / "index.html"
    html = sida.read_text(encoding="utf-8")
    assert "Ladda ner som PDF" in html and "Ladda ner som Word" in html
    for ändelse in ("pdf", "docx"):
        assert (
            exempelprojekt
            / "site"
            / "public"
            / "filer"
            / "forfattningssamling"
            / f"2023-2.{ändelse}"
        ).is_file()
    garanti = next((exempelprojekt / "site" / "public" / "kvalitetsgarantier").glob("*/index.html"))
    assert "utskrivbart blad" in garanti.read_text(encoding="utf-8")


def test_med_en_kärna_byggs_webbplatserna_efter_varandra_och_granskas(tmp_path, monkeypatch):
    """On one core the sites are built one after the other in this process, each read by
    the gate once built, and the files read by threads."""
    rot = kopiera_projekt(tmp_path / "en-kärna")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    byggmodul.bygg(rot, bara_webbplatser=True)
    for variant in ("public", "intranet"):
        assert (rot / "site" / variant / "index.html").is_file()
    assert (rot / "build/cache/grind.pickle").is_file()
    # the public site first: the intranet took its index in (webb/sok_sammanslagning)
    assert sok.läs_beskrivning(rot / "site/intranet")["index"] == "webbplatsen/"
