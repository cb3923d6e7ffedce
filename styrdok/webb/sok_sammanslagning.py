"""The intranet's search index without indexing the public site's pages again.

Most of the intranet's pages are the public site's, as they are there. Its index is made
from its other pages only (those the public site does not have, and those that differ in
anything Pagefind reads), and takes in a copy of the public site's index
(``pagefind/webbplatsen/``), which the search page merges in the browser (Pagefind's
``mergeIndex``). The copy's pages the intranet does not have as they are there are named in
``pagefind/styrdok-sok.json`` (``utan``, with what they count in each filter): the search
page leaves them out, so each page is found once, as the intranet shows it.

A page is taken from the public index only when every part of it that Pagefind reads is
byte for byte the same in both sites (``sok_sidor.avtryck``); anything unsure is indexed again.
Nothing of the intranet reaches the public site by this: only the public index is copied,
into the intranet.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Collection
from pathlib import Path

from styrdok.grund.filer import (
    filläge,
    läs_minne,
    skriv_atomiskt,
    som_känt,
    summa,
    säker_gräns,
)
from styrdok.karna.webbplats import Bas
from styrdok.webb import sok, sok_beteckningar, sok_ordning
from styrdok.webb.sok_sidor import avtryck, html_filer

MAPP = "webbplatsen"
"""The copy of the public index, inside the intranet's index folder."""

_TAGG = re.compile(r"<[^>]*>")


def indexera(
    site: Path,
    bas: Bas | None,
    variant: str = "",
    meddela: Callable[[str], None] = lambda _: None,
    tidigare: Path | None = None,
    minne: Path | None = None,
) -> None:
    """Index ``site`` with the public site's index taken in where its pages are the same;
    as :func:`sok.indexera` alone when there is nothing to share (or no public site:
    ``bas`` None). ``minne``: where in the build's cache (not in the site) what is kept of
    the pages between builds goes, as ``<minne>-<name>``: the sums :func:`jämför` read
    (:data:`FILMINNE`), what the identifier files hold (``sok_beteckningar.MINNE``)."""
    filminne, beteckningar = (
        (None, None)
        if minne is None
        else (
            minne.with_name(f"{minne.name}-{namn}") for namn in (FILMINNE, sok_beteckningar.MINNE)
        )
    )
    bas_site = bas.sidor() if bas is not None else None
    egna, delade, ord_, jämförelse = (
        ([], [], set(), {}) if bas_site is None else jämför(site, bas_site, tidigare, filminne)
    )
    if not egna or not delade:
        return sok.indexera(site, variant, meddela, tidigare=tidigare, minne=beteckningar)
    urval = site.with_name(f".{site.name}-sok")
    shutil.rmtree(urval, ignore_errors=True)
    try:
        for väg in egna:
            (urval / väg).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / väg, urval / väg)
            except OSError:
                shutil.copyfile(site / väg, urval / väg)
        ordlista = _ordlista(urval, site, ord_)
        sok.indexera(
            site, variant, lambda _: None, tidigare=tidigare, källa=urval, minne=beteckningar
        )
    finally:
        shutil.rmtree(urval, ignore_errors=True)
    assert bas is not None and bas_site is not None  # else nothing was shared
    if not bas.index() or not (bas_site / sok.MAPP / "pagefind-entry.json").is_file():
        shutil.rmtree(site / sok.MAPP, ignore_errors=True)
        return sok.indexera(site, variant, meddela, tidigare=tidigare, minne=beteckningar)
    ta_in(site, bas_site, delade, ordlista, tidigare)
    (site / sok.MAPP / JÄMFÖRELSE).write_text(  # in a fixed order: the same bytes each time
        json.dumps(jämförelse, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "utf-8",
    )
    namn = f" ({variant})" if variant else ""
    meddela(f"sökindex{namn}: {len(egna)} egna sidor och {len(delade)} ur webbplatsens index")


JÄMFÖRELSE = "styrdok-jamforelse.json"
"""Beside the intranet's index: how each of its pages compared with the public site's,
``{"sidor": {path: [sum here, sum there or null, "egen" | "delad" | "ingen"]}, "ord":
{word: how many shared pages have it}}``, so that the next build compares only the pages
that changed since (:func:`jämför`)."""


def jämför(
    site: Path, bas_site: Path, tidigare: Path | None = None, filminne: Path | None = None
) -> tuple[list[str], list[str], set[str], dict]:
    """The site's pages (paths in it) that must be indexed here, those the public site has
    exactly as they are here (in what Pagefind reads), the words of those, and the record
    of it to keep beside the index (:data:`JÄMFÖRELSE`). With ``tidigare`` (the site as
    built before, its record beside its index), a page that is byte for byte what it was,
    here and there, is what it was; the words of a shared page that changed are taken out
    as they were (read from ``tidigare``, whose page must be the one recorded) and put in
    as they are. Whatever does not add up: the words are counted anew. With ``filminne``,
    a page that is the very file summed before, here and there (linked from the published
    site, or the published site moved over whole: the same size, time, inode and device),
    is not read again for its sums (:data:`FILMINNE`)."""
    förut = _jämförelse(tidigare)
    räkning: Counter[str] | None = Counter(förut["ord"]) if förut else None
    egna, delade, sidor = [], [], {}
    lästa: dict[str, tuple[str, ...]] = {}  # what was read of a shared page: not read again
    kända = _filminne(filminne)
    filer: dict[str, list] = {}
    gräns = säker_gräns()
    for väg, fil in html_filer(site):
        lägen = [filläge(fil), filläge(bas_site / väg)]
        känd = kända.get(väg)
        data: bytes | None = None
        där: bytes | None = None
        if känd is not None and känd[:2] == lägen and lägen[0] is not None:
            nyckel = känd[2:]  # the very files summed before: unread
        else:
            data, där = _läs(fil, bas_site / väg)
            nyckel = [_summa(data), None if där is None else _summa(där)]
        filer[väg] = [*(som_känt(läge, gräns) for läge in lägen), *nyckel]
        gammal = förut["sidor"].get(väg) if förut else None
        if gammal is not None and gammal[:2] == nyckel:
            slag = gammal[2]
        else:
            if data is None:  # changed since the record beside the index: read after all
                data, där = _läs(fil, bas_site / väg)
            här = avtryck(data.decode("utf-8", "replace"))
            slag = "ingen" if här is None else "egen"
            if (
                här is not None
                and där is not None
                and avtryck(där.decode("utf-8", "replace")) == här
            ):
                slag = "delad"
                lästa[väg] = här
            if räkning is not None and gammal is not None and gammal[2] == "delad":
                räkning = _utan(räkning, tidigare, väg, gammal[0])
            if räkning is not None and slag == "delad":
                räkning.update(_orden(här))
        sidor[väg] = [*nyckel, slag]
        if slag != "ingen":
            (delade if slag == "delad" else egna).append(väg)
    for väg in (förut["sidor"].keys() - sidor.keys()) if förut else ():
        if räkning is not None and förut["sidor"][väg][2] == "delad":
            räkning = _utan(räkning, tidigare, väg, förut["sidor"][väg][0])
    if räkning is None:
        räkning = Counter()
        for väg in delade:
            här = lästa.get(väg) or avtryck((site / väg).read_text("utf-8", "replace"))
            räkning.update(_orden(här))
    ord_ = {o: n for o, n in räkning.items() if n > 0}
    if filminne is not None:
        with contextlib.suppress(OSError):  # not kept: only time lost next build
            skriv_atomiskt(
                filminne, json.dumps(filer, ensure_ascii=False, separators=(",", ":")).encode()
            )
    return egna, delade, set(ord_), {"sidor": sidor, "ord": ord_}


FILMINNE = "sok-jamforelse-filer.json"
"""In the build's cache (``build/cache/webbplats/``, one per site, named by the site's
folder): ``{path: [file here, file there, sum here, sum there]}``, a file as its size, time,
inode and device (``grund/filer.filtillstånd``; null where there is none, false where it
was written too lately to be told by its time). Not beside the index: the published site
holds no inode numbers, and is the same bytes whichever build made it."""


def _filminne(fil: Path | None) -> dict[str, list]:
    return läs_minne(fil, lambda post: isinstance(post, list) and len(post) == 4)


def _läs(fil: Path | str, där: Path) -> tuple[bytes, bytes | None]:
    """A page here, and the public site's at the same path (None where it has none)."""
    data = Path(fil).read_bytes()
    try:
        return data, där.read_bytes()
    except OSError:
        return data, None


def _summa(data: bytes) -> str:
    return summa(data).hex()


def _orden(här) -> set[str]:
    """The words of a page, from what Pagefind reads of it (``sok_sidor.avtryck``)."""
    return set(html.unescape(_TAGG.sub(" ", " ".join(här))).split())


def _utan(räkning: Counter[str], tidigare: Path, väg: str, summa: str) -> Counter[str] | None:
    """``räkning`` without the words of the shared page ``väg`` as it was (in ``tidigare``);
    None when that page is not the one recorded, or the count would not add up."""
    try:
        data = (tidigare / väg).read_bytes()
    except OSError:
        return None
    if _summa(data) != summa or (här := avtryck(data.decode("utf-8", "replace"))) is None:
        return None
    ord_ = _orden(här)
    if any(räkning[o] <= 0 for o in ord_):
        return None
    räkning.subtract(ord_)
    return räkning


def _jämförelse(tidigare: Path | None) -> dict | None:
    """The record kept beside the previous index (:data:`JÄMFÖRELSE`), if it is one."""
    if tidigare is None:
        return None
    try:
        post = json.loads((tidigare / sok.MAPP / JÄMFÖRELSE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (
        isinstance(post, dict)
        and isinstance(post.get("sidor"), dict)
        and isinstance(post.get("ord"), dict)
        and all(
            isinstance(v, list) and len(v) == 3 and v[2] in ("egen", "delad", "ingen")
            for v in post["sidor"].values()
        )
        and all(isinstance(n, int) for n in post["ord"].values())
    ):
        return None
    return post


def _ordlista(urval: Path, site: Path, ord_: set[str]) -> set[str]:
    """Pages of every word of the pages taken from the public index, indexed with the
    site's own pages and never shown (their addresses are returned; named in ``utan``).
    Pagefind looks a word that is not in an index up by its longest beginning that is
    (»socialchef« as »sociala«): without them, the site's own index would answer so for a
    word only the public pages hold, and that answer could rank above the public index's
    exact ones. One page for each first letter (its code point in hex; the rest on page
    0), so that a word new to the public pages changes one small page, which the next build's index update
    (``sok_uppdatering``) indexes again, not a page of every word."""
    namn = "styrdok-ordlista"
    while (site / namn).exists():
        namn += "-"
    grupper: dict[str, list[str]] = {}
    for ordet in sorted(ord_):
        första = ordet[0].lower()
        grupper.setdefault(f"{ord(första):x}" if första.isalpha() else "0", []).append(ordet)
    for del_, orden in grupper.items():
        (urval / namn / del_).mkdir(parents=True)
        (urval / namn / del_ / "index.html").write_text(
            '<html lang="sv"><body><div data-pagefind-body><p>'
            f"{html.escape(' '.join(orden))}</p></div></body></html>",
            "utf-8",
        )
    return {f"/{namn}/{del_}/" for del_ in grupper}


def ta_in(
    site: Path,
    bas_site: Path,
    delade: list[str],
    ordlista: Collection[str] = (),
    tidigare: Path | None = None,
) -> None:
    """The public index copied into ``site/pagefind/webbplatsen/`` and
    :data:`sok.BESKRIVNING` written: which of its pages to leave out, and the own index's
    word list (the addresses of its pages, ``ordlista``, :func:`_ordlista`). Copied, not
    linked: a link changes the public files' change time, and the gate, which may have read
    them already, would read the public site again. A content-named file (:data:`sok.OFÖRÄNDERLIGA`) that this
    site's previous copy (``tidigare``: as built before) already holds is linked from there
    instead: after one edit that is all but a few of them."""
    från, till = bas_site / sok.MAPP, site / sok.MAPP / MAPP
    förra = tidigare / sok.MAPP / MAPP if tidigare is not None else None
    shutil.rmtree(till, ignore_errors=True)
    for katalog, _, namn in os.walk(från):
        relativ = Path(katalog).relative_to(från)
        (till / relativ).mkdir(parents=True, exist_ok=True)
        ändelse = sok.OFÖRÄNDERLIGA.get(relativ.as_posix()) if förra is not None else None
        for n in namn:
            if n.startswith("styrdok-"):  # styrdok's files of the public site's own
                continue
            if ändelse and n.endswith(ändelse):
                if _länkad(Path(katalog) / n, förra / relativ / n, till / relativ / n):
                    continue
            shutil.copyfile(Path(katalog) / n, till / relativ / n)
    behållna = {"/" + väg.removesuffix("index.html") for väg in delade}
    # a page of the site's own index may be the very same as the copy's (the same id):
    # then the copy's is not named, for the search page leaves out by id; the search page
    # shows each id once, and that one is counted once in the filters
    egna: set[str] = set()
    utan: list[str] = []
    for id_, sida in sok_ordning.fragment(site / sok.MAPP):
        (utan.append if sida["url"] in ordlista else egna.add)(id_)
    filter_: dict[str, dict[str, int]] = {}
    for id_, sida in sok_ordning.fragment(till):
        if sida["url"] in behållna:
            continue
        if id_ not in egna:
            utan.append(id_)
        for namn, värden in sida.get("filters", {}).items():
            for värde in värden:
                filter_.setdefault(namn, {})[värde] = filter_.get(namn, {}).get(värde, 0) + 1
    sok.beskriv(site, {"index": f"{MAPP}/", "utan": sorted(utan), "filter": filter_})


def _länkad(källa: Path, förra: Path, ny: Path) -> bool:
    """``förra``, the previous copy's file of ``källa``'s name (a content-named file: the
    same name is the same content, and the size is checked too), hard-linked at ``ny``;
    False when there is none to link (``källa`` is copied then)."""
    try:
        if os.stat(förra).st_size != os.stat(källa).st_size:
            return False
        os.link(förra, ny)
    except OSError:
        return False
    return True
