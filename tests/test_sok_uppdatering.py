"""The search index brought up to date after an edit (styrdok/webb/sok_uppdatering.py):
whatever the edit, the updated index holds what an index made from nothing holds, word
for word, form for form, place for place; where it cannot be updated it is made from
nothing; the previous index is never written into."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import pagefind_hämtar

from styrdok.karna.webbplats import ByggdBas
from styrdok.webb import (
    sok,
    sok_delning,
    sok_ordning,
    sok_sammanslagning,
    sok_sidor,
    sok_uppdatering,
)


def läs(mapp: Path) -> dict:
    """An index as what it means, not how it is laid out in files: each page by its address
    (its fragment and word count), each word's places by form and page address (the fields'
    places by field name), each filter value's page addresses, and the rest of the meta."""
    post = json.loads((mapp / "pagefind-entry.json").read_text(encoding="utf-8"))
    ((_, uppgifter),) = post["languages"].items()
    meta = sok_ordning.läs(mapp / f"pagefind.{uppgifter['hash']}.pf_meta")
    adresser, sidor = [], {}
    for namn, ord_antal in meta[1]:
        data = gzip.decompress((mapp / "fragment" / f"{namn}.pf_fragment").read_bytes())
        fragment = json.loads(data[len(sok_ordning.MARKÖR) :])
        adresser.append(fragment["url"])
        sidor[fragment["url"]] = (namn, ord_antal, fragment)
    ord_: dict[str, dict] = {}
    for _, _, namn, *_ in meta[2]:
        for ordet, lista, former in sok_ordning.läs(mapp / "index" / f"{namn}.pf_index")[0]:
            assert ordet not in ord_
            ord_[ordet] = {}
            for form, sidlista in (("", lista), *former):
                nr, platser = 0, {}
                for skillnad, ställen, i_fält in sidlista:
                    nr += skillnad
                    fält = tuple(meta[5][-x - 1] if x < 0 else x for x in i_fält)
                    platser[adresser[nr]] = (tuple(ställen), fält)
                assert platser or not form, (ordet, form)  # a word may be only in its forms
                if platser:
                    ord_[ordet][form] = platser
    filter_ = {}
    for _, fil, *_ in meta[3]:
        namn, värden = sok_ordning.läs(mapp / "filter" / f"{fil}.pf_filter")
        filter_[namn] = {v: sorted(adresser[s] for s in sidor_) for v, sidor_ in värden}
    return {
        "version": meta[0],
        "sidor": sidor,
        "ord": ord_,
        "filter": filter_,
        "sortering": meta[4],
        "fält": meta[5],
        "antal": post["languages"]["sv"]["page_count"],
    }


def hämtas_där_de_finns(mapp: Path) -> None:
    """Every word is looked up by Pagefind's search in the range that holds it."""
    meta = _meta(mapp.parent)
    for _, _, namn, *_ in meta[2]:
        for ordet, *_ in sok_ordning.läs(mapp / "index" / f"{namn}.pf_index")[0]:
            assert pagefind_hämtar(meta[2], ordet) == namn, ordet


@pytest.fixture
def gammal(exempel_webbplatser: Path, tmp_path: Path) -> Path:
    """The example's public site as built and published, its index made from nothing."""
    mapp = tmp_path / "gammal"
    shutil.copytree(exempel_webbplatser / "site" / "public", mapp)
    return mapp


@pytest.fixture
def gjorda(monkeypatch) -> list:
    """What each update returned (None: made from nothing instead)."""
    svar: list = []
    uppdatera = sok_uppdatering.uppdatera
    monkeypatch.setattr(
        sok_uppdatering, "uppdatera", lambda *a, **k: svar.append(uppdatera(*a, **k)) or svar[-1]
    )
    return svar


def _sidor(site: Path) -> list[Path]:
    return [
        p for p in sorted(site.rglob("index.html")) if "data-pagefind-body" in p.read_text("utf-8")
    ]


def _kopior(gammal: Path, tmp_path: Path, ändra) -> tuple[Path, Path]:
    """Two copies of the site without its index (the new site; the same, to be indexed from
    nothing), each edited by ``ändra(site)``."""
    ny, ren = tmp_path / "ny", tmp_path / "ren"
    for mapp in (ny, ren):
        shutil.copytree(gammal, mapp, ignore=shutil.ignore_patterns(sok.MAPP))
        ändra(mapp)
    return ny, ren


def _ersätt(sida: Path, mönster: str, ny: str) -> None:
    """The page made anew with the change, as a build makes a changed page (a new file;
    never written into: the page may be a link to the published one)."""
    text = sida.read_text("utf-8")
    ändrad = re.sub(mönster, ny, text, count=1, flags=re.S)
    assert ändrad != text, mönster
    ny_fil = sida.with_name(f".{sida.name}.ny")
    ny_fil.write_text(ändrad, "utf-8")
    os.replace(ny_fil, sida)


NYA_ORD = "<p>Snöröjningsfordonet plogade övergångsställena vid Kvastfenegatan 2026:17.</p>"

ÄNDRINGAR = {
    "nya ord": lambda s: _ersätt(_sidor(s)[0], r"(data-pagefind-body[^>]*>)", r"\1" + NYA_ORD),
    "text borttagen": lambda s: _ersätt(_sidor(s)[1], r"(data-pagefind-body.*?)<p>.*?</p>", r"\1"),
    "rubrik": lambda s: _ersätt(_sidor(s)[2], r"</h1>", " för förskoleklass</h1>"),
    "fält": lambda s: _ersätt(
        next(p for p in _sidor(s) if 'pagefind-meta="sammanfattning"' in p.read_text()),
        r'(data-pagefind-meta="sammanfattning">)[^<]*',
        r"\1Helt ny sammanfattning om avfallshämtning",
    ),
    "filter": lambda s: _ersätt(
        next(p for p in _sidor(s) if 'data-pagefind-filter="status">gällande' in p.read_text()),
        r'(data-pagefind-filter="status">)gällande',
        r"\1ersatt",
    ),
    "tre sidor": lambda s: [
        _ersätt(sida, r"(data-pagefind-body[^>]*>)", r"\1<p>Tillägg om taxor och avgifter.</p>")
        for sida in _sidor(s)[3:6]
    ],
}


@pytest.mark.parametrize("ändring", ÄNDRINGAR)
def test_ett_uppdaterat_index_är_det_som_görs_från_början(gammal, tmp_path, gjorda, ändring):
    ny, ren = _kopior(gammal, tmp_path, ÄNDRINGAR[ändring])
    före = {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in gammal.rglob("*") if f.is_file()}
    meddelanden: list[str] = []
    sok.indexera(ny, "publik", meddelanden.append, tidigare=gammal)
    assert gjorda == [3 if ändring == "tre sidor" else 1]
    antal = "3 ändrade sidor" if ändring == "tre sidor" else "1 ändrad sida"
    assert meddelanden == [f"sökindex (publik): {len(_sidor(ny))} sidor; {antal} indexerades om"]
    sok.indexera(ren)
    assert läs(ny / sok.MAPP) == läs(ren / sok.MAPP)
    hämtas_där_de_finns(ny / sok.MAPP)
    assert sok.läs_index(ny) == sok.läs_index(ren)
    assert sok.läs_beteckningar(ny) == sok.läs_beteckningar(ren)
    # the previous site and index, published, are never written into
    assert {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in före} == före
    # only the files an edit changed are new: the rest are the previous index's
    nya = [f for f in (ny / sok.MAPP / "fragment").iterdir() if f.stat().st_nlink == 1]
    assert len(nya) == gjorda[0]
    assert not list(tmp_path.glob(".*-sok-uppdatering"))


def test_uppdaterat_efter_uppdaterat(gammal, tmp_path, gjorda):
    """An updated index is updated again (with what it knows of its ranges' words), and
    is still what an index made from nothing is."""
    förra = gammal
    for nr, ändring in enumerate(("nya ord", "rubrik", "fält")):
        ny, ren = _kopior(förra, tmp_path / str(nr), ÄNDRINGAR[ändring])
        sok.indexera(ny, tidigare=förra)
        sok.indexera(ren)
        assert läs(ny / sok.MAPP) == läs(ren / sok.MAPP), ändring
        förra = ny
    assert gjorda == [1, 1, 1]
    sidor = json.loads((förra / sok.MAPP / sok_uppdatering.SIDOR).read_text("utf-8"))
    assert set(sidor["ord"]) == {d[2] for d in _meta(förra)[2]}


def _meta(site: Path) -> list:
    post = json.loads((site / sok.MAPP / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sok_ordning.läs(site / sok.MAPP / f"pagefind.{post['languages']['sv']['hash']}.pf_meta")


def test_en_ändring_utanför_det_pagefind_läser_gör_ingenting_om(gammal, tmp_path, gjorda):
    """A page changed only where Pagefind does not read (its title, the navigation): the
    index is the previous one, its files linked."""
    ny, _ = _kopior(gammal, tmp_path, lambda s: _ersätt(_sidor(s)[0], r"<title>", "<title>Ny: "))
    sok.indexera(ny, tidigare=gammal)
    assert gjorda == [0]
    assert läs(ny / sok.MAPP) == läs(gammal / sok.MAPP)
    for fil in (ny / sok.MAPP / "index").iterdir():
        assert fil.samefile(gammal / sok.MAPP / "index" / fil.name)


def _lägg_till(site: Path) -> None:
    ny = site / "helt-ny" / "index.html"
    ny.parent.mkdir()
    shutil.copyfile(_sidor(site)[0], ny)
    _ersätt(ny, r"(data-pagefind-body[^>]*>)", r"\1<p>En helt ny sida.</p>")


def _nytt_fält(site: Path) -> None:
    _ersätt(
        _sidor(site)[0],
        r"(data-pagefind-body[^>]*>)",
        r'\1<span data-pagefind-meta="nytt">x</span>',
    )


def _nytt_filter(site: Path) -> None:
    _ersätt(
        _sidor(site)[0],
        r"(data-pagefind-body[^>]*>)",
        r'\1<span data-pagefind-filter="nytt">x</span>',
    )


FRÅN_BÖRJAN = {
    "en sida till": _lägg_till,
    "en sida borta": lambda s: shutil.rmtree(_sidor(s)[0].parent),
    "för många ändrade": lambda s: [
        _ersätt(sida, r"(data-pagefind-body[^>]*>)", r"\1<p>Ändrad.</p>") for sida in _sidor(s)
    ],
    "ett nytt fält": _nytt_fält,
    "ett nytt filter": _nytt_filter,
    "ett nytt ord på två bokstäver": lambda s: _ersätt(
        _sidor(s)[0], r"(data-pagefind-body[^>]*>)", r"\1<p>qz</p>"
    ),
}


@pytest.mark.parametrize("fall", FRÅN_BÖRJAN)
def test_det_som_inte_kan_uppdateras_görs_från_början(gammal, tmp_path, gjorda, monkeypatch, fall):
    monkeypatch.setattr(sok_uppdatering, "MINST", 2)
    ny, ren = _kopior(gammal, tmp_path, FRÅN_BÖRJAN[fall])
    sok.indexera(ny, tidigare=gammal)
    sok.indexera(ren)
    assert gjorda == [None]
    assert läs(ny / sok.MAPP) == läs(ren / sok.MAPP)
    assert not list(tmp_path.glob(".*-sok-uppdatering"))


def test_ett_förra_index_utan_sidlista_läses_ur_sina_fragment(gammal, tmp_path, gjorda):
    """An index made from nothing keeps no page list: the first update reads it from the
    fragments, and keeps it (with its ranges' words) for the next; one for another index is
    not taken on trust."""
    assert not (gammal / sok.MAPP / sok_uppdatering.SIDOR).exists()
    ny, ren = _kopior(gammal, tmp_path, ÄNDRINGAR["nya ord"])
    sok.indexera(ny, tidigare=gammal)
    sidor = json.loads((ny / sok.MAPP / sok_uppdatering.SIDOR).read_text("utf-8"))
    assert len(sidor["sidor"]) == len(_sidor(ny)) and sidor["ord"]
    (gammal / sok.MAPP / sok_uppdatering.SIDOR).write_text(
        json.dumps({**sidor, "sidor": sidor["sidor"][::-1]}), "utf-8"
    )  # the same pages, numbered otherwise, and named for the next index, not this one
    ny2 = tmp_path / "ny2"
    shutil.copytree(ren, ny2)
    sok.indexera(ny2, tidigare=gammal)
    sok.indexera(ren)
    assert gjorda == [1, 1]
    assert läs(ny / sok.MAPP) == läs(ren / sok.MAPP) == läs(ny2 / sok.MAPP)


def test_en_sidlista_som_inte_stämmer_tas_inte_på_orden(gammal, tmp_path, gjorda):
    """Pages numbered wrong in the previous index's page list (the changed page swapped with
    the next): its places are not where the list says, and the index is made from nothing."""
    post = json.loads((gammal / sok.MAPP / "pagefind-entry.json").read_text("utf-8"))
    meta = _meta(gammal)
    sidor = [
        json.loads(
            gzip.decompress((gammal / sok.MAPP / "fragment" / f"{n}.pf_fragment").read_bytes())[
                len(sok_ordning.MARKÖR) :
            ]
        )["url"]
        for n, _ in meta[1]
    ]
    i = sidor.index(sok_sidor.adress(_sidor(gammal)[0].relative_to(gammal).as_posix()))
    j = (i + 1) % len(sidor)
    sidor[i], sidor[j] = sidor[j], sidor[i]
    (gammal / sok.MAPP / sok_uppdatering.SIDOR).write_text(
        json.dumps({"meta": post["languages"]["sv"]["hash"], "sidor": sidor}), "utf-8"
    )
    ny, ren = _kopior(gammal, tmp_path, ÄNDRINGAR["nya ord"])
    sok.indexera(ny, tidigare=gammal)
    sok.indexera(ren)
    assert gjorda == [None]
    assert läs(ny / sok.MAPP) == läs(ren / sok.MAPP)


def test_orden_i_ett_intervall_läses_som_pagefind_skrev_dem(gammal):
    """The fast reading of a range (runs of pages at once) finds the very words, at the
    very places, that reading each value does."""
    for _, _, namn, *_ in _meta(gammal)[2]:
        data = gzip.decompress((gammal / sok.MAPP / "index" / f"{namn}.pf_index").read_bytes())
        ord_ = sok_delning.orden_i(data)
        i = len(sok_ordning.MARKÖR) + 1 + len(sok_ordning.huvud(4, len(ord_)))
        for ordet, start, slut in ord_:
            värde, efter = sok_ordning.avkoda(data, i)
            assert (ordet, start, slut) == (värde[0], i, efter)
            i = efter


@pytest.mark.parametrize("ändring", ["en egen sida", "en delad sida med nya ord"])
def test_intranätets_egna_index_uppdateras_också(exempel_webbplatser, tmp_path, gjorda, ändring):
    """The intranet's own index (its own pages and the word list of the pages it takes from
    the public index, sok_sammanslagning) is updated too, the word list from the copy kept
    beside the index; what its search finds is what it finds made from nothing."""
    byggt = exempel_webbplatser / "site"
    gammal = {namn: tmp_path / "gammal" / namn for namn in ("public", "intranet")}
    for namn, mapp in gammal.items():
        shutil.copytree(byggt / namn, mapp)
    egna = {"sidor": [s["url"] for _, s in sok_ordning.fragment(gammal["intranet"] / sok.MAPP)]}
    ordlista = [u for u in egna["sidor"] if u.startswith("/styrdok-ordlista/")]
    utanför = json.loads((gammal["intranet"] / sok.MAPP / sok_uppdatering.UTANFÖR).read_text())
    assert ordlista and sorted(utanför) == sorted(u[1:] + "index.html" for u in ordlista)
    egen = next(
        u.lstrip("/") + "index.html"
        for u in egna["sidor"]
        if u not in ordlista and not (gammal["public"] / u.lstrip("/")).exists()
    )
    delad = next(
        p.relative_to(gammal["public"]).as_posix()
        for p in _sidor(gammal["public"])
        if "/" + p.relative_to(gammal["public"]).parent.as_posix() + "/" not in egna["sidor"]
    )

    def ändra(rot: Path) -> None:
        for namn in ("public", "intranet"):
            shutil.copytree(gammal[namn], rot / namn, ignore=shutil.ignore_patterns(sok.MAPP))
        if ändring == "en egen sida":
            _ersätt(rot / "intranet" / egen, r"(data-pagefind-body[^>]*>)", r"\1" + NYA_ORD)
        else:
            for namn in ("public", "intranet"):
                _ersätt(rot / namn / delad, r"(data-pagefind-body[^>]*>)", r"\1" + NYA_ORD)

    ny, ren = tmp_path / "ny", tmp_path / "ren"
    for rot in (ny, ren):
        ändra(rot)
    sok.indexera(ny / "public", tidigare=gammal["public"])
    sok_sammanslagning.indexera(
        ny / "intranet", ByggdBas(ny / "public"), tidigare=gammal["intranet"]
    )
    assert None not in gjorda and len(gjorda) == 2, gjorda
    if ändring == "en delad sida med nya ord":  # the word list's pages of S, P, Ö, K, V, 2
        assert 2 <= gjorda[1] <= 1 + len({o[0].lower() for o in NYA_ORD[3:-4].split()}), gjorda
    sok.indexera(ren / "public")
    sok_sammanslagning.indexera(ren / "intranet", ByggdBas(ren / "public"))
    assert läs(ny / "intranet" / sok.MAPP) == läs(ren / "intranet" / sok.MAPP)
    assert sok.läs_beskrivning(ny / "intranet") == sok.läs_beskrivning(ren / "intranet")
    assert sok.läs_index(ny / "intranet") == sok.läs_index(ren / "intranet")


def test_förhandsgranskningens_index_i_bakgrunden_uppdateras(gammal, tmp_path, gjorda):
    """``styrdok serve`` indexes the shown site in the background with the site it started
    from as the previous one (webb/forhandsvisning_sok): after a save, that index is
    updated too, and is what an index made from nothing is."""
    from styrdok.webb import forhandsvisning_sok
    from styrdok.webb.forhandsvisning_sidor import Läge

    sida = _sidor(gammal)[0]
    väg = sida.relative_to(gammal).as_posix()
    ändrad = tmp_path / "ändrad.html"
    shutil.copyfile(sida, ändrad)
    _ersätt(ändrad, r"(data-pagefind-body[^>]*>)", r"\1" + NYA_ORD)
    läge = Läge("1", gammal, överlägg={väg: ändrad})
    visade: list[Läge] = []
    index = forhandsvisning_sok.Sökindex(tmp_path / "arbete", "publik", lambda: läge)
    index.uppdatera(lambda _, nytt: visade.append(nytt))
    for _ in range(600):
        if visade:
            break
        time.sleep(0.1)
    assert gjorda == [1]
    ren = tmp_path / "ren"
    shutil.copytree(gammal, ren, ignore=shutil.ignore_patterns(sok.MAPP))
    shutil.copyfile(ändrad, ren / väg)
    sok.indexera(ren)
    assert läs(visade[0].överlägg["pagefind/pagefind-entry.json"].parent) == läs(ren / sok.MAPP)


def _utan_filerna(jämfört: tuple) -> tuple:
    """What :func:`sok_sammanslagning.jämför` found, without the files it kept in its
    record (whether a file is told by its time depends on when it is asked)."""
    egna, delade, ord_, post = jämfört
    sidor = {väg: rad[:3] for väg, rad in post["sidor"].items()}
    return egna, delade, ord_, {"sidor": sidor, "ord": post["ord"]}


JÄMFÖRDA_ÄNDRINGAR = {
    "en delad sida med nya ord": lambda r, delad, egen: [
        _ersätt(r / n / delad, r"(data-pagefind-body[^>]*>)", r"\1" + NYA_ORD)
        for n in ("public", "intranet")
    ],
    "en delad sida utan ett stycke": lambda r, delad, egen: [
        _ersätt(r / n / delad, r"(data-pagefind-body.*?)<p>.*?</p>", r"\1")
        for n in ("public", "intranet")
    ],
    "en delad sida blir egen": lambda r, delad, egen: _ersätt(
        r / "intranet" / delad, r"(data-pagefind-body[^>]*>)", r"\1<p>Bara internt.</p>"
    ),
    "en delad sida ändrad bara på webbplatsen": lambda r, delad, egen: _ersätt(
        r / "public" / delad, r"(data-pagefind-body[^>]*>)", r"\1<p>Bara publikt.</p>"
    ),
    "en egen sida ändrad": lambda r, delad, egen: _ersätt(
        r / "intranet" / egen, r"(data-pagefind-body[^>]*>)", r"\1" + NYA_ORD
    ),
    "en delad sida borta": lambda r, delad, egen: [
        shutil.rmtree((r / n / delad).parent) for n in ("public", "intranet")
    ],
    "bara utanför det pagefind läser": lambda r, delad, egen: [
        _ersätt(r / n / delad, r"<title>", "<title>Ny: ") for n in ("public", "intranet")
    ],
}


@pytest.mark.parametrize("ändring", JÄMFÖRDA_ÄNDRINGAR)
def test_intranätet_jämför_bara_det_som_ändrats_och_får_samma_svar(
    exempel_webbplatser, tmp_path, monkeypatch, ändring
):
    """The intranet's pages compared with the public site's from the previous build's
    record (only what changed since, sok_sammanslagning.jämför): the same own and shared
    pages, and the same words of the shared ones, as compared from nothing."""
    byggt = exempel_webbplatser / "site"
    gammal = tmp_path / "gammal"
    for namn in ("public", "intranet"):
        shutil.copytree(byggt / namn, gammal / namn)
    första = sok_sammanslagning.jämför(gammal / "intranet", gammal / "public")
    assert (gammal / "intranet" / sok.MAPP / sok_sammanslagning.JÄMFÖRELSE).is_file()
    egen = första[0][0]
    delad = next(v for v in första[1] if v.count("/") > 1)
    ny = tmp_path / "ny"
    for namn in ("public", "intranet"):
        shutil.copytree(gammal / namn, ny / namn, ignore=shutil.ignore_patterns(sok.MAPP))
    JÄMFÖRDA_ÄNDRINGAR[ändring](ny, delad, egen)
    avtryck = sok_sammanslagning.avtryck
    lästa: list[int] = []
    monkeypatch.setattr(sok_sammanslagning, "avtryck", lambda t: lästa.append(1) or avtryck(t))
    med_minne = sok_sammanslagning.jämför(ny / "intranet", ny / "public", gammal / "intranet")
    assert len(lästa) < 10  # only the pages that changed were read for what Pagefind reads
    monkeypatch.setattr(sok_sammanslagning, "avtryck", avtryck)
    från_början = sok_sammanslagning.jämför(ny / "intranet", ny / "public")
    assert _utan_filerna(med_minne) == _utan_filerna(från_början)
    if ändring == "en delad sida med nya ord":
        assert "Kvastfenegatan" in med_minne[2]


@pytest.mark.parametrize("ändring", JÄMFÖRDA_ÄNDRINGAR)
def test_intranätet_läser_inte_de_sidor_som_är_samma_filer_som_förra_gången(
    exempel_webbplatser, tmp_path, monkeypatch, ändring
):
    """A page that is the very file compared last time, here and there (linked from the
    published site, or the published site moved over whole), is taken from the record
    unread; a changed page (a new file) is read. Either way the same answer as compared
    from nothing."""
    byggt = exempel_webbplatser / "site"
    gammal = tmp_path / "gammal"
    for namn in ("public", "intranet"):
        shutil.copytree(byggt / namn, gammal / namn)
    for fil in gammal.rglob("*"):  # written long enough ago to be told by their time
        os.utime(fil, ns=(1_700_000_000 * 10**9,) * 2)
    filminne = tmp_path / "cache" / sok_sammanslagning.FILMINNE
    filminne.parent.mkdir()
    första = sok_sammanslagning.jämför(gammal / "intranet", gammal / "public", None, filminne)
    # kept beside the index, as sok_sammanslagning.indexera keeps it
    (gammal / "intranet" / sok.MAPP / sok_sammanslagning.JÄMFÖRELSE).write_text(
        json.dumps(första[3]), "utf-8"
    )
    egen = första[0][0]
    delad = next(v for v in första[1] if v.count("/") > 1)
    ny = tmp_path / "ny"
    for namn in ("public", "intranet"):
        shutil.copytree(
            gammal / namn, ny / namn, ignore=shutil.ignore_patterns(sok.MAPP), copy_function=os.link
        )
    JÄMFÖRDA_ÄNDRINGAR[ändring](ny, delad, egen)
    summa = sok_sammanslagning._summa
    summerade: list[int] = []
    monkeypatch.setattr(sok_sammanslagning, "_summa", lambda d: summerade.append(1) or summa(d))
    med_minne = sok_sammanslagning.jämför(
        ny / "intranet", ny / "public", gammal / "intranet", filminne
    )
    assert 0 < len(summerade) <= 4, len(summerade)  # the changed page, here and there
    monkeypatch.setattr(sok_sammanslagning, "_summa", summa)
    från_början = sok_sammanslagning.jämför(ny / "intranet", ny / "public")
    assert _utan_filerna(med_minne) == _utan_filerna(från_början)
