"""What the gate searches the public site for besides secrets (``karna/grind``): the titles,
paths and long sentences of the sources only the intranet is made from, less the titles and
sentences a public source has too (those are published by right: no leak).

A phrase is public when one public source has it, its texts normalized as the gate
normalizes. That is decided again in every build, but not from nothing: each public
source's normalized text and each intranet source's phrases are kept by the source's
content, and with each phrase the public source it was found in (or none) in
``build/cache/grind-interna.pickle``. In the next build a phrase found in a public source
that is unchanged is public still; one found nowhere is looked for in the public sources
that are new or changed only; one whose source changed is looked for in the new and
changed sources, and else in all of them. A change to how this is decided (this module,
the normalization, sentences) makes everything anew.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from styrdok import __version__
from styrdok.grund import fraser, normalisering
from styrdok.grund.filer import skriv_atomiskt
from styrdok.grund.fraser import Fraser
from styrdok.grund.normalisering import fras, normalisera, snabb
from styrdok.karna import sekretess
from styrdok.karna.grind_minne import Sökt
from styrdok.karna.korpus import Korpus
from styrdok.karna.sekretess import meningar

MINSTA_MENING = 8
"""Words an intranet sentence needs to be searched for on the public site."""
FIL = "grind-interna.pickle"
_FÅ = 20
"""Phrases at most looked for one text at a time; more, and all texts are indexed."""
_TITEL, _SÖKVÄG, _MENING = (
    "intranätdokumentets titel",
    "intranätdokumentets sökväg",
    "en mening ur ett intranätdokument",
)


def sökt(text: str, vad: str, källa: str, ordtecken: str = "") -> Sökt | None:
    """``text`` as the gate searches for it (normalized, without the punctuation that ends
    it), if it is long enough to search. A sentence is searched for without its full stop:
    a public source may have the same words as a list item, a heading or a table cell
    without one (and so they are public), while the site shows them, and its search index
    holds them, followed by one."""
    f = fras(text) if _MARKDOWN.search(text) else snabb(text)  # the same, faster
    f = f.rstrip(_SLUT)
    return Sökt(f, vad, källa, ordtecken) if len(f) >= 4 else None


_SLUT = ".!?:;, "
"""What ends a sentence or a line, normalized (an ellipsis is three full stops by then)."""


@dataclass
class _Minne:
    version: str = ""
    texter: dict[str, str] = field(default_factory=dict)
    """A public source (by content) → its normalized text."""
    fraser: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    """An intranet source (by content and name) → its phrases (fras, vad, ordtecken)."""
    svar: dict[str, str | None] = field(default_factory=dict)
    """A phrase → the public source (by content) it was found in, or None."""


def intranätsträngar(korpus: Korpus, cache: Path | None = None) -> list[Sökt]:
    """The intranet-only strings to search the public site for: every intranet source's
    path (a public source may name an intranet document only where it is not published, as
    an internal underlag), and its titles and long sentences that no public source has.
    ``cache``: the build's cache folder, for what an earlier build found."""
    tidigare = _ladda(cache)
    nu = _Minne(tidigare.version)
    publik = korpus.publik_kopia()
    offentliga = {id(k) for s in publik.slag for k in s.källor(publik)}
    for k in (k for s in publik.slag for k in s.källor(publik)):
        nyckel = _nyckel("", k)
        if nyckel not in nu.texter:
            nu.texter[nyckel] = tidigare.texter.get(nyckel) or _offentlig_text(k)
    nya = [n for n in nu.texter if n not in tidigare.texter]
    interna = [
        (källa, _fraser(källa, tidigare, nu))
        for s in korpus.slag
        for källa in s.källor(korpus)
        if id(källa) not in offentliga
    ]
    oklara: list[str] = []
    få_nya = len(nya) <= _FÅ
    for f, vad, _ in (p for _, fr in interna for p in fr):
        if vad == _SÖKVÄG or f in nu.svar:
            continue
        före = tidigare.svar.get(f, "?")
        if före is not None and före in nu.texter:
            nu.svar[f] = före  # its public source is unchanged
        elif få_nya and (
            (hittad := next((n for n in nya if f in nu.texter[n]), None)) or före is None
        ):
            nu.svar[f] = hittad  # nowhere before: only a new or changed source can have it
        else:
            oklara.append(f)
    _leta(oklara, nu)
    if cache is not None:
        _spara(cache, nu)
    return [
        Sökt(f, vad, källa.visningsnamn, ordtecken)
        for källa, fr in interna
        for f, vad, ordtecken in fr
        if vad == _SÖKVÄG or nu.svar[f] is None
    ]


def _leta(oklara: list[str], nu: _Minne) -> None:
    """Where each phrase is among all the public texts: one text at a time for a few, by
    an index of all of them for many."""
    nycklar = list(nu.texter)
    if len(oklara) <= _FÅ:
        for f in oklara:
            nu.svar[f] = next((n for n in nycklar if f in nu.texter[n]), None)
        return
    index = Fraser([nu.texter[n] for n in nycklar])
    for f in oklara:
        nu.svar[f] = None if (i := index.var(f)) is None else nycklar[i]


def _fraser(källa, tidigare: _Minne, nu: _Minne) -> list[tuple[str, str, str]]:
    nyckel = _nyckel(källa.visningsnamn, källa)
    if (fr := nu.fraser.get(nyckel)) is None:
        fr = nu.fraser[nyckel] = tidigare.fraser.get(nyckel) or _nya_fraser(källa)
    return fr


def _nya_fraser(källa) -> list[tuple[str, str, str]]:
    namn = källa.visningsnamn
    kandidater = [(str((källa.data or {}).get(n, "")), _TITEL) for n in ("titel", "namn")]
    kandidater.append((Path(namn).with_suffix("").as_posix().removeprefix("content/"), _SÖKVÄG))
    for text in _texter(källa):
        kandidater += [
            (m, _MENING)
            for m in meningar(_BLOCKMARKÖR.sub(_blockmarkör, text))
            if len(m.split()) >= MINSTA_MENING
        ]
    return [
        (s.fras, s.vad, s.ordtecken)
        for text, vad in kandidater
        if (s := sökt(text, vad, namn, "-_" if vad == _SÖKVÄG else ""))
    ]


def _offentlig_text(källa) -> str:
    """A public source's texts as the sentences are compared (blocks marked as in
    :func:`_nya_fraser`, so a sentence a public source has too is known as public; but a
    table row kept: its cells are published text, sentences or not)."""
    return " ".join(_normaliserad(_BLOCKMARKÖR.sub(_offentligt_block, t)) for t in _texter(källa))


def _offentligt_block(m: re.Match) -> str:
    return m.group(0) if m.group(0).lstrip().startswith("|") else _blockmarkör(m)


def _nyckel(namn: str, källa) -> str:
    summa = hashlib.sha256(namn.encode("utf-8", "surrogatepass"))
    for text in _texter(källa):
        summa.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return summa.hexdigest()


def _version() -> str:
    """How phrases are made and compared: this module, the normalization, sentences."""
    summa = hashlib.sha256(f"{__version__}\0{MINSTA_MENING}\0".encode())
    for fil in (__file__, normalisering.__file__, fraser.__file__, sekretess.__file__):
        summa.update(Path(fil).read_bytes())
    return summa.hexdigest()


def _ladda(cache: Path | None) -> _Minne:
    version = _version()
    if cache is not None:
        try:
            minne = pickle.loads((cache / FIL).read_bytes())
            if isinstance(minne, _Minne) and minne.version == version:
                return minne
        except Exception:  # a broken, old or foreign file only costs time
            pass
    return _Minne(version)


def _spara(cache: Path, minne: _Minne) -> None:
    try:
        skriv_atomiskt(cache / FIL, pickle.dumps(minne, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # the next build makes it anew


def _normaliserad(text: str) -> str:
    return normalisera(text).text if _MARKDOWN.search(text) else snabb(text)


_MARKDOWN = re.compile(r"[\[<{\\]")
"""What only :func:`normalisera` reads right (links, tags, attribute lists, escapes); any
other text normalizes the same with :func:`snabb`, faster."""
_BLOCKMARKÖR = re.compile(r"^[ \t]*(?:(#{1,6}[ \t]+)(.*)|\|.*|(?:[-*+>]|\d+[.)])[ \t]+(.*))$", re.M)
"""A heading (a sentence of its own), a table row (cells, no sentence) or a list item or
quote (the marker is no text) at the start of a line of Markdown."""


def _blockmarkör(m: re.Match) -> str:
    if m.group(1):
        return m.group(2).rstrip(" #") + "."
    return m.group(3) or ""


def _texter(källa) -> Iterator[str]:
    if källa.brödtext:
        yield källa.brödtext
    stack = [källa.data]
    while stack:
        värde = stack.pop()
        if isinstance(värde, dict):
            stack += värde.values()
        elif isinstance(värde, list):
            stack += värde
        elif isinstance(värde, str):
            yield värde
