"""grund/filer.skriv_mappen: a build folder made to hold exactly the generated files, each
unchanged file left as it was (what the site engine's and the preview's caches rely on)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.filer import skriv_mappen


def innehåll(rot: Path) -> dict[str, bytes]:
    return {
        f.relative_to(rot).as_posix(): f.read_bytes()
        for f in rot.rglob("*")
        if f.is_file() or f.is_symlink()
    }


def test_mappen_håller_precis_filerna_och_det_oförändrade_rörs_inte(tmp_path: Path):
    rot = tmp_path / "docs"
    skriv_mappen(rot, {"a.md": b"A", "b/c.md": b"C", "b/d/e.md": b"E", "f.pdf": b"F"})
    tid = (rot / "a.md").stat().st_mtime_ns
    os.utime(rot / "a.md", ns=(tid - 10**9, tid - 10**9))
    skriv_mappen(rot, {"a.md": b"A", "b/c.md": b"C2", "g.md": b"G"})
    assert innehåll(rot) == {"a.md": b"A", "b/c.md": b"C2", "g.md": b"G"}
    assert (rot / "a.md").stat().st_mtime_ns == tid - 10**9  # unchanged: not written
    assert not (rot / "b" / "d").exists()  # emptied folders go


def test_det_som_anroparen_lägger_dit_själv_får_ligga_kvar(tmp_path: Path):
    """``behåll``: files the caller puts in place right after (a build's documents) stay as
    they are; one that is no longer named goes, and a link at such a path goes too."""
    rot = tmp_path / "docs"
    skriv_mappen(rot, {"a.md": b"A"})
    (rot / "filer").mkdir()
    (rot / "filer" / "x.pdf").write_bytes(b"X")
    (rot / "filer" / "y.pdf").write_bytes(b"Y")
    (tmp_path / "ute.pdf").write_bytes(b"U")
    (rot / "filer" / "l.pdf").symlink_to(tmp_path / "ute.pdf")
    inod = (rot / "filer" / "x.pdf").stat().st_ino
    skriv_mappen(rot, {"a.md": b"A", "z.pdf": b"Z"}, behåll={"filer/x.pdf", "filer/l.pdf", "z.pdf"})
    assert innehåll(rot) == {"a.md": b"A", "filer/x.pdf": b"X", "z.pdf": b"Z"}
    assert (rot / "filer" / "x.pdf").stat().st_ino == inod
    assert (tmp_path / "ute.pdf").read_bytes() == b"U"


def test_fil_och_mapp_byter_plats(tmp_path: Path):
    rot = tmp_path / "docs"
    skriv_mappen(rot, {"a": b"en fil", "b/c.md": b"C"})
    skriv_mappen(rot, {"a/x.md": b"X", "b": b"nu en fil"})
    assert innehåll(rot) == {"a/x.md": b"X", "b": b"nu en fil"}


def test_en_länk_ut_följs_aldrig(tmp_path: Path):
    ute = tmp_path / "ute"
    ute.mkdir()
    (ute / "hemlig.md").write_bytes(b"orord")
    rot = tmp_path / "docs"
    rot.mkdir()
    (rot / "länk").symlink_to(ute)
    (rot / "fil.md").symlink_to(ute / "hemlig.md")
    with pytest.raises(StyrdokFel):
        skriv_mappen(rot, {"länk/hemlig.md": b"skrivet"})
    skriv_mappen(rot, {"fil.md": b"ny"})
    assert (ute / "hemlig.md").read_bytes() == b"orord"
    assert innehåll(rot) == {"fil.md": b"ny"} and not (rot / "fil.md").is_symlink()
    with pytest.raises(StyrdokFel):
        skriv_mappen(rot, {"../ut.md": b"x"})


def test_en_ändrad_fil_skrivs_som_ny_och_aldrig_genom_en_hård_länk(tmp_path: Path):
    """A file in the folder may be a hard link to another (a document from the render cache):
    writing new bytes there must not change that other file."""
    artefakt = tmp_path / "cache" / "artefakt.pdf"
    artefakt.parent.mkdir()
    artefakt.write_bytes(b"%PDF gammal")
    docs = tmp_path / "docs"
    skriv_mappen(docs, {"a.md": b"a"})
    os.link(artefakt, docs / "filer.pdf")
    skriv_mappen(docs, {"a.md": b"a", "filer.pdf": b"en genererad fil med samma namn"})
    assert artefakt.read_bytes() == b"%PDF gammal"
    assert (docs / "filer.pdf").read_bytes() == b"en genererad fil med samma namn"
