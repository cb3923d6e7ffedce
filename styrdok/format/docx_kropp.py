"""The body of a Word file: the sanitized HTML of the text walked element by element into
paragraphs, lists (each numbered list restarting at 1), tables and inline runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from styrdok.format.docx_mall import (
    RUBRIKSTILAR,
    TABELLSTIL,
    TEXTBREDD_TWIPS,
    W_BR,
    W_NUM,
    W_NUMID,
    W_NUMID_CLEANUP,
    W_PPR,
    W_R,
    W_RPR,
    W_T,
    W_VAL,
    XML_SPACE,
    Mall,
    bild_i_run,
    lägg_in,
)
from styrdok.format.docx_tabell import justering, skriv_tabell
from styrdok.format.docx_tabell import rubrik as tabellrubrik
from styrdok.format.html import Brödtext, Nod

ZIPDATUM = (1980, 1, 1, 0, 0, 0)


BLOCKTAGGAR = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "hr", "div"}
    | {"dl", "dt", "dd"}
)


WEBBSCHEMAN = ("http://", "https://", "mailto:", "tel:")


@dataclass(frozen=True)
class _Format:
    fet: bool = False
    kursiv: bool = False
    upphöjd: bool = False
    nedsänkt: bool = False
    kod: bool = False
    genomstruken: bool = False
    understruken: bool = False
    markerad: bool = False


class _Konverterare:
    """Walks the HTML tree and appends paragraphs and tables to a container."""

    def __init__(self, dokument: Document, brödtext: Brödtext, mall: Mall):
        self.dokument = dokument
        self.brödtext = brödtext
        self.numrering = _Numrering(dokument, mall)
        self.stil_id = mall.stil_id
        self.textstorlek = mall.textstorlek
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
            self.stycke(behållare, nod.barn, RUBRIKSTILAR[nod.tagg], håll_ihop=True)
        elif nod.tagg == "p":
            håll = nod.attr.get("class") in ("etikett", "bild")  # see format.html._etiketter
            self.stycke(behållare, nod.barn, stil, håll_ihop=håll)
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
        elif nod.tagg == "dt":  # a definition list's term: bold, its definitions indented below
            stycke = self.stycke(behållare, nod.barn, stil)
            if stycke is not None:
                for run in stycke.runs:
                    run.bold = True
        elif nod.tagg == "dd":
            for grupp in _gruppera(nod.barn):
                if isinstance(grupp, Nod) and grupp.tagg != "p":
                    self.block(grupp, behållare, stil)
                    continue
                barn = grupp.barn if isinstance(grupp, Nod) else grupp
                if (stycke := self.stycke(behållare, barn, stil)) is not None:
                    stycke.paragraph_format.left_indent = Cm(1)
        else:  # div and anything transparent
            self.skriv_barn(nod.barn, behållare, stil)

    def stycke(
        self,
        behållare,
        barn: list[Nod | str],
        stil: str | None,
        num_id: int | None = None,
        nivå: int = 0,
        håll_ihop: bool = False,
    ) -> Paragraph | None:
        if not _har_innehåll(barn):
            return None
        stycke = self.nytt_stycke(behållare, stil, num_id, nivå, håll_ihop)
        self.inline(stycke, barn, _Format())
        _trimma(stycke)
        return stycke

    def nytt_stycke(
        self,
        behållare,
        stil: str | None,
        num_id: int | None = None,
        nivå: int = 0,
        håll_ihop: bool = False,
    ) -> Paragraph:
        """A w:p built directly with lxml; python-docx's generic inserts dominate the run time.
        ``håll_ihop``: on the same page as the next paragraph (keepNext), for headings, labels
        and charts, whatever the template's styles say."""
        p = OxmlElement("w:p")
        lägg_in(behållare, p)
        förälder = behållare._body if isinstance(behållare, Document) else behållare
        if stil or num_id is not None or håll_ihop:
            ppr = etree.SubElement(p, W_PPR)
            if stil:
                etree.SubElement(ppr, qn("w:pStyle"), {W_VAL: self.stil_id[stil]})
            if håll_ihop:
                etree.SubElement(ppr, qn("w:keepNext"))
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
        """A caption becomes a paragraph kept with the table; the table itself is
        ``docx_tabell``'s, its columns measured from the content."""
        if rubrik := tabellrubrik(nod):
            stil = "Caption" if "Caption" in self.stil_id else None
            stycke = self.nytt_stycke(behållare, stil, håll_ihop=True)
            self.ny_run(stycke, rubrik, _Format(fet=stil is None))
        skriv_tabell(
            nod, behållare, self.stil_id[TABELLSTIL], self.textstorlek, TEXTBREDD_TWIPS, self.cell
        )

    def cell(self, stycke: Paragraph, cellnod: Nod) -> None:
        self.inline(stycke, cellnod.barn, _Format(fet=cellnod.tagg == "th"))
        _trimma(stycke)
        justering(stycke, cellnod.attr.get("style", ""))

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
        elif tagg in ("code", "kbd"):
            self.inline(stycke, nod.barn, replace(format, kod=True))
        elif tagg == "s":
            self.inline(stycke, nod.barn, replace(format, genomstruken=True))
        elif tagg == "u":
            self.inline(stycke, nod.barn, replace(format, understruken=True))
        elif tagg == "mark":
            self.inline(stycke, nod.barn, replace(format, markerad=True))
        elif tagg == "br":
            etree.SubElement(self.ny_run(stycke), W_BR)
        elif tagg == "img":
            self.bild(stycke, nod)
        elif tagg == "a":
            self.länk(stycke, nod, format)
        else:  # span, abbr, small, and blocks nested where only inline content fits
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
        if format.genomstruken:
            egenskaper.append(("w:strike", {}))
        if format.markerad:
            egenskaper.append(("w:highlight", {"w:val": "yellow"}))
        if format.understruken:
            egenskaper.append(("w:u", {"w:val": "single"}))
        if format.upphöjd or format.nedsänkt:
            egenskaper.append(
                ("w:vertAlign", {"w:val": "superscript" if format.upphöjd else "subscript"})
            )
        return egenskaper

    def länk(self, stycke: Paragraph, nod: Nod, format: _Format) -> None:
        href = nod.attr.get("href", "")
        if href.startswith("#fnref:"):
            return  # a footnote's way back to the text: the number says where it belongs
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
        bild_i_run(Run(self.ny_run(stycke), stycke), bild.sökväg, bild.alt, data=bild.data)


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
