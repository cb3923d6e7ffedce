"""Opening a Word file safely: what kind of file it is, its parts, styles, numbering and
properties. Anything that is not a readable .docx raises :class:`Oläsbar` with one Swedish
sentence for the report; nothing here ever runs, fetches or trusts what the file names.

The XML parser resolves no entities and loads no DTD or network resource; every part is
size-checked before it is unpacked (a zip bomb stops at the limit)."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
STRIKT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
HUVUDDOKUMENT = R + "/officeDocument"


def w(namn: str) -> str:
    return f"{{{W}}}{namn}"


MAX_XML = 64 * 1024 * 1024
"""The largest XML part unpacked (a 1 000-page document is a few MB)."""
MAX_BILD = 40 * 1024 * 1024
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


class Oläsbar(Exception):
    """The file cannot be imported; ``str()`` is the report's Swedish line."""


def sant(element) -> bool:
    """A WordprocessingML on/off property: ``<w:b/>`` is on, ``w:val="0"``/false/off is off."""
    if element is None:
        return False
    return element.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


def _halvpunkter(element) -> float | None:
    if element is None:
        return None
    try:
        return int(element.get(w("val"), "")) / 2
    except ValueError:
        return None


@dataclass
class Stil:
    """A paragraph or character style with what its basedOn chain gives it."""

    namn: str = ""
    fet: bool | None = None
    kursiv: bool | None = None
    storlek: float | None = None
    numrering: tuple[int, int] | None = None
    nivå: int | None = None
    """Outline level from the style (0 = Heading 1), or None for body text."""
    indrag: int | None = None
    """Left indentation in twips."""


@dataclass
class Lista:
    numrerad: bool
    start: int
    bokstäver: bool = False
    """Lettered or Roman numbering, which Markdown has no list for: written out as text."""
    indrag: int | None = None
    """The level's left indentation in twips: how deep the item looks."""
    mall: str = ""
    """What Word shows as the number, ``%1.`` or ``%1 §`` or ``%1.%2``."""
    format: str = "decimal"


@dataclass
class Paket:
    """A .docx opened for reading: its main part and what the main part refers to."""

    fil: Path
    zip: zipfile.ZipFile
    huvuddel: str
    relationer: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """r:id → (target part name or URL, external)."""
    stilar: dict[str, Stil] = field(default_factory=dict)
    stilelement: dict = field(default_factory=dict)
    _xml: dict = field(default_factory=dict)
    standardstil: str = ""
    standardstorlek: float = 11.0
    listor: dict[tuple[int, int], Lista] = field(default_factory=dict)

    # --- parts ------------------------------------------------------------------

    def läs(self, namn: str, gräns: int = MAX_XML) -> bytes | None:
        try:
            info = self.zip.getinfo(namn)
        except KeyError:
            return None
        if info.file_size > gräns:
            raise Oläsbar(f"delen {namn} är större än {gräns // 2**20} MB; filen importeras inte")
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
            raise Oläsbar(f"filen är skadad ({namn} kan inte packas upp)") from None
        except NotImplementedError:
            raise Oläsbar("filen är packad på ett sätt som inte stöds") from None

    def xml(self, namn: str):
        """A part parsed, once per package."""
        if namn in self._xml:
            return self._xml[namn]
        self._xml[namn] = rot = self._tolka(namn)
        return rot

    def _tolka(self, namn: str):
        data = self.läs(namn)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as fel:
            raise Oläsbar(
                f"filen är skadad ({namn} är inte giltig XML, rad {fel.lineno})"
            ) from None

    def relationer_för(self, del_: str) -> dict[str, tuple[str, bool]]:
        mapp, namn = posixpath.split(del_)
        rot = self.xml(posixpath.join(mapp, "_rels", namn + ".rels"))
        ut: dict[str, tuple[str, bool]] = {}
        if rot is None:
            return ut
        for rel in rot.iter(f"{{{PR}}}Relationship"):
            mål, extern = rel.get("Target", ""), rel.get("TargetMode") == "External"
            if not extern:
                mål = posixpath.normpath(posixpath.join(mapp, mål)).lstrip("/")
                if mål.startswith("../") or mål == "..":
                    continue
            ut[rel.get("Id", "")] = (mål, extern)
        return ut

    def delar_av_typ(self, typ: str) -> list[str]:
        """The main part's related parts of one relationship type (``header``, ``footnotes``)."""
        mapp, namn = posixpath.split(self.huvuddel)
        rot = self.xml(posixpath.join(mapp, "_rels", namn + ".rels"))
        if rot is None:
            return []
        return [
            posixpath.normpath(posixpath.join(mapp, rel.get("Target", ""))).lstrip("/")
            for rel in rot.iter(f"{{{PR}}}Relationship")
            if rel.get("Type", "").rsplit("/", 1)[-1] == typ and rel.get("TargetMode") != "External"
        ]

    def del_av_typ(self, typ: str) -> str | None:
        delar = self.delar_av_typ(typ)
        return delar[0] if delar else None

    # --- styles and numbering --------------------------------------------------------

    def stil(self, stil_id: str | None) -> Stil:
        """A paragraph style (the default one when ``stil_id`` is None) or character style."""
        return _upplös(self, stil_id or self.standardstil)

    def lista(self, num_id: int, nivå: int) -> Lista | None:
        return self.listor.get((num_id, nivå))


def öppna(fil: Path) -> Paket:
    """Open ``fil`` as a .docx or raise :class:`Oläsbar` saying what it is instead."""
    try:
        with open(fil, "rb") as f:
            början = f.read(8)
    except OSError as fel:
        raise Oläsbar(f"filen kan inte läsas ({fel.strerror or fel})") from None
    if början.startswith(OLE):
        raise Oläsbar(_ole_slag(fil))
    if början.startswith(b"{\\rtf"):
        raise Oläsbar("filen är en RTF-fil; öppna den i Word och spara som .docx")
    if början.startswith(b"%PDF"):
        raise Oläsbar("filen är en PDF, inte en Word-fil; styrdok importerar bara .docx")
    if not början.startswith(b"PK"):
        raise Oläsbar(f"filen är ingen Word-fil{_ändelse(fil)}")
    try:
        arkiv = zipfile.ZipFile(fil)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise Oläsbar(
            "filen är skadad och kan inte öppnas (zip-arkivet i .docx-filen är trasigt eller "
            "ofullständigt); öppna den i Word och spara en ny kopia"
        ) from None
    namn = set(arkiv.namelist())
    if "mimetype" in namn and "content.xml" in namn:
        raise Oläsbar(
            "filen är ett OpenDocument-dokument (.odt); spara den som .docx och importera igen"
        )
    paket = Paket(fil, arkiv, "")
    rot = paket.xml("_rels/.rels")
    huvud = None
    if rot is not None:
        for rel in rot.iter(f"{{{PR}}}Relationship"):
            if rel.get("Type") == HUVUDDOKUMENT or rel.get("Type", "").endswith("/officeDocument"):
                huvud = rel.get("Target", "").lstrip("/")
    if huvud is None or huvud not in namn:
        if "word/document.xml" in namn:
            huvud = "word/document.xml"
        elif any(n.startswith(("xl/", "ppt/")) for n in namn):
            raise Oläsbar("filen är en Excel- eller PowerPoint-fil, inte en Word-fil")
        else:
            raise Oläsbar(
                "filen är skadad: den saknar Word-dokumentets huvuddel (word/document.xml)"
            )
    paket.huvuddel = huvud
    dokument = paket.läs(huvud)
    if dokument is not None and STRIKT.encode() in dokument[:4000]:
        raise Oläsbar("filen är sparad som »Strict Open XML«; spara den som vanlig .docx i Word")
    paket.relationer = paket.relationer_för(huvud)
    _läs_stilar(paket)
    _läs_numrering(paket)
    return paket


def _ändelse(fil: Path) -> str:
    ändelse = fil.suffix.lower()
    if ändelse == ".doc":
        return " (den heter .doc men har inte Words format)"
    if ändelse in (".docx", ".docm", ".dotx"):
        return f" (den heter {ändelse} men innehåller något annat)"
    return (
        f" ({ändelse}); styrdok importerar bara .docx"
        if ändelse
        else "; styrdok importerar bara .docx"
    )


def _ole_slag(fil: Path) -> str:
    """An OLE compound file: a password-protected .docx, an old .doc, or something else."""
    try:
        with open(fil, "rb") as f:
            data = f.read(32 * 1024 * 1024)
    except OSError as fel:
        return f"filen kan inte läsas ({fel.strerror or fel})"
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (
            "filen är lösenordsskyddad (krypterad); ta bort lösenordet i Word "
            "(Arkiv › Information › Skydda dokument) och importera igen"
        )
    if "WordDocument".encode("utf-16-le") in data:
        return (
            "filen är i Words gamla format (.doc, Word 97–2003); spara den som .docx i Word, "
            "eller kör soffice --headless --convert-to docx FIL.doc, och importera igen"
        )
    return "filen är ett äldre Office-dokument (inte Word); styrdok importerar bara .docx"


# --- styles --------------------------------------------------------------------------


def _läs_stilar(paket: Paket) -> None:
    """Index the styles; each is resolved (with its basedOn chain) when first used."""
    namn = paket.del_av_typ("styles")
    rot = paket.xml(namn) if namn else None
    if rot is None:
        return
    standard = rot.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
    paket.standardstorlek = _halvpunkter(standard) or 10.0
    for s in rot.iterchildren(w("style")):
        stil_id = s.get(w("styleId"), "")
        paket.stilelement[stil_id] = s
        if s.get(w("type")) == "paragraph" and sant_attribut(s.get(w("default"))):
            paket.standardstil = stil_id


def _upplös(paket: Paket, stil_id: str, djup: int = 0) -> Stil:
    if (stil := paket.stilar.get(stil_id)) is not None:
        return stil
    s = paket.stilelement.get(stil_id)
    if s is None:
        return Stil()
    namnel, bas = s.find(w("name")), s.find(w("basedOn"))
    ppr, rpr = s.find(w("pPr")), s.find(w("rPr"))
    stil = Stil(namn=(namnel.get(w("val"), "") if namnel is not None else stil_id).lower())
    if rpr is not None:
        if (b := rpr.find(w("b"))) is not None:
            stil.fet = sant(b)
        if (i := rpr.find(w("i"))) is not None:
            stil.kursiv = sant(i)
        stil.storlek = _halvpunkter(rpr.find(w("sz")))
    if ppr is not None:
        if (nivå := ppr.find(w("outlineLvl"))) is not None:
            stil.nivå = _heltal(nivå.get(w("val")))
        if (numpr := ppr.find(w("numPr"))) is not None:
            stil.numrering = numrering_ur(numpr)
        stil.indrag = indrag_ur(ppr)
    paket.stilar[stil_id] = stil  # before the chain: a loop in basedOn ends here
    bas_id = bas.get(w("val")) if bas is not None else None
    if bas_id and bas_id != stil_id and djup < 20:
        ärvd = _upplös(paket, bas_id, djup + 1)
        for fält in ("fet", "kursiv", "storlek", "numrering", "nivå", "indrag"):
            if getattr(stil, fält) is None:
                setattr(stil, fält, getattr(ärvd, fält))
    return stil


def sant_attribut(värde: str | None) -> bool:
    return (värde or "").lower() in ("1", "true", "on")


def _heltal(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None


def numrering_ur(numpr) -> tuple[int, int] | None:
    """(numId, ilvl) of a ``w:numPr``; numId 0 means "no numbering" and is kept as such."""
    num = numpr.find(w("numId"))
    num_id = _heltal(num.get(w("val"))) if num is not None else None
    if num_id is None:
        return None
    ilvl = numpr.find(w("ilvl"))
    return num_id, ((_heltal(ilvl.get(w("val"))) or 0) if ilvl is not None else 0)


def indrag_ur(ppr) -> int | None:
    """The left indentation of a ``w:pPr`` (``w:ind w:left`` or ``w:start``), in twips."""
    ind = ppr.find(w("ind")) if ppr is not None else None
    if ind is None:
        return None
    return _heltal(ind.get(w("left")) or ind.get(w("start")))


_BOKSTÄVER = re.compile(r"letter|roman", re.IGNORECASE)


def _läs_numrering(paket: Paket) -> None:
    namn = paket.del_av_typ("numbering")
    rot = paket.xml(namn) if namn else None
    if rot is None:
        return
    abstrakta: dict[str, dict[int, tuple[str, int, int | None, str]]] = {}
    for a in rot.iter(w("abstractNum")):
        nivåer = {}
        for lvl in a.iter(w("lvl")):
            fmt, start, text = lvl.find(w("numFmt")), lvl.find(w("start")), lvl.find(w("lvlText"))
            nivåer[_heltal(lvl.get(w("ilvl"))) or 0] = (
                fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                _heltal(start.get(w("val"))) if start is not None else 1,
                indrag_ur(lvl.find(w("pPr"))),
                text.get(w("val"), "") if text is not None else "",
            )
        abstrakta[a.get(w("abstractNumId"), "")] = nivåer
    for num in rot.iter(w("num")):
        num_id = _heltal(num.get(w("numId")))
        abstrakt = num.find(w("abstractNumId"))
        if num_id is None or abstrakt is None:
            continue
        nivåer = dict(abstrakta.get(abstrakt.get(w("val"), ""), {}))
        for över in num.iter(w("lvlOverride")):
            ilvl = _heltal(över.get(w("ilvl"))) or 0
            fmt, start, indrag, mall = nivåer.get(ilvl, ("decimal", 1, None, ""))
            if (s := över.find(w("startOverride"))) is not None:
                start = _heltal(s.get(w("val"))) or 1
            if (lvl := över.find(w("lvl"))) is not None and (
                f := lvl.find(w("numFmt"))
            ) is not None:
                fmt = f.get(w("val"), fmt)
            nivåer[ilvl] = (fmt, start, indrag, mall)
        for ilvl, (fmt, start, indrag, mall) in nivåer.items():
            if fmt != "none":
                paket.listor[(num_id, ilvl)] = Lista(
                    fmt != "bullet",
                    start if start is not None else 1,
                    bool(_BOKSTÄVER.search(fmt)),
                    indrag,
                    mall,
                    fmt,
                )
