"""A build makes its site in the folders of a site no longer published, kept emptied
(``grund/mappstommar``): only folders are ever kept, nothing of an old site's files can
reach a new one, a folder the new site does not use is gone, and the site is the very
same as a build from nothing makes, folders and files."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import kopiera_projekt, summor

from styrdok.bygg import bygg
from styrdok.grund import mappstommar
from styrdok.karna import publicering

SITER = ("public", "intranet")


def _gammal_site(rot: Path) -> Path:
    """An old site/ as a swap leaves it: pages, files, links, a folder of another kind."""
    site = rot / "site"
    for variant in SITER:
        (site / variant / "sida" / "under").mkdir(parents=True)
        (site / variant / "sida" / "index.html").write_text("gammal", "utf-8")
        (site / variant / "sida" / "under" / "index.html").write_text("gammal", "utf-8")
        (site / variant / "tom").mkdir()
    utanför = rot / "utanför"
    (utanför / "mapp").mkdir(parents=True)
    (utanför / "mapp" / "fil.txt").write_text("rörs inte", "utf-8")
    (site / "public" / "länk-till-mapp").symlink_to(utanför / "mapp")
    (site / "public" / "sida" / "länk.txt").symlink_to(utanför / "mapp" / "fil.txt")
    (site / "annat").mkdir()
    (site / "annat" / "fil.txt").write_text("annat", "utf-8")
    return site


def _träd(mapp: Path) -> list[str]:
    return sorted(
        p.relative_to(mapp).as_posix() + ("/" if p.is_dir() else "") for p in mapp.rglob("*")
    )


def test_en_gammal_webbplats_töms_på_allt_utom_mappar_som_sparas(tmp_path: Path):
    site, förråd = _gammal_site(tmp_path), tmp_path / "build" / mappstommar.FÖRRÅD
    mappstommar.töm(site, förråd, SITER)
    assert not site.exists()
    assert sorted(os.listdir(förråd)) == sorted(SITER)
    for variant in SITER:
        assert _träd(förråd / variant) == ["sida/", "sida/under/", "tom/"]
    # a link is removed as a link: what it pointed to is untouched
    assert (tmp_path / "utanför" / "mapp" / "fil.txt").read_text("utf-8") == "rörs inte"


def test_en_stomme_som_redan_finns_byts_inte_ut(tmp_path: Path):
    förråd = tmp_path / "förråd"
    (förråd / "public" / "förra").mkdir(parents=True)
    site = _gammal_site(tmp_path)
    mappstommar.töm(site, förråd, ("public",))
    assert _träd(förråd / "public") == ["förra/"]
    assert sorted(os.listdir(förråd)) == ["public"]  # intranet not named: removed
    assert not site.exists()


def test_som_eget_program_behövs_inget_av_styrdok(tmp_path: Path):
    """As publicering runs it after a swap: ``python -I mappstommar.py <folder> <store>
    <published site> <name> …``: the old site in <folder>/site emptied and kept; a site it
    did not have made from the published one."""
    skräp = tmp_path / "skräp"
    _gammal_site(skräp)
    shutil.rmtree(skräp / "site" / "intranet")
    publicerad = tmp_path / "publicerad"
    (publicerad / "intranet" / "ny-sida" / "under").mkdir(parents=True)
    (publicerad / "intranet" / "ny-sida" / "index.html").write_text("publicerad", "utf-8")
    (publicerad / "intranet" / "länk").symlink_to(tmp_path / "utanför")
    förråd = tmp_path / "förråd"
    kommando = [sys.executable, "-I", mappstommar.__file__, str(skräp), str(förråd)]
    subprocess.run(
        [*kommando, str(publicerad), *SITER],
        check=True,
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", "")},
    )
    assert not skräp.exists()
    assert _träd(förråd / "public") == ["sida/", "sida/under/", "tom/"]
    assert _träd(förråd / "intranet") == ["ny-sida/", "ny-sida/under/"]
    assert (publicerad / "intranet" / "ny-sida" / "index.html").is_file()  # only read


def test_en_stomme_tas_bara_med_enbart_mappar_och_bara_på_en_tom_plats(tmp_path: Path):
    förråd = tmp_path / "förråd"
    (förråd / "public" / "a" / "b").mkdir(parents=True)
    (förråd / "public" / "c").mkdir()
    upptagen = tmp_path / "upptagen" / "public"
    upptagen.mkdir(parents=True)
    (upptagen / "fil.txt").write_text("här", "utf-8")
    assert mappstommar.ta(upptagen, förråd) is None
    assert (förråd / "public").is_dir() and _träd(upptagen) == ["fil.txt"]

    mål = tmp_path / "ny" / "public"
    mål.parent.mkdir()
    mappar = mappstommar.ta(mål, förråd)
    assert not (förråd / "public").exists()
    assert mappar is not None and sorted(mappar) == sorted(str(mål / m) for m in ("a/b", "a", "c"))
    assert mappar.index(str(mål / "a/b")) < mappar.index(str(mål / "a"))  # deepest first
    (mål / "a" / "b" / "index.html").write_text("ny", "utf-8")
    assert mappstommar.gallra(mappar) == 1  # c: left empty by the build
    assert _träd(mål) == ["a/", "a/b/", "a/b/index.html"]


@pytest.mark.parametrize("vad", ["fil", "länk"])
def test_en_stomme_med_något_annat_än_mappar_tas_aldrig(tmp_path: Path, vad: str):
    förråd = tmp_path / "förråd"
    (förråd / "public" / "sida").mkdir(parents=True)
    if vad == "fil":
        (förråd / "public" / "sida" / "hemlig.html").write_text("hemlig", "utf-8")
    else:
        (tmp_path / "hemlig").mkdir()
        (förråd / "public" / "sida" / "hemlig").symlink_to(tmp_path / "hemlig")
    mål = tmp_path / "ny" / "public"
    assert mappstommar.ta(mål, förråd) is None
    assert not mål.exists() and not (förråd / "public").exists()
    assert (tmp_path / "hemlig").is_dir() or vad == "fil"


# --- a build ------------------------------------------------------------------------------


def _mappar(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def _vänta_på_stommar(rot: Path) -> Path:
    """The old site is emptied by a process of its own after the swap: wait for it."""
    förråd = mappstommar.förråd(rot)
    for _ in range(600):
        if all((förråd / v).is_dir() for v in SITER):
            return förråd
        time.sleep(0.05)
    raise AssertionError(f"inga stommar i {förråd}: {os.listdir(förråd.parent)}")


def _ändra(rot: Path, text: str) -> None:
    källa = sorted((rot / "content" / "styrdokument").glob("*/*.md"))[0]
    källa.write_text(källa.read_text("utf-8") + f"\n{text}\n", "utf-8")


def test_ett_bygge_i_en_gammal_webbplats_mappar_blir_som_ett_från_början(tmp_path: Path):
    rot = kopiera_projekt(tmp_path / "projekt")
    bygg(rot, bara_webbplatser=True)
    _ändra(rot, "En första ändring.")
    bygg(rot, bara_webbplatser=True)  # the first build's site is emptied and kept
    förråd = _vänta_på_stommar(rot)

    # what the old site had and the new one does not: a removed document's page; a folder
    # where the new site has a file (written, copied from the theme, linked from docs)
    borttagen = next(
        källa
        for källa in sorted((rot / "content" / "styrdokument").glob("*/*.md"), reverse=True)
        if (förråd / "public" / källa.relative_to(rot / "content").with_suffix("")).is_dir()
    )
    sida = borttagen.relative_to(rot / "content").with_suffix("").as_posix()
    borttagen.unlink()
    filer = ("sitemap.xml", "404.html", "assets/images/favicon.png", "stilar/styrdok.css")
    for variant in SITER:
        for fil in filer:
            assert (rot / "site" / variant / fil).is_file()
            (förråd / variant / fil / "gammal-mapp").mkdir(parents=True)
    kvar = {v: os.stat(förråd / v / "styrdokument").st_ino for v in SITER}
    stommar = {v: _mappar(förråd / v) for v in SITER}
    _ändra(rot, "En andra ändring.")
    bygg(rot, bara_webbplatser=True)

    # the kept folders were built into (the very same folder), and none is left over
    for variant in SITER:
        assert os.stat(rot / "site" / variant / "styrdokument").st_ino == kvar[variant]
        assert not (rot / "site" / variant / sida).exists()
        assert set(stommar[variant]) - set(_mappar(rot / "site" / variant)) >= {sida}
        for fil in filer:
            assert (rot / "site" / variant / fil).is_file(), fil
    byggda = {v: (summor(rot / "site" / v), _mappar(rot / "site" / v)) for v in SITER}
    shutil.rmtree(_vänta_på_stommar(rot))  # built from nothing, without kept folders
    bygg(rot, bara_webbplatser=True, från_början=True)
    assert not mappstommar.förråd(rot).exists()
    for variant in SITER:
        assert (summor(rot / "site" / variant), _mappar(rot / "site" / variant)) == byggda[variant]


def test_en_fil_i_förrådet_når_aldrig_webbplatsen(tmp_path: Path):
    rot = kopiera_projekt(tmp_path / "projekt")
    bygg(rot, bara_webbplatser=True)
    _ändra(rot, "En första ändring.")
    bygg(rot, bara_webbplatser=True)
    förråd = _vänta_på_stommar(rot)
    (förråd / "public" / "styrdokument" / "hemlig.html").write_text("<p>hemlig</p>", "utf-8")
    _ändra(rot, "En andra ändring.")
    bygg(rot, bara_webbplatser=True)
    assert not (rot / "site" / "public" / "styrdokument" / "hemlig.html").exists()
    assert not list((rot / "site").rglob("hemlig.html"))


def test_efter_ett_första_bygge_görs_mapparna_till_nästa(tmp_path: Path):
    """No old site to keep after a first build: the published sites' folders are made anew
    for the next build, which builds into them."""
    rot = kopiera_projekt(tmp_path / "projekt")
    bygg(rot, bara_webbplatser=True)
    förråd = _vänta_på_stommar(rot)
    for variant in SITER:
        assert _mappar(förråd / variant) == _mappar(rot / "site" / variant)
    kvar = {v: os.stat(förråd / v / "styrdokument").st_ino for v in SITER}
    _ändra(rot, "En första ändring.")
    bygg(rot, bara_webbplatser=True)
    for variant in SITER:
        assert os.stat(rot / "site" / variant / "styrdokument").st_ino == kvar[variant]


def test_ett_skräp_vars_process_arbetar_lämnas_åt_den(tmp_path: Path):
    """The next build does not remove an old site whose own process is still at it (it
    holds the lock in its folder); once that process has ended, it removes what is left."""
    skräp = tmp_path / "build" / publicering.SKRÄP / "tmpabc"
    (skräp / "site" / "public" / "sida").mkdir(parents=True)
    with open(skräp / publicering.LÅS, "w") as lås:
        fcntl.flock(lås, fcntl.LOCK_EX)
        publicering.återställ(tmp_path)
        assert (skräp / "site" / "public" / "sida").is_dir()
    publicering.återställ(tmp_path)
    assert not skräp.exists()
