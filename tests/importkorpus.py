"""Word files for tests/test_import.py, made here: with python-docx (parts it has no API
for, such as footnotes and custom properties, written as XML), by LibreOffice (a flat
OpenDocument file converted to .docx, python-docx files saved again by LibreOffice, a
real .doc), and broken ones (a damaged zip, a password-protected container, a text file)."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from PIL import Image

KOMMUN = """\
namn: Provviks kommun
kfs_prefix: PKFS
webbplats: https://www.provvik.example
vision: En vision.
organ:
  kf: {namn: Kommunfullmäktige, typ: politisk, förkortning: KF}
  ks: {namn: Kommunstyrelsen, typ: politisk, förkortning: KS}
  son: {namn: Socialnämnden, typ: politisk}
  bun: {namn: Barn- och utbildningsnämnden, typ: politisk}
  kd: {namn: Kommundirektören, typ: tjänsteperson}
dokumenttyper:
  policy: {namn: Policy, beslutas_av: [kf, ks]}
  riktlinje: {namn: Riktlinje, beslutas_av: [ks, son, bun, kd]}
  taxa: {namn: Taxa, beslutas_av: [kf]}
  plan: {namn: Plan, beslutas_av: [kf, ks], giltighet: begränsad}
  reglemente: {namn: Reglemente, beslutas_av: [kf]}
  rutin: {namn: Rutin, beslutas_av: [kd], publicering: intranät}
kategorier:
  taxor: Taxor och avgifter
  allmanna: Allmänna bestämmelser
tillgänglighet:
  efterlevnad: helt förenlig
  bedömningsdatum: 2026-09-01
  kontakt_epost: webb@provvik.example
"""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- helpers ---------------------------------------------------------------------------


def png(färg: str = "red") -> bytes:
    ut = io.BytesIO()
    Image.new("RGB", (24, 12), färg).save(ut, "PNG")
    return ut.getvalue()


def länk(stycke, text: str, url: str) -> None:
    rid = stycke.part.relate_to(url, RT.HYPERLINK, is_external=True)
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    h.append(r)
    stycke._p.append(h)


def xml(dokument, text: str) -> None:
    """Raw WordprocessingML appended to the body (before the section properties)."""
    el = parse_xml(f"<w:root {nsdecls('w')}>{text}</w:root>")
    body = dokument.element.body
    for barn in list(el):
        body.insert(len(body) - 1, barn)


def ändra_zip(fil: Path, nya: dict[str, bytes], ändra: dict[str, callable] | None = None) -> None:
    with zipfile.ZipFile(fil) as z:
        delar = {n: z.read(n) for n in z.namelist()}
    for namn, funktion in (ändra or {}).items():
        delar[namn] = funktion(delar[namn].decode("utf-8")).encode("utf-8")
    delar.update(nya)
    with zipfile.ZipFile(fil, "w", zipfile.ZIP_DEFLATED) as z:
        for namn, data in delar.items():
            z.writestr(namn, data)


def tabell(dokument, rader: list[list[str]], stil: str | None = "Table Grid"):
    t = dokument.add_table(rows=len(rader), cols=max(len(r) for r in rader))
    if stil:
        t.style = stil
    for i, rad in enumerate(rader):
        for j, text in enumerate(rad):
            t.cell(i, j).text = text
    return t


# --- python-docx files -------------------------------------------------------------------


def tabell_två_kolumner(ut: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Riktlinje för representation", style="Title")
    tabell(
        d,
        [
            ["Dokumenttyp", "Riktlinje"],
            ["Beslutad av", "Kommunstyrelsen"],
            ["Datum för beslut", "29 april 2021"],
            ["Paragraf", "§ 60"],
            ["Diarienr", "KS 2021/123"],
            ["Ansvarig", "Ekonomichef"],
            ["Gäller för", "Kommunstyrelsen, Socialnämnden"],
            ["Nästa översyn", "31/12 2025"],
            ["Version", "1.2"],
        ],
    )
    d.add_heading("Syfte", 1)
    p = d.add_paragraph("Riktlinjen gäller ")
    p.add_run("all").bold = True
    p.add_run(" representation och ")
    p.add_run("extern").italic = True
    p.add_run(" representation. Läs mer på ")
    länk(p, "kommunens webbplats", "https://www.provvik.example/representation")
    p.add_run(". Stjärnor *här* och [hakar] och <b>taggar</b> är text.")
    d.add_heading("Regler", 2)
    d.add_paragraph("Måltid", style="List Bullet")
    d.add_paragraph("Lunch", style="List Bullet 2")
    d.add_paragraph("Middag", style="List Bullet 2")
    d.add_paragraph("Gåvor", style="List Bullet")
    d.add_paragraph("Första steget", style="List Number")
    d.add_paragraph("Andra steget", style="List Number")
    d.add_paragraph("Ett stycke mellan listorna.")
    d.add_paragraph("Tredje steget", style="List Number")
    p = d.add_paragraph("Länk till filserver ")
    länk(p, "G-katalogen", "file:///G:/Ekonomi/regler.docx")
    d.save(ut)


def tabell_fyra_kolumner(ut: Path) -> None:
    """Like Nässjö's: a cover line, a four-column table of label and value cells, then the
    title in large text without the Title style, and a label and value in one cell."""
    d = docx.Document()
    d.add_paragraph("Författningssamling PKFS 2021:4")
    t = tabell(
        d,
        [
            ["Dokumenttyp", "Taxa", "Beslutsinstans", "Kommunfullmäktige"],
            ["Beslutsdatum", "2021-04-29", "§", "60"],
            ["Dokumentansvarig", "Kommundirektören", "Senast reviderad", ""],
            ["", "", "", ""],
        ],
    )
    cell = t.cell(3, 0)
    cell.paragraphs[0].add_run("Gäller för").bold = True
    cell.add_paragraph("Provviks kommunkoncern")
    t.cell(3, 2).text = "Kategori Taxor och avgifter"
    titel = d.add_paragraph()
    run = titel.add_run("Taxa för upplåtelse av offentlig plats")
    run.font.size = Pt(22)
    d.add_paragraph("Avgifter tas ut för upplåtelse av offentlig plats enligt denna taxa.")
    d.add_heading("Avgifter", 1)
    tabell(
        d,
        [
            ["Upplåtelse", "Avgift"],
            ["Torghandel", "150 kr per dag"],
            ["Uteservering", "40 kr per kvm"],
        ],
    )
    d.save(ut)


def stycken(ut: Path) -> None:
    """Metadata written as paragraphs, headings written as bold or large text."""
    d = docx.Document()
    d.add_paragraph("Policy för informationssäkerhet", style="Title")
    d.add_paragraph("Beslutsinstans: Kommunfullmäktige")
    d.add_paragraph("Beslutsdatum: 2020-11-26")
    d.add_paragraph("KF § 144")
    d.add_paragraph("Dnr KS 2020/301")
    d.add_paragraph("Dokumentansvarig: IT-chef")
    d.add_paragraph("Reviderad: 2022-03")
    stor = d.add_paragraph().add_run("Inledning")
    stor.font.size = Pt(16)
    d.add_paragraph("Information är en tillgång som ska skyddas.")
    d.add_paragraph().add_run("Ansvar").bold = True
    d.add_paragraph("Varje chef ansvarar för informationssäkerheten i sin verksamhet.")
    d.add_paragraph("• Manuell punkt ett")
    d.add_paragraph("• Manuell punkt två")
    d.save(ut)


EGNA_EGENSKAPER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
 pid="2" name="Beslutsinstans"><vt:lpwstr>Kommunstyrelsen</vt:lpwstr></property>
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
 pid="3" name="Beslutsdatum"><vt:filetime>2020-06-11T00:00:00Z</vt:filetime></property>
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
 pid="4" name="Paragraf"><vt:lpwstr>45</vt:lpwstr></property>
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
 pid="5" name="Dokumentägare"><vt:lpwstr>Kanslichef</vt:lpwstr></property>
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
 pid="6" name="Dnr"><vt:lpwstr>KS 2020/5</vt:lpwstr></property>
</Properties>"""


def egenskaper(ut: Path) -> None:
    """No metadata in the text: title and type in the core properties, the decision in
    custom properties, as a document management system writes them."""
    d = docx.Document()
    d.core_properties.title = "Plan för krisberedskap"
    d.core_properties.subject = "Plan"
    d.add_heading("Bakgrund", 1)
    d.add_paragraph("Kommunen ska ha en plan för extraordinära händelser.")
    d.save(ut)
    ändra_zip(
        ut,
        {"docProps/custom.xml": EGNA_EGENSKAPER.encode()},
        {
            "[Content_Types].xml": lambda t: t.replace(
                "</Types>",
                '<Override PartName="/docProps/custom.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
            ),
            "_rels/.rels": lambda t: t.replace(
                "</Relationships>",
                '<Relationship Id="rIdEgna" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/custom-properties" '
                'Target="docProps/custom.xml"/></Relationships>',
            ),
        },
    )


def sammanslagna(ut: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Rutin för nyckelhantering", style="Title")
    d.add_paragraph("Beslutad av: Kommundirektören 2023-09-12")
    d.add_paragraph("Ansvarig: Enhetschef hemtjänst")
    d.add_heading("Nycklar", 1)
    t = tabell(
        d,
        [
            ["Område", "Nyckeltyp", "Förvaras"],
            ["Norr", "Kodlås", "Skåp A"],
            ["", "Bricka", "Skåp B"],
            ["Söder (hela området)", "", ""],
        ],
    )
    t.cell(1, 0).merge(t.cell(2, 0))
    t.cell(1, 0).text = "Norr"
    t.cell(3, 0).merge(t.cell(3, 2))
    t.cell(3, 0).text = "Söder (hela området)"
    d.add_paragraph("Nycklar kvitteras ut mot underskrift.")
    d.save(ut)


FOTNOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0">
<w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> Kommunallagen (2017:725) 6 kap.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> Se även </w:t></w:r>
<w:r><w:rPr><w:i/></w:rPr><w:t>arbetsordningen</w:t></w:r>
<w:r><w:t>.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def fotnoter(ut: Path) -> None:
    """Footnotes: python-docx has no API, so the part is written by hand."""
    d = docx.Document()
    d.add_paragraph("PKFS 2019:7 Reglemente för socialnämnden", style="Title")
    d.add_paragraph("Beslutsinstans: KF")
    d.add_paragraph("Beslutsdatum: 12 december 2019")
    d.add_paragraph("Paragraf: 131")
    d.add_paragraph("Dokumentansvarig: Kanslichef")
    d.add_heading("Uppgifter", 1)
    xml(
        d,
        '<w:p><w:r><w:t xml:space="preserve">Nämnden fullgör kommunens uppgifter</w:t></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:t xml:space="preserve"> inom socialtjänsten</w:t></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="2"/></w:r>'
        "<w:r><w:t>.</w:t></w:r></w:p>",
    )
    d.save(ut)
    ändra_zip(
        ut,
        {"word/footnotes.xml": FOTNOTER.encode()},
        {
            "[Content_Types].xml": lambda t: t.replace(
                "</Types>",
                '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
            ),
            "word/_rels/document.xml.rels": lambda t: t.replace(
                "</Relationships>",
                '<Relationship Id="rIdFotnoter" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                "</Relationships>",
            ),
        },
    )


def bilder(ut: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Plan för grönområden", style="Title")
    d.add_paragraph("Beslutsinstans: Kommunstyrelsen")
    d.add_paragraph("Beslutsdatum: 2024-02-20")
    d.add_paragraph("§ 31")
    d.add_paragraph("Dokumentansvarig: Stadsträdgårdsmästare")
    d.add_paragraph("Giltig till: 2027-12-31")
    d.add_heading("Karta", 1)
    d.add_picture(io.BytesIO(png("green")))
    d.inline_shapes[-1]._inline.docPr.set("descr", "Karta över parkerna i centrum")
    d.add_paragraph("Bilden ovan visar parkerna.")
    d.add_picture(io.BytesIO(png("blue")))
    d.inline_shapes[-1]._inline.docPr.set("descr", "")
    d.save(ut)


def revideringar(ut: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Policy för bisysslor", style="Title")
    tabell(
        d,
        [
            ["Beslutsinstans", "Kommunstyrelsen"],
            ["Beslutsdatum", "2018-05-14"],
            ["§", "77"],
            ["Dokumentansvarig", "HR-chef"],
        ],
    )
    d.add_heading("Regler", 1)
    d.add_paragraph("Anställda ska anmäla bisysslor till sin chef.")
    d.add_heading("Revideringar", 1)
    tabell(
        d,
        [
            ["Datum", "§", "Beslutsinstans", "Kommentar"],
            ["2018-05-14", "77", "Kommunstyrelsen", "Antagen"],
            ["2020-06", "", "Kommunstyrelsen", "Förtydligande om uppdrag i föreningar."],
            ["3 mars 2022", "§ 25", "KS", "Ny blankett."],
            ["snart", "", "", "Planerad översyn."],
        ],
    )
    d.save(ut)


def innehåll(ut: Path) -> None:
    """A table of contents as Word makes it (a TOC field), and a typed one."""
    d = docx.Document()
    d.add_paragraph("Reglemente för kommunstyrelsen", style="Title")
    d.add_paragraph("Antagen av kommunfullmäktige 2019-11-28, § 130")
    d.add_paragraph("Dnr: KS 2019/400")
    d.add_paragraph("Dokumentansvarig: Kanslichef")
    d.add_paragraph("Innehåll", style="TOC Heading")
    xml(
        d,
        '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Uppgifter</w:t></w:r>'
        "<w:r><w:tab/></w:r><w:r><w:t>2</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Sammanträden</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>3</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    )
    d.add_heading("Uppgifter", 1)
    d.add_paragraph("Styrelsen leder och samordnar.")
    d.add_heading("Sammanträden", 1)
    d.add_paragraph("Styrelsen sammanträder enligt en plan.")
    d.save(ut)


NUMRERING = f"""<w:root xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
 <w:lvlText w:val="%1 §"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="92"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
 <w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>
<w:num w:numId="92"><w:abstractNumId w:val="92"/></w:num>
</w:root>"""


def numrera(stycke, num_id: int, nivå: int = 0) -> None:
    stycke._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{nivå}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def numrering_och_sidhuvud(ut: Path) -> None:
    """Numbered headings (1., 2.1), paragraphs numbered as "1 §", a lettered list, and the
    metadata in a table in the page header, with the KFS number."""
    d = docx.Document()
    numrering = d.part.numbering_part.element
    nytt = parse_xml(NUMRERING)
    första_num = numrering.find(qn("w:num"))
    for el in list(nytt):
        if el.tag == qn("w:abstractNum"):
            första_num.addprevious(el)
        else:
            numrering.append(el)
    huvud = d.sections[0].header
    huvud.paragraphs[0].text = "Provviks kommun PKFS 2022:1"
    t = huvud.add_table(rows=2, cols=2, width=Pt(400))
    for i, (etikett, värde) in enumerate([("Dnr", "KS 2022/15"), ("Beslutsdatum", "2022-01-31")]):
        t.cell(i, 0).text, t.cell(i, 1).text = etikett, värde
    d.sections[0].footer.paragraphs[0].text = "Sida 1 av 2"
    d.add_paragraph("Lokala ordningsföreskrifter", style="Title")
    d.add_paragraph("Beslutsinstans: Kommunfullmäktige")
    d.add_paragraph("§ 12")
    d.add_paragraph("Dokumentansvarig: Kanslichef")
    d.add_paragraph("Kategori: Allmänna bestämmelser")
    numrera(d.add_heading("Inledande bestämmelser", 1), 90)
    numrera(d.add_paragraph("Föreskrifterna gäller i hela kommunen."), 91)
    numrera(d.add_paragraph("Med offentlig plats avses"), 91)
    numrera(d.add_paragraph("gator och torg,"), 92)
    numrera(d.add_paragraph("parker."), 92)
    numrera(d.add_heading("Ordning", 1), 90)
    numrera(d.add_heading("Buller", 2), 90, 1)
    numrera(d.add_paragraph("Buller som stör omgivningen är förbjudet."), 91)
    d.save(ut)


def utan_huvud(ut: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Om man vill veta mer kan man ringa kontaktcenter.")
    d.add_paragraph("Det här dokumentet har inget huvud alls.")
    d.save(ut)


# --- broken and other files ----------------------------------------------------------------


def skadad(ut: Path, från: Path) -> None:
    data = från.read_bytes()
    ut.write_bytes(data[: len(data) // 2])


def krypterad(ut: Path) -> None:
    """What Word writes for a password-protected .docx: an OLE compound file holding
    EncryptionInfo and EncryptedPackage streams (the contents here are random)."""
    ut.write_bytes(_cfb({"EncryptionInfo": os.urandom(4096), "EncryptedPackage": os.urandom(4096)}))


def _cfb(strömmar: dict[str, bytes]) -> bytes:
    slut, fri, fat_sektor = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    fat = [fat_sektor, slut]
    data, poster = b"", []
    for namn, innehåll in strömmar.items():
        start = len(fat)
        antal = len(innehåll) // 512
        fat += [start + i + 1 for i in range(antal - 1)] + [slut]
        data += innehåll
        poster.append((namn, 2, start, len(innehåll)))
    fat += [fri] * (128 - len(fat))

    def post(namn: str, typ: int, start: int, storlek: int, höger: int, barn: int) -> bytes:
        kodat = (namn + "\0").encode("utf-16-le") if namn else b""
        return (
            kodat.ljust(64, b"\0")
            + struct.pack("<HBB", len(kodat), typ, 1)
            + struct.pack("<III", fri, höger, barn)
            + b"\0" * 36
            + struct.pack("<IQ", start, storlek)
        )

    katalog = post("Root Entry", 5, slut, 0, fri, 1)
    katalog += post(poster[0][0], 2, poster[0][2], poster[0][3], 2, fri)
    katalog += post(poster[1][0], 2, poster[1][2], poster[1][3], fri, fri)
    katalog += post("", 0, 0, 0, fri, fri)
    huvud = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, slut, 0, slut, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", fri) * 108
    )
    return huvud + struct.pack("<128I", *fat) + katalog + data


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="Fet" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <text:list-style style:name="L1">
  <text:list-level-style-bullet text:level="1" text:bullet-char="•">
   <style:list-level-properties
    text:space-before="0.6cm" text:min-label-width="0.6cm"/>
  </text:list-level-style-bullet>
  <text:list-level-style-bullet text:level="2" text:bullet-char="◦">
   <style:list-level-properties
    text:space-before="1.2cm" text:min-label-width="0.6cm"/>
  </text:list-level-style-bullet>
 </text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="Title">Riktlinje för ekonomiskt bistånd</text:p>
<table:table table:name="Dokumentinformation">
 <table:table-column table:number-columns-repeated="2"/>
 <table:table-row><table:table-cell><text:p>Beslutsinstans</text:p></table:table-cell>
  <table:table-cell><text:p>Socialnämnden</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell><text:p>Beslutsdatum</text:p></table:table-cell>
  <table:table-cell><text:p>2022-09-21</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell><text:p>§</text:p></table:table-cell>
  <table:table-cell><text:p>88</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell><text:p>Diarienummer</text:p></table:table-cell>
  <table:table-cell><text:p>SN 2022/61</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell><text:p>Dokumentansvarig</text:p></table:table-cell>
  <table:table-cell><text:p>Socialchef</text:p></table:table-cell></table:table-row>
</table:table>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Bakgrund</text:h>
<text:p>Socialtjänstlagen<text:note text:id="ftn1" text:note-class="footnote"
><text:note-citation>1</text:note-citation><text:note-body
><text:p>Socialtjänstlag (2001:453).</text:p></text:note-body></text:note
> ger rätt till bistånd.</text:p>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Förutsättningar</text:h>
<text:list text:style-name="L1">
 <text:list-item><text:p>Egen försörjning först</text:p>
  <text:list>
  <text:list-item><text:p>Arbete</text:p></text:list-item>
  <text:list-item><text:p>Andra ersättningar</text:p></text:list-item></text:list>
 </text:list-item>
 <text:list-item><text:p>Ansökan ska vara <text:span
 text:style-name="Fet">komplett</text:span></text:p></text:list-item>
</text:list>
<table:table table:name="Normer">
 <table:table-column table:number-columns-repeated="3"/>
 <table:table-row><table:table-cell><text:p>Hushåll</text:p></table:table-cell>
  <table:table-cell><text:p>Norm</text:p></table:table-cell>
  <table:table-cell><text:p>Not</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Ensamstående</text:p></table:table-cell>
  <table:covered-table-cell/>
  <table:table-cell><text:p>Riksnorm</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>Par</text:p></table:table-cell>
  <table:table-cell><text:p>8 000 kr</text:p></table:table-cell>
  <table:table-cell><text:p>Utan barn</text:p></table:table-cell></table:table-row>
 <table:table-row><table:covered-table-cell/>
  <table:table-cell><text:p>11 000 kr</text:p></table:table-cell>
  <table:table-cell><text:p>Med barn</text:p></table:table-cell></table:table-row>
</table:table>
</office:text></office:body></office:document>
"""


def libreoffice(filer: list[Path], ut: Path, format_: str = "docx") -> None:
    """Convert with LibreOffice in a profile of its own (other runs may have one open)."""
    ut.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profil:
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{profil}",
                "--headless",
                "--convert-to",
                format_,
                "--outdir",
                str(ut),
                *map(str, filer),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )


def skapa(mapp: Path) -> dict[str, Path]:
    """Every file of the corpus in ``mapp``; returns name → path."""
    mapp.mkdir(parents=True, exist_ok=True)
    byggare = {
        "tabell-2.docx": tabell_två_kolumner,
        "tabell-4.docx": tabell_fyra_kolumner,
        "stycken.docx": stycken,
        "egenskaper.docx": egenskaper,
        "sammanslagna.docx": sammanslagna,
        "fotnoter.docx": fotnoter,
        "bilder.docx": bilder,
        "revideringar.docx": revideringar,
        "innehall.docx": innehåll,
        "utan-huvud.docx": utan_huvud,
        "numrering.docx": numrering_och_sidhuvud,
    }
    filer = {}
    for namn, bygg in byggare.items():
        bygg(mapp / namn)
        filer[namn] = mapp / namn
    skadad(mapp / "skadad.docx", mapp / "bilder.docx")
    krypterad(mapp / "krypterad.docx")
    (mapp / "anteckningar.docx").write_text("Det här är ingen Word-fil.\n", encoding="utf-8")
    (mapp / "bistand.fodt").write_text(FODT, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        libreoffice([mapp / "bistand.fodt"], mapp)
        libreoffice([mapp / "tabell-4.docx", mapp / "revideringar.docx"], Path(tmp) / "lo")
        shutil.move(Path(tmp) / "lo" / "tabell-4.docx", mapp / "lo-tabell-4.docx")
        shutil.move(Path(tmp) / "lo" / "revideringar.docx", mapp / "lo-revideringar.docx")
        libreoffice([mapp / "stycken.docx"], Path(tmp) / "doc", "doc")
        shutil.move(Path(tmp) / "doc" / "stycken.doc", mapp / "gammal.doc")
    (mapp / "bistand.fodt").unlink()
    for namn in ("skadad.docx", "krypterad.docx", "anteckningar.docx", "bistand.docx"):
        filer[namn] = mapp / namn
    for namn in ("lo-tabell-4.docx", "lo-revideringar.docx", "gammal.doc"):
        filer[namn] = mapp / namn
    return filer
