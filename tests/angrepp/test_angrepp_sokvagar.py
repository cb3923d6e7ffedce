"""Paths and ids: nothing outside content/ can be read, whatever a path-like value says
(``..``, absolute, Windows, UNC, ``~``, percent-encoded, ``file:``, a symlink out), and
nothing styrdok writes from an id or a file name can collide with something else it writes
(two pages at one address, two files at one path, names that are one on a case-insensitive
or normalizing file system). Each is an error at its place in content/."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.angrepp.conftest import DIAGNOS, fel

PUBLIK = "styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand.md"
MÖTE = "sammantraden/kf/2026-12-17.md"


def fel_i(rot: Path, fil: str) -> list[str]:
    funna = fel(rot)
    assert funna, "inget fel: angreppet gick igenom kontrollen"
    assert all(DIAGNOS.match(f) for f in funna), funna
    assert any(f.startswith(f"content/{fil}:") for f in funna), funna
    return funna


def lägg_till_text(rot: Path, fil: str, text: str) -> None:
    sökväg = rot / "content" / fil
    sökväg.write_text(sökväg.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", "utf-8")


def lägg_till_nyckel(rot: Path, fil: str, rad: str) -> None:
    sökväg = rot / "content" / fil
    text = sökväg.read_text(encoding="utf-8")
    sökväg.write_text("---\n" + rad + "\n" + text.removeprefix("---\n"), encoding="utf-8")


def möte(rot: Path, underlag: list[str]) -> None:
    rader = "".join(f"      - '{u}'\n" for u in underlag)
    (rot / "content" / MÖTE).write_text(
        f'---\ntid: "18:00"\nplats: Folkets hus\närenden:\n  - rubrik: Budget\n'
        f"    beslutsunderlag:\n{rader}---\n",
        encoding="utf-8",
    )


def yaml_sträng(värde: str) -> str:
    return "'" + värde.replace("'", "''") + "'"


# --- reading outside content/ ------------------------------------------------------

UTANFÖR = {
    "punktpunkt": "../../../../../../etc/passwd",
    "absolut": "/etc/passwd",
    "windows": "..\\..\\..\\..\\..\\..\\etc\\passwd",
    "windows-enhet": "C:\\Windows\\win.ini",
    "unc": "\\\\server\\share\\x.pdf",
    "hemkatalog": "~/.bashrc",
    "procentkodad": "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "procentkodat-snedstreck": "..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "file-schema": "file:///etc/passwd",
    "in-och-ut": "bilder/../../../../../../etc/passwd",
    "en-mapp": "bilder",
}
FÄLT = {
    "bilaga": lambda rot, v: (
        lägg_till_nyckel(rot, PUBLIK, f"bilagor: [{yaml_sträng(v)}]"),
        PUBLIK,
    ),
    "beslutsunderlag": lambda rot, v: (möte(rot, [v]), MÖTE),
    "logotyp": lambda rot, v: (_logotyp(rot, v), "kommun.yml"),
    "bild": lambda rot, v: (lägg_till_text(rot, PUBLIK, f"![Karta]({v})"), PUBLIK),
    "bild-referens": lambda rot, v: (
        lägg_till_text(rot, PUBLIK, f"![Karta][k]\n\n[k]: {v}"),
        PUBLIK,
    ),
    "länk": lambda rot, v: (lägg_till_text(rot, PUBLIK, f"Se [filen]({v})."), PUBLIK),
}


def _logotyp(rot: Path, värde: str) -> None:
    sökväg = rot / "content" / "kommun.yml"
    rader = sökväg.read_text(encoding="utf-8").split("\n")
    rader = [f"logotyp: {yaml_sträng(värde)}" if r.startswith("logotyp:") else r for r in rader]
    sökväg.write_text("\n".join(rader), encoding="utf-8")


@pytest.mark.parametrize("värde", list(UTANFÖR))
@pytest.mark.parametrize("fält", list(FÄLT))
def test_sökväg_utanför_content_är_ett_fel(exempel, fält, värde):
    v = UTANFÖR[värde]
    if fält.startswith(("bild", "länk")) and "\\" in v:
        v = v.replace("\\", "/")  # a backslash in Markdown escapes; the same path with /
    _, fil = FÄLT[fält](exempel, v)
    fel_i(exempel, fil)


# (where the symlink is, what the source writes)
LÄNKAR = {
    "bilaga": (
        "styrdokument/omsorg/pw.txt",
        lambda rot: lägg_till_nyckel(rot, PUBLIK, "bilagor: [pw.txt]"),
        PUBLIK,
    ),
    "beslutsunderlag": ("sammantraden/kf/pw.txt", lambda rot: möte(rot, ["pw.txt"]), MÖTE),
    "logotyp": ("bilder/pw.svg", lambda rot: _logotyp(rot, "bilder/pw.svg"), "kommun.yml"),
    "bild": (
        "bilder/pw.png",
        lambda rot: lägg_till_text(rot, PUBLIK, "![Karta](../../bilder/pw.png)"),
        PUBLIK,
    ),
    "länk": (
        "bilder/pw.txt",
        lambda rot: lägg_till_text(rot, PUBLIK, "[pw](../../bilder/pw.txt)"),
        PUBLIK,
    ),
    "mapp-med-bilaga": (
        "bilder/etc",
        lambda rot: lägg_till_nyckel(rot, PUBLIK, "bilagor: [../../bilder/etc/passwd]"),
        PUBLIK,
    ),
}


@pytest.mark.parametrize("fall", list(LÄNKAR))
def test_symbolisk_länk_ut_ur_content_är_ett_fel(exempel, fall):
    plats, skriv, fil = LÄNKAR[fall]
    mål = "/etc" if fall.startswith("mapp") else "/etc/passwd"
    os.symlink(mål, exempel / "content" / plats)
    skriv(exempel)
    fel_i(exempel, fil)


def test_källfil_som_är_en_länk_ut_ur_content_är_ett_fel(exempel, tmp_path_factory):
    ute = tmp_path_factory.mktemp("ute") / "hemlig.md"
    ute.write_text("---\ntitel: Utifrån\n---\n\nText utanför projektet.\n", encoding="utf-8")
    os.symlink(ute, exempel / "content" / "sidor" / "utifran.md")
    fel_i(exempel, "sidor/utifran.md")


def test_en_hel_slagmapp_som_är_en_länk_ut_ur_content_är_ett_fel(exempel, tmp_path_factory):
    ute = tmp_path_factory.mktemp("sidor")
    (ute / "utifran.md").write_text("---\ntitel: Utifrån\n---\n\nText utanför.\n", "utf-8")
    for fil in (exempel / "content" / "sidor").iterdir():
        shutil.copy(fil, ute / fil.name) if fil.is_file() else None
    shutil.rmtree(exempel / "content" / "sidor")
    os.symlink(ute, exempel / "content" / "sidor")
    fel_i(exempel, "sidor/utifran.md")


# --- ids that become paths ---------------------------------------------------------

ID = {
    "organ": ("kommun.yml", "organ:", "organ:\n  ../ut: {namn: Utanför, typ: politisk}"),
    "kategori": ("kommun.yml", "kategorier:", "kategorier:\n  ../../ut: Utanför"),
    "verksamhet": ("kommun.yml", "verksamheter:", "verksamheter:\n  Hem/Tjänst: Hemtjänst"),
    "dokumenttyp": (
        "kommun.yml",
        "dokumenttyper:",
        "dokumenttyper:\n  a/b:\n    namn: X\n    beslutas_av: [kf]",
    ),
    "åtagande": (
        "mal/namnder/son.yml",
        "åtaganden:",
        "åtaganden:\n  ..:\n    namn: X\n    mål: aldre_trygga\n    status: pågår",
    ),
}


@pytest.mark.parametrize("fall", list(ID))
def test_id_som_inte_är_ett_säkert_namn_är_ett_fel(exempel, fall):
    fil, rad, ny = ID[fall]
    sökväg = exempel / "content" / fil
    rader = sökväg.read_text(encoding="utf-8").split("\n")
    rader[rader.index(rad)] = ny
    sökväg.write_text("\n".join(rader), encoding="utf-8")
    fel_i(exempel, fil)


@pytest.mark.parametrize(
    "namn",
    ["Om.md", "om styrmodellen2.md", "ö.md", unicodedata.normalize("NFD", "ö.md"), "o\u0301m.md"],
)
def test_källfil_vars_namn_inte_blir_en_säker_adress_är_ett_fel(exempel, namn):
    shutil.copy(exempel / "content/sidor/om-styrmodellen.md", exempel / "content/sidor" / namn)
    fel_i(exempel, f"sidor/{namn}")


# --- two things at one address ------------------------------------------------------


def _kopia(rot: Path, från: str, till: str) -> None:
    """A new source at ``till`` with the front matter of ``från`` and a plain body (no links
    that would break in another folder): its only error can be where it lands."""
    (rot / "content" / till).parent.mkdir(parents=True, exist_ok=True)
    text = (rot / "content" / från).read_text(encoding="utf-8")
    slut = text.index("\n---\n", 4)
    (rot / "content" / till).write_text(text[: slut + 5] + "\nText.\n", encoding="utf-8")


KROCKAR = {
    "sida-och-sida-index": ("sidor/om-styrmodellen.md", "sidor/om-styrmodellen/index.md"),
    "dokument-och-dokument-index": (
        "styrdokument/ekonomi/finanspolicy.md",
        "styrdokument/ekonomi/finanspolicy/index.md",
    ),
    "dokument-på-översiktens-adress": (PUBLIK, "styrdokument/index.md"),
    "garanti-på-översiktens-adress": (
        "kvalitetsgarantier/bibliotek-service.md",
        "kvalitetsgarantier/index.md",
    ),
    "reserverad-sida": ("sidor/om-styrmodellen.md", "sidor/filer.md"),
    "reserverad-mapp": ("sidor/om-styrmodellen.md", "sidor/kalender/om.md"),
}


@pytest.mark.parametrize(
    "fall",
    list(KROCKAR),
)
def test_två_sidor_på_en_adress_är_ett_fel_i_källan(exempel, fall):
    från, till = KROCKAR[fall]
    _kopia(exempel, från, till)
    fel_i(exempel, till)


def test_indikator_med_id_index_tar_inte_översiktens_adress(exempel):
    sökväg = exempel / "content/mal/indikatorer.yml"
    text = sökväg.read_text(encoding="utf-8")
    sökväg.write_text(
        text.replace(
            "indikatorer:\n", "indikatorer:\n  index:\n    namn: Index\n    enhet: st\n", 1
        ),
        encoding="utf-8",
    )
    fel_i(exempel, "mal/indikatorer.yml")


def test_organ_med_id_arshjul_krockar_inte_med_årshjulets_kalender(exempel):
    sökväg = exempel / "content/kommun.yml"
    text = sökväg.read_text(encoding="utf-8")
    sökväg.write_text(
        text.replace("organ:\n", "organ:\n  arshjul: {namn: Årshjulsnämnden, typ: politisk}\n", 1),
        encoding="utf-8",
    )
    _kopia(exempel, "sammantraden/son/2026-12-03.md", "sammantraden/arshjul/2026-12-10.md")
    (exempel / "content/sammantraden/arshjul/2026-12-10.md").write_text(
        '---\ntid: "18:00"\nplats: Folkets hus\n---\n', encoding="utf-8"
    )
    fel_i(exempel, "kommun.yml")


@pytest.mark.parametrize(
    "fall",
    ["samma-namn-två-mappar", "bara-versaler-skiljer", "fil-och-styrdokument"],
)
def test_två_underlag_får_inte_samma_filnamn(exempel, fall):
    mapp = exempel / "content" / "sammantraden" / "kf"
    (mapp / "a").mkdir()
    (mapp / "b").mkdir()
    (mapp / "a" / "tjanst.txt").write_text("A\n", encoding="utf-8")
    (mapp / "b" / "tjanst.txt").write_text("B\n", encoding="utf-8")
    (mapp / "Tjanst.txt").write_text("C\n", encoding="utf-8")
    shutil.copy(
        exempel
        / "content/sammantraden/ks/2026-11-10/tjansteskrivelse-revidering-av-finanspolicyn.pdf",
        mapp / "finanspolicy.pdf",
    )
    underlag = {
        "samma-namn-två-mappar": ["a/tjanst.txt", "b/tjanst.txt"],
        "bara-versaler-skiljer": ["a/tjanst.txt", "Tjanst.txt"],
        "fil-och-styrdokument": ["finanspolicy.pdf", "styrdokument/ekonomi/finanspolicy"],
    }[fall]
    möte(exempel, underlag)
    fel_i(exempel, MÖTE)


@pytest.mark.parametrize(
    "par",
    [("Karta.txt", "karta.txt"), ("ö.txt", unicodedata.normalize("NFD", "ö.txt"))],
    ids=["versaler", "nfc-nfd"],
)
def test_två_länkade_filer_får_inte_bli_en_på_webbservern(exempel, par):
    for i, namn in enumerate(par):
        (exempel / "content" / "bilder" / namn).write_text(f"version {i}\n", encoding="utf-8")
    lägg_till_text(
        exempel, PUBLIK, f"Se [a](../../bilder/{par[0]}) och [b](../../bilder/{par[1]})."
    )
    fel_i(exempel, PUBLIK)
