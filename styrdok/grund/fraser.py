"""Phrases looked up in many texts at once, and where a text's sentences end (the one rule
for both the source check's sentences and the gate's)."""

from __future__ import annotations

import bisect
import re

MENINGSGRÄNS = re.compile(r"(?<=[.!?])\s+")
"""Where one sentence ends and the next begins."""


class Fraser:
    """Which of many texts has a phrase (``fras in text``), asked quickly for many phrases:
    most are either a whole sentence of one (a dictionary) or hold three words in a row no
    text has (a set of every text's word triples). Only what neither settles is searched
    for in the texts themselves; the answer is always that of ``fras in text`` for the
    first text that has it. A phrase never spans two texts (they are joined by a line
    break, which a phrase, its white space made single spaces, never holds)."""

    def __init__(self, texter: list[str]):
        self.text = "\n".join(texter)
        self.början: list[int] = []
        """Where each text begins in :attr:`text`."""
        self.meningar: dict[str, int] = {}
        """Each a part of a text (→ the first text it is a part of): a phrase among them is in it."""
        self.tripplar: set[tuple[str, str, str]] = set()
        position = 0
        for i, text in enumerate(texter):
            self.början.append(position)
            position += len(text) + 1
            for mening in MENINGSGRÄNS.split(text):
                self.meningar.setdefault(mening, i)
            ord_ = text.split(" ")
            self.tripplar.update(zip(ord_, ord_[1:], ord_[2:], strict=False))

    def var(self, fras: str) -> int | None:
        """The index of the first text that has ``fras`` (a sentence: the first whose
        sentence it is), or None."""
        if (i := self.meningar.get(fras)) is not None:
            return i
        # the words wholly inside the phrase (not its first or last, which may be part of a
        # longer word there) are words of the text, in the same order, wherever it occurs
        inre = fras.split(" ")[1:-1]
        if any(t not in self.tripplar for t in zip(inre, inre[1:], inre[2:], strict=False)):
            return None
        if (position := self.text.find(fras)) < 0:
            return None
        return bisect.bisect_right(self.början, position) - 1

    def har(self, fras: str) -> bool:
        return self.var(fras) is not None
