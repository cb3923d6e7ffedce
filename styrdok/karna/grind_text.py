"""What a reader of a published file can get at, as text, for the publish gate
(:mod:`styrdok.karna.grind`). A file is read by what it is, not by its name alone:

* HTML, XML, SVG and feeds: the text as shown (inline tags such as ``<span>`` and ``<wbr>``
  are nothing, other tags a space); every attribute value
  (``title``, ``alt``, ``aria-label``, ``href``, ``src``, ``content`` ...); comments and
  CDATA; HTML escaped inside XML (a feed's content) read once more;
* JSON: every string and key, the HTML in them read as HTML;
* calendars and vCards: unfolded, escapes undone;
* scripts, style sheets and any other text (a file with a byte order mark, or without NUL:
  UTF-8, else Windows-1252): as written, and with escapes (``\\u0053``, ``\\53``) undone;
* PDF: every page's text (PDFium), the document information (title, subject, keywords,
  author ...), bookmarks, annotations (comments, link addresses), uncompressed XMP
  metadata, and attached files;
* zip (Word, zip of a meeting's documents ...) and gzip: every member, and each Word,
  PowerPoint or OpenDocument paragraph with its runs joined (a word split over ``<w:r>``);
* the search index (Pagefind's gzip files under ``pagefind/``, each ``pagefind_dcd`` and then
  JSON or CBOR): a page's fragment as JSON (its text, title, fields and excerpt), the word
  index and filters as any other binary file;
* anything else (images, fonts): its runs of printable UTF-8, for text in metadata.

A file that cannot be read (a broken zip or PDF, an encrypted one) raises :class:`Oläslig`
with the reason in Swedish; the gate reports it at the file.
"""

from __future__ import annotations

import codecs
import ctypes
import html
import io
import json
import re
import threading
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MAX_STORLEK = 512 * 2**20
"""Bytes a member of a zip or gzip file may unpack to (a zip bomb is unreadable, not read)."""
ZIPFILER = frozenset(
    {".zip", ".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".odp"}
    | {".epub", ".jar"}
)
GZIPFILER = frozenset({".gz", ".tgz", ".svgz"})
MARKUP = frozenset({".html", ".htm", ".xhtml", ".xml", ".svg", ".rss", ".atom", ".rels"})
JSON = frozenset({".json", ".map", ".webmanifest", ".geojson"})
PAGEFIND = "pagefind_dcd"
"""What every unpacked file of Pagefind's search index starts with."""


class Oläslig(Exception):
    """The file cannot be read for the review; the message says why, in Swedish."""


def läs(namn: str, data: bytes, i_zip: bool = False) -> tuple[str, list[tuple[str, bytes]]]:
    """The text a reader of the file ``namn`` (a member of a zip file: ``i_zip``) gets, and
    the files inside it (members of a zip or gzip file, a PDF's attachments), each to be
    read in turn."""
    ändelse = Path(namn).suffix.lower()
    if ändelse in ZIPFILER or data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "", _zipdelar(data)
    if ändelse in GZIPFILER or data[:2] == b"\x1f\x8b":
        inre = {".svgz": ".svg", ".tgz": ".tar"}.get(ändelse, "")
        return "", [(namn.removesuffix(ändelse) + inre if ändelse else namn, _gunzip(data))]
    if ändelse == ".pdf" or data[:1024].lstrip().startswith(b"%PDF-"):
        return _pdf(data)
    return text(namn, data, i_zip), []


def text(namn: str, data: bytes, i_zip: bool = False) -> str:
    """The text of a file that is no container, as the parts a reader gets, one per line."""
    ändelse = Path(namn).suffix.lower()
    rå = _avkoda(data)
    if rå is not None and rå.startswith(PAGEFIND):
        rå = rå[len(PAGEFIND) :]
    if rå is None:  # an image, a font: the text in its metadata
        return b"\n".join(_LÖPTEXT.findall(data)).decode("utf-8", "replace")
    if ändelse in JSON or (ändelse not in MARKUP and rå.lstrip()[:1] in ("{", "[")):
        try:
            strängar = "\n".join(_strängar(json.loads(rå)))
        except (ValueError, RecursionError):
            pass
        else:
            return "\n".join(markup(strängar)) if "<" in strängar else strängar
    if ändelse in MARKUP or rå.lstrip()[:1] == "<":
        if not i_zip:
            return "\n".join(markup(rå))
        delar = markup(rå, html_=False)  # Office XML
        if "<w:" in rå or "<a:p" in rå or "<text:" in rå:
            delar.append(_TAGG.sub("", _STYCKESSLUT.sub("\n", rå)))
        return "\n".join(delar)
    delar = [rå]
    if rå[:6] == "BEGIN:":
        delar.append(_vcal(rå))
    elif "\\" in rå:
        delar.append(_ESCAPE.sub(_escape, rå))
    return "\n".join(delar)


_BOM = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LÖPTEXT = re.compile(rb"[\t\n\r\x20-\x7e\x80-\xbf\xc2-\xc5]{8,}")
"""Runs of printable UTF-8 (Latin letters) in a binary file: EXIF, XMP and PNG text are
plain text in it."""


def _avkoda(data: bytes) -> str | None:
    """The file as text: by its byte order mark; without NUL as UTF-8, else Windows-1252;
    None for a binary file."""
    for bom, kodning in _BOM:
        if data.startswith(bom):
            return data.decode(kodning, "replace")
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")  # text in an older encoding


# --- markup ---------------------------------------------------------------------------

_TAGG = re.compile(r"<[^>]*>")
_INLINE_NAMN = (
    r"</?(?:a|abbr|b|bdi|bdo|big|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|nobr|q|s|samp"
    r"|small|span|strike|strong|sub|sup|time|tt|u|var|wbr|tspan|textPath)(?:[\s/][^>]*)?>"
)
_INLINE = re.compile(_INLINE_NAMN)
_INLINE_VERSALER = re.compile(_INLINE_NAMN, re.IGNORECASE)
"""Tags that are nothing in the text as shown: ``SN 20<span></span>26`` reads ``SN 2026``
(the second for tag names with capitals, which are rare and slower to find)."""
_VERSAL_TAGG = re.compile(r"</?[a-z]*[A-Z]")
_KOMMENTAR = re.compile(r"<!--(.*?)(?:-->|\Z)", re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|\Z)", re.DOTALL)
_ATTRIBUT = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")
"""Every quoted attribute value (``title``, ``alt``, ``aria-label``, ``href`` ...)."""
_STYCKESSLUT = re.compile(
    r"</(?:w|a|text):(?:p|h|tc)>|<(?:w|a|text):(?:br|tab|cr|ptab|s|line-break)\b[^>]*>"
)
"""Where a Word, PowerPoint or OpenDocument paragraph, cell or line ends: between them
every tag is nothing, so the runs of a paragraph are one text."""


def markup(rå: str, djup: int = 0, html_: bool = True) -> list[str]:
    """HTML, XML or SVG as the parts a reader gets: the text as shown (inline HTML tags
    nothing, other tags a space), the attribute values, the comments; escaped HTML in the
    text (a feed's content) read once more. ``html_=False``: no tag is inline."""
    delar = []
    if "<!" in rå:
        delar += _KOMMENTAR.findall(rå)
        rå = _CDATA.sub(r"\1", _KOMMENTAR.sub(" ", rå))
    delar += [a or b for a, b in _ATTRIBUT.findall(rå)]
    if html_:
        rå = (_INLINE_VERSALER if _VERSAL_TAGG.search(rå) else _INLINE).sub("", rå)
    visat = _TAGG.sub(" ", rå)
    delar.append(visat)
    if djup == 0 and "&lt;" in visat:
        delar += markup(html.unescape(visat), djup + 1)
    return delar


def _strängar(värde) -> Iterable[str]:
    if isinstance(värde, dict):
        for nyckel, v in värde.items():
            yield nyckel
            yield from _strängar(v)
    elif isinstance(värde, list):
        for v in värde:
            yield from _strängar(v)
    elif isinstance(värde, str):
        yield värde


# --- escapes in scripts, style sheets and calendars -------------------------------------

_ESCAPE = re.compile(
    r"\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\([0-9a-fA-F]{1,6}) ?"
)


def _escape(m: re.Match) -> str:
    kod = int(next(g for g in m.groups() if g is not None), 16)
    return chr(kod) if kod <= 0x10FFFF and not 0xD800 <= kod <= 0xDFFF else " "


def _vcal(rå: str) -> str:
    """An iCalendar or vCard text unfolded, its escapes undone (RFC 5545, 6350)."""
    utvikt = re.sub(r"\r?\n[ \t]", "", rå)
    return re.sub(r"\\([\\;,:])", r"\1", re.sub(r"\\[nN]", " ", utvikt))


# --- containers ---------------------------------------------------------------------------


def _zipdelar(data: bytes) -> list[tuple[str, bytes]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            delar = []
            for info in z.infolist():
                if info.is_dir():
                    continue
                if info.flag_bits & 0x1:
                    raise Oläslig("zip-filen är krypterad")
                if info.file_size > MAX_STORLEK:
                    raise Oläslig(f"{info.filename} i zip-filen är för stor uppackad")
                delar.append((info.filename, z.read(info)))
            return delar
    except Oläslig:
        raise
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError) as fel:
        raise Oläslig("filen är ingen hel zip-fil") from fel
    except (OSError, ValueError, KeyError) as fel:
        raise Oläslig("filen är ingen hel zip-fil") from fel


def _gunzip(data: bytes) -> bytes:
    """Every member of a gzip file, at most :data:`MAX_STORLEK` bytes unpacked."""
    ut = []
    storlek = 0
    try:
        while data:
            packare = zlib.decompressobj(31)
            del_ = packare.decompress(data, MAX_STORLEK - storlek + 1)
            storlek += len(del_)
            ut.append(del_)
            if storlek > MAX_STORLEK:
                raise Oläslig("gzip-filen är för stor uppackad")
            if not packare.eof:
                raise Oläslig("filen är ingen hel gzip-fil")
            data = packare.unused_data.lstrip(b"\x00")
    except zlib.error as fel:
        raise Oläslig("filen är ingen hel gzip-fil") from fel
    return b"".join(ut)


# --- PDF ----------------------------------------------------------------------------------

_PDFIUM = threading.Lock()
"""PDFium is not thread-safe: one document at a time."""
_XMP = re.compile(rb"<x:xmpmeta.*?</x:xmpmeta>|<rdf:RDF.*?</rdf:RDF>", re.DOTALL)


def _pdf(data: bytes) -> tuple[str, list[tuple[str, bytes]]]:
    """Every page's text, as a reader copying it gets it (PDFium, in-process), the document
    information, bookmarks and annotations, uncompressed XMP metadata, and the attached
    files."""
    with _PDFIUM:
        try:
            dokument = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as fel:
            raise Oläslig("filen är ingen läsbar PDF-fil (trasig eller krypterad)") from fel
        try:
            delar = [str(v) for v in dokument.get_metadata_dict(skip_empty=True).values()]
            delar += [bokmärke.get_title() for bokmärke in dokument.get_toc()]
            for sida in dokument:
                textsida = sida.get_textpage()
                delar.append(textsida.get_text_range())
                textsida.close()
                delar += _anteckningar(dokument, sida)
                sida.close()
            bilagor = [
                b for i in range(dokument.count_attachments()) if (b := _bilaga(dokument, i))
            ]
        except pdfium.PdfiumError as fel:
            raise Oläslig("filen är ingen läsbar PDF-fil (trasig eller krypterad)") from fel
        finally:
            dokument.close()
    for m in _XMP.finditer(data) if b"<x:xmpmeta" in data or b"<rdf:RDF" in data else ():
        delar += markup(m.group().decode("utf-8", "replace"))
    return "\n".join(delar), bilagor


def _bilaga(dokument: pdfium.PdfDocument, i: int) -> tuple[str, bytes] | None:
    """An attached file (name, bytes), or None when it holds nothing."""
    bilaga = dokument.get_attachment(i)
    try:
        namn = bilaga.get_name()
    except pdfium.PdfiumError:
        namn = ""
    try:
        return namn or f"bilaga-{i + 1}", bytes(bilaga.get_data())
    except pdfium.PdfiumError:
        return None


def _anteckningar(dokument: pdfium.PdfDocument, sida: pdfium.PdfPage) -> list[str]:
    """A page's annotations as a reader gets them: their text (a comment, a link's
    description) and the addresses links lead to."""
    delar = []
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(sida)):
        anteckning = pdfium_c.FPDFPage_GetAnnot(sida, i)
        if not anteckning:
            continue
        try:
            for nyckel in (b"Contents", b"T", b"TU"):
                storlek = pdfium_c.FPDFAnnot_GetStringValue(anteckning, nyckel, None, 0)
                if storlek > 2:
                    buffert = (pdfium_c.FPDF_WCHAR * (storlek // 2))()
                    pdfium_c.FPDFAnnot_GetStringValue(anteckning, nyckel, buffert, storlek)
                    delar.append(bytes(buffert)[: storlek - 2].decode("utf-16-le", "replace"))
            länk = pdfium_c.FPDFAnnot_GetLink(anteckning)
            handling = pdfium_c.FPDFLink_GetAction(länk) if länk else None
            if handling and pdfium_c.FPDFAction_GetType(handling) == pdfium_c.PDFACTION_URI:
                storlek = pdfium_c.FPDFAction_GetURIPath(dokument, handling, None, 0)
                buffert = ctypes.create_string_buffer(max(storlek, 1))
                pdfium_c.FPDFAction_GetURIPath(dokument, handling, buffert, storlek)
                delar.append(buffert.value.decode("utf-8", "replace"))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(anteckning)
    return delar
