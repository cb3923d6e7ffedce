"""Placeholders: text a template left for a person to replace.

Templates (``styrdok new``, ``styrdok init``) write ``FYLL I: what belongs here`` wherever a
person has to write something. Every source file is searched for that mark as it is read,
front matter and body alike, so a template nobody filled in can never be published: each
mark is an error at its line (a reminder in a draft, ``utkast: true``, which is never
published either). A value reported here is not reported again by the model's validation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from styrdok.grund.diagnostik import Rapport

MARKERING = "FYLL I"
"""The mark templates write; upper case, so that prose ("fyll i blanketten") never matches."""

_MARKERING = re.compile(r"\bFYLL I\b")


def platshållare(text: str) -> str:
    """A placeholder as templates write it: ``FYLL I: dokumentets namn``."""
    return f"{MARKERING}: {text}"


def granska(källa: Any, rapport: Rapport) -> None:
    """Report every placeholder in ``källa`` (a :class:`~styrdok.grund.kallfil.Källfil`)."""
    data = källa.data if isinstance(källa.data, dict) else {}
    utkast = data.get("utkast") is True
    anmäl = rapport.påminnelse if utkast else rapport.fel
    råd = (
        "fyll i innan utkast: true tas bort"
        if utkast
        else "skriv in det riktiga innehållet; inget publiceras förrän det är gjort"
    )
    for sökväg, värde in _strängar(data, ()):
        if _MARKERING.search(värde):
            rad, kolumn = källa.positioner.värde(sökväg)
            anmäl(
                källa.visningsnamn,
                rad,
                kolumn,
                f"platshållaren är inte ifylld ({_kort(värde)}); {råd}",
            )
            källa.positioner.redan_rapporterade.add(sökväg)
    for i, radtext in enumerate(källa.brödtext.split("\n")):
        if träff := _MARKERING.search(radtext):
            rad = källa.brödtext_rad + i
            anmäl(
                källa.visningsnamn,
                rad,
                träff.start() + 1,
                f"platshållaren är inte ifylld ({_kort(radtext[träff.start() :])}); {råd}",
            )


def _strängar(värde: Any, sökväg: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(värde, str):
        yield sökväg, värde
    elif isinstance(värde, dict):
        for nyckel, v in värde.items():
            yield from _strängar(v, sökväg + (nyckel,))
    elif isinstance(värde, list):
        for i, v in enumerate(värde):
            yield from _strängar(v, sökväg + (i,))


def _kort(text: str) -> str:
    text = " ".join(text.split())
    return f"»{text[:60]}…«" if len(text) > 60 else f"»{text}«"
