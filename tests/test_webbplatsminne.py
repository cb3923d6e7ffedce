"""A site whose inputs are exactly those of the published one is not built again
(``karna/webbplatsminne``): taken as it is while nothing it is made from changed, and built
again on any change to what it is made from, to the published files, to --strict, or when
its last build warned. The gate reads a site taken as it is like any other."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import FALL, kopiera_projekt, summor

from styrdok.bygg import bygg
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna import publicering, webbplatsminne
from styrdok.webb import sok, sok_ordning

INTERN = "content/styrdokument/omsorg/rutin-for-nyckelhantering-i-hemtjansten.md"
INTERN_SIDA = "site/intranet/styrdokument/omsorg/rutin-for-nyckelhantering-i-hemtjansten/index.html"


def _bygg(rot: Path, **kwargs) -> list[str]:
    meddelanden: list[str] = []
    bygg(rot, bara_webbplatser=True, meddela=meddelanden.append, **kwargs)
    return meddelanden


def _byggda(meddelanden: list[str]) -> str:
    return next(m for m in meddelanden if m.startswith(("Bygger", "Inget har ändrats")))


@pytest.fixture
def rot(tmp_path: Path) -> Path:
    rot = kopiera_projekt(tmp_path / "projekt")
    _bygg(rot)
    return rot


def test_det_som_inte_ändrats_byggs_inte_om_men_blir_detsamma(rot: Path, tmp_path: Path):
    publik = summor(rot / "site/public")
    assert _byggda(_bygg(rot)).startswith("Inget har ändrats sedan förra bygget")
    assert summor(rot / "site/public") == publik

    intern = rot / INTERN
    intern.write_text(intern.read_text(encoding="utf-8") + "\nNycklarna räknas varje fredag.\n")
    assert _byggda(_bygg(rot)) == (
        "Bygger intranätet …; webbplatsen byggs inte om "
        "(inget i den har ändrats sedan förra bygget)"
    )
    assert "Nycklarna räknas varje fredag" in (rot / INTERN_SIDA).read_text(encoding="utf-8")
    assert summor(rot / "site/public") == publik
    # the intranet's search: its own pages, with the published public index taken in
    sökt = {s["url"]: s["content"] for s in sok.läs_index(rot / "site/intranet")}
    assert (
        "Nycklarna räknas varje fredag"
        in sökt["/" + INTERN_SIDA.split("/", 2)[2][: -len("index.html")]]
    )
    assert sok.läs_beskrivning(rot / "site/intranet")["index"] == "webbplatsen/"
    assert len(sökt) > 2 * len(sok_ordning.fragment(rot / "site/intranet/pagefind"))

    # the same as a build from nothing, both sites
    tagna = {v: summor(rot / "site" / v) for v in ("public", "intranet")}
    _bygg(rot, från_början=True)
    for variant, före in tagna.items():
        assert summor(rot / "site" / variant) == före, variant


@pytest.mark.parametrize(
    "ändring",
    ["publicerad fil ändrad för hand", "publicerad fil borttagen", "mall", "mkdocs.yml", "strikt"],
)
def test_en_ändring_i_det_webbplatsen_görs_av_bygger_om_den(rot: Path, ändring: str):
    strikt = False
    if ändring == "publicerad fil ändrad för hand":
        sida = rot / "site/public/index.html"
        sida.write_text(sida.read_text(encoding="utf-8").replace("</body>", "<p>Hand</p></body>"))
    elif ändring == "publicerad fil borttagen":
        (rot / "site/public/404.html").unlink()
    elif ändring == "mall":
        mall = rot / "templates/overrides/main.html"
        mall.write_text(mall.read_text(encoding="utf-8") + "\n{# en ändring #}\n")
    elif ändring == "mkdocs.yml":
        konfig = rot / "mkdocs.yml"
        konfig.write_text(konfig.read_text(encoding="utf-8") + "\n# en ändring\n")
    else:
        strikt = True
    byggda = _byggda(_bygg(rot, strikt=strikt))
    if ändring.startswith("publicerad"):
        assert byggda.startswith("Bygger webbplatsen …; intranätet byggs inte om"), byggda
        assert "Hand" not in (rot / "site/public/index.html").read_text(encoding="utf-8")
        assert (rot / "site/public/404.html").is_file()
    else:
        assert byggda == "Bygger webbplatsen och intranätet …", byggda


def test_en_webbplats_som_varnade_byggs_om_så_att_varningen_syns_igen(skrapkommun: Path):
    (skrapkommun / "content/styrdokument/policy-for-test.md").write_text(
        (FALL / "styrdokument" / "okand-nyckel.md")
        .read_text(encoding="utf-8")
        .replace("galler_for", "gäller_för")
        + "\nSe [rubriken som saknas](#finns-inte).\n",
        encoding="utf-8",
    )
    _bygg(skrapkommun)
    assert _byggda(_bygg(skrapkommun)) == "Bygger webbplatsen och intranätet …"
    with pytest.raises(StyrdokFel):
        _bygg(skrapkommun, strikt=True)


def test_grinden_läser_en_webbplats_som_tas_som_den_är(rot: Path, monkeypatch):
    """A site published again as it is is read by the gate where it is: something put into
    it after the decision (by hand, or by a bug) stops the build like anything built."""
    original = webbplatsminne.Webbplatsminne.oförändrad

    def och_smuggla(self) -> bool:
        tagen = original(self)
        if tagen and self.site == "public":
            (self.rot / "site/public/smugglad.json").write_bytes(b'{"x": ["SN 2026/377"]}')
        return tagen

    monkeypatch.setattr(webbplatsminne.Webbplatsminne, "oförändrad", och_smuggla)
    före = summor(rot / "site")
    with pytest.raises(StyrdokFel) as fel:
        _bygg(rot)
    diagnoser = [str(d) for d in fel.value.rapport.diagnoser]
    assert any(d.startswith("site/public/smugglad.json:1:1: fel:") for d in diagnoser)
    efter = summor(rot / "site")
    assert efter.pop("public/smugglad.json")
    assert efter == före


def test_en_webbplats_som_tas_som_den_är_flyttas_över_inte_kopieras(rot: Path):
    """Published again as it is, a site keeps its very files (moved over by the swap, not
    copied into the stage), and the old site's removal leaves them be."""
    sida = rot / "site/public/index.html"
    före = {v: summor(rot / "site" / v) for v in ("public", "intranet")}
    inod = sida.stat().st_ino
    intern = rot / INTERN
    intern.write_text(intern.read_text(encoding="utf-8") + "\nNycklarna räknas varje fredag.\n")
    assert _byggda(_bygg(rot)).startswith("Bygger intranätet …; webbplatsen byggs inte om")
    assert sida.stat().st_ino == inod
    assert _byggda(_bygg(rot)).startswith("Inget har ändrats sedan förra bygget")
    skräp = rot / "build" / publicering.SKRÄP
    gräns = time.monotonic() + 30
    while any(skräp.iterdir()) and time.monotonic() < gräns:  # the old sites' removal
        time.sleep(0.05)
    assert sida.stat().st_ino == inod
    assert summor(rot / "site/public") == före["public"]
    assert summor(rot / "site/intranet") != före["intranet"]
    assert not (rot / publicering.NY).exists() and not (rot / publicering.GAMMAL).exists()


def test_går_den_inte_att_flytta_över_byggs_den_nästa_gång(rot: Path, monkeypatch):
    """A site that cannot be moved over (a mount point, say) stops that build with the
    published site as it was, and is built, not moved, by the next."""
    före = summor(rot / "site")
    riktig = publicering.os.rename

    def rename(källa, mål):
        if Path(källa).name == "public":
            raise OSError(16, "Device or resource busy", str(källa))
        riktig(källa, mål)

    monkeypatch.setattr(publicering.os, "rename", rename)
    with pytest.raises(publicering.PubliceringsFel, match="upptagen"):
        _bygg(rot)
    assert summor(rot / "site") == före
    # the failing rename stays: the next build builds both, and moves nothing over
    assert _byggda(_bygg(rot)) == "Bygger webbplatsen och intranätet …"
    assert summor(rot / "site") == före
