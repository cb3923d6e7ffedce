"""The pages are generated while the documents render (``rendering.render_alla(medan=...)``):
the documents are made in a folder of the cache's own and put in place only after the pages,
which rewrite the very folders they go to; a failure on either side stops the build as before."""

from __future__ import annotations

import dataclasses
import json
import shutil
import threading
from pathlib import Path

import pytest
from conftest import kopiera_projekt, summor

from styrdok.bygg import DELAR, bygg
from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.karna import bygge, leveranser, rendercache

DOKUMENT = "content/styrdokument/ekonomi/anvisning-for-representation-och-gavor.md"
PDF = "build/mkdocs/intranät/filer/styrdokument/ekonomi/anvisning-for-representation-och-gavor.pdf"


@pytest.fixture(scope="module")
def projekt(tmp_path_factory) -> Path:
    rot = kopiera_projekt(tmp_path_factory.mktemp("medan") / "projekt")
    bygg(rot)
    return rot


def test_ändrat_dokument_görs_medan_sidorna_genereras_och_läggs_sedan_på_plats(
    projekt: Path, monkeypatch
):
    dok = projekt / DOKUMENT
    dok.write_text(dok.read_text(encoding="utf-8") + "\nEn ny mening om gåvor.\n", "utf-8")
    före = (projekt / PDF).read_bytes()
    under_tiden: dict[str, bool] = {}
    original = bygge.generera_sidor

    def generera(korpus, variant, ut, behåll=()):
        webbplats = original(korpus, variant, ut, behåll)
        # the pages are written; the new document is not there yet (the old one may be: it
        # is replaced, never written into, once the pages are done)
        pdf = projekt / PDF
        under_tiden[variant] = pdf.exists() and pdf.read_bytes() != före
        return webbplats

    monkeypatch.setattr(bygge, "generera_sidor", generera)
    meddelanden: list[str] = []
    bygg(projekt, meddela=meddelanden.append)
    assert under_tiden["intranät"] is False
    assert any("skapade intranät/filer/styrdokument/ekonomi/anvisning" in m for m in meddelanden)
    efter = projekt / PDF
    assert efter.read_bytes() != före
    publicerad = projekt / "site/intranet" / Path(PDF).relative_to("build/mkdocs/intranät")
    assert publicerad.read_bytes() == efter.read_bytes()
    assert not (projekt / "build/cache/.renderas").exists()


def test_fel_när_sidorna_genereras_stoppar_bygget_och_väntar_in_dokumenten(
    projekt: Path, monkeypatch
):
    dok = projekt / DOKUMENT
    dok.write_text(dok.read_text(encoding="utf-8") + "\nÄnnu en mening.\n", "utf-8")
    före = summor(projekt / "site")

    def trasig(korpus, variant, ut, behåll=()):
        raise StyrdokFel("mallen kunde inte läsas")

    monkeypatch.setattr(bygge, "generera_sidor", trasig)
    with pytest.raises(StyrdokFel, match="mallen kunde inte läsas"):
        bygg(projekt)
    assert threading.active_count() == 1  # the thread waiting for the documents is done
    assert summor(projekt / "site") == före
    monkeypatch.undo()
    bygg(projekt)
    assert "Ännu en mening" in (
        projekt
        / "site/intranet/styrdokument/ekonomi/anvisning-for-representation-och-gavor/index.html"
    ).read_text(encoding="utf-8")


def test_oförändrade_dokument_läggs_på_plats_medan_de_ändrade_fortfarande_görs(
    projekt: Path, monkeypatch
):
    """Once the pages are generated, the unchanged documents are put in place while the
    changed ones still render (not after): the wait for the workers holds until they are."""
    from styrdok.karna import rendercache, rendering

    dok = projekt / DOKUMENT
    dok.write_text(dok.read_text(encoding="utf-8") + "\nEn mening till.\n", "utf-8")
    lagda = threading.Event()
    original_rendera, original_återanvänd = rendering._rendera, rendercache._Cache.återanvänd

    def rendera(uppgifter, *args, i_processer=False, **kwargs):
        if i_processer and not lagda.wait(30):  # the thread that waits for the workers
            raise AssertionError("de oförändrade dokumenten lades på plats först efteråt")
        yield from original_rendera(uppgifter, *args, i_processer=i_processer, **kwargs)

    def återanvänd(self, j, delar):
        lagd = original_återanvänd(self, j, delar)
        lagda.set()
        return lagd

    monkeypatch.setattr(rendering, "_rendera", rendera)
    monkeypatch.setattr(rendercache._Cache, "återanvänd", återanvänd)
    meddelanden: list[str] = []
    bygg(projekt, meddela=meddelanden.append)
    assert lagda.is_set()
    assert any("skapade intranät/filer/styrdokument/ekonomi/anvisning" in m for m in meddelanden)
    publicerad = projekt / "site/intranet" / Path(PDF).relative_to("build/mkdocs/intranät")
    assert publicerad.read_bytes() == (projekt / PDF).read_bytes()


def test_arbetarna_startas_medan_källorna_läses_när_dokument_gjorts_förut(
    projekt: Path, tmp_path: Path, monkeypatch
):
    """With --bara-webbplatser the workers that make the documents are started before the
    sources are read when the project has documents from before (a changed source's are
    then made again); a cache that is missing or holds no document has none."""
    startade: list[bool] = []
    monkeypatch.setattr(bygge, "starta_arbetare_i_förväg", lambda _: startade.append(True))
    bygg(projekt, bara_webbplatser=True)
    assert startade == [True]
    assert rendercache.har_artefakter(projekt / "build" / "cache")
    assert not rendercache.har_artefakter(tmp_path / "saknas")
    (tmp_path / "artefakter").mkdir()
    assert not rendercache.har_artefakter(tmp_path)
    (tmp_path / "artefakter" / "x.pdf").write_bytes(b"%PDF")
    assert rendercache.har_artefakter(tmp_path)


def test_förhandsgranskningen_slår_upp_dokumenten_i_cachen_utan_att_rendera(
    projekt: Path, tmp_path: Path
):
    """``styrdok serve`` looks every document up after every save (``rendercache.i_cachen``):
    each job finds exactly the artefact for its current inputs, in a cache listed once; a
    cache without documents finds none, and one whose sources changed finds none for them."""
    korpus = bygge.ladda_och_validera(projekt, Rapport(), DELAR, behåll=False)
    assert korpus is not None
    with bygge.källdatum(korpus):
        plan = leveranser.planera(korpus, {bygge.INTRANÄT: tmp_path / "docs"})
        cache = projekt / "build" / "cache"
        funna = rendercache.i_cachen(plan.jobb, cache)
        assert funna.keys() == set(plan.jobb) and all(funna.values())
        for j, artefakt in funna.items():
            delar = rendercache.nyckeldelar(j)
            assert artefakt == cache / rendercache.ARTEFAKTER / rendercache.artefaktnamn(j, delar)
            assert artefakt.is_file()
        assert set(rendercache.i_cachen(plan.jobb, tmp_path).values()) == {None}
        (tmp_path / rendercache.ARTEFAKTER).mkdir()
        (tmp_path / rendercache.ARTEFAKTER / "x.pdf").write_bytes(b"%PDF")
        assert set(rendercache.i_cachen(plan.jobb, tmp_path).values()) == {None}
        ändrad = [
            dataclasses.replace(j, vy=dataclasses.replace(j.vy, titel="Ny")) for j in plan.jobb[:2]
        ]
        assert set(rendercache.i_cachen(ändrad, cache).values()) == {None}


def test_om_dokument_gjorts_förut_avgörs_utan_att_göra_en_enda_vy_när_inga_gjorts(
    tmp_path: Path,
):
    """``build --bara-webbplatser`` asks whether an earlier build made any document (the
    render cache knows one, or the published site has one at a planned path): in a project
    that never made any, the answer comes from the paths alone, no document's view made
    (~0.2 s at 1,000 documents); it is the same answer as the views' would be."""
    rot = kopiera_projekt(tmp_path / "projekt")
    korpus = bygge.ladda_och_validera(rot, Rapport(), DELAR, behåll=False)
    assert korpus is not None
    mappar = {v: rot / "build" / "mkdocs" / v for v in bygge.SITE_MAPPAR}
    with bygge.källdatum(korpus):
        plan = leveranser.planera(korpus, mappar)
        assert not leveranser.tidigare_byggda(korpus, plan, mappar)
        assert not any("vy" in vars(lev) for lev, _, _ in plan.platser)
        # a PDF the site has anyway (an attachment) is not one of the plan's documents
        publik = rot / "site" / bygge.SITE_MAPPAR[bygge.PUBLIK]
        bilaga = publik / "filer" / "styrdokument" / "ekonomi" / "en-bilaga.pdf"
        bilaga.parent.mkdir(parents=True)
        bilaga.write_bytes(b"%PDF")
        assert not leveranser.tidigare_byggda(korpus, plan, mappar)
        # one planned document in the published site (its cache emptied since): made before
        lev, format_, ut = next(
            p for p in plan.platser if p[2].is_relative_to(mappar[bygge.INTRANÄT])
        )
        intranät = rot / "site" / bygge.SITE_MAPPAR[bygge.INTRANÄT]
        (intranät / ut.relative_to(mappar[bygge.INTRANÄT])).parent.mkdir(parents=True)
        (intranät / ut.relative_to(mappar[bygge.INTRANÄT])).write_bytes(b"%PDF")
        assert leveranser.tidigare_byggda(korpus, plan, mappar)
        assert not any("vy" in vars(lev) for lev, _, _ in plan.platser)
        # the render cache knowing one is enough, the site aside; the views are made for it
        shutil.rmtree(rot / "site")
        assert not leveranser.tidigare_byggda(korpus, plan, mappar)
        cache = rot / "build" / "cache"
        cache.mkdir(parents=True, exist_ok=True)
        nyckel = rendercache.dokumentnyckel(plan.jobb[0])
        (cache / rendercache.MANIFEST).write_text(json.dumps({nyckel: {}}), encoding="utf-8")
        assert leveranser.tidigare_byggda(korpus, plan, mappar)
        (cache / rendercache.MANIFEST).write_text(json.dumps({"pdf:ett-annat": {}}), "utf-8")
        assert not leveranser.tidigare_byggda(korpus, plan, mappar)
