"""An unchanged source is not read again in the same process (styrdok serve), and every
build still reports everything its reading found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from styrdok import bygg
from styrdok.grund import lasminne
from styrdok.grund.diagnostik import Rapport


@pytest.fixture(autouse=True)
def tomt_minne():
    lasminne.glöm()
    yield
    lasminne.glöm()


def test_samma_innehåll_läses_en_gång_och_rapporteras_varje_gång(tmp_path: Path):
    fil = tmp_path / "a.md"
    fil.write_text("x", encoding="utf-8")
    läsningar = []

    def läs(rapport: Rapport) -> str:
        läsningar.append(1)
        rapport.varning("a.md", 1, 1, "en varning")
        return f"läst {len(läsningar)}"

    rapporter = [Rapport() for _ in range(3)]
    svar = [lasminne.läst(fil, "nyckel", r, läs) for r in rapporter[:2]]
    assert svar == ["läst 1", "läst 1"] and len(läsningar) == 1
    assert [len(r.diagnoser) for r in rapporter[:2]] == [1, 1]
    fil.write_text("y", encoding="utf-8")  # changed: read again
    assert lasminne.läst(fil, "nyckel", rapporter[2], läs) == "läst 2"
    assert lasminne.läst(fil, "en annan nyckel", Rapport(), läs) == "läst 3"


def test_en_text_med_bild_läses_alltid_igen(tmp_path: Path):
    """An image check looks at another file, which may have come or gone."""
    fil = tmp_path / "a.md"
    fil.write_text("![karta](karta.png)", encoding="utf-8")
    läsningar = []
    for _ in range(2):
        lasminne.läst(fil, "n", Rapport(), lambda r: läsningar.append(1))
    assert len(läsningar) == 2


def test_kontrollen_ger_samma_svar_andra_gången_och_efter_en_ändring(tmp_path: Path):
    import shutil

    rot = tmp_path / "p"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", rot / "content")
    första = [str(d) for d in bygg.kontrollera(rot).diagnoser]
    assert [str(d) for d in bygg.kontrollera(rot).diagnoser] == första
    fil = next((rot / "content/styrdokument").rglob("*.md"))
    fil.write_text(
        fil.read_text(encoding="utf-8").replace("titel:", "titell:", 1), encoding="utf-8"
    )
    efter = [str(d) for d in bygg.kontrollera(rot).diagnoser]
    assert any("titell" in d for d in efter), efter


def test_nästa_körning_läser_inte_om_det_oförändrade(tmp_path: Path, monkeypatch):
    """Between runs (here: the memory forgotten, as in a new process) the readings come from
    build/cache/, with the same diagnostics; from other code they are not used."""
    import shutil

    from styrdok.slag.styrdokument import dokument

    rot = tmp_path / "p"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", rot / "content")
    första = [str(d) for d in bygg.kontrollera(rot).diagnoser]
    assert (rot / "build/cache" / lasminne.FIL).is_file()
    tolkade = []
    original = dokument._tolka
    monkeypatch.setattr(dokument, "_tolka", lambda *a: tolkade.append(a[1]) or original(*a))
    lasminne.glöm()
    assert [str(d) for d in bygg.kontrollera(rot).diagnoser] == första
    assert tolkade == []
    fil = next((rot / "content/styrdokument").rglob("*.md"))
    fil.write_text(fil.read_text(encoding="utf-8") + "\nEn rad till.\n", encoding="utf-8")
    lasminne.glöm()
    bygg.kontrollera(rot)
    assert len(tolkade) == 1  # only the changed file
    lasminne.glöm()
    monkeypatch.setattr(lasminne, "_KOD", [b"annan kod"])
    bygg.kontrollera(rot)
    assert len(tolkade) > 2  # everything read again


def test_en_fil_som_ändras_inom_samma_klockslag_läses_om(tmp_path: Path):
    """Same size and the same modification time (two saves within one tick of the file
    system's clock): a file changed that recently is always read again."""
    fil = tmp_path / "a.md"
    fil.write_text("x", encoding="utf-8")
    tid = fil.stat().st_mtime_ns
    assert lasminne.läst(fil, "n", Rapport(), lambda r: "x") == "x"
    fil.write_text("y", encoding="utf-8")
    os.utime(fil, ns=(tid, tid))
    assert lasminne.läst(fil, "n", Rapport(), lambda r: "y") == "y"


def test_ett_bygge_från_början_läser_allt_och_lämnar_sina_läsningar_åt_nästa(
    tmp_path: Path, monkeypatch
):
    """--från-början reads every source anew (nothing from build/cache/) and, once it has
    emptied the cache, keeps what it read there for the next run."""
    import shutil

    from styrdok.slag.styrdokument import dokument

    rot = tmp_path / "p"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", rot / "content")
    bygg.kontrollera(rot)
    tolkade = []
    original = dokument._tolka
    monkeypatch.setattr(dokument, "_tolka", lambda *a: tolkade.append(a[1]) or original(*a))
    lasminne.glöm()
    bygg.bygg(rot, bara_webbplatser=True, från_början=True)
    assert len(tolkade) > 2  # everything read again
    assert (rot / "build/cache" / lasminne.FIL).is_file()
    tolkade.clear()
    lasminne.glöm()
    bygg.kontrollera(rot)
    assert tolkade == []


@pytest.mark.parametrize("från_början", [False, True])
def test_ett_bygge_sparar_läsningarna_också_när_det_stoppas(
    tmp_path: Path, monkeypatch, från_början
):
    """``styrdok build`` keeps its readings for the next run (while the sites build), also
    when it stops on an error in the sources, and also with ``--från-början`` (which empties
    the cache first): the next run parses only what changed."""
    from conftest import kopiera_projekt

    from styrdok.grund.diagnostik import StyrdokFel
    from styrdok.slag.styrdokument import dokument

    rot = kopiera_projekt(tmp_path / "p")
    fil = next((rot / "content/styrdokument").rglob("*.md"))
    rätt = fil.read_text(encoding="utf-8")
    fil.write_text(rätt.replace("titel:", "titell:", 1), encoding="utf-8")
    with pytest.raises(StyrdokFel):
        bygg.bygg(rot, bara_webbplatser=True, från_början=från_början)
    assert (rot / "build/cache" / lasminne.FIL).is_file()

    tolkade: list = []
    original = dokument._tolka
    monkeypatch.setattr(dokument, "_tolka", lambda *a: tolkade.append(a[1]) or original(*a))
    fil.write_text(rätt, encoding="utf-8")
    lasminne.glöm()  # as in a new process
    bygg.bygg(rot, bara_webbplatser=True, från_början=från_början)
    if från_början:
        assert len(tolkade) > 1  # everything read from nothing
    else:
        assert len(tolkade) == 1  # only the corrected file
    lasminne.glöm()
    tolkade.clear()
    bygg.bygg(rot, bara_webbplatser=True)
    assert tolkade == []  # what the last build read was kept
