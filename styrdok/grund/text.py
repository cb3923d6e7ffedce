"""Text helpers shared by every page and document: links between pages, Markdown tables,
fact tables with row headers, labels that carry colour, symbol and text, and dates."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Iterable

MÅNADER = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def datum(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def länk(från: str, till: str) -> str:
    """Relative link from page ``från`` to page ``till`` (both .md paths under docs)."""
    f, t = från.split("/")[:-1], till.split("/")
    if från.startswith("/") or till.startswith("/") or _OVANLIG.intersection(f + t):
        return posixpath.relpath(till, posixpath.dirname(från) or ".")
    # on the parts (what posixpath.relpath does through abspath: thousands per build)
    gemensamma = 0
    for a, b in zip(f, t, strict=False):
        if a != b:
            break
        gemensamma += 1
    return "/".join([".."] * (len(f) - gemensamma) + t[gemensamma:]) or "."


_OVANLIG = frozenset({"", ".", ".."})


_MARKDOWN = re.compile(r"([\\`*_\[\]{}|#])")


def md(text: str) -> str:
    """A plain text value from a source, as literal text inside Markdown: shown exactly as
    written on the web and in PDF and Word ("Taxa för A & B <2025>"), never read as Markdown
    (emphasis, links, a heading's attribute list) or HTML. One line: line breaks become spaces.
    Every value that is not itself Markdown goes into a generated page through here."""
    text = _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def gemen(text: str) -> str:
    """:func:`md` of a name used inside a sentence: "Strategiska områden" → "strategiska
    områden"; a word in capitals (KF, EU) keeps them."""
    text = str(text).strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return md(text)


def valfri(text: str) -> str:
    """A table cell (or its column's heading) that narrow screens leave out, so that the
    columns that matter (title, number, status) fit without scrolling sideways; the
    document's own page has everything. ``text`` is Markdown already (escaped)."""
    return f'<span class="styrdok-valfri">{text}</span>'


def hel(text: str) -> str:
    """Text a table never breaks across lines: a KFS number, a date."""
    return f'<span class="styrdok-hel">{text}</span>'


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell (the same as :func:`md`; ``|`` is escaped too)."""
    return md(text)


def tabell(rubriker: list[str], rader: list[list[str]]) -> str:
    """A Markdown pipe table."""
    huvud = "| " + " | ".join(rubriker) + " |\n|" + "---|" * len(rubriker) + "\n"
    return huvud + "".join("| " + " | ".join(r) + " |\n" for r in rader)


def faktatabell(rader: list[tuple[str, str]], rubrik: str = "Uppgifter om dokumentet") -> str:
    """Facts as an HTML table with row headers (th scope=row), so a screen reader says
    "Beslutsdatum: 2021-04-22"; Markdown tables cannot mark row headers."""
    # Spaces between the cells: the search index takes the page's text as it stands, and
    # "DokumenttypTaxaFörfattningssamling" would be one word there.
    celler = " ".join(
        f'<tr><th scope="row">{html.escape(e)}</th> <td>{html.escape(v)}</td></tr>'
        for e, v in rader
    )
    return (
        f'<table class="styrdok-metadata"><caption>{html.escape(rubrik)}</caption> '
        f"<tbody>{celler}</tbody></table>\n"
    )


def etikett(klass: str, symbol: str, text: str) -> str:
    """A status label for web pages: colour comes from CSS, the meaning from symbol and text."""
    return (
        f'<span class="styrdok-etikett styrdok-etikett--{html.escape(klass)}">'
        f'<span aria-hidden="true">{html.escape(symbol)}</span> {html.escape(text)}</span>'
    )


def html_tabell(
    rubrik: str, kolumner: list[str], rader: list[list[str]], klass: str = "styrdok-data"
) -> str:
    """A table with a caption and row headers (first column), all text escaped."""
    huvud = " ".join(f'<th scope="col">{html.escape(k)}</th>' for k in kolumner)
    kropp = " ".join(
        "<tr>"
        + f'<th scope="row">{html.escape(r[0])}</th> '
        + " ".join(f"<td>{html.escape(c)}</td>" for c in r[1:])
        + "</tr>"
        for r in rader
    )
    return (
        f'<table class="{klass}"><caption>{html.escape(rubrik)}</caption>'
        f"<thead><tr>{huvud}</tr></thead><tbody>{kropp}</tbody></table>\n"
    )


def nedladdningar(
    från: str,
    bas: str,
    format_: Iterable[tuple[str, str]],
    mall: str = "[{etikett}]({länk})",
    mellan: str = " · ",
) -> str:
    """Links from page ``från`` to a document's files ``bas.<namn>``, one per format given as
    (namn, etikett): ``[PDF](x.pdf) · [Word](x.docx)``."""
    return mellan.join(mall.format(etikett=e, länk=länk(från, f"{bas}.{n}")) for n, e in format_)
