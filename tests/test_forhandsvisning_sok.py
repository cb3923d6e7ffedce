"""The preview's search index in the background (``styrdok serve``,
styrdok/webb/forhandsvisning_sok.py): a save stops the index being made, which would be
stale, and the index is made again once the saves pause."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from styrdok.webb import forhandsvisning_sok
from styrdok.webb.forhandsvisning_sidor import Läge


def test_en_sparning_stoppar_indexet_som_görs_och_det_görs_om_efter_pausen(
    tmp_path: Path, monkeypatch
):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<h1>Start</h1>")
    körningar: list[str] = []
    startad = threading.Event()
    pagefinds_tid = [5.0]  # the first run is stopped long before; the second runs it out

    def indexera(mapp, variant, *, i_bakgrunden, tidigare, avbryt):
        assert i_bakgrunden and tidigare == tmp_path / "site"
        assert (mapp / "index.html").is_file()  # the shown site, linked in to be indexed
        startad.set()
        if avbryt.wait(pagefinds_tid[0]):  # as Pagefind, killed when the event is set
            körningar.append("avbruten")
            raise forhandsvisning_sok.sok.Avbrutet(mapp)
        körningar.append("klar")
        (mapp / "pagefind").mkdir()
        (mapp / "pagefind" / "pagefind.js").write_text("")

    monkeypatch.setattr(forhandsvisning_sok.sok, "indexera", indexera)
    monkeypatch.setattr(forhandsvisning_sok, "VILA", 0.05)
    läge = Läge("1", tmp_path / "site", överlägg={"index.html": tmp_path / "site" / "index.html"})
    visade: list[tuple[Läge, Läge]] = []
    index = forhandsvisning_sok.Sökindex(tmp_path / "arbete", "publik", lambda: läge)

    index.uppdatera(lambda gammalt, nytt: visade.append((gammalt, nytt)))
    assert startad.wait(5)
    index.avbryt()  # a save: the index under way is stale
    for _ in range(500):
        if körningar:
            break
        time.sleep(0.01)
    assert körningar == ["avbruten"] and not visade
    for _ in range(500):  # what the stopped run linked and wrote goes with it
        if not (tmp_path / "arbete" / "sok-1").exists():
            break
        time.sleep(0.01)
    assert not (tmp_path / "arbete" / "sok-1").exists()
    startad.clear()
    pagefinds_tid[0] = 0.3
    index.uppdatera(lambda gammalt, nytt: visade.append((gammalt, nytt)))  # the build after it
    assert startad.wait(5)
    # not stopped this time: the index is done and shown
    for _ in range(500):
        if visade:
            break
        time.sleep(0.01)
    assert körningar == ["avbruten", "klar"]
    assert visade and visade[0][0] is läge
    assert "pagefind/pagefind.js" in visade[0][1].överlägg
