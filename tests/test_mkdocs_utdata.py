"""A build makes each file of a site anew, or links the published file where it holds the
very same bytes (``webb/mkdocs_utdata``, ``grund/filer.skriv_ny``), and never writes into a
published file: the site as published stays exactly as it was until the new one replaces
it, whatever the build does, and the new site is what a build from nothing makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import kopiera_projekt, summor

from styrdok.bygg import bygg
from styrdok.grund.filer import skriv_ny

SITER = ("public", "intranet")


# --- the one way a build writes a file ------------------------------------------------


@pytest.fixture
def förra(tmp_path: Path) -> Path:
    fil = tmp_path / "site" / "sida" / "index.html"
    fil.parent.mkdir(parents=True)
    fil.write_bytes(b"<p>Publicerad</p>")
    return fil


def test_samma_bytes_blir_en_länk_till_den_publicerade_filen(förra: Path, tmp_path: Path):
    mål = tmp_path / "ny" / "sida" / "index.html"
    assert skriv_ny(mål, b"<p>Publicerad</p>", förra=förra)
    assert os.path.samefile(mål, förra)
    källa = tmp_path / "källa.html"
    källa.write_bytes(b"<p>Publicerad</p>")
    assert skriv_ny(tmp_path / "ny" / "kopia.html", källa=källa, förra=förra)
    assert os.path.samefile(tmp_path / "ny" / "kopia.html", förra)


@pytest.mark.parametrize("som", ["bytes", "fil"])
def test_andra_bytes_blir_en_ny_fil_och_den_publicerade_är_orörd(
    förra: Path, tmp_path: Path, som: str
):
    mål = tmp_path / "ny" / "sida" / "index.html"
    mål.parent.mkdir(parents=True)
    os.link(förra, mål)  # what a build linked before: replaced, never written into
    källa = tmp_path / "källa.html"
    källa.write_bytes(b"<p>Ny</p>")
    if som == "bytes":
        assert not skriv_ny(mål, b"<p>Ny</p>", förra=förra)
    else:
        assert not skriv_ny(mål, källa=källa, förra=förra)
    assert mål.read_bytes() == b"<p>Ny</p>"
    assert förra.read_bytes() == b"<p>Publicerad</p>"
    assert not os.path.samefile(mål, förra)
    assert not skriv_ny(mål, b"<p>Utan tidigare</p>")  # no published file: written
    assert (mål.read_bytes(), förra.read_bytes()) == (b"<p>Utan tidigare</p>", b"<p>Publicerad</p>")


def test_en_symbolisk_länk_i_den_publicerade_webbplatsen_länkas_inte(tmp_path: Path):
    utanför = tmp_path / "hemlig.txt"
    utanför.write_bytes(b"samma")
    förra = tmp_path / "site" / "fil.txt"
    förra.parent.mkdir()
    förra.symlink_to(utanför)
    mål = tmp_path / "ny" / "fil.txt"
    assert not skriv_ny(mål, b"samma", förra=förra)
    assert not mål.is_symlink() and not os.path.samefile(mål, utanför)


# --- a build ----------------------------------------------------------------------------


def _bygg(rot: Path, **kwargs) -> None:
    bygg(rot, bara_webbplatser=True, **kwargs)


def _spara(rot: Path, kvar: Path) -> dict[str, bytes]:
    """Every published file hard-linked into ``kvar`` (so it can be read whatever the build
    does with site/), with its bytes now."""
    innehåll = {}
    for variant in SITER:
        for fil in sorted((rot / "site" / variant).rglob("*")):
            if fil.is_file():
                väg = fil.relative_to(rot / "site").as_posix()
                (kvar / väg).parent.mkdir(parents=True, exist_ok=True)
                os.link(fil, kvar / väg)
                innehåll[väg] = fil.read_bytes()
    return innehåll


def _ändra_ett_dokument(rot: Path) -> str:
    """A sentence more in a document both sites show; its page's path under site/."""
    for källa in sorted((rot / "content" / "styrdokument").glob("*/*.md")):
        väg = källa.relative_to(rot / "content").with_suffix("").as_posix()
        if (rot / "site" / "public" / väg / "index.html").is_file():
            källa.write_text(
                källa.read_text(encoding="utf-8") + "\nEn ny mening om vinterväghållning.\n",
                encoding="utf-8",
            )
            return f"public/{väg}/index.html"
    raise AssertionError("inget publikt styrdokument i exemplet")


@pytest.fixture(scope="module")
def projekt(tmp_path_factory) -> Path:
    rot = kopiera_projekt(tmp_path_factory.mktemp("utdata") / "projekt")
    _bygg(rot)
    return rot


def test_ett_bygge_efter_en_ändring_länkar_det_oförändrade_och_skriver_aldrig_i_det_publicerade(
    projekt: Path, tmp_path: Path
):
    kvar = tmp_path / "kvar"
    före = _spara(projekt, kvar)
    ändrad = _ändra_ett_dokument(projekt)
    meddelanden: list[str] = []
    _bygg(projekt, meddela=meddelanden.append)
    # the search index brought up to date, each linked page known as the one it indexed
    assert any(
        m.startswith("sökindex (publik): ") and "indexerades om" in m for m in meddelanden
    ), meddelanden

    # not one published file was written into
    for väg, data in före.items():
        assert (kvar / väg).read_bytes() == data, väg
    # the edited page is a file of its own; every page as it was is the published file
    sida = projekt / "site" / ändrad
    assert "vinterväghållning" in sida.read_text(encoding="utf-8")
    assert not os.path.samefile(sida, kvar / ändrad)
    sidor = [
        väg
        for väg, data in före.items()
        if väg.endswith(".html")
        and "/pagefind/" not in väg
        and (projekt / "site" / väg).is_file()
        and (projekt / "site" / väg).read_bytes() == data
    ]
    assert len(sidor) > 50
    olänkade = [v for v in sidor if not os.path.samefile(projekt / "site" / v, kvar / v)]
    assert olänkade == []

    # the same sites as a build from nothing makes
    byggda = {variant: summor(projekt / "site" / variant) for variant in SITER}
    _bygg(projekt, från_början=True)
    for variant in SITER:
        assert summor(projekt / "site" / variant) == byggda[variant], variant


KROK = """
from pathlib import Path


def on_post_build(config):
    \"\"\"A project's own hook that writes into a built page in place (from its second build).\"\"\"
    if (Path(config.config_file_path).parent / "krok-skriver").exists():
        with open(Path(config.site_dir) / "404.html", "a", encoding="utf-8") as sida:
            sida.write("<!-- krok -->")
"""


def test_en_egen_krok_som_kan_skriva_i_filerna_stänger_av_länkarna(tmp_path: Path):
    rot = kopiera_projekt(tmp_path / "projekt")
    (rot / "hooks" / "egen_krok.py").write_text(KROK, encoding="utf-8")
    konfig = rot / "mkdocs.yml"
    text = konfig.read_text(encoding="utf-8")
    assert "  - hooks/styrdok_hooks.py\n" in text
    konfig.write_text(
        text.replace(
            "  - hooks/styrdok_hooks.py\n", "  - hooks/styrdok_hooks.py\n  - hooks/egen_krok.py\n"
        ),
        encoding="utf-8",
    )
    _bygg(rot)
    kvar = tmp_path / "kvar"
    före = _spara(rot, kvar)
    (rot / "krok-skriver").touch()
    _ändra_ett_dokument(rot)
    _bygg(rot)

    # the hook wrote into a page as mkdocs made it (the same as published): not into that
    for väg, data in före.items():
        assert (kvar / väg).read_bytes() == data, väg
    for variant in SITER:
        sida = (rot / "site" / variant / "404.html").read_text(encoding="utf-8")
        assert sida.endswith("<!-- krok -->") and sida.count("<!-- krok -->") == 1
    länkade = [
        väg
        for väg in före
        if väg.endswith(".html")
        and "/pagefind/" not in väg
        and (rot / "site" / väg).is_file()
        and os.path.samefile(rot / "site" / väg, kvar / väg)
    ]
    assert länkade == []
