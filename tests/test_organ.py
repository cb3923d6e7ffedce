"""Organs as real kommuner have them: politiska organ, tjänstepersoner, ledningsgrupper,
förvaltningar, bolag, kommunalförbund and the political majority, each deciding what its
type allows (with or without §, in the författningssamling or not), and typologies that
say when an organ decides and whom it must hear first (Forshaga §5.1, Arboga §6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from styrdok.bygg import generera_sidor, kontrollera, ladda_och_validera
from styrdok.grund.diagnostik import Rapport
from styrdok.karna.kommun import ORGANTYPER

KOMMUN = """\
namn: Forsby kommun
kfs_prefix: FFS
webbplats: https://www.forsby.example
vision: En vision.
organ:
  kf: {namn: Kommunfullmäktige, typ: politisk}
  ks: {namn: Kommunstyrelsen, typ: politisk}
  kd: {namn: Kommundirektör, typ: tjänsteperson}
  klg: {namn: Kommunledningsgruppen, typ: ledningsgrupp}
  sbf: {namn: Samhällsbyggnadsförvaltningen, typ: förvaltning}
  bostad: {namn: Forsbyhem AB, typ: bolag}
  rtj: {namn: Räddningstjänstförbundet, typ: kommunalförbund}
  maj: {namn: Den politiska majoriteten, typ: politisk majoritet}
dokumenttyper:
  policy:
    namn: Policy
    beskrivning: Kommunens förhållningssätt.
    beslutas_av:
      - kf
      - {organ: bostad, villkor: för bolagets egen verksamhet}
  riktlinje:
    namn: Riktlinje
    beslutas_av:
      - ks
      - {organ: kd, villkor: när riktlinjen gäller hela förvaltningen, samråd: [klg]}
      - klg
      - sbf
  program: {namn: Politiskt program, beslutas_av: [maj]}
  handlingsplan: {namn: Handlingsplan, beslutas_av: [rtj]}
kategorier:
  allmanna: Allmänna bestämmelser
tillgänglighet: {efterlevnad: helt förenlig, bedömningsdatum: 2026-09-01, kontakt_epost: a@b.se}
"""

DOKUMENT = """\
---
titel: {titel}
dokumenttyp: {typ}
beslutsinstans: {organ}
beslutsdatum: 2024-03-01
dokumentansvarig: Kanslichef
{extra}---

Brödtext.
"""


@pytest.fixture
def forsby(skrapkommun: Path) -> Path:
    (skrapkommun / "content" / "kommun.yml").write_text(KOMMUN, encoding="utf-8")
    return skrapkommun


def skriv(rot: Path, namn: str, typ: str, organ: str, extra: str = "") -> None:
    text = DOKUMENT.format(titel=namn.capitalize(), typ=typ, organ=organ, extra=extra)
    (rot / "content" / "styrdokument" / f"{namn}.md").write_text(text, encoding="utf-8")


def diagnoser(rot: Path, nivå: str) -> list[str]:
    return [str(d) for d in kontrollera(rot).diagnoser if d.nivå == nivå]


def test_varje_organtyp_beslutar_det_den_får(forsby: Path) -> None:
    skriv(forsby, "policy-kf", "policy", "kf", "paragraf: 12\n")
    skriv(forsby, "policy-bolaget", "policy", "bostad", "paragraf: 4\n")
    skriv(forsby, "riktlinje-klg", "riktlinje", "klg")
    skriv(forsby, "riktlinje-sbf", "riktlinje", "sbf")
    skriv(forsby, "riktlinje-kd", "riktlinje", "kd", "samråd: [klg]\n")
    skriv(forsby, "program", "program", "maj")
    skriv(forsby, "handlingsplan", "handlingsplan", "rtj", "paragraf: 7\n")
    assert diagnoser(forsby, "fel") == []
    assert diagnoser(forsby, "varning") == []


@pytest.mark.parametrize(
    ("organ", "typ"), [("bostad", "policy"), ("rtj", "handlingsplan"), ("kf", "policy")]
)
def test_organ_som_protokollför_med_paragraf_kräver_paragraf(
    forsby: Path, organ: str, typ: str
) -> None:
    skriv(forsby, "dok", typ, organ)
    [fel] = diagnoser(forsby, "fel")
    assert fel.startswith("content/styrdokument/dok.md:4:1: fel: paragraf saknas")


@pytest.mark.parametrize("organ", ["klg", "sbf", "kd", "maj"])
def test_organ_utan_protokoll_behöver_ingen_paragraf(forsby: Path, organ: str) -> None:
    typ = {"maj": "program"}.get(organ, "riktlinje")
    skriv(forsby, "dok", typ, organ, "samråd: [klg]\n" if organ == "kd" else "")
    assert diagnoser(forsby, "fel") == []


@pytest.mark.parametrize(
    ("organ", "typ", "beskrivning"),
    [
        ("bostad", "policy", "ett kommunalt bolag"),
        ("rtj", "handlingsplan", "ett kommunalförbund"),
        ("klg", "riktlinje", "en ledningsgrupp"),
        ("maj", "program", "den politiska majoriteten"),
    ],
)
def test_bara_kommunens_politiska_organ_antar_författningar(
    forsby: Path, organ: str, typ: str, beskrivning: str
) -> None:
    organtyp = {"bostad": "bolag", "rtj": "kommunalförbund"}.get(organ, "ledningsgrupp")
    paragraf = "paragraf: 3\n" if ORGANTYPER[organtyp].paragraf else ""
    skriv(forsby, "dok", typ, organ, paragraf + "kfs: '2024:1'\nkategori: allmanna\n")
    fel = diagnoser(forsby, "fel")
    assert any("författningssamlingen" in f and beskrivning in f for f in fel), fel


def test_samråd_som_typologin_kräver_saknas(forsby: Path) -> None:
    skriv(forsby, "dok", "riktlinje", "kd")
    [varning] = diagnoser(forsby, "varning")
    assert varning.startswith("content/styrdokument/dok.md:4:")
    assert "Kommunledningsgruppen" in varning and "samråd: [klg]" in varning


def test_okänt_organ_i_samråd_och_i_typologin(forsby: Path) -> None:
    skriv(forsby, "dok", "riktlinje", "kd", "samråd: [klq]\n")
    kommun = forsby / "content" / "kommun.yml"
    kommun.write_text(kommun.read_text().replace("samråd: [klg]", "samråd: [kgl]"))
    fel = diagnoser(forsby, "fel")
    assert any(
        f.startswith("content/styrdokument/dok.md:7:10:") and "menade du klg" in f for f in fel
    )
    assert any(f.startswith("content/kommun.yml:") and "okänt organ kgl" in f for f in fel), fel


def test_organ_skrivet_med_namn_får_förslag_på_id(forsby: Path) -> None:
    skriv(forsby, "dok", "policy", "Kommunfullmäktige", "paragraf: 1\n")
    [fel] = diagnoser(forsby, "fel")
    assert "menade du kf (Kommunfullmäktige)?" in fel


def test_okänd_organtyp_listar_de_som_finns(forsby: Path) -> None:
    kommun = forsby / "content" / "kommun.yml"
    kommun.write_text(kommun.read_text().replace("typ: förvaltning", "typ: nämnd"))
    [fel] = diagnoser(forsby, "fel")
    assert fel.startswith("content/kommun.yml:10:")
    assert "politisk" in fel and "kommunalförbund" in fel and "Input" not in fel


@pytest.mark.parametrize(("organ", "namn"), [("bostad", "bolag"), ("klg", "ledningsgrupp")])
def test_bara_politiska_organ_håller_sammanträden(forsby: Path, organ: str, namn: str) -> None:
    mapp = forsby / "content" / "sammantraden" / organ
    mapp.mkdir(parents=True)
    (mapp / "2024-03-01.md").write_text(
        "---\ntid: '18:00'\nplats: Rådhuset\närenden:\n  - rubrik: Ett ärende\n---\n",
        encoding="utf-8",
    )
    fel = diagnoser(forsby, "fel")
    assert any("sammanträden enligt kommunallagen" in f and namn in f for f in fel), fel


def test_typöversikten_visar_villkor_och_samråd(forsby: Path) -> None:
    skriv(forsby, "dok", "riktlinje", "kd", "samråd: [klg]\n")
    korpus = ladda_och_validera(forsby, Rapport())
    assert korpus is not None
    generera_sidor(korpus, "publik", forsby / "docs")
    text = (forsby / "docs" / "styrdokument" / "index.md").read_text(encoding="utf-8")
    assert (
        "Beslutas av Kommunstyrelsen, Kommundirektör när riktlinjen gäller hela förvaltningen "
        "efter samråd med Kommunledningsgruppen, Kommunledningsgruppen eller "
        "Samhällsbyggnadsförvaltningen." in text
    )


def test_alla_fel_i_kommun_yml_i_en_körning(forsby: Path) -> None:
    """A type error anywhere in kommun.yml does not hide an unknown organ in the typology."""
    kommun = forsby / "content" / "kommun.yml"
    text = kommun.read_text().replace("typ: förvaltning", "typ: forvaltning")
    kommun.write_text(text.replace("      - {organ: bostad,", "      - {organ: bostadd,"))
    fel = sorted(diagnoser(forsby, "fel"), key=lambda f: int(f.split(":")[1]))
    assert len(fel) == 2, fel
    assert "'forvaltning' är inte tillåtet" in fel[0] and "menade du förvaltning?" in fel[0]
    assert "okänt organ bostadd; menade du bostad?" in fel[1]
