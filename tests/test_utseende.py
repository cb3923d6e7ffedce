"""The kommun's look on both sites (issue 15): the colour in kommun.yml checked for contrast
where it is written, the logo in the header and as favicon, the intranet opening on Ledning
och styrning, the banner of an amended författning, and the Swedish 404 page.

The browser half (what is visible at 390 and 1280 px, sorting, print) is in
tests/webblasare/test_utseende_webb.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from styrdok.bygg import generera_sidor, kontrollera, ladda_och_validera
from styrdok.grund.diagnostik import Rapport
from styrdok.karna import farg
from styrdok.karna.webbplats import INTRANÄT, PUBLIK

FÄRG = "#1f5f8b"  # content/kommun.yml


def html(rot: Path, väg: str, variant: str = "public") -> str:
    return (rot / "site" / variant / väg).read_text(encoding="utf-8")


def lägg_till(rot: Path, rad: str) -> int:
    """Append one line to kommun.yml; its line number."""
    fil = rot / "content" / "kommun.yml"
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text + rad + "\n", encoding="utf-8")
    return text.count("\n") + 1


# --- the colour --------------------------------------------------------------------


def test_kontrast_som_wcag_räknar():
    assert farg.kontrast("#000000") == pytest.approx(21)
    assert farg.kontrast("#ffffff") == pytest.approx(1)
    assert farg.kontrast("#767676") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert farg.läs("#1F5F8B") == FÄRG and farg.läs("#15b") == "#1155bb"


@pytest.mark.parametrize("ljus", ["#6fa8dc", "#ffff00", "#aabbcc", "#777777", "#526cfe"])
def test_en_mörkare_nyans_klarar_kravet(ljus):
    förslag = farg.mörkare_nyans(ljus)
    assert 4.5 <= farg.kontrast(förslag) < 4.8, förslag  # dark enough, and not much darker


def test_för_ljus_färg_är_ett_fel_på_sin_rad_med_förslag(skrapkommun):
    rad = lägg_till(skrapkommun, 'färg: "#6fa8dc"')
    fel = [d for d in kontrollera(skrapkommun).diagnoser if d.nivå == "fel"]
    assert len(fel) == 1, [str(d) for d in fel]
    (d,) = fel
    assert (d.sökväg, d.rad, d.kolumn) == ("content/kommun.yml", rad, 7), str(d)
    assert "kontrasten 2,53:1 mot vitt" in d.meddelande
    assert "minst 4,5:1 (WCAG 2.1 AA)" in d.meddelande
    förslag = re.search(r'mörkare nyans, t\.ex\. "(#[0-9a-f]{6})"', d.meddelande)
    assert förslag, d.meddelande
    assert farg.kontrast(förslag[1]) >= 4.5
    # the suggestion is accepted as it is written
    (skrapkommun / "content" / "kommun.yml").write_text(
        (skrapkommun / "content" / "kommun.yml")
        .read_text(encoding="utf-8")
        .replace("#6fa8dc", förslag[1]),
        encoding="utf-8",
    )
    assert kontrollera(skrapkommun).antal_fel == 0


@pytest.mark.parametrize(
    "rad, väntat",
    [
        ("färg: #1f5f8b", "inom citattecken"),  # YAML reads # as a comment: an empty value
        ('färg: "blå"', "är ingen färg"),
        ('färg: "#12345"', "hexadecimal färgkod"),
    ],
)
def test_felskriven_färg_är_ett_fel_på_svenska(skrapkommun, rad, väntat):
    nummer = lägg_till(skrapkommun, rad)
    fel = [d for d in kontrollera(skrapkommun).diagnoser if d.nivå == "fel"]
    assert len(fel) == 1 and fel[0].rad == nummer and väntat in fel[0].meddelande, [
        str(d) for d in fel
    ]


# --- what the site engine gets --------------------------------------------------------


@pytest.fixture(scope="module")
def korpus():
    from tests.conftest import PROJEKT

    rapport = Rapport()
    k = ladda_och_validera(PROJEKT, rapport)
    assert k is not None and not rapport.har_fel()
    return k


def test_webbplatserna_får_logotyp_ikon_och_färg(korpus, tmp_path):
    publik = generera_sidor(korpus, PUBLIK, tmp_path / "p")
    intranät = generera_sidor(korpus, INTRANÄT, tmp_path / "i")
    for w in (publik, intranät):
        assert w.logotyp == w.ikon == "stilar/logotyp.svg"
        assert (w.docs / w.logotyp).read_bytes() == korpus.logotyp.read_bytes()
        assert "stilar/kommunfarg.css" in w.stilar
        assert w.kommunnamn == "Ekviks kommun"
        css = (w.docs / "stilar/kommunfarg.css").read_text(encoding="utf-8")
        assert f"--styrdok-farg: {w.färg};" in css
    assert publik.färg == FÄRG
    assert farg.kontrast(intranät.färg) > farg.kontrast(FÄRG)  # a darker shade of it


def test_intranätet_öppnar_på_ledning_och_styrning(korpus, tmp_path):
    publik = generera_sidor(korpus, PUBLIK, tmp_path / "p")
    intranät = generera_sidor(korpus, INTRANÄT, tmp_path / "i")
    assert publik.startsida is None and publik.nav[0] == {"Start": "index.md"}
    assert intranät.startsida == "ledning-och-styrning/index.md"
    assert intranät.nav[0] == {"Ledning och styrning": "ledning-och-styrning/index.md"}
    assert all("index.md" not in post.values() for post in intranät.nav)
    start = (intranät.docs / "index.md").read_text(encoding="utf-8")
    assert "(ledning-och-styrning/index.md)" in start


def test_utan_logotyp_och_färg_behålls_temats(skrapkommun, tmp_path):
    rapport = Rapport()
    k = ladda_och_validera(skrapkommun, rapport)
    w = generera_sidor(k, PUBLIK, tmp_path / "p")
    assert w.logotyp is None and w.ikon is None and w.färg is None
    assert not any("kommunfarg" in s for s in w.stilar)


# --- the built sites ---------------------------------------------------------------------


def test_ändrad_författning_har_ruta_med_varje_ändring(exempel_webbplatser):
    for variant in ("public", "intranet"):
        sida = html(exempel_webbplatser, "forfattningssamling/2021-2/index.html", variant)
        ruta = sida.split('<div class="admonition note">', 1)[1].split("</div>", 1)[0]
        assert "Gällande, ändrad 2 gånger" in ruta
        assert "ursprungliga lydelse" in ruta and "ändringarna gäller" in ruta
        for nummer, titel, adress in (
            ("2022:1", "(ansvar för bostadsanpassning)", "../2022-1/"),
            ("2024:1", "(individutskottets sammansättning)", "../2024-1/"),
        ):
            länk = re.search(rf'<a href="{re.escape(adress)}">([^<]*)</a>', ruta)
            assert länk, (variant, adress, ruta)
            assert länk[1].startswith(f"EKFS {nummer} Ändring i reglemente för socialnämnden")
            assert länk[1].endswith(titel)


def test_404_på_svenska_med_sök_och_länk_hem(exempel_webbplatser):
    for variant, hem in (("public", "/"), ("intranet", "/ledning-och-styrning/")):
        sida = html(exempel_webbplatser, "404.html", variant)
        assert '<html lang="sv"' in sida
        assert re.search(r"<title>Sidan finns inte – [^<]*Ekviks kommun</title>", sida)
        assert "<h1>Sidan finns inte</h1>" in sida
        assert "hos Ekviks kommun" in sida
        assert "Not found" not in sida and "404 -" not in sida
        assert f'<a href="{hem}">Gå till startsidan</a>' in sida, variant
        assert 'action="/sok/"' in sida and 'name="q"' in sida  # the site's search page
        assert '<label for="styrdok-sokord">Sök på webbplatsen</label>' in sida


def test_logotypen_i_sidhuvudet_och_som_ikon(exempel_webbplatser):
    for variant in ("public", "intranet"):
        site = exempel_webbplatser / "site" / variant
        assert (site / "stilar" / "logotyp.svg").is_file()
        sida = html(exempel_webbplatser, "forfattningssamling/index.html", variant)
        assert '<link rel="icon" href="../stilar/logotyp.svg">' in sida
        huvud = sida.split('class="md-header__button md-logo"', 1)[1].split("</a>", 1)[0]
        assert '<img src="../stilar/logotyp.svg" alt="">' in huvud
        assert "<svg" not in huvud  # not the theme's book icon
        assert 'data-md-color-primary="custom"' in sida
        assert "stilar/kommunfarg.css" in sida


def test_intranätets_startsida_skickar_vidare(exempel_webbplatser):
    intranät = html(exempel_webbplatser, "index.html", "intranet")
    assert '<meta http-equiv="refresh" content="0; url=ledning-och-styrning/">' in intranät
    assert 'href="ledning-och-styrning/"' in intranät  # a link too, for whoever is not sent
    publik = html(exempel_webbplatser, "index.html")
    assert "http-equiv" not in publik
