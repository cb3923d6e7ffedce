"""The författningssamling: derived status and banners, register views, history,
permalinks, Atom feed, JSON/CSV exports, reproducibility, and its bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import pytest

from styrdok.bygg import kontrollera, ladda_och_validera
from styrdok.grund.diagnostik import Rapport
from styrdok.slag.styrdokument import forfattningar as kfs


def sida(rot: Path, väg: str, variant: str = "public") -> str:
    return (rot / "site" / variant / väg / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def korpus(exempelprojekt):
    return ladda_och_validera(exempelprojekt, Rapport())


@pytest.fixture(scope="module")
def status(korpus):
    return kfs.härled_status(korpus)


def test_exemplet_har_varje_status(korpus, status):
    koder = [status[d.id].kod for d in korpus.styrdokument.values() if d.data.kfs]
    for kod in (kfs.GÄLLANDE, kfs.ERSATT, kfs.UPPHÄVD, kfs.EJ_I_KRAFT):
        assert kod in koder
    assert any(len(status[d.id].ändringar) >= 2 for d in korpus.styrdokument.values())


@pytest.mark.parametrize(
    "väg, ruta, länk",
    [
        ("forfattningssamling/2019-2", "Ersatt 2025-01-01 genom EKFS 2024:2", "../2024-2/"),
        ("forfattningssamling/2020-1", "Upphävd 2025-06-01 genom EKFS 2025:1", "../2025-1/"),
    ],
)
def test_upphörda_har_banner_med_länk(exempelprojekt, väg, ruta, länk):
    html = sida(exempelprojekt, väg)
    assert 'class="admonition danger"' in html
    assert ruta in html
    assert f'href="{länk}"' in html


def test_ej_i_kraft_visar_datum(exempelprojekt):
    html = sida(exempelprojekt, "forfattningssamling/2026-1")
    assert "Träder i kraft 2027-01-01" in html


def test_ändrad_författning_listar_ändringarna_i_historiken(exempelprojekt, korpus, status):
    html = sida(exempelprojekt, "forfattningssamling/2021-2")
    historik = html.split('id="historik"')[1]
    for ändring in status["styrdokument/reglementen/reglemente-for-socialnamnden"].ändringar:
        d = korpus.styrdokument[ändring]
        assert f"{d.titel}" in historik
        assert d.data.paragraf in historik
    assert "Gällande, ändrad 2 gånger" in html


def test_permalänk_följer_numret_inte_titeln(korpus):
    from styrdok.slag.styrdokument.presentation import sidväg

    for d in korpus.styrdokument.values():
        if d.data.kfs:
            assert sidväg(d) == f"forfattningssamling/{d.data.kfs.replace(':', '-')}.md"


def test_gällande_vy_utelämnar_upphävda_och_ersatta(exempelprojekt):
    html = sida(exempelprojekt, "forfattningssamling/gallande")
    assert "EKFS 2021:1" in html
    assert "EKFS 2019:2" not in html and "EKFS 2020:1" not in html


def test_filtrerade_vyer_finns_som_sidor(exempelprojekt, korpus):
    taxor = sida(exempelprojekt, "forfattningssamling/kategori/taxor")
    for d in korpus.styrdokument.values():
        if d.data.kfs:
            assert (f"EKFS {d.data.kfs}<" in taxor) == (d.data.kategori == "taxor"), d.id
    år = sida(exempelprojekt, "forfattningssamling/ar/2021")
    assert "EKFS 2021:4" in år and "EKFS 2022:1" not in år
    upphävd = sida(exempelprojekt, "forfattningssamling/status/upphavd")
    assert "EKFS 2020:1" in upphävd and "EKFS 2021:1" not in upphävd


def test_atomflödet_tolkas_av_feedparser(exempelprojekt, korpus):
    flöde = feedparser.parse(
        (exempelprojekt / "site" / "public" / "forfattningssamling" / "flode.xml").read_bytes()
    )
    assert not flöde.bozo, flöde.bozo_exception
    antal = sum(1 for d in korpus.styrdokument.values() if d.data.kfs and d.är_publik)
    assert len(flöde.entries) == antal
    assert flöde.feed.title.startswith("Ekviks kommuns författningssamling")
    ersatt = next(e for e in flöde.entries if e.title.startswith("EKFS 2019:2 "))
    assert ersatt.link == "https://www.ekvik.example/forfattningssamling/2019-2/"
    assert ersatt.summary.startswith("Ersatt 2025-01-01 genom EKFS 2024:2")
    datum = [e.updated for e in flöde.entries]
    assert datum == sorted(datum, reverse=True)


def test_json_och_csv_stämmer_med_källorna(exempelprojekt, korpus, status):
    mapp = exempelprojekt / "site" / "public" / "forfattningssamling"
    rader = json.loads((mapp / "register.json").read_text(encoding="utf-8"))
    csvrader = list(
        csv.DictReader(io.StringIO((mapp / "register.csv").read_text(encoding="utf-8-sig")))
    )
    poster = sorted(
        (d for d in korpus.styrdokument.values() if d.data.kfs),
        key=lambda d: tuple(map(int, d.data.kfs.split(":"))),
    )
    assert len(rader) == len(csvrader) == len(poster)
    for rad, csvrad, d in zip(rader, csvrader, poster, strict=False):
        assert rad == csvrad
        assert rad["nummer"] == f"EKFS {d.data.kfs}"
        assert rad["titel"] == d.titel
        assert rad["beslutsdatum"] == d.data.beslutsdatum.isoformat()
        assert rad["paragraf"] == d.data.paragraf
        assert rad["status"] == status[d.id].kod
        assert rad["kategori"] == korpus.kommun.kategorier[d.data.kategori]
    assert next(r for r in rader if r["nummer"] == "EKFS 2019:2")["ersatt_av"] == "EKFS 2024:2"


def test_två_byggen_ger_identiska_register(tmp_path):
    from conftest import kopiera_projekt

    from styrdok.bygg import bygg

    första, andra = kopiera_projekt(tmp_path / "första"), kopiera_projekt(tmp_path / "andra")
    for rot in (första, andra):
        bygg(rot, bara_webbplatser=True)
    for namn in ("register.json", "register.csv", "flode.xml", "index.html"):
        väg = Path("site/public/forfattningssamling") / namn
        assert (första / väg).read_bytes() == (andra / väg).read_bytes(), namn


TAXA = """---
titel: {titel}
dokumenttyp: taxa
beslutsinstans: kf
beslutsdatum: {datum}
paragraf: 10
dokumentansvarig: Kanslichef
kfs: "{kfs}"
kategori: taxor
{extra}---

Text.
"""


def skriv(rot: Path, namn: str, **fält) -> None:
    fält.setdefault("extra", "")
    (rot / "content" / "styrdokument" / f"{namn}.md").write_text(
        TAXA.format(**fält), encoding="utf-8"
    )


def fel(rot: Path) -> list[str]:
    return [str(d) for d in kontrollera(rot).diagnoser if d.nivå == "fel"]


def test_cirkel_av_ersättningar_är_ett_fel(skrapkommun):
    skriv(
        skrapkommun,
        "a",
        titel="A",
        datum="2022-01-01",
        kfs="2022:1",
        extra='ersätter: ["PKFS 2022:2"]\n',
    )
    skriv(
        skrapkommun,
        "b",
        titel="B",
        datum="2022-02-01",
        kfs="2022:2",
        extra='ersätter: ["PKFS 2022:1"]\n',
    )
    meddelanden = fel(skrapkommun)
    assert any("bildar en cirkel" in m and ":10:12:" in m for m in meddelanden), meddelanden


def test_redan_upphävd_före_ikraftträdandet_är_ett_fel(skrapkommun):
    skriv(skrapkommun, "gammal", titel="Gammal", datum="2020-01-01", kfs="2020:1")
    skriv(
        skrapkommun,
        "upphavare",
        titel="Upphävare",
        datum="2021-01-01",
        kfs="2021:1",
        extra='upphäver: ["PKFS 2020:1"]\n',
    )
    skriv(
        skrapkommun,
        "sen",
        titel="Sen",
        datum="2022-01-01",
        kfs="2022:1",
        extra='ersätter: ["PKFS 2020:1"]\n',
    )
    (m,) = fel(skrapkommun)
    assert m.startswith(
        "content/styrdokument/sen.md:10:12: fel: ersätter: PKFS 2020:1 upphörde redan 2021-01-01 genom PKFS 2021:1"
    )


def test_ändrar_utanför_författningssamlingen_är_ett_fel(skrapkommun):
    (skrapkommun / "content" / "styrdokument" / "policy.md").write_text(
        "---\ntitel: P\ndokumenttyp: policy\nbeslutsinstans: kf\nbeslutsdatum: 2021-01-01\nparagraf: 3\n"
        "dokumentansvarig: K\n---\n\nText.\n",
        encoding="utf-8",
    )
    skriv(
        skrapkommun,
        "andring",
        titel="Ändring",
        datum="2022-01-01",
        kfs="2022:1",
        extra="ändrar: [styrdokument/policy]\n",
    )
    (m,) = fel(skrapkommun)
    assert m.startswith(
        "content/styrdokument/andring.md:10:10: fel: ändrar: styrdokument/policy ingår inte i författningssamlingen"
    )


def test_lucka_i_numreringen_ger_varning(skrapkommun):
    skriv(skrapkommun, "ett", titel="Ett", datum="2022-01-01", kfs="2022:1")
    skriv(skrapkommun, "tre", titel="Tre", datum="2022-03-01", kfs="2022:3")
    (d,) = kontrollera(skrapkommun).diagnoser
    assert d.nivå == "varning" and "PKFS 2022:2 saknas" in d.meddelande
