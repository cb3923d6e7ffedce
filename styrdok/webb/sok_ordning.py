"""Pagefind's index made reproducible: two builds of the same site give the same files.

Pagefind 1.5 writes its filters (``filter/*.pf_filter``) in the order of a Rust hash map,
which differs from run to run; the file names are hashes of the content, so the names in
``pagefind.<hash>.pf_meta`` and ``pagefind-entry.json`` differ too. Here each filter's
values are put in name order, and the files are renamed and named again in the meta file
and the entry file. The files are gzip-packed CBOR after the marker ``pagefind_dcd``; the
small CBOR codec below covers what Pagefind writes (integers, strings, arrays, maps).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

MARKÖR = b"pagefind_dcd"


class _Par(list):
    """A CBOR map, as (key, value) pairs in their order."""


def avkoda(data: bytes, i: int = 0):
    """One CBOR value from ``data[i:]`` and where it ends."""
    första = data[i]
    major, info = första >> 5, första & 31
    i += 1
    if major == 7:
        if info in (20, 21, 22):
            return {20: False, 21: True, 22: None}[info], i
        storlek = {25: 2, 26: 4, 27: 8}[info]
        format_ = {2: ">e", 4: ">f", 8: ">d"}[storlek]
        return struct.unpack(format_, data[i : i + storlek])[0], i + storlek
    if info < 24:
        arg = info
    else:
        storlek = 1 << (info - 24)
        arg, i = int.from_bytes(data[i : i + storlek], "big"), i + storlek
    if major == 0:
        return arg, i
    if major == 1:
        return -1 - arg, i
    if major in (2, 3):
        del_ = data[i : i + arg]
        return (del_ if major == 2 else del_.decode("utf-8")), i + arg
    if major == 4:
        lista = []
        for _ in range(arg):
            värde, i = avkoda(data, i)
            lista.append(värde)
        return lista, i
    if major == 5:
        par = _Par()
        for _ in range(arg):
            nyckel, i = avkoda(data, i)
            värde, i = avkoda(data, i)
            par.append((nyckel, värde))
        return par, i
    raise ValueError(f"CBOR-typ {major} stöds inte")


def huvud(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, storlek in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * storlek):
            return bytes([major << 5 | info]) + arg.to_bytes(storlek, "big")
    raise ValueError("för stort tal")


def koda(värde) -> bytes:
    if värde is False or värde is True or värde is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[värde]])
    if isinstance(värde, int):
        return huvud(0, värde) if värde >= 0 else huvud(1, -1 - värde)
    if isinstance(värde, float):
        return b"\xfb" + struct.pack(">d", värde)
    if isinstance(värde, bytes):
        return huvud(2, len(värde)) + värde
    if isinstance(värde, str):
        data = värde.encode("utf-8")
        return huvud(3, len(data)) + data
    if isinstance(värde, _Par):
        return huvud(5, len(värde)) + b"".join(koda(k) + koda(v) for k, v in värde)
    if isinstance(värde, list):
        return huvud(4, len(värde)) + b"".join(koda(v) for v in värde)
    raise TypeError(type(värde))


def fragment(mapp: Path) -> list[tuple[str, dict]]:
    """Each page of the index in ``mapp``: (its id, as search results name it; what
    Pagefind stores of it), in the order of their files' names."""
    filer = sorted((mapp / "fragment").glob("*.pf_fragment"))
    return [(fil.stem, läs_fragment(mapp, fil.stem)) for fil in filer]


def läs_fragment(mapp: Path, namn: str) -> dict:
    """What Pagefind stores of one page (``fragment/<namn>.pf_fragment`` in ``mapp``)."""
    data = gzip.decompress((mapp / "fragment" / f"{namn}.pf_fragment").read_bytes())
    return json.loads(data.decode("utf-8").removeprefix(MARKÖR.decode()))


def läs(fil: Path):
    data = gzip.decompress(fil.read_bytes())
    if not data.startswith(MARKÖR):
        raise ValueError(f"{fil.name} är ingen Pagefind-fil")
    return avkoda(data, len(MARKÖR))[0]


def skriv(fil: Path, värde) -> None:
    fil.write_bytes(gzip.compress(MARKÖR + koda(värde), mtime=0))


def innehållsnamn(språk: str, värde, längd: int) -> str:
    return f"{språk}_{hashlib.sha256(koda(värde)).hexdigest()[:längd]}"


def ordna(mapp: Path) -> None:
    """Put every filter's values of the index in ``mapp`` (a site's ``pagefind/``) in name
    order, and name the files by their new content. A filter file is ``[name, [[value,
    [page numbers]], …]]``; the meta file ``[version, pages, word chunks, filters, sorts,
    fields]`` with ``filters`` as ``[[name, file], …]``. Page numbers are left alone."""
    post = json.loads((mapp / "pagefind-entry.json").read_text(encoding="utf-8"))
    for språk, uppgifter in post["languages"].items():
        nya: dict[str, str] = {}
        for fil in sorted((mapp / "filter").glob(f"{språk}_*.pf_filter")):
            namn_, värden = läs(fil)
            värde = [namn_, sorted(värden, key=lambda v: v[0])]
            namn = innehållsnamn(språk, värde, 7)
            fil.unlink()
            skriv(mapp / "filter" / f"{namn}.pf_filter", värde)
            nya[fil.stem] = namn
        metafil = mapp / f"pagefind.{uppgifter['hash']}.pf_meta"
        meta = läs(metafil)
        meta[3] = sorted(([f[0], nya.get(f[1], f[1]), *f[2:]] for f in meta[3]), key=lambda f: f[0])
        namn = innehållsnamn(språk, meta, 10)
        metafil.unlink()
        skriv(mapp / f"pagefind.{namn}.pf_meta", meta)
        uppgifter["hash"] = namn
    (mapp / "pagefind-entry.json").write_text(
        json.dumps(post, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
