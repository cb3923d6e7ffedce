"""Starting a kommun from nothing: `styrdok init` gives a project that checks and builds at
once, and a normal (non-editable) install of the package builds a folder holding only
content/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROJEKT = Path(__file__).resolve().parents[1]


def styrdok(*argument: str, cwd: Path, python: str = sys.executable) -> subprocess.CompletedProcess:
    return subprocess.run(
        [python, "-m", "styrdok", *argument],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_init_och_build_i_en_tom_katalog(tmp_path: Path) -> None:
    resultat = styrdok("init", "forsby", cwd=tmp_path)
    assert resultat.returncode == 0, resultat.stderr
    rot = tmp_path / "forsby"
    for fil in (
        "content/kommun.yml",
        "content/sidor/index.md",
        "content/styrdokument/riktlinje-for-styrdokument.md",
        "content/kvalitetsgarantier/kontaktcenter-svar.md",
        "content/mal/malomraden.yml",
        "content/arshjul.yml",
        ".gitignore",
        ".github/workflows/styrdok.yml",
        "README.md",
    ):
        assert (rot / fil).is_file(), fil
    assert list((rot / "content" / "sammantraden" / "ks").glob("*.md"))
    kommun = (rot / "content" / "kommun.yml").read_text(encoding="utf-8")
    assert "namn: Forsby kommun" in kommun and "kfs_prefix: FKFS" in kommun
    assert "@" not in kommun.replace("kontaktcenter@forsby.se", "")
    kontroll = styrdok("check", "--strict", cwd=rot)
    assert kontroll.returncode == 0, kontroll.stderr
    assert "0 fel, 0 varningar" in kontroll.stderr
    bygge = styrdok("build", cwd=rot)
    assert bygge.returncode == 0, bygge.stderr
    assert (rot / "site" / "public" / "index.html").is_file()
    assert (rot / "site" / "intranet" / "ledning-och-styrning" / "index.html").is_file()
    assert list((rot / "site" / "public" / "filer").rglob("*.pdf"))
    assert list((rot / "site" / "public" / "filer").rglob("*.docx"))
    startsida = (rot / "site" / "public" / "index.html").read_text(encoding="utf-8")
    assert "Forsby kommun" in startsida
    assert not (rot / "templates").exists() and not (rot / "mkdocs.yml").exists()


def test_init_med_namn_och_prefix(tmp_path: Path) -> None:
    resultat = styrdok("init", "ny", "--kommun", "Borås stad", "--prefix", "BSFS", cwd=tmp_path)
    assert resultat.returncode == 0, resultat.stderr
    kommun = (tmp_path / "ny" / "content" / "kommun.yml").read_text(encoding="utf-8")
    assert "namn: Borås stad" in kommun and "kfs_prefix: BSFS" in kommun
    assert "https://www.boras-stad.se" in kommun
    assert styrdok("check", "--strict", cwd=tmp_path / "ny").returncode == 0


@pytest.mark.parametrize(
    ("argument", "förbered", "väntat"),
    [
        (["init", "finns"], "content", "finns redan; välj en tom katalog"),
        (["init", "fil"], "fil", "är en fil, inte en katalog"),
        (["init", "x", "--prefix", "fkfs"], None, "1–8 versaler"),
    ],
)
def test_init_säger_till_på_svenska(tmp_path: Path, argument, förbered, väntat) -> None:
    if förbered == "content":
        (tmp_path / "finns" / "content").mkdir(parents=True)
    elif förbered == "fil":
        (tmp_path / "fil").write_text("x")
    resultat = styrdok(*argument, cwd=tmp_path)
    assert resultat.returncode == 1
    assert väntat in resultat.stderr and "Traceback" not in resultat.stderr


def test_init_hjälpen_förklarar() -> None:
    resultat = styrdok("init", "--help", cwd=PROJEKT)
    assert resultat.returncode == 0
    assert "starta en ny kommun" in resultat.stdout and "--prefix" in resultat.stdout
