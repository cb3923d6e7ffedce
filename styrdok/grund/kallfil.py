"""Reading source files: bytes → text → front matter + body, keeping every YAML position.

The YAML is composed into nodes (which carry line and column) and converted to
plain Python values by hand, so that each value's position is remembered in a
:class:`Positioner` keyed by its path (``("revideringar", 0, "datum")``). The
validators look positions up there; that is how a pydantic error inside a nested
list still names the right line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C composer is several times faster; positions are the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader

from styrdok.grund import platshallare
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.sokvag import läsbar, tecknets_namn, är_styrtecken
from styrdok.grund.yamlfel import FEL_ALIAS, FEL_DJUP, MAX_DJUP, YamlFel, översätt

Sökväg = tuple[str | int, ...]

_TIDSSTÄMPEL = "tag:yaml.org,2002:timestamp"
_HELTAL = "tag:yaml.org,2002:int"
_DECIMALTAL = "tag:yaml.org,2002:float"
_SANNINGSVÄRDE = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_DATUM = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass
class Positioner:
    """Where each value (and each mapping key) stands in the file, 1-based."""

    värden: dict[Sökväg, tuple[int, int]] = field(default_factory=dict)
    nycklar: dict[Sökväg, tuple[int, int]] = field(default_factory=dict)
    redan_rapporterade: set[Sökväg] = field(default_factory=set)
    """Values already reported while reading (e.g. 2021-02-30); validators stay quiet about them."""

    def värde(self, sökväg: Sökväg) -> tuple[int, int]:
        """Position of the value at ``sökväg``, or of its nearest known ancestor."""
        while sökväg not in self.värden and sökväg:
            sökväg = sökväg[:-1]
        return self.värden.get(sökväg, (1, 1))

    def nyckel(self, sökväg: Sökväg) -> tuple[int, int]:
        """Position of the key that holds ``sökväg``; falls back to the value."""
        return self.nycklar.get(sökväg) or self.värde(sökväg)


@dataclass
class Källfil:
    """One source file, split and parsed. ``data`` is None when the front matter is unusable."""

    sökväg: Path
    visningsnamn: str
    data: dict[str, Any] | None
    positioner: Positioner
    brödtext: str = ""
    brödtext_rad: int = 1
    """The line number in the file of the body's first line."""
    markdownfält: list[tuple[Sökväg, str, int]] = field(default_factory=list)
    """The Markdown values in the front matter or YAML (key path, text, first line), recorded
    when the model is validated, so that links are checked in them as in the body."""

    def markdowntexter(self) -> list[tuple[str, int]]:
        """Every Markdown text of the file with the line it starts on: the body and each
        Markdown value."""
        texter = [(t, rad) for _, t, rad in self.markdownfält]
        return ([(self.brödtext, self.brödtext_rad)] if self.brödtext.strip() else []) + texter

    def påminnelse(self, rapport: Rapport, sökväg: Sökväg, meddelande: str) -> None:
        rad, kol = self.positioner.värde(sökväg)
        rapport.påminnelse(self.visningsnamn, rad, kol, meddelande)

    def fel(self, rapport: Rapport, sökväg: Sökväg, meddelande: str, nyckel: bool = False) -> None:
        """Report an error at the value (or, with ``nyckel``, the key) at ``sökväg``; not at
        a value already reported as it was read (a placeholder, an impossible date): the
        rules that follow would only repeat it in other words."""
        if not nyckel and sökväg in self.positioner.redan_rapporterade:
            return
        rad, kol = self.positioner.nyckel(sökväg) if nyckel else self.positioner.värde(sökväg)
        rapport.fel(self.visningsnamn, rad, kol, meddelande)

    def varning(
        self, rapport: Rapport, sökväg: Sökväg, meddelande: str, nyckel: bool = False
    ) -> None:
        rad, kol = self.positioner.nyckel(sökväg) if nyckel else self.positioner.värde(sökväg)
        rapport.varning(self.visningsnamn, rad, kol, meddelande)


def läs_text(sökväg: Path, visningsnamn: str, rapport: Rapport) -> str | None:
    """Read a file as UTF-8 (BOM allowed, CRLF → LF); report and return None on failure."""
    try:
        rå = sökväg.read_bytes()
    except OSError as fel:
        rapport.fel(visningsnamn, 1, 1, f"filen kan inte läsas: {fel.strerror}")
        return None
    try:
        text = rå.decode("utf-8-sig")
    except UnicodeDecodeError as fel:
        före = rå[: fel.start]
        meddelande = (
            f"filen är inte UTF-8 (byte 0x{rå[fel.start]:02x}); spara den som UTF-8 i din editor"
        )
        rapport.fel(visningsnamn, före.count(b"\n") + 1, len(före) - före.rfind(b"\n"), meddelande)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def läs_yaml(sökväg: Path, visningsnamn: str, rapport: Rapport) -> Källfil:
    """Read a whole YAML file (kommun.yml)."""
    text = läs_text(sökväg, visningsnamn, rapport)
    källa = Källfil(sökväg, visningsnamn, None, Positioner())
    if text is None:
        return källa
    if not text.strip():
        rapport.fel(visningsnamn, 1, 1, "filen är tom")
        return källa
    källa.data = _tolka_mappning(text, 0, visningsnamn, källa.positioner, rapport)
    platshallare.granska(källa, rapport)
    return källa


def läs_markdown(sökväg: Path, visningsnamn: str, rapport: Rapport) -> Källfil:
    """Read a Markdown file that starts with YAML front matter between ``---`` lines."""
    text = läs_text(sökväg, visningsnamn, rapport)
    källa = Källfil(sökväg, visningsnamn, None, Positioner())
    if text is None:
        return källa
    rader = text.split("\n")
    slut = next((i for i in range(1, len(rader)) if rader[i].rstrip() in ("---", "...")), None)
    if not text.strip():
        problem = "filen är tom; den ska börja med front matter mellan två rader med ---"
    elif rader[0].rstrip() != "---":
        problem = "filen saknar front matter: första raden ska vara --- och följas av nycklarna, t.ex. titel:"
    elif slut is None:
        problem = "front matter avslutas aldrig: lägg till en rad med --- efter sista nyckeln"
    else:
        problem = None
    if problem:
        rapport.fel(visningsnamn, 1, 1, problem)
        return källa
    yamltext = "\n".join(rader[1:slut])
    källa.brödtext_rad = slut + 2
    källa.brödtext = _utan_styrtecken(rader[slut + 1 :], källa.brödtext_rad, visningsnamn, rapport)
    if not yamltext.strip():
        rapport.fel(visningsnamn, 1, 1, "front matter är tom: ange åtminstone titel")
        källa.data = {}
        platshallare.granska(källa, rapport)
        return källa
    källa.data = _tolka_mappning(yamltext, 1, visningsnamn, källa.positioner, rapport)
    platshallare.granska(källa, rapport)
    return källa


def _utan_styrtecken(rader: list[str], första_rad: int, visningsnamn: str, rapport: Rapport) -> str:
    """The body, each line holding a control character reported and left out (blank), so that
    nothing after reading ever sees one and other lines are still checked."""
    for nr, rad in enumerate(rader):
        if (kolumn := _styrtecken(rad)) is not None:
            rapport.fel(
                visningsnamn,
                första_rad + nr,
                kolumn + 1,
                f"texten innehåller styrtecknet {tecknets_namn(rad[kolumn])}, som inte syns och inte kan "
                "publiceras; ta bort det (det kommer ofta från inklistrad text)",
            )
            rader[nr] = ""
    return "\n".join(rader)


def _styrtecken(text: str, tillåtna: str = "\t") -> int | None:
    """The index of the first control character in ``text`` (other than ``tillåtna``), or None."""
    if text.isprintable():
        return None
    return next((i for i, t in enumerate(text) if är_styrtecken(t) and t not in tillåtna), None)


def _tolka_mappning(
    text: str, radförskjutning: int, visningsnamn: str, positioner: Positioner, rapport: Rapport
) -> dict[str, Any] | None:
    try:
        nod = yaml.compose(text, Loader=_Loader)
        if nod is None:
            return {}
        if not isinstance(nod, yaml.MappingNode):
            raise YamlFel(*_pos(nod), _INTE_MAPPNING)
        if (alias := _första_alias(text)) is not None:
            raise YamlFel(alias.line + 1, alias.column + 1, FEL_ALIAS)
        felsamling: list[YamlFel] = []
        data = _till_python(nod, (), positioner, felsamling, radförskjutning)
        for f in felsamling:
            rapport.fel(visningsnamn, f.rad + radförskjutning, f.kolumn, f.meddelande)
    except (yaml.YAMLError, YamlFel, RecursionError, OverflowError) as fel:
        # The last two only from the pure-Python loader (libyaml stops at 1,000 levels).
        rad, kol, meddelande = översätt(fel, text)
        rapport.fel(visningsnamn, rad + radförskjutning, kol, meddelande)
        return None
    # Shift every stored position by the front-matter offset.
    if radförskjutning:
        for tabell in (positioner.värden, positioner.nycklar):
            for k, (r, c) in tabell.items():
                tabell[k] = (r + radförskjutning, c)
    return data if isinstance(data, dict) else None


def _första_alias(text: str) -> yaml.Mark | None:
    """Where the first alias (*namn) stands. Aliases are refused: ten lines of them can stand
    for billions of values. One without an anchor (&namn) already failed to compose."""
    if "&" not in text or "*" not in text:
        return None
    händelser = yaml.parse(text, Loader=_Loader)
    return next((h.start_mark for h in händelser if isinstance(h, yaml.AliasEvent)), None)


def _pos(nod: yaml.Node) -> tuple[int, int]:
    return nod.start_mark.line + 1, nod.start_mark.column + 1


def _till_python(
    nod: yaml.Node, sökväg: Sökväg, pos: Positioner, fel: list[YamlFel], förskjutning: int = 0
) -> Any:
    pos.värden[sökväg] = _pos(nod)
    if len(sökväg) > MAX_DJUP:
        raise YamlFel(*_pos(nod), FEL_DJUP)
    if isinstance(nod, yaml.MappingNode):
        resultat: dict[str, Any] = {}
        for nyckelnod, värdenod in nod.value:
            if not isinstance(nyckelnod, yaml.ScalarNode):
                raise YamlFel(*_pos(nyckelnod), "en nyckel måste vara en enkel text")
            nyckel = str(nyckelnod.value)
            if (i := _styrtecken(nyckel, "")) is not None:
                fel.append(
                    YamlFel(
                        *_pos(nyckelnod),
                        f"nyckeln {läsbar(nyckel)} innehåller styrtecknet "
                        f"{tecknets_namn(nyckel[i])}; ta bort det",
                    )
                )
                continue
            if nyckel == "<<":
                raise YamlFel(
                    *_pos(nyckelnod), "YAML-sammanslagning (<<) stöds inte; skriv ut nycklarna"
                )
            if nyckel in resultat:
                första = pos.nycklar[sökväg + (nyckel,)]
                fel.append(
                    YamlFel(
                        *_pos(nyckelnod),
                        f"nyckeln {nyckel} förekommer två gånger (första gången på rad {första[0] + förskjutning})",
                    )
                )
                continue
            pos.nycklar[sökväg + (nyckel,)] = _pos(nyckelnod)
            resultat[nyckel] = _till_python(värdenod, sökväg + (nyckel,), pos, fel, förskjutning)
        return resultat
    if isinstance(nod, yaml.SequenceNode):
        return [
            _till_python(n, sökväg + (i,), pos, fel, förskjutning) for i, n in enumerate(nod.value)
        ]
    antal = len(fel)
    värde = _skalär(nod, fel)
    if isinstance(värde, str) and (i := _styrtecken(värde, "\t\n")) is not None:
        fel.append(
            YamlFel(
                *_pos(nod),
                f"värdet innehåller styrtecknet {tecknets_namn(värde[i])}, som inte syns "
                "och inte kan publiceras eller bli ett filnamn; ta bort det",
            )
        )
        värde = None
    if len(fel) > antal:
        pos.redan_rapporterade.add(sökväg)
    return värde


def _skalär(nod: yaml.ScalarNode, fel: list[YamlFel]) -> Any:
    """Resolve a scalar like YAML does, but keep ``2021:3`` a text (YAML 1.1 would make it 121263)."""
    värde = nod.value
    if nod.style:  # quoted or block scalar: always text
        return värde
    tagg = nod.tag
    if tagg == _NULL:
        return None
    if tagg == _SANNINGSVÄRDE:
        return värde.lower() in ("true", "yes", "on")
    if tagg == _HELTAL:
        if ":" in värde or värde.startswith(("0x", "0b", "0o")) or "_" in värde:
            return värde
        try:
            return int(värde)
        except ValueError:
            return värde
    if tagg == _DECIMALTAL:
        if ":" in värde or "_" in värde:
            return värde
        try:
            return float(värde)
        except ValueError:
            return värde
    if tagg == _TIDSSTÄMPEL:
        return _datum(värde, nod, fel)
    if _DATUM.match(värde):  # e.g. 2021-02-30 does not match YAML's pattern strictly
        return _datum(värde, nod, fel)
    return värde


def _datum(värde: str, nod: yaml.ScalarNode, fel: list[YamlFel]) -> Any:
    träff = _DATUM.match(värde)
    if not träff:
        return värde  # a datetime; the model says whether that is allowed
    try:
        return dt.date(int(träff[1]), int(träff[2]), int(träff[3]))
    except ValueError:
        fel.append(YamlFel(*_pos(nod), f"{värde} är inget giltigt datum (finns den dagen?)"))
        return None


_INTE_MAPPNING = "ska vara nycklar med värden (nyckel: värde), inte en lista eller en ensam text"
