"""How wide a text is in Arial (Liberation Sans on Linux: the same metrics), the Word
template's font: enough to give table columns room for their longest word.

The advance widths, in thousandths of an em, were read from Liberation Sans Regular and Bold
(fontTools) and are kept here, so that every machine computes the same widths and the same
bytes. A character not in the table counts as an em (symbols such as ✔ and ◐ come from a
wider fallback font).
"""

from __future__ import annotations

import re

_TECKEN = (
    "".join(chr(c) for c in range(32, 127)) + "".join(chr(c) for c in range(160, 256)) + "–—‘’“”…•€"
)
_NORMAL = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 "
    "556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 "
    "500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 "
    "556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 "
    "278 556 500 722 500 500 500 334 260 334 584 278 333 556 556 556 556 260 556 333 737 "
    "370 556 584 333 737 552 400 549 333 333 333 576 537 278 333 333 365 556 834 834 834 "
    "611 667 667 667 667 667 667 1000 722 667 667 667 667 278 278 278 278 722 722 778 778 "
    "778 778 778 584 778 722 722 722 722 667 667 611 556 556 556 556 556 556 889 500 556 "
    "556 556 556 278 278 278 278 556 556 556 556 556 556 556 549 611 556 556 556 556 500 "
    "556 500 556 1000 222 222 333 333 1000 350 556 "
)
_FET = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 "
    "556 556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 "
    "556 722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 "
    "556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 "
    "333 611 556 778 556 556 500 389 280 389 584 278 333 556 556 556 556 280 556 333 737 "
    "370 556 584 333 737 552 400 549 333 333 333 576 556 278 333 333 365 556 834 834 834 "
    "611 722 722 722 722 722 722 1000 722 667 667 667 667 278 278 278 278 722 722 778 778 "
    "778 778 778 584 778 722 722 722 722 667 667 611 556 556 556 556 556 556 889 556 556 "
    "556 556 556 278 278 278 278 611 611 611 611 611 611 611 549 611 611 611 611 611 556 "
    "611 556 556 1000 278 278 500 500 1000 350 556 "
)
BREDD = {
    False: dict(zip(_TECKEN, map(int, _NORMAL.split()), strict=True)),
    True: dict(zip(_TECKEN, map(int, _FET.split()), strict=True)),
}
OKÄND = 1000
_ORD = re.compile(r"\S+")


def bredd(text: str, fet: bool = False) -> int:
    """The text's width on one line, in thousandths of an em."""
    tabell = BREDD[fet]
    return sum(tabell.get(t, OKÄND) for t in text)


def längsta_ord(text: str, fet: bool = False) -> int:
    """The widest word (text between spaces, where a line may break), in thousandths of an em."""
    return max((bredd(o, fet) for o in _ORD.findall(text)), default=0)


def längsta_rad(text: str, fet: bool = False) -> int:
    """The widest line when nothing wraps: the text's own line breaks only."""
    return max((bredd(" ".join(rad.split()), fet) for rad in text.split("\n")), default=0)
