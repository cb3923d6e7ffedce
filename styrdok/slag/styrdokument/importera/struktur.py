"""The structure of a Word document's body: which blocks are its table of contents,
title, cover page, metadata (leading, trailing or under a "Dokumentinformation" heading)
and revision table. Those are taken out of the body and read for the front matter; what
remains is the text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from styrdok.slag.styrdokument.importera import huvud, revideringar, varden
from styrdok.slag.styrdokument.importera.block import Borttaget, Stycke, Tabell, text_av
from styrdok.slag.styrdokument.importera.etiketter import normalisera

_INNEHÅLL = {
    normalisera(t) for t in ("innehåll", "innehållsförteckning", "innehållsregister", "innehåll:")
}
_INFO = {
    normalisera(t)
    for t in (
        "dokumentinformation", "information om dokumentet", "om dokumentet", "dokumentuppgifter",
        "metadata", "beslutsinformation", "fakta om dokumentet", "dokumentfakta", "dokumentdata",
    )
}  # fmt: skip
_TOC_RAD = re.compile(r"^.{1,200}?(?:\t+\s*|\s*\.{3,}\s*|\s*…+\s*)\d{1,4}\s*$", re.DOTALL)


@dataclass
class Struktur:
    block: list
    kommun: varden.Kommunregister
    bort: set[int] = field(default_factory=set)
    uppgifter: list = field(default_factory=list)
    borttaget: list[str] = field(default_factory=list)
    rev: revideringar.Revideringar = field(default_factory=revideringar.Revideringar)
    metadatablock: set[int] = field(default_factory=set)

    def _stycke(self, i: int) -> Stycke | None:
        b = self.block[i] if 0 <= i < len(self.block) else None
        return b if isinstance(b, Stycke) else None

    def innehållsförteckning(self) -> None:
        rader = 0
        for i, b in enumerate(self.block):
            if isinstance(b, Borttaget) or (isinstance(b, Stycke) and b.toc):
                self.bort.add(i)
                rader += 1
            elif isinstance(b, Stycke) and normalisera(b.ren_text) in _INNEHÅLL:
                j = i + 1
                while (
                    j < len(self.block)
                    and (s := self._stycke(j)) is not None
                    and (s.toc or _TOC_RAD.match(s.text.strip()) or not s.ren_text)
                ):
                    j += 1
                if j > i + 1 or any(isinstance(x, Borttaget) for x in self.block[i + 1 : i + 2]):
                    self.bort.update(range(i, j))
                    rader += j - i - 1
        if rader:
            self.borttaget.append(f"innehållsförteckningen ({rader} rader)")

    def titel(self) -> int | None:
        for i, b in enumerate(self.block[:40]):
            if isinstance(b, Stycke) and b.titel and b.ren_text and i not in self.bort:
                return i
        första_rubrik = next(
            (
                i
                for i, b in enumerate(self.block)
                if isinstance(b, Stycke) and b.rubrik and i not in self.bort
            ),
            len(self.block),
        )
        storlekar = Counter()
        for b in self.block:
            if isinstance(b, Stycke):
                for seg in b.segment:
                    if seg.storlek and seg.text.strip():
                        storlekar[seg.storlek] += len(seg.text)
        bröd = storlekar.most_common(1)[0][0] if storlekar else 11.0
        bäst = None
        for i in range(min(första_rubrik, 15)):
            s = self._stycke(i)
            if s is None or i in self.bort or not s.ren_text or len(s.ren_text) > 200 or s.lista:
                continue
            storlek = max((seg.storlek or 0 for seg in s.segment if seg.text.strip()), default=0)
            if storlek >= bröd + 4 and (bäst is None or storlek > bäst[1]):
                bäst = (i, storlek)
        if bäst:
            return bäst[0]
        nivåer = [b.rubrik for b in self.block if isinstance(b, Stycke) and b.rubrik]
        s = self._stycke(första_rubrik)
        if (
            s is not None
            and nivåer.count(s.rubrik) == 1
            and len(nivåer) > 1
            and min(nivåer) == s.rubrik
        ):
            if all(not self._innehåll(i) for i in range(första_rubrik)):
                return första_rubrik
        return None

    def _innehåll(self, i: int) -> bool:
        """Whether block ``i`` is body text (not removed, not empty, not metadata)."""
        b = self.block[i]
        if i in self.bort or not text_av(b).strip():
            return False
        if isinstance(b, Tabell):
            return not huvud.är_metadatatabell(b)
        return isinstance(b, Stycke) and not huvud.stycke_uppgifter(b)

    def metadata(self, titel_index: int | None) -> None:
        start = titel_index + 1 if titel_index is not None else 0
        slut = next(
            (
                i
                for i in range(start, len(self.block))
                if (s := self._stycke(i)) and s.rubrik and i not in self.bort
            ),
            len(self.block),
        )
        ledande = range(0, min(slut, start + 40))
        for i in ledande:
            self._metadatablock(i, 2)
        for i in range(max(len(self.block) - 6, slut), len(self.block)):
            self._metadatablock(i, 3, bara_beslut=True)
        for i, b in enumerate(self.block):
            if isinstance(b, Stycke) and normalisera(b.ren_text) in _INFO:
                j = i + 1
                while j < len(self.block) and (
                    j in self.metadatablock or self._metadatablock(j, 1)
                ):
                    j += 1
                if j > i + 1:
                    self.bort.add(i)

    def _metadatablock(self, i: int, minst: int, bara_beslut: bool = False) -> bool:
        b = self.block[i]
        if i in self.bort:
            return False
        if isinstance(b, Tabell) and huvud.är_metadatatabell(b, minst):
            u, okända = huvud.tabell_uppgifter(b)
            self.uppgifter += u
            for text in okända:
                self.borttaget.append(
                    f"»{' '.join(text.split())[:80]}« (metadatatabellen): okänd rubrik, inte överförd"
                )
            self.bort.add(i)
            self.metadatablock.add(i)
            self.borttaget.append("metadatatabellen")
            return True
        if isinstance(b, Stycke) and (u := huvud.stycke_uppgifter(b)):
            if bara_beslut and not all(x.nyckel in _BESLUT for x in u):
                return False
            self.uppgifter += u
            self.bort.add(i)
            self.metadatablock.add(i)
            return True
        return False

    def revideringar(self) -> None:
        organ = self.kommun.organ
        for i, b in enumerate(self.block):
            if i in self.bort:
                continue
            föregående = next(
                (j for j in range(i - 1, -1, -1) if text_av(self.block[j]).strip()), None
            )
            rubrik = (
                föregående is not None
                and föregående not in self.bort
                and (
                    (s := self._stycke(föregående)) is not None
                    and revideringar.är_rubrik(s.ren_text)
                )
            )
            if isinstance(b, Tabell) and (roller := revideringar.kolumnroller(b, rubrik)):
                r = revideringar.läs_tabell(b, roller, organ)
            elif isinstance(b, Stycke) and b.ren_text and revideringar.är_rubrik(b.ren_text):
                j = i + 1
                while (
                    (s := self._stycke(j)) is not None
                    and not s.rubrik
                    and (
                        not s.ren_text
                        or varden.datum_i(s.ren_text[:14])
                        or varden.månad_i(s.ren_text[:14])
                    )
                ):
                    j += 1
                if j == i + 1 or isinstance(self.block[j] if j < len(self.block) else None, Tabell):
                    continue
                r = revideringar.läs_stycken([self.block[k] for k in range(i + 1, j)], organ)
                self.bort.update(range(i + 1, j))
                föregående, rubrik = i, True
            else:
                continue
            self.rev.poster += r.poster
            self.rev.ursprung += r.ursprung
            self.rev.problem += r.problem
            self.borttaget += r.andra
            self.bort.add(i)
            if rubrik and föregående is not None:
                self.bort.add(föregående)
            vad = "revideringstabellen" if isinstance(b, Tabell) else "revideringslistan"
            self.borttaget.append(f"{vad} ({len(r.poster)} rader blev revideringar:)")

    def omslag(self, titel_index: int | None) -> list[str]:
        """Blocks before the title (a cover page): left out, their text returned."""
        texter = []
        for i in range(titel_index or 0):
            if i in self.bort:
                continue
            self.bort.add(i)
            b = self.block[i]
            text = " ".join(text_av(b).split())
            if text:
                texter.append(text)
                self.borttaget.append(f"före titeln: »{text[:80]}«")
            elif isinstance(b, Stycke) and any(seg.bild for seg in b.segment):
                self.borttaget.append("före titeln: en bild (troligen en logotyp)")
        if titel_index is not None:
            self.bort.add(titel_index)
        return texter


_BESLUT = {
    "beslutsinstans",
    "beslut",
    "beslutsdatum",
    "paragraf",
    "diarienummer",
    "dokumentansvarig",
    "revideringar",
}
