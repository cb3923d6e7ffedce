"""DokumentVy → .docx with python-docx, starting from ``word/mall.docx``.

The body is the same sanitized HTML the PDF uses, walked element by element:
h2/h3/h4 become Heading 1/2/3 (the title is the Title style), lists use
List Bullet / List Number with a fresh ``w:num`` per list so that every
numbered list restarts at 1, tables get a repeating header row (w:tblHeader).

python-docx stamps zip entries with the clock; :func:`docx_bytes` rewrites the
zip with fixed dates so that the same input always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

from docx.document import Document
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from styrdok.format.docx_kropp import _Konverterare
from styrdok.format.docx_mall import (
    LOGOTYPHÖJD,
    MALLFIL,
    TABELLSTIL,
    TEXTBREDD_TWIPS,
    W_P,
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
from styrdok.format.docx_tabell import twips
from styrdok.format.gemensamt import tidsstämpel
from styrdok.format.html import Brödtext, markdown_till_html, tolka_html
from styrdok.format.svg import namn_i_logotypen
from styrdok.format.textmatt import längsta_rad
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
    if vy.notis:
        notis(dokument, mall, markdown_till_html(dataclasses.replace(vy, brödtext=vy.notis)))
    _Konverterare(dokument, brödtext, mall).skriv_barn(tolka_html(brödtext.html).barn, dokument)
    luft_efter_tabeller(dokument)
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
    """The logo, and the kommun's name beside it unless the logo already says it."""
    stycke = dokument.sections[0].header.paragraphs[0]
    stycke._p.style = mall.stil_id["Header"]
    if logotyp:
        i_logotypen = namn_i_logotypen(logotyp, vy.kommun)
        alt = vy.kommun if i_logotypen else f"{vy.kommun}s logotyp"
        bild_i_run(stycke.add_run(), logotyp, alt, höjd=LOGOTYPHÖJD)
        if i_logotypen:
            return
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
    """Like the PDF's: shaded labels in a column as wide as the longest label (at most two
    fifths of the page), the values beside them as wide as they need; at least three fifths
    of the page in all."""
    if not rader:
        return
    storlek = mall.textstorlek
    etiketter = max(twips(längsta_rad(e, fet=True), storlek) for e, _ in rader)
    etiketter = max(min(etiketter, TEXTBREDD_TWIPS * 2 // 5), TEXTBREDD_TWIPS // 5)
    värden = max(twips(längsta_rad(v), storlek) for _, v in rader)
    värden = min(max(värden, TEXTBREDD_TWIPS * 3 // 5 - etiketter), TEXTBREDD_TWIPS - etiketter)
    bredder = [etiketter, värden]
    tbl = ny_tabell(
        mall.stil_id[TABELLSTIL], bredder, rubrikrad=False, beskrivning="Dokumentinformation"
    )
    for etikett, värde in rader:
        tr = ny_rad(tbl, rubrik=False)
        for text, bredd, fet in ((etikett, bredder[0], True), (värde, bredder[1], False)):
            stycke = ny_cell(tr, bredd)
            run = etree.SubElement(stycke, W_R)
            if fet:
                stycke.getprevious().append(parse_xml(ETIKETTFÄRG))
                etree.SubElement(etree.SubElement(run, W_RPR), qn("w:b"))
            etree.SubElement(run, W_T).text = text
    lägg_in(dokument, tbl)
    dokument.add_paragraph()


def luft_efter_tabeller(dokument: Document) -> None:
    """A paragraph right after a table (a source line, the next label) gets the space above
    it that the PDF has; Word puts nothing between a table and what follows."""
    for tbl in dokument.element.body.iterchildren(qn("w:tbl")):
        nästa = tbl.getnext()
        if nästa is not None and nästa.tag == W_P and nästa.find(W_R) is not None:
            ppr = nästa.get_or_add_pPr()
            if ppr.find(qn("w:spacing")) is None:
                _infoga(ppr, parse_xml(f'<w:spacing {nsdecls("w")} w:before="160"/>'))


def notis(dokument: Document, mall: Mall, html: Brödtext) -> None:
    """The notice before the body: its paragraphs framed and shaded as one box, kept
    together on one page."""
    kropp = dokument.element.body
    före = len(kropp)
    _Konverterare(dokument, html, mall).skriv_barn(tolka_html(html.html).barn, dokument)
    nya = [e for e in list(kropp)[före - 1 : len(kropp) - 1] if e.tag == W_P]
    for i, p in enumerate(nya):
        ppr = p.get_or_add_pPr()
        if i < len(nya) - 1 and ppr.find(qn("w:keepNext")) is None:
            _infoga(ppr, etree.Element(qn("w:keepNext")))
        _infoga(ppr, parse_xml(NOTISRAM))
        _infoga(ppr, parse_xml(NOTISFÄRG))
        if ppr.find(qn("w:ind")) is None:
            _infoga(ppr, parse_xml(NOTISINDRAG))
    dokument.add_paragraph()


NOTISRAM = (
    f"<w:pBdr {nsdecls('w')}>"
    + "".join(
        f'<w:{sida} w:val="single" w:sz="6" w:space="4" w:color="8A6D00"/>'
        for sida in ("top", "left", "bottom", "right")
    )
    + "</w:pBdr>"
)
NOTISFÄRG = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="FFF8E1"/>'
NOTISINDRAG = f'<w:ind {nsdecls("w")} w:left="113" w:right="113"/>'
"""The frame is drawn outside the text: indented by its spacing, it lines up with the margins."""
ETIKETTFÄRG = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
_PPR_ORDNING = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc"
).split()


def _infoga(ppr: etree._Element, element: etree._Element) -> None:
    """Insert a paragraph property where the schema wants it (Word rejects another order)."""
    namn = etree.QName(element).localname
    plats = _PPR_ORDNING.index(namn)
    for barn in ppr:
        lokal = etree.QName(barn).localname
        if lokal in _PPR_ORDNING and _PPR_ORDNING.index(lokal) > plats:
            barn.addprevious(element)
            return
    ppr.append(element)
