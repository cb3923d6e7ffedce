"""The Word template and the low-level pieces of WordprocessingML the writer builds with:
styles read once per template, fields, tables, rows, cells and inline images."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

import docx
from docx.document import Document
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm
from docx.text.paragraph import Paragraph
from lxml import etree

from styrdok.format.svg import svg_data_till_png, svg_till_png
from styrdok.grund.diagnostik import StyrdokFel

ZIPDATUM = (1980, 1, 1, 0, 0, 0)

W_P, W_PPR, W_R, W_T, W_RPR, W_BR = (
    qn("w:p"),
    qn("w:pPr"),
    qn("w:r"),
    qn("w:t"),
    qn("w:rPr"),
    qn("w:br"),
)
W_SECTPR, W_NUM, W_NUMID_CLEANUP = qn("w:sectPr"), qn("w:num"), qn("w:numIdMacAtCleanup")


MALLFIL = "mall.docx"


RUBRIKSTILAR = {
    "h1": "Heading 1",
    "h2": "Heading 1",
    "h3": "Heading 2",
    "h4": "Heading 3",
    "h5": "Heading 4",
    "h6": "Heading 5",
}


NÖDVÄNDIGA_STILAR = (
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Number",
    "List Continue",
    "Header",
    "Footer",
    "Hyperlink",
    "Styrdok tabell",
)


TABELLSTIL = "Styrdok tabell"


TEXTBREDD = Mm(165)


TEXTBREDD_TWIPS = int(TEXTBREDD.twips)


LOGOTYPHÖJD = Mm(10)


W_VAL = qn("w:val")


W_NUMID = qn("w:numId")


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Mall:
    """What the writer needs from a Word template, read once per process and template version."""

    data: bytes
    stil_id: dict[str, str]
    """Style name (as Word shows it) → style id."""
    listabstrakt: dict[bool, int]
    """Numbered (True) or bulleted (False) → the abstractNumId its list style uses."""
    textstorlek: float = 11.0
    """Normal's font size in points: what the table columns are measured in."""


def öppna_mall(mallfil: Path) -> tuple[Document, Mall]:
    """A fresh document from the template, and what was learnt from the template."""
    mall = läs_mall(mallfil)
    return _öppna(mall.data, mallfil), mall


def läs_mall(mallfil: Path) -> Mall:
    try:
        return _läs_mall(mallfil, mallfil.stat().st_mtime_ns)
    except FileNotFoundError:
        raise StyrdokFel("Word-mallen saknas", mallfil) from None


@lru_cache(maxsize=4)
def _läs_mall(mallfil: Path, _mtime: int) -> Mall:
    """Workers render many documents: the styles are looked up once, not once per document
    (python-docx walks every style of styles.xml for each lookup)."""
    data = mallfil.read_bytes()
    dokument = _öppna(data, mallfil)
    stil_id = {s.name: s.style_id for s in dokument.styles}
    if saknas := [s for s in NÖDVÄNDIGA_STILAR if s not in stil_id]:
        raise StyrdokFel(f"Word-mallen saknar formatmallarna {', '.join(saknas)}", mallfil)
    numrering = dokument.part.numbering_part.element
    listabstrakt = {
        True: _abstrakt_för(dokument, numrering, "List Number", mallfil),
        False: _abstrakt_för(dokument, numrering, "List Bullet", mallfil),
    }
    return Mall(data, stil_id, listabstrakt, _textstorlek(dokument))


def _textstorlek(dokument: Document) -> float:
    """Normal's size, else the document default's, else Word's own 11 pt."""
    stilar = dokument.styles.element
    for sz in stilar.xpath("./w:style[@w:styleId='Normal']/w:rPr/w:sz/@w:val") + stilar.xpath(
        "./w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val"
    ):
        if sz.isdigit() and int(sz) > 0:
            return int(sz) / 2
    return 11.0


def _öppna(data: bytes, mallfil: Path) -> Document:
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise StyrdokFel(f"Word-mallen är inte en giltig .docx-fil ({e})", mallfil) from None


def _abstrakt_för(dokument: Document, numrering, stil: str, mallfil: Path) -> int:
    num_id = dokument.styles[stil].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    nums = (
        numrering.xpath(f"./w:num[@w:numId='{num_id[0]}']/w:abstractNumId/@w:val") if num_id else []
    )
    if not nums:
        raise StyrdokFel(
            f"formatmallen {stil} i Word-mallen är inte kopplad till någon numrering", mallfil
        )
    return int(nums[0])


def fält(stycke: Paragraph, instruktion: str, visat: str) -> None:
    """A complex field (begin/instr/separate/result/end), updated by Word on open."""
    w = nsdecls("w")
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> {instruktion} </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>{visat}</w:t></w:r>",
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        stycke._p.append(parse_xml(xml))


def ny_tabell(
    stil_id: str, bredder: list[int], rubrikrad: bool, beskrivning: str | None = None
) -> etree._Element:
    """A w:tbl built directly; python-docx's table API rebuilds its cell grid on every access.

    The columns have the widths given (measured from the content) and a fixed layout, so
    Word and LibreOffice both keep them instead of guessing their own. Conditional
    formatting is switched on for the header row only, and a caption (tblCaption) gives
    screen readers the table's purpose.
    """
    w = nsdecls("w")
    bildtext = f"<w:tblCaption w:val={quoteattr(beskrivning)}/>" if beskrivning else ""
    look = 'w:firstRow="1" w:val="0420"' if rubrikrad else 'w:firstRow="0" w:val="0400"'
    kolumner = "".join(f'<w:gridCol w:w="{b}"/>' for b in bredder)
    return parse_xml(
        f'<w:tbl {w}><w:tblPr><w:tblStyle w:val="{stil_id}"/>'
        f'<w:tblW w:w="{sum(bredder)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook {look} w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"{bildtext}</w:tblPr><w:tblGrid>{kolumner}</w:tblGrid></w:tbl>"
    )


def ny_rad(tbl: etree._Element, rubrik: bool) -> etree._Element:
    """A row that is never split across pages (cantSplit); a header row repeats on every page
    the table continues on (tblHeader)."""
    tr = etree.SubElement(tbl, qn("w:tr"))
    trpr = etree.SubElement(tr, qn("w:trPr"))
    etree.SubElement(trpr, qn("w:cantSplit"))
    if rubrik:
        etree.SubElement(trpr, qn("w:tblHeader"))
    return tr


def ny_cell(tr: etree._Element, bredd: int, span: int = 1) -> etree._Element:
    """Append a cell and return its (only) paragraph."""
    tc = etree.SubElement(tr, qn("w:tc"))
    tcpr = etree.SubElement(tc, qn("w:tcPr"))
    etree.SubElement(tcpr, qn("w:tcW"), {qn("w:w"): str(bredd), qn("w:type"): "dxa"})
    if span > 1:
        etree.SubElement(tcpr, qn("w:gridSpan"), {W_VAL: str(span)})
    return etree.SubElement(tc, W_P)


def lägg_in(behållare, element: etree._Element) -> None:
    """Append a block element to the body (before its sectPr) or to a table cell."""
    if isinstance(behållare, Document):
        kropp = behållare.element.body
        sista = kropp[-1] if len(kropp) else None  # the sectPr, when there is one, is always last
        if sista is not None and sista.tag == W_SECTPR:
            sista.addprevious(element)
        else:
            kropp.append(element)
    else:
        behållare._element.append(element)


def bild_i_run(
    run, sökväg: Path, alt: str, höjd: Emu | None = None, data: bytes | None = None
) -> None:
    """An inline picture with alt text; SVG is rasterized because Word needs a bitmap.
    ``data`` is an image made for the document (a chart), ``sökväg`` then only its name."""
    data = _bilddata(sökväg, data)
    try:
        if höjd is not None:
            run.add_picture(io.BytesIO(data), height=höjd)
        else:
            run.add_picture(io.BytesIO(data))
    except UnrecognizedImageError:
        raise StyrdokFel(
            f"bildformatet stöds inte i Word: {sökväg.name} (använd PNG, JPEG, GIF eller SVG)",
            sökväg,
        ) from None
    inline = run._r.xpath(".//wp:inline")[-1]
    if inline.extent.cx > TEXTBREDD:
        skala = TEXTBREDD / inline.extent.cx
        inline.extent.cx, inline.extent.cy = int(TEXTBREDD), int(inline.extent.cy * skala)
        inline.graphic.graphicData.pic.spPr.xfrm.ext.cx = inline.extent.cx
        inline.graphic.graphicData.pic.spPr.xfrm.ext.cy = inline.extent.cy
    docpr = inline.docPr
    docpr.set("descr", alt)
    docpr.set("name", sökväg.name)


def _bilddata(sökväg: Path, data: bytes | None) -> bytes:
    if data is not None:
        return svg_data_till_png(data, sökväg) if sökväg.suffix.lower() == ".svg" else data
    if sökväg.suffix.lower() == ".svg":
        return svg_till_png(sökväg)
    return sökväg.read_bytes()
