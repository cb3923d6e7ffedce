"""Real files for tests that need one: published images and PDFs are checked to be readable
(grund/filgranskning), so a test's stand-in must be a file its reader can open."""

from __future__ import annotations

from pathlib import Path

# The smallest real PNG (1×1, white).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c"
    "63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
)
# A real one-page PDF: the example kommun's bilaga.
PDF = (
    Path(__file__).resolve().parents[1]
    / "content/styrdokument/taxor/bilagor/berakning-av-timtaxan.pdf"
).read_bytes()
