"""The search page (sok/) with each site's Pagefind index, in Chromium: what a visitor
finds for the queries that failed with the theme's search, the filters, the keyboard, and
that the public site's search never answers with an intranet page."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest

from styrdok.karna.webbplats import INTRANÄT, PUBLIK
from styrdok.webb import sok, sok_delning, sok_ordning

from . import hjalp

INTRANÄTSTITEL = "Anvisning för attest av leverantörsfakturor"


def sök(flik, webbplatser, fråga: str, variant: str = PUBLIK, **filter: str) -> list[dict]:
    """Open sok/?q=… and return the hits shown: title, facts and address."""
    frågesträng = "&".join(f"{k}={quote(v)}" for k, v in {"q": fråga, **filter}.items())
    flik.goto(webbplatser[variant].url(f"sok/?{frågesträng}"), wait_until="load")
    flik.wait_for_function(
        "() => /träff/.test(document.querySelector('[data-styrdok-sok-status]').textContent)",
        timeout=20_000,
    )
    hjalp.vänta_på_stilla_sida(flik)
    return flik.evaluate(
        """() => [...document.querySelectorAll('.styrdok-sok__traffar li')].map(li => ({
        titel: li.querySelector('h2').textContent.trim(),
        fakta: (li.querySelector('.styrdok-sok__fakta') || {}).textContent || '',
        adress: li.querySelector('a').getAttribute('href')}))"""
    )


def titlar(träffar: list[dict]) -> list[str]:
    return [t["titel"] for t in träffar]


@pytest.mark.parametrize("fråga", ["renhallning", "renhållning", "Renhållning"])
def test_renhållning_utan_och_med_prickar_gällande_taxan_först(webbplatser, flik, fråga):
    träffar = sök(flik, webbplatser, fråga)
    namn = titlar(träffar)
    assert namn[0] == "Renhållningstaxa för Ekviks kommun", namn
    assert "Gällande" in träffar[0]["fakta"]
    gamla = namn.index("Renhållningstaxa för Ekviks kommun 2020")
    assert gamla > 0 and "Ersatt" in träffar[gamla]["fakta"]


@pytest.mark.parametrize("fråga", ["EKFS 2021:2", "ekfs 2021:2", "2021:2", "KS 2020/518"])
def test_kfs_nummer_och_diarienummer_ger_dokumentet_först(webbplatser, flik, fråga):
    träffar = sök(flik, webbplatser, fråga)
    assert träffar[0]["titel"] == "Reglemente för socialnämnden", titlar(träffar)
    assert träffar[0]["adress"].endswith("/forfattningssamling/2021-2/")
    assert titlar(träffar).count("Reglemente för socialnämnden") == 1  # not listed twice
    flik.locator(".styrdok-sok__traffar a").first.click()
    flik.wait_for_url("**/forfattningssamling/2021-2/")


def test_dokumentansvarig_hittas(webbplatser, flik):
    träffar = sök(flik, webbplatser, "socialchef")
    assert "Reglemente för socialnämnden" in titlar(träffar)
    assert all("Socialchef" in t["fakta"] for t in träffar), träffar


def test_filter_begränsar_träffarna(webbplatser, flik):
    alla = sök(flik, webbplatser, "taxa")
    flik.get_by_label("Status").select_option("ersatt")
    flik.wait_for_url("**status=ersatt**")
    flik.wait_for_function(  # the new hits, not the last ones, are shown and announced
        """() => { const li = [...document.querySelectorAll('.styrdok-sok__traffar li')];
        return li.length > 0 && li.every(l => l.textContent.includes('Ersatt'))
            && /träff/.test(document.querySelector('[data-styrdok-sok-status]').textContent); }""",
        timeout=20_000,
    )
    hjalp.vänta_på_stilla_sida(flik)
    ersatta = flik.locator(".styrdok-sok__traffar li")
    assert 0 < ersatta.count() < len(alla)
    assert all("Ersatt" in ersatta.nth(i).inner_text() for i in range(ersatta.count()))
    assert "träff" in flik.locator("[data-styrdok-sok-status]").inner_text()
    # the filter is in the address: the same view comes back
    igen = sök(flik, webbplatser, "taxa", status="ersatt")
    assert len(igen) == ersatta.count()
    assert flik.get_by_label("Status").input_value() == "ersatt"


def test_webbplatsens_sökning_ger_aldrig_intranätets_sidor(webbplatser, flik):
    publikt = sök(flik, webbplatser, INTRANÄTSTITEL)
    assert INTRANÄTSTITEL not in titlar(publikt)
    assert not any("ledning-och-styrning" in t["adress"] for t in publikt)
    assert INTRANÄTSTITEL not in titlar(sök(flik, webbplatser, "leverantörsfakturor"))
    intranät = sök(flik, webbplatser, INTRANÄTSTITEL, INTRANÄT)
    assert intranät[0]["titel"] == INTRANÄTSTITEL


def test_inga_träffar_sägs(webbplatser, flik):
    assert sök(flik, webbplatser, "xyzzyqvarn") == []
    assert (
        flik.locator("[data-styrdok-sok-status]").inner_text() == "Inga träffar för »xyzzyqvarn«."
    )


def test_sökning_med_bara_tangentbordet(webbplatser, flik):
    flik.goto(webbplatser[PUBLIK].url("forfattningssamling/2021-2/"), wait_until="load")
    for _ in range(40):
        flik.keyboard.press("Tab")
        if flik.evaluate("document.activeElement.id") == "styrdok-sokruta-falt":
            break
    else:
        pytest.fail("sökfältet i sidhuvudet nås inte med Tab")
    flik.keyboard.type("renhallning")
    flik.keyboard.press("Enter")
    flik.wait_for_url("**/sok/?q=renhallning")
    flik.locator(".styrdok-sok__traffar li").first.wait_for(state="visible", timeout=20_000)
    for _ in range(20):
        flik.keyboard.press("Tab")
        if flik.evaluate("!!document.activeElement.closest('.styrdok-sok__traffar')"):
            break
    else:
        pytest.fail("första träffen nås inte med Tab från sökfältet")
    assert (
        flik.evaluate("document.activeElement.textContent") == "Renhållningstaxa för Ekviks kommun"
    )
    flik.keyboard.press("Enter")
    flik.wait_for_url("**/forfattningssamling/2024-2/")


@pytest.mark.parametrize("bredd", [390, 1280])
def test_sökfältet_i_sidhuvudet_fungerar_på_mobil_och_dator(webbplatser, webblasare, bredd):
    kontext, flik = hjalp.ny_flik(webblasare)
    try:
        flik.set_viewport_size({"width": bredd, "height": 800})
        flik.goto(webbplatser[PUBLIK].url("styrdokument/"), wait_until="load")
        knapp = flik.locator(".styrdok-sokruta__knapp")
        assert knapp.is_visible()
        fält = flik.locator("#styrdok-sokruta-falt")
        if bredd >= 1000:
            fält.fill("renhallning")
        knapp.click()
        flik.wait_for_url("**/sok/**")
        if bredd < 1000:  # the magnifier alone: the search page's field takes the words
            assert flik.evaluate("document.activeElement.id") == "styrdok-sok-q"
            flik.keyboard.type("renhallning")
            flik.keyboard.press("Enter")
        flik.locator(".styrdok-sok__traffar li").first.wait_for(state="visible", timeout=20_000)
        bredast = flik.evaluate("document.documentElement.scrollWidth")
        assert bredast <= bredd, f"sidan är {bredast} px bred i {bredd} px"
        hjalp.RAPPORTER.mkdir(parents=True, exist_ok=True)
        flik.screenshot(path=str(hjalp.RAPPORTER / f"sok-{bredd}.png"))
    finally:
        kontext.close()


def test_delat_ordindex_ger_samma_träffar_som_helt(webbplatser, webblasare, tmp_path, monkeypatch):
    """Pagefind's own search in Chromium finds the same pages with the same scores whether
    the word ranges are cut into many small pieces (styrdok/webb/sok_delning.py, here far
    smaller than on a real site) or left whole, for words, beginnings of words, several
    words and identifiers. The scores are compared to four decimals: Pagefind adds up its
    words' scores in 32-bit floats, whose last digit depends on the order."""
    platser = {}
    for namn, gräns in (("hel", 10**12), ("delad", 3_000)):
        platser[namn] = tmp_path / namn
        shutil.copytree(
            webbplatser[PUBLIK].site, platser[namn], ignore=shutil.ignore_patterns(sok.MAPP)
        )
        monkeypatch.setattr(sok_delning, "GRÄNS", gräns)
        monkeypatch.setattr(sok_delning, "MÅL", 1_000)
        sok.indexera(platser[namn])
    assert len(list((platser["delad"] / sok.MAPP / "index").iterdir())) > 3 * len(
        list((platser["hel"] / sok.MAPP / "index").iterdir())
    )
    frågor = [
        "renhallning", "renhållning", "taxa", "socialchef", "EKFS 2021:2", "KS 2020/518",
        "förskola", "försk", "förskolan", "skolskjuts", "kvalitet", "kvalitetsgaranti",
        "nämnd", "nämndens", "sammanträde", "protokoll", "lag", "lagen", "vatten", "avfall",
        "riktlinje för", "plan för bostadsförsörjning", "äldreomsorg", "miljö", "bygglov",
        "ekonomi", "budget 2024", "upphävd", "styrdokument", "attest", "kommunfullmäktige",
    ]  # fmt: skip
    svar = _pagefinds_svar(webblasare, platser, frågor)
    assert sum(len(träffar) for träffar in svar["hel"].values()) > 100
    olika = {
        f: (svar["hel"][f], svar["delad"][f]) for f in frågor if svar["hel"][f] != svar["delad"][f]
    }
    assert not olika, olika


def _pagefinds_svar(webblasare, platser: dict, frågor: list[str]) -> dict:
    """Pagefind's own search in Chromium on each site: for each query, every hit's address
    and score (to four decimals: Pagefind adds up its words' scores in 32-bit floats, whose
    last digit depends on the order)."""
    svar: dict = {}
    kontext, flik = hjalp.ny_flik(webblasare)
    try:
        for namn, mapp in platser.items():
            server = hjalp.Server(mapp)
            try:
                svar[namn] = {}
                for fråga in frågor:  # a page of its own: Pagefind keeps what it fetched
                    flik.goto(server.bas + "sok/", wait_until="load")
                    svar[namn][fråga] = flik.evaluate(
                        """async q => {
                        const pf = await import('/pagefind/pagefind.js');
                        const svar = await pf.search(q);
                        return await Promise.all(svar.results.map(async r =>
                            [(await r.data()).url, Math.round(r.score * 1e4)]));
                        }""",
                        fråga,
                    )
            finally:
                server.stäng()
    finally:
        kontext.close()
    return svar


def test_uppdaterat_index_ger_samma_träffar_som_ett_gjort_från_början(
    webbplatser, webblasare, tmp_path, monkeypatch
):
    """After an edit to four pages (new words, a paragraph gone, a field changed), the
    index brought up to date (styrdok/webb/sok_uppdatering.py) is read by Pagefind's own
    search in Chromium, and finds the same pages with the same scores as an index made
    from nothing, for the new words, the words gone, common words and identifiers."""
    from styrdok.webb import sok_uppdatering

    ny_text = "<p>Snöröjningsfordonet plogade övergångsställena vid Kvastfenegatan.</p>"

    def ändra(site):
        sidor = [
            p for p in sorted(site.rglob("index.html")) if "data-pagefind-body" in p.read_text()
        ]
        for nr, sida in enumerate(sidor[:4]):
            text = sida.read_text("utf-8")
            start = text.index(">", text.index("data-pagefind-body")) + 1
            if nr < 2:
                text = text[:start] + ny_text + text[start:]
            elif nr == 2:
                slut = text.index("</p>", start) + 4
                text = text[:start] + text[slut:]
            else:
                text = text.replace("</h1>", " om avfallshämtning</h1>", 1)
            sida.write_text(text, "utf-8")

    platser = {}
    for namn in ("ren", "uppdaterad"):
        platser[namn] = tmp_path / namn
        shutil.copytree(
            webbplatser[PUBLIK].site, platser[namn], ignore=shutil.ignore_patterns(sok.MAPP)
        )
        ändra(platser[namn])
    gjorda: list = []
    uppdatera = sok_uppdatering.uppdatera
    monkeypatch.setattr(
        sok_uppdatering, "uppdatera", lambda *a: gjorda.append(uppdatera(*a)) or gjorda[-1]
    )
    sok.indexera(platser["ren"])
    sok.indexera(platser["uppdaterad"], tidigare=webbplatser[PUBLIK].site)
    assert gjorda == [4]
    frågor = [
        "snöröjningsfordonet", "snöröjning", "övergångsställe", "kvastfenegatan", "plogade",
        "avfallshämtning", "avfall", "renhallning", "taxa", "socialchef", "EKFS 2021:2",
        "förskola", "försk", "kvalitet", "nämnd", "riktlinje för", "styrdokument", "lagen",
    ]  # fmt: skip
    svar = _pagefinds_svar(webblasare, platser, frågor)
    assert svar["ren"]["snöröjningsfordonet"] and svar["ren"]["avfallshämtning"]
    olika = {
        f: (svar["ren"][f], svar["uppdaterad"][f])
        for f in frågor
        if svar["ren"][f] != svar["uppdaterad"][f]
    }
    assert not olika, olika


ALLA_TRÄFFAR = """async () => {
    const fler = document.querySelector('[data-styrdok-sok-fler]');
    const antal = () => document.querySelectorAll('.styrdok-sok__traffar li').length;
    while (!fler.hidden) {
        const före = antal();
        fler.click();
        await new Promise(klart => { const t = setInterval(() => {
            if (antal() > före || fler.hidden) { clearInterval(t); klart(); } }, 20); });
    }
    return {
        adresser: [...document.querySelectorAll('.styrdok-sok__traffar li h2 a')]
            .map(a => a.getAttribute('href')),
        status: document.querySelector('[data-styrdok-sok-status]').textContent,
        filter: [...document.querySelectorAll('select[data-filter] option')]
            .map(o => o.textContent),
    };
}"""


def test_intranätets_sökning_med_webbplatsens_index_som_ett_helt_index(
    webbplatser, webblasare, tmp_path
):
    """The intranet's search takes in a copy of the public site's index (webb/
    sok_sammanslagning): in Chromium it finds every page a whole index of the intranet
    finds, each once, and its filters count the same. It may find a page more: a
    word that only the intranet's own pages hold is looked up in the public index by its
    longest beginning there (»leverantörsfakturor« as »leverantörer«). The other way round
    it may not: the own index holds every word of the public pages (its word list), so
    »socialchef« is not answered with »sociala« from it, above the real hits."""
    intranät = webbplatser[INTRANÄT].site
    assert sok.läs_beskrivning(intranät)["index"]
    hel = tmp_path / "hel"
    shutil.copytree(intranät, hel, ignore=shutil.ignore_patterns(sok.MAPP))
    sok.indexera(hel)
    frågor = [
        "taxa", "renhallning", "attest", "leverantörsfakturor", "nämnd", "kvalitet",
        "EKFS 2021:2", "socialchef", "ledning och styrning", "tertialrapport", "mål",
    ]  # fmt: skip
    svar: dict[str, dict] = {}
    kontext, flik = hjalp.ny_flik(webblasare)
    try:
        for namn, mapp in (("sammanslaget", intranät), ("helt", hel)):
            server = hjalp.Server(mapp)
            try:
                svar[namn] = {}
                for fråga in frågor:
                    flik.goto(server.bas + f"sok/?q={quote(fråga)}", wait_until="load")
                    flik.wait_for_function(
                        "() => /träff/.test(document.querySelector("
                        "'[data-styrdok-sok-status]').textContent)",
                        timeout=20_000,
                    )
                    flik.locator("select[data-filter]").first.focus()  # the filters filled
                    flik.wait_for_function(
                        "() => document.querySelectorAll('select[data-filter] option').length"
                        " > document.querySelectorAll('select[data-filter]').length"
                    )
                    svar[namn][fråga] = flik.evaluate(ALLA_TRÄFFAR)
            finally:
                server.stäng()
    finally:
        kontext.close()
    assert not flik.js_fel, flik.js_fel
    for fråga in frågor:
        slaget, helt = svar["sammanslaget"][fråga], svar["helt"][fråga]
        assert len(set(slaget["adresser"])) == len(slaget["adresser"]), fråga  # each once
        # every page the whole index finds; a word matched as it is spelt in one index may
        # be matched by its beginning in the other, so more may be found, never fewer
        assert set(slaget["adresser"]) >= set(helt["adresser"]), fråga
        assert slaget["filter"] == helt["filter"], fråga
    assert sum(len(s["adresser"]) for s in svar["helt"].values()) > 50
    socialchef = svar["sammanslaget"]["socialchef"]["adresser"]
    assert socialchef == svar["helt"]["socialchef"]["adresser"], socialchef
    egna = {sida["url"] for _, sida in sok_ordning.fragment(intranät / sok.MAPP)}
    hittade = [a for s in svar["sammanslaget"].values() for a in s["adresser"]]
    assert any(a in egna for a in hittade) and any(a not in egna for a in hittade)
