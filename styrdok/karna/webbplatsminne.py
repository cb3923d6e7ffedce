"""A site whose inputs are exactly those of the published one is not built again.

An edit to an intranet-only document changes nothing of the public site, and a build with
no edit changes nothing at all; yet the site engine would assemble every page and the
search indexer read every page again. Each site's inputs are summed (:func:`avtryck`): every
file of its docs folder (by content; a file whose size, time and inode are as when it was
last hashed, and which was not written within ``OSÄKER_TID_NS`` of that, is not read again),
the site's settings (the Webbplats: names, navigation, styles), the project's mkdocs.yml,
templates and hooks, styrdok's own code, the versions of Python and of the packages that
make sites, the source date and ``--strict``. After a build whose site engine logged no
warning, the sum is kept in ``build/cache/webbplats/<site>.json`` with the published site's
files as they are then (size, time and inode). The next build with the same sum, while
every file of the published site is still as it was, publishes that site again as it is
instead of building it: the gate reads it where it is, and the swap moves it over into the
new site/ (``publicering.publicera``); a site changed by hand, or built with warnings, is
built again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

import styrdok
from styrdok import __version__
from styrdok.grund.filer import filer_under, katalogsumma, skriv_atomiskt, säker_gräns
from styrdok.karna import projekt
from styrdok.karna.webbplats import Webbplats

_SCHEMA = 1
_PAKET = ("mkdocs", "mkdocs-material", "pagefind", "markdown", "pymdown-extensions", "jinja2")
_KOD: dict[str, str] = {}


class Webbplatsminne:
    def __init__(self, rot: Path, site: str, webbplats: Webbplats, strikt: bool):
        self.rot, self.site = rot, site
        self.fil = projekt.cachemapp(rot) / "webbplats" / f"{site}.json"
        try:
            self.tidigare = json.loads(self.fil.read_text(encoding="utf-8"))
            if not isinstance(self.tidigare, dict) or self.tidigare.get("schema") != _SCHEMA:
                self.tidigare = {}
        except (OSError, ValueError):
            self.tidigare = {}  # a lost or broken record only costs a build
        try:
            summor, self.filer = _docs_filer(webbplats.docs, self.tidigare.get("filer") or {})
            self.avtryck: str | None = avtryck(rot, webbplats, strikt, summor)
        except OSError:  # a file gone while it was summed: built, and nothing kept
            self.filer, self.avtryck = {}, None

    def oförändrad(self) -> bool:
        """Whether the published site was built from exactly these inputs and is as it was
        then: it is then published again as it is (moved over, ``publicering.publicera``)."""
        publicerad = self.rot / "site" / self.site
        try:
            return not (
                self.avtryck is None
                or self.tidigare.get("avtryck") != self.avtryck
                or not publicerad.is_dir()
                or publicerad.is_symlink()
                # moved by a rename: not a mount point, nor on another file system
                or publicerad.stat().st_dev != self.rot.stat().st_dev
                or _som_den_är(publicerad) != self.tidigare.get("site")
            )
        except OSError:  # a file gone while it was looked at: built
            return False

    def spara(self) -> None:
        """After publishing: the inputs and the published site's files as they are now.
        A record that cannot be written only costs the next build time."""
        if self.avtryck is None:
            return self.glöm()
        try:
            data = {
                "schema": _SCHEMA,
                "avtryck": self.avtryck,
                "filer": self.filer,
                "site": _som_den_är(self.rot / "site" / self.site),
            }
            skriv_atomiskt(
                self.fil, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
            )
        except OSError:
            self.glöm()

    def glöm(self) -> None:
        """Built again next time (its build warned, or ran code the engine cannot see into)."""
        try:
            self.fil.unlink(missing_ok=True)
        except OSError:
            pass


def avtryck(rot: Path, webbplats: Webbplats, strikt: bool, summor: dict[str, str]) -> str:
    """A sha256 over everything a site is made from (see the module)."""
    mallar = projekt.mallar(rot)
    delar = [
        _SCHEMA,
        __version__,
        sys.version,
        _kod(),
        {p: _version(p) for p in _PAKET},
        dataclasses.asdict(webbplats),
        strikt,
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        hashlib.sha256(projekt.konfigfil(rot).read_bytes()).hexdigest(),
        katalogsumma(mallar) if mallar.is_dir() else "",
        katalogsumma(rot / "hooks") if (rot / "hooks").is_dir() else "",
        sorted(summor.items()),
    ]
    return hashlib.sha256(json.dumps(delar, default=str, sort_keys=True).encode()).hexdigest()


def _docs_filer(docs: Path, tidigare: dict[str, list]) -> tuple[dict[str, str], dict[str, list]]:
    """Each file of the docs folder: its hash, and [size, time, inode, hash] to keep (the
    hash only when the file was not written within ``OSÄKER_TID_NS``: a change in the same
    tick would not change its time). A file whose size, time and inode are as kept is not
    read again."""
    gräns = säker_gräns()
    summor: dict[str, str] = {}
    poster: dict[str, list] = {}
    for väg, fil in filer_under(docs):
        s = os.stat(fil)
        post = [s.st_size, s.st_mtime_ns, s.st_ino]
        gammal = tidigare.get(väg)
        if isinstance(gammal, list) and gammal[:3] == post and gammal[3:4] != [""]:
            summa = str(gammal[3])
        else:
            with open(fil, "rb") as f:
                summa = hashlib.file_digest(f, "sha256").hexdigest()
        summor[väg] = summa
        poster[väg] = [*post, summa if s.st_mtime_ns < gräns else ""]
    return summor, poster


def _som_den_är(site: Path) -> dict[str, list]:
    """Every file of a published site: [size, time, inode]."""
    filer = {}
    for väg, fil in filer_under(site):
        s = os.lstat(fil)
        filer[väg] = [s.st_size, s.st_mtime_ns, s.st_ino]
    return filer


def _kod() -> str:
    """styrdok's own code and templates (a change there may change every page)."""
    if "summa" not in _KOD:
        _KOD["summa"] = katalogsumma(Path(styrdok.__file__).parent)
    return _KOD["summa"]


def _version(paket: str) -> str:
    try:
        return metadata.version(paket)
    except metadata.PackageNotFoundError:
        return ""
