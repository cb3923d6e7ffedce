"""The review report, ``import-rapport.md``: per document each key set and where it came
from, each value that could not be mapped (quoted from the Word file), what was left out
and what the conversion changed; first the files that could not be read. And the short
summary printed in the terminal."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from styrdok.grund.platshallare import MARKERING
from styrdok.slag.styrdokument.importera.dokument import Importresultat

RAPPORTFIL = "import-rapport.md"


@dataclass
class Post:
    resultat: Importresultat
    fil: Path | None = None
    """The written .md file, or None."""
    problem: str | None = None
    """Why nothing was written (the file could not be read, or the .md exists)."""


@dataclass
class Körning:
    rot: Path
    mål: Path
    poster: list[Post] = field(default_factory=list)
    sekunder: float = 0.0

    @property
    def importerade(self) -> list[Post]:
        return [p for p in self.poster if p.fil is not None]

    @property
    def misslyckade(self) -> list[Post]:
        return [p for p in self.poster if p.fil is None]

    def antal(self, vad: str) -> int:
        """Placeholders (in the front matter and the text) or values not carried over."""
        if vad == "platshållare":
            return sum(platshållare_i(p.resultat) for p in self.importerade)
        return sum(len(p.resultat.front.okartlagt) for p in self.importerade if p.resultat.front)


def platshållare_i(r: Importresultat) -> int:
    return len(r.front.platshållare if r.front else []) + r.brödtext.count(MARKERING)


def antal(n: int, ental: str, plural: str) -> str:
    return f"{n} {ental if n == 1 else plural}"


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _visa(värde: Any) -> str:
    if isinstance(värde, list) and värde and isinstance(värde[0], dict):
        return "; ".join(
            " ".join(
                [p["datum"].isoformat()]
                + ([p["beslutsinstans"]] if "beslutsinstans" in p else [])
                + ([f"§ {p['paragraf']}"] if "paragraf" in p else [])
            )
            + (f" ({p['kommentar']})" if "kommentar" in p else "")
            for p in värde
        )
    if isinstance(värde, list):
        return ", ".join(str(v) for v in värde)
    if isinstance(värde, dt.date):
        return värde.isoformat()
    return str(värde)


def _rel(rot: Path, fil: Path) -> str:
    """A path as seen from the project (``content/…``, ``../gamla/Policy.docx``)."""
    try:
        return Path(os.path.relpath(fil.resolve(), rot)).as_posix()
    except ValueError:  # another drive
        return str(fil)


def markdown(k: Körning, idag: dt.date) -> str:
    rader = [
        "# Importrapport",
        "",
        f"`styrdok import` {idag.isoformat()}: {antal(len(k.poster), 'fil', 'filer')}, "
        f"{len(k.importerade)} importerade till `{_rel(k.rot, k.mål)}/`, "
        f"{len(k.misslyckade)} inte importerade; "
        f"{antal(k.antal('platshållare'), 'platshållare', 'platshållare')} att fylla i och "
        f"{antal(k.antal('okartlagt'), 'värde', 'värden')} som inte kunde föras över.",
        "",
        "Gå igenom varje dokument mot Word-filen: kontrollera nycklarna och texten, fyll i "
        "platshållarna (`FYLL I: …`) och kör `styrdok check`, som visar varje platshållare som "
        "ett fel på sin rad. Ta sedan bort den här filen.",
    ]
    if k.misslyckade:
        rader += ["", "## Inte importerade", ""]
        rader += [f"- `{_rel(k.rot, p.resultat.källfil)}`: {p.problem}" for p in k.misslyckade]
    for p in k.importerade:
        rader += _dokument(k, p)
    return "\n".join(rader) + "\n"


def _dokument(k: Körning, p: Post) -> list[str]:
    r, front = p.resultat, p.resultat.front
    assert front is not None and p.fil is not None
    rader = [
        "",
        f"## {_cell(r.titel)}",
        "",
        f"`{_rel(k.rot, r.källfil)}` → `{_rel(k.rot, p.fil)}`",
        "",
        "| nyckel | värde | varifrån |",
        "|---|---|---|",
    ]
    for nyckel, värde in front.värden.items():
        källa = front.källor.get(nyckel, "")
        if nyckel in front.kommentarer:
            källa += f" ({front.kommentarer[nyckel]})"
        rader.append(f"| `{nyckel}` | {_cell(_visa(värde))} | {_cell(källa)} |")
    for rubrik, poster in (
        ("Kunde inte föras över", front.okartlagt),
        ("Andra värden i filen som inte användes", front.avvikande),
        ("Togs inte med", r.borttaget),
        ("Ändrat vid omvandlingen", r.ändrat),
    ):
        if poster:
            rader += ["", f"**{rubrik}**", ""] + [f"- {_cell(t)}" for t in dict.fromkeys(poster)]
    if i_texten := r.brödtext.count(MARKERING):
        rader += [
            "",
            f"**Platshållare i texten:** {i_texten} (`FYLL I`), t.ex. bilder utan alternativtext",
        ]
    if r.bilder:
        rader += [
            "",
            f"**Bilder:** {antal(len(r.bilder), 'kopierad', 'kopierade')} till "
            f"`{_rel(k.rot, p.fil.parent)}/bilder/`",
        ]
    return rader


def sammanfattning(k: Körning) -> list[str]:
    """A few lines for the terminal."""
    rader = [
        f"importerade {len(k.importerade)} av {antal(len(k.poster), 'fil', 'filer')} till "
        f"{_rel(k.rot, k.mål)}/ på {k.sekunder:.1f} s".replace(".", ",", 1)
    ]
    platshållare, okartlagt = k.antal("platshållare"), k.antal("okartlagt")
    if platshållare or okartlagt:
        rader.append(
            f"{platshållare} platshållare (FYLL I) att fylla i och "
            f"{antal(okartlagt, 'värde', 'värden')} som inte "
            "kunde föras över"
        )
    for p in k.misslyckade[:10]:
        rader.append(f"inte importerad: {p.resultat.källfil.name}: {p.problem}")
    if len(k.misslyckade) > 10:
        rader.append(f"… och {len(k.misslyckade) - 10} till")
    rader.append(f"granska {RAPPORTFIL} och kör sedan styrdok check")
    return rader
