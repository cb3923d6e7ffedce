"""The sites' search (styrdok/webb/sok.py and the page markup in templates/overrides): a real
Pagefind index of the example kommun, each site indexed from its own files."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import pagefind_hämtar
from hypothesis import given, settings
from hypothesis import strategies as st

from styrdok import bygg
from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.webb import (
    sok,
    sok_beteckningar,
    sok_delning,
    sok_ordning,
    sok_sammanslagning,
    sok_sidor,
    sok_uppdatering,
)

ROT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def byggt(tmp_path_factory) -> Path:
    rot = tmp_path_factory.mktemp("sok")
    shutil.copytree(ROT / "content", rot / "content")
    bygg.bygg(rot, bara_webbplatser=True)
    return rot


@pytest.fixture(scope="module")
def korpus(byggt):
    return bygg.ladda_och_validera(byggt, Rapport())


def index(byggt: Path, site: str) -> dict[str, dict]:
    return {post["url"]: post for post in sok.läs_index(byggt / "site" / site)}


def allt_i_indexet(byggt: Path, site: str) -> str:
    """Every file of a site's search index, unpacked where packed."""
    delar = []
    for fil in sorted((byggt / "site" / site / sok.MAPP).rglob("*")):
        if fil.is_file():
            data = fil.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            delar.append(data.decode("utf-8", "replace"))
    return "\n".join(delar)


def test_varje_webbplats_har_sitt_eget_index(byggt):
    for site in ("public", "intranet"):
        mapp = byggt / "site" / site / sok.MAPP
        assert (mapp / "pagefind.js").is_file()
        assert (mapp / sok_beteckningar.BETECKNINGAR.format(år=2021)).is_file()
        assert not (mapp / "pagefind-ui.js").exists()
    assert "/ledning-och-styrning/" in index(byggt, "intranet")
    assert "/ledning-och-styrning/" not in index(byggt, "public")


def test_webbplatsens_index_har_ingenting_från_intranätet(byggt, korpus):
    publikt = allt_i_indexet(byggt, "public")
    interna = [d for d in korpus.styrdokument.values() if not d.är_publik]
    assert interna
    prövade = []
    for dokument in interna:
        assert dokument.titel not in publikt, dokument.id
        stycken = [s for s in dokument.källa.brödtext.split("\n\n") if len(s) > 80 and "|" not in s]
        for stycke in stycken[:3]:
            mening = re.sub(r"[*_`\[\]#]", "", stycke.split(". ")[0]).strip()[:60]
            if len(mening) >= 30:
                assert mening not in publikt, (dokument.id, mening)
                prövade.append(mening)
    intranät = allt_i_indexet(byggt, "intranet")
    assert all(d.titel in intranät for d in interna)
    assert len(prövade) >= 3 and any(m in intranät for m in prövade), prövade


def test_dokumentets_fält_och_filter(byggt):
    post = index(byggt, "public")["/forfattningssamling/2021-2/"]
    assert post["meta"]["title"] == "Reglemente för socialnämnden"
    assert post["meta"]["dokumentansvarig"] == "Socialchef"
    assert post["meta"]["kfs"] == "EKFS 2021:2"
    assert post["meta"]["diarienummer"] == "KS 2020/518"
    assert post["filters"]["dokumenttyp"] == ["Reglemente"]
    assert post["filters"]["år"] == ["2021"]
    assert post["filters"]["status"] == ["ändrad"]
    # the fact table is in the fields, not in the text (excerpts show the document's own text)
    assert "Uppgifter om dokumentet" not in post["content"]
    ersatt = index(byggt, "public")["/forfattningssamling/2019-2/"]
    assert ersatt["filters"]["status"] == ["ersatt"]


def test_bara_artikeln_söks_och_listor_dränker_inga_dokument(byggt):
    sidor = index(byggt, "public")
    for post in sidor.values():
        assert "Hoppa till innehåll" not in post["content"]  # the theme's skip link
        assert "Sidans adress" not in post["content"]  # print only
    register = sidor["/forfattningssamling/"]
    assert "Renhållningstaxa" not in register["content"]  # the register table is not searched
    assert "Författningssamling" in register["meta"]["title"]
    assert "/sok/" not in sidor and "/404.html" not in sidor


def test_sidans_markering(byggt):
    sida = (byggt / "site/public/forfattningssamling/2021-2/index.html").read_text()
    assert sida.count("data-pagefind-body") == 1
    kropp = sida.index("data-pagefind-body")
    assert sida.index('class="md-header') < sida.index('class="md-sidebar') < kropp
    assert kropp < sida.index("styrdok-utskrift--fot") < sida.index('class="md-footer"')
    assert '<span data-pagefind-filter="kategori">Reglementen och arbetsordningar</span>' in sida
    söksida = (byggt / "site/public/sok/index.html").read_text()
    assert "data-pagefind-body" not in söksida and "data-styrdok-sok" in söksida
    assert 'role="status"' in söksida
    start = (byggt / "site/public/index.html").read_text()
    assert 'class="styrdok-sokruta"' in start and 'action="sok/"' in start


def test_beteckningar_hittas_exakt(byggt):
    mapp = byggt / "site/public" / sok.MAPP
    for fråga in ("EKFS 2021:2", "ekfs 2021:2", "2021:2", "KS 2020/518", "2020/518"):
        år = re.search(r"\d{4}", fråga).group()
        uppslag = json.loads((mapp / sok_beteckningar.BETECKNINGAR.format(år=år)).read_text())
        sidor = [
            uppslag["sidor"][i]["url"] for i in uppslag["nycklar"][sok_beteckningar.nyckel(fråga)]
        ]
        assert sidor == ["forfattningssamling/2021-2/"], (fråga, sidor)


def test_beteckningarna_läses_bara_ur_sidor_som_inte_är_samma_fil_som_förra_gången(
    byggt, tmp_path, monkeypatch
):
    """What the identifier files hold of each page is kept in the build's cache by the
    file (size, time, inode, device): a page that is the very file read last time is not
    read again, a page written anew is, one written within the clock's tick is read again
    next time too; the files are the same as read from nothing, after every kind of change
    and from a broken memory."""
    site = tmp_path / "site"
    shutil.copytree(byggt / "site" / "public", site)
    gammal = time.time() - 60  # well before the tick: as the published pages are
    for _, fil in sok_sidor.html_filer(site):
        os.utime(fil, (gammal, gammal))
    minne = tmp_path / "cache" / "public-sok-beteckningar-sidor.json"
    minne.parent.mkdir()
    lästa: list[str] = []
    läs_sida = sok_beteckningar._sida

    def räknad(väg, fil):
        lästa.append(väg)
        return läs_sida(väg, fil)

    monkeypatch.setattr(sok_beteckningar, "_sida", räknad)

    def jämför() -> list[str]:
        lästa.clear()
        med = sok_beteckningar.läs_beteckningar(site, minne)
        ur_lästa = list(lästa)
        assert med == sok_beteckningar.läs_beteckningar(site)  # as read from nothing
        assert json.dumps(med, ensure_ascii=False) == json.dumps(
            sok_beteckningar.läs_beteckningar(site), ensure_ascii=False
        )
        return ur_lästa

    alla = [väg for väg, _ in sok_sidor.html_filer(site)]
    assert jämför() == alla  # nothing kept yet
    assert jämför() == []  # every page the same file
    kfs = "forfattningssamling/2021-2/index.html"
    text = (site / kfs).read_text(encoding="utf-8")
    assert "data-styrdok-beteckning" in text
    # written anew (a new file, as the site engine writes a changed page): read, and the
    # identifier it now has is found; the previous one is not
    (site / kfs).unlink()
    (site / kfs).write_text(text.replace("2021:2", "2021:9"), encoding="utf-8")
    assert jämför() == [kfs]
    assert "2021:9" in json.dumps(sok_beteckningar.läs_beteckningar(site, minne))
    assert jämför() == [kfs]  # written within the tick: read again
    os.utime(site / kfs, (gammal, gammal))
    assert jämför() == [kfs]  # once more, then known
    assert jämför() == []
    # a page removed, a page added
    (site / "ny").mkdir()
    shutil.copy(site / kfs, site / "ny" / "index.html")
    os.utime(site / "ny" / "index.html", (gammal, gammal))
    (site / "forfattningssamling" / "2021-2" / "index.html").unlink()
    assert jämför() == ["ny/index.html"]
    for trasigt in (b"inte json", b"[]", b'{"ny/index.html": [[1, 2], ["x", 1, 2, 3]]}'):
        minne.write_bytes(trasigt)  # a broken memory only costs time
        assert len(jämför()) >= 1


def test_pagefind_som_fallerar_är_ett_svenskt_fel(tmp_path, monkeypatch):
    monkeypatch.setattr(sok, "_pagefind", lambda: ("/bin/false",))
    with pytest.raises(StyrdokFel) as fel:
        sok.indexera(tmp_path, "publik")
    assert "sökindexet för webbplatsen (publik) kunde inte byggas" in str(fel.value)


def test_pagefind_som_saknas_sägs_på_svenska(tmp_path, monkeypatch):
    python = tmp_path / "python-utan-pagefind"
    python.write_text("#!/bin/sh\necho 'python: No module named pagefind' >&2\nexit 1\n")
    python.chmod(0o755)
    monkeypatch.setattr(sok.sys, "executable", str(python))
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    for paket in ("pagefind_bin_extended", "pagefind_bin"):  # neither binary's package
        monkeypatch.setitem(sys.modules, paket, None)
    sok._pagefind.cache_clear()
    try:
        with pytest.raises(StyrdokFel) as fel:
            sok.indexera(tmp_path, "intranät")
    finally:
        sok._pagefind.cache_clear()
    assert "Pagefind saknas; installera det med pip install" in str(fel.value)


def test_pagefind_körs_utan_en_python_emellan(monkeypatch):
    """Pagefind's binary is run itself (as its package finds it): no Python started just
    to find it, ~0.07 s a run. ``PAGEFIND_BINARY_PATH`` is heeded, as the package does."""
    sok._pagefind.cache_clear()
    try:
        (binär,) = sok._pagefind()
        assert Path(binär).is_file() and os.access(binär, os.X_OK)
        version = subprocess.run([binär, "--version"], capture_output=True, text=True)
        assert version.returncode == 0 and version.stdout.startswith("pagefind 1.")
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind")
        sok._pagefind.cache_clear()
        assert sok._pagefind() == ("/opt/pagefind",)
    finally:
        sok._pagefind.cache_clear()


def test_beteckningarna_läses_medan_pagefind_indexerar(byggt, tmp_path, monkeypatch):
    """The pages are read for the identifier files while Pagefind runs (its process is
    waited for anyway): a Pagefind that starts only once they are read still finishes,
    and the files are the same as read afterwards."""
    site = tmp_path / "site"
    shutil.copytree(byggt / "site" / "public", site)
    shutil.rmtree(site / sok.MAPP)
    läst = tmp_path / "läst"
    pagefind = tmp_path / "pagefind-som-väntar"
    pagefind.write_text(
        "#!/bin/sh\n"
        f"for i in $(seq 100); do [ -e '{läst}' ] && exec {shlex.join(sok._pagefind())} \"$@\"; "
        "sleep 0.1; done\n"
        "echo 'beteckningarna lästes inte under tiden' >&2; exit 1\n"
    )
    pagefind.chmod(0o755)
    läs = sok.läs_beteckningar

    def läs_och_märk(mapp, minne=None):
        resultat = läs(mapp, minne)
        läst.touch()
        return resultat

    monkeypatch.setattr(sok, "_pagefind", lambda: (str(pagefind),))
    monkeypatch.setattr(sok, "läs_beteckningar", läs_och_märk)
    sok.indexera(site, "publik")
    for fil in (byggt / "site" / "public" / sok.MAPP).glob(
        sok_beteckningar.BETECKNINGAR.format(år="*")
    ):
        assert (site / sok.MAPP / fil.name).read_bytes() == fil.read_bytes()


def _kopior(byggt: Path, *mappar: Path) -> None:
    """The built public site, without its index, copied into each folder."""
    for mapp in mappar:
        shutil.copytree(byggt / "site" / "public", mapp, ignore=shutil.ignore_patterns(sok.MAPP))


@pytest.fixture
def från_början(monkeypatch):
    """The new index made by Pagefind from every page, never updated (as when many pages
    changed: sok_uppdatering): what is tested is how it reuses the previous index's files."""
    monkeypatch.setattr(sok_uppdatering, "uppdatera", lambda *a, **k: None)


def _filer(mapp: Path) -> dict[str, bytes]:
    return {f.relative_to(mapp).as_posix(): f.read_bytes() for f in mapp.rglob("*") if f.is_file()}


def test_ett_nytt_index_återanvänder_det_förras_filer_utan_att_skriva_i_dem(
    byggt: Path, tmp_path: Path, från_början
):
    """With the previous index linked in, the new one is byte for byte the index made from
    nothing; the previous site's files are never written into (they are the published
    site's), and nothing only the previous index named is left."""
    gammal = tmp_path / "gammal"
    shutil.copytree(byggt / "site" / "public", gammal)
    före = {
        f: (f.stat().st_mtime_ns, f.read_bytes())
        for f in (gammal / sok.MAPP).rglob("*")
        if f.is_file()
    }
    ny, ren = tmp_path / "ny", tmp_path / "ren"
    for mapp in (ny, ren):
        shutil.copytree(gammal, mapp, ignore=shutil.ignore_patterns(sok.MAPP))
        sida = next(
            p for p in sorted(mapp.rglob("index.html")) if "data-pagefind-body" in p.read_text()
        )
        sida.write_text(sida.read_text().replace("</h1>", " ändrad rubrik</h1>", 1))
    sok.indexera(ny, "publik", tidigare=gammal)
    sok.indexera(ren, "publik")
    assert _filer(ny / sok.MAPP) == _filer(ren / sok.MAPP)
    assert {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in före} == före
    delade = [
        f
        for f in (ny / sok.MAPP / "fragment").iterdir()
        if f.stat().st_nlink > 1 and (gammal / sok.MAPP / "fragment" / f.name).exists()
    ]
    assert len(delade) > 10  # the unchanged pages' files were reused, not made again
    assert len(list((ny / sok.MAPP / "fragment").iterdir())) == len(
        list((ren / sok.MAPP / "fragment").iterdir())
    )


# --- the word ranges cut into pieces (styrdok/webb/sok_delning.py) ------------------------


def _intervall(mapp: Path) -> list[tuple[str, str, str, list]]:
    """The index's word ranges as the meta file names them: (from, to, file, its words)."""
    post = json.loads((mapp / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = sok_ordning.läs(mapp / f"pagefind.{post['languages']['sv']['hash']}.pf_meta")
    return [
        (från, till, namn, sok_ordning.läs(mapp / "index" / f"{namn}.pf_index")[0])
        for från, till, namn, *_ in meta[2]
    ]


def _hittas(intervall: list, term: str) -> list:
    """The words (with where they occur) Pagefind finds for ``term`` in the range it fetches
    (pagefind_web/src/search.rs, find_word_extensions: the longer forms, else the longest
    shorter one)."""
    namn = pagefind_hämtar(intervall, term)
    ord_ = next((c[3] for c in intervall if c[2] == namn), [])
    längre = [o for o in ord_ if o[0].startswith(term)]
    kortare = [o for o in ord_ if term.startswith(o[0])]
    return längre or sorted(kortare, key=lambda o: len(o[0].encode()))[-1:]


def test_ordintervallen_delas_utan_att_något_ord_hittas_annorlunda(byggt, tmp_path, monkeypatch):
    """Cut into pieces far smaller than a real site's (so that every range of the example is
    cut), the index holds the same words, byte for byte and in order, and Pagefind's search
    finds exactly the same words for every word of the index, every beginning of one of three
    characters or more (Pagefind searches for stems: lagen → lag) and such words that are
    not there."""
    hel, delad = tmp_path / "hel", tmp_path / "delad"
    _kopior(byggt, hel, delad)
    monkeypatch.setattr(sok_delning, "GRÄNS", 10**12)
    sok.indexera(hel)
    monkeypatch.setattr(sok_delning, "GRÄNS", 3_000)
    monkeypatch.setattr(sok_delning, "MÅL", 1_000)
    sok.indexera(delad)
    före, efter = _intervall(hel / sok.MAPP), _intervall(delad / sok.MAPP)
    assert len(efter) > 3 * len(före)
    assert [o for c in efter for o in c[3]] == [o for c in före for o in c[3]]
    ord_ = [o[0] for c in före for o in c[3]]
    termer = set(ord_) | {o[:n] for o in ord_ for n in range(sok_delning.PREFIX + 1, len(o))}
    termer |= {o + "x" for o in ord_ if len(o) >= sok_delning.PREFIX} | {"zzz", "forskolor"}
    olika = [t for t in sorted(termer) if _hittas(efter, t) != _hittas(före, t)]
    assert not olika, olika[:20]


def test_delade_ordintervall_görs_inte_om_nästa_gång(byggt, tmp_path, monkeypatch, från_början):
    """The next index, with the previous one linked in, names the same pieces without
    cutting again (and Pagefind does not pack the ranges again: a placeholder holds their
    names, and neither it nor the range is published), writes none of the previous index's
    files and is byte for byte the index made from nothing."""
    monkeypatch.setattr(sok_delning, "GRÄNS", 3_000)
    monkeypatch.setattr(sok_delning, "MÅL", 1_000)
    gammal, ny, ren = tmp_path / "gammal", tmp_path / "ny", tmp_path / "ren"
    _kopior(byggt, gammal, ny, ren)
    sok.indexera(gammal)
    före = {
        f: (f.stat().st_mtime_ns, f.read_bytes())
        for f in (gammal / sok.MAPP).rglob("*")
        if f.is_file()
    }
    sok.indexera(ren)
    skurna: list[int] = []
    skär = sok_delning._skär
    monkeypatch.setattr(sok_delning, "_skär", lambda *a: skurna.append(1) or skär(*a))
    minne = json.loads((gammal / sok.MAPP / sok_delning.MINNE).read_text(encoding="utf-8"))
    skrivna: dict[str, int] = {}  # the cut ranges' files as Pagefind left them
    rensa = sok._rensa

    def _rensa(mapp: Path) -> int:
        for fil in minne:
            with contextlib.suppress(OSError):
                skrivna[fil] = (mapp / "index" / fil).stat().st_size
        return rensa(mapp)

    monkeypatch.setattr(sok, "_rensa", _rensa)
    sok.indexera(ny, tidigare=gammal)
    assert not skurna
    assert minne and skrivna == dict.fromkeys(minne, 0)  # placeholders, not packed again
    assert not any((ny / sok.MAPP / "index" / fil).exists() for fil in minne)
    assert _filer(ny / sok.MAPP) == _filer(ren / sok.MAPP)
    assert {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in före} == före
    # a piece that is not as it was made is made again, from nothing, not trusted
    bit = gammal / sok.MAPP / "index" / f"{next(iter(minne.values()))[0][2]}.pf_index"
    bit.write_bytes(gzip.compress(b"pagefind_dcd\x81\x80"))
    shutil.rmtree(ny / sok.MAPP)
    sok.indexera(ny, tidigare=gammal)
    assert skurna
    assert _filer(ny / sok.MAPP) == _filer(ren / sok.MAPP)


@pytest.mark.parametrize(
    "minne",
    [
        "inte json",
        "[]",
        '{"../../../utanför.pf_index": [["a", "b", "sv_0", "0"]]}',
        '{"sv_abc.pf_index": ["en äldre form", [["a", "b", "sv_0", "0"]]]}',
        '{"sv_abc.pf_index": [["a", "b", 3, "0"]]}',
    ],
)
def test_ett_minne_som_inte_är_som_det_skrivs_tas_inte_på_orden(
    byggt, tmp_path, monkeypatch, minne, från_början
):
    """A previous index whose record of cut ranges is not as this version writes it (an
    older form, a name that is no file name, not JSON) is not trusted: no placeholder is
    made for it, nothing is written outside the index, and the index is the one made from
    nothing."""
    monkeypatch.setattr(sok_delning, "GRÄNS", 3_000)
    monkeypatch.setattr(sok_delning, "MÅL", 1_000)
    gammal, ny, ren = tmp_path / "gammal", tmp_path / "a" / "ny", tmp_path / "ren"
    _kopior(byggt, gammal, ny, ren)
    sok.indexera(gammal)
    sok.indexera(ren)
    (gammal / sok.MAPP / sok_delning.MINNE).write_text(minne, encoding="utf-8")
    sok.indexera(ny, tidigare=gammal)
    assert _filer(ny / sok.MAPP) == _filer(ren / sok.MAPP)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["ny"]


def test_ett_ordintervall_som_inte_kan_delas_lämnas_som_pagefind_gjorde_det(
    byggt, tmp_path, monkeypatch
):
    """A range that is not as Pagefind 1.5 writes one (here: every range) is left whole:
    the index is the one Pagefind made, not a failed build."""
    hel, trasig = tmp_path / "hel", tmp_path / "trasig"
    _kopior(byggt, hel, trasig)
    monkeypatch.setattr(sok_delning, "GRÄNS", 10**12)
    sok.indexera(hel)
    monkeypatch.setattr(sok_delning, "GRÄNS", 3_000)
    monkeypatch.setattr(sok_delning, "sidornas_slut", lambda data, i: i + 1)  # never the end
    sok.indexera(trasig)
    assert _filer(trasig / sok.MAPP) == _filer(hel / sok.MAPP)


def test_ett_index_som_avbryts_stoppar_pagefind_genast(tmp_path, monkeypatch):
    """``indexera(avbryt=…)``: once the event is set, Pagefind is killed at once (not left
    to take the processor from what the user waits for) and Avbrutet is raised."""
    pid = tmp_path / "pid"
    pagefind = tmp_path / "pagefind-som-dröjer"
    pagefind.write_text(f"#!/bin/sh\necho $$ > '{pid}'\nexec sleep 60\n")
    pagefind.chmod(0o755)
    monkeypatch.setattr(sok, "_pagefind", lambda: (str(pagefind),))
    avbryt = threading.Event()
    utfall: list[BaseException] = []

    def kör() -> None:
        try:
            sok.indexera(tmp_path, "publik", avbryt=avbryt)
        except BaseException as fel:  # noqa: BLE001 - the test looks at what it was
            utfall.append(fel)

    tråd = threading.Thread(target=kör)
    tråd.start()
    for _ in range(500):
        if pid.is_file() and pid.read_text().strip():
            break
        time.sleep(0.01)
    process = int(pid.read_text())
    start = time.monotonic()
    avbryt.set()
    tråd.join(10)
    assert not tråd.is_alive() and time.monotonic() - start < 2
    assert len(utfall) == 1 and isinstance(utfall[0], sok.Avbrutet), utfall
    with pytest.raises(ProcessLookupError):
        os.kill(process, 0)
    # set before it starts: stopped before it does anything
    monkeypatch.setattr(sok, "_pagefind", lambda: ("/bin/true",))
    with pytest.raises(sok.Avbrutet):
        sok.indexera(tmp_path, "publik", avbryt=avbryt)


def test_intranätet_tar_in_webbplatsens_index_och_hittar_samma_sidor(byggt, tmp_path):
    """The intranet indexes only the pages the public site does not have as they are there,
    and takes in a copy of the public site's index (webb/sok_sammanslagning): what its
    search finds is exactly what a whole index of the intranet holds, each page once and as
    the intranet shows it. The public site takes nothing in."""
    intranät = byggt / "site" / "intranet"
    beskrivning = sok.läs_beskrivning(intranät)
    assert beskrivning["index"] == "webbplatsen/"
    assert sok.läs_beskrivning(byggt / "site" / "public") == {}
    hel = tmp_path / "hel"
    shutil.copytree(intranät, hel, ignore=shutil.ignore_patterns(sok.MAPP))
    sok.indexera(hel)
    assert sok.läs_beskrivning(hel) == {}

    def sidor(site: Path) -> list[str]:
        return sorted(
            json.dumps(s, sort_keys=True, ensure_ascii=False) for s in sok.läs_index(site)
        )

    assert sidor(intranät) == sidor(hel)
    egna = sok_ordning.fragment(intranät / sok.MAPP)
    sidorna = [s for _, s in egna if not s["url"].startswith("/styrdok-ordlista/")]
    assert 0 < len(sidorna) < len(sidor(hel)) / 2, len(sidorna)  # most from the public index
    # the copy's pages left out: those the intranet does not have, or shows otherwise in
    # what Pagefind reads (its start page; a goal's table with an intranet-only report),
    # and what they count in the filters
    kopia = dict(sok_ordning.fragment(intranät / sok.MAPP / "webbplatsen"))
    assert beskrivning["utan"]
    # the search page leaves out by id: of the site's own index only its word list, a page
    # of every word of the pages taken in (without it, a word only those hold would be
    # looked up by its beginning in the own index: »socialchef« as »sociala«)
    ordlista = [(i, s) for i, s in egna if i in beskrivning["utan"]]
    assert len(ordlista) > 10  # a page for each first letter
    assert all(s["url"].startswith("/styrdok-ordlista/") for _, s in ordlista)
    assert "socialchef" in " ".join(s["content"] for _, s in ordlista).lower()
    assert not (byggt / "site" / "intranet" / "styrdok-ordlista").exists()
    for id_ in set(beskrivning["utan"]) - {i for i, _ in ordlista}:
        väg = kopia[id_]["url"].lstrip("/") + "index.html"
        här, där = intranät / väg, byggt / "site" / "public" / väg
        assert not här.is_file() or sok_sammanslagning.avtryck(
            här.read_text("utf-8")
        ) != sok_sammanslagning.avtryck(där.read_text("utf-8"))

    # what the search page's filters count: both indexes' counts added up (as Pagefind
    # merges them), less the correction, is what a whole index counts
    def räkna(sidor, tecken: int = 1, summa: dict | None = None) -> dict:
        summa = {} if summa is None else summa
        for sida in sidor:
            for namn, värden in sida.get("filters", {}).items():
                for värde in värden:
                    summa.setdefault(namn, {})[värde] = summa.get(namn, {}).get(värde, 0) + tecken
        return summa

    ordlistans = {i for i, _ in ordlista}
    slaget = räkna([s for i, s in egna if i not in ordlistans] + list(kopia.values()))
    for namn, värden in beskrivning["filter"].items():
        for värde, antal in värden.items():
            slaget[namn][värde] -= antal
    slaget = {n: {v: a for v, a in d.items() if a} for n, d in slaget.items()}
    assert slaget == räkna(sok.läs_index(hel))


def test_intranätets_kopia_länkas_från_förra_kopian_där_namnet_och_storleken_stämmer(
    byggt, tmp_path
):
    """After an edit the intranet links the content-named files of its previous copy of the
    public index instead of copying them again; a file that is missing there, or not what
    its name says (another size), is copied. The copy and the description come out exactly
    as when everything is copied."""
    intranät, publik = byggt / "site" / "intranet", byggt / "site" / "public"
    förra, ny = tmp_path / "förra", tmp_path / "ny"
    shutil.copytree(intranät, förra)
    shutil.copytree(intranät, ny)
    kopia = förra / sok.MAPP / sok_sammanslagning.MAPP
    borta, fel = sorted((kopia / "fragment").glob("*.pf_fragment"))[:2]
    borta.unlink()
    fel.write_bytes(fel.read_bytes()[:-1])
    _, delade, _, _ = sok_sammanslagning.jämför(ny, publik)
    ordlista = {
        s["url"]
        for _, s in sok_ordning.fragment(intranät / sok.MAPP)
        if s["url"].startswith("/styrdok-ordlista/")
    }
    sok_sammanslagning.ta_in(ny, publik, delade, ordlista, tidigare=förra)
    till = ny / sok.MAPP / sok_sammanslagning.MAPP
    väntat = {
        p.relative_to(publik / sok.MAPP).as_posix(): p.read_bytes()
        for p in (publik / sok.MAPP).rglob("*")
        if p.is_file() and not p.name.startswith("styrdok-")
    }
    fått = {p.relative_to(till).as_posix(): p.read_bytes() for p in till.rglob("*") if p.is_file()}
    assert fått == väntat
    assert sok.läs_beskrivning(ny) == sok.läs_beskrivning(intranät)
    länkade = [
        p.name
        for p in (till / "fragment").iterdir()
        if (kopia / "fragment" / p.name).exists()
        and p.stat().st_ino == (kopia / "fragment" / p.name).stat().st_ino
    ]
    assert len(länkade) == len(list((till / "fragment").iterdir())) - 2
    assert borta.name not in länkade and fel.name not in länkade


SIDA = {
    "titel": "<title>Taxa – Ekviks kommun</title>",
    "huvud": '<header class="md-header">Ekviks kommun</header><nav><a href="/a/">A</a></nav>',
    "rubrik": "<h1>Renhållningstaxa</h1>",
    "bild": '<img src="bild.png" alt="">',
    "meta": '<div hidden><span data-pagefind-meta="title">Renhållningstaxa</span>',
    "filter": '<span data-pagefind-filter="status">gällande</span></div>',
    "text": "<p>Avgiften är 100 kronor.</p>",
    "inre": "<div><p>Ett stycke i ett inre block.</p></div>",
    "efter": "<p>Efter det inre blocket.</p>",
    "fot": "<footer><span data-styrdok-adress>https://ekvik.se/taxa/</span></footer>",
}


def _sida(**ändrat: str) -> str:
    d = {**SIDA, **ändrat}
    return (
        f"<html><head>{d['titel']}</head><body>{d['huvud']}<article>{d['meta']}{d['filter']}"
        f"<div data-pagefind-body>{d['rubrik']}{d['bild']}{d['text']}{d['inre']}{d['efter']}"
        f"</div>{d['fot']}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("del_", "ny", "samma"),
    [
        ("titel", "<title>Taxa – Ledning och styrning</title>", True),
        ("huvud", '<header class="md-header">Ledning och styrning</header>', True),
        ("fot", "<footer><span>https://intra.ekvik.se/taxa/</span></footer>", True),
        ("text", "<p>Avgiften är 200 kronor.</p>", False),
        ("efter", "<p>Efter det inre blocket, ändrat.</p>", False),
        ("rubrik", "<h1>Renhållningstaxa 2026</h1>", False),
        ("bild", '<img src="annan.png" alt="">', False),
        ("meta", '<div hidden><span data-pagefind-meta="title">Annan</span>', False),
        ("filter", '<span data-pagefind-filter="status">ersatt</span></div>', False),
        ("fot", '<footer><span data-pagefind-meta="extra">x</span></footer>', False),
        ("huvud", '<header data-pagefind-ignore="all">Ledning och styrning</header>', False),
    ],
)
def test_en_sida_tas_ur_webbplatsens_index_bara_när_allt_pagefind_läser_är_detsamma(
    del_, ny, samma
):
    """Whatever Pagefind reads (the body element whole, past the blocks inside it; every
    element with a data-pagefind attribute, wherever it is; the first heading and image)
    decides; the rest of the page (title, header, footer) does not."""
    avtryck = sok_sammanslagning.avtryck
    assert (avtryck(_sida()) == avtryck(_sida(**{del_: ny}))) is samma


def test_en_sida_utan_index_eller_som_inte_förstås():
    avtryck = sok_sammanslagning.avtryck
    assert avtryck("<html><body><p>Ingen kropp att indexera</p></body></html>") is None
    öppen = _sida().replace("</div><footer", "<footer")  # the body element never closed
    assert avtryck(öppen) == ("?", öppen)
    assert avtryck(öppen) != avtryck(öppen.replace("ekvik.se", "intra.ekvik.se"))


class _Bas:
    def __init__(self, site: Path | None, index: bool = True) -> None:
        self.site, self.klart = site, index

    def sidor(self) -> Path | None:
        return self.site

    def index(self) -> bool:
        return self.klart


def _webbplats(rot: Path, sidor: dict[str, str]) -> Path:
    for väg, text in sidor.items():
        (rot / väg).parent.mkdir(parents=True, exist_ok=True)
        (rot / väg).write_text(_sida(text=f"<p>{text}</p>"), "utf-8")
    return rot


@pytest.mark.parametrize("fall", ["ingen bas", "inget delat", "inget eget", "basens index saknas"])
def test_intranätet_indexeras_helt_när_inget_kan_tas_in(tmp_path, fall):
    """Without a public site, with no page the same as there, with no page of its own, or
    when the public site's index did not come, the intranet gets a whole index of its own
    (and nothing of a word list or a half merge is left in it)."""
    publik = _webbplats(tmp_path / "public", {"a/index.html": "Alfa", "b/index.html": "Beta"})
    sok.indexera(publik)
    sidor = {"a/index.html": "Alfa", "b/index.html": "Beta", "c/index.html": "Gamma"}
    if fall == "inget delat":
        sidor = {v: t + " internt" for v, t in sidor.items()}
    if fall == "inget eget":
        sidor.pop("c/index.html")
    intranät = _webbplats(tmp_path / "intranet", sidor)
    bas = _Bas(None if fall == "ingen bas" else publik, index=fall != "basens index saknas")
    sok_sammanslagning.indexera(intranät, bas)
    assert sok.läs_beskrivning(intranät) == {}
    assert not (intranät / sok.MAPP / sok_sammanslagning.MAPP).exists()
    assert sorted(s["url"] for s in sok.läs_index(intranät)) == sorted(
        "/" + v.removesuffix("index.html") for v in sidor
    )
    assert not list(tmp_path.glob(".intranet-sok"))  # the selection made for Pagefind is gone


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<h1",
                "<h1>",
                "<h1 id=x>",
                "<h12>",
                "</h1>",
                "<img",
                "<img src=a>",
                ">",
                "x",
                "<h",
                "\n",
            ]
        ),
        max_size=14,
    ).map("".join)
)
def test_första_rubrik_och_bild_är_mönstrets_första_träff(html):
    """The first heading and image are found from where their starts are (``str.find``),
    not by the patterns' search: the same, wherever the starts nest, repeat or lack an end."""
    for början, mönster in sok_sidor._FÖRSTA:
        m = mönster.search(html)
        assert sok_sidor._första(html, början, mönster) == (m.group() if m else "")
