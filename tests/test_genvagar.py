"""Pages the site engine need not read again (``webb/mkdocs_genvagar``): a page whose file is
the one the last build read is not read or converted, and the site comes out byte for byte
as a build without any store makes it; its links to anchors are still checked; a changed
navigation, a file written within a clock tick and a page that warned are read again."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from conftest import summor

from styrdok.webb.mkdocs_sidcache import Sidcache

TIMME_NS = 3600 * 10**9

SIDOR = {
    "index.md": "# Start\n\nVälkommen.\n",
    "a.md": "# Sida A\n\nSe [B:s del](b.md#del) och [C](c.md).\n",
    "b.md": "# Sida B\n\nInledning.\n\n## Del\n\nText i delen.\n",
    "c.md": "---\ntitle: Sida C\n---\n\nEn sida med titeln i front matter.\n",
}


def _skriv(docs: Path, sidor: dict[str, str], förr: bool = True) -> None:
    """The pages into ``docs``; with ``förr`` dated an hour back (as a page the generation
    left unchanged since an earlier build is: not within a clock tick of being read)."""
    for väg, text in sidor.items():
        fil = docs / väg
        fil.parent.mkdir(parents=True, exist_ok=True)
        if fil.is_file() and fil.read_text(encoding="utf-8") == text:
            continue
        fil.unlink(missing_ok=True)  # written anew, as skriv_mappen does
        fil.write_text(text, encoding="utf-8")
        if förr:
            då = time.time_ns() - TIMME_NS
            os.utime(fil, ns=(då, då))


def _bygg(rot: Path, lager: Path | None, nav: str = "Start") -> tuple[Path, Sidcache | None]:
    """The site of ``rot/docs`` built by the engine with the page cache (its store in
    ``lager``; none: built as by plain mkdocs), into a new folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    konfig = rot / "mkdocs.yml"
    konfig.write_text(
        "site_name: Prov\ntheme:\n  name: material\nplugins: []\n"
        f"nav:\n  - {nav}: index.md\n"
        "validation:\n  nav:\n    omitted_files: ignore\n  links:\n    anchors: warn\n",
        encoding="utf-8",
    )
    site = rot / f"site-{time.time_ns()}"
    config = load_config(config_file=str(konfig), site_dir=str(site))
    cache = None
    if lager is not None:
        cache = config.plugins["styrdok/sidminne"] = Sidcache(lager / "publik", "publik")
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site, cache


def _utan_lager(rot: Path) -> dict[str, str]:
    return summor(_bygg(rot, None)[0])


def test_en_sida_som_är_som_förra_gången_läses_inte_och_webbplatsen_blir_densamma(
    tmp_path: Path,
) -> None:
    lager = tmp_path / "lager"
    _skriv(tmp_path / "docs", SIDOR)
    första, cache = _bygg(tmp_path, lager)
    assert cache is not None and cache.genvägar.tagna == 0
    assert summor(första) == _utan_lager(tmp_path)

    omvandlingar = lager / "omvandlingar"
    sparade = sorted(f.name for f in omvandlingar.glob("[!.]*.json"))
    då = time.time_ns() - TIMME_NS
    for fil in omvandlingar.iterdir():  # not kept for being new
        os.utime(fil, ns=(då, då))
    andra, cache = _bygg(tmp_path, lager)
    assert cache is not None and cache.genvägar.tagna == 3  # all but the page in the nav
    assert summor(andra) == summor(första)
    # the conversions of the pages not read stay in the shared store (the other site, or a
    # changed navigation, takes them from there)
    assert sorted(f.name for f in omvandlingar.glob("[!.]*.json")) == sparade

    _skriv(tmp_path / "docs", {"c.md": SIDOR["c.md"].replace("En sida", "En ändrad sida")})
    tredje, cache = _bygg(tmp_path, lager)
    assert cache is not None and cache.genvägar.tagna == 2
    assert summor(tredje) == _utan_lager(tmp_path)
    assert "En ändrad sida" in (tredje / "c" / "index.html").read_text(encoding="utf-8")


def test_länkar_till_ankare_kontrolleras_även_från_en_sida_som_inte_lästs(
    tmp_path: Path, caplog
) -> None:
    """a.md links to b.md#del; b.md loses that heading. a.md is not read again, and the
    engine warns of its link all the same, as it does without the store."""
    lager = tmp_path / "lager"
    _skriv(tmp_path / "docs", SIDOR)
    _bygg(tmp_path, lager)
    _skriv(tmp_path / "docs", {"b.md": "# Sida B\n\nInledning utan delar.\n"})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        site, cache = _bygg(tmp_path, lager)
    assert cache is not None and cache.genvägar.tagna == 2  # a.md and c.md
    varningar = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("a.md" in v and "#del" in v for v in varningar), varningar
    assert summor(site) == _utan_lager(tmp_path)


def test_en_sida_som_läses_ser_ankarna_på_en_sida_som_inte_lästs(tmp_path: Path, caplog) -> None:
    """a.md is edited and read again; b.md, whose heading it links to, is not read: its
    anchors are there all the same, and nothing is warned of."""
    lager = tmp_path / "lager"
    _skriv(tmp_path / "docs", SIDOR)
    _bygg(tmp_path, lager)
    _skriv(tmp_path / "docs", {"a.md": SIDOR["a.md"] + "\nEn mening till.\n"})
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        site, cache = _bygg(tmp_path, lager)
    assert cache is not None and cache.genvägar.tagna == 2  # b.md and c.md
    assert not [r.getMessage() for r in caplog.records if "#del" in r.getMessage()]
    assert summor(site) == _utan_lager(tmp_path)


def test_en_ändrad_navigering_läser_sidorna_ändå(tmp_path: Path) -> None:
    """The output is keyed by the navigation, which every page shows: with a new title in
    it, the pages are read and converted after all, and come out as without the store."""
    lager = tmp_path / "lager"
    _skriv(tmp_path / "docs", SIDOR)
    _bygg(tmp_path, lager)
    site, cache = _bygg(tmp_path, lager, nav="Startsidan")
    assert cache is not None and cache.genvägar.tagna == 0
    utan = summor(_bygg(tmp_path, None, nav="Startsidan")[0])
    assert summor(site) == utan
    assert "Startsidan" in (site / "a" / "index.html").read_text(encoding="utf-8")


def test_en_fil_skriven_inom_ett_klockslag_läses_igen(tmp_path: Path) -> None:
    """A file written just before it was read could change again in the same tick without
    its time changing: it is read again next time."""
    lager = tmp_path / "lager"
    _skriv(tmp_path / "docs", SIDOR, förr=False)
    _bygg(tmp_path, lager)
    _, cache = _bygg(tmp_path, lager)
    assert cache is not None and cache.genvägar.tagna == 0


def test_en_sida_som_varnade_läses_igen_och_varnar_igen(tmp_path: Path, caplog) -> None:
    lager = tmp_path / "lager"
    _skriv(tmp_path / "docs", {**SIDOR, "d.md": "# D\n\nTill [ingenstans](saknas.md).\n"})
    _bygg(tmp_path, lager)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        _, cache = _bygg(tmp_path, lager)
    assert cache is not None and cache.genvägar.tagna == 3  # not d.md
    assert any("saknas.md" in r.getMessage() for r in caplog.records)


def test_ett_trasigt_eller_främmande_register_kostar_bara_tid(tmp_path: Path) -> None:
    lager = tmp_path / "lager"
    _skriv(tmp_path / "docs", SIDOR)
    första, _ = _bygg(tmp_path, lager)
    register = lager / "publik-genvagar.json"
    for innehåll in ('{"schema": 1, "grund": "x", "sidor": []', "[]", '{"sidor": {"a.md": 1}}'):
        register.write_text(innehåll, encoding="utf-8")
        site, cache = _bygg(tmp_path, lager)
        assert cache is not None and cache.genvägar.tagna == 0
        assert summor(site) == summor(första)
