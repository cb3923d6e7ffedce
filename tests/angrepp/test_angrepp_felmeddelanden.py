"""A user's mistake is never a traceback: malformed sources give Swedish
``content/...:rad:kolumn: fel:`` lines from ``kontrollera``; broken files a user attaches
(a Word file that is no zip, an encrypted zip, a PDF that is no PDF, an image that is no
image) give the same at the line that names them, and a build that fails leaves the
previously published site/ byte for byte as it was."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest

from styrdok import bygg  # at collection: Rapport.skriv binds sys.stderr on first import
from tests.angrepp.conftest import DIAGNOS, fel

PUBLIK = "styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand.md"
FINANS = "styrdokument/ekonomi/finanspolicy.md"
MÖTE = "sammantraden/kf/2026-12-17.md"
ENGELSKA = re.compile(
    r"Input should|Field required|Traceback|Error\b|Exception|\bNone\b|\bTrue\b|\bFalse\b"
    r"|expected|invalid|unclosed|line \d+|column \d+|object at 0x"
)


def skriv(rot: Path, fil: str, innehåll: str | bytes) -> None:
    sökväg = rot / "content" / fil
    sökväg.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(innehåll, bytes):
        sökväg.write_bytes(innehåll)
    else:
        sökväg.write_text(innehåll, encoding="utf-8")


def nyckel_först(rot: Path, fil: str, rad: str) -> None:
    sökväg = rot / "content" / fil
    sökväg.write_text("---\n" + rad + "\n" + sökväg.read_text("utf-8")[4:], encoding="utf-8")


def byt_rad(rot: Path, fil: str, början: str, ny: str) -> None:
    sökväg = rot / "content" / fil
    rader = sökväg.read_text(encoding="utf-8").split("\n")
    i = next(i for i, r in enumerate(rader) if r.startswith(början))
    rader[i] = ny
    sökväg.write_text("\n".join(rader), encoding="utf-8")


def möte(extra: str) -> str:
    return '---\ntid: "18:00"\nplats: Folkets hus\n' + extra + "---\n"


def efter(fil: str, början: str, infogat: str):
    def gör(rot: Path) -> None:
        sökväg = rot / "content" / fil
        text = sökväg.read_text(encoding="utf-8")
        assert början in text
        sökväg.write_text(text.replace(början, början + infogat, 1), encoding="utf-8")

    return gör


# (what to do, the file the error must be in)
MISSTAG = {
    "kfs-utan-citattecken": (
        lambda r: nyckel_först(r, PUBLIK, "kfs: 2021:3\nkategori: interna"),
        PUBLIK,
    ),
    "30-februari": (lambda r: nyckel_först(r, PUBLIK, "giltig_till: 2026-02-30"), PUBLIK),
    "datum-med-klockslag": (
        lambda r: nyckel_först(r, PUBLIK, "giltig_till: 2026-12-08T10:00:00"),
        PUBLIK,
    ),
    "datum-som-tal": (lambda r: nyckel_först(r, PUBLIK, "giltig_till: 20261208"), PUBLIK),
    "paragraf-i-ord": (lambda r: byt_rad(r, FINANS, "paragraf:", "paragraf: sextio"), FINANS),
    "okänd-dokumenttyp": (
        lambda r: byt_rad(r, FINANS, "dokumenttyp:", "dokumenttyp: polisy"),
        FINANS,
    ),
    "nul-i-texten": (
        lambda r: skriv(r, "sidor/nul.md", "---\ntitel: Nul\n---\n\nA\x00B\n"),
        "sidor/nul.md",
    ),
    "komplex-nyckel": (lambda r: skriv(r, MÖTE, möte("? [a, b]\n: c\n")), MÖTE),
    "ärenden-som-text": (lambda r: skriv(r, MÖTE, möte('ärenden: "Budget"\n')), MÖTE),
    "ärenden-som-lista-av-text": (
        lambda r: skriv(r, MÖTE, möte("ärenden: [Budget, Skola]\n")),
        MÖTE,
    ),
    "klockslag-25-61": (lambda r: skriv(r, MÖTE, '---\ntid: "25:61"\nplats: X\n---\n'), MÖTE),
    "klockslag-som-lista": (lambda r: skriv(r, MÖTE, "---\ntid: [13]\nplats: X\n---\n"), MÖTE),
    "underlag-som-nycklar": (
        lambda r: skriv(r, MÖTE, möte("ärenden:\n  - rubrik: A\n    beslutsunderlag: {a: b}\n")),
        MÖTE,
    ),
    "tom-sekretess": (
        lambda r: skriv(r, MÖTE, möte("ärenden:\n  - rubrik: A\n    sekretess:\n")),
        MÖTE,
    ),
    "okänd-nyckel": (
        lambda r: skriv(r, MÖTE, möte("ärenden:\n  - rubrik: A\n    hemlig: ja\n")),
        MÖTE,
    ),
    "huvudet-avslutas-aldrig": (lambda r: skriv(r, MÖTE, '---\ntid: "18:00"\nplats: X\n'), MÖTE),
    "huvudet-är-en-lista": (lambda r: skriv(r, MÖTE, "---\n- a\n- b\n---\n"), MÖTE),
    "dubbel-nyckel": (
        lambda r: skriv(r, MÖTE, '---\ntid: "18:00"\ntid: "19:00"\nplats: X\n---\n'),
        MÖTE,
    ),
    "inte-utf8": (lambda r: skriv(r, MÖTE, b'---\ntid: "18:00"\nplats: \xff\xfe X\n---\n'), MÖTE),
    "utf16": (
        lambda r: skriv(r, MÖTE, '---\ntid: "18:00"\nplats: X\n---\n'.encode("utf-16")),
        MÖTE,
    ),
    "tom-fil": (lambda r: skriv(r, MÖTE, ""), MÖTE),
    "binär-fil-som-md": (lambda r: skriv(r, "sidor/bild.md", bytes(range(256))), "sidor/bild.md"),
    "python-tagg": (
        lambda r: skriv(
            r, MÖTE, '---\ntid: !!python/object/apply:os.system ["true"]\nplats: X\n---\n'
        ),
        MÖTE,
    ),
    "yaml-alias": (lambda r: skriv(r, MÖTE, '---\ntid: &a "18:00"\nplats: *a\n---\n'), MÖTE),
    "tabb-indrag": (
        lambda r: skriv(r, MÖTE, '---\ntid: "18:00"\nplats: X\närenden:\n\t- rubrik: A\n---\n'),
        MÖTE,
    ),
    "djup-nästling": (
        lambda r: skriv(
            r, MÖTE, '---\ntid: "18:00"\nplats: X\nordförande: ' + "[" * 100 + "]" * 100 + "\n---\n"
        ),
        MÖTE,
    ),
    "kommun-som-lista": (lambda r: skriv(r, "kommun.yml", "- a\n- b\n"), "kommun.yml"),
    "kommun-tom": (lambda r: skriv(r, "kommun.yml", ""), "kommun.yml"),
    "verksamhet-utan-namn": (efter("kommun.yml", "verksamheter:\n", "  ny: null\n"), "kommun.yml"),
    "målvärde-i-ord": (
        efter(
            "mal/indikatorer.yml",
            "indikatorer:\n",
            '  ny:\n    namn: X\n    enhet: st\n    målvärden: {"2026": hög}\n',
        ),
        "mal/indikatorer.yml",
    ),
    "utfall-nan": (
        efter(
            "mal/indikatorer.yml",
            "indikatorer:\n",
            '  ny:\n    namn: X\n    enhet: st\n    utfall: {"2025": .nan}\n',
        ),
        "mal/indikatorer.yml",
    ),
    "månad-13": (
        efter("arshjul.yml", "händelser:\n", "  - {datum: 2026-13, rubrik: X}\n"),
        "arshjul.yml",
    ),
    "kolada-trasig-yaml": (lambda r: skriv(r, "mal/kolada.yml", "[[[\n"), "mal/kolada.yml"),
    "mapp-med-versaler": (
        lambda r: skriv(r, "sammantraden/KF/2026-12-17.md", '---\ntid: "18:00"\nplats: X\n---\n'),
        "sammantraden/KF/2026-12-17.md",
    ),
    "möte-30-februari": (
        lambda r: skriv(r, "sammantraden/kf/2026-02-30.md", '---\ntid: "18:00"\nplats: X\n---\n'),
        "sammantraden/kf/2026-02-30.md",
    ),
}


@pytest.mark.parametrize(
    "fall",
    list(MISSTAG),
)
def test_misstag_i_källan_ger_svenskt_fel_med_plats(exempel, fall):
    gör, fil = MISSTAG[fall]
    gör(exempel)
    funna = fel(exempel)  # no exception, whatever the source
    assert funna, "inget fel"
    assert all(DIAGNOS.match(f) for f in funna), funna
    assert any(f.startswith(f"content/{fil}:") for f in funna), funna
    assert not [f for f in funna if ENGELSKA.search(f)], funna


# --- broken files a user attaches, and what a failed build leaves -------------------------


def kontrollsumma(mapp: Path) -> dict[str, str]:
    return {
        str(f.relative_to(mapp)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(mapp.rglob("*"))
        if f.is_file()
    }


def gammal_webbplats(rot: Path) -> dict[str, str]:
    """A previously published site/, to compare with after a failed build."""
    for site in ("public", "intranet"):
        (rot / "site" / site).mkdir(parents=True, exist_ok=True)
        (rot / "site" / site / "index.html").write_text(f"<p>Publicerad {site}</p>\n", "utf-8")
    return kontrollsumma(rot / "site")


def misslyckat_bygge(rot: Path, capfd, bara_webbplatser: bool = True) -> list[str]:
    """The diagnostics of a build that must fail with styrdok's own error (in its report or
    printed); site/ untouched."""
    from styrdok.grund.diagnostik import StyrdokFel

    före = gammal_webbplats(rot)
    with pytest.raises(StyrdokFel) as info:
        bygg.bygg(rot, bara_webbplatser=bara_webbplatser)
    assert kontrollsumma(rot / "site") == före
    rapport = getattr(info.value, "rapport", None)
    utskrivet = "\n".join(capfd.readouterr()).splitlines()
    return [str(d) for d in (rapport.diagnoser if rapport else [])] + utskrivet + [str(info.value)]


def test_fel_i_källan_lämnar_publicerad_webbplats_orörd(exempel, capfd):
    skriv(exempel, MÖTE, '---\ntid: "25:00"\nplats: X\n---\n')
    diagnoser = misslyckat_bygge(exempel, capfd)
    assert any(d.startswith(f"content/{MÖTE}:2:") for d in diagnoser), diagnoser


def _krypterad_zip() -> bytes:
    buffert = io.BytesIO()
    with zipfile.ZipFile(buffert, "w") as z:
        z.writestr("protokoll.txt", "hej")
    data = bytearray(buffert.getvalue())
    data[data.find(b"PK\x03\x04") + 6] |= 1  # "encrypted", in both headers
    data[data.find(b"PK\x01\x02") + 8] |= 1
    return bytes(data)


TRASIGA = {
    "word-fil-som-inte-är-zip": (
        "trasig.docx",
        b"inte en zip",
        "grind._zipdelar: zipfile.BadZipFile som traceback",
    ),
    "krypterad-zip": (
        "handlingar.zip",
        _krypterad_zip(),
        "grind._zipdelar: RuntimeError (lösenord) som traceback",
    ),
    "pdf-som-inte-är-pdf": (
        "trasig.pdf",
        b"%PDF-1.4 inte en pdf",
        "grind._pdftext: StyrdokFel utan plats, med PDFiums engelska text",
    ),
}


@pytest.mark.parametrize(
    "fall",
    list(TRASIGA),
)
def test_trasig_fil_som_beslutsunderlag_ger_fel_på_underlagets_rad(exempel, capfd, fall):
    namn, data, _ = TRASIGA[fall]
    skriv(exempel, f"sammantraden/kf/{namn}", data)
    skriv(exempel, MÖTE, möte(f"ärenden:\n  - rubrik: Budget\n    beslutsunderlag: {namn}\n"))
    funna = fel(exempel)
    if not funna:  # not seen by the check: then the build must say it, at the same place
        funna = misslyckat_bygge(exempel, capfd)
    assert any(f.startswith(f"content/{MÖTE}:6:") and DIAGNOS.match(f) for f in funna), funna


def test_trasig_bild_ger_fel_på_bildens_rad_och_inte_internt_fel(exempel, capfd):
    skriv(exempel, "bilder/trasig.png", b"\x89PNG\r\n\x1a\nskrap")
    text = (exempel / "content" / PUBLIK).read_text(encoding="utf-8").rstrip("\n")
    rad = text.count("\n") + 3
    (exempel / "content" / PUBLIK).write_text(text + "\n\n![Karta](../../bilder/trasig.png)\n")
    funna = fel(exempel) or misslyckat_bygge(exempel, capfd, bara_webbplatser=False)
    assert any(f.startswith(f"content/{PUBLIK}:{rad}:") for f in funna), funna
    assert not [f for f in funna if "internt fel" in f], funna
