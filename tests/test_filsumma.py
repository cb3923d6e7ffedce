"""grund/filer.filsumma: a file's hash, read again exactly when it may have changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

from styrdok.grund import filer


def _åldra(fil: Path, sekunder: float = 60) -> None:
    gammal = time.time() - sekunder
    os.utime(fil, (gammal, gammal))


def test_en_oförändrad_fil_läses_inte_igen(tmp_path: Path):
    fil = tmp_path / "a.md"
    fil.write_bytes(b"ett")
    _åldra(fil)
    lästa: list[bytes] = []
    assert filer.filsumma(fil, lästa) == filer.summa(b"ett") and lästa == [b"ett"]
    lästa.clear()
    assert filer.filsumma(fil, lästa) == filer.summa(b"ett") and lästa == []


def test_en_ändring_med_samma_storlek_ses(tmp_path: Path):
    fil = tmp_path / "a.md"
    fil.write_bytes(b"ett")
    _åldra(fil)
    filer.filsumma(fil)
    fil.write_bytes(b"tva")  # same size, same inode: the time tells
    assert filer.filsumma(fil) == filer.summa(b"tva")
    fil.unlink()
    (tmp_path / "b.md").write_bytes(b"tre")
    _åldra(tmp_path / "b.md", 60)
    os.replace(tmp_path / "b.md", fil)  # another file in its place, with an old time
    assert filer.filsumma(fil) == filer.summa(b"tre")


def test_en_nyss_ändrad_fil_läses_varje_gång(tmp_path: Path):
    """Within the clock's last ticks a second change could keep the time: not remembered."""
    fil = tmp_path / "a.md"
    fil.write_bytes(b"ett")
    for _ in range(2):
        lästa: list[bytes] = []
        filer.filsumma(fil, lästa)
        assert lästa == [b"ett"]


def test_skriv_mappen_skriver_inte_om_en_oförändrad_fil(tmp_path: Path):
    filer.skriv_mappen(tmp_path, {"a.md": b"ett", "b.md": b"tva"})
    for f in tmp_path.iterdir():
        _åldra(f)
    före = {f.name: f.stat().st_mtime_ns for f in tmp_path.iterdir()}
    filer.skriv_mappen(tmp_path, {"a.md": b"ett", "b.md": b"tre"})
    efter = {f.name: f.stat().st_mtime_ns for f in tmp_path.iterdir()}
    assert efter["a.md"] == före["a.md"] and efter["b.md"] != före["b.md"]
    assert (tmp_path / "b.md").read_bytes() == b"tre"
