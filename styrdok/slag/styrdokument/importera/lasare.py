"""A Word part (the body, a footnote, a header) read into blocks (``block``). Fields,
hyperlinks, content controls, tracked changes, text boxes, drawings and footnote
references are resolved here.

Built directly on lxml: python-docx's objects cost more than the whole conversion."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from styrdok.slag.styrdokument.importera.block import (
    Block,
    Borttaget,
    Cell,
    Segment,
    Stycke,
    Tabell,
)
from styrdok.slag.styrdokument.importera.paket import (
    Paket,
    R,
    Stil,
    indrag_ur,
    numrering_ur,
    sant,
    w,
)
from styrdok.slag.styrdokument.importera.ritningar import Ritningar

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_RUBRIK = re.compile(r"^(?:heading|rubrik)\s*(\d)$")
_HYPERLÄNK = re.compile(r'^\s*HYPERLINK\s+"([^"]*)"(.*)$', re.IGNORECASE | re.DOTALL)


@dataclass
class Läsare(Ritningar):
    """Reads one part; ``noteringar`` counts what the report should mention."""

    paket: Paket
    relationer: dict[str, tuple[str, bool]]
    noteringar: Counter = field(default_factory=Counter)
    _fält: list[list] = field(default_factory=list)
    _pstil: Stil = field(default_factory=Stil)
    _extra: list = field(default_factory=list)
    _såg_toc: bool = False

    # --- blocks --------------------------------------------------------------------

    def block(self, behållare) -> list[Block]:
        ut: list[Block] = []
        for el in behållare:
            tagg = el.tag
            if tagg == w("p"):
                ut.extend(self.stycke(el))
            elif tagg == w("tbl"):
                ut.append(self.tabell(el))
            elif tagg == w("sdt"):
                if _är_innehållsförteckning(el):
                    ut.append(Borttaget("innehållsförteckningen", _all_text(el)))
                elif (innehåll := el.find(w("sdtContent"))) is not None:
                    ut.extend(self.block(innehåll))
            elif tagg in (w("customXml"), w("ins"), w("moveTo")):
                ut.extend(self.block(el))
            elif tagg == w("altChunk"):
                self.noteringar["ett inbäddat dokument (altChunk) kunde inte läsas"] += 1
        return ut

    def stycke(self, p) -> list[Block]:
        ppr = p.find(w("pPr"))
        stil_id = None
        direkt_nivå = direkt_numrering = direkt_indrag = None
        linje = False
        if ppr is not None:
            if (ps := ppr.find(w("pStyle"))) is not None:
                stil_id = ps.get(w("val"))
            if (o := ppr.find(w("outlineLvl"))) is not None and (o.get(w("val")) or "").isdigit():
                direkt_nivå = int(o.get(w("val")))
            if (numpr := ppr.find(w("numPr"))) is not None:
                direkt_numrering = numrering_ur(numpr) or (0, 0)
            linje = ppr.find(f"{w('pBdr')}/{w('bottom')}") is not None
            direkt_indrag = indrag_ur(ppr)
        stil = self.paket.stil(stil_id)
        self._pstil, self._extra = stil, []
        self._såg_toc = any(f[2] for f in self._fält)
        segment: list[Segment] = []
        self.inline(p, segment, None)
        numrering = direkt_numrering or stil.numrering
        if numrering is not None and (numrering[0] == 0 or self.paket.lista(*numrering) is None):
            numrering = None
        nivå = direkt_nivå if direkt_nivå is not None else stil.nivå
        rubrik = None
        if träff := _RUBRIK.match(stil.namn):
            rubrik = int(träff[1]) or 1
        elif nivå is not None and 0 <= nivå <= 8:
            rubrik = nivå + 1
        toc = self._såg_toc or stil.namn.startswith(("toc ", "innehållsförteckning"))
        block = Stycke(
            segment,
            stil.namn,
            rubrik if stil.namn != "title" else None,
            stil.namn == "title",
            numrering,
            toc,
            linje and not "".join(s.text for s in segment).strip(),
        )
        if direkt_indrag is not None:
            block.indrag = direkt_indrag
        elif (
            numrering is not None
            and (lista := self.paket.lista(*numrering))
            and lista.indrag is not None
        ):
            block.indrag = lista.indrag
        else:
            block.indrag = stil.indrag
        return [block, *self._extra]

    def tabell(self, tbl) -> Tabell:
        rader: list[list[Cell]] = []
        for tr in _barn(tbl, "tr"):
            rad: list[Cell] = []
            trpr = tr.find(w("trPr"))
            if trpr is not None and (före := trpr.find(w("gridBefore"))) is not None:
                rad.extend(Cell([]) for _ in range(_tal(före.get(w("val")), 0)))
            for tc in _barn(tr, "tc"):
                tcpr = tc.find(w("tcPr"))
                spann, vmerge = 1, None
                if tcpr is not None:
                    if (gs := tcpr.find(w("gridSpan"))) is not None:
                        spann = max(1, min(_tal(gs.get(w("val")), 1), 64))
                    if (vm := tcpr.find(w("vMerge"))) is not None:
                        vmerge = "restart" if vm.get(w("val")) == "restart" else "continue"
                rad.append(Cell(self.block(tc), spann, vmerge))
            rader.append(rad)
        beskrivning = ""
        if (tblpr := tbl.find(w("tblPr"))) is not None:
            delar = [tblpr.find(w("tblCaption")), tblpr.find(w("tblDescription"))]
            beskrivning = " ".join(d.get(w("val"), "") for d in delar if d is not None).strip()
        return Tabell(rader, beskrivning)

    # --- inline ----------------------------------------------------------------------

    def inline(self, el, ut: list[Segment], länk: str | None) -> None:
        for barn in el:
            tagg = barn.tag
            if tagg == w("r"):
                self.run(barn, ut, länk)
            elif tagg == w("hyperlink"):
                mål, extern = self.relationer.get(barn.get(f"{{{R}}}id", ""), ("", False))
                self.inline(barn, ut, mål if extern else länk)
            elif tagg == w("fldSimple"):
                instr = barn.get(w("instr"), "")
                if instr.strip().upper().startswith("TOC"):
                    self._såg_toc = True
                träff = _HYPERLÄNK.match(instr)
                self.inline(barn, ut, träff[1] if träff and träff[1] else länk)
            elif tagg in (w("ins"), w("moveTo")):
                self.noteringar["spårade ändringar: infogad text togs med"] += 1
                self.inline(barn, ut, länk)
            elif tagg in (w("del"), w("moveFrom")):
                self.noteringar["spårade ändringar: borttagen text togs inte med"] += 1
            elif tagg in (
                w("smartTag"),
                w("customXml"),
                w("sdt"),
                w("sdtContent"),
                w("dir"),
                w("bdo"),
            ):
                self.inline(barn, ut, länk)
            elif tagg in (f"{{{M}}}oMath", f"{{{M}}}oMathPara"):
                self.noteringar["formler fördes över som vanlig text"] += 1
                _lägg_till(ut, Segment("".join(t.text or "" for t in barn.iter(f"{{{M}}}t"))))
            elif tagg == f"{{{MC}}}AlternateContent":
                if (val := barn.find(f"{{{MC}}}Choice")) is not None:
                    self.inline(val, ut, länk)

    def _länk(self, länk: str | None) -> str | None:
        for f in reversed(self._fält):
            if f[3]:
                return f[3]
        return länk

    def run(self, r, ut: list[Segment], länk: str | None) -> None:
        rpr = r.find(w("rPr"))
        mall = self._format(rpr)
        if mall is None:  # hidden text
            return
        self._runbarn(r, ut, länk, mall)

    def _runbarn(self, r, ut: list[Segment], länk: str | None, mall: Segment) -> None:
        for barn in r:
            tagg = barn.tag
            if tagg == w("fldChar"):
                self._fältmarkering(barn.get(w("fldCharType")))
            elif tagg == w("instrText"):
                if self._fält:
                    self._fält[-1][0] += barn.text or ""
            elif any(f[1] == "instr" for f in self._fält):
                continue
            elif tagg == w("t"):
                _lägg_till(ut, replace(mall, text=barn.text or "", länk=self._länk(länk)))
            elif tagg in (w("tab"), w("ptab")):
                _lägg_till(ut, replace(mall, text="\t", länk=self._länk(länk)))
            elif tagg in (w("br"), w("cr")):
                if barn.get(w("type")) not in ("page", "column"):
                    ut.append(Segment(brytning=True))
            elif tagg == w("noBreakHyphen"):
                _lägg_till(ut, replace(mall, text="-", länk=self._länk(länk)))
            elif tagg == w("sym"):
                tecken = _symbol(barn.get(w("char"), ""))
                if tecken:
                    _lägg_till(ut, replace(mall, text=tecken, länk=self._länk(länk)))
            elif tagg == w("drawing"):
                self._ritning(barn, ut)
            elif tagg in (w("pict"), w("object")):
                self._vml(barn, ut, tagg == w("object"))
            elif tagg in (w("footnoteReference"), w("endnoteReference")):
                slag = "f" if tagg == w("footnoteReference") else "e"
                ut.append(Segment(fotnot=f"{slag}:{barn.get(w('id'), '')}"))
            elif tagg == f"{{{MC}}}AlternateContent":
                if (val := barn.find(f"{{{MC}}}Choice")) is not None:
                    self._runbarn(val, ut, länk, mall)

    def _fältmarkering(self, typ: str | None) -> None:
        if typ == "begin":
            self._fält.append(["", "instr", False, None])
        elif typ == "separate" and self._fält:
            f = self._fält[-1]
            f[1] = "res"
            instr = f[0].strip()
            if instr.upper().startswith("TOC"):
                f[2] = self._såg_toc = True
            elif träff := _HYPERLÄNK.match(instr):
                f[3] = träff[1] or None
        elif typ == "end" and self._fält:
            self._fält.pop()

    def _format(self, rpr) -> Segment | None:
        tecken = Stil()
        if rpr is not None and (rs := rpr.find(w("rStyle"))) is not None:
            tecken = self.paket.stil(rs.get(w("val"), "") or "-")

        def egenskap(namn: str, stilvärde: bool | None) -> bool | None:
            el = rpr.find(w(namn)) if rpr is not None else None
            return sant(el) if el is not None else stilvärde

        if egenskap("vanish", None):
            self.noteringar["dold text togs inte med"] += 1
            return None
        fet = egenskap("b", tecken.fet)
        kursiv = egenskap("i", tecken.kursiv)
        storlek = tecken.storlek or self._pstil.storlek or self.paket.standardstorlek
        upp = ned = False
        if rpr is not None:
            if (sz := rpr.find(w("sz"))) is not None and (sz.get(w("val")) or "").isdigit():
                storlek = int(sz.get(w("val"))) / 2
            if (va := rpr.find(w("vertAlign"))) is not None:
                upp, ned = va.get(w("val")) == "superscript", va.get(w("val")) == "subscript"
        return Segment(
            fet=bool(fet),
            kursiv=bool(kursiv),
            upphöjd=upp,
            nedsänkt=ned,
            genomstruken=bool(egenskap("strike", None) or egenskap("dstrike", None)),
            storlek=storlek,
            synligt_fet=bool(fet if fet is not None else self._pstil.fet),
        )


def _lägg_till(ut: list[Segment], segment: Segment) -> None:
    if not segment.text:
        return
    if ut and ut[-1].samma_format(segment) and ut[-1].text and not ut[-1].bild:
        ut[-1].text += segment.text
    else:
        ut.append(segment)


def _barn(el, namn: str):
    """``w:<namn>`` children, also those wrapped in content controls or custom XML."""
    for barn in el:
        if barn.tag == w(namn):
            yield barn
        elif barn.tag in (w("sdt"), w("customXml")):
            yield from _barn(barn.find(w("sdtContent")) if barn.tag == w("sdt") else barn, namn)


def _tal(text: str | None, standard: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return standard


def _symbol(kod: str) -> str:
    try:
        tal = int(kod, 16)
    except ValueError:
        return ""
    if tal >= 0xF000:  # a symbol font's private area (Wingdings bullets and the like)
        return ""
    return chr(tal)


def _är_innehållsförteckning(sdt) -> bool:
    galleri = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return galleri is not None and "contents" in galleri.get(w("val"), "").lower()


def _all_text(el) -> str:
    return " ".join("".join(t.text or "" for t in el.iter(w("t"))).split())


def läs_del(paket: Paket, del_: str, noteringar: Counter) -> list[Block]:
    """The blocks of one part (a header, a footer) with its own relationships."""
    rot = paket.xml(del_)
    if rot is None:
        return []
    läsare = Läsare(paket, paket.relationer_för(del_), noteringar)
    return läsare.block(rot)


def läs_anteckningar(paket: Paket, noteringar: Counter) -> dict[str, list[Block]]:
    """Footnotes and endnotes by reference (``f:3``, ``e:1``), separators left out."""
    ut: dict[str, list[Block]] = {}
    for typ, slag, tagg in (("footnotes", "f", "footnote"), ("endnotes", "e", "endnote")):
        del_ = paket.del_av_typ(typ)
        rot = paket.xml(del_) if del_ else None
        if rot is None:
            continue
        läsare = Läsare(paket, paket.relationer_för(del_), noteringar)
        for not_ in rot.iter(w(tagg)):
            if not_.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            ut[f"{slag}:{not_.get(w('id'), '')}"] = läsare.block(not_)
    return ut
