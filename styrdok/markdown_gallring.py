"""A Python-Markdown extension that makes conversion faster without changing its output.

Python-Markdown tries every inline pattern on every piece of text of a document. Most
patterns cannot match unless the text holds a particular character: no backtick, no code
span; no ``<``, no autolink or inline HTML; no ``[``, no link. Before a document is parsed,
this extension takes out the patterns whose character the whole text lacks, and puts back
the ones it needs (one converter may be reset and reused for many documents). Patterns it
does not know are never touched, so other extensions' syntax keeps working.

The site engine loads it from ``mkdocs.yml`` (``- styrdok.markdown_gallring``) and the PDF
and Word writers add it to their converter; ``tests/test_markdown_gallring.py`` holds the
output to Python-Markdown's own, with and without it, for both sets of extensions.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# Built-in inline patterns (by registry name) and the characters one of which the text must
# contain for the pattern to match anywhere in it.
UTLÖSARE: dict[str, tuple[str, ...]] = {
    "backtick": ("`",), "escape": ("\\",),
    "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",), "entity": ("&",),
    "em_strong": ("*", "_"), "em_strong2": ("_",), "not_strong": ("*", "_"),
    "strong": ("*",), "emphasis": ("*",), "strong2": ("_",), "emphasis2": ("_",),
}


class _Gallra(Preprocessor):
    """Runs first, on the unaltered source lines, and only adjusts the inline registry."""

    def __init__(self, md: Markdown):
        super().__init__(md)
        self._alla: list | None = None

    def run(self, lines: list[str]) -> list[str]:
        register = self.md.inlinePatterns
        if self._alla is None:  # taken at the first document, after every extension has registered
            self._alla = [(post.name, register[post.name], post.priority) for post in register._priority]
        text = "\n".join(lines)
        for namn, mönster, prioritet in self._alla:
            utlösare = UTLÖSARE.get(namn)
            behövs = utlösare is None or any(tecken in text for tecken in utlösare)
            if behövs and namn not in register:
                register.register(mönster, namn, prioritet)
            elif not behövs and namn in register:
                register.deregister(namn)
        return lines


class GallringsTillägg(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Gallra(md), "styrdok_gallring", 1000)


def makeExtension(**kwargs) -> GallringsTillägg:  # noqa: N802 (Python-Markdown's name)
    return GallringsTillägg(**kwargs)
