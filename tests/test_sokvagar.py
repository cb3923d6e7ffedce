"""Every path-like value in a source that the operating system cannot take — a NUL byte,
another control character, a value far too long — is one Swedish ``path:line:col: fel:``
from ``check`` and from ``build``, exit 1, never a traceback; the published site stays."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SKRAPKOMMUN
from hypothesis import example, given
from hypothesis import strategies as st
from riktiga_filer import PDF, PNG

DOKUMENT = """---
titel: Policy för prov
dokumenttyp: policy
beslutsinstans: kf
beslutsdatum: 2022-03-01
paragraf: 12
dokumentansvarig: Kanslichef
bilagor: ["{bilaga}"]
---

## Syfte

Text med ![Karta över kommunen]({bild}) och en [länk]({länk}).
"""

MÖTE = """---
tid: "13:00"
plats: Sessionssalen
ärenden:
  - rubrik: Ett ärende
    beskrivning: Se [underlaget]({beskrivningslänk}).
    beslutsunderlag: ["{underlag}"]
---
"""

GILTIGA = {
    "bilaga": "bilaga.pdf",
    "bild": "../bild.png",
    "länk": "https://www.prov.example/",
    "beskrivningslänk": "https://www.prov.example/",
    "underlag": "underlag.pdf",
    "logotyp": "bild.png",
}

# The values the operating system cannot take, as YAML (double-quoted escapes) and as raw text.
VÄRDEN = {
    "nul": ("\\0", "\x00"),
    "styrtecken": ("\\x07", "\x07"),
    "för-lång": ("a" * 5000, "a" * 5000),
}
YAMLFÄLT = {"bilaga", "underlag", "logotyp"}
RADER = {
    "bilaga": ("content/styrdokument/policy.md", 8),
    "bild": ("content/styrdokument/policy.md", 13),
    "länk": ("content/styrdokument/policy.md", 13),
    "underlag": ("content/sammantraden/ks/2026-01-13.md", 7),
    "beskrivningslänk": ("content/sammantraden/ks/2026-01-13.md", 6),
    "logotyp": ("content/kommun.yml", SKRAPKOMMUN.count("\n") + 1),
}
DIAGNOS = re.compile(r"^(content/[^:]+):(\d+):(\d+): fel: (.+)$", re.MULTILINE)


def skriv_projekt(rot: Path, fält: dict[str, str]) -> None:
    innehåll = rot / "content"
    (innehåll / "styrdokument").mkdir(parents=True, exist_ok=True)
    (innehåll / "sammantraden" / "ks").mkdir(parents=True, exist_ok=True)
    for namn in ("bilaga.pdf", "bild.png"):
        (innehåll / namn).write_bytes(PDF if namn.endswith(".pdf") else PNG)
    (innehåll / "sammantraden" / "ks" / "underlag.pdf").write_bytes(PDF)
    (innehåll / "kommun.yml").write_text(
        SKRAPKOMMUN + f'logotyp: "{fält["logotyp"]}"\n', encoding="utf-8"
    )
    (innehåll / "styrdokument" / "policy.md").write_text(DOKUMENT.format(**fält), encoding="utf-8")
    (innehåll / "sammantraden" / "ks" / "2026-01-13.md").write_text(
        MÖTE.format(**fält), encoding="utf-8"
    )


def kör(rot: Path, *kommando: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "styrdok", "-C", str(rot), *kommando],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_projektet_är_giltigt_utan_felen(tmp_path: Path) -> None:
    skriv_projekt(tmp_path, dict(GILTIGA))
    svar = kör(tmp_path, "check")
    assert svar.returncode == 0, svar.stderr


@pytest.mark.parametrize("värde", list(VÄRDEN))
@pytest.mark.parametrize("fält", list(RADER))
def test_ogiltig_sökväg_ger_ett_fel(tmp_path: Path, fält: str, värde: str) -> None:
    yaml_form, rå_form = VÄRDEN[värde]
    värden = dict(GILTIGA)
    värden[fält] = yaml_form if fält in YAMLFÄLT else rå_form
    skriv_projekt(tmp_path, värden)
    (tmp_path / "site" / "public").mkdir(parents=True)
    (tmp_path / "site" / "public" / "index.html").write_text("förra bygget", encoding="utf-8")
    for kommando in (["check"], ["build", "--bara-webbplatser"]):
        svar = kör(tmp_path, *kommando)
        utdata = svar.stdout + svar.stderr
        assert "Traceback" not in utdata, utdata
        assert svar.returncode == 1, utdata
        fel = DIAGNOS.findall(utdata)
        assert len(fel) == 1, f"{kommando}: väntade exakt ett fel, fick:\n{utdata}"
        fil, rad, kolumn, meddelande = fel[0]
        assert (fil, int(rad)) == RADER[fält], utdata
        assert int(kolumn) >= 1
        assert re.search(r"styrtecknet|tecken lång", meddelande), meddelande
        assert "\x00" not in utdata and "\x07" not in utdata
    assert (tmp_path / "site" / "public" / "index.html").read_text(
        encoding="utf-8"
    ) == "förra bygget"


@pytest.mark.parametrize(
    "namn", ["poli\x01cy.md", "poli\x1bcy.md", "/".join(["m" * 250] * 5) + "/policy.md"]
)
def test_ogiltigt_filnamn_ger_ett_fel(tmp_path: Path, namn: str) -> None:
    skriv_projekt(tmp_path, dict(GILTIGA))
    fil = tmp_path / "content" / "styrdokument" / namn
    fil.parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "content" / "styrdokument" / "policy.md").rename(fil)
    svar = kör(tmp_path, "check")
    utdata = svar.stdout + svar.stderr
    assert "Traceback" not in utdata and svar.returncode == 1, utdata
    fel = DIAGNOS.findall(utdata)
    assert len(fel) == 1, utdata
    assert fel[0][1:3] == ("1", "1") and re.search(
        r"filnamnet .* (styrtecknet|tecken lång)", fel[0][3]
    ), utdata
    assert "\x01" not in utdata and "\x1b" not in utdata


def test_upplöst_är_som_resolve(tmp_path):
    """``sokvag.upplöst`` gives what ``Path.resolve()`` gives: a plain file, a link to a
    file, a file in a linked folder, a path through ``..`` of a linked folder, a file that
    does not exist."""
    from styrdok.grund.sokvag import upplöst

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.md").write_text("x", encoding="utf-8")
    (tmp_path / "länk.md").symlink_to(tmp_path / "a" / "b" / "f.md")
    (tmp_path / "mapp").symlink_to(tmp_path / "a" / "b", target_is_directory=True)
    fall = [
        tmp_path / "a" / "b" / "f.md",
        tmp_path / "länk.md",
        tmp_path / "mapp" / "f.md",
        tmp_path / "mapp" / ".." / "b" / "f.md",
        tmp_path / "a" / "saknas.md",
    ]
    for fil in fall:
        assert upplöst(fil) == fil.resolve(), fil
    assert upplöst(tmp_path / "länk.md") == tmp_path.resolve() / "a" / "b" / "f.md"


# --- the string versions of path questions a build asks thousands of times per save: each
# gives what the standard library gives, for every class of path ---------------------------

_DEL = st.sampled_from(["a", "b", "ab", "styrdokument", "index.md", "x.md", ".", "..", ""])


@given(st.lists(_DEL, max_size=4), st.lists(_DEL, min_size=1, max_size=4), st.booleans())
@example(["a", "b"], ["a", "b"], False)  # a page's own folder as the target
@example(["a"], ["a", "x.md"], False)
def test_länk_är_som_relpath(från: list[str], till: list[str], absolut: bool) -> None:
    import posixpath

    from styrdok.grund.text import länk

    f = ("/" if absolut else "") + "/".join([*från, "sida.md"])
    t = ("/" if absolut else "") + "/".join(till)
    try:
        väntat = posixpath.relpath(t, posixpath.dirname(f) or ".")
    except ValueError:  # no path at all: the same error
        with pytest.raises(ValueError):
            länk(f, t)
        return
    assert länk(f, t) == väntat, (f, t)


@given(st.text(st.sampled_from("a&<>*_[]{}|#\\`\n é")))
def test_md_escapar_som_förut(text: str) -> None:
    """:func:`text.md` as it was written first (character by character)."""
    import re as re_

    from styrdok.grund.text import md

    förut = re_.sub(r"([\\`*_\[\]{}|#])", r"\\\1", " ".join(text.split()))
    förut = "".join({"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(t, t) for t in förut)
    assert md(text) == förut


@pytest.mark.parametrize(
    ("rot", "fil"),
    [
        ("/p/content", "/p/content/a/b.md"),
        ("/p/content", "/p/content"),
        ("/p/content", "/p/contentx/b.md"),
        ("/p/content", "/p/b.md"),
        ("/", "/p/b.md"),
        ("p", "p/a.md"),
        ("p", "/p/a.md"),
        (".", "a/b.md"),
    ],
)
def test_relativ_är_som_relative_to(rot: str, fil: str) -> None:
    from styrdok.grund.sokvag import relativ

    try:
        väntat = Path(fil).relative_to(Path(rot)).as_posix()
    except ValueError:
        with pytest.raises(ValueError):
            relativ(Path(rot), Path(fil))
        return
    assert relativ(Path(rot), Path(fil)) == väntat


def test_källfiler_är_som_rglob(tmp_path: Path) -> None:
    """What ``rglob("*")`` found: hidden files and folders left out, a link to a file
    counted, a link to a folder not followed, a broken link and a folder named ``x.md``
    not files; the order is the paths' order."""
    from styrdok.grund.sokvag import källfiler

    mapp = tmp_path / "content"
    for väg in ["b.md", "a/c.md", "a/b/d.md", "a-b/e.md", "a.b/f.md", "z.txt", "a/.dold.md"]:
        (mapp / väg).parent.mkdir(parents=True, exist_ok=True)
        (mapp / väg).write_text("x", encoding="utf-8")
    (mapp / ".git" / "g.md").parent.mkdir(parents=True)
    (mapp / ".git" / "g.md").write_text("x", encoding="utf-8")
    (mapp / "mapp.md").mkdir()
    (mapp / "länk.md").symlink_to(mapp / "b.md")
    (mapp / "trasig.md").symlink_to(mapp / "finns-inte.md")
    (tmp_path / "utanför").mkdir()
    (tmp_path / "utanför" / "u.md").write_text("x", encoding="utf-8")
    (mapp / "länkad").symlink_to(tmp_path / "utanför", target_is_directory=True)
    förut = sorted(
        p
        for p in mapp.rglob("*")
        if p.suffix in (".md",)
        and p.is_file()
        and not any(d.startswith(".") for d in p.relative_to(mapp).parts)
    )
    assert källfiler(mapp, (".md",)) == förut
    assert [p.relative_to(mapp).as_posix() for p in förut] == [
        "a/b/d.md",
        "a/c.md",
        "a-b/e.md",
        "a.b/f.md",
        "b.md",
        "länk.md",
    ]
    assert källfiler(tmp_path / "saknas", (".md",)) == []


def test_relativa_under_är_relativ_för_dem_under_roten() -> None:
    from styrdok.grund.sokvag import relativa_under

    rot = Path("/p/docs")
    filer = [rot / "a.pdf", rot / "x" / "b.docx", Path("/p/docsx/c.pdf"), Path("/p/d.pdf"), rot]
    assert relativa_under(rot, filer) == {"a.pdf", "x/b.docx"}
