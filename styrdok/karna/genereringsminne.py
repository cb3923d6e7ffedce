"""What a kind made from one source, kept in memory between builds in one process
(``styrdok serve`` generates every page after every save) and taken as it is while neither
that source nor anything else the kind may read for it has changed.

A kind that uses this promises one thing: the body of each of its sources is read only for
that source's own outputs (its page, its document). Every other output may depend on the
source's front matter, never on its body. Then an edit to one body changes what is made for
that source only, and what was made for every other source is taken as it is.

What the outputs may depend on besides their own source is summed once per korpus in
:func:`omvärld`: the day, the site variant, the document formats, the front matter of every
one of the kind's sources (the values read from it), and every other file under content/
(kommun.yml, the other kinds' sources, attachments, images) by size, time and inode as they
were just before the sources were read (``Korpus.tillstånd``: a change while they are read
counts next time; one within a clock tick of it is never taken for no change). The source
itself counts by identity: ``grund/lasminne`` hands out the same object for the same bytes,
and a new one when they changed (always for a text with an image). Whatever else an output
depends on is the caller's part of the key (whether documents are linked, a status made
from the korpus). Paths are summed throughout: the public copy keeps a sum of each intranet
document it left out, never its name.

It is on only in a process that builds more than once (:func:`påslaget`): ``styrdok
serve`` and plain ``mkdocs serve`` with styrdok's hooks. A one-shot ``styrdok build`` or
``check`` makes everything once and pays nothing for it: no snapshot, no sums, nothing kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import os
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Generic, TypeVar

from styrdok.grund.kallfil import Källfil
from styrdok.karna.korpus import Korpus

T = TypeVar("T")

STÖRST = 20_000
"""Entries kept at most (a long session of tests builds many projects in one process)."""


_GLÖM: list[Callable[[], None]] = []
_PÅ: list[bool] = []


def aktiv() -> bool:
    """Whether what is made is kept (only between :func:`påslaget`'s start and end, or
    after :func:`slå_på`)."""
    return bool(_PÅ)


def slå_på() -> None:
    """On for the rest of the process (plain ``mkdocs serve``, which has no end of its own
    to tell)."""
    _PÅ.append(True)


@contextlib.contextmanager
def påslaget() -> Iterator[None]:
    """On while the block runs (``styrdok serve``'s loop); everything kept is dropped after."""
    _PÅ.append(True)
    try:
        yield
    finally:
        _PÅ.pop()
        if not _PÅ:
            glöm_allt()


def när_allt_glöms(glöm: Callable[[], None]) -> None:
    """``glöm`` is called by :func:`glöm_allt` (another memory of the same kind)."""
    _GLÖM.append(glöm)


def glöm_allt() -> None:
    """Everything kept is dropped: the next build makes every output again."""
    for glöm in _GLÖM:
        glöm()
    _HUVUDEN.clear()


class Minne(Generic[T]):
    """One kind of output per source: {key: (the source, omvärld, extra key, the output)}.
    An output made from no one source (a list of documents made from their front matter)
    is kept with the source None."""

    def __init__(self) -> None:
        self._poster: dict[Hashable, tuple[Källfil | None, str, Hashable, T]] = {}
        när_allt_glöms(self._poster.clear)

    def hämta(
        self,
        nyckel: Hashable,
        källa: Källfil | None,
        omvärld: Callable[[], str],
        gör: Callable[[], T],
        extra: Hashable = None,
    ) -> T:
        """``gör()``, or what it returned for ``nyckel`` when the source was this very
        object, the omvärld (``omvärld()``, asked only when kept) the same sum and ``extra``
        equal. Only ``gör()`` when the memory is off."""
        if not _PÅ:
            return gör()
        summa = omvärld()
        post = self._poster.get(nyckel)
        if post is not None and post[0] is källa and post[1] == summa and post[2] == extra:
            return post[3]
        värde = gör()
        _behåll(self._poster, nyckel, (källa, summa, extra, värde))
        return värde


class Samma(Generic[T]):
    """What a later step made from the very objects a kind handed over (by identity: the
    same objects from a :class:`Minne`, a page's text and search values), by key."""

    def __init__(self) -> None:
        self._poster: dict[Hashable, tuple[tuple, T]] = {}
        när_allt_glöms(self._poster.clear)

    def hämta(self, nyckel: Hashable, av: tuple, gör: Callable[[], T]) -> T:
        """``gör()``, or what it returned for ``nyckel`` from these very objects; only
        ``gör()`` when the memory is off."""
        if not _PÅ:
            return gör()
        post = self._poster.get(nyckel)
        if post is not None and len(post[0]) == len(av) and all(map(operator.is_, post[0], av)):
            return post[1]
        värde = gör()
        _behåll(self._poster, nyckel, (av, värde))
        return värde


def _behåll(poster: dict, nyckel: Hashable, post: tuple) -> None:
    if len(poster) >= STÖRST:
        poster.clear()
    poster[nyckel] = post


_HUVUDEN: dict[str, tuple[Källfil, str]] = {}
"""A source's front matter as summed, by its path: the source object it was summed from,
and the sum (one entry per file, replaced when the file is read anew)."""


def omvärld(korpus: Korpus, namn: str, huvuden: Callable[[], Mapping[str, str]]) -> str:
    """A sum of everything the outputs of kind ``namn`` made from one of its sources may
    read besides that source's body (see the module); once per korpus. ``huvuden``: every
    source of the kind whose body is read only for its own outputs, by its path summed
    (``grund/filer.platssumma``), with
    its front matter summed (:func:`huvud`); the other files under content/ count by size,
    time and inode."""
    return korpus.härlett(f"omvärld {namn}", lambda: _omvärld(korpus, huvuden()))


def _omvärld(korpus: Korpus, egna: Mapping[str, str]) -> str:
    if korpus.tillstånd is None:  # not known: a sum no other korpus gets
        return f"okänd {os.urandom(16).hex()}"
    h = hashlib.sha256(repr((korpus.publik, korpus.idag.isoformat(), korpus.format)).encode())
    for plats_, tillstånd in korpus.tillstånd.items():
        h.update(f"\0{plats_}\0{egna.get(plats_, tillstånd)}".encode())
    h.update(repr(sorted((p, egna[p]) for p in egna.keys() - korpus.tillstånd.keys())).encode())
    return h.hexdigest()


def huvud(källa: Källfil) -> str:
    """A sum of the source's front matter as read (every value, in the file's order); once
    per source object."""
    väg = str(källa.sökväg)
    post = _HUVUDEN.get(väg)
    if post is not None and post[0] is källa:
        return post[1]
    summa = hashlib.sha256(repr(källa.data).encode("utf-8", "surrogateescape")).hexdigest()
    if len(_HUVUDEN) >= STÖRST:
        _HUVUDEN.clear()
    _HUVUDEN[väg] = (källa, summa)
    return summa
