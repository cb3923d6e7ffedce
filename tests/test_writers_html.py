"""The writers' Markdown conversion (one reused converter, inline patterns pruned per text)
gives exactly what plain ``markdown.markdown`` gives, on every example body and on
generated text full of Markdown's special characters."""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PROJEKT
from styrdok.writers.exempel import BRÖDTEXT, lång_vy
from styrdok.writers.html import MARKDOWN_TILLÄGG, markdown_html


def vanlig(text: str) -> str:
    return markdown.markdown(text, extensions=MARKDOWN_TILLÄGG, output_format="html")


def test_exemplets_alla_brödtexter(tmp_path: Path):
    texter = [BRÖDTEXT, lång_vy(tmp_path, 2).brödtext]
    for fil in sorted((PROJEKT / "content").rglob("*.md")):
        text = fil.read_text(encoding="utf-8")
        texter.append(text.split("---", 2)[2] if text.startswith("---") else text)
    assert len(texter) > 40
    for text in texter:
        assert markdown_html(text) == vanlig(text)


BITAR = st.sampled_from([
    "ord", " ", "  \n", "\n", "\n\n", "\t", "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "!",
    "<", ">", "&", "&amp;", "&#169;", ";", "#", "## ", "- ", "1. ", "    ", "|", "|---|", "{: .x}",
    "<https://exempel.se>", "<a@b.se>", "[länk](https://exempel.se)", "![bild](b.png)", "[ref]", "[ref]: /x",
    "<b>", "</b>", "<!-- k -->", "åäö", ":", "\u00a0",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(BITAR, max_size=40).map("".join))
def test_genererad_text(text: str):
    # Alternate calls: the pruned patterns must come back for the next text that needs them.
    assert markdown_html(text) == vanlig(text)
    assert markdown_html("`kod` <b>x</b> &amp; *y* [l](/z) \\* ![b](c.png)") == vanlig(
        "`kod` <b>x</b> &amp; *y* [l](/z) \\* ![b](c.png)")
