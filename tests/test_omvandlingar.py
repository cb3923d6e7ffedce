"""The two sites share their Markdown conversions (``webb/mkdocs_omvandlingar``): a page is
converted once for both where its links resolve the same on both, never where they do not;
the intranet converts from the last page without changing a byte of what it publishes; the
shared store keeps what either site used."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from conftest import kopiera_projekt, summor

from styrdok.bygg import bygg
from styrdok.webb import mkdocs_omvandlingar
from styrdok.webb.mkdocs_sidcache import Sidcache
from styrdok.webb.sidminne import Sidminne


def test_intranätet_tar_den_publika_webbplatsens_omvandlingar_och_ordningen_ändrar_inget(
    tmp_path: Path, monkeypatch
):
    """Built together, the sites convert each shared page about once (the store holds far
    fewer conversions than the two sites have pages), and the intranet's backwards reading
    changes nothing it publishes: the same bytes as a build that reads in the engine's order."""
    rot = kopiera_projekt(tmp_path / "projekt")
    meddelanden: list[str] = []
    bygg(rot, bara_webbplatser=True, från_början=True, meddela=meddelanden.append)
    gjorda = sum(int(m.split(": ")[1].split()[0]) for m in meddelanden if "gjordes" in m)
    lager = rot / "build" / "cache" / "webbplats" / "omvandlingar"
    använda = {
        v: set(json.loads((lager / f".använda-{v}.json").read_text(encoding="utf-8")))
        for v in ("publik", "intranät")
    }
    delade = använda["publik"] & använda["intranät"]
    assert len(delade) > 0.8 * len(använda["publik"]), (len(delade), len(använda["publik"]))
    assert len(list(lager.glob("[!.]*.json"))) < 0.7 * gjorda
    baklänges = {v: summor(rot / "site" / v) for v in ("public", "intranet")}

    monkeypatch.setattr(mkdocs_omvandlingar.Omvandlingar, "vänd", lambda self, files: None)
    bygg(rot, bara_webbplatser=True, från_början=True)
    for variant, före in baklänges.items():
        efter = summor(rot / "site" / variant)
        assert före.keys() == efter.keys()
        olika = sorted(k for k in före if före[k] != efter[k])
        assert not olika, f"{variant}: {len(olika)} filer skiljer sig, t.ex. {olika[:5]}"


def _mkdocs(rot: Path, namn: str, sidor: dict[str, str], lager: Path, variant: str) -> Path:
    """A plain mkdocs site built with the page cache, its store in ``lager``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = rot / namn / "docs"
    for väg, text in sidor.items():
        (docs / väg).parent.mkdir(parents=True, exist_ok=True)
        (docs / väg).write_text(text, encoding="utf-8")
    konfig = rot / namn / "mkdocs.yml"
    konfig.write_text("site_name: Prov\ntheme:\n  name: material\nplugins: []\n", encoding="utf-8")
    site = rot / namn / "site"
    config = load_config(config_file=str(konfig), site_dir=str(site))
    config.plugins["styrdok/sidminne"] = Sidcache(
        lager / variant, variant, baklänges=variant == "intranät"
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def test_en_länk_som_löses_annorlunda_tas_aldrig_från_den_andra_webbplatsen(tmp_path: Path, caplog):
    """The same Markdown at the same path, but its link's target exists on one site only:
    the other site converts the page itself (the link stays as written, and the engine
    warns), and each site keeps getting its own conversion from the store."""
    lager = tmp_path / "lager"
    sida = "# Start\n\nSe [målet](mal.md) och [rubriken](mal.md#del).\n"
    med = {"index.md": sida, "mal.md": "# Mål\n\n## Del\n\nText.\n", "annan.md": "# Annan\n"}
    utan = {"index.md": sida, "annan.md": "# Annan\n"}
    a = _mkdocs(tmp_path, "a", med, lager, "intranät")
    assert 'href="mal/"' in (a / "index.html").read_text(encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        b = _mkdocs(tmp_path, "b", utan, lager, "publik")
    b_sida = (b / "index.html").read_text(encoding="utf-8")
    assert 'href="mal.md"' in b_sida and 'href="mal/"' not in b_sida
    assert any("mal.md" in r.getMessage() for r in caplog.records)
    # stored: the intranet's three pages; the public start page warned (is not stored),
    # and its page with no links was the intranet's conversion
    assert len(list((lager / "omvandlingar").glob("[!.]*.json"))) == 3
    # and again, each from the store: the resolved link on one site, the warning on the other
    a2 = _mkdocs(tmp_path, "a", med, lager, "intranät")
    assert (a2 / "index.html").read_text(encoding="utf-8") == (a / "index.html").read_text(
        encoding="utf-8"
    )
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        _mkdocs(tmp_path, "b", utan, lager, "publik")
    assert any("mal.md" in r.getMessage() for r in caplog.records)


def test_ett_nytt_dokument_gör_bara_om_sidorna_som_länkar_dit(tmp_path: Path):
    """A conversion depends on the links it resolved, not on every file of the site: a new
    page converts the pages that link to where it now is, and nothing else."""
    lager = tmp_path / "lager"
    sidor = {
        "index.md": "# Start\n\nSe [nyheten](ny.md).\n",
        **{f"s{i}.md": f"# Sida {i}\n\nText {i}.\n" for i in range(5)},
    }
    _mkdocs(tmp_path, "a", sidor, lager, "publik")
    före = set(json.loads((lager / "omvandlingar" / ".använda-publik.json").read_text()))
    site = _mkdocs(tmp_path, "a", {**sidor, "ny.md": "# Ny\n"}, lager, "publik")
    efter = set(json.loads((lager / "omvandlingar" / ".använda-publik.json").read_text()))
    assert len(efter - före) == 2  # the new page, and the start page whose link now resolves
    assert 'href="ny/"' in (site / "index.html").read_text(encoding="utf-8")


def test_det_delade_lagret_behåller_det_någon_webbplats_använde(tmp_path: Path):
    """Each site cleans the shared store after its build: what it used, what the other site
    used in its last build, and anything written in the last minutes (the other site may be
    building) stay; the rest goes, temporary files of a killed build with it."""
    gammal = time.time() - 3600
    publik, intranät = (
        Sidminne(tmp_path, delad_av="publik"),
        Sidminne(tmp_path, delad_av="intranät"),
    )
    for namn in ("båda", "bara-intranät", "ingen", "ny"):
        publik.spara(namn, {"x": namn})
    for namn in ("båda", "bara-intranät", "ingen"):
        os.utime(tmp_path / f"{namn}.json", (gammal, gammal))
    (tmp_path / ".ingen.json.abc").write_bytes(b"halv")
    os.utime(tmp_path / ".ingen.json.abc", (gammal, gammal))
    (tmp_path / ".ny.json.def").write_bytes(b"skrivs nu")
    (tmp_path / "förr.json.z").write_bytes(b"packat av en tidigare styrdok")
    os.utime(tmp_path / "förr.json.z", (gammal, gammal))

    intranät.hämta("båda"), intranät.hämta("bara-intranät")
    intranät.städa()
    publik = Sidminne(tmp_path, delad_av="publik")
    publik.hämta("båda")
    publik.städa()
    kvar = sorted(p.name for p in tmp_path.iterdir())
    assert kvar == [
        ".använda-intranät.json",
        ".använda-publik.json",
        ".ny.json.def",
        "bara-intranät.json",
        "båda.json",
        "ny.json",
    ]
