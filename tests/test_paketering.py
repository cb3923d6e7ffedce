"""A normal install: `pip install` of the package (not editable) into a fresh environment
builds a project that holds only content/, with the templates, the site configuration and
the hooks from inside the installed package."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

PROJEKT = Path(__file__).resolve().parents[1]


def test_installerat_paket_bygger_ett_projekt_med_bara_content(tmp_path: Path) -> None:
    mål = tmp_path / "installerat"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(mål),
            str(PROJEKT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert (mål / "styrdok" / "mallar" / "pdf" / "dokument.html").is_file()
    assert (mål / "styrdok" / "mallar" / "word" / "mall.docx").is_file()
    assert (mål / "styrdok" / "webb" / "mkdocs.yml").is_file()
    assert (mål / "styrdok" / "projektmall" / "_gitignore").is_file()
    # The installed package first on the path, the dependencies from this environment after it;
    # run from outside the repository so nothing of it is found by accident.
    miljö = dict(os.environ, PYTHONPATH=f"{mål}{os.pathsep}{sysconfig.get_paths()['purelib']}")
    python = [sys.executable]
    var = subprocess.run(
        [*python, "-c", "import styrdok, sys; print(styrdok.__file__)"],
        cwd=tmp_path,
        env=miljö,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert var.startswith(str(mål)), var
    kommun = tmp_path / "kommun"
    for argument in (["init", str(kommun)], ["-C", str(kommun), "build"]):
        resultat = subprocess.run(
            [*python, "-m", "styrdok", *argument],
            cwd=tmp_path,
            env=miljö,
            capture_output=True,
            text=True,
            check=False,
        )
        assert resultat.returncode == 0, resultat.stderr
        assert "Traceback" not in resultat.stderr
    assert sorted(p.name for p in kommun.iterdir()) == [
        ".github",
        ".gitignore",
        "README.md",
        "build",
        "content",
        "site",
    ]
    assert (kommun / "site" / "public" / "index.html").is_file()
    assert list((kommun / "site" / "public").rglob("*.pdf"))
    assert list((kommun / "site" / "intranet").rglob("*.docx"))
