"""Sekretess follows the data, across every kind.

A kind declares what is secret (:class:`Hemligheter`: strings such as a sekretess ärende's
rubrik, diarienummer and the sentences of its text, and files by content hash); this check
then reads every value, mapping key and text of every source of every kind, and reports, at
its line and column:

* a secret string written anywhere else, however it is written (``grund/normalisering``:
  case, line breaks, spacing, Unicode forms, invisible characters, HTML entities, inline
  tags, Markdown emphasis and links do not hide it; a link's or image's title is searched);
* a secret file referenced from anything else (the same bytes under another name too).

The only places exempt are the secret values themselves (``Hemligheter.undantag``).
Whatever is reported is never built, so no site, calendar, feed or document can hold it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.fraser import MENINGSGRÄNS
from styrdok.grund.kallfil import Källfil, Sökväg
from styrdok.grund.lankar import tolka, verkligt_mål
from styrdok.grund.normalisering import fras, normalisera, rad_och_kolumn
from styrdok.grund.sokvag import hitta_fil, sökvägsproblem
from styrdok.karna.korpus import Korpus
from styrdok.karna.slag import Hemligheter

MINSTA_MENING = 6
"""Words a sentence of a secret text needs to be searched for on its own."""


def meningar(text: str) -> list[str]:
    """The sentences of a secret text long enough to identify it."""
    return [
        m for m in MENINGSGRÄNS.split(" ".join(text.split())) if len(m.split()) >= MINSTA_MENING
    ]


def filsumma(fil: Path) -> str:
    return hashlib.sha256(fil.read_bytes()).hexdigest()


def hemligheter(korpus: Korpus) -> Hemligheter:
    """Everything every kind declares secret."""
    hemligt = Hemligheter()
    for s in korpus.slag:
        if (h := s.hemligheter(korpus)) is not None:
            hemligt.lägg_till(h)
    return hemligt


def granska(korpus: Korpus, rapport: Rapport) -> None:
    hemligt = hemligheter(korpus)
    if not hemligt.strängar and not hemligt.filer:
        return
    sökta = [(fras(h.text), h) for h in hemligt.strängar if fras(h.text)]
    summor: dict[Path, str] = {}
    for källa in _källor(korpus):
        fil = källa.sökväg.resolve()
        for sökväg, värde, art in _värden(källa.data, källa.brödtext):
            if any((fil, sökväg[:n]) in hemligt.undantag for n in range(len(sökväg) + 1)):
                continue
            _strängar(källa, sökväg, värde, art, sökta, rapport)
            if art != NYCKEL:
                _filer(korpus, källa, sökväg, värde, art, hemligt.filer, summor, rapport)


def _källor(korpus: Korpus) -> Iterator[Källfil]:
    yield korpus.kommunkälla
    for s in korpus.slag:
        yield from s.källor(korpus)


BRÖDTEXT, VÄRDE, NYCKEL = "texten", "värdet", "nyckeln"


def _värden(data: Any, brödtext: str, sökväg: Sökväg = ()) -> Iterator[tuple[Sökväg, str, str]]:
    """(key path, text, what it is) for every string in a source: the body, every value and
    every mapping key (a key can be published too, as a KFS number outside styrdok is)."""
    if sökväg == () and brödtext:
        yield (), brödtext, BRÖDTEXT
    if isinstance(data, dict):
        for nyckel, värde in data.items():
            if isinstance(nyckel, str):
                yield sökväg + (nyckel,), nyckel, NYCKEL
            yield from _värden(värde, "", sökväg + (nyckel,))
    elif isinstance(data, list):
        for i, värde in enumerate(data):
            yield from _värden(värde, "", sökväg + (i,))
    elif isinstance(data, str) and sökväg:
        yield sökväg, data, VÄRDE


def _plats(källa: Källfil, sökväg: Sökväg, text: str, index: int, art: str) -> tuple[int, int]:
    rad, kolumn = rad_och_kolumn(text, index)
    if art == BRÖDTEXT:
        return källa.brödtext_rad + rad, kolumn
    if art == NYCKEL:
        nyckelrad, nyckelkolumn = källa.positioner.nyckel(sökväg)
        return nyckelrad, nyckelkolumn + kolumn - 1
    värderad, värdekolumn = källa.positioner.värde(sökväg)
    if rad == 0 and "\n" not in text:
        return värderad, värdekolumn + kolumn - 1
    return värderad + rad + 1, kolumn  # a block scalar starts on the line after its key


def _strängar(källa, sökväg, värde, art, sökta, rapport) -> None:
    normaliserad = normalisera(värde)
    for nål, h in sökta:
        for index in normaliserad.hitta(nål)[:1]:
            rad, kolumn = _plats(källa, sökväg, värde, index, art)
            rapport.fel(
                källa.visningsnamn,
                rad,
                kolumn,
                f"{art} nämner sekretessärendets {h.vad} »{h.text}« och publiceras som "
                f"{'den' if art == BRÖDTEXT else 'det'} står på webbplatsen; skriv om ärendet "
                "bara under ärenden: (med sekretess: ja)",
            )


def _filer(korpus, källa, sökväg, värde, art, hemliga, summor, rapport) -> None:
    if not hemliga:
        return
    for index, mål in _filreferenser(värde, art == BRÖDTEXT):
        fil = hitta_fil(korpus.innehåll, mål, (källa.sökväg.parent, korpus.innehåll))
        if fil is None:
            continue
        if fil not in summor:
            summor[fil] = filsumma(fil)
        if summor[fil] in hemliga:
            rad, kolumn = _plats(källa, sökväg, värde, index, art)
            rapport.fel(
                källa.visningsnamn,
                rad,
                kolumn,
                f"{mål} är en handling i ett sekretessärende (samma innehåll) och får inte "
                "publiceras; ta bort hänvisningen",
            )


def _filreferenser(värde: str, brödtext: bool) -> Iterable[tuple[int, str]]:
    """(index, target) of what may name a file: a link or image in Markdown, or a value that
    is itself a path (a bilaga, a beslutsunderlag)."""
    if "[" in värde or "<" in värde:
        for länk in tolka(värde).länkar:
            if länk.mål:
                yield länk.mål_start, unquote(verkligt_mål(länk.mål)).split("#", 1)[0]
    if not brödtext and "\n" not in värde and not sökvägsproblem(värde) and "." in värde:
        yield 0, värde.strip()
