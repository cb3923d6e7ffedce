"""styrdok's own link check: every relative link of every Markdown text of every source points
at something (with a suggestion when not), at a document or a file rather than a source,
never outside the site, and never from a public text to what only the intranet may hold; the
files links publish are safe (``grund.filgranskning``) and never two on one address."""

from __future__ import annotations

import posixpath
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filgranskning import filproblem
from styrdok.grund.kallfil import Källfil
from styrdok.grund.lankar import Länk, tolka
from styrdok.grund.modellfel import föreslå
from styrdok.grund.sokvag import läsbar
from styrdok.karna.lankar import (
    ABSOLUT,
    DOKUMENT,
    FIL,
    KÄLLFIL,
    NÄTVÄG,
    SAKNAS,
    Mål,
    dokument_efter_källfil,
    egna_mål,
    innehållsväg,
    upplös,
)

if TYPE_CHECKING:
    from styrdok.karna.korpus import Korpus


def granska_alla(korpus: Korpus, rapport: Rapport) -> None:
    """Check the links of every Markdown text of every source of every kind: the body and
    each Markdown value (``Källfil.markdowntexter``). A source the public copy of the korpus
    holds is published on the website, so it may not link to an intranet document."""
    publik = korpus.publik_kopia()
    offentliga = {id(k) for s in publik.slag for k in s.källor(publik)}
    interna = frozenset(f for s in korpus.slag for f in s.interna_filer(korpus))
    filnamn: dict[str, Path] = {}
    for s in korpus.slag:
        for källa in s.källor(korpus):
            for text, rad in källa.markdowntexter():
                publicerad = id(källa) in offentliga
                granska_länkar(korpus, källa, text, rad, rapport, publicerad, interna, filnamn)


def granska_länkar(
    korpus: Korpus,
    källa: Källfil,
    text: str,
    första_rad: int,
    rapport: Rapport,
    publik: bool,
    interna: frozenset[Path] = frozenset(),
    filnamn: dict[str, Path] | None = None,
) -> None:
    """Report every relative link in ``text`` (which starts on line ``första_rad`` of
    ``källa``) that points at nothing, at a source that is no document, outside the site
    (``/...``), or, when the text is published on the public website (``publik``), at a
    document that is only on the intranet. Images are checked by ``brodtext.granska``
    (existence, alt text); here only that they are no source file."""
    if "[" not in text and "<" not in text:
        return
    sedda: set[tuple[int, int, str]] = set()
    for del_ in egna_mål(tolka(text).länkar):
        mål = upplös(korpus, källa.sökväg, del_.mål)
        meddelande = _problem(korpus, källa.sökväg, del_, mål, publik)
        if meddelande is None and mål.art == FIL:
            meddelande = _filens_problem(korpus, del_, mål, publik, interna, filnamn)
        if meddelande is not None:
            sedda.add((första_rad + del_.rad, del_.kolumn, meddelande))
    for rad, kolumn, meddelande in sorted(sedda):
        rapport.fel(källa.visningsnamn, rad, kolumn, meddelande)


def _problem(korpus: Korpus, källa: Path, del_: Länk, mål: Mål, publik: bool) -> str | None:
    skrivet = läsbar(del_.mål)
    if del_.bild:
        if mål.art in (DOKUMENT, KÄLLFIL):
            return f"bilden {skrivet} är en källfil, ingen bild; ange en bildfil (.png, .jpg, .svg)"
        return None
    if mål.art == SAKNAS:
        förslag = _förslag(korpus, källa, mål.väg)
        return f"länken {skrivet} pekar på något som inte finns" + (
            f"; menade du {förslag}?"
            if förslag
            else "; ange sökvägen till filen relativt den här filen, t.ex. ../ekonomi/policy.md"
        )
    if mål.art == ABSOLUT:
        förslag = _förslag(korpus, korpus.innehåll / "_", mål.väg.lstrip("/\\"))
        relativ = _relativ(korpus.innehåll / förslag, källa) if förslag else None
        return (
            f"länken {skrivet} börjar med /; "
            + (
                f"skriv {relativ} (sökvägen relativt den här filen)"
                if relativ
                else "ange sökvägen relativt den här filen, t.ex. ../ekonomi/policy.md,"
            )
            + " så att länken fungerar på webbplatsen, på intranätet och i PDF och Word"
        )
    if mål.art == NÄTVÄG:
        return f"länken {skrivet} saknar https:; skriv hela webbadressen, t.ex. https:{skrivet}"
    if mål.art == KÄLLFIL:
        return (
            f"länken {skrivet} pekar på en källfil som inte blir någon egen sida; länka till "
            "ett styrdokument eller en sida i stället"
        )
    if mål.art == DOKUMENT and publik and not mål.referens.publik:
        return (
            f"länken {skrivet} länkar till ett dokument som bara finns på intranätet "
            f"({mål.referens.titel}), men texten publiceras på den publika webbplatsen; ta bort "
            "länken eller publicera dokumentet på webben"
        )
    return None


def _filens_problem(
    korpus: Korpus,
    del_: Länk,
    mål: Mål,
    publik: bool,
    interna: frozenset[Path],
    filnamn: dict[str, Path] | None,
) -> str | None:
    """A file a link or image publishes: safe to publish (``grund.filgranskning``), not a file
    only the intranet may hold when the text is public, and not the same name on a web server
    (case and Unicode form folded) as another file."""
    skrivet, fil = läsbar(del_.mål), mål.fil
    if (problem := filproblem(fil)) is not None:
        return f"{'bilden' if del_.bild else 'filen'} {skrivet} {problem}"
    if publik and fil in interna:
        return (
            f"filen {skrivet} hör till ett dokument som bara finns på intranätet (en bilaga "
            "eller ett utkast), men texten publiceras på den publika webbplatsen; ta bort "
            "länken eller publicera dokumentet på webben"
        )
    if filnamn is not None:
        nyckel = unicodedata.normalize("NFC", innehållsväg(korpus, fil)).casefold()
        if filnamn.setdefault(nyckel, fil) != fil:
            annan = filnamn[nyckel].relative_to(korpus.innehåll.resolve()).as_posix()
            return (
                f"filen {skrivet} får samma adress som content/{annan} på en webbserver som inte "
                "skiljer på stora och små bokstäver; döp om en av filerna"
            )
    return None


def _förslag(korpus: Korpus, källa: Path, väg: str) -> str | None:
    """The path of an existing document or file that ``väg`` probably meant, relative to
    ``källa``'s folder: a document named by its id (``styrdokument/ekonomi/policy``) or by
    its page (``forfattningssamling/2021-3``), or the closest of every file under content/."""
    if not väg:
        return None
    sidvägar = {r.sidväg.removesuffix(".md"): r for r in dokument_efter_källfil(korpus).values()}
    ref = (
        korpus.slå_upp(väg.removesuffix(".md"))
        or korpus.slå_upp(väg)
        or sidvägar.get(väg.strip("/").removesuffix(".md").removesuffix("/index"))
    )
    if ref is not None:
        return _relativ(ref.källfil, källa)
    kandidater = [_relativ(f, källa) for f in _filer(korpus)]
    return föreslå(väg, kandidater)


def _relativ(fil: Path, källa: Path) -> str:
    return posixpath.relpath(fil.resolve().as_posix(), källa.resolve().parent.as_posix())


def _filer(korpus: Korpus) -> list[Path]:
    innehåll = korpus.innehåll.resolve()

    def alla() -> list[Path]:
        return sorted(
            p
            for p in innehåll.rglob("*")
            if p.is_file() and not any(d.startswith(".") for d in p.relative_to(innehåll).parts)
        )

    return korpus.härlett("lankar.filer", alla)
