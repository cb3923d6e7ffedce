"""No traceback, ever, for a user's input: a Swedish ``content/...:line:col: fel:`` at the
right place instead, exit 1, and the published site/ as it was. One test group per class of
input that used to end in a traceback, a hung build or a wedged project: YAML that explodes
or nests without end and PyYAML's English syntax errors; a Kolada file nested too deep, not
UTF-8 or with numbers no one can use; a site/ that cannot be swapped; writers outliving a
killed build; writer errors repeated with absolute paths; tags the check allows but the
writers could not render."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from conftest import PROJEKT, SKRAPKOMMUN, kopiera_projekt
from PIL import Image

from styrdok.format.docx import render_docx
from styrdok.format.exempel import exempel_vy
from styrdok.format.pdf import render_pdf
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna import publicering
from styrdok.karna.format import Dokumentformat
from styrdok.karna.leveranser import skriv_fel
from styrdok.karna.rendering import Jobb, fånga
from styrdok.slag.mal.kolada import importera

MALLAR = PROJEKT / "templates"
DIAGNOS = re.compile(r"^(content/[^:]+):(\d+):(\d+): fel: (.+)$", re.MULTILINE)
ENGELSKA = re.compile(r"\b(found|expected|while|could not|scanning|parsing|allowed)\b")
HUVUD = "---\ntitel: Policy för prov\n"
RESTEN = (
    "dokumenttyp: policy\nbeslutsinstans: kf\nbeslutsdatum: 2022-03-01\nparagraf: 12\n"
    "dokumentansvarig: Kanslichef\n---\n\n## Syfte\n\nText.\n"
)


def kör(rot: Path, *argument: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "styrdok", "-C", str(rot), *argument],
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


def fel_i(resultat: subprocess.CompletedProcess) -> list[tuple[str, int, int, str]]:
    """The diagnostics of a run that must have failed cleanly."""
    utdata = resultat.stdout + resultat.stderr
    assert resultat.returncode == 1, utdata
    assert "Traceback" not in utdata and "Error" not in utdata, utdata
    return [(m[1], int(m[2]), int(m[3]), m[4]) for m in DIAGNOS.finditer(resultat.stderr)]


def skriv(rot: Path, relativ: str, text: str) -> Path:
    fil = rot / relativ
    fil.parent.mkdir(parents=True, exist_ok=True)
    fil.write_text(text, encoding="utf-8")
    return fil


# --- 1. YAML ------------------------------------------------------------------------------

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{f}'] * 9)}]\n" for f, n in zip("abcdefgh", "bcdefghi", strict=True)
)
DJUP = "[" * 900 + "]" * 900
KOMMUNRADER = SKRAPKOMMUN.count("\n")

# name → (file, its text, line, column or None, words the message must hold)
YAMLFALL = {
    "alias-bomb": ("md", HUVUD + BOMB + RESTEN, 4, 8, "YAML-alias (*namn) stöds inte"),
    "alias-bomb-kommun": (
        "yml",
        SKRAPKOMMUN + BOMB,
        KOMMUNRADER + 2,
        8,
        "YAML-alias (*namn) stöds inte",
    ),
    "900-nivåer-flöde": ("md", HUVUD + f"värde: {DJUP}\n" + RESTEN, 3, 48, "för många nivåer"),
    "5000-nivåer-flöde": (
        "md",
        HUVUD + "värde: " + "[" * 5000 + "]" * 5000 + "\n" + RESTEN,
        3,
        None,
        "för många nivåer",
    ),
    "900-nivåer-block": (
        "md",
        HUVUD + "värde:\n" + "".join("  " * i + "k:\n" for i in range(1, 900)) + RESTEN,
        44,
        83,
        "för många nivåer",
    ),
    "5000-nivåer-blocklista": (
        "md",
        HUVUD + "värde:\n  " + "- " * 5000 + "x\n" + RESTEN,
        4,
        None,
        "för många nivåer",
    ),
    "900-nivåer-kommun": (
        "yml",
        SKRAPKOMMUN + f"vision2: {DJUP}\n",
        KOMMUNRADER + 1,
        50,
        "för många nivåer",
    ),
    "tabb": (
        "md",
        HUVUD + "\tdokumenttyp: policy\n" + RESTEN,
        3,
        1,
        "tabbtecken får inte användas",
    ),
    "kolon-i-värde": (
        "md",
        "---\ntitel: Riktlinje: friskvård\n" + RESTEN,
        2,
        17,
        'citattecken: skriv titel: "Riktlinje: friskvård"',
    ),
    "hakparentes-öppen": (
        "md",
        HUVUD + "bilagor: [a.pdf, b.pdf\n" + RESTEN,
        3,
        10,
        "[ stängs aldrig; lägg till ]",
    ),
    "klammer-öppen": (
        "md",
        HUVUD + "extra: {a: 1\n" + RESTEN,
        3,
        8,
        "{ stängs aldrig; lägg till }",
    ),
    "citattecken-öppet": (
        "md",
        HUVUD + 'dokumentansvarig: "Kanslichef\nparagraf: 12\n' + RESTEN,
        3,
        19,
        "citattecknet avslutas aldrig",
    ),
    "kolon-saknas": ("md", HUVUD + "dokumenttyp\n" + RESTEN, 3, 1, "kolon saknas efter nyckeln"),
    "tecken-som-inte-kan-inleda": ("md", HUVUD + "not: @hem\n" + RESTEN, 3, 6, "tecknet @"),
    "okänd-escape": ("md", HUVUD + 'not: "C:\\q"\n' + RESTEN, 3, 9, "bakstreck"),
    "tagg": ("md", HUVUD + "not: !<x\n" + RESTEN, 3, None, "taggar (!namn) stöds inte"),
    "direktiv": ("yml", "%YAML 1.1\n%YAML 1.1\n---\n" + SKRAPKOMMUN, 2, 1, "YAML-direktiv"),
    "flera-dokument": (
        "yml",
        SKRAPKOMMUN + "---\nnamn: x\n",
        KOMMUNRADER + 1,
        1,
        "flera YAML-dokument",
    ),
}


@pytest.mark.parametrize("fall", sorted(YAMLFALL))
def test_yaml_som_inte_går_att_läsa_ger_ett_svenskt_fel_på_rätt_plats(skrapkommun: Path, fall):
    typ, text, rad, kolumn, ord_ = YAMLFALL[fall]
    fil = "content/kommun.yml" if typ == "yml" else "content/styrdokument/policy.md"
    skriv(skrapkommun, fil, text)
    if typ == "yml":
        skriv(skrapkommun, "content/styrdokument/policy.md", HUVUD + RESTEN)
    start = time.monotonic()
    diagnoser = fel_i(kör(skrapkommun, "check"))
    assert time.monotonic() - start < 60
    träffar = [d for d in diagnoser if d[0] == fil and ord_ in d[3]]
    assert träffar, diagnoser
    assert träffar[0][1] == rad and (kolumn is None or träffar[0][2] == kolumn), träffar
    for d in diagnoser:
        assert not ENGELSKA.search(d[3]), d


def test_yaml_fel_i_bygget_lämnar_site_orörd(skrapkommun: Path):
    skriv(skrapkommun, "content/styrdokument/policy.md", HUVUD + BOMB + RESTEN)
    skriv(skrapkommun, "site/public/index.html", "gammal")
    diagnoser = fel_i(kör(skrapkommun, "build"))
    assert ("content/styrdokument/policy.md", 4, 8) in [d[:3] for d in diagnoser]
    assert (skrapkommun / "site/public/index.html").read_text() == "gammal"
    assert not (skrapkommun / ".site-ny").exists()


# --- 2. Kolada ----------------------------------------------------------------------------


def kolada(värde: str = "80.5", period: str = "2024") -> str:
    return (
        '{"values": [{"kpi": "N15419", "municipality": "9999", "period": ' + period + ", "
        '"values": [{"gender": "T", "value": ' + värde + "}]}]}"
    )


@pytest.mark.parametrize(
    "innehåll, ord_, rad, kolumn",
    [
        ('{"values": ' + "[" * 100_000 + "]" * 100_000 + "}", "för många nivåer", 1, 111),
        (kolada().replace("9999", "Malmö").encode("latin-1"), "inte UTF-8 (byte 0xf6)", 1, 52),
        (kolada("1" + "0" * 5000), "för stort eller inget ändligt tal", 1, 1),
        (kolada("1e999"), "för stort eller inget ändligt tal", 1, 1),
        (kolada("NaN"), "för stort eller inget ändligt tal", 1, 1),
        (kolada(period="9" * 5000), "är inget år", 1, 1),
    ],
    ids=["djup", "latin-1", "5000-siffror", "1e999", "NaN", "år-med-5000-siffror"],
)
def test_kolada_fil_som_inte_går_att_använda_ger_svenskt_fel(tmp_path, innehåll, ord_, rad, kolumn):
    fil = tmp_path / "svar.json"
    fil.write_bytes(innehåll if isinstance(innehåll, bytes) else innehåll.encode())
    with pytest.raises(StyrdokFel) as fel:
        importera(tmp_path, fil)
    assert ord_ in fel.value.meddelande and len(fel.value.meddelande) < 300
    assert (fel.value.rad, fel.value.kolumn) == (rad, kolumn)
    assert not (tmp_path / "content/mal/kolada.yml").exists()


def test_kolada_på_kommandoraden_utan_spårning_och_utf16_godtas(skrapkommun: Path):
    djup = skrapkommun / "djup.json"
    djup.write_text('{"values": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    resultat = kör(skrapkommun, "kolada", "import", str(djup))
    assert resultat.returncode == 1 and "Traceback" not in resultat.stderr
    assert "djup.json:1:111: fel: filen är nästlad i för många nivåer" in resultat.stderr
    utf16 = skrapkommun / "utf16.json"
    utf16.write_bytes(kolada().encode("utf-16"))  # as Windows PowerShell saves it
    assert kör(skrapkommun, "kolada", "import", str(utf16)).returncode == 0


def test_kolada_tidigare_import_med_alias_läses_inte_ut(tmp_path):
    skriv(tmp_path, "content/mal/kolada.yml", "kommun: '9999'\n" + BOMB)
    fil = tmp_path / "svar.json"
    fil.write_text(kolada(), encoding="utf-8")
    with pytest.raises(StyrdokFel, match="den tidigare importen är trasig") as fel:
        importera(tmp_path, fil)
    assert fel.value.rad == 3


# --- 3. publishing ------------------------------------------------------------------------


def test_symbolisk_länk_som_site_stoppar_med_besked_och_rör_inget(skrapkommun: Path, tmp_path):
    skriv(skrapkommun, "content/styrdokument/policy.md", HUVUD + RESTEN)
    mål = tmp_path / "webbserver"
    skriv(mål, "public/index.html", "publicerat")
    (skrapkommun / "site").symlink_to(mål)
    for _ in range(2):  # the second build is not wedged by what the first left
        resultat = kör(skrapkommun, "build", "--bara-webbplatser")
        fel_i(resultat)
        assert "site är en symbolisk länk" in resultat.stderr
        assert "Ta bort länken (rm site)" in resultat.stderr
        assert (skrapkommun / "site").is_symlink()
        assert (mål / "public/index.html").read_text() == "publicerat"
        assert not (skrapkommun / ".site-gammal").exists()


def test_låst_mapp_i_site_stoppar_med_besked_och_rör_inget(skrapkommun: Path):
    skriv(skrapkommun, "content/styrdokument/policy.md", HUVUD + RESTEN)
    låst = skriv(skrapkommun, "site/public/låst/fil.html", "kvar").parent
    if subprocess.run(["chattr", "+i", str(låst)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i går inte här (inget root, eller filsystemet saknar stöd)")
    try:
        resultat = kör(skrapkommun, "build", "--bara-webbplatser")
        fel_i(resultat)
        assert "site/public/låst/ är skrivskyddad" in resultat.stderr
        assert "chattr -i" in resultat.stderr
        assert (låst / "fil.html").read_text() == "kvar"
    finally:
        subprocess.run(["chattr", "-i", str(låst)], check=True)


def nytt_och_gammalt(rot: Path) -> Path:
    skriv(rot, "site/public/index.html", "gammal")
    ny = rot / publicering.NY
    skriv(ny, "public/index.html", "ny")
    return ny


def test_misslyckat_byte_lägger_tillbaka_site_och_behåller_det_nya(tmp_path, monkeypatch):
    ny = nytt_och_gammalt(tmp_path)
    riktig = os.replace

    def replace(källa, mål):
        if Path(källa) == ny:
            raise PermissionError(13, "Permission denied", str(mål))
        riktig(källa, mål)

    monkeypatch.setattr(publicering.os, "replace", replace)
    with pytest.raises(publicering.PubliceringsFel, match="site/ kunde inte bytas ut") as fel:
        publicering.publicera(tmp_path, ny)
    assert "åtkomst nekad" in str(fel.value) and str(tmp_path) not in str(fel.value)
    assert (tmp_path / "site/public/index.html").read_text() == "gammal"
    assert (ny / "public/index.html").read_text() == "ny"


def _med_intranät(rot: Path) -> Path:
    """A published site/ with both sites, and a stage with a new intranet only (the public
    site published again as it is)."""
    skriv(rot, "site/public/index.html", "publik")
    skriv(rot, "site/intranet/index.html", "gammalt intranät")
    ny = rot / publicering.NY
    skriv(ny, "intranet/index.html", "nytt intranät")
    return ny


def test_en_webbplats_som_den_är_flyttas_över_vid_bytet(tmp_path):
    ny = _med_intranät(tmp_path)
    inod = (tmp_path / "site/public/index.html").stat().st_ino
    publicering.publicera(tmp_path, ny, ["public"])
    assert (tmp_path / "site/public/index.html").stat().st_ino == inod
    assert (tmp_path / "site/public/index.html").read_text() == "publik"
    assert (tmp_path / "site/intranet/index.html").read_text() == "nytt intranät"
    assert not ny.exists() and not (tmp_path / publicering.GAMMAL).exists()


@pytest.mark.parametrize("steg", ["flytten", "bytet"])
def test_misslyckat_byte_lägger_tillbaka_det_som_flyttats_över(tmp_path, monkeypatch, steg):
    """A failure after the published public site was moved over into the stage puts it
    back: site/ is exactly as it was, and the stage as it was built."""
    ny = _med_intranät(tmp_path)
    före = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "site").rglob("*"))
    riktig_replace, riktig_rename = os.replace, os.rename

    def fel_på(källa, mål, riktig, när: bool):
        if när:
            raise PermissionError(13, "Permission denied", str(mål))
        riktig(källa, mål)

    monkeypatch.setattr(
        publicering.os,
        "replace",
        lambda k, m: fel_på(k, m, riktig_replace, steg == "bytet" and Path(k) == ny),
    )
    monkeypatch.setattr(
        publicering.os,
        "rename",
        lambda k, m: fel_på(k, m, riktig_rename, steg == "flytten" and Path(k).name == "intranet"),
    )
    with pytest.raises(publicering.PubliceringsFel, match="site/ kunde inte bytas ut"):
        publicering.publicera(tmp_path, ny, ["public", "intranet"][: 2 if steg == "flytten" else 1])
    efter = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "site").rglob("*"))
    assert efter == före
    assert (tmp_path / "site/public/index.html").read_text() == "publik"
    assert sorted(p.name for p in ny.iterdir()) == ["intranet"]
    assert (ny / "intranet/index.html").read_text() == "nytt intranät"


def test_ett_byte_som_stoppades_mitt_i_återställs_med_det_som_flyttats_över(tmp_path):
    """Killed amid the swap (the old site aside, its public site already moved over into
    the stage): the next run puts the old site back whole."""
    ny = _med_intranät(tmp_path)
    gammal = tmp_path / publicering.GAMMAL
    os.replace(tmp_path / "site", gammal)
    os.rename(gammal / "public", ny / "public")
    publicering.återställ(tmp_path)
    assert (tmp_path / "site/public/index.html").read_text() == "publik"
    assert (tmp_path / "site/intranet/index.html").read_text() == "gammalt intranät"
    assert not ny.exists() and not gammal.exists()


def _rmtree_som_inte_kan(sökväg, onerror):
    onerror(os.unlink, sökväg, (PermissionError, PermissionError(1, "x", str(sökväg)), None))


def test_gamla_site_tas_bort_av_en_egen_process(tmp_path):
    """The build does not wait for the old site's removal: it is moved aside into
    build/.skräp/ at once and removed there by a process of its own."""
    ny = nytt_och_gammalt(tmp_path)
    publicering.publicera(tmp_path, ny)
    assert (tmp_path / "site/public/index.html").read_text() == "ny"
    assert not (tmp_path / publicering.GAMMAL).exists()
    skräp = tmp_path / "build" / publicering.SKRÄP
    gräns = time.monotonic() + 30
    while any(skräp.iterdir()) and time.monotonic() < gräns:
        time.sleep(0.05)
    assert not any(skräp.iterdir())


def test_gamla_site_som_inte_kan_tas_bort_sägs_av_nästa_bygge(tmp_path, monkeypatch):
    """What the removing process could not remove, the next build tries again, and says
    so when it cannot either."""
    ny = nytt_och_gammalt(tmp_path)
    monkeypatch.setattr(publicering.subprocess, "Popen", lambda *a, **k: None)
    publicering.publicera(tmp_path, ny)
    monkeypatch.setattr(publicering.shutil, "rmtree", _rmtree_som_inte_kan)
    with pytest.raises(StyrdokFel, match=r"build/\.skräp/.* \(en gammal webbplats\) kan inte"):
        publicering.återställ(tmp_path)
    monkeypatch.undo()
    publicering.återställ(tmp_path)
    assert not any((tmp_path / "build" / publicering.SKRÄP).iterdir())
    assert (tmp_path / "site/public/index.html").read_text() == "ny"


def test_gammal_site_som_inte_kan_tas_bort_varnar_och_kilar_inte_fast(
    tmp_path, monkeypatch, capsys
):
    """Where it cannot be moved aside (build/ on another file system), it is removed at
    once; failing that, the build says so and the next one stops until it can be."""
    ny = nytt_och_gammalt(tmp_path)
    riktig = os.replace

    def replace(källa, mål):
        if publicering.SKRÄP in Path(mål).parts:
            raise OSError(18, "Invalid cross-device link", str(mål))
        riktig(källa, mål)

    monkeypatch.setattr(publicering.os, "replace", replace)
    monkeypatch.setattr(publicering.shutil, "rmtree", _rmtree_som_inte_kan)
    publicering.publicera(tmp_path, ny)
    assert (tmp_path / "site/public/index.html").read_text() == "ny"
    assert "site/ är publicerad, men den gamla webbplatsen" in capsys.readouterr().err
    with pytest.raises(
        StyrdokFel, match=r"\.site-gammal/ från ett tidigare bygge kan inte tas bort"
    ):
        publicering.återställ(tmp_path)
    monkeypatch.undo()
    publicering.återställ(tmp_path)  # once it can be removed, it is
    assert not (tmp_path / publicering.GAMMAL).exists()
    assert (tmp_path / "site/public/index.html").read_text() == "ny"


def test_stegvis_behåller_det_nya_när_publiceringen_misslyckas(tmp_path):
    skriv(tmp_path, "site/public/index.html", "gammal")
    with pytest.raises(publicering.PubliceringsFel):
        with publicering.stegvis(tmp_path) as ny:
            skriv(ny, "public/index.html", "ny")
            raise publicering.PubliceringsFel("prov")
    assert (tmp_path / publicering.NY / "public/index.html").read_text() == "ny"
    with pytest.raises(StyrdokFel):
        with publicering.stegvis(tmp_path):
            raise StyrdokFel("annat fel")
    assert not (tmp_path / publicering.NY).exists()


# --- 4. worker processes ------------------------------------------------------------------


def processer(märke: bytes, rot: Path) -> dict[int, tuple[int, str]]:
    """Live processes of one run (its marker in their environment, or the project in their
    command line): pid → (parent, command line)."""
    hittade = {}
    for namn in os.listdir("/proc"):
        if not namn.isdigit():
            continue
        with contextlib.suppress(OSError):
            miljö = Path(f"/proc/{namn}/environ").read_bytes()
            rad = Path(f"/proc/{namn}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            tillstånd, förälder = (
                Path(f"/proc/{namn}/stat").read_text().rsplit(")", 1)[1].split()[:2]
            )
            if tillstånd != "Z" and (märke in miljö or str(rot) in rad):
                hittade[int(namn)] = (int(förälder), rad)
    return hittade


def inget_kvar(märke: str, rot: Path) -> None:
    """No process of the run lives on (given 5 s to die)."""
    slut = time.monotonic() + 5
    while (kvar := processer(märke.encode(), rot)) and time.monotonic() < slut:
        time.sleep(0.05)
    assert not kvar, f"lever kvar efter bygget: {kvar}"


def döda_kvar(bygge: subprocess.Popen, märke: str, rot: Path) -> None:
    bygge.kill()
    for pid in processer(märke.encode(), rot):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="arbetsprocesser finns bara på Linux med minst två kärnor",
)
def test_arbetsprocesserna_dör_när_bygget_dödas(tmp_path):
    rot = kopiera_projekt(tmp_path / "projekt")
    märke = f"styrdok-test-{uuid.uuid4().hex}"
    bygge = subprocess.Popen(
        [sys.executable, "-m", "styrdok", "-C", str(rot), "build"],
        env=dict(os.environ, STYRDOK_TESTKORNING=märke),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for rad in bygge.stderr:
            if "Skapar Word- och PDF-filer" in rad:
                break
        slut = time.monotonic() + 60
        while time.monotonic() < slut:
            alla = processer(märke.encode(), rot)
            servrar = {p for p, (f, rad) in alla.items() if f == bygge.pid and "forkserver" in rad}
            if any(f in servrar and "forkserver" in rad for f, rad in alla.values()):
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"inga arbetsprocesser syntes: {alla}")
        bygge.send_signal(signal.SIGKILL)
        bygge.wait()
        inget_kvar(märke, rot)
    finally:
        döda_kvar(bygge, märke, rot)


# --- 5. writer errors ---------------------------------------------------------------------


def test_skrivarfel_ges_en_gång_relativt_projektet_på_rätt_rad(skrapkommun: Path):
    nästlat = "<sup>" * 60 + "x" + "</sup>" * 60
    skriv(skrapkommun, "content/styrdokument/policy.md", HUVUD + RESTEN.replace("Text.", nästlat))
    # a real image in a format the web and PDF show and Word cannot take
    Image.new("RGB", (2, 2), "white").save(skrapkommun / "content/styrdokument/bild.webp")
    plan = HUVUD.replace("Policy", "Plan") + RESTEN.replace("Text.", "Se ![Karta](bild.webp).")
    skriv(skrapkommun, "content/styrdokument/plan.md", plan)
    resultat = kör(skrapkommun, "build")
    diagnoser = fel_i(resultat)
    assert str(skrapkommun) not in resultat.stderr
    assert len(diagnoser) == 2, resultat.stderr
    plan, policy = sorted(diagnoser)
    assert policy[:3] == ("content/styrdokument/policy.md", 12, 1)
    assert "för många nivåer inuti varandra" in policy[3]
    assert plan[:3] == ("content/styrdokument/plan.md", 12, 13)
    assert "bildformatet stöds inte i Word: bild.webp" in plan[3]
    assert "fel: 2 fel i 3 av 4 dokument" in resultat.stderr


def test_styrdok_pdf_id_med_skrivarfel(skrapkommun: Path):
    nästlat = "> " * 60 + "x"
    skriv(skrapkommun, "content/styrdokument/policy.md", HUVUD + RESTEN.replace("Text.", nästlat))
    diagnoser = fel_i(kör(skrapkommun, "pdf", "styrdokument/policy"))
    assert [d[:3] for d in diagnoser] == [("content/styrdokument/policy.md", 12, 1)]


def trasig_skrivare(vy, ut, mallar):  # noqa: ARG001 - a writer with a bug
    return 1 / 0


def test_internt_fel_säger_det_och_visar_spårning_bara_med_styrdok_debug(
    tmp_path, monkeypatch, capsys
):
    format_ = Dokumentformat("pdf", "PDF", "pdf", f"{__name__}:trasig_skrivare")
    misslyckat = fånga(Jobb(exempel_vy(tmp_path), format_, tmp_path / "ut.pdf", MALLAR))
    assert misslyckat is not None and misslyckat.spårning
    assert "internt fel i styrdok när PDF-filen skulle skapas (ZeroDivisionError" in str(
        misslyckat.fel
    )
    monkeypatch.delenv("STYRDOK_DEBUG", raising=False)
    assert skriv_fel([misslyckat, misslyckat]) == 1
    utskrift = capsys.readouterr().err
    assert "Traceback" not in utskrift and "STYRDOK_DEBUG=1" in utskrift
    monkeypatch.setenv("STYRDOK_DEBUG", "1")
    skriv_fel([misslyckat])
    assert "Traceback" in capsys.readouterr().err


# --- 6. every tag the check allows is rendered --------------------------------------------

TAGGAR = (
    "## Taggar\n\nTryck <kbd>Ctrl</kbd>, <mark>markerat</mark>, <small>finstilt</small>, "
    "<s>struket</s>, <u>understruket</u>, H<sub>2</sub>O, m<sup>2</sup>, <abbr>EU</abbr>"
    "<br>ny rad.\n"
)


def test_pdf_återger_varje_tillåten_tagg(tmp_path):
    vy = dataclasses.replace(exempel_vy(tmp_path), brödtext=TAGGAR)
    render_pdf(vy, tmp_path / "ut.pdf", MALLAR)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "ut.pdf"), "-"], capture_output=True, text=True
        ).stdout
        for ord_ in ("Ctrl", "markerat", "finstilt", "struket", "understruket", "EU", "ny rad"):
            assert ord_ in text


def test_word_återger_varje_tillåten_tagg_med_formatering(tmp_path):
    vy = dataclasses.replace(exempel_vy(tmp_path), brödtext=TAGGAR)
    render_docx(vy, tmp_path / "ut.docx", MALLAR)
    xml = zipfile.ZipFile(tmp_path / "ut.docx").read("word/document.xml").decode()
    run = r'<w:r><w:rPr>{}</w:rPr><w:t(?: xml:space="preserve")?>{}</w:t>'
    assert re.search(
        run.format('<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>', "Ctrl"), xml
    )
    assert re.search(run.format('<w:highlight w:val="yellow"/>', "markerat"), xml)
    assert re.search(run.format("<w:strike/>", "struket"), xml)
    assert re.search(run.format('<w:u w:val="single"/>', "understruket"), xml)
    assert "finstilt" in xml and "ny rad" in xml


GRIND_SOM_DRÖJER = """
import sys, time, pathlib
from styrdok.karna import grind_lasning
grind_lasning.PROCESSER_FRÅN = 1
original = grind_lasning._läs_del
def dröj(minne, filer):
    pathlib.Path(sys.argv[2]).write_text("läser")
    time.sleep(120)
    return original(minne, filer)
grind_lasning._läs_del = dröj
from styrdok.cli import main
sys.exit(main(["-C", sys.argv[1], "build", "--bara-webbplatser"]))
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="grindens läsprocesser finns bara med minst två kärnor",
)
def test_grindens_läsprocesser_dör_när_bygget_dödas(tmp_path):
    rot = kopiera_projekt(tmp_path / "projekt")
    märke = f"styrdok-test-{uuid.uuid4().hex}"
    markör = tmp_path / "markör"
    bygge = subprocess.Popen(
        [sys.executable, "-c", GRIND_SOM_DRÖJER, str(rot), str(markör)],
        env=dict(os.environ, STYRDOK_TESTKORNING=märke),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        slut = time.monotonic() + 240
        while not markör.exists() and time.monotonic() < slut and bygge.poll() is None:
            time.sleep(0.05)
        assert markör.exists(), "grinden läste aldrig i en egen process"
        assert any(f == bygge.pid for f, _ in processer(märke.encode(), rot).values())
        bygge.send_signal(signal.SIGKILL)
        bygge.wait()
        inget_kvar(märke, rot)
    finally:
        döda_kvar(bygge, märke, rot)


SÖKINDEX_SOM_DRÖJER = """
import os, sys, pathlib
from styrdok.webb import sok
falsk = pathlib.Path(sys.argv[2]) / "pagefind-som-drojer"
falsk.write_text("#!/bin/sh\\ntouch " + sys.argv[2] + "/startad\\nexec sleep 120\\n")
falsk.chmod(0o755)
sok._pagefind = lambda: (str(falsk),)
from styrdok.cli import main
sys.exit(main(["-C", sys.argv[1], "build", "--bara-webbplatser"]))
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="webbplatserna byggs i egna processer bara med minst två kärnor",
)
@pytest.mark.parametrize("signal_", [signal.SIGTERM, signal.SIGKILL])
def test_sökindexeraren_stoppas_med_bygget(tmp_path, signal_):
    """A build stopped while Pagefind runs leaves nothing running and nothing writing into
    its staging folder (Pagefind is started by the site's build process, not by the build)."""
    rot = kopiera_projekt(tmp_path / "projekt")
    märke = f"styrdok-test-{uuid.uuid4().hex}"
    bygge = subprocess.Popen(
        [sys.executable, "-c", SÖKINDEX_SOM_DRÖJER, str(rot), str(tmp_path)],
        env=dict(os.environ, STYRDOK_TESTKORNING=märke),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        slut = time.monotonic() + 240
        while not (tmp_path / "startad").exists() and time.monotonic() < slut:
            time.sleep(0.05)
        assert (tmp_path / "startad").exists(), "sökindexeraren startade aldrig"
        bygge.send_signal(signal_)
        bygge.wait(timeout=60)
        inget_kvar(märke, rot)
        if signal_ == signal.SIGTERM:
            assert not (rot / ".site-ny").exists()
    finally:
        döda_kvar(bygge, märke, rot)
