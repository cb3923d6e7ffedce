"""What a Word part is read into (by ``lasare``): paragraphs made of inline segments, and
tables made of cells that hold blocks. Later steps see only text with its formatting,
links, images, notes and objects, never WordprocessingML."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bild:
    del_: str | None
    """The image's part in the package, or None when it is linked from outside."""
    alt: str
    extern: str = ""


@dataclass
class Segment:
    """Inline content with one formatting: text, or an image, note, line break or object."""

    text: str = ""
    fet: bool = False
    kursiv: bool = False
    upphöjd: bool = False
    nedsänkt: bool = False
    genomstruken: bool = False
    länk: str | None = None
    storlek: float | None = None
    synligt_fet: bool = False
    """Bold as shown, also from the paragraph's style (for headings written as bold text)."""
    bild: Bild | None = None
    fotnot: str | None = None
    brytning: bool = False
    objekt: str | None = None

    def samma_format(self, annan: Segment) -> bool:
        return (
            self.bild is None
            and annan.bild is None
            and self.fotnot is None
            and annan.fotnot is None
            and not self.brytning
            and not annan.brytning
            and self.objekt is None
            and annan.objekt is None
            and (self.fet, self.kursiv, self.upphöjd, self.nedsänkt, self.genomstruken)
            == (annan.fet, annan.kursiv, annan.upphöjd, annan.nedsänkt, annan.genomstruken)
            and self.länk == annan.länk
            and self.storlek == annan.storlek
            and self.synligt_fet == annan.synligt_fet
        )


@dataclass
class Stycke:
    segment: list[Segment]
    stilnamn: str = ""
    rubrik: int | None = None
    """1 for Heading 1 (or outline level 0) …; None for body text."""
    titel: bool = False
    lista: tuple[int, int] | None = None
    toc: bool = False
    linje: bool = False
    indrag: int | None = None

    @property
    def text(self) -> str:
        return "".join("\n" if s.brytning else s.text for s in self.segment)

    @property
    def ren_text(self) -> str:
        return " ".join(self.text.split())


@dataclass
class Cell:
    block: list
    spann: int = 1
    vmerge: str | None = None
    """"restart" where a vertically merged cell begins, "continue" in the cells below it."""

    @property
    def text(self) -> str:
        return "\n".join(text_av(b) for b in self.block if text_av(b))

    @property
    def ren_text(self) -> str:
        return " ".join(self.text.split())


@dataclass
class Tabell:
    rader: list[list[Cell]]
    beskrivning: str = ""


@dataclass
class Borttaget:
    """A block left out on purpose (a table of contents in a content control ...)."""

    vad: str
    text: str = ""


Block = Stycke | Tabell | Borttaget


def text_av(block) -> str:
    if isinstance(block, Stycke):
        return block.text
    if isinstance(block, Tabell):
        return "\n".join(" | ".join(c.ren_text for c in rad) for rad in block.rader)
    return ""
