"""The sites' search: a static Pagefind index per built site, and the exact-identifier file.

Each site is indexed from its own built files only (``<site>/pagefind/``), so the public
index can hold nothing the public site does not already show. What is indexed is decided
by the page markup (``templates/overrides/main.html``): the article's text
(``data-pagefind-body``), the page's search fields and filters from its front matter
(``styrdok_sok``, see :func:`styrdok.karna.utdata.sökdata`); a page that only lists others
(``data-styrdok-lista``) is found by its heading and introduction, not by the lists.

Pagefind splits ``EKFS 2021:2`` and ``KS 2021/123`` into words, so a query for a number
also finds every page that mentions it. Beside the index are the exact-identifier files
(:mod:`sok_beteckningar`), which the search page shows first for a query that looks like an
identifier.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna.rendering import dö_med_föräldern
from styrdok.webb import sok_delning, sok_ordning, sok_uppdatering
from styrdok.webb.sok_beteckningar import läs_beteckningar, skriv_beteckningar
from styrdok.webb.sok_sidor import MAPP, avtryck

OANVÄNDA = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own search interfaces: styrdok has its own (sok.js), so they are not published."""

UTESLUTNA = (
    "[data-styrdok-lista] table",
    "[data-styrdok-lista] ul",
    "[data-styrdok-lista] ol",
    "[data-styrdok-lista] dl",
    "[data-styrdok-falt] .styrdok-metadata",
    ".styrdok-ladda",
)
"""What is not searched: on a page that lists others, the lists themselves; on a page with
search fields, its fact table (the fields hold the same facts); the download links (»Ladda
ner som PDF«), which would otherwise open every excerpt."""


class Avbrutet(Exception):
    """The index was stopped before it was done (``indexera(avbryt=…)``): an edit since has
    made it stale, and what the user waits for needs the processor."""


def indexera(
    site: Path,
    variant: str = "",
    meddela: Callable[[str], None] = lambda _: None,
    i_bakgrunden: bool = False,
    tidigare: Path | None = None,
    avbryt: threading.Event | None = None,
    källa: Path | None = None,
    minne: Path | None = None,
) -> None:
    """Index one built site in ``site/pagefind/`` (replaced). Pagefind failing is a StyrdokFel.
    ``i_bakgrunden``: at low priority (``nice``), so what a user waits for goes first.
    ``tidigare``: the same site as built before (``site/public``), whose index is brought
    up to date when only a few of its pages changed (:mod:`sok_uppdatering`), else whose
    index files are reused where they are still right (:func:`_länka_oföränderliga`).
    ``avbryt``: once set, Pagefind is stopped and :class:`Avbrutet` raised (what is in ``site/pagefind/`` then is
    not an index). ``källa``: the folder whose pages Pagefind reads, laid out as the site
    (some of its pages, :mod:`sok_sammanslagning`); the identifier files are always made
    from all of the site's pages (``minne``: where what they hold is kept between builds,
    :data:`sok_beteckningar.MINNE`)."""
    try:
        _indexera(site, variant, meddela, i_bakgrunden, tidigare, avbryt, källa or site, minne)
    except sok_delning.Saknas:  # the previous index was not whole: made from nothing
        shutil.rmtree(site / MAPP, ignore_errors=True)
        _indexera(site, variant, meddela, i_bakgrunden, None, avbryt, källa or site, minne)


def _indexera(
    site: Path,
    variant: str,
    meddela: Callable[[str], None],
    i_bakgrunden: bool,
    tidigare: Path | None,
    avbryt: threading.Event | None,
    källa: Path,
    minne: Path | None,
) -> None:
    namn = f" ({variant})" if variant else ""
    beteckningar: list[dict[str, dict]] = []

    def läs_medan() -> None:  # the pages read for the identifier files while Pagefind runs
        with contextlib.suppress(Exception):  # read again below, where a failure is reported
            beteckningar.append(läs_beteckningar(site, minne))

    nice = ["nice", "-n", "10"] if i_bakgrunden and shutil.which("nice") else []
    # from a process of one thread (a site's build process), Pagefind dies with it: a
    # stopped build leaves nothing writing into its staging folder
    ensam = threading.active_count() == 1

    def pagefind(sidor: Path, ut: Path, medan: Callable[[], object] = lambda: None):
        try:
            return _kör_medan(
                _kommando(sidor, ut, nice), dö_med_föräldern if ensam else None, medan, avbryt
            )
        except (OSError, subprocess.TimeoutExpired) as fel:
            raise StyrdokFel(f"sökindexet för webbplatsen{namn} kunde inte byggas: {fel}") from None

    def lite(sidor: Path, ut: Path) -> None:  # a few pages, for sok_uppdatering
        if pagefind(sidor, ut, läs_medan).returncode != 0:
            raise ValueError("Pagefind")

    def klart(hur: str = "") -> None:  # the identifier files and the description, either way
        skriv_beteckningar(site, beteckningar[0] if beteckningar else None, minne)
        beskriv(site)
        meddela(f"sökindex{namn}: {_antal_sidor(site)} sidor{hur}")

    if tidigare is not None:
        gjorda = sok_uppdatering.uppdatera(site / MAPP, källa, tidigare, lite, avtryck)
        if gjorda is not None and _rensa(site / MAPP):  # a file it names missing: not trusted
            shutil.rmtree(site / MAPP)
            gjorda = None
        if gjorda is not None:
            if avbryt is not None and avbryt.is_set():
                raise Avbrutet(site)
            sok_uppdatering.skriv_utanför(site / MAPP, källa, site)
            ändrade = {0: "ingen sida hade ändrats", 1: "1 ändrad sida indexerades om"}
            return klart("; " + ändrade.get(gjorda, f"{gjorda} ändrade sidor indexerades om"))
    if avbryt is not None and avbryt.is_set():
        raise Avbrutet(site)
    if tidigare is not None:
        _länka_oföränderliga(tidigare / MAPP, site / MAPP)
        sok_delning.platshållare(tidigare / MAPP, site / MAPP)
    körning = pagefind(källa, site / MAPP, läs_medan)
    if avbryt is not None and avbryt.is_set():
        raise Avbrutet(site)
    if körning.returncode != 0 and "No module named pagefind" in körning.stderr:
        raise StyrdokFel(
            f"sökindexet för webbplatsen{namn} kunde inte byggas: Pagefind saknas; installera "
            "det med pip install 'pagefind[extended]>=1.5,<2' (det följer med styrdok)"
        )
    if körning.returncode != 0:
        utskrift = (körning.stderr or körning.stdout).strip().splitlines()[-5:]
        raise StyrdokFel(
            f"sökindexet för webbplatsen{namn} kunde inte byggas (Pagefind avslutade med "
            f"kod {körning.returncode}): " + " / ".join(utskrift)
        )
    if not (site / MAPP / "pagefind.js").is_file():
        raise StyrdokFel(f"sökindexet för webbplatsen{namn} kunde inte byggas: pagefind.js saknas")
    try:
        sok_ordning.ordna(site / MAPP)
        sok_delning.dela(site / MAPP, tidigare / MAPP if tidigare is not None else None)
        saknade = _rensa(site / MAPP)
        sok_uppdatering.skriv_utanför(site / MAPP, källa, site)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as fel:
        raise StyrdokFel(
            f"sökindexet för webbplatsen{namn} kunde inte ordnas (okänt format från Pagefind "
            f"{_version(site)}): {fel}"
        ) from None
    for onödig in OANVÄNDA:
        (site / MAPP / onödig).unlink(missing_ok=True)
    if saknade:
        raise StyrdokFel(
            f"sökindexet för webbplatsen{namn} kunde inte byggas: {saknade} filer som indexet "
            "hänvisar till saknas"
        )
    klart()


@functools.cache
def _pagefind() -> tuple[str, ...]:
    """How Pagefind is run: its binary itself, found as the ``pagefind`` package finds it
    (``PAGEFIND_BINARY_PATH``, the extended binary's package, the plain one's), with no
    Python started just to find it (~0.07 s a run); else through the package, which says
    what is missing (``No module named pagefind``: a Swedish error)."""
    if väg := os.environ.get("PAGEFIND_BINARY_PATH"):
        return (väg,)
    for paket in ("pagefind_bin_extended", "pagefind_bin"):
        with contextlib.suppress(ImportError, OSError):
            return (str(importlib.import_module(paket).get_executable()),)
    return (sys.executable, "-m", "pagefind")


def _kommando(sidor: Path, ut: Path, nice: list[str]) -> list[str]:
    """Pagefind on the pages in ``sidor``, its index written in ``ut``."""
    kommando = [
        *nice,
        *_pagefind(),
        "--site",
        str(sidor),
        "--output-path",
        str(ut),
        "--force-language",
        "sv",
        "--quiet",
    ]
    for väljare in UTESLUTNA:
        kommando += ["--exclude-selectors", väljare]
    return kommando


BESKRIVNING = "styrdok-sok.json"
"""What the search page reads beside the index (sok.js): ``{}``, or for an index that takes
in another site's (:mod:`sok_sammanslagning`) ``index``, that index's folder relative to
this one, ``utan``, the ids of the pages not to show (its pages this site does not have as
they are there; the own index's word list), and ``filter``, how many of its pages not
taken each filter value counts."""


def beskriv(site: Path, beskrivning: dict | None = None) -> None:
    """Write the site's :data:`BESKRIVNING` (an index of its own pages only: ``{}``)."""
    (site / MAPP / BESKRIVNING).write_text(
        json.dumps(beskrivning or {}, ensure_ascii=False, separators=(",", ":")), "utf-8"
    )


def _kör_medan(
    kommando: list[str],
    preexec_fn: Callable[[], None] | None,
    medan: Callable[[], object],
    avbryt: threading.Event | None = None,
) -> subprocess.CompletedProcess:
    """Run ``kommando`` (its output captured, ten minutes at most) and ``medan()`` in a
    thread of this process meanwhile, started once the command is (so no thread runs
    when this process forks it); both are done when this returns. The command is killed
    as soon as ``avbryt`` is set (within :data:`AVBRYT_INOM` seconds)."""
    process = subprocess.Popen(
        kommando,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec_fn,
    )
    tråd = threading.Thread(target=medan, daemon=True)
    tråd.start()
    if avbryt is not None:
        threading.Thread(target=_döda_om, args=(process, avbryt), daemon=True).start()
    try:
        ut, fel = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    finally:
        tråd.join()
    return subprocess.CompletedProcess(kommando, process.returncode, ut, fel)


AVBRYT_INOM = 0.02
"""How often a running command looks whether it is to be stopped (seconds)."""


def _döda_om(process: subprocess.Popen, avbryt: threading.Event) -> None:
    """Kill ``process`` once ``avbryt`` is set, unless it has ended by then."""
    while process.poll() is None:
        if avbryt.wait(AVBRYT_INOM):
            with contextlib.suppress(OSError):
                process.kill()
            return


OFÖRÄNDERLIGA = {"fragment": ".pf_fragment", "index": ".pf_index"}
"""Pagefind's files named by their content (one per page; one per range of words), in
folders of their own: a file of that name that is already there is not written again."""


def _länka_oföränderliga(från: Path, till: Path) -> None:
    """The previous index's content-named files (:data:`OFÖRÄNDERLIGA`) hard-linked into the
    new index's folder before Pagefind runs: Pagefind skips every such file that exists
    (its "immutable" files: the name is a hash of the content), so only the pages and word
    ranges an edit changed are packed and written; it writes its files with other names
    (the entry file, its scripts) anew, and none of these linked ones is ever written
    into. What the new index does not name is removed afterwards (:func:`_rensa`). Best
    effort: a file that cannot be linked is simply made by Pagefind."""
    for mapp, ändelse in OFÖRÄNDERLIGA.items():
        källa = från / mapp
        if källa.is_symlink() or not källa.is_dir():
            continue
        (till / mapp).mkdir(parents=True, exist_ok=True)
        with os.scandir(källa) as filer:
            for fil in filer:
                if not fil.name.endswith(ändelse) or not fil.is_file(follow_symlinks=False):
                    continue
                try:
                    os.link(fil.path, till / mapp / fil.name)
                except FileExistsError:
                    continue
                except OSError:
                    return


def _rensa(mapp: Path) -> int:
    """Remove the content-named files the index in ``mapp`` does not name (from a previous
    index, :func:`_länka_oföränderliga`, or a placeholder,
    :func:`sok_delning.platshållare`); returns how many of those it needs are missing.
    The meta file of each language is ``[version, pages, word ranges, …]``, a page as
    ``[hash, words]`` (``fragment/<hash>.pf_fragment``), a range as ``[from, to, hash]``
    (``index/<hash>.pf_index``)."""
    post = json.loads((mapp / "pagefind-entry.json").read_text(encoding="utf-8"))
    namngivna: dict[str, set[str]] = {m: set() for m in OFÖRÄNDERLIGA}
    for uppgifter in post["languages"].values():
        meta = sok_ordning.läs(mapp / f"pagefind.{uppgifter['hash']}.pf_meta")
        namngivna["fragment"].update(f"{sida[0]}.pf_fragment" for sida in meta[1])
        namngivna["index"].update(f"{del_[2]}.pf_index" for del_ in meta[2])
    saknade = 0
    for del_, namn in namngivna.items():
        finns = set(os.listdir(mapp / del_)) if (mapp / del_).is_dir() else set()
        for överflödig in finns - namn:
            (mapp / del_ / överflödig).unlink()
        saknade += len(namn - finns)
    return saknade


def _version(site: Path) -> str:
    try:
        return json.loads((site / MAPP / "pagefind-entry.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def _antal_sidor(site: Path) -> int:
    try:
        post = json.loads((site / MAPP / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(språk.get("page_count", 0) for språk in post["languages"].values())
    except (OSError, ValueError, KeyError, AttributeError):
        return 0


def läs_index(site: Path) -> list[dict]:
    """Every page a built site's search finds, as Pagefind stores it (``url``, ``content``,
    ``meta`` with ``title``, ``filters``), read from its fragments; with another site's index
    taken in (:mod:`sok_sammanslagning`), that index's pages but those left out. For tests
    and checks."""
    mapp = site / MAPP
    egna, beskrivning = sok_ordning.fragment(mapp), läs_beskrivning(site)
    utan = set(beskrivning.get("utan", ()))
    sidor = [sida for id_, sida in egna if id_ not in utan]
    if beskrivning.get("index"):  # each page once, as the search page shows it
        utan |= {id_ for id_, _ in egna}
        sidor += [
            s for id_, s in sok_ordning.fragment(mapp / beskrivning["index"]) if id_ not in utan
        ]
    return sidor


def läs_beskrivning(site: Path) -> dict:
    fil = site / MAPP / BESKRIVNING
    return json.loads(fil.read_text("utf-8")) if fil.is_file() else {}
