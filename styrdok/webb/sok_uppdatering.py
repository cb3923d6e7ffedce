"""One edit, a few pages indexed: the previous search index brought up to date.

Pagefind makes its index from every page of a site, seconds at 1,000 documents. When an
edit changed only a few pages in anything Pagefind reads (``sok_sammanslagning.avtryck``)
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
import gzip
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from styrdok.webb import sok_delning, sok_ordning

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


class _Inte(Exception):
    """The index cannot be updated here: it is made from nothing instead."""


def adress(väg: str) -> str:
    """A page's address as Pagefind names it, from its path in the site."""
    return "/" + väg.removesuffix("index.html")


def _sidlista(förra: Path, meta_namn: str, meta: list) -> dict:
    """The previous index's :data:`SIDOR`: as it kept it, if it is this index's, else read
    from its fragments (an index made from nothing does not spend the time on it). A
    fragment that serves two pages: :class:`_Inte`."""
    with contextlib.suppress(OSError, ValueError):
        sidor = json.loads((förra / SIDOR).read_text(encoding="utf-8"))
        if isinstance(sidor, dict) and sidor.get("meta") == meta_namn:
            return sidor
    fragment = [sida[0] for sida in meta[1]]
    if len(set(fragment)) != len(fragment):
        raise _Inte
    return {"meta": meta_namn, "sidor": [_fragment(förra, namn)["url"] for namn in fragment]}


def _fragment(mapp: Path, namn: str) -> dict:
    data = gzip.decompress((mapp / "fragment" / f"{namn}.pf_fragment").read_bytes())
    return json.loads(data[len(sok_ordning.MARKÖR) :].decode("utf-8"))


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
    except (_Inte, OSError, ValueError, KeyError, IndexError, TypeError):
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
        raise _Inte
    ((språk, uppgifter),) = post["languages"].items()
    meta = sok_ordning.läs(förra / f"pagefind.{uppgifter['hash']}.pf_meta")
    if len(meta) != 6 or meta[4]:
        raise _Inte
    sidor = _sidlista(förra, uppgifter["hash"], meta)
    if len(meta[1]) != len(sidor["sidor"]):
        raise _Inte
    nummer = {url: nr for nr, url in enumerate(sidor["sidor"])}
    ändrade = _ändrade(källa, tidigare, förra, nummer, avtryck)
    if len(ändrade) > max(MINST, int(HÖGST * len(nummer))) or (källa / FÖRRA).exists():
        raise _Inte
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
        raise _Inte
    lite_meta = sok_ordning.läs(lite / f"pagefind.{lite_post['languages'][språk]['hash']}.pf_meta")
    if lite_meta[0] != meta[0] or len(lite_meta) != 6 or lite_meta[4]:
        raise _Inte
    fält = {namn: nr for nr, namn in enumerate(meta[5])}
    fältnummer = [fält[namn] for namn in lite_meta[5]]  # a new field: KeyError
    # each page of the small run: the page's number in the index, and whether as it is
    nya: dict[int, int] = {}
    gamla: dict[int, int] = {}
    for lite_nr, (namn, _) in enumerate(lite_meta[1]):
        url = _fragment(lite, namn)["url"]
        if url.startswith(f"/{FÖRRA}/"):
            gamla[lite_nr] = nummer[url[len(FÖRRA) + 1 :]]
        else:
            nya[lite_nr] = nummer[url]
    ändrat = {nummer[adress(väg)] for väg in ändrade}
    if set(nya.values()) != ändrat or set(gamla.values()) != ändrat or len(nya) != len(ändrat):
        raise _Inte
    ut, in_ = _orden(lite, lite_meta, nya, gamla, fältnummer)
    förteckning = sidor.get("ord", {})
    meta[2] = _ordintervall(förra, mapp, språk, meta[2], ut, in_, ändrat, förteckning)
    meta[3] = _filter(förra, lite, mapp, språk, meta[3], lite_meta[3], nya, ändrat)
    fragment = {sida[0] for nr, sida in enumerate(meta[1]) if nr not in ändrat}
    for lite_nr, nr in nya.items():
        namn = lite_meta[1][lite_nr][0]
        if namn in fragment:  # another page's fragment name
            raise _Inte
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
    paths, and what they were. :class:`_Inte` unless ``källa`` has just the pages the index
    has (``nummer``). A page of ``källa`` the site does not have is as the index kept it
    (:data:`UTANFÖR`)."""
    from styrdok.webb.sok import html_filer

    try:
        utanför = json.loads((förra / UTANFÖR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        utanför = {}
    ändrade: dict[str, bytes] = {}
    sett: set[str] = set()
    for väg, fil in html_filer(källa):
        url = adress(väg)
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
            raise _Inte  # a page added
        sett.add(url)
        if avtryck(då.decode("utf-8", "replace")) != här:
            ändrade[väg] = då
    if sett != set(nummer):
        raise _Inte  # a page removed
    return ändrade


def skriv_utanför(mapp: Path, källa: Path, site: Path) -> None:
    """Keep beside the index in ``mapp`` the pages it was made from that the site does not
    have (:data:`UTANFÖR`), for the next update to see what they were."""
    from styrdok.webb.sok import html_filer

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


_Ställen = dict[str, dict[int, list]]
"""A word's places: form ("" for the word itself) → page number in the index → the page's
``[places, places in the fields]``."""


def _orden(
    lite: Path,
    lite_meta: list,
    nya: dict[int, int],
    gamla: dict[int, int],
    fältnummer: list[int],
) -> tuple[dict[str, _Ställen], dict[str, _Ställen]]:
    """The small run's words: where the changed pages had them (out) and have them (in),
    by their numbers in the index."""
    ut: dict[str, _Ställen] = {}
    in_: dict[str, _Ställen] = {}
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


def _ordintervall(
    förra: Path,
    mapp: Path,
    språk: str,
    intervall: list,
    ut: dict[str, _Ställen],
    in_: dict[str, _Ställen],
    ändrat: set[int],
    förteckning: dict[str, list],
) -> list:
    """The ranges with the changed pages' words as they are now; a range no such word is in
    is kept as it was. A word new to the index goes into the range where it sorts, whose
    bounds are widened to it where they must be (:func:`_intervallet`). ``förteckning``:
    each range's words and where they are in it (:func:`sok_delning.orden_i`), by its
    name, as far as known; the new ranges' are put in."""
    orden: list[list] = []
    for del_ in intervall:
        if del_[2] not in förteckning:
            data = gzip.decompress((förra / "index" / f"{del_[2]}.pf_index").read_bytes())
            förteckning[del_[2]] = [list(o) for o in sok_delning.orden_i(data)]
        orden.append(förteckning[del_[2]])
    alla = {o for ord_ in orden for o, _, _ in ord_}
    if not set(ut) <= alla:  # a word the changed pages had that the index does not have
        raise _Inte
    intervall = [list(del_) for del_ in intervall]
    nya_ord: dict[int, list[str]] = {}
    for ordet in sorted(set(in_) - alla):
        nya_ord.setdefault(_intervallet(intervall, orden, ordet), []).append(ordet)
    ändrade_ord = set(ut) | set(in_)
    resultat = []
    for nr, (del_, ord_) in enumerate(zip(intervall, orden, strict=True)):
        if not nya_ord.get(nr) and not any(o in ändrade_ord for o, _, _ in ord_):
            resultat.append(del_)
            continue
        rå = gzip.decompress((förra / "index" / f"{del_[2]}.pf_index").read_bytes())
        poster = [(o, rå[a:b]) for o, a, b in ord_]
        poster += [(o, b"") for o in nya_ord.get(nr, ())]
        poster.sort(key=lambda p: p[0])
        nytt: list[tuple[str, bytes]] = []
        for ordet, kodat in poster:
            if ordet not in ändrade_ord:
                nytt.append((ordet, kodat))
                continue
            if not kodat:  # a word new to the index
                kodat = b"\x83" + sok_ordning.koda(ordet) + b"\x80\x80"
            if (post := _ändra(kodat, ut.get(ordet, {}), in_.get(ordet, {}), ändrat)) is not None:
                nytt.append((ordet, post))
        if not nytt:
            raise _Inte
        namn, _ = sok_delning.packa(mapp, språk, [kodat for _, kodat in nytt])
        var, i = [], len(sok_ordning.MARKÖR) + 1 + len(sok_ordning.huvud(4, len(nytt)))
        for ordet, kodat in nytt:
            var.append([ordet, i, i + len(kodat)])
            i += len(kodat)
        förteckning[namn] = var
        resultat.append([*del_[:2], namn, *del_[3:]])
    return resultat


def _intervallet(intervall: list, orden: list[list], ordet: str) -> int:
    """The range a word new to the index goes into: the one where it sorts among the words,
    or, between two ranges, the one whose bounds already take it in, or else the one before
    it (the next one's first bound is above it), whose last bound becomes the word (the
    first range's first bound, before all). A word of :data:`sok_delning.PREFIX` characters
    or fewer may be a beginning of the words after a range's end: :class:`_Inte`."""
    if len(ordet) <= sok_delning.PREFIX:
        raise _Inte
    nr = 0
    while nr + 1 < len(orden) and orden[nr + 1][0][0] < ordet:
        nr += 1
    if nr + 1 < len(orden) and ordet >= intervall[nr + 1][0]:
        return nr + 1  # below the next range's first word, within its bounds
    if ordet < intervall[nr][0]:
        intervall[nr][0] = ordet
    if ordet > intervall[nr][1]:
        intervall[nr][1] = ordet
    return nr


def _ändra(kodat: bytes, ut: _Ställen, in_: _Ställen, ändrat: set[int]) -> bytes | None:
    """One word's value (its CBOR bytes) with the changed pages' places replaced; None when
    no page has it any more. Read and written at the level of its bytes: the places of the
    pages that stay are copied unread (only the difference from the page before changes)."""
    if kodat[0] != 0x83:
        raise _Inte
    längd, i = sok_delning.läs_huvud(kodat, 1, 3)
    början = i + längd
    nya: dict[str, bytes] = {}
    nya[""], i = _sidorna(kodat, början, ut.get("", {}), in_.get("", {}), ändrat)
    antal, i = sok_delning.läs_huvud(kodat, i, 4)
    for _ in range(antal):
        if kodat[i] != 0x82:
            raise _Inte
        form, i = sok_ordning.avkoda(kodat, i + 1)
        nya[form], i = _sidorna(kodat, i, ut.get(form, {}), in_.get(form, {}), ändrat)
    if i != len(kodat) or not set(ut) <= nya.keys():
        raise _Inte
    for form in in_.keys() - nya.keys():
        nya[form], _ = _sidorna(b"\x80", 0, {}, in_[form], ändrat)
    former = [
        b"\x82" + sok_ordning.koda(form) + lista
        for form, lista in nya.items()
        if form and lista != b"\x80"
    ]
    if nya[""] == b"\x80" and not former:
        return None
    return kodat[:början] + nya[""] + sok_ordning.huvud(4, len(former)) + b"".join(former)


def _sidorna(
    kodat: bytes, i: int, ut: dict[int, list], in_: dict[int, list], ändrat: set[int]
) -> tuple[bytes, int]:
    """A list of pages (at ``kodat[i]``) with the changed pages' places replaced (``ut``
    must be just what it has of them), and where it ends. Read page by page only as far as
    the last changed page; the rest is copied as it is, with its first page's difference
    from the one before made anew."""
    antal, i = sok_delning.läs_huvud(kodat, i, 4)
    högst = max(ändrat)
    sidor: list[tuple[int, bytes]] = []  # (page number, its value after the number)
    nr, borta, lästa = 0, {}, 0
    while lästa < antal:
        if kodat[i] != 0x83:
            raise _Inte
        skillnad, j = sok_delning.läs_huvud(kodat, i + 1, 0)
        if nr + skillnad > högst:
            break
        slut = sok_delning.slut(kodat, i)
        nr += skillnad
        lästa += 1
        if nr in ändrat:
            borta[nr] = sok_ordning.avkoda(kodat, j)[0]
        else:
            sidor.append((nr, kodat[j:slut]))
        i = slut
    if borta != ut:  # not where the index has them: made from nothing
        raise _Inte
    sidor += [(n, sok_ordning.koda(s[0]) + sok_ordning.koda(s[1])) for n, s in in_.items()]
    sidor.sort(key=lambda s: s[0])
    delar, förra = [sok_ordning.huvud(4, len(sidor) + antal - lästa)], 0
    for n, resten in sidor:
        delar += (b"\x83", sok_ordning.huvud(0, n - förra), resten)
        förra = n
    if lästa < antal:  # the rest: its first page's number from the last one before it
        skillnad, j = sok_delning.läs_huvud(kodat, i + 1, 0)
        slut = sok_delning.sidorna_fram_till_slutet(kodat, i)
        delar += (b"\x83", sok_ordning.huvud(0, nr + skillnad - förra), kodat[j:slut])
        i = slut
    return b"".join(delar), i


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
