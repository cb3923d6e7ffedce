"""The Markdown pruning extension (styrdok.grund.markdown_gallring) changes nothing but speed: with
it, the writers' reused converter and the site's set of extensions give exactly what plain
Python-Markdown gives, on every example body and on generated text full of Markdown's
special characters, also when one converter is reused for text after text."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from conftest import PROJEKT
from hypothesis import given, settings
from hypothesis import strategies as st

from styrdok.format.exempel import BRÖDTEXT, lång_vy
from styrdok.format.html import MARKDOWN_TILLÄGG, markdown_html
from styrdok.grund.markdown_gallring import GallringsTillägg


def webbplatsens_tillägg() -> tuple[list, dict]:
    """The site's Markdown extensions from mkdocs.yml, without the pruning extension itself."""
    namn, inställningar = [], {}
    for post in yaml.safe_load((PROJEKT / "mkdocs.yml").read_text(encoding="utf-8"))[
        "markdown_extensions"
    ]:
        tillägg, konfig = next(iter(post.items())) if isinstance(post, dict) else (post, None)
        if tillägg == "styrdok.grund.markdown_gallring":
            continue
        namn.append(tillägg)
        if konfig:
            inställningar[tillägg] = konfig
    return namn, inställningar


WEBB, WEBB_KONFIG = webbplatsens_tillägg()
WEBB_GALLRAD = markdown.Markdown(
    extensions=[*WEBB, "styrdok.grund.markdown_gallring"], extension_configs=WEBB_KONFIG
)


def jämför(text: str) -> None:
    assert markdown_html(text) == markdown.markdown(
        text, extensions=MARKDOWN_TILLÄGG, output_format="html"
    )
    assert WEBB_GALLRAD.reset().convert(text) == markdown.markdown(
        text, extensions=WEBB, extension_configs=WEBB_KONFIG
    )


def test_webbplatsen_läser_in_tillägget():
    assert (
        "styrdok.grund.markdown_gallring"
        in yaml.safe_load((PROJEKT / "mkdocs.yml").read_text(encoding="utf-8"))[
            "markdown_extensions"
        ]
    )
    assert {"tables", "toc", "attr_list"} <= set(WEBB)


def test_exemplets_alla_brödtexter(tmp_path: Path):
    texter = [BRÖDTEXT, lång_vy(tmp_path, 2).brödtext]
    for fil in sorted((PROJEKT / "content").rglob("*.md")):
        text = fil.read_text(encoding="utf-8")
        texter.append(text.split("---", 2)[2] if text.startswith("---") else text)
    assert len(texter) > 40
    for text in texter:
        jämför(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ord",
        "`kod` <b>x</b> &amp; *y* [l](/z) \\* ![b](c.png) _u_ <https://a.se>",
        '!!! note "Titel med *betoning*"\n    Text med `kod`.\n',
    ],
)
def test_enstaka_texter(text: str):
    jämför(text)


BITAR = st.sampled_from(
    [
        "ord",
        " ",
        "  \n",
        "\n",
        "\n\n",
        "\t",
        "*",
        "**",
        "_",
        "__",
        "`",
        "``",
        "\\",
        "[",
        "]",
        "(",
        ")",
        "!",
        "<",
        ">",
        "&",
        "&amp;",
        "&#169;",
        ";",
        "#",
        "## ",
        "- ",
        "1. ",
        "    ",
        "|",
        "|---|",
        "{: .x}",
        "<https://exempel.se>",
        "<a@b.se>",
        "[länk](https://exempel.se)",
        "![bild](b.png)",
        "[ref]",
        "[ref]: /x",
        "<b>",
        "</b>",
        "<!-- k -->",
        "åäö",
        ":",
        "\u00a0",
        "!!! note",
        "[TOC]",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(BITAR, max_size=40).map("".join))
def test_genererad_text(text: str):
    # Alternating with a text that needs every pattern: what was taken out must come back.
    jämför(text)
    jämför("`kod` <b>x</b> &amp; *y* [l](/z) \\* ![b](c.png) _u_")


def test_tillägget_tar_verkligen_bort_mönster():
    md = markdown.Markdown(extensions=[GallringsTillägg()])
    md.convert("bara ord")
    kvar = {post.name for post in md.inlinePatterns._priority}
    assert "backtick" not in kvar and "link" not in kvar and "linebreak" in kvar
    md.reset().convert("`kod` och [länk](/x)")
    kvar = {post.name for post in md.inlinePatterns._priority}
    assert {"backtick", "link"} <= kvar


class _LäggTill(markdown.preprocessors.Preprocessor):
    """Like pymdownx.snippets: a preprocessor that adds text the source does not contain."""

    def run(self, lines):
        return [*lines, "", "Tillagd text med `kod`, [länk](/x) och *betoning*."]


class _TilläggSomLäggerTill(markdown.Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_LäggTill(md), "lägg_till", 25)


@pytest.mark.parametrize("text", ["bara ord", '<div markdown="1">\n*inne* i `html`\n</div>\n\nord'])
def test_text_som_förprocessorer_lägger_till_eller_gömmer(text: str):
    for tillägg in (["md_in_html"], [_TilläggSomLäggerTill()]):
        gallrad = markdown.Markdown(extensions=[*tillägg, GallringsTillägg()])
        assert gallrad.convert(text) == markdown.markdown(text, extensions=tillägg)
