"""Creates ``templates/word/mall.docx``, the Word template for styrdok.

Run from the repository root after changing anything here::

    python templates/word/skapa_mall.py

The template starts from python-docx's default document and is made lean
(unused styles, the thumbnail and stylesWithEffects are dropped) because every
rendered document parses and writes it again. What it defines:

* A4 with the same margins as the PDF, Swedish (sv-SE) as document language.
* Normal in Arial 11 pt (metric-compatible with Liberation Sans on Linux).
* Title, Heading 1–6 in Arial without theme colours.
* List Bullet / List Number (1–3) tied to two multi-level numbering
  definitions; the writer makes a new w:num per list so that every numbered
  list starts at 1.
* "Styrdok tabell", a table style with grid lines and a bold, shaded header row; Caption
  for a table's title, black and kept with the table.
* Hyperlink character style, Header and Footer with a right tab at the margin.
"""

from __future__ import annotations

import copy
import sys
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from styrdok.format.docx import spara_deterministiskt  # noqa: E402

MALL = Path(__file__).with_name("mall.docx")
TYPSNITT = "Arial"
SPRÅK = "sv-SE"
# Text width of A4 with 25 mm + 20 mm side margins, in twentieths of a point.
TEXTBREDD_TWIPS = int(Mm(165).twips)

BEHÅLLNA_STILAR = {
    "Normal",
    "Header",
    "Header Char",
    "Footer",
    "Footer Char",
    "Title",
    "Title Char",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "Heading 5",
    "Heading 6",
    "Heading 1 Char",
    "Heading 2 Char",
    "Heading 3 Char",
    "Heading 4 Char",
    "Heading 5 Char",
    "Heading 6 Char",
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "List Number",
    "List Number 2",
    "List Number 3",
    "List Continue",
    "List Continue 2",
    "List Continue 3",
    "List Paragraph",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Table Grid",
    "Strong",
    "Emphasis",
    "Quote",
    "Quote Char",
    "Caption",
    "macro",
    "Macro Text Char",
}
PUNKTER = ["•", "◦", "▪"]
NUMMERFORMAT = [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3.")]


def main() -> None:
    dokument = docx.Document()
    bantning(dokument)
    sidformat(dokument)
    grundstil(dokument)
    rubriker(dokument)
    numrering(dokument)
    tabellstil(dokument)
    bildtext(dokument)
    länkstil(dokument)
    sidhuvud_och_sidfot(dokument)
    egenskaper(dokument)
    spara_deterministiskt(dokument, MALL)
    print(f"skrev {MALL}")


def bantning(dokument: docx.document.Document) -> None:
    """Drop what every render would otherwise parse and write for nothing."""
    stilar = dokument.styles.element
    for stil in list(stilar.findall(qn("w:style"))):
        if _visningsnamn(stil) not in BEHÅLLNA_STILAR:
            stilar.remove(stil)
    latenta = stilar.find(qn("w:latentStyles"))
    if latenta is not None:
        stilar.remove(latenta)
    for rsid in list(stilar.iter(qn("w:rsid"))):
        rsid.getparent().remove(rsid)
    del_relationer(dokument)


def _visningsnamn(stil) -> str:
    from docx.styles import BabelFish

    return BabelFish.internal2ui(stil.find(qn("w:name")).get(qn("w:val")))


def del_relationer(dokument: docx.document.Document) -> None:
    """Remove the thumbnail, customXml and stylesWithEffects parts."""
    onödiga = ("stylesWithEffects", "customXml", "thumbnail")
    for källa in (dokument.part.package, dokument.part):
        for rid, rel in list(källa.rels.items()):
            if not rel.is_external and any(
                o in rel.reltype or o in str(rel.target_part.partname) for o in onödiga
            ):
                del källa.rels[rid]
    inställningar = dokument.settings.element
    for tagg in ("w:rsids", "w:attachedTemplate", "w:savePreviewPicture"):
        for element in inställningar.findall(qn(tagg)):
            inställningar.remove(element)
    språk = inställningar.find(qn("w:themeFontLang"))
    if språk is not None:
        språk.set(qn("w:val"), SPRÅK)


def sidformat(dokument: docx.document.Document) -> None:
    sektion = dokument.sections[0]
    sektion.page_width, sektion.page_height = Mm(210), Mm(297)
    sektion.top_margin, sektion.bottom_margin = Mm(22), Mm(24)
    sektion.left_margin, sektion.right_margin = Mm(25), Mm(20)
    sektion.header_distance, sektion.footer_distance = Mm(10), Mm(10)


def grundstil(dokument: docx.document.Document) -> None:
    """Font and language in docDefaults and Normal, so every style inherits them."""
    standard = dokument.styles.element.find(qn("w:docDefaults"))
    rpr = standard.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for gammal in rpr.findall(qn("w:rFonts")) + rpr.findall(qn("w:lang")):
        rpr.remove(gammal)
    rpr.insert(
        0,
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{TYPSNITT}" w:hAnsi="{TYPSNITT}" '
            f'w:eastAsia="{TYPSNITT}" w:cs="{TYPSNITT}"/>'
        ),
    )
    rpr.append(
        parse_xml(f'<w:lang {nsdecls("w")} w:val="{SPRÅK}" w:eastAsia="{SPRÅK}" w:bidi="ar-SA"/>')
    )
    normal = dokument.styles["Normal"]
    _typsnitt(normal, TYPSNITT, Pt(11))
    normal.element.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{SPRÅK}"/>'))
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15


def rubriker(dokument: docx.document.Document) -> None:
    storlekar = {
        "Title": 22,
        "Heading 1": 16,
        "Heading 2": 13,
        "Heading 3": 11.5,
        "Heading 4": 11,
        "Heading 5": 11,
        "Heading 6": 11,
    }
    for namn, storlek in storlekar.items():
        stil = dokument.styles[namn]
        _typsnitt(stil, TYPSNITT, Pt(storlek))
        stil.font.bold = True
        stil.font.italic = False
        stil.font.color.rgb = RGBColor(0, 0, 0)
        stil.paragraph_format.space_before = Pt(
            0 if namn == "Title" else 14 if namn == "Heading 1" else 10
        )
        stil.paragraph_format.space_after = Pt(12 if namn == "Title" else 4)
        stil.paragraph_format.keep_with_next = True
    titel_ppr = dokument.styles["Title"].element.pPr
    kant = titel_ppr.find(qn("w:pBdr"))
    if kant is not None:
        titel_ppr.remove(kant)


def _typsnitt(stil, namn: str, storlek: Pt) -> None:
    """Set a plain font; theme font attributes would otherwise win over it."""
    rpr = stil.element.get_or_add_rPr()
    for gammal in rpr.findall(qn("w:rFonts")):
        rpr.remove(gammal)
    stil.font.name = namn
    stil.font.size = storlek
    rpr.find(qn("w:rFonts")).set(qn("w:cs"), namn)


def numrering(dokument: docx.document.Document) -> None:
    """Two multi-level definitions (bullets, numbers) and one w:num each for the styles."""
    numrering = dokument.part.numbering_part.element
    for barn in list(numrering):
        numrering.remove(barn)
    numrering.append(_abstrakt(0, "1A2B3C01", [("bullet", p) for p in PUNKTER]))
    numrering.append(_abstrakt(1, "1A2B3C02", NUMMERFORMAT))
    numrering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    )
    numrering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    )
    for bas, num_id in (("List Bullet", 1), ("List Number", 2)):
        for nivå in range(3):
            namn = bas if nivå == 0 else f"{bas} {nivå + 1}"
            _knyt_lista(dokument.styles[namn], num_id, nivå)
    for nivå in range(3):
        namn = "List Continue" if nivå == 0 else f"List Continue {nivå + 1}"
        stil = dokument.styles[namn]
        stil.paragraph_format.left_indent = Mm(6.35 * (nivå + 1))
        stil.paragraph_format.space_after = Pt(3)


def _abstrakt(abstrakt_id: int, nsid: str, nivåer: list[tuple[str, str]]):
    lvl = []
    for i, (format, text) in enumerate(nivåer):
        vänster = 360 * (i + 1)
        lvl.append(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{format}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{vänster}" w:hanging="360"/></w:pPr></w:lvl>'
        )
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstrakt_id}"><w:nsid w:val="{nsid}"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(lvl)}</w:abstractNum>'
    )


def _knyt_lista(stil, num_id: int, nivå: int) -> None:
    ppr = stil.element.get_or_add_pPr()
    for gammal in ppr.findall(qn("w:numPr")) + ppr.findall(qn("w:ind")):
        ppr.remove(gammal)
    ppr.insert(
        0,
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{nivå}"/><w:numId w:val="{num_id}"/></w:numPr>'
        ),
    )
    stil.paragraph_format.space_after = Pt(3)


def tabellstil(dokument: docx.document.Document) -> None:
    rutnät = dokument.styles["Table Grid"].element
    stil = copy.deepcopy(rutnät)
    stil.set(qn("w:styleId"), "Styrdoktabell")
    stil.find(qn("w:name")).set(qn("w:val"), "Styrdok tabell")
    for onödig in stil.findall(qn("w:rsid")):
        stil.remove(onödig)
    stil.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
            "<w:rPr><w:b/><w:bCs/></w:rPr>"
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E8EDF2"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    )
    dokument.styles.element.append(stil)


def bildtext(dokument: docx.document.Document) -> None:
    """Caption (a table's title, e.g. under a chart): black like the text, kept with its table."""
    stil = dokument.styles["Caption"]
    rpr = stil.element.get_or_add_rPr()
    for gammal in rpr.findall(qn("w:color")):
        rpr.remove(gammal)
    stil.font.color.rgb = RGBColor(0, 0, 0)
    stil.font.size = Pt(10)
    stil.font.bold = True
    stil.paragraph_format.space_before = Pt(6)
    stil.paragraph_format.space_after = Pt(3)
    stil.paragraph_format.keep_with_next = True


def länkstil(dokument: docx.document.Document) -> None:
    stil = dokument.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    stil.base_style = dokument.styles["Default Paragraph Font"]
    stil.font.color.rgb = RGBColor(0x0B, 0x4F, 0x8A)
    stil.font.underline = True
    stil.unhide_when_used = True


def sidhuvud_och_sidfot(dokument: docx.document.Document) -> None:
    for namn in ("Header", "Footer"):
        stil = dokument.styles[namn]
        ppr = stil.element.get_or_add_pPr()
        for gammal in ppr.findall(qn("w:tabs")):
            ppr.remove(gammal)
        stil.paragraph_format.tab_stops.add_tab_stop(Mm(165), alignment=2)  # right
        stil.font.size = Pt(8.5)


def egenskaper(dokument: docx.document.Document) -> None:
    egenskaper = dokument.core_properties
    egenskaper.title = ""
    egenskaper.subject = ""
    egenskaper.author = "styrdok"
    egenskaper.last_modified_by = "styrdok"
    egenskaper.language = SPRÅK
    egenskaper.revision = 1
    egenskaper.created = egenskaper.modified = datetime(2000, 1, 1, tzinfo=UTC)
    egenskaper.comments = ""


if __name__ == "__main__":
    main()
