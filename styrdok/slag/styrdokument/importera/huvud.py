"""Where a Word file states its metadata, read as label/value pairs (:class:`Uppgift`):
a table of two or four columns (``Beslutsinstans | Kommunfullmäktige``), cells holding both
(``Dokumenttyp Regel``), a row of labels over a row of values, paragraphs
(``Beslutsinstans: Kommunstyrelsen``, ``Dnr KS 2021/123``), the page header, and the file's
own properties (core and custom). Which value wins is decided in ``framsida``."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from styrdok.slag.styrdokument.importera import etiketter, varden
from styrdok.slag.styrdokument.importera.block import Stycke, Tabell
from styrdok.slag.styrdokument.importera.lasare import läs_del
from styrdok.slag.styrdokument.importera.paket import Paket

TABELL, STYCKE, SIDHUVUD, ANPASSAD, EGENSKAP = 0, 1, 2, 3, 4
"""Priorities, best first: what the document shows beats what its properties say."""

_KÄRNA = {
    "{http://purl.org/dc/elements/1.1/}title": ("titel", "Titel"),
    "{http://purl.org/dc/elements/1.1/}subject": ("dokumenttyp", "Ämne"),
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}category": (
        "dokumenttyp",
        "Kategori",
    ),
}
_SKRÄPTITEL = ("mall", "dokument1", "dokument2", "microsoft word", "document", "untitled", "rubrik")
_UTAN_SKILJE = {
    "beslutsinstans", etiketter.BESLUT, "beslutsdatum", "paragraf", "diarienummer",
    "revideringar", "kfs", "giltig_till", "ikraftträdande", "nästa_översyn",
}  # fmt: skip
"""Keys accepted from a paragraph without a colon (``Dnr KS 2021/123``) when the value fits."""


_BESLUTSRAD = re.compile(
    r"^[A-ZÅÄÖ][^\d§:.]{0,50}?\s*,?\s*(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s+[a-zåäö]+\s+\d{4})?"
    r"\s*,?\s*§\s*\d{1,4}\s?[a-z]?\s*\.?$"
)
"""A decision written without a label: ``KF § 144``, ``Kommunstyrelsen 2021-04-29, § 60``."""


@dataclass
class Uppgift:
    nyckel: str
    etikett: str
    värde: str
    källa: str
    citat: str
    prioritet: int


def rad_uppgifter(texter: list[str], källa: str, prioritet: int) -> tuple[list[Uppgift], list[str]]:
    """Label/value pairs in one row of cells (or tab-separated parts of a paragraph):
    a label cell followed by its value, or a cell holding both. Returns the pairs and the
    cells that were neither."""
    uppgifter: list[Uppgift] = []
    okända: list[str] = []
    i = 0
    while i < len(texter):
        text = texter[i].strip()
        i += 1
        if not text:
            continue
        if (n := etiketter.nyckel(text)) is not None:
            värde = ""
            if i < len(texter) and etiketter.nyckel(texter[i]) is None:
                värde, i = texter[i].strip(), i + 1
            uppgifter.append(Uppgift(n, text, värde, källa, _citat(text, värde), prioritet))
            continue
        första, _, rest = text.partition("\n")
        if rest and (n := etiketter.nyckel(första)) is not None:
            uppgifter.append(
                Uppgift(n, första, rest.strip(), källa, _citat(första, rest), prioritet)
            )
        elif delat := etiketter.dela(text):
            n, etikett, värde, _ = delat
            uppgifter.append(Uppgift(n, etikett, värde, källa, text, prioritet))
        else:
            okända.append(text)
    return uppgifter, okända


def _citat(etikett: str, värde: str) -> str:
    värde = " ".join(värde.split())
    return f"{etikett.strip()} | {värde}" if värde else etikett.strip()


def celltexter(tabell: Tabell) -> list[list[str]]:
    """Each row's cells as text; a merged cell once, the cells it covers empty."""
    rader = []
    for rad in tabell.rader:
        texter = []
        for cell in rad:
            text = "" if cell.vmerge == "continue" else cell.text
            texter.append(text)
            texter.extend("" for _ in range(cell.spann - 1))
        rader.append(texter)
    return rader


def tabell_uppgifter(tabell: Tabell, källa: str = "metadatatabellen", prioritet: int = TABELL):
    rader = celltexter(tabell)
    uppgifter: list[Uppgift] = []
    okända: list[str] = []
    hoppa = -1
    for r, texter in enumerate(rader):
        if r == hoppa:
            continue
        ifyllda = [t for t in texter if t.strip()]
        nästa = rader[r + 1] if r + 1 < len(rader) else []
        if (
            len(ifyllda) >= 2
            and all(etiketter.nyckel(t) for t in ifyllda)
            and nästa
            and not any(etiketter.nyckel(t) for t in nästa if t.strip())
        ):  # a row of labels over a row of values
            for k, etikett in enumerate(texter):
                if etikett.strip():
                    värde = nästa[k].strip() if k < len(nästa) else ""
                    n = etiketter.nyckel(etikett) or etiketter.INGEN
                    uppgifter.append(
                        Uppgift(n, etikett.strip(), värde, källa, _citat(etikett, värde), prioritet)
                    )
            hoppa = r + 1
            continue
        u, o = rad_uppgifter(texter, källa, prioritet)
        uppgifter += u
        okända += o
    return uppgifter, okända


def är_metadatatabell(tabell: Tabell, minst: int = 2) -> bool:
    uppgifter, okända = tabell_uppgifter(tabell)
    kända = [u for u in uppgifter if u.nyckel != etiketter.INGEN]
    return len(kända) >= minst and len(uppgifter) >= len(okända)


def stycke_uppgifter(stycke: Stycke, källa: str = "stycket", prioritet: int = STYCKE):
    """The label/value pairs one paragraph states, or [] when it is ordinary text."""
    text = stycke.text.strip()
    if not text or len(text) > 250 or stycke.rubrik or stycke.titel:
        return []
    if "\t" in stycke.text:
        delar = [d for d in text.split("\t") if d.strip()]
        uppgifter, okända = rad_uppgifter(delar, källa, prioritet)
        return uppgifter if uppgifter and not okända else []
    första = stycke.segment[0] if stycke.segment else None
    if (
        första is not None
        and första.synligt_fet
        and (n := etiketter.nyckel(första.text)) is not None
        and len(stycke.segment) > 1
    ):  # **Beslutsinstans** Kommunstyrelsen
        värde = "".join(s.text for s in stycke.segment[1:]).strip()
        return [Uppgift(n, första.text.strip(), värde, källa, " ".join(text.split()), prioritet)]
    if (delat := etiketter.dela(" ".join(text.split()))) is None:
        if _BESLUTSRAD.match(text):  # KF 2021-04-29 § 60
            return [Uppgift(etiketter.BESLUT, "", text, källa, " ".join(text.split()), prioritet)]
        return []
    n, etikett, värde, skiljetecken = delat
    if not skiljetecken and not (n in _UTAN_SKILJE and rimligt(n, värde)):
        return []
    return [Uppgift(n, etikett, värde, källa, " ".join(text.split()), prioritet)]


def rimligt(nyckel: str, värde: str) -> bool:
    """Whether a value written without a colon after its label looks like one."""
    if nyckel in ("diarienummer",):
        return any(c.isdigit() for c in värde) and len(värde) <= 40
    if nyckel == "paragraf":
        return varden.paragraf_i(värde, ensam=True) is not None
    if nyckel == "kfs":
        return varden.KFS.search(värde) is not None
    return bool(varden.datum_i(värde) or varden.månad_i(värde) or varden.paragraf_i(värde))


def sidhuvud(paket: Paket, noteringar: Counter) -> tuple[list[Uppgift], list[str]]:
    """Pairs stated in page headers and footers, and their other text (left out)."""
    uppgifter: list[Uppgift] = []
    övrigt: list[str] = []
    for typ, namn in (("header", "sidhuvudet"), ("footer", "sidfoten")):
        for del_ in paket.delar_av_typ(typ):
            for block in läs_del(paket, del_, noteringar):
                if isinstance(block, Tabell):
                    u, o = tabell_uppgifter(block, namn, SIDHUVUD)
                    uppgifter += u
                    övrigt += o
                elif isinstance(block, Stycke) and block.ren_text:
                    if u := stycke_uppgifter(block, namn, SIDHUVUD):
                        uppgifter += u
                    elif not _sidnummer(block.ren_text):
                        övrigt.append(block.ren_text)
    return uppgifter, list(dict.fromkeys(övrigt))


def _sidnummer(text: str) -> bool:
    return all(o.isdigit() or o.lower() in ("sida", "av", "(", ")", "/") for o in text.split())


def egenskaper(paket: Paket) -> list[Uppgift]:
    """The file's core properties (title, subject, category) and custom properties whose
    names are labels (``Dnr``, ``Beslutsinstans`` …), as document management systems write them."""
    uppgifter: list[Uppgift] = []
    kärna = paket.xml("docProps/core.xml")
    if kärna is not None:
        for el in kärna:
            if el.tag in _KÄRNA and (el.text or "").strip():
                nyckel, etikett = _KÄRNA[el.tag]
                värde = " ".join(el.text.split())
                if nyckel == "titel" and värde.lower().startswith(_SKRÄPTITEL):
                    continue
                källa = "dokumentegenskaperna"
                uppgifter.append(
                    Uppgift(nyckel, etikett, värde, källa, _citat(etikett, värde), EGENSKAP)
                )
    anpassade = paket.xml("docProps/custom.xml")
    if anpassade is not None:
        for prop in anpassade:
            namn = prop.get("name", "")
            värde = " ".join("".join(prop.itertext()).split())
            if (n := etiketter.nyckel(namn)) is not None and värde and n != etiketter.INGEN:
                källa = "de anpassade dokumentegenskaperna"
                uppgifter.append(Uppgift(n, namn, värde, källa, _citat(namn, värde), ANPASSAD))
    return uppgifter
