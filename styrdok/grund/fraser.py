"""Phrases looked up in a large text, and where a text's sentences end (the one rule for
both the source check's sentences and the gate's)."""

from __future__ import annotations

import re

MENINGSGRÄNS = re.compile(r"(?<=[.!?])\s+")
"""Where one sentence ends and the next begins."""


class Fraser:
    """Whether a phrase occurs in a large text (``fras in text``), asked quickly for many
    phrases: most are either a whole sentence of it (a set) or hold three words in a row it
    does not have (a set of the text's word triples). Only what neither settles is searched
    for in the text itself; the answer is always that of ``fras in text``."""

    def __init__(self, text: str):
        self.text = text
        self.meningar = set(MENINGSGRÄNS.split(text))
        """Each a part of the text: a phrase among them is in it."""
        ord_ = text.split(" ")
        self.tripplar = set(zip(ord_, ord_[1:], ord_[2:], strict=False))

    def har(self, fras: str) -> bool:
        if fras in self.meningar:
            return True
        # the words wholly inside the phrase (not its first or last, which may be part of a
        # longer word there) are words of the text, in the same order, wherever it occurs
        inre = fras.split(" ")[1:-1]
        if any(t not in self.tripplar for t in zip(inre, inre[1:], inre[2:], strict=False)):
            return False
        return fras in self.text
