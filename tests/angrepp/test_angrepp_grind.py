"""The publish gate (karna/grind.granska) against what could reach a site after the sources were
checked: the sekretess ärende's rubrik and diarienummer, and an intranet document's path,
hidden in the places a reader still gets them (attributes, comments, CDATA, a split word, a
compressed sitemap, Word runs, PDF metadata, a style sheet, a file's own path). Each case
stages one file in an otherwise empty site and asks the gate directly: it must report that
file, or the build would publish it."""

from __future__ import annotations

import gzip
import io
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import zip_med

PROJEKT = Path(__file__).resolve().parents[2]
RUBRIK = "Ansökan om vård enligt LVU för pojke född 2012"
DNR = "SN 2026/377"
INTERN_VÄG = "styrdokument/ekonomi/anvisning-for-attest-av-leverantorsfakturor"
UTREDNING = "content/sammantraden/son/2026-12-03/utredning-lvu-tallbacken.pdf"


@pytest.fixture(scope="module")
def korpus(tmp_path_factory):
    from styrdok import bygg
    from styrdok.grund.diagnostik import Rapport

    rot = tmp_path_factory.mktemp("grindkorpus")
    shutil.copytree(PROJEKT / "content", rot / "content")
    rapport = Rapport()
    korpus = bygg.ladda_och_validera(rot, rapport)
    assert korpus is not None and not rapport.har_fel()
    return korpus


def granska(korpus, tmp_path: Path, site: str, namn: str, data: bytes) -> list[str]:
    """The gate's findings for a staged site holding only ``namn``."""
    from styrdok.grund.diagnostik import Rapport
    from styrdok.karna import grind

    stage = tmp_path / "stage"
    for mapp in ("public", "intranet"):
        (stage / mapp).mkdir(parents=True, exist_ok=True)
    (stage / site / namn).parent.mkdir(parents=True, exist_ok=True)
    (stage / site / namn).write_bytes(data)
    rapport = Rapport()
    grind.granska(korpus, stage, tmp_path / "cache", rapport)
    return [str(d) for d in rapport.diagnoser if d.nivå == "fel"]


def _docx(xml: str) -> bytes:
    buffert = io.BytesIO()
    with zipfile.ZipFile(buffert, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buffert.getvalue()


def _pdf_med_titel(titel: str) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Title"] = titel
    buffert = io.BytesIO()
    pdf.save(buffert)
    return buffert.getvalue()


def _html(kropp: str) -> bytes:
    return f"<!doctype html><html><body>{kropp}</body></html>".encode()


# (site, file, content): each holds a secret a reader of the published file gets.
FALL = {
    "rubrik-i-versaler": ("public", "a.html", _html(f"<p>{RUBRIK.upper()}</p>")),
    "diarienummer-som-entiteter": ("public", "a.html", _html("<p>SN&#32;2026&#47;377</p>")),
    "json-med-unicode-escape": ("public", "a.json", b'{"t": "SN 2026\\u002f377"}'),
    "skript": ("public", "stilar/a.js", f'var t = "{DNR}";'.encode()),
    "zip-i-zip": ("public", "a.zip", zip_med({"b.docx": _docx(f"<w:t>{DNR}</w:t>")})),
    "hemlig-fil-i-zip": ("public", "a.zip", None),
    "rubrik-i-title-attribut": ("public", "a.html", _html(f'<a href="#" title="{RUBRIK}">Mer</a>')),
    "intranätlänk-i-href": ("public", "a.html", _html(f'<a href="../{INTERN_VÄG}/">Attest</a>')),
    "intranätsökväg-som-filens-sökväg": ("public", f"{INTERN_VÄG}/index.html", _html("<p>Tom</p>")),
    "html-kommentar": ("public", "a.html", _html(f"<!-- {DNR} --><p>Hej</p>")),
    "cdata-i-flödet": (
        "public",
        "flode.xml",
        f"<feed><title><![CDATA[{DNR}]]></title></feed>".encode(),
    ),
    "tom-tagg-i-diarienumret": ("public", "a.html", _html("<p>SN 20<span></span>26/377</p>")),
    "wbr-i-ordet": ("public", "a.html", _html(RUBRIK.replace("LVU", "L<wbr>VU"))),
    "nfd": ("public", "a.html", _html(unicodedata.normalize("NFD", RUBRIK))),
    "osynlig-separator": ("public", "a.html", _html("SN 2026/\u2063377")),
    "stilmall": ("public", "stilar/extra.css", f'.x::after {{ content: "{RUBRIK}"; }}'.encode()),
    "komprimerad-webbplatskarta": (
        "public",
        "sitemap.xml.gz",
        gzip.compress(f"<urlset><url><loc>https://x/{INTERN_VÄG}/</loc></url></urlset>".encode()),
    ),
    "word-runs": (
        "public",
        "a.docx",
        _docx("<w:r><w:t>SN 20</w:t></w:r><w:r><w:t>26/377</w:t></w:r>"),
    ),
    "pdf-metadata": ("public", "a.pdf", _pdf_med_titel(DNR)),
    "svg-aria-label": ("public", "a.svg", f'<svg aria-label="{DNR}"></svg>'.encode()),
    "intranätet-title-attribut": (
        "intranet",
        "a.html",
        _html(f'<abbr title="{DNR}">Ärende</abbr>'),
    ),
}


@pytest.mark.parametrize("fall", list(FALL))
def test_grinden_hittar_det_hemliga(korpus, tmp_path, fall):
    site, namn, data = FALL[fall]
    if data is None:
        data = zip_med({"bilaga.pdf": (korpus.rot / UTREDNING).read_bytes()})
    funna = granska(korpus, tmp_path, site, namn, data)
    assert any(f.startswith(f"site/{site}/{namn}:1:1: fel:") for f in funna), funna


def test_grinden_släpper_igenom_det_som_får_publiceras(korpus, tmp_path):
    """The control: a page with the placeholder and nothing else secret passes."""
    sida = _html("<p>5. Ärende enligt offentlighets- och sekretesslagen</p>")
    assert granska(korpus, tmp_path, "public", "a.html", sida) == []


@pytest.mark.parametrize(
    "namn,data",
    [("a.docx", b"inte en zip"), ("a.pdf", b"%PDF-1.4 trasig")],
    ids=["trasig-word-fil", "trasig-pdf"],
)
def test_trasig_fil_i_en_site_blir_ett_fynd_och_inte_ett_undantag(korpus, tmp_path, namn, data):
    funna = granska(korpus, tmp_path, "public", namn, data)
    assert any(f.startswith(f"site/public/{namn}:1:1: fel:") for f in funna), funna
