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
import re
import zipfile
from dataclasses import dataclass, replace
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.document import Document
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.filer import skriv_atomiskt
from styrdok.vy import DokumentVy
from styrdok.writers.gemensamt import kontrollera_logotyp, mallkatalog, tidsstämpel
from styrdok.writers.html import Brödtext, markdown_till_html

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
ZIPDATUM = (1980, 1, 1, 0, 0, 0)
BLOCKTAGGAR = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "hr", "div"}
)
WEBBSCHEMAN = ("http://", "https://", "mailto:", "tel:")
W_P, W_PPR, W_R, W_T, W_RPR, W_BR = (
    qn("w:p"),
    qn("w:pPr"),
    qn("w:r"),
    qn("w:t"),
    qn("w:rPr"),
    qn("w:br"),
)
W_VAL = qn("w:val")
W_SECTPR, W_NUM, W_NUMID_CLEANUP = qn("w:sectPr"), qn("w:num"), qn("w:numIdMacAtCleanup")
W_NUMID = qn("w:numId")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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


@dataclass(frozen=True)
class Mall:
    """What the writer needs from a Word template, read once per process and template version."""

    data: bytes
    stil_id: dict[str, str]
    """Style name (as Word shows it) → style id."""
    listabstrakt: dict[bool, int]
    """Numbered (True) or bulleted (False) → the abstractNumId its list style uses."""


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
    return Mall(data, stil_id, listabstrakt)


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


def ny_tabell(
    stil_id: str, bredder: list[int], rubrikrad: bool, beskrivning: str | None = None
) -> etree._Element:
    """A w:tbl built directly; python-docx's table API rebuilds its cell grid on every access.

    Conditional formatting is switched on for the header row only, and a caption
    (tblCaption) gives screen readers the table's purpose.
    """
    w = nsdecls("w")
    bildtext = f'<w:tblCaption w:val="{beskrivning}"/>' if beskrivning else ""
    look = 'w:firstRow="1" w:val="0420"' if rubrikrad else 'w:firstRow="0" w:val="0400"'
    kolumner = "".join(f'<w:gridCol w:w="{b}"/>' for b in bredder)
    return parse_xml(
        f'<w:tbl {w}><w:tblPr><w:tblStyle w:val="{stil_id}"/><w:tblW w:w="0" w:type="auto"/>'
        f'<w:tblLook {look} w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"{bildtext}</w:tblPr><w:tblGrid>{kolumner}</w:tblGrid></w:tbl>"
    )


def ny_rad(tbl: etree._Element, rubrik: bool) -> etree._Element:
    tr = etree.SubElement(tbl, qn("w:tr"))
    if rubrik:
        etree.SubElement(etree.SubElement(tr, qn("w:trPr")), qn("w:tblHeader"))
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


# --- pictures ----------------------------------------------------------------------


def bild_i_run(run, sökväg: Path, alt: str, höjd: Emu | None = None) -> None:
    """An inline picture with alt text; SVG is rasterized because Word needs a bitmap."""
    data = _bilddata(sökväg)
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


def _bilddata(sökväg: Path) -> bytes:
    if sökväg.suffix.lower() == ".svg":
        from styrdok.writers.svg import svg_till_png

        return svg_till_png(sökväg)
    return sökväg.read_bytes()


# --- HTML tree ---------------------------------------------------------------------


@dataclass
class Nod:
    tagg: str
    attr: dict[str, str]
    barn: list[Nod | str]


class _Trädbyggare(HTMLParser):
    TOMMA = frozenset({"br", "hr", "img"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rot = Nod("rot", {}, [])
        self._stack = [self.rot]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        nod = Nod(tag, {k: v or "" for k, v in attrs}, [])
        self._stack[-1].barn.append(nod)
        if tag not in self.TOMMA:
            self._stack.append(nod)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].barn.append(Nod(tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        if any(n.tagg == tag for n in self._stack[1:]):
            while self._stack.pop().tagg != tag:
                pass

    def handle_data(self, data: str) -> None:
        self._stack[-1].barn.append(data)


def tolka_html(html: str) -> Nod:
    byggare = _Trädbyggare()
    byggare.feed(html)
    byggare.close()
    return byggare.rot


# --- body --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Format:
    fet: bool = False
    kursiv: bool = False
    upphöjd: bool = False
    nedsänkt: bool = False
    kod: bool = False


class _Konverterare:
    """Walks the HTML tree and appends paragraphs and tables to a container."""

    def __init__(self, dokument: Document, brödtext: Brödtext, mall: Mall):
        self.dokument = dokument
        self.brödtext = brödtext
        self.numrering = _Numrering(dokument, mall)
        self.stil_id = mall.stil_id
        self._länk = None

    # Blocks

    def skriv_barn(self, barn: list[Nod | str], behållare, stil: str | None = None) -> None:
        """Blocks in order; loose inline content between them becomes a paragraph."""
        for grupp in _gruppera(barn):
            if isinstance(grupp, Nod):
                self.block(grupp, behållare, stil)
            else:
                self.stycke(behållare, grupp, stil)

    def block(self, nod: Nod, behållare, stil: str | None = None) -> None:
        if nod.tagg in RUBRIKSTILAR:
            self.stycke(behållare, nod.barn, RUBRIKSTILAR[nod.tagg])
        elif nod.tagg == "p":
            self.stycke(behållare, nod.barn, stil)
        elif nod.tagg in ("ul", "ol"):
            self.lista(nod, behållare, 0)
        elif nod.tagg == "table":
            self.tabell(nod, behållare)
        elif nod.tagg == "blockquote":
            self.skriv_barn(nod.barn, behållare, "Quote")
        elif nod.tagg == "pre":
            self.förformaterat(nod, behållare)
        elif nod.tagg == "hr":
            self.linje(behållare)
        else:  # div and anything transparent
            self.skriv_barn(nod.barn, behållare, stil)

    def stycke(
        self,
        behållare,
        barn: list[Nod | str],
        stil: str | None,
        num_id: int | None = None,
        nivå: int = 0,
    ) -> Paragraph | None:
        if not _har_innehåll(barn):
            return None
        stycke = self.nytt_stycke(behållare, stil, num_id, nivå)
        self.inline(stycke, barn, _Format())
        _trimma(stycke)
        return stycke

    def nytt_stycke(
        self, behållare, stil: str | None, num_id: int | None = None, nivå: int = 0
    ) -> Paragraph:
        """A w:p built directly with lxml; python-docx's generic inserts dominate the run time."""
        p = OxmlElement("w:p")
        lägg_in(behållare, p)
        förälder = behållare._body if isinstance(behållare, Document) else behållare
        if stil or num_id is not None:
            ppr = etree.SubElement(p, W_PPR)
            if stil:
                etree.SubElement(ppr, qn("w:pStyle"), {W_VAL: self.stil_id[stil]})
            if num_id is not None:
                numpr = etree.SubElement(ppr, qn("w:numPr"))
                etree.SubElement(numpr, qn("w:ilvl"), {W_VAL: str(nivå)})
                etree.SubElement(numpr, qn("w:numId"), {W_VAL: str(num_id)})
        return Paragraph(p, förälder)

    def förformaterat(self, nod: Nod, behållare) -> None:
        stycke = behållare.add_paragraph()
        rader = _text(nod).strip("\n").split("\n")
        for i, rad in enumerate(rader):
            run = self.ny_run(stycke, rad, _Format(kod=True))
            if i < len(rader) - 1:
                etree.SubElement(run, W_BR)

    def linje(self, behållare) -> None:
        stycke = behållare.add_paragraph()
        stycke._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="777777"/></w:pBdr>'
            )
        )

    # Lists

    def lista(self, nod: Nod, behållare, djup: int) -> None:
        numrerad = nod.tagg == "ol"
        start = int(nod.attr["start"]) if nod.attr.get("start", "").isdigit() else 1
        # The template defines three levels; deeper lists stay at the third.
        num_id = self.numrering.ny_lista(numrerad, min(djup, 2), start)
        for punkt in nod.barn:
            if isinstance(punkt, Nod) and punkt.tagg == "li":
                self.listpunkt(punkt, behållare, djup, numrerad, num_id)

    def listpunkt(self, li: Nod, behållare, djup: int, numrerad: bool, num_id: int) -> None:
        nivå = min(djup, 2)
        stil = ("List Number" if numrerad else "List Bullet") + (f" {nivå + 1}" if nivå else "")
        fortsättning = "List Continue" + (f" {nivå + 1}" if nivå else "")
        först = True
        for grupp in _gruppera(li.barn):
            if isinstance(grupp, Nod) and grupp.tagg in ("ul", "ol"):
                self.lista(grupp, behållare, djup + 1)
            elif isinstance(grupp, Nod) and grupp.tagg != "p":
                self.block(grupp, behållare)
            else:
                innehåll = grupp.barn if isinstance(grupp, Nod) else grupp
                if först:
                    först = self.stycke(behållare, innehåll, stil, num_id, nivå) is None
                else:
                    self.stycke(behållare, innehåll, fortsättning)

    # Tables

    def tabell(self, nod: Nod, behållare) -> None:
        rader = list(_tabellrader(nod))
        if not rader:
            return
        kolumner = max(max(sum(_span(c) for c in _celler(tr)) for tr, _ in rader), 1)
        bredd = TEXTBREDD_TWIPS // kolumner
        tbl = ny_tabell(self.stil_id[TABELLSTIL], [bredd] * kolumner, rubrikrad=rader[0][1])
        förälder = behållare._body if isinstance(behållare, Document) else behållare
        for tr, rubrik in rader:
            rad = ny_rad(tbl, rubrik)
            ledigt = kolumner
            for cellnod in _celler(tr):
                span = min(_span(cellnod), ledigt)
                if span <= 0:
                    break
                ledigt -= span
                stycke = Paragraph(ny_cell(rad, bredd * span, span), förälder)
                self.inline(stycke, cellnod.barn, _Format(fet=cellnod.tagg == "th"))
                _trimma(stycke)
                _justering(stycke, cellnod.attr.get("style", ""))
            for _ in range(ledigt):  # short rows still need every grid cell
                ny_cell(rad, bredd)
        lägg_in(behållare, tbl)

    # Inline content

    def inline(self, stycke: Paragraph, barn: list[Nod | str], format: _Format) -> None:
        for b in barn:
            if isinstance(b, str):
                self.text(stycke, re.sub(r"\s+", " ", b), format)
            else:
                self.inline_element(stycke, b, format)

    def inline_element(self, stycke: Paragraph, nod: Nod, format: _Format) -> None:
        tagg = nod.tagg
        if tagg in ("strong", "b", "th"):
            self.inline(stycke, nod.barn, replace(format, fet=True))
        elif tagg in ("em", "i"):
            self.inline(stycke, nod.barn, replace(format, kursiv=True))
        elif tagg == "sup":
            self.inline(stycke, nod.barn, replace(format, upphöjd=True))
        elif tagg == "sub":
            self.inline(stycke, nod.barn, replace(format, nedsänkt=True))
        elif tagg == "code":
            self.inline(stycke, nod.barn, replace(format, kod=True))
        elif tagg == "br":
            etree.SubElement(self.ny_run(stycke), W_BR)
        elif tagg == "img":
            self.bild(stycke, nod)
        elif tagg == "a":
            self.länk(stycke, nod, format)
        else:  # span, abbr, and blocks nested where only inline content fits
            self.inline(stycke, nod.barn, format)

    def text(self, stycke: Paragraph, text: str, format: _Format) -> None:
        if text:
            self.ny_run(stycke, text, format)

    def ny_run(
        self, stycke: Paragraph, text: str = "", format: _Format = _Format()
    ) -> etree._Element:
        """A w:r built directly: python-docx's Run API is too slow for whole documents."""
        förälder = self._länk if self._länk is not None else stycke._p
        run = etree.SubElement(förälder, W_R)
        egenskaper = self.runegenskaper(format)
        if egenskaper:
            rpr = etree.SubElement(run, W_RPR)
            for tagg, attribut in egenskaper:
                etree.SubElement(rpr, qn(tagg), {qn(k): v for k, v in attribut.items()})
        if text:
            t = etree.SubElement(run, W_T)
            t.text = text
            if text[0].isspace() or text[-1].isspace():
                t.set(XML_SPACE, "preserve")
        return run

    def runegenskaper(self, format: _Format) -> list[tuple[str, dict[str, str]]]:
        """Run properties in the order the schema requires."""
        egenskaper: list[tuple[str, dict[str, str]]] = []
        if self._länk is not None:
            egenskaper.append(("w:rStyle", {"w:val": self.stil_id["Hyperlink"]}))
        if format.kod:
            egenskaper.append(("w:rFonts", {"w:ascii": "Courier New", "w:hAnsi": "Courier New"}))
        if format.fet:
            egenskaper.append(("w:b", {}))
        if format.kursiv:
            egenskaper.append(("w:i", {}))
        if format.upphöjd or format.nedsänkt:
            egenskaper.append(
                ("w:vertAlign", {"w:val": "superscript" if format.upphöjd else "subscript"})
            )
        return egenskaper

    def länk(self, stycke: Paragraph, nod: Nod, format: _Format) -> None:
        href = nod.attr.get("href", "")
        if not href.startswith(WEBBSCHEMAN) or self._länk is not None:
            self.inline(stycke, nod.barn, format)  # anchors and relative links mean nothing in Word
            return
        länk = OxmlElement("w:hyperlink")
        länk.set(qn("r:id"), stycke.part.relate_to(href, RT.HYPERLINK, is_external=True))
        stycke._p.append(länk)
        self._länk = länk
        try:
            self.inline(stycke, nod.barn, format)
        finally:
            self._länk = None

    def bild(self, stycke: Paragraph, nod: Nod) -> None:
        bild = self.brödtext.bild(nod.attr.get("src", ""))
        if bild is None:  # cannot happen: every img was checked in markdown_till_html
            return
        bild_i_run(Run(self.ny_run(stycke), stycke), bild.sökväg, bild.alt)


class _Numrering:
    """Creates one w:num per list so that numbered lists restart at their start value."""

    def __init__(self, dokument: Document, mall: Mall):
        self.element = dokument.part.numbering_part.element
        self.abstrakt = mall.listabstrakt

    def ny_lista(self, numrerad: bool, djup: int, start: int) -> int:
        """A new w:num, built directly: python-docx's add_num searches every w:num each time."""
        if not hasattr(self, "nästa_id"):
            self.nästa_id = (
                max((int(n.get(W_NUMID)) for n in self.element.iterchildren(W_NUM)), default=0) + 1
            )
        num_id, self.nästa_id = self.nästa_id, self.nästa_id + 1
        num = etree.Element(W_NUM, {W_NUMID: str(num_id)})
        etree.SubElement(num, qn("w:abstractNumId"), {W_VAL: str(self.abstrakt[numrerad])})
        if numrerad:
            åsidosätt = etree.SubElement(num, qn("w:lvlOverride"), {qn("w:ilvl"): str(djup)})
            etree.SubElement(åsidosätt, qn("w:startOverride"), {W_VAL: str(start)})
        städning = self.element.find(W_NUMID_CLEANUP)
        if städning is not None:
            städning.addprevious(num)
        else:
            self.element.append(num)
        return num_id


# --- small helpers -------------------------------------------------------------------


def _gruppera(barn: list[Nod | str]) -> list[Nod | list[Nod | str]]:
    """Split children into block nodes and runs of inline content."""
    grupper: list[Nod | list[Nod | str]] = []
    for b in barn:
        if isinstance(b, Nod) and b.tagg in BLOCKTAGGAR:
            grupper.append(b)
        elif grupper and isinstance(grupper[-1], list):
            grupper[-1].append(b)
        else:
            grupper.append([b])
    return grupper


def _har_innehåll(barn: list[Nod | str]) -> bool:
    return any(isinstance(b, Nod) or b.strip() for b in barn)


def _text(nod: Nod) -> str:
    return "".join(b if isinstance(b, str) else _text(b) for b in nod.barn)


def _trimma(stycke: Paragraph) -> None:
    """HTML whitespace: nothing leading or trailing in a paragraph."""
    texter = list(stycke._p.iter(qn("w:t")))
    if texter:
        texter[0].text = (texter[0].text or "").lstrip()
        texter[-1].text = (texter[-1].text or "").rstrip()


def _tabellrader(tabell: Nod):
    """(tr, is_header_row) in order; rows in thead, or all-th first rows, are headers."""
    for barn in tabell.barn:
        if not isinstance(barn, Nod):
            continue
        if barn.tagg == "tr":
            yield barn, all(c.tagg == "th" for c in _celler(barn))
        elif barn.tagg in ("thead", "tbody", "tfoot"):
            for tr in barn.barn:
                if isinstance(tr, Nod) and tr.tagg == "tr":
                    yield tr, barn.tagg == "thead"


def _celler(tr: Nod) -> list[Nod]:
    return [c for c in tr.barn if isinstance(c, Nod) and c.tagg in ("th", "td")]


def _span(cell: Nod) -> int:
    värde = cell.attr.get("colspan", "1")
    return max(int(värde), 1) if värde.isdigit() else 1


def _justering(stycke: Paragraph, stil: str) -> None:
    if m := re.search(r"text-align:\s*(left|right|center)", stil):
        stycke.alignment = {"left": 0, "center": 1, "right": 2}[m.group(1)]
