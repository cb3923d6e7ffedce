"""Målstyrning: the example målkedja, its pages on both sites, SVG charts and tables that
agree with the source numbers, Word and PDF reports with every mål and its status, and
one Swedish diagnostic per bad-input fixture in tests/fall/mal/."""

from __future__ import annotations

import html as htmlmod
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from styrdok.bygg import kontrollera, ladda_och_validera
from styrdok.grund.diagnostik import Rapport
from styrdok.slag import mal
from styrdok.slag.mal.rapport import STATUS

PROJEKT = Path(__file__).resolve().parents[1]
FALL = Path(__file__).parent / "fall" / "mal"
SVG = "{http://www.w3.org/2000/svg}"
MAL = PROJEKT / "content" / "mal"


@pytest.fixture(scope="module")
def byggd(exempel_webbplatser) -> Path:
    return exempel_webbplatser


@pytest.fixture(scope="module")
def korpus():
    rapport = Rapport()
    k = ladda_och_validera(PROJEKT, rapport)
    assert not [str(d) for d in rapport.diagnoser if d.sökväg.startswith("content/mal")]
    return k


@pytest.fixture(scope="module")
def ms(korpus):
    return korpus.data["mal"]


def artikel(fil: Path) -> str:
    return re.search(r"<article.*?</article>", fil.read_text(encoding="utf-8"), re.S).group(0)


def text(html: str) -> str:
    return htmlmod.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def tal(text_: str) -> float:
    return float(text_.replace("\u00a0", " ").split(" ")[0].replace(",", ".").replace("−", "-"))


# --- the example målkedja -------------------------------------------------------------


def test_exempelkommunens_målkedja_är_komplett(ms):
    assert len(ms.kedja.målområden) >= 3
    assert len(ms.mål) >= 6
    assert len(ms.indikatorer) >= 10
    från_kolada = [
        s for s in ms.indikatorer.values() if s.data.kolada and s.från_kolada and s.riket
    ]
    assert len(från_kolada) >= 4
    assert len(ms.åtaganden) >= 8
    typer = {r.data.typ for r in ms.rapporter.values()}
    assert {"delårsrapport", "årsredovisning"} <= typer


def test_koladavärdena_i_yaml_kommer_från_json_filen_i_repot(tmp_path):
    from styrdok.slag.mal.kolada import importera

    (tmp_path / "content" / "mal").mkdir(parents=True)
    importera(tmp_path, next((MAL / "kolada").glob("*.json")))
    ny = yaml.safe_load((tmp_path / "content/mal/kolada.yml").read_text(encoding="utf-8"))
    incheckad = yaml.safe_load((MAL / "kolada.yml").read_text(encoding="utf-8"))
    assert ny == incheckad


# --- pages ----------------------------------------------------------------------------


def test_kedjan_går_att_följa_från_visionen_till_åtagandena(byggd, korpus, ms):
    start = artikel(byggd / "site/public/mal/index.html")
    assert " ".join(korpus.kommun.vision.split()) in text(start)
    område_id, område = next(iter(ms.kedja.målområden.items()))
    assert f'href="omraden/{område_id}/"' in start
    områdessida = artikel(byggd / f"site/public/mal/omraden/{område_id}/index.html")
    mål_id = next(iter(område.mål))
    assert f'href="../../mal/{mål_id}/"' in områdessida
    målsida = artikel(byggd / f"site/public/mal/mal/{mål_id}/index.html")
    for ind in ms.mål[mål_id].data.indikatorer:
        assert f'href="../../indikatorer/{ind}/"' in målsida
    for å in (å for å in ms.åtaganden.values() if å.data.mål == mål_id):
        assert å.data.namn in text(målsida)
    assert 'href="../../namnder/' in målsida


def test_status_visas_med_färg_symbol_och_text(byggd, ms):
    for mål_id in ms.mål:
        r, bedömning = ms.senaste_bedömning(mål_id)
        klass, symbol, etikett = STATUS[bedömning.status]
        sida = artikel(byggd / f"site/public/mal/mal/{mål_id}/index.html")
        assert (
            f'<span class="styrdok-etikett styrdok-etikett--{klass}"><span aria-hidden="true">{symbol}</span> '
            f"{etikett}</span>"
        ) in sida
    css = (byggd / "site/public/stilar/styrdok.css").read_text(encoding="utf-8")
    for klass, _, _ in STATUS.values():
        assert f".styrdok-etikett--{klass}" in css


def test_rapport_på_intranätet_visas_inte_på_webbplatsen(byggd, ms):
    interna = [r for r in ms.rapporter.values() if r.data.publicering == "intranät"]
    assert interna
    for r in interna:
        assert (byggd / f"site/intranet/mal/rapporter/{r.id}/index.html").is_file()
        assert not (byggd / f"site/public/mal/rapporter/{r.id}").exists()
        assert r.data.titel not in (byggd / "site/public/mal/index.html").read_text(
            encoding="utf-8"
        )


def test_kolada_anges_som_källa(byggd, ms):
    for s in ms.indikatorer.values():
        sida = text(artikel(byggd / f"site/public/mal/indikatorer/{s.id}/index.html"))
        assert ("Källa: Kolada" in sida) == bool(s.från_kolada), s.id


# --- charts and tables agree with the sources ----------------------------------------------


def källvärden() -> dict[str, dict[str, dict]]:
    """Straight from the YAML, without styrdok: indikator → {utfall, målvärden, riket} per period."""
    indikatorer = yaml.safe_load((MAL / "indikatorer.yml").read_text(encoding="utf-8"))[
        "indikatorer"
    ]
    kolada = yaml.safe_load((MAL / "kolada.yml").read_text(encoding="utf-8"))
    resultat = {}
    for ind_id, ind in indikatorer.items():
        utfall = {
            str(p): (v["totalt"] if isinstance(v, dict) else v)
            for p, v in (ind.get("utfall") or {}).items()
        }
        riket = {str(p): v for p, v in (ind.get("riket") or {}).items()}
        if ind.get("kolada"):
            for år, v in kolada["värden"].get(ind["kolada"], {}).items():
                utfall.setdefault(str(år), v["T"])
            for år, v in kolada["riket"].get(ind["kolada"], {}).items():
                riket.setdefault(str(år), v["T"])
        resultat[ind_id] = {
            "Utfall": utfall,
            "Målvärde": {str(p): v for p, v in (ind.get("målvärden") or {}).items()},
            "Riket": riket,
        }
    return resultat


@pytest.mark.parametrize("ind_id", sorted(källvärden()))
def test_diagrammet_visar_källans_tal(byggd, ind_id):
    förväntat = källvärden()[ind_id]
    rot = ET.parse(byggd / f"site/public/mal/diagram/{ind_id}.svg").getroot()
    assert rot.find(f"{SVG}title").text and rot.find(f"{SVG}desc").text
    lägsta, högsta = float(rot.get("data-min")), float(rot.get("data-max"))
    topp, botten = float(rot.get("data-topp")), float(rot.get("data-botten"))
    for namn, värden in förväntat.items():
        helår = {p: v for p, v in värden.items() if "-T" not in p}
        grupp = rot.find(f"{SVG}g[@data-serie='{namn}']")
        if not helår:
            assert grupp is None
            continue
        punkter = {m.get("data-period"): m for m in grupp if m.get("data-period")}
        assert set(punkter) == set(helår)
        for period, v in helår.items():
            m = punkter[period]
            assert float(m.get("data-varde")) == pytest.approx(v)
            y = topp + (högsta - v) / (högsta - lägsta) * (botten - topp)
            assert float(m.get("data-y")) == pytest.approx(y, abs=0.06)
            assert f"{namn} {period}:" in m.find(f"{SVG}title").text


@pytest.mark.parametrize("ind_id", sorted(källvärden()))
def test_tabellen_under_diagrammet_har_samma_tal(byggd, ind_id):
    förväntat = källvärden()[ind_id]
    sida = artikel(byggd / f"site/public/mal/indikatorer/{ind_id}/index.html")
    tabell = re.search(
        r'<table class="styrdok-data styrdok-indikatortabell">.*?</table>', sida, re.S
    ).group(0)
    kolumner = [text(k).strip() for k in re.findall(r"<th scope=\"col\">(.*?)</th>", tabell)]
    rader = {}
    for rad in re.findall(r"<tr>(.*?)</tr>", tabell, re.S)[1:]:
        celler = [text(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rad)]
        rader[celler[0]] = dict(zip(kolumner, celler, strict=False))
    for namn, värden in förväntat.items():
        for period, v in värden.items():
            rubrik = (
                period
                if "-T" not in period
                else {"1": "januari–april", "2": "januari–augusti"}[period[-1]] + " " + period[:4]
            )
            assert tal(rader[rubrik][namn]) == pytest.approx(v), (ind_id, namn, period)
    # and the chart's points are exactly the yearly rows with a value
    rot = ET.parse(byggd / f"site/public/mal/diagram/{ind_id}.svg").getroot()
    utfall = rot.find(f"{SVG}g[@data-serie='Utfall']")
    i_diagram = {
        m.get("data-period") for m in (utfall if utfall is not None else []) if m.get("data-period")
    }
    assert i_diagram == {p for p, r in rader.items() if p.isdigit() and r["Utfall"] != "–"}


# --- Word and PDF reports ----------------------------------------------------------------


@pytest.fixture(scope="module")
def rapportfiler(korpus, tmp_path_factory):
    from styrdok.format.docx import render_docx
    from styrdok.format.pdf import render_pdf

    ut = tmp_path_factory.mktemp("rapporter")
    filer = {}
    for leverans in mal.SLAG.leveranser(korpus, "intranät"):
        namn = leverans.väg.rsplit("/", 1)[1]
        render_docx(leverans.vy, ut / f"{namn}.docx", PROJEKT / "templates")
        render_pdf(leverans.vy, ut / f"{namn}.pdf", PROJEKT / "templates")
        filer[namn] = ut
    profil = tmp_path_factory.mktemp("lo-profil")
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{profil}",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(ut / "txt"),
            *[str(ut / f"{n}.docx") for n in filer],
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return ut, sorted(filer)


def _statustexter(ms, rapport_id: str) -> dict[str, str]:
    r = ms.rapporter[rapport_id]
    return {
        m.data.namn: STATUS[r.data.mål[m.id].status if m.id in r.data.mål else "ej bedömt"][2]
        for m in ms.mål.values()
    }


def _stycken(innehåll: str) -> str:
    return re.sub(r"\s+", " ", innehåll)


def test_wordrapporterna_öppnas_i_libreoffice_och_har_varje_mål_med_status(rapportfiler, ms):
    ut, namn = rapportfiler
    assert {"2025-arsredovisning", "2026-delarsrapport"} <= set(namn)
    for n in namn:
        innehåll = _stycken((ut / "txt" / f"{n}.txt").read_text(encoding="utf-8-sig"))
        for mål_namn, status in _statustexter(ms, n).items():
            träff = re.search(
                re.escape(mål_namn) + r" Status: [✔◐✖–] " + re.escape(status), innehåll
            )
            assert träff, (n, mål_namn, status)


def test_pdfrapporterna_har_varje_mål_med_status(rapportfiler, ms):
    ut, namn = rapportfiler
    for n in namn:
        innehåll = _stycken(
            subprocess.run(
                ["pdftotext", str(ut / f"{n}.pdf"), "-"], capture_output=True, text=True, check=True
            ).stdout
        )
        for mål_namn, status in _statustexter(ms, n).items():
            assert re.search(
                re.escape(mål_namn) + r" Status: [✔◐✖–] " + re.escape(status), innehåll
            ), (n, mål_namn)


# --- bad input ------------------------------------------------------------------------------

BAS = {
    "malomraden.yml": "målområden:\n  lara:\n    namn: Lära\n    mål:\n      klarar_skolan:\n"
    "        namn: Fler klarar skolan\n        indikatorer: [behorighet]\n",
    "indikatorer.yml": 'indikatorer:\n  behorighet:\n    namn: Behörighet\n    enhet: "%"\n'
    '    målvärden: {"2025": 85}\n    utfall: {"2024": 80, "2025": 82}\n',
}


def _liten_kommun(rot: Path) -> Path:
    (rot / "content" / "mal").mkdir(parents=True)
    shutil.copy(PROJEKT / "content" / "kommun.yml", rot / "content" / "kommun.yml")
    shutil.copytree(PROJEKT / "content" / "bilder", rot / "content" / "bilder")
    for namn, innehåll in BAS.items():
        (rot / "content" / "mal" / namn).write_text(innehåll, encoding="utf-8")
    return rot


def test_den_lilla_kommunen_är_felfri(tmp_path):
    assert kontrollera(_liten_kommun(tmp_path)).diagnoser == []


@pytest.mark.parametrize("fil", sorted(FALL.glob("*.yml")), ids=lambda f: f.stem)
def test_felaktig_målstyrning_ger_ett_svenskt_besked_på_rätt_rad(fil: Path, tmp_path: Path):
    rot = _liten_kommun(tmp_path)
    rader = fil.read_text(encoding="utf-8").splitlines()
    mål = rot / "content" / "mal" / rader[0].removeprefix("# fil: ").strip()
    mål.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(fil, mål)
    rapport = kontrollera(rot)
    assert len(rapport.diagnoser) == 1, [str(d) for d in rapport.diagnoser]
    d = rapport.diagnoser[0]
    assert d.sökväg == mål.relative_to(rot).as_posix()
    assert f"# väntat: {d.rad}:{d.kolumn} {d.nivå}: {d.meddelande}" == rader[1]


def test_rapportens_dokument_har_diagram_och_tabell_per_indikator(korpus, ms):
    """The report as PDF and Word shows every followed indicator's chart (the web's SVG) and
    its table under the goal; the web page links to the indicator pages instead."""
    from styrdok.slag.mal.rapport import dokumentvy, rapporttext, webbmärke

    r = ms.rapporter["2026-delarsrapport"]
    vy = dokumentvy(korpus, ms, r)
    väntade = {
        f"diagram/{i}.svg"
        for m in ms.mål.values()
        for i in m.data.indikatorer
        if i in ms.indikatorer and ms.indikatorer[i].perioder
    }
    assert väntade and {namn for namn, _ in vy.bilder} == väntade
    for namn, data in vy.bilder:
        assert data.startswith(b"<svg") and f"]({namn})" in vy.brödtext
        indikator = ms.indikatorer[namn.removeprefix("diagram/").removesuffix(".svg")]
        bild = vy.brödtext.index(f"]({namn})")
        assert vy.brödtext.index(f"{indikator.data.namn} ({indikator.data.enhet}) per period", bild)
    assert "](diagram/" not in rapporttext(korpus, ms, r, webbmärke, lambda t: t)
