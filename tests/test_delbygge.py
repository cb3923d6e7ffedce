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
