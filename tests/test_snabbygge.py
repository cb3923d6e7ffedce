"""No build ships a site without its documents, and none cleans the published site in place.

``styrdok build --bara-webbplatser`` after a full build keeps every Word, PDF and zip file
and every download link (unchanged documents from build/cache/, a changed one made again);
plain ``mkdocs build`` builds into a staging folder and swaps it in only when it succeeded.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import kopiera_projekt

KÄLLA = Path("content/styrdokument/ekonomi/finanspolicy.md")
SIDA = Path("site/public/styrdokument/ekonomi/finanspolicy/index.html")


def kör(rot: Path, *argument: str, program: str = "styrdok") -> subprocess.CompletedProcess:
    kommando = [sys.executable, "-m", program]
    kommando += ["-C", str(rot), *argument] if program == "styrdok" else list(argument)
    return subprocess.run(
        kommando, cwd=rot, capture_output=True, text=True, timeout=900, env=_miljö()
    )


def _miljö() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def kontrollsummor(mapp: Path) -> dict[str, str]:
    return {
        p.relative_to(mapp).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(mapp.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def fullt_byggt(tmp_path_factory) -> Path:
    rot = kopiera_projekt(tmp_path_factory.mktemp("snabbygge"))
    resultat = kör(rot, "build")
    assert resultat.returncode == 0, resultat.stderr
    return rot


def test_bara_webbplatser_behåller_alla_dokument_och_länkar(fullt_byggt: Path):
    rot = fullt_byggt
    före = kontrollsummor(rot / "site" / "public" / "filer")
    dokument = [f for f in före if f.endswith((".pdf", ".docx", ".zip"))]
    assert len(dokument) > 50
    docs = rot / "build" / "mkdocs" / "publik" / "filer"
    inoder = {f: (docs / f).stat().st_ino for f in dokument}
    publicerat = {  # every published file's inode and bytes
        f.stat().st_ino: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in (rot / "site").rglob("*")
        if f.is_file()
    }
    källa = rot / KÄLLA
    källa.write_text(
        källa.read_text(encoding="utf-8").replace("## Syfte", "## Syftet med policyn", 1),
        encoding="utf-8",
    )

    resultat = kör(rot, "build", "--bara-webbplatser")
    assert resultat.returncode == 0, resultat.stderr
    assert "Traceback" not in resultat.stderr
    assert "Word- och PDF-filerna tas ur build/cache/" in resultat.stderr
    efter = kontrollsummor(rot / "site" / "public" / "filer")
    assert sorted(efter) == sorted(före), "filer försvann eller tillkom under site/public/filer"
    ändrade = {f for f in dokument if efter[f] != före[f]}
    # the edited document (and the meetings' copies of it and their zips) is made again,
    # so that its files say what its page says; everything else is the same bytes
    assert "styrdokument/ekonomi/finanspolicy.pdf" in ändrade
    assert "styrdokument/ekonomi/finanspolicy.docx" in ändrade
    assert all("finanspolicy" in f or f.endswith(".zip") for f in ändrade), ändrade
    # in the docs folder, an unchanged document was left where it was, not put there again
    flyttade = {f for f in dokument if (docs / f).stat().st_ino != inoder[f]}
    assert flyttade == ändrade, flyttade ^ ändrade
    # and no file the published site had was written into: one that is still there (the
    # same inode, shared with the build's folders) holds the bytes it held
    for fil in (rot / "site").rglob("*"):
        if fil.is_file() and fil.stat().st_ino in publicerat:
            assert hashlib.sha256(fil.read_bytes()).hexdigest() == publicerat[fil.stat().st_ino], (
                fil
            )
    assert "skapade publik/filer/styrdokument/ekonomi/finanspolicy.pdf (källan ändrad)" in (
        resultat.stderr
    )
    sida = (rot / SIDA).read_text(encoding="utf-8")
    assert "Syftet med policyn" in sida
    assert "Ladda ner som PDF" in sida and "Ladda ner som Word" in sida
    register = rot / "site" / "public" / "forfattningssamling" / "2023-2" / "index.html"
    assert "Ladda ner som PDF" in register.read_text(encoding="utf-8")
    möte = rot / "site" / "public" / "sammantraden" / "ks" / "2026-11-10" / "index.html"
    assert "Alla handlingar i en zip-fil" in möte.read_text(encoding="utf-8")
    intranät = rot / "site" / "intranet" / "filer" / "styrdokument" / "ekonomi"
    assert (intranät / "finanspolicy.pdf").is_file()


def test_vanlig_mkdocs_build_behåller_dokumenten(fullt_byggt: Path):
    före = set(kontrollsummor(fullt_byggt / "site" / "public" / "filer"))
    resultat = kör(fullt_byggt, "build", program="mkdocs")
    assert resultat.returncode == 0, resultat.stderr
    assert set(kontrollsummor(fullt_byggt / "site" / "public" / "filer")) == före
    assert "Ladda ner som PDF" in (fullt_byggt / SIDA).read_text(encoding="utf-8")
    assert not list((fullt_byggt / "site").glob(".public-*"))


def test_bara_webbplatser_utan_tidigare_bygge_säger_att_dokumenten_saknas(tmp_path: Path):
    rot = kopiera_projekt(tmp_path / "projekt")
    resultat = kör(rot, "build", "--bara-webbplatser")
    assert resultat.returncode == 0, resultat.stderr
    assert "inga Word- och PDF-filer har skapats än" in resultat.stderr
    assert "styrdok build skapar dem" in resultat.stderr
    filer = rot / "site" / "public" / "filer"
    assert not (filer / "styrdokument" / "ekonomi" / "finanspolicy.pdf").exists()
    assert not list((filer / "forfattningssamling").glob("*.pdf"))
    assert "Ladda ner som PDF" not in (rot / SIDA).read_text(encoding="utf-8")


def test_hjälpen_förklarar_bara_webbplatser(tmp_path: Path):
    hjälp = kör(tmp_path, "build", "--help").stdout
    assert "tappar aldrig sina dokument" in hjälp
    assert "bara de som\nändrats eller tillkommit skapas" in hjälp


FEL_I_EN_SIDA = """
def on_post_page(output, page, config):
    if page.file.src_uri.startswith("sammantraden"):
        raise RuntimeError("injicerat fel mitt i bygget")
    return output
"""
VARNING = """
import logging

def on_page_content(html, page, config, files):
    if page.file.src_uri == "index.md":
        logging.getLogger("mkdocs.plugins.prov").warning("injicerad varning")
    return html
"""


@pytest.mark.parametrize(
    ("krok", "flaggor"), [(FEL_I_EN_SIDA, []), (VARNING, ["--strict"])], ids=["fel", "strikt"]
)
def test_vanlig_mkdocs_build_som_misslyckas_lämnar_site_orörd(
    tmp_path: Path, krok: str, flaggor: list[str]
):
    rot = kopiera_projekt(tmp_path / "projekt")
    resultat = kör(rot, "build", program="mkdocs")
    assert resultat.returncode == 0, resultat.stderr
    assert not list((rot / "site").glob(".public-*"))
    före = kontrollsummor(rot / "site")
    assert "public/index.html" in före

    (rot / "hooks" / "prov.py").write_text(krok, encoding="utf-8")
    konfig = rot / "mkdocs.yml"
    konfig.write_text(
        konfig.read_text(encoding="utf-8").replace(
            "  - hooks/styrdok_hooks.py\n", "  - hooks/styrdok_hooks.py\n  - hooks/prov.py\n"
        ),
        encoding="utf-8",
    )
    resultat = kör(rot, "build", *flaggor, program="mkdocs")
    assert resultat.returncode != 0
    assert "site/public är orörd" in resultat.stderr
    assert kontrollsummor(rot / "site") == före  # byte for byte, no staging folder left
