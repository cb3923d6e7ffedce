"""The kommun's look in Chromium: the författningssamling's register readable at 390 and
1280 px (the status column inside the window, no badge clipped, no sideways scrolling),
sort controls only on long tables, the logo and the kommun's colour in the header, the
Swedish 404 page whose search works, the intranet opening on Ledning och styrning, and
printouts without navigation but with the kommun's name, the address and the date.

Screenshots go to build/rapporter/utseende-*.png."""

from __future__ import annotations

import pytest

from . import hjalp
from .hjalp import INTRANÄT, PUBLIK

REGISTER = "forfattningssamling/"
ÄNDRAD = "forfattningssamling/2021-2/"  # EKFS 2021:2: three rows of history

STATUSKOLUMNEN = """() => {
  const bredd = document.documentElement.clientWidth;
  const tabell = document.querySelector('.md-content table:has(.styrdok-status)');
  const rubriker = [...tabell.tHead.rows[0].cells];
  const i = rubriker.findIndex(th => th.textContent.trim().startsWith('Status'));
  const celler = [rubriker[i], ...[...tabell.tBodies[0].rows].map(r => r.cells[i])];
  const fel = [];
  const utanför = (r, a) => r.left < a.left - 0.5 || r.right > a.right + 0.5;
  for (const cell of celler) {
    const innehåll = cell.querySelector('.styrdok-status, .styrdok-sortera') || cell;
    const r = innehåll.getBoundingClientRect();
    const text = innehåll.textContent.trim();
    if (r.width === 0 || getComputedStyle(cell).display === 'none') fel.push('syns inte: ' + text);
    if (r.left < 0 || r.right > bredd) fel.push(`utanför fönstret (${r.left}–${r.right} av ${bredd}): ${text}`);
    if (innehåll.scrollWidth > innehåll.clientWidth + 1) fel.push('texten klipps: ' + text);
    for (let a = innehåll.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if ((s.overflowX !== 'visible' || s.overflowY !== 'visible') && utanför(r, a.getBoundingClientRect()))
        fel.push(`klipps av ${a.tagName.toLowerCase()}.${a.className}: ${text}`);
    }
  }
  const rullar = [...document.querySelectorAll('.md-content *')].filter(e => e.contains(tabell)
      && getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1);
  rullar.forEach(e => fel.push(`rullar i sidled: ${e.tagName.toLowerCase()}.${e.className}`));
  if (document.documentElement.scrollWidth > bredd) fel.push('sidan rullar i sidled');
  return {celler: celler.length, texter: celler.slice(1).map(c => c.textContent.trim()), fel};
}"""


def _fönster(flik, bredd: int) -> None:
    flik.set_viewport_size({"width": bredd, "height": 900})


def _öppna(flik, webbplatser, väg: str, variant: str = PUBLIK):
    svar = flik.goto(webbplatser[variant].url(väg), wait_until="load")
    assert svar is not None
    return svar


def _bild(flik, namn: str) -> None:
    hjalp.RAPPORTER.mkdir(parents=True, exist_ok=True)
    flik.screenshot(path=str(hjalp.RAPPORTER / f"utseende-{namn}.png"), full_page=True)


@pytest.mark.parametrize("bredd", [390, 1280])
@pytest.mark.parametrize("variant", [PUBLIK, INTRANÄT])
def test_registrets_statuskolumn_syns_hel(webbplatser, flik, variant, bredd):
    _fönster(flik, bredd)
    _öppna(flik, webbplatser, REGISTER, variant)
    r = flik.evaluate(STATUSKOLUMNEN)
    assert r["celler"] > 10, r
    assert not r["fel"], f"{variant} vid {bredd} px:\n" + "\n".join(r["fel"])
    assert "Gällande" in r["texter"] and "Ändrad" in r["texter"]
    if variant == PUBLIK:
        _bild(flik, f"register-{bredd}")


def test_smal_skärm_visar_nummer_titel_och_status(webbplatser, flik):
    _fönster(flik, 390)
    _öppna(flik, webbplatser, REGISTER)
    synliga = flik.evaluate(
        """() => [...document.querySelector('.md-content table:has(.styrdok-status)').tHead.rows[0].cells]
        .filter(th => getComputedStyle(th).display !== 'none').map(th => th.textContent.trim())"""
    )
    assert [t.rstrip(" ↕↑↓\u00a0") for t in synliga] == ["Nummer", "Titel", "Status"]


def test_sortering_bara_på_långa_tabeller(webbplatser, flik):
    _öppna(flik, webbplatser, REGISTER)
    antal = flik.evaluate(
        """() => [...document.querySelectorAll('.md-content table')].map(t =>
        [t.tBodies[0].rows.length, t.querySelectorAll('.styrdok-sortera').length])"""
    )
    register, utanför = antal[0], antal[-1]
    assert register[0] >= 8 and register[1] == 6, antal  # every column of the register
    assert utanför[0] < 8 and utanför[1] == 0, antal  # the two entries still outside
    _öppna(flik, webbplatser, ÄNDRAD)
    historik = flik.evaluate(
        """() => [...document.querySelectorAll('.md-content table:not(.styrdok-metadata)')].map(t =>
        [t.tBodies[0].rows.length, t.querySelectorAll('.styrdok-sortera').length])"""
    )
    assert historik == [[3, 0]], historik


def test_sorteringen_fungerar_och_behåller_kolumnmärkningen(webbplatser, flik):
    _fönster(flik, 390)
    _öppna(flik, webbplatser, REGISTER)
    knapp = flik.locator(".md-content table").first.get_by_role("button", name="Status")
    knapp.click()
    assert knapp.locator("xpath=..").get_attribute("aria-sort") == "ascending"
    assert flik.evaluate(STATUSKOLUMNEN)["fel"] == []
    # the optional columns stay hidden on a narrow screen after their headings became buttons
    dolda = flik.locator(".md-content table").first.locator("th:has(.styrdok-valfri)")
    assert dolda.count() == 3 and not any(dolda.nth(i).is_visible() for i in range(3))


@pytest.mark.parametrize("variant", [PUBLIK, INTRANÄT])
def test_logotyp_och_färg_i_sidhuvudet(webbplatser, flik, variant):
    _öppna(flik, webbplatser, REGISTER, variant)
    logga = flik.locator(".md-header .md-logo img")
    assert logga.is_visible()
    assert logga.get_attribute("src").endswith("stilar/logotyp.svg")
    assert flik.evaluate("(img) => img.complete && img.naturalWidth > 0", logga.element_handle())
    assert flik.locator(".md-header .md-logo svg").count() == 0  # not the theme's book icon
    ikon = flik.evaluate("() => document.querySelector('link[rel=icon]').href")
    assert ikon.endswith("stilar/logotyp.svg")
    svar = flik.request.get(ikon)
    assert svar.ok and svar.headers["content-type"].startswith("image/svg")
    bakgrund = flik.evaluate(
        "() => getComputedStyle(document.querySelector('.md-header')).backgroundColor"
    )
    väntat = "rgb(31, 95, 139)" if variant == PUBLIK else "rgb(22, 66, 97)"  # #1f5f8b, darker
    assert bakgrund == väntat
    länk = flik.evaluate(
        "() => getComputedStyle(document.querySelector('.md-content a[href]')).color"
    )
    assert länk == väntat


@pytest.mark.parametrize("variant", [PUBLIK, INTRANÄT])
def test_404_på_svenska_och_sökningen_fungerar(webbplatser, flik, variant):
    svar = _öppna(flik, webbplatser, "finns-inte/alls/", variant)
    assert svar.status == 404
    assert flik.title().startswith("Sidan finns inte – ")
    assert flik.title().endswith("Ekviks kommun")
    assert flik.evaluate("document.documentElement.lang") == "sv"
    assert flik.locator("h1").inner_text() == "Sidan finns inte"
    assert "hos Ekviks kommun" in flik.locator(".md-content").inner_text()
    hem = flik.get_by_role("link", name="Gå till startsidan")
    start = "" if variant == PUBLIK else hjalp.INTRANÄTETS_START
    assert hem.evaluate("a => a.href") == webbplatser[variant].url(start)
    if variant == PUBLIK:
        _bild(flik, "404")
    fält = flik.get_by_label("Sök på webbplatsen")
    fält.fill(hjalp.SÖKORD)
    fält.press("Enter")
    flik.wait_for_url(lambda u: "/sok/?q=" in u)
    flik.locator(".styrdok-sok__traffar li").first.wait_for(state="visible", timeout=20_000)
    assert flik.locator("#styrdok-sok-q").input_value() == hjalp.SÖKORD


def test_intranätet_öppnar_på_ledning_och_styrning(webbplatser, flik):
    _öppna(flik, webbplatser, "", INTRANÄT)
    flik.wait_for_url(webbplatser[INTRANÄT].url(hjalp.INTRANÄTETS_START))
    assert flik.locator("h1").inner_text() == "Ledning och styrning"
    första = flik.locator(".md-sidebar--primary .md-nav__list .md-nav__link").first
    assert första.inner_text().strip() == "Ledning och styrning"
    _bild(flik, "intranat-start")
    _öppna(flik, webbplatser, "", PUBLIK)
    assert flik.url == webbplatser[PUBLIK].url("")


@pytest.mark.parametrize("väg", [REGISTER, ÄNDRAD])
def test_utskrift_utan_navigering_med_namn_adress_och_datum(webbplatser, flik, väg):
    _öppna(flik, webbplatser, väg)
    flik.emulate_media(media="print")
    for väljare in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".styrdok-sokruta",
        ".md-footer",
        ".styrdok-filter",
    ):
        element = flik.locator(väljare)
        assert all(not element.nth(i).is_visible() for i in range(element.count())), väljare
    pilar = flik.evaluate(
        """() => [...document.querySelectorAll('.styrdok-sortera')]
        .map(b => getComputedStyle(b, '::after').content).filter(c => c !== 'none')"""
    )
    assert pilar == []
    valfria = flik.locator("td:has(.styrdok-valfri)")
    assert valfria.count() and valfria.first.is_visible()  # every column on paper
    huvud = flik.locator(".styrdok-utskrift--huvud")
    assert huvud.is_visible() and huvud.inner_text().strip() == "Ekviks kommun"
    fot = flik.locator(".styrdok-utskrift--fot").inner_text()
    assert f"Sidans adress: {webbplatser[PUBLIK].url(väg)}" in fot
    assert "Utskriven " in fot and any(
        m in fot
        for m in ("januari", "februari", "mars", "april", "maj", "juni", "juli")
        + ("augusti", "september", "oktober", "november", "december")
    ), fot
    flik.emulate_media(media="screen")
    assert not huvud.is_visible()
    if väg == REGISTER:
        flik.emulate_media(media="print")
        _bild(flik, "utskrift-register")
