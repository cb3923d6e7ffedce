"""One edit, a few pages indexed: the previous search index brought up to date.

Pagefind makes its index from every page of a site, seconds at 1,000 documents. When an
edit changed only a few pages in anything Pagefind reads (``sok_sidor.avtryck``)
and the site has the very same pages as before, the previous index is updated instead:
Pagefind indexes the changed pages alone, as they were and as they are now, in one small
run, and each changed page keeps its number in the index. Its places are taken out of
each word it had and put into each word it has now, its filter values and its entry in
the page list are replaced, its new fragment added. A word range no such word is in is
kept as it was (the same file, linked). The search then finds what an index made from
nothing finds (the tests compare the two, word for word and place for place).

Pagefind 1.5's files, as read here (gzip-packed CBOR after ``pagefind_dcd``): a word
range is ``[[word, pages, forms], …]``, the word without diacritics, ``pages`` a list of
``[page number, places, places in the fields]`` ordered by page number, each number as its
difference from the one before, ``forms`` as ``[[form with diacritics, pages], …]``; the
places in the fields name a field by its number in the meta file's field list, as
``-number-1`` before its places; a filter is ``[name, [[value, [page numbers]], …]]``; the
meta file ``[version, pages as [fragment, word count], ranges, filters, sorts, fields]``.

Whenever anything is not as expected (the index was not made by this version, a page
added or removed, more than a few changed, a new filter or field, a new word of two
letters, places not where the previous index has them), :func:`uppdatera` returns None
and the index is made from nothing, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from styrdok.webb import sok_delning, sok_ordintervall, sok_ordning
from styrdok.webb.sok_ordintervall import Inte, Ställen
from styrdok.webb.sok_sidor import adress, html_filer

SIDOR = "styrdok-sidor.json"
"""Beside an updated index: ``{"meta": the meta file's name, "sidor": [each page's address,
by its number in the index], "ord": {each word range's name: [[word, where its value
starts, where it ends], …]}}``, for the next update (:func:`_sidlista`)."""
UTANFÖR = "styrdok-utanfor.json"
"""Beside an index made from pages the site does not have (the intranet's word list,
``sok_sammanslagning``): those pages, ``{path: HTML}`` (:func:`skriv_utanför`)."""
FÖRRA = "styrdok-forra-sidor"
"""Where the changed pages as they were go in the small run's folder."""
HÖGST = 0.05
"""Updated when at most this share of the pages changed (or :data:`MINST`)."""
MINST = 8


def _sidlista(förra: Path, meta_namn: str, meta: list) -> dict:
    """The previous index's :data:`SIDOR`: as it kept it, if it is this index's, else read
    from its fragments (an index made from nothing does not spend the time on it). A
    fragment that serves two pages: :class:`Inte`."""
    with contextlib.suppress(OSError, ValueError):
        sidor = json.loads((förra / SIDOR).read_text(encoding="utf-8"))
        if isinstance(sidor, dict) and sidor.get("meta") == meta_namn:
            return sidor
    fragment = [sida[0] for sida in meta[1]]
    if len(set(fragment)) != len(fragment):
        raise Inte
    return {
        "meta": meta_namn,
        "sidor": [sok_ordning.läs_fragment(förra, namn)["url"] for namn in fragment],
    }


def uppdatera(
    mapp: Path,
    källa: Path,
    tidigare: Path,
    kör: Callable[[Path, Path], None],
    avtryck: Callable[[str], tuple[str, ...] | None],
) -> int | None:
    """Make ``mapp`` (a site's new ``pagefind/``, replaced) the index of the pages in
    ``källa`` from ``tidigare`` (the site as built before, its pages and its index), and
    return how many pages were indexed again; None when it cannot (``mapp`` then gone).
    ``kör(sidor, ut)`` runs Pagefind on a folder of pages as the site's index is made;
    ``avtryck`` is what of a page Pagefind reads."""
    arbete = mapp.parent.with_name(f".{mapp.parent.name}-sok-uppdatering")
    shutil.rmtree(arbete, ignore_errors=True)
    try:
        return _uppdatera(mapp, källa, tidigare, kör, avtryck, arbete)
    except (Inte, OSError, ValueError, KeyError, IndexError, TypeError):
        shutil.rmtree(mapp, ignore_errors=True)
        return None
    finally:
        shutil.rmtree(arbete, ignore_errors=True)


def _uppdatera(
    mapp: Path,
    källa: Path,
    tidigare: Path,
    kör: Callable[[Path, Path], None],
    avtryck: Callable[[str], tuple[str, ...] | None],
    arbete: Path,
) -> int:
    förra = tidigare / mapp.name
    post = json.loads((förra / "pagefind-entry.json").read_text(encoding="utf-8"))
    if len(post["languages"]) != 1:
        raise Inte
    ((språk, uppgifter),) = post["languages"].items()
    meta = sok_ordning.läs(förra / f"pagefind.{uppgifter['hash']}.pf_meta")
    if len(meta) != 6 or meta[4]:
        raise Inte
    sidor = _sidlista(förra, uppgifter["hash"], meta)
    if len(meta[1]) != len(sidor["sidor"]):
        raise Inte
    nummer = {url: nr for nr, url in enumerate(sidor["sidor"])}
    ändrade = _ändrade(källa, tidigare, förra, nummer, avtryck)
    if len(ändrade) > max(MINST, int(HÖGST * len(nummer))) or (källa / FÖRRA).exists():
        raise Inte
    _länka(förra, mapp)
    if not ändrade:
        return 0
    # the changed pages as they are (at their own paths: their addresses) and as they were
    for väg, då in ändrade.items():
        (arbete / "sidor" / väg).parent.mkdir(parents=True, exist_ok=True)
        os.link(källa / väg, arbete / "sidor" / väg)
        (arbete / "sidor" / FÖRRA / väg).parent.mkdir(parents=True, exist_ok=True)
        (arbete / "sidor" / FÖRRA / väg).write_bytes(då)
    kör(arbete / "sidor", arbete / "index")
    lite = arbete / "index"
    lite_post = json.loads((lite / "pagefind-entry.json").read_text(encoding="utf-8"))
    if set(lite_post["languages"]) != {språk}:
        raise Inte
    lite_meta = sok_ordning.läs(lite / f"pagefind.{lite_post['languages'][språk]['hash']}.pf_meta")
    if lite_meta[0] != meta[0] or len(lite_meta) != 6 or lite_meta[4]:
        raise Inte
    fält = {namn: nr for nr, namn in enumerate(meta[5])}
    fältnummer = [fält[namn] for namn in lite_meta[5]]  # a new field: KeyError
    # each page of the small run: the page's number in the index, and whether as it is
    nya: dict[int, int] = {}
    gamla: dict[int, int] = {}
    for lite_nr, (namn, _) in enumerate(lite_meta[1]):
        url = sok_ordning.läs_fragment(lite, namn)["url"]
        if url.startswith(f"/{FÖRRA}/"):
            gamla[lite_nr] = nummer[url[len(FÖRRA) + 1 :]]
        else:
            nya[lite_nr] = nummer[url]
    ändrat = {nummer[adress(väg)] for väg in ändrade}
    if set(nya.values()) != ändrat or set(gamla.values()) != ändrat or len(nya) != len(ändrat):
        raise Inte
    ut, in_ = _orden(lite, lite_meta, nya, gamla, fältnummer)
    förteckning = sidor.get("ord", {})
    meta[2] = sok_ordintervall.ändra_intervallen(
        förra, mapp, språk, meta[2], ut, in_, ändrat, förteckning
    )
    meta[3] = _filter(förra, lite, mapp, språk, meta[3], lite_meta[3], nya, ändrat)
    fragment = {sida[0] for nr, sida in enumerate(meta[1]) if nr not in ändrat}
    for lite_nr, nr in nya.items():
        namn = lite_meta[1][lite_nr][0]
        if namn in fragment:  # another page's fragment name
            raise Inte
        meta[1][nr] = lite_meta[1][lite_nr]
        shutil.copyfile(
            lite / "fragment" / f"{namn}.pf_fragment", mapp / "fragment" / f"{namn}.pf_fragment"
        )
    namn = sok_ordning.innehållsnamn(språk, meta, 10)
    (mapp / f"pagefind.{uppgifter['hash']}.pf_meta").unlink()
    sok_ordning.skriv(mapp / f"pagefind.{namn}.pf_meta", meta)
    uppgifter["hash"] = namn
    _ersätt(
        mapp / "pagefind-entry.json", json.dumps(post, ensure_ascii=False, separators=(",", ":"))
    )
    förteckning = {del_[2]: förteckning[del_[2]] for del_ in meta[2]}
    _ersätt(
        mapp / SIDOR,
        json.dumps(
            {"meta": namn, "sidor": sidor["sidor"], "ord": förteckning},
            ensure_ascii=False,
            separators=(",", ":"),
        ),
    )
    # the ranges are no longer Pagefind's as sok_delning cut them: the next index made from
    # nothing cuts its own anew
    _ersätt(mapp / sok_delning.MINNE, "{}")
    return len(ändrade)


def _ändrade(
    källa: Path,
    tidigare: Path,
    förra: Path,
    nummer: dict[str, int],
    avtryck: Callable[[str], tuple[str, ...] | None],
) -> dict[str, bytes]:
    """The pages in ``källa`` that differ from ``tidigare``'s in what Pagefind reads: their
    paths, and what they were. :class:`Inte` unless ``källa`` has just the pages the index
    has (``nummer``). A page of ``källa`` the site does not have is as the index kept it
    (:data:`UTANFÖR`)."""
    try:
        utanför = json.loads((förra / UTANFÖR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        utanför = {}
    ändrade: dict[str, bytes] = {}
    sett: set[str] = set()
    for väg, fil in html_filer(källa):
        url = adress(väg)
        if url in nummer and _samma_fil(fil, tidigare / väg):
            sett.add(url)  # the published page itself, linked (webb/mkdocs_utdata)
            continue
        with open(fil, "rb") as f:
            nu = f.read()
        try:
            with open(tidigare / väg, "rb") as f:
                då: bytes | None = f.read()
        except OSError:
            då = utanför[väg].encode("utf-8") if isinstance(utanför.get(väg), str) else None
        if nu == då and url in nummer:
            sett.add(url)
            continue
        här = avtryck(nu.decode("utf-8", "replace"))
        if här is None:
            continue
        if url not in nummer or då is None:
            raise Inte  # a page added
        sett.add(url)
        if avtryck(då.decode("utf-8", "replace")) != här:
            ändrade[väg] = då
    if sett != set(nummer):
        raise Inte  # a page removed
    return ändrade


def skriv_utanför(mapp: Path, källa: Path, site: Path) -> None:
    """Keep beside the index in ``mapp`` the pages it was made from that the site does not
    have (:data:`UTANFÖR`), for the next update to see what they were."""
    (mapp / UTANFÖR).unlink(missing_ok=True)
    if källa == site:
        return
    utanför = {
        väg: Path(fil).read_text("utf-8", "replace")
        for väg, fil in html_filer(källa)
        if not (site / väg).exists()
    }
    if utanför:
        (mapp / UTANFÖR).write_text(json.dumps(utanför, ensure_ascii=False), "utf-8")


def _orden(
    lite: Path,
    lite_meta: list,
    nya: dict[int, int],
    gamla: dict[int, int],
    fältnummer: list[int],
) -> tuple[dict[str, Ställen], dict[str, Ställen]]:
    """The small run's words: where the changed pages had them (out) and have them (in),
    by their numbers in the index."""
    ut: dict[str, Ställen] = {}
    in_: dict[str, Ställen] = {}
    for _, _, namn, *_ in lite_meta[2]:
        for ordet, sidor, former in sok_ordning.läs(lite / "index" / f"{namn}.pf_index")[0]:
            for form, lista in (("", sidor), *((f, s) for f, s in former)):
                nr = 0
                for skillnad, ställen, i_fält in lista:
                    nr += skillnad
                    if nr in nya:
                        mål = in_.setdefault(ordet, {}).setdefault(form, {})
                        mål[nya[nr]] = [ställen, _fält(i_fält, fältnummer)]
                    else:
                        ut.setdefault(ordet, {}).setdefault(form, {})[gamla[nr]] = ställen
    return ut, in_


def _fält(ställen: list[int], fältnummer: list[int]) -> list[int]:
    """Places in the fields with each field named by its number in the index's field list."""
    return [-fältnummer[-x - 1] - 1 if x < 0 else x for x in ställen]


def _filter(
    förra: Path,
    lite: Path,
    mapp: Path,
    språk: str,
    filter_: list,
    lite_filter: list,
    nya: dict[int, int],
    ändrat: set[int],
) -> list:
    """The filters with the changed pages' values as they are now (each filter's values in
    name order, named by content as ``sok_ordning`` names them)."""
    värden: dict[str, dict[str, set[int]]] = {}
    for namn, fil, *_ in filter_:
        _, lista = sok_ordning.läs(förra / "filter" / f"{fil}.pf_filter")
        värden[namn] = {v: set(sidor) - ändrat for v, sidor in lista}
    for namn, fil, *_ in lite_filter:
        _, lista = sok_ordning.läs(lite / "filter" / f"{fil}.pf_filter")
        for värde, sidor in lista:
            värden[namn].setdefault(värde, set()).update(nya[s] for s in sidor if s in nya)
    resultat = []
    for namn, fil, *resten in filter_:
        värde = [
            namn,
            sorted(([v, sorted(s)] for v, s in värden[namn].items() if s), key=lambda v: v[0]),
        ]
        nytt = sok_ordning.innehållsnamn(språk, värde, 7)
        if nytt != fil:
            (mapp / "filter" / f"{fil}.pf_filter").unlink()
            sok_ordning.skriv(mapp / "filter" / f"{nytt}.pf_filter", värde)
        resultat.append([namn, nytt, *resten])
    return resultat


def _samma_fil(fil: str, förra: Path) -> bool:
    """Whether ``fil`` is the very file ``förra`` (the same inode: the same bytes)."""
    try:
        return os.path.samefile(fil, förra)
    except OSError:
        return False


def _länka(förra: Path, mapp: Path) -> None:
    """``mapp`` made anew with every file of the previous index ``förra`` linked (its own
    files: not another index taken in, nor styrdok's files the build writes again)."""
    shutil.rmtree(mapp, ignore_errors=True)
    for katalog in ("", "fragment", "index", "filter"):
        (mapp / katalog).mkdir(parents=True, exist_ok=True)
        with os.scandir(förra / katalog) as filer:
            for fil in filer:
                if fil.is_file(follow_symlinks=False) and (
                    not fil.name.startswith("styrdok-")
                    or fil.name in (SIDOR, UTANFÖR, sok_delning.MINNE)
                ):
                    os.link(fil.path, mapp / katalog / fil.name)


def _ersätt(fil: Path, text: str) -> None:
    """Write ``fil`` anew (it may be a link to the previous index's: never written into)."""
    fil.unlink(missing_ok=True)
    fil.write_text(text, encoding="utf-8")
