"""Blocks → styrdok's Markdown: headings (Word's heading styles, and bold or large
paragraphs used as headings), nested and numbered lists, tables (merged cells flattened),
footnotes (``[^1]``), links, images and emphasis. Text is escaped so that it means only
itself: what Word showed as text never becomes Markdown, HTML or a link."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from styrdok.grund.brodtext import tillåtet_mål
from styrdok.grund.platshallare import platshållare
from styrdok.slag.styrdokument.importera.block import Bild, Segment, Stycke, Tabell, text_av
from styrdok.slag.styrdokument.importera.mdtext import (
    PUNKT,
    escape,
    radstart,
    radstart_i_lista,
    rubriktext,
    slå_ihop_betoning,
    talform,
    utan_punkt,
    vanlig,
)
from styrdok.slag.styrdokument.importera.paket import Lista

_SLUTTECKEN = ".:;,!"


@dataclass
class Omvandlare:
    listinfo: Callable[[int, int], Lista | None]
    bildväg: Callable[[Bild], str]
    """The Markdown for an image: ``![alt](bilder/…)`` or a placeholder paragraph."""
    anteckningar: dict[str, list]
    noteringar: Counter
    falska_rubriker: list[str] = field(default_factory=list)
    _fotnoter: dict[str, int] = field(default_factory=dict)
    _räknare: dict[int, list[int]] = field(default_factory=dict)
    _brödstorlek: float = 11.0
    _rubrikbas: int = 1
    _falska: dict[tuple, int] = field(default_factory=dict)

    # --- the document ---------------------------------------------------------------

    def dokument(self, block: list) -> str:
        self._förbered(block)
        delar = self._block(block)
        if self._fotnoter:
            delar.append("\n".join(self._fotnotstexter()))
        return "\n\n".join(d for d in delar if d.strip()).strip() + "\n"

    def _förbered(self, block: list) -> None:
        stycken = [b for b in block if isinstance(b, Stycke)]
        vikter: Counter = Counter()
        for s in stycken:
            if not s.rubrik and not s.lista:
                for seg in s.segment:
                    if seg.storlek and seg.text.strip():
                        vikter[seg.storlek] += len(seg.text)
        self._brödstorlek = vikter.most_common(1)[0][0] if vikter else 11.0
        riktiga = sorted({s.rubrik for s in stycken if s.rubrik})
        self._rubrikbas = riktiga[0] if riktiga else 1
        djupast = 2 + (riktiga[-1] - self._rubrikbas) if riktiga else 1
        nycklar = sorted({k for s in stycken if (k := self._falsk_nyckel(s))}, reverse=True)
        for i, k in enumerate(nycklar):
            self._falska[k] = min(6, (djupast + 1) if riktiga else 2 + i)

    def _falsk_nyckel(self, s: Stycke) -> tuple | None:
        """(size, bold) when a paragraph looks like a heading written as bold or large text."""
        if s.rubrik or s.titel or s.lista or s.toc:
            return None
        text = s.ren_text
        if not (1 <= len(text) <= 120) or text[-1] in _SLUTTECKEN or len(text.split()) > 14:
            return None
        if not re.search(r"[A-Za-zÅÄÖåäö]", text) or PUNKT.match(s.text):
            return None
        if any(seg.brytning or seg.bild or seg.fotnot or seg.objekt for seg in s.segment):
            return None
        synliga = [seg for seg in s.segment if seg.text.strip()]
        storlek = max((seg.storlek or self._brödstorlek for seg in synliga), default=0)
        fet = all(seg.synligt_fet for seg in synliga)
        if storlek >= self._brödstorlek + 2 or (fet and storlek >= self._brödstorlek):
            return (round(storlek), fet)
        return None

    def _block(self, block: list) -> list[str]:
        delar: list[str] = []
        i = 0
        while i < len(block):
            b = block[i]
            if isinstance(b, Tabell):
                delar.append(self.tabell(b))
            elif isinstance(b, Stycke) and not b.toc:
                if self._listpunkt(b):
                    slut = i
                    while slut < len(block) and self._i_lista(block[slut], slut > i):
                        slut += 1
                    delar.append(self.lista(block[i:slut]))
                    i = slut
                    continue
                delar.append(self.stycke(b))
            i += 1
        return delar

    def stycke(self, s: Stycke) -> str:
        if s.linje:
            return "***"
        nivå = None
        if s.rubrik or s.titel:
            nivå = 2 + ((s.rubrik or self._rubrikbas) - self._rubrikbas)
        elif (k := self._falsk_nyckel(s)) is not None:
            nivå = self._falska[k]
            self.falska_rubriker.append(s.ren_text)
        nummer = self._nummertext(s) if s.lista is not None else ""
        if nivå is not None and s.ren_text:
            rubrik = rubriktext(" ".join(filter(None, (nummer, s.ren_text))))
            return "#" * min(nivå, 6) + " " + rubrik
        text = self.inline(s.segment).strip()
        return radstart(f"{escape(nummer)} {text}" if nummer else text)

    def _nummertext(self, s: Stycke) -> str:
        """The number Word shows before a numbered heading or a paragraph numbered in a
        form Markdown has no list for (``1.2``, ``3 §``)."""
        num_id, ilvl = s.lista
        lista = self.listinfo(num_id, ilvl) or Lista(True, 1)
        if not lista.numrerad:
            return ""
        self._nummer(num_id, ilvl, lista.start)
        nivåer = self._räknare[num_id]

        def ersätt(m: re.Match) -> str:
            k = int(m[1]) - 1
            info = self.listinfo(num_id, k) or lista
            return talform(nivåer[k] if k < len(nivåer) and nivåer[k] else info.start, info.format)

        return re.sub(r"%([1-9])", ersätt, lista.mall or f"%{ilvl + 1}.").strip()

    # --- lists ------------------------------------------------------------------------

    def _listpunkt(self, s) -> bool:
        if not isinstance(s, Stycke) or s.toc or s.rubrik or s.titel:
            return False
        if s.lista is None:
            return bool(PUNKT.match(s.text)) and self._falsk_nyckel(s) is None
        lista = self.listinfo(*s.lista)
        return lista is None or not lista.numrerad or vanlig(lista, s.lista[1])

    def _i_lista(self, b, fortsättning: bool) -> bool:
        if self._listpunkt(b):
            return True
        return fortsättning and isinstance(b, Stycke) and b.stilnamn.startswith("list continue")

    def lista(self, stycken: list[Stycke]) -> str:
        """A run of list paragraphs as one Markdown list, nested by Word's level and, when
        the levels do not say (``List Bullet 2`` is level 0 of another list), by indentation."""
        rader: list[str] = []
        öppna: list[tuple[int, int]] = []  # (indentation, level) of each open Markdown level
        senaste_typ: bool | None = None
        djup = 0
        for s in stycken:
            if s.lista is None and not PUNKT.match(s.text):  # List Continue
                text = radstart(self.inline(s.segment).strip())
                indrag = "    " * (djup + 1)
                rader += ["", "\n".join(indrag + r for r in text.split("\n"))]
                continue
            if s.lista is not None:
                num_id, ilvl = s.lista
                lista = self.listinfo(num_id, ilvl) or Lista(False, 1)
            else:
                num_id, ilvl, lista = -1, 0, Lista(False, 1)
            nyckel = (s.indrag if s.indrag is not None else 720 * (ilvl + 1), ilvl)
            while öppna and öppna[-1] > nyckel:
                öppna.pop()
            if not öppna or öppna[-1] < nyckel:
                öppna.append(nyckel)
            djup = len(öppna) - 1
            tal = self._nummer(num_id, ilvl, lista.start)
            if djup == 0 and senaste_typ not in (None, lista.numrerad):
                rader.append("")
            if djup == 0:
                senaste_typ = lista.numrerad
            markör = f"{tal}." if lista.numrerad else "-"
            segment = s.segment if s.lista is not None else utan_punkt(s.segment)
            text = radstart_i_lista(self.inline(segment).strip())
            indrag = "    " * djup
            rader.append(f"{indrag}{markör} " + text.replace("\n", "\n" + indrag + "    "))
        return "\n".join(rader)

    def _nummer(self, num_id: int, ilvl: int, start: int) -> int:
        nivåer = self._räknare.setdefault(num_id, [])
        while len(nivåer) <= ilvl:
            nivåer.append(0)
        del nivåer[ilvl + 1 :]
        nivåer[ilvl] = nivåer[ilvl] + 1 if nivåer[ilvl] else start
        return nivåer[ilvl]

    # --- tables -----------------------------------------------------------------------

    def tabell(self, t: Tabell) -> str:
        rutnät: list[list[str]] = []
        ovanför: dict[int, str] = {}
        sammanslagna = False
        for r, rad in enumerate(t.rader):
            celler: list[str] = []
            for cell in rad:
                kolumn = len(celler)
                if cell.vmerge == "continue":
                    text = ovanför.get(kolumn, "")
                    sammanslagna = True
                else:
                    text = self._cell(cell.block, rubrikrad=r == 0)
                ovanför[kolumn] = text
                celler.append(text)
                if cell.spann > 1:
                    sammanslagna = True
                    celler.extend("" for _ in range(cell.spann - 1))
            rutnät.append(celler)
        bredd = max((len(r) for r in rutnät), default=0)
        if bredd == 0 or not any(c.strip() for r in rutnät for c in r):
            return ""
        if sammanslagna:
            self.noteringar[
                "sammanslagna tabellceller delades upp (texten står i den första cellen, lodrätt sammanslagna upprepas)"
            ] += 1
        if bredd == 1 and len(rutnät) == 1:  # a framed box, not a table
            return "\n\n".join(self._block(t.rader[0][0].block))
        rader = [r + [""] * (bredd - len(r)) for r in rutnät]
        ut = ["| " + " | ".join(c or " " for c in rader[0]) + " |", "|" + "---|" * bredd]
        ut += ["| " + " | ".join(c or " " for c in r) + " |" for r in rader[1:]]
        return "\n".join(ut)

    def _cell(self, block: list, rubrikrad: bool) -> str:
        delar = []
        for b in block:
            if isinstance(b, Stycke):
                text = self.inline(b.segment, i_tabell=True, utan_fet=rubrikrad).strip()
                if text and (b.lista is not None):
                    text = "• " + text
                if text:
                    delar.append(text)
            elif isinstance(b, Tabell):
                self.noteringar["tabeller i tabellceller blev text"] += 1
                delar.append(escape("; ".join(text_av(b).split("\n")), i_tabell=True))
        return "<br>".join(delar)

    # --- inline -----------------------------------------------------------------------

    def inline(self, segment: list[Segment], i_tabell: bool = False, utan_fet: bool = False) -> str:
        ut: list[str] = []
        i = 0
        while i < len(segment):
            seg = segment[i]
            if seg.länk is not None and seg.text:
                slut = i
                while slut < len(segment) and segment[slut].länk == seg.länk:
                    slut += 1
                ut.append(self._länk(seg.länk, segment[i:slut], i_tabell, utan_fet))
                i = slut
                continue
            ut.append(self._ett(seg, i_tabell, utan_fet))
            i += 1
        return slå_ihop_betoning("".join(ut))

    def _ett(self, seg: Segment, i_tabell: bool, utan_fet: bool) -> str:
        if seg.brytning:
            return "<br>" if i_tabell else "  \n"
        if seg.fotnot is not None:
            return self._fotnot(seg.fotnot)
        if seg.bild is not None:
            return self.bildväg(seg.bild)
        if seg.objekt is not None:
            self.noteringar[f"{seg.objekt} kunde inte föras över (platshållare i texten)"] += 1
            om = f" (»{' '.join(seg.text.split())}«)" if seg.text.strip() else ""
            return escape(
                platshållare(
                    f"här fanns {seg.objekt}{om} i Word-filen; lägg in det som en bild med alternativtext"
                )
            )
        text = escape(seg.text.replace("\t", " "), i_tabell)
        träff = re.match(r"^(\s*)(.*?)(\s*)$", text, re.DOTALL)
        kärna = träff[2]
        if not kärna:
            return text
        if seg.upphöjd:
            kärna = f"<sup>{kärna}</sup>"
        elif seg.nedsänkt:
            kärna = f"<sub>{kärna}</sub>"
        if seg.genomstruken:
            kärna = f"<s>{kärna}</s>"
        fet = seg.fet and not utan_fet
        markör = "***" if fet and seg.kursiv else "**" if fet else "*" if seg.kursiv else ""
        return f"{träff[1]}{markör}{kärna}{markör}{träff[3]}"

    def _länk(self, mål: str, segment: list[Segment], i_tabell: bool, utan_fet: bool) -> str:
        text = "".join(self._ett(s, i_tabell, utan_fet) for s in segment)
        if not tillåtet_mål(mål) or not mål.strip() or mål.strip().startswith("#"):
            if mål.strip() and not mål.strip().startswith("#"):
                self.noteringar[
                    f"länken till »{mål[:80]}« togs bort (bara http, https, mailto och tel); texten står kvar"
                ] += 1
            return text
        adress = (
            mål.strip()
            .replace(" ", "%20")
            .replace("(", "%28")
            .replace(")", "%29")
            .replace("<", "%3C")
            .replace(">", "%3E")
        )
        träff = re.match(r"^(\s*)(.*?)(\s*)$", text, re.DOTALL)
        if not träff[2]:
            return text
        return f"{träff[1]}[{träff[2]}]({adress}){träff[3]}"

    # --- footnotes ---------------------------------------------------------------------

    def _fotnot(self, ref: str) -> str:
        if ref not in self.anteckningar:
            return ""
        nummer = self._fotnoter.setdefault(ref, len(self._fotnoter) + 1)
        return f"[^{nummer}]"

    def _fotnotstexter(self) -> list[str]:
        rader = []
        for ref, nummer in sorted(self._fotnoter.items(), key=lambda p: p[1]):
            delar = []
            for b in self.anteckningar[ref]:
                if isinstance(b, Stycke):
                    delar.append(self.inline(b.segment).replace("  \n", " ").strip())
                elif isinstance(b, Tabell):
                    delar.append(escape(" ".join(text_av(b).split())))
            text = " ".join(d for d in delar if d) or escape(
                platshållare("fotnotens text saknades i Word-filen")
            )
            rader.append(f"[^{nummer}]: {text}")
        return rader
