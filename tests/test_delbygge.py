"""``styrdok serve`` makes only the pages an edit changed (webb/mkdocs_delbygge), and what it
shows is then exactly what a full build of the same sources gives, page for page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import kopiera_projekt

from styrdok import bygg
from styrdok.bygg import DELAR
from styrdok.webb.forhandsvisning import Förhandsvisning

DOKUMENT = Path("content/styrdokument/ekonomi/finanspolicy.md")
SIDA = Path("content/sidor/om-styrmodellen.md")  # in the navigation of every page


def visat(f: Förhandsvisning) -> dict[str, bytes]:
    """Every file the preview serves (the site, with the pages made again since), except
    the search index, which is made again by the next full build."""
    läge = f.läge
    filer = {
        fil.relative_to(läge.site).as_posix(): fil
        for fil in läge.site.rglob("*")
        if fil.is_file() and fil.relative_to(läge.site).parts[0] != "pagefind"
    }
    filer.update(läge.överlägg)
    return {väg: fil.read_bytes() for väg, fil in filer.items()}


def ändra(rot: Path, källa: Path, gammalt: str, nytt: str) -> None:
    fil = rot / källa
    text = fil.read_text(encoding="utf-8")
    assert gammalt in text
    fil.write_text(text.replace(gammalt, nytt, 1), encoding="utf-8")


@pytest.fixture(scope="module", params=["utan-dokument", "med-dokument"])
def förhandsvisning(request, tmp_path_factory) -> Förhandsvisning:
    """The example previewed: without Word and PDF files, and after a build made them all
    (an edit then puts its document's files out of date: they change in the docs folder)."""
    rot = kopiera_projekt(tmp_path_factory.mktemp("delbygge"))
    if request.param == "med-dokument":
        bygg.bygg(rot)
    f = Förhandsvisning(rot, DELAR, "publik", lambda _: None)
    f.bygg()
    assert f.läge.fel is None and f.läge.site is not None
    return f


@pytest.mark.parametrize(
    ("källa", "gammalt", "nytt", "bara_sidor"),
    [
        (DOKUMENT, "\n## ", "\nEn mening som kom till nu.\n\n## ", True),
        (DOKUMENT, "titel: Finanspolicy för", "titel: Finanspolicy (reviderad) för", True),
        (SIDA, "titel: Om Ekviks styrmodell", "titel: Om styrmodellen i Ekvik", False),
    ],
    ids=["brödtext", "dokumentets-titel", "titel-i-navigeringen"],
)
def test_det_som_visas_är_ett_helt_bygge(förhandsvisning, källa, gammalt, nytt, bara_sidor):
    f = förhandsvisning
    site_före = f.läge.site
    ändra(f.rot, källa, gammalt, nytt)
    f.bygg()
    assert f.läge.fel is None
    if bara_sidor:  # made page by page: the site underneath is the one built before
        assert f.läge.site == site_före and f.läge.överlägg
    else:  # every page shows the navigation: everything is built again
        assert f.läge.site != site_före and not f.läge.överlägg
    delvis = visat(f)
    f.delbygge = None  # the next build is a full one, of the same sources
    f.bygg()
    assert not f.läge.överlägg
    helt = visat(f)
    assert delvis.keys() == helt.keys()
    olika = [väg for väg in helt if delvis[väg] != helt[väg]]
    assert not olika, olika


def test_sidan_som_gjorts_om_serveras(förhandsvisning):
    f = förhandsvisning
    ändra(f.rot, DOKUMENT, "\n## ", "\nEtt tillägg som syns direkt.\n\n## ")
    f.bygg()
    assert f.läge.överlägg
    status, _, kropp = f.svar("/styrdokument/ekonomi/finanspolicy/")
    assert status == 200 and "Ett tillägg som syns direkt." in kropp.decode()
    if f.läge.dokument:  # the document's PDF is out of date: not the one built before
        status, _, kropp = f.svar("/filer/styrdokument/ekonomi/finanspolicy.pdf")
        assert status == 404 and "Filen skapas av styrdok build" in kropp.decode()


def test_en_sida_som_väntar_på_ny_version_får_den_när_den_finns(förhandsvisning):
    import threading

    f = förhandsvisning
    före = f.läge.version
    svar = []
    tråd = threading.Thread(target=lambda: svar.append(f.vänta_på_ny(före, 30)))
    tråd.start()
    ändra(f.rot, DOKUMENT, "\n## ", "\nÄnnu en mening.\n\n## ")
    f.bygg()
    tråd.join(10)
    assert svar == [f.läge.version] and svar[0] != före
    assert f.vänta_på_ny(f.läge.version, 0.1) == f.läge.version  # nothing new: same answer


def test_sökningen_hittar_ändringen_strax_efter(förhandsvisning):
    """The search index is made again in the background after pages were made again; the
    shown version stays (the page a visitor reads is not reloaded for it)."""
    import gzip

    f = förhandsvisning
    ändra(f.rot, DOKUMENT, "\n## ", "\nOrdet snöklockeblomning finns nu här.\n\n## ")
    f.bygg()
    version = f.läge.version
    assert f.läge.överlägg
    f.sökindex.tråd.join(120)
    assert f.läge.version == version
    fragment = [
        gzip.decompress(fil.read_bytes())
        for väg, fil in f.läge.överlägg.items()
        if väg.startswith("pagefind/fragment/")
    ]
    assert any("snöklockeblomning".encode() in data for data in fragment)


def test_förhandsvisningen_samlar_skräp_när_ändringarna_gör_en_paus(tmp_path, monkeypatch):
    """The preview builds after a save without automatic collections (a full one over its
    state took ~0.09 s every other save at 1,000 documents, while the page waited), and
    collects once the saves pause (grund/sopor)."""
    import gc
    import threading
    import time

    from styrdok.grund import sopor
    from styrdok.webb import forhandsvisning

    rot = kopiera_projekt(tmp_path / "projekt")
    f = Förhandsvisning(rot, DELAR, "publik", lambda _: None)
    bygger = threading.Event()
    händelser: list[tuple[str, int, bool]] = []  # (start/stop, generation, during a build)
    original = f.bygg

    klara: list[float] = []  # when each build ended
    samlingar: list[float] = []

    def bygg_och_märk() -> None:
        bygger.set()
        try:
            gc.collect(0)  # what the build would do: allocation makes the collector run
            händelser.append(("bygge", -1, gc.isenabled()))
            original()
        finally:
            klara.append(time.monotonic())
            bygger.clear()

    def märk(fas: str, info: dict) -> None:
        if fas == "start":
            händelser.append(("samling", info["generation"], bygger.is_set()))

    samla = sopor.samla

    def samla_och_märk() -> None:
        händelser.append(("samla", 2, bygger.is_set()))
        samlingar.append(time.monotonic())
        samla()

    monkeypatch.setattr(sopor, "samla", samla_och_märk)
    monkeypatch.setattr(f, "bygg", bygg_och_märk)
    monkeypatch.setattr(forhandsvisning, "INTERVALL", 0.2)
    monkeypatch.setattr(forhandsvisning, "SAMLA_EFTER", 0.6)
    gc.callbacks.append(märk)
    stopp = threading.Event()
    tråd = threading.Thread(target=f.bevaka, args=(stopp,), daemon=True)
    try:
        tråd.start()
        gräns = time.monotonic() + 120
        while (f.byggen < 1 or bygger.is_set()) and time.monotonic() < gräns:
            time.sleep(0.05)
        time.sleep(1.5)  # a pause after the first build
        ändra(rot, DOKUMENT, "\n## ", "\nEn mening som kom till nu.\n\n## ")
        while (f.byggen < 2 or bygger.is_set()) and time.monotonic() < gräns:
            time.sleep(0.05)
        time.sleep(1.5)  # and after the second
    finally:
        stopp.set()
        tråd.join(30)
        gc.callbacks.remove(märk)
    assert f.byggen == 2 and f.läge.fel is None
    byggen = [e for e in händelser if e[0] == "bygge"]
    assert byggen == [("bygge", -1, False)] * 2  # no automatic collection while building
    assert not any(under for _, _, under in händelser if _ == "samling")
    ordning = [e[0] for e in händelser if e[0] in ("bygge", "samla")]
    assert ordning[:4] == ["bygge", "samla", "bygge", "samla"], händelser  # after each
    # not while the page reloads: once SAMLA_EFTER has passed without a save
    assert all(s - k >= 0.6 for k, s in zip(klara, samlingar, strict=False)), (klara, samlingar)


def test_förhandsvisningen_samlar_skräp_också_när_ändringarna_aldrig_gör_paus(
    tmp_path, monkeypatch
):
    """Saves in a row with no pause between them: the garbage is collected after every
    ``OSAMLADE`` builds all the same, so it cannot pile up."""
    import threading

    from styrdok.grund import sopor
    from styrdok.webb import forhandsvisning

    f = Förhandsvisning(kopiera_projekt(tmp_path / "projekt"), DELAR, "publik", lambda _: None)
    stopp = threading.Event()
    händelser: list[str] = []
    # a save right after every build: each build's sources differ from the last one's
    monkeypatch.setattr(f, "avtryck", lambda: händelser.count("bygge"))
    monkeypatch.setattr(forhandsvisning, "OSAMLADE", 2)
    monkeypatch.setattr(sopor, "samla", lambda: händelser.append("samla"))

    def bygg() -> None:
        händelser.append("bygge")
        if händelser.count("bygge") == 4:
            stopp.set()

    monkeypatch.setattr(f, "bygg", bygg)
    f.bevaka(stopp)
    assert händelser == ["bygge", "bygge", "samla", "bygge", "bygge", "samla"]
