"""Which of a built site's pages Pagefind indexes, and what of each it reads: the one place
the search's modules (``sok``, ``sok_sammanslagning``, ``sok_uppdatering``) decide whether two
pages are the same to the index."""

from __future__ import annotations

import re
from pathlib import Path

from styrdok.grund.filer import filer_under

MAPP = "pagefind"
"""The index's folder inside each site."""

_TAGGNAMN = re.compile(r"<([a-zA-Z][\w:-]*)")
_FÖRSTA = (("<h1", re.compile(r"<h1\b.*?</h1>", re.S)), ("<img", re.compile(r"<img\b[^>]*>")))
"""Pagefind's default title and image: each found from where its start first is (``find``
goes through a page several times faster than a pattern's search)."""


def html_filer(site: Path) -> list[tuple[str, str]]:
    """Every HTML file of the site outside the index's folders: (its path in the site, the
    file), in path order."""
    filer = filer_under(site, lambda väg: väg.rpartition("/")[2] == MAPP)
    return [(väg, fil) for väg, fil in filer if väg.endswith(".html")]


def adress(väg: str) -> str:
    """A page's address as Pagefind names it, from its path in the site."""
    return "/" + väg.removesuffix("index.html")


def avtryck(html: str) -> tuple[str, ...] | None:
    """Everything of a page that Pagefind reads: each ``data-pagefind-body`` element whole,
    every element with a ``data-pagefind-*`` attribute (the tag and its first text: meta,
    filters, sort keys, weights), and the page's first heading and image (Pagefind's
    default title and image). None: the page is not indexed (no body element). A body
    element not closed: the whole page, so that only the very same page is the same."""
    kroppar, i = [], html.find("data-pagefind-body")
    while i >= 0:
        start, tagg = html.rfind("<", 0, i), html.find(">", i)
        namn = _TAGGNAMN.match(html, max(start, 0))
        slut = _slutet(html, namn.group(1).lower(), tagg + 1) if namn and tagg > 0 else None
        if slut is None:
            return ("?", html)  # the same as another page only if all of it is
        kroppar.append(html[start:slut])
        i = html.find("data-pagefind-body", slut)
    if not kroppar:
        return None
    första = tuple(_första(html, början, mönster) for början, mönster in _FÖRSTA)
    return (*kroppar, *_pagefinds(html), *första)


def _första(html: str, början: str, mönster: re.Pattern) -> str:
    """The first match of ``mönster`` (which begins with ``början``) in ``html``, or ""."""
    i = html.find(början)
    while i >= 0:
        if m := mönster.match(html, i):
            return m.group()
        i = html.find(början, i + 1)
    return ""


def _pagefinds(html: str) -> list[str]:
    """Every element with a ``data-pagefind-*`` attribute: its start tag and its text up to
    the next tag."""
    delar, i = [], html.find("data-pagefind-")
    while i >= 0:
        start, slut = html.rfind("<", 0, i), html.find("<", i)
        delar.append(html[start : len(html) if slut < 0 else slut])
        i = html.find("data-pagefind-", len(html) if slut < 0 else slut)
    return delar


def _slutet(html: str, tagg: str, från: int) -> int | None:
    """Where the element whose start tag ends at ``från`` ends (after its end tag)."""
    mönster = re.compile(rf"<(/?){re.escape(tagg)}\b[^>]*>", re.I)
    djup = 1
    for träff in mönster.finditer(html, från):
        djup += -1 if träff.group(1) else 1
        if djup == 0:
            return träff.end()
    return None
