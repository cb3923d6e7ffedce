"""Output formats as plug-ins: the build asks these registrations, never an if/elif over names.

Two sorts, each one module in ``styrdok.format`` plus one line in the composition root
(``styrdok/bygg.py``):

* a :class:`Dokumentformat` names a function that renders a
  :class:`~styrdok.karna.utdata.DokumentVy` to a file (PDF, Word); every
  :class:`~styrdok.karna.utdata.Leverans` is rendered in each of them, the download links
  name them, and ``styrdok <namn> ID`` renders one document;
* a :class:`Filformat` serializes one kind of data (a table, a feed, a calendar) to bytes
  for the file extension it serves (``.json``, ``.csv``, ``.xml``, ``.ics``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna.utdata import DokumentVy


@dataclass(frozen=True)
class Dokumentformat:
    namn: str
    """The file extension and the command: ``pdf`` (``styrdok pdf ID``, ``<väg>.pdf``)."""
    etikett: str
    """What readers call it in a link: ``PDF``, ``Word``."""
    mallmapp: str
    """The format's folder under templates/ (``pdf``, ``word``)."""
    funktion: str
    """``"modul:funktion"``, e.g. ``"styrdok.format.pdf:render_pdf"``, called as
    ``funktion(vy, ut, mallar)`` to write the file ``ut`` from the templates root ``mallar``.
    Named, not imported: ``styrdok check`` never loads a rendering engine, and a worker
    process imports only what it renders with."""

    @property
    def modul(self) -> str:
        """The module to preload in worker processes."""
        return self.funktion.partition(":")[0]

    def rendera(self, vy: DokumentVy, ut: Path, mallar: Path) -> None:
        ladda_namngiven(self.funktion)(vy, ut, mallar)


def ladda_namngiven(namn: str) -> Any:
    """``"modul:attribut"`` → the attribute, importing the module only now."""
    modul, _, attribut = namn.partition(":")
    return getattr(importlib.import_module(modul), attribut)


@dataclass(frozen=True)
class Filformat:
    ändelse: str
    """The file extension it serves, with the dot: ``.json``."""
    typ: type
    """The data it serializes, e.g. :class:`~styrdok.karna.utdata.Tabell`."""
    serialisera: Callable[[Any], bytes]


def filformat_för(format_: Iterable[Filformat], väg: str, data: Any) -> Filformat:
    """The registered format for a file at site path ``väg`` holding ``data``."""
    ändelse = PurePosixPath(väg).suffix.lower()
    for f in format_:
        if f.ändelse == ändelse and isinstance(data, f.typ):
            return f
    raise StyrdokFel(f"internt fel: inget filformat för {väg} ({type(data).__name__})")


def till_bytes(format_: Iterable[Filformat], väg: str, data: bytes | Any) -> bytes:
    """A kind's file as bytes: as given, or serialized by its registered format."""
    if isinstance(data, bytes):
        return data
    return filformat_för(format_, väg, data).serialisera(data)


def välj(format_: Iterable[Dokumentformat], namn: tuple[str, ...] | None) -> list[Dokumentformat]:
    """The formats a deliverable is rendered in: all, or those it names."""
    return [f for f in format_ if namn is None or f.namn in namn]
