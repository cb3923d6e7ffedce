"""One fixture per kind of mistake (tests/fall/styrdokument/): each gives exactly one clear
Swedish error at the right line and column, and never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FALL

from styrdok.bygg import kontrollera

# fixture → (file with the error, line, column, words the message must contain)
FALLEN = {
    "trasig-yaml": ("trasig-yaml.md", 7, 19, "citattecknet avslutas aldrig"),
    "obligatorisk-nyckel-saknas": (
        "obligatorisk-nyckel-saknas.md",
        2,
        1,
        "obligatorisk nyckel saknas: dokumentansvarig",
    ),
    "okand-nyckel": ("okand-nyckel.md", 8, 1, "okänd nyckel galler_for; menade du gäller_för?"),
    "fel-typ": ("fel-typ.md", 8, 15, "revideringar ska vara en lista"),
    "omojligt-datum": ("omojligt-datum.md", 5, 15, "2022-02-30 är inget giltigt datum"),
    "beslutsdatum-i-framtiden": ("beslutsdatum-i-framtiden.md", 5, 15, "ligger i framtiden"),
    "organ-far-inte-besluta-typen": (
        "organ-far-inte-besluta-typen.md",
        4,
        17,
        "Kommunstyrelsen får inte besluta en taxa",
    ),
    "okant-organ": ("okant-organ.md", 4, 17, "okänd beslutsinstans kommunfullmäktige"),
    "dubblett-kfs-nummer": ("dubblett-kfs-nummer/forsta.md", 8, 6, "PKFS 2022:1 används redan av"),
    "referens-till-inget": ("referens-till-inget.md", 9, 5, "styrdokument/finns-inte finns inte"),
    "kfs-pa-intranatdokument": (
        "kfs-pa-intranatdokument.md",
        9,
        1,
        "ett intranätdokument kan inte ingå i författningssamlingen",
    ),
    "inte-utf8": ("inte-utf8.md", 2, 16, "filen är inte UTF-8"),
    "tom-fil": ("tom-fil.md", 1, 1, "filen är tom"),
    "front-matter-ej-avslutad": (
        "front-matter-ej-avslutad.md",
        1,
        1,
        "front matter avslutas aldrig",
    ),
    "fel-i-nastlad-lista": ("fel-i-nastlad-lista.md", 11, 12, "2023-13-01 är inget giltigt datum"),
    "dubblerad-nyckel": (
        "dubblerad-nyckel.md",
        8,
        1,
        "nyckeln titel förekommer två gånger (första gången på rad 2)",
    ),
    "ra-html": ("ra-html.md", 10, 10, "rå HTML (<script>) är inte tillåten"),
    "javascript-lank": ("javascript-lank.md", 10, 13, "länken javascript: är inte tillåten"),
    "kodad-javascript-lank": (
        "kodad-javascript-lank.md",
        10,
        13,
        "länken javascript: är inte tillåten",
    ),
    "referenslank-javascript": (
        "referenslank-javascript.md",
        12,
        6,
        "länken javascript: är inte tillåten",
    ),
    "attributlista-onclick": ("attributlista-onclick.md", 11, 1, 'attributet onclick="alert(1)"'),
    "ra-html-over-flera-rader": ("ra-html-over-flera-rader.md", 10, 6, "rå HTML (<img>)"),
    "bild-fran-webben": (
        "bild-fran-webben.md",
        10,
        10,
        "PDF och Word kan bara använda bilder i content/",
    ),
    "lank-till-inget": ("lank-till-inget.md", 10, 20, "pekar på något som inte finns"),
    "bilaga-utanfor-content": ("bilaga-utanfor-content.md", 8, 11, "ligger utanför content/"),
    "kfs-fel-ar": ("kfs-fel-ar.md", 8, 6, "numret ska börja med beslutsåret 2022"),
}


def lägg_in(fall: str, rot: Path) -> None:
    källa = (
        FALL / "styrdokument" / (fall if (FALL / "styrdokument" / fall).is_dir() else f"{fall}.md")
    )
    mål = rot / "content" / "styrdokument"
    if källa.is_dir():
        shutil.copytree(källa, mål / fall)
    else:
        shutil.copy(källa, mål / källa.name)


def test_varje_fall_har_en_fil():
    namn = {p.stem for p in (FALL / "styrdokument").iterdir()}
    assert namn == set(FALLEN)


@pytest.mark.parametrize("fall", sorted(FALLEN))
def test_ett_tydligt_fel_på_rätt_rad(fall: str, skrapkommun: Path):
    fil, rad, kolumn, text = FALLEN[fall]
    lägg_in(fall, skrapkommun)
    rapport = kontrollera(skrapkommun)
    fel = [d for d in rapport.diagnoser if d.nivå == "fel"]
    assert len(fel) == 1, "\n".join(map(str, rapport.diagnoser))
    d = fel[0]
    väntad_fil = (
        f"content/styrdokument/{fall}/{fil.split('/')[1]}"
        if "/" in fil
        else f"content/styrdokument/{fil}"
    )
    if fall == "dubblett-kfs-nummer":  # the second of the two (in file order) is the duplicate
        väntad_fil = "content/styrdokument/dubblett-kfs-nummer/forsta.md"
    assert (d.sökväg, d.rad, d.kolumn) == (väntad_fil, rad, kolumn), str(d)
    assert text in d.meddelande, str(d)


def test_alla_fel_i_en_körning(skrapkommun: Path):
    for fall in FALLEN:
        lägg_in(fall, skrapkommun)
    rapport = kontrollera(skrapkommun)
    filer = {d.sökväg for d in rapport.diagnoser if d.nivå == "fel"}
    assert len(filer) == len(FALLEN)


def test_bom_och_crlf_ger_rätt_radnummer(skrapkommun: Path):
    text = (
        "---\ntitel: Policy\ndokumenttyp: policy\nbeslutsinstans: kf\nbeslutsdatum: 2022-03-01\n"
        "paragraf: 12\ndokumentansvarig: Kanslichef\nokänd: 1\n---\n\nText.\n"
    )
    fil = skrapkommun / "content" / "styrdokument" / "bom.md"
    fil.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    rapport = kontrollera(skrapkommun)
    assert [str(d) for d in rapport.diagnoser] == [
        "content/styrdokument/bom.md:8:1: fel: okänd nyckel okänd"
    ]


def test_giltigt_dokument_ger_inga_fel(skrapkommun: Path):
    fil = skrapkommun / "content" / "styrdokument" / "ok.md"
    fil.write_text(
        "---\ntitel: Policy\ndokumenttyp: policy\nbeslutsinstans: kf\nbeslutsdatum: 2022-03-01\n"
        'paragraf: 12\ndokumentansvarig: Kanslichef\nkfs: "2022:1"\nkategori: allmanna\n---\n\n## Syfte\n\nText.\n',
        encoding="utf-8",
    )
    assert kontrollera(skrapkommun).diagnoser == []


def test_begränsad_giltighet_kräver_giltig_till(skrapkommun: Path):
    fil = skrapkommun / "content" / "styrdokument" / "plan.md"
    fil.write_text(
        "---\ntitel: Plan\ndokumenttyp: plan\nbeslutsinstans: ks\nbeslutsdatum: 2022-03-01\n"
        "paragraf: 12\ndokumentansvarig: Kanslichef\n---\n\nText.\n",
        encoding="utf-8",
    )
    (d,) = kontrollera(skrapkommun).diagnoser
    assert d.rad == 3 and d.meddelande.startswith("giltig_till saknas:")


def test_tjänsteperson_behöver_ingen_paragraf(skrapkommun: Path):
    fil = skrapkommun / "content" / "styrdokument" / "rutin.md"
    fil.write_text(
        "---\ntitel: Rutin\ndokumenttyp: rutin\nbeslutsinstans: kd\nbeslutsdatum: 2022-03-01\n"
        "dokumentansvarig: Kanslichef\n---\n\nText.\n",
        encoding="utf-8",
    )
    assert kontrollera(skrapkommun).diagnoser == []
