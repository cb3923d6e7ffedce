"""Pagefind's word index in pieces small enough for a visitor on a phone.

A search fetches, for each word of the query, the one word range (``index/*.pf_index``)
whose first and last word enclose it. Pagefind 1.5 closes a range after 20,000 places
where its words occur, but counts only the words as they are without diacritics, not the
forms with them: in Swedish (för, förvaltning, förskola, så, på …) a range grows to 120 kB
packed and more, and a two-word query fetched 160 kB of ranges at 1,000 documents.

Here every range larger than :data:`GRÄNS` bytes is cut into pieces of about :data:`MÅL`
bytes, at words only, and only where no search word is split from its longer forms, which
Pagefind looks for in the one range it fetches (it searches for a word's stem: förskolan →
förskol → förskola, förskolans; lagen → lag → lagstiftning): between two words that share
at most :data:`PREFIX` characters, none of whose beginnings is a word of the range. Any word
of the index, and any stem of three or more characters, finds just what it found before.
The pieces are named by their content like Pagefind's files, and the meta file and the
entry file name the new ones. How each range was cut is kept beside the index
(:data:`MINNE`); the range as Pagefind wrote it is not kept (the site publishes only what
its index names). The next build puts an empty file of each cut range's name in its place
(:func:`platshållare`): Pagefind names a range by its content and does not write a file
whose name is there, so an unchanged range is not packed again, and its pieces are named
again, not cut anew. Should a piece be missing, the index is made again from nothing
(:class:`Saknas`).

A range is ``pagefind_dcd`` and a CBOR array ``[[word, …]]`` of words in order, each
``[word, pages, forms]``; a word's bytes are copied into its piece unread.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import re
from pathlib import Path

from styrdok.webb import sok_ordning

GRÄNS = 64_000
"""A word range larger than this (unpacked bytes) is cut."""
MÅL = 32_000
"""About how large (unpacked bytes) each piece of a cut range is."""
PREFIX = 2
"""A range is only cut between two words that have at most this many characters in common."""
MINNE = "styrdok-delning.json"
"""How each cut range was cut: ``{range's file: [[first word's bound, last word's bound,
piece, the piece's packed sha256], …]}``."""


class Saknas(Exception):
    """A range Pagefind did not write (an empty file of its name was there,
    :func:`platshållare`) that is not in pieces as it was: the index must be made again
    without the previous one."""


_MARKÖR = sok_ordning.MARKÖR


def dela(mapp: Path, tidigare: Path | None = None) -> None:
    """Cut the large word ranges of the index in ``mapp`` (a site's ``pagefind/``) into
    pieces, and name the pieces in its meta and entry files. ``tidigare``: the previous
    index's folder, whose :data:`MINNE` says how its ranges were cut (its pieces are linked
    into ``mapp`` before Pagefind runs, and :func:`platshållare` put in place of its cut
    ranges). Files ``mapp`` shares with it are never written into. A range that is not as
    Pagefind 1.5 writes one is left whole; a meta file that cannot be read is a ValueError;
    a range Pagefind did not write whose pieces are not there is :class:`Saknas`."""
    minne = _minne(tidigare) if tidigare is not None else {}
    nytt_minne: dict[str, list] = {}
    post = json.loads((mapp / "pagefind-entry.json").read_text(encoding="utf-8"))
    for språk, uppgifter in post["languages"].items():
        metafil = mapp / f"pagefind.{uppgifter['hash']}.pf_meta"
        meta = sok_ordning.läs(metafil)
        delar: list[list] = []
        for från, till, namn, *resten in meta[2]:
            fil = f"{namn}.pf_index"
            bitar = minne.get(fil)
            # Pagefind names a range by its content: cut before, its pieces are named again
            if resten or bitar is None or not _finns(mapp, bitar):
                packat = (mapp / "index" / fil).read_bytes()
                if not packat:  # a placeholder, not a range Pagefind wrote
                    raise Saknas(fil)
                # gzip ends with the unpacked size; a range of more fields than these is kept
                if resten or int.from_bytes(packat[-4:], "little") <= GRÄNS:
                    delar.append([från, till, namn, *resten])
                    continue
                try:
                    bitar = _skär(mapp, språk, gzip.decompress(packat))
                except (ValueError, IndexError, UnicodeDecodeError, OSError, EOFError):
                    # not as Pagefind 1.5 writes a range: left whole, as Pagefind made it
                    delar.append([från, till, namn, *resten])
                    continue
            nytt_minne[fil] = bitar
            bitar = [list(b[:3]) for b in bitar]
            bitar[0][0], bitar[-1][1] = från, till
            delar.extend(bitar)
        if len({d[2] for d in delar}) != len(delar):
            raise ValueError("två delar av ordindexet fick samma namn")
        meta[2] = delar
        namn = sok_ordning.innehållsnamn(språk, meta, 10)
        metafil.unlink()
        sok_ordning.skriv(mapp / f"pagefind.{namn}.pf_meta", meta)
        uppgifter["hash"] = namn
    (mapp / "pagefind-entry.json").write_text(
        json.dumps(post, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    (mapp / MINNE).write_text(
        json.dumps(nytt_minne, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )


def platshållare(tidigare: Path, mapp: Path) -> None:
    """An empty file in ``mapp/index/`` for each range the previous index (``tidigare``) cut
    and did not keep, before Pagefind runs: Pagefind does not write a range whose file is
    there, and :func:`dela` names the range's pieces instead (or, if they are not all there,
    says the index must be made again: :class:`Saknas`). What no meta file names is removed
    afterwards with the rest (``sok._rensa``)."""
    (mapp / "index").mkdir(parents=True, exist_ok=True)
    for fil in _minne(tidigare):
        with contextlib.suppress(FileExistsError):
            (mapp / "index" / fil).touch(exist_ok=False)


def _minne(mapp: Path) -> dict[str, list[list[str]]]:
    """How the index in ``mapp`` cut its ranges (:data:`MINNE`), without what is not as
    this version writes it (a range it names is then cut again, if Pagefind wrote it)."""
    try:
        minne = json.loads((mapp / MINNE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(minne, dict):
        return {}
    return {
        fil: bitar
        for fil, bitar in minne.items()
        if isinstance(fil, str)
        and re.fullmatch(r"[a-z]+(?:-[a-z]+)*_[0-9a-f]+\.pf_index", fil)
        and isinstance(bitar, list)
        and bitar
        and all(
            isinstance(b, list) and len(b) == 4 and all(isinstance(x, str) for x in b)
            for b in bitar
        )
    }


def _finns(mapp: Path, bitar: list[list[str]]) -> bool:
    """Every piece is in ``mapp`` as it was made (its packed bytes' sha256)."""
    for *_, namn, summa in bitar:
        try:
            data = (mapp / "index" / f"{namn}.pf_index").read_bytes()
        except OSError:
            return False
        if hashlib.sha256(data).hexdigest() != summa:
            return False
    return True


def _skär(mapp: Path, språk: str, data: bytes) -> list[list[str]]:
    """Cut one range (unpacked) into pieces, write those not already in ``mapp``, and
    return them as ``[first word's bound, last word's bound, name, sha256]``."""
    ord_ = orden_i(data)
    # the runs of words that must stay together, then as many runs in each piece as fit
    # in MÅL (a run larger than that is a piece of its own)
    orden = {o for o, _, _ in ord_}
    följder: list[list[tuple[str, int, int]]] = [[ord_[0]]]
    for före, efter in zip(ord_, ord_[1:], strict=False):
        if _får_delas(före[0], efter[0], orden):
            följder.append([])
        följder[-1].append(efter)
    grupper: list[list[tuple[str, int, int]]] = [[]]
    storlek = 0
    for följd in följder:
        längd = följd[-1][2] - följd[0][1]
        if grupper[-1] and storlek + längd > MÅL:
            grupper.append([])
            storlek = 0
        grupper[-1].extend(följd)
        storlek += längd
    bitar: list[list[str]] = []
    for grupp in grupper:
        namn, summa = packa(mapp, språk, [data[start:slut] for _, start, slut in grupp])
        bitar.append(["", "", namn, summa])
    # the bounds between pieces: a piece begins as Pagefind begins a range (its first word
    # shortened to one character past what it shares with the word before), and the piece
    # before it ends just below that, so that every search word between the range's bounds
    # falls in exactly one piece: the one where it sorts among the words
    for nr in range(1, len(grupper)):
        bitar[nr][0] = _kortat(grupper[nr][0][0], grupper[nr - 1][-1][0])
        bitar[nr - 1][1] = _strax_före(bitar[nr][0])
    return bitar


def orden_i(data: bytes) -> list[tuple[str, int, int]]:
    """The words of one range (unpacked), each as (word, where its value starts, where it
    ends) in ``data``, read no further than their heads. A range not as Pagefind 1.5 writes
    one (or without words) is a ValueError."""
    i = len(_MARKÖR)
    if not data.startswith(_MARKÖR) or data[i] != 0x81:
        raise ValueError("ett ordintervall är inte som Pagefind skriver det")
    antal, i = läs_huvud(data, i + 1, 4)
    ord_: list[tuple[str, int, int]] = []
    for _ in range(antal):
        if data[i] != 0x83:
            raise ValueError("ett ord i ordintervallet är inte som Pagefind 1.5 skriver det")
        längd, j = läs_huvud(data, i + 1, 3)
        ordets_slut = formernas_slut(data, sidornas_slut(data, j + längd))
        ord_.append((data[j : j + längd].decode("utf-8"), i, ordets_slut))
        i = ordets_slut
    if i != len(data) or not ord_:
        raise ValueError("ordintervallet slutar inte där dess sista ord slutar")
    if any(före[0] >= efter[0] for före, efter in zip(ord_, ord_[1:], strict=False)):
        raise ValueError("orden i ordintervallet är inte i ordning")
    return ord_


def packa(mapp: Path, språk: str, ord_: list[bytes]) -> tuple[str, str]:
    """Write a range of these words (each its whole CBOR value, in order) in ``mapp/index/``,
    named by its content as the pieces are; returns (its name, its packed sha256)."""
    rå = _MARKÖR + b"\x81" + sok_ordning.huvud(4, len(ord_)) + b"".join(ord_)
    namn = f"{språk}_{hashlib.sha256(rå).hexdigest()[:10]}"
    packat = gzip.compress(rå, compresslevel=6, mtime=0)
    _skriv_ny(mapp / "index" / f"{namn}.pf_index", packat)
    return namn, hashlib.sha256(packat).hexdigest()


def _skriv_ny(fil: Path, data: bytes) -> None:
    """Write ``fil`` unless it already holds ``data``; a file there is replaced, never
    written into (it may be a link to the published site's)."""
    with contextlib.suppress(OSError):
        if fil.read_bytes() == data:
            return
    tillfällig = fil.with_name(fil.name + ".ny")
    tillfällig.write_bytes(data)
    os.replace(tillfällig, fil)


def _får_delas(före: str, efter: str, orden: set[str]) -> bool:
    """A piece may end between two neighbouring words if no search word of a whole word in
    the range, or of more than :data:`PREFIX` characters, has longer forms on both sides:
    they share at most PREFIX characters, and no beginning of what they share is a word."""
    gemensamt = _gemensamt(före, efter)
    return gemensamt <= PREFIX and not any(före[:n] in orden for n in range(1, gemensamt + 1))


def _gemensamt(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _kortat(ordet: str, granne: str) -> str:
    return ordet[: _gemensamt(ordet, granne) + 1]


def _strax_före(ordet: str) -> str:
    """The greatest text below ``ordet`` that a search word can be (none has U+10FFFF)."""
    sista = ord(ordet[-1]) - 1
    if 0xD800 <= sista <= 0xDFFF:
        sista = 0xD7FF
    return ordet[:-1] + chr(sista) + "\U0010ffff" if sista >= 0 else ordet[:-1]


def läs_huvud(data: bytes, i: int, major: int) -> tuple[int, int]:
    """The argument of the CBOR head at ``data[i]`` (of type ``major``) and where it ends."""
    if data[i] >> 5 != major:
        raise ValueError("oväntad CBOR-typ i ordintervallet")
    info = data[i] & 31
    if info < 24:
        return info, i + 1
    if info > 27:
        raise ValueError("CBOR med obestämd längd i ordintervallet")
    storlek = 1 << (info - 24)
    return int.from_bytes(data[i + 1 : i + 1 + storlek], "big"), i + 1 + storlek


_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39]..|[\x1a\x3a]....|[\x1b\x3b]........)"
_LISTA = (
    b"(?:"
    + b"|".join(bytes([0x80 + n]) + (_INT + b"{%d}" % n if n else b"") for n in range(24))
    + b")"
)
SIDA = re.compile(rb"\x83(" + _INT + rb")" + _LISTA + _LISTA, re.DOTALL)
"""Exactly one CBOR value ``[integer, [integers], [integers]]`` (fewer than 24 in each):
how Pagefind writes where a word occurs on one page, by far the most common value; the
integer (the page's number, as its difference from the one before) is its group."""


_SIDOR = re.compile(rb"(?:\x83" + _INT + _LISTA + _LISTA + rb")*", re.DOTALL)
"""Any number of :data:`SIDA` one after another."""


def sidornas_slut(data: bytes, i: int) -> int:
    """Where the list of pages of a word (or of a form of it) that starts at ``data[i]``
    ends: runs of pages matched at once, a page with more places read on its own. A page is
    ``0x83`` and an integer; what may follow a word's list of pages never is (its forms: a
    list head and ``0x82``; the next word: ``0x83`` and a text), so the run stops there."""
    return sidorna_fram_till_slutet(data, läs_huvud(data, i, 4)[1])


def sidorna_fram_till_slutet(data: bytes, i: int) -> int:
    """Where the list of pages that has a page at ``data[i]`` (or ends there) ends."""
    while True:
        i = _SIDOR.match(data, i).end()
        if i + 1 < len(data) and data[i] == 0x83 and data[i + 1] < 0x1C:
            i = slut(data, i)
        else:
            return i


def formernas_slut(data: bytes, i: int) -> int:
    """Where a word's list of forms (``[[form, pages], …]``) that starts at ``data[i]`` ends."""
    antal, i = läs_huvud(data, i, 4)
    for _ in range(antal):
        if data[i] != 0x82:
            raise ValueError("en form i ordintervallet är inte som Pagefind 1.5 skriver den")
        längd, i = läs_huvud(data, i + 1, 3)
        i = sidornas_slut(data, i + längd)
    return i


def slut(data: bytes, i: int) -> int:
    """Where the CBOR value that starts at ``data[i]`` ends (definite lengths, as Pagefind
    writes), without making it; a page's places (:data:`SIDA`) are skipped at once."""
    if träff := SIDA.match(data, i):
        return träff.end()
    major, info = data[i] >> 5, data[i] & 31
    if info < 24:
        arg, i = info, i + 1
    elif info <= 27:
        storlek = 1 << (info - 24)
        arg, i = int.from_bytes(data[i + 1 : i + 1 + storlek], "big"), i + 1 + storlek
    else:
        raise ValueError("CBOR med obestämd längd i ordintervallet")
    if major == 4 and (heltal := _heltal(arg).match(data, i)):
        return heltal.end()  # a list of places
    if major in (4, 5):
        for _ in range(arg if major == 4 else 2 * arg):
            i = slut(data, i)
    elif major in (2, 3):
        i += arg
    return i


@functools.lru_cache(maxsize=512)
def _heltal(antal: int) -> re.Pattern[bytes]:
    """Exactly ``antal`` CBOR integers one after another."""
    return re.compile(_INT + b"{%d}" % antal, re.DOTALL)
