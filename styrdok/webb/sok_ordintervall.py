"""A search index's word ranges with some pages' places replaced, at the level of their
bytes (``sok_uppdatering``): a word's places on the pages that stay are copied unread, only
the difference of a page number from the one before made anew. The format is Pagefind 1.5's
(see ``sok_uppdatering``); whatever is not as expected is :class:`Inte`."""

from __future__ import annotations

import gzip
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from styrdok.webb import sok_delning, sok_ordning


class Inte(Exception):
    """The index cannot be updated here: it is made from nothing instead."""


Ställen = dict[str, dict[int, list]]
"""A word's places: form ("" for the word itself) → page number in the index → the page's
``[places, places in the fields]`` (of a page as it was: its places only)."""


def ändra_intervallen(
    förra: Path,
    mapp: Path,
    språk: str,
    intervall: list,
    ut: dict[str, Ställen],
    in_: dict[str, Ställen],
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
        raise Inte
    intervall = [list(del_) for del_ in intervall]
    nya_ord: dict[int, list[str]] = {}
    for ordet in sorted(set(in_) - alla):
        nya_ord.setdefault(_intervallet(intervall, orden, ordet), []).append(ordet)
    ändrade_ord = set(ut) | set(in_)

    def ändra(del_: list, ord_: list, nya: list[str], packare: ThreadPoolExecutor) -> Future:
        """One range with the changed pages' words as they are now, packed by ``packare``:
        its entry in the meta file once done."""
        rå = gzip.decompress((förra / "index" / f"{del_[2]}.pf_index").read_bytes())
        poster = sorted([*((o, rå[a:b]) for o, a, b in ord_), *((o, b"") for o in nya)])
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
            raise Inte
        var, i = [], len(sok_ordning.MARKÖR) + 1 + len(sok_ordning.huvud(4, len(nytt)))
        for ordet, kodat in nytt:
            var.append([ordet, i, i + len(kodat)])
            i += len(kodat)

        def packa() -> list:
            namn, _ = sok_delning.packa(mapp, språk, [kodat for _, kodat in nytt])
            förteckning[namn] = var
            return [*del_[:2], namn, *del_[3:]]

        return packare.submit(packa)

    with ThreadPoolExecutor(PACKARE) as packare:  # zlib packs without the GIL
        resultat = [
            del_
            if not nya_ord.get(nr) and not any(o in ändrade_ord for o, _, _ in ord_)
            else ändra(del_, ord_, nya_ord.get(nr, []), packare)
            for nr, (del_, ord_) in enumerate(zip(intervall, orden, strict=True))
        ]
    return [del_ if isinstance(del_, list) else del_.result() for del_ in resultat]


PACKARE = 2
"""How many ranges are packed at once while the next is made."""


def _intervallet(intervall: list, orden: list[list], ordet: str) -> int:
    """The range a word new to the index goes into: the one where it sorts among the words,
    or, between two ranges, the one whose bounds already take it in, or else the one before
    it (the next one's first bound is above it), whose last bound becomes the word (the
    first range's first bound, before all). A word of :data:`sok_delning.PREFIX` characters
    or fewer may be a beginning of the words after a range's end: :class:`Inte`."""
    if len(ordet) <= sok_delning.PREFIX:
        raise Inte
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


def _ändra(kodat: bytes, ut: Ställen, in_: Ställen, ändrat: set[int]) -> bytes | None:
    """One word's value (its CBOR bytes) with the changed pages' places replaced; None when
    no page has it any more. Read and written at the level of its bytes: the places of the
    pages that stay are copied unread (only the difference from the page before changes)."""
    if kodat[0] != 0x83:
        raise Inte
    längd, i = sok_delning.läs_huvud(kodat, 1, 3)
    början = i + längd
    nya: dict[str, bytes] = {}
    nya[""], i = _sidorna(kodat, början, ut.get("", {}), in_.get("", {}), ändrat)
    antal, i = sok_delning.läs_huvud(kodat, i, 4)
    for _ in range(antal):
        if kodat[i] != 0x82:
            raise Inte
        form, i = sok_ordning.avkoda(kodat, i + 1)
        nya[form], i = _sidorna(kodat, i, ut.get(form, {}), in_.get(form, {}), ändrat)
    if i != len(kodat) or not set(ut) <= nya.keys():
        raise Inte
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
    sida = sok_delning.SIDA.match
    while lästa < antal:
        if träff := sida(kodat, i):  # the common page: its number and end at once
            skillnad = kodat[i + 1] if kodat[i + 1] < 24 else None
            j, slut = träff.end(1), träff.end()
        if not träff or skillnad is None:
            if kodat[i] != 0x83:
                raise Inte
            skillnad, j = sok_delning.läs_huvud(kodat, i + 1, 0)
            slut = sok_delning.slut(kodat, i)
        if nr + skillnad > högst:
            break
        nr += skillnad
        lästa += 1
        if nr in ändrat:
            borta[nr] = sok_ordning.avkoda(kodat, j)[0]
        else:
            sidor.append((nr, kodat[j:slut]))
        i = slut
    if borta != ut:  # not where the index has them: made from nothing
        raise Inte
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
