"""A Python-Markdown extension that makes conversion faster without changing its output.

Python-Markdown tries every inline pattern on every piece of text of a document. Most
patterns cannot match unless the text holds a particular character: no backtick, no code
span; no ``<``, no autolink or inline HTML; no ``[``, no link. Before a document is parsed,
this extension takes out the patterns whose character neither the source nor what the
preprocessors made of it contains, and puts back the ones it needs, in their original
order (one converter may be reset and reused for many documents). Patterns it does not
know are never touched, so other extensions' syntax keeps working.

The site engine loads it from ``mkdocs.yml`` (``- styrdok.grund.markdown_gallring``) and the PDF
and Word writers add it to their converter; ``tests/test_markdown_gallring.py`` holds the
output to Python-Markdown's own, with and without it, for both sets of extensions.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# Built-in inline patterns (by registry name) and the characters one of which the text must
# contain for the pattern to match anywhere in it.
UTLÖSARE: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "short_reference": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
    "strong": ("*",),
    "emphasis": ("*",),
    "strong2": ("_",),
    "emphasis2": ("_",),
}


class _Läs(Preprocessor):
    """First of all preprocessors: notes the source as written (before raw HTML is stashed)."""

    def __init__(self, md: Markdown, gallra: _Gallra):
        super().__init__(md)
        self.gallra = gallra

    def run(self, lines: list[str]) -> list[str]:
        self.gallra.källa = "\n".join(lines)
        return lines


class _Gallra(Preprocessor):
    """Last of all preprocessors: judges the source as written together with what the other
    preprocessors made of it (text they add, e.g. included snippets), and rebuilds the
    registry with only the patterns that can match, in their original order."""

    def __init__(self, md: Markdown):
        super().__init__(md)
        self.källa = ""
        self._alla: list | None = None
        self._avgränsare = None

    def run(self, lines: list[str]) -> list[str]:
        register = self.md.inlinePatterns
        if self._alla is None:  # taken at the first document, after every extension has registered
            self._alla = [
                (post.name, register[post.name], post.priority) for post in register._priority
            ]
            self._avgränsare = getattr(self.md, "delimiters", None)
        text = self.källa + "\n" + "\n".join(lines)
        for namn, _, _ in self._alla:
            if namn in register:
                register.deregister(namn)
        for namn, mönster, prioritet in self._alla:
            utlösare = UTLÖSARE.get(namn)
            if utlösare is None or any(tecken in text for tecken in utlösare):
                register.register(mönster, namn, prioritet)
        if self._avgränsare is not None and self._avgränsare in register:
            # Markdown.reset() forgets a delimiter processor that was out of the registry:
            # give it back, with its state reset, whenever it is in again.
            self.md.delimiters = self._avgränsare
            self._avgränsare.reset()
        return lines


class GallringsTillägg(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        gallra = _Gallra(md)
        md.preprocessors.register(_Läs(md, gallra), "styrdok_gallring_läs", 1000)
        md.preprocessors.register(gallra, "styrdok_gallring", -1000)


def makeExtension(**kwargs) -> GallringsTillägg:  # noqa: N802 (Python-Markdown's name)
    return GallringsTillägg(**kwargs)
