"""The gate's intranet phrases made from what an earlier build found (``karna/grind_interna``)
are always those made from nothing: whatever the edits in between, a sentence is searched
for on the public site exactly when no public source has it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from styrdok import bygg
from styrdok.bygg import DELAR
from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.karna import bygge, grind_interna

PROJEKT = Path(__file__).resolve().parents[2]
INTERN = "content/styrdokument/omsorg/rutin-for-nyckelhantering-i-hemtjansten.md"
PUBLIK_1 = "content/styrdokument/ekonomi/finanspolicy.md"
PUBLIK_2 = "content/styrdokument/ekonomi/internkontrollplan-2025.md"
MENING = "Nyckelskåpet i korridoren töms varje fredag av den som har helgjouren i hemtjänsten."


@pytest.fixture
def rot(tmp_path: Path) -> Path:
    rot = tmp_path / "projekt"
    for namn in ("content", "templates", "hooks"):
        shutil.copytree(PROJEKT / namn, rot / namn)
    shutil.copy(PROJEKT / "mkdocs.yml", rot / "mkdocs.yml")
    return rot


def _lägg_till(rot: Path, väg: str, text: str) -> None:
    fil = rot / väg
    fil.write_text(fil.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")


def _ta_bort(rot: Path, väg: str, text: str) -> None:
    fil = rot / väg
    fil.write_text(fil.read_text(encoding="utf-8").replace(f"\n\n{text}\n", ""), encoding="utf-8")


def _sökta(rot: Path, cache: Path | None) -> set[tuple[str, str, str]]:
    rapport = Rapport()
    korpus = bygge.ladda_och_validera(rot, rapport, DELAR, behåll=False)
    assert korpus is not None and not rapport.har_fel(), rapport.diagnoser
    return {(s.fras, s.vad, s.källa) for s in grind_interna.intranätsträngar(korpus, cache)}


def _fras(text: str) -> str:
    sökt = grind_interna.sökt(text, "", "")
    assert sökt is not None
    return sökt.fras


def test_ur_minnet_är_alltid_som_från_början(rot: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    cache.mkdir()
    steg = [
        ("läggs till på intranätet", lambda: _lägg_till(rot, INTERN, MENING), True),
        ("en publik källa får den", lambda: _lägg_till(rot, PUBLIK_1, MENING), False),
        ("en andra publik källa får den", lambda: _lägg_till(rot, PUBLIK_2, MENING), False),
        ("den första tappar den", lambda: _ta_bort(rot, PUBLIK_1, MENING), False),
        ("den första får den igen", lambda: _lägg_till(rot, PUBLIK_1, MENING), False),
        ("den andra tappar den", lambda: _ta_bort(rot, PUBLIK_2, MENING), False),
        ("den första tappar den igen", lambda: _ta_bort(rot, PUBLIK_1, MENING), True),
        ("den andra får den", lambda: _lägg_till(rot, PUBLIK_2, MENING), False),
        ("den andra tas bort", lambda: (rot / PUBLIK_2).unlink(), True),
    ]
    _sökta(rot, cache)
    for vad, gör, söks in steg:
        gör()
        ur_minnet, från_början = _sökta(rot, cache), _sökta(rot, None)
        assert ur_minnet == från_början, vad
        assert (_fras(MENING) in {f for f, _, _ in ur_minnet}) == söks, vad


def test_många_ändrade_publika_källor_på_en_gång(rot: Path, tmp_path: Path):
    """More new and changed public sources than are looked at one by one."""
    cache = tmp_path / "cache"
    cache.mkdir()
    _lägg_till(rot, INTERN, MENING)
    _lägg_till(rot, PUBLIK_1, MENING)
    _sökta(rot, cache)
    publika = [
        p
        for p in sorted((rot / "content/styrdokument").rglob("*.md"))
        if "publicering: intranät" not in p.read_text(encoding="utf-8")
    ]
    assert len(publika) > grind_interna._FÅ
    for p in publika:
        p.write_text(p.read_text(encoding="utf-8") + "\n\nEn ny mening.\n", encoding="utf-8")
    _ta_bort(rot, PUBLIK_1, MENING)
    assert _sökta(rot, cache) == _sökta(rot, None)


def test_grinden_stoppar_meningen_när_den_publika_källan_inte_längre_har_den(
    rot: Path, monkeypatch
):
    """End to end: the memory of a build where a public source had the sentence does not
    let it through once that source no longer has it."""
    _lägg_till(rot, INTERN, MENING)
    _lägg_till(rot, PUBLIK_1, MENING)
    bygg.bygg(rot, bara_webbplatser=True)
    _ta_bort(rot, PUBLIK_1, MENING)
    original = bygge._bygg_webbplatser

    def och_smuggla(webbplatser, stage, *resten, **namngivna):
        resultat = original(webbplatser, stage, *resten, **namngivna)
        (stage / "public" / "smugglad.txt").write_text(MENING, encoding="utf-8")
        return resultat

    monkeypatch.setattr(bygge, "_bygg_webbplatser", och_smuggla)
    with pytest.raises(StyrdokFel) as fel:
        bygg.bygg(rot, bara_webbplatser=True)
    diagnoser = [str(d) for d in fel.value.rapport.diagnoser]
    assert any(
        d.startswith("site/public/smugglad.txt:1:1: fel:") and "en mening ur" in d
        for d in diagnoser
    ), diagnoser


UTAN_PUNKT = MENING.removesuffix(".")
SAMMA_ORD = {
    "punktlista utan punkt": f"- {UTAN_PUNKT}\n- Nästa punkt i listan",
    "punktlista med punkt": f"- {MENING}",
    "numrerad lista": f"1. {UTAN_PUNKT}\n2. Nästa punkt",
    "rubrik": f"## {UTAN_PUNKT}\n\nText under rubriken.",
    "tabellcell": f"| Rutin | Hur |\n|---|---|\n| Nycklar | {MENING} |",
    "tabellcell utan punkt": f"| Rutin | Hur |\n|---|---|\n| Nycklar | {UTAN_PUNKT} |",
    "utropstecken": f"{UTAN_PUNKT}!",
    "citat": f"> {UTAN_PUNKT}",
}
"""An intranet sentence's words in a public source, in the forms Markdown gives them: as
the site and its search index show them, they may end in a full stop (Pagefind joins a
page's blocks with one) or not."""


@pytest.mark.parametrize("form", SAMMA_ORD)
def test_en_mening_som_en_publik_källa_har_i_annan_form_söks_inte(rot: Path, form: str):
    """The same words in a public source, as a list item, heading, table cell or quote,
    with or without the full stop: published by right, so not searched for (it stopped a
    generated kommun's build, its search index holding the public list item followed by
    a full stop)."""
    _lägg_till(rot, INTERN, MENING)
    assert _fras(MENING) in {f for f, _, _ in _sökta(rot, None)}
    _lägg_till(rot, PUBLIK_1, SAMMA_ORD[form])
    assert _fras(MENING) not in {f for f, _, _ in _sökta(rot, None)}


def test_en_publik_punktlista_med_en_intranätmenings_ord_publiceras(rot: Path):
    """End to end: the public list item is on the public site and in its search index, and
    the build publishes it (the smuggled sentence is still stopped: the test above)."""
    _lägg_till(rot, INTERN, MENING)
    _lägg_till(rot, PUBLIK_1, SAMMA_ORD["punktlista utan punkt"])
    bygg.bygg(rot, bara_webbplatser=True)
    sida = rot / "site/public/styrdokument/ekonomi/finanspolicy/index.html"
    assert UTAN_PUNKT in sida.read_text(encoding="utf-8")
