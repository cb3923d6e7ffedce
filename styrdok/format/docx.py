"""DokumentVy → .docx with python-docx, starting from ``word/mall.docx``.

The body is the same sanitized HTML the PDF uses, walked element by element:
h2/h3/h4 become Heading 1/2/3 (the title is the Title style), lists use
List Bullet / List Number with a fresh ``w:num`` per list so that every
numbered list restarts at 1, tables get a repeating header row (w:tblHeader).

python-docx stamps zip entries with the clock; :func:`docx_bytes` rewrites the
zip with fixed dates so that the same input always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.document import Document
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from lxml import etree

from styrdok.format.docx_kropp import _Konverterare
from styrdok.format.docx_mall import (
    LOGOTYPHÖJD,
    MALLFIL,
    TABELLSTIL,
    TEXTBREDD_TWIPS,
    W_R,
    W_RPR,
    W_T,
    Mall,
    bild_i_run,
    fält,
    lägg_in,
    ny_cell,
    ny_rad,
    ny_tabell,
    öppna_mall,
)
from styrdok.format.gemensamt import tidsstämpel
from styrdok.format.html import markdown_till_html, tolka_html
from styrdok.grund.filer import mallkatalog, skriv_atomiskt
from styrdok.karna.utdata import DokumentVy, kontrollera_logotyp

ZIPDATUM = (1980, 1, 1, 0, 0, 0)


def render_docx(vy: DokumentVy, ut: Path, mallar: Path) -> None:
    """Render ``vy`` as a .docx file at ``ut``; raise StyrdokFel for user mistakes."""
    skriv_atomiskt(Path(ut), docx_bytes(vy, mallar))


def docx_bytes(vy: DokumentVy, mallar: Path) -> bytes:
    mallfil = mallkatalog(mallar, "word") / MALLFIL
    brödtext = markdown_till_html(vy)
    logotyp = kontrollera_logotyp(vy)
    dokument, mall = öppna_mall(mallfil)
    sätt_språk(dokument, vy.språk)
    sidhuvud(dokument, mall, vy, logotyp)
    sidfot(dokument, mall, vy)
    titel = dokument.add_paragraph(vy.titel)
    titel._p.style = mall.stil_id["Title"]
    metadatatabell(dokument, mall, vy.metadata)
    _Konverterare(dokument, brödtext, mall).skriv_barn(tolka_html(brödtext.html).barn, dokument)
    egenskaper(dokument, vy)
    return till_bytes(dokument)


# --- template, properties, saving ------------------------------------------------


def sätt_språk(dokument: Document, språk: str) -> None:
    standard = dokument.styles.element.find(qn("w:docDefaults"))
    lang = (
        standard.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if standard is not None
        else None
    )
    if lang is not None:
        lang.set(qn("w:val"), språk)


def egenskaper(dokument: Document, vy: DokumentVy) -> None:
    kärna = dokument.core_properties
    kärna.title = vy.titel
    kärna.subject = vy.ämne
    kärna.language = vy.språk
    kärna.author = vy.kommun
    kärna.last_modified_by = "styrdok"
    kärna.revision = 1
    if stämpel := tidsstämpel(vy):
        kärna.created = kärna.modified = stämpel


class _FastaDatumSkrivare:
    """python-docx's package writer interface, writing zip entries with fixed dates, so that
    the file is deterministic without being saved once and zipped again."""

    def __init__(self, ut: io.BytesIO):
        self.zip = zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=ZIPDATUM)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        self.zip.writestr(info, blob, compresslevel=6)

    def close(self) -> None:
        self.zip.close()


def till_bytes(dokument: Document) -> bytes:
    paket = dokument.part.package
    for del_ in paket.parts:
        del_.before_marshal()
    rå = io.BytesIO()
    skrivare = _FastaDatumSkrivare(rå)
    PackageWriter._write_content_types_stream(skrivare, paket.parts)
    PackageWriter._write_pkg_rels(skrivare, paket.rels)
    PackageWriter._write_parts(skrivare, paket.parts)
    skrivare.close()
    return rå.getvalue()


def spara_deterministiskt(dokument: Document, ut: Path) -> None:
    skriv_atomiskt(Path(ut), till_bytes(dokument))


def sidhuvud(dokument: Document, mall: Mall, vy: DokumentVy, logotyp: Path | None) -> None:
    stycke = dokument.sections[0].header.paragraphs[0]
    stycke._p.style = mall.stil_id["Header"]
    if logotyp:
        bild_i_run(stycke.add_run(), logotyp, f"{vy.kommun}s logotyp", höjd=LOGOTYPHÖJD)
        stycke.add_run("\t")
    stycke.add_run(vy.kommun).bold = True


def sidfot(dokument: Document, mall: Mall, vy: DokumentVy) -> None:
    stycke = dokument.sections[0].footer.paragraphs[0]
    stycke._p.style = mall.stil_id["Footer"]
    stycke.add_run(f"{vy.sidfot}\tSida ")
    fält(stycke, "PAGE", "1")
    stycke.add_run(" av ")
    fält(stycke, "NUMPAGES", "1")


def metadatatabell(dokument: Document, mall: Mall, rader: tuple[tuple[str, str], ...]) -> None:
    if not rader:
        return
    bredder = [TEXTBREDD_TWIPS * 35 // 100, TEXTBREDD_TWIPS * 65 // 100]
    tbl = ny_tabell(
        mall.stil_id[TABELLSTIL], bredder, rubrikrad=False, beskrivning="Dokumentinformation"
    )
    for etikett, värde in rader:
        tr = ny_rad(tbl, rubrik=False)
        for text, bredd, fet in ((etikett, bredder[0], True), (värde, bredder[1], False)):
            run = etree.SubElement(ny_cell(tr, bredd), W_R)
            if fet:
                etree.SubElement(etree.SubElement(run, W_RPR), qn("w:b"))
            etree.SubElement(run, W_T).text = text
    lägg_in(dokument, tbl)
    dokument.add_paragraph()


# --- pictures ----------------------------------------------------------------------


# --- HTML tree ---------------------------------------------------------------------


# --- body --------------------------------------------------------------------------


# --- small helpers -------------------------------------------------------------------
