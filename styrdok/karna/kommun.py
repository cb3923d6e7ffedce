"""The kommun itself: ``content/kommun.yml``. The keys every kind shares (name, web
addresses, organs, verksamheter) are here; each kind adds its own keys (the
författningssamling's prefix and categories, the tillgänglighetsredogörelse ...) through its
``kommunmodell``, and :func:`kommunmodell` merges them into one model, so that kommun.yml is
checked as one file, with every key documented by its docstring."""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, create_model

from styrdok.grund.modell import Id, Modell, Ref, Text, Url
from styrdok.grund.modellfel import föreslå
from styrdok.karna import farg


@dataclass(frozen=True)
class Organtyp:
    """What deciding through one kind of organ means for its documents."""

    beskrivning: str
    """For messages: "ett politiskt organ", "en tjänsteperson" ..."""
    paragraf: bool
    """Its decisions are recorded under a paragraf (§) in a protokoll."""
    författning: bool
    """It may adopt entries of the kommun's författningssamling (kommunala föreskrifter)."""
    sammanträden: bool
    """Its meetings are kommunallagen's: kallelse, föredragningslista, anslagstavla."""
    förtroendevald: bool
    """It is made up of förtroendevalda (kvalitetsgarantier and nämndmål are theirs)."""


ORGANTYPER = {
    "politisk": Organtyp("ett politiskt organ", True, True, True, True),
    "tjänsteperson": Organtyp("en tjänsteperson", False, False, False, False),
    "ledningsgrupp": Organtyp("en ledningsgrupp av tjänstepersoner", False, False, False, False),
    "förvaltning": Organtyp("en förvaltning", False, False, False, False),
    "bolag": Organtyp("ett kommunalt bolag", True, False, False, False),
    "kommunalförbund": Organtyp("ett kommunalförbund", True, False, False, False),
    "politisk majoritet": Organtyp("den politiska majoriteten", False, False, False, False),
}
"""Decided from the seeds (Arboga §6, Forshaga §5.1, Nässjö's koncern): the kommun's own
politiska organ decide with §, may adopt föreskrifter and hold public meetings; a bolag's or
kommunalförbund's styrelse records decisions under § in its own protokoll but adopts no
kommunala föreskrifter; tjänstepersoner, ledningsgrupper and förvaltningar make
förvaltningsbeslut without §; the political majority adopts its program without §."""


class Organ(Modell):
    namn: Text
    """Organets namn, t.ex. Kommunfullmäktige."""
    typ: Literal[tuple(ORGANTYPER)]  # type: ignore[valid-type]
    """politisk (fullmäktige, styrelse, nämnd, utskott), tjänsteperson (kommundirektör,
    förvaltningschef), ledningsgrupp (t.ex. kommunledningsgrupp), förvaltning, bolag,
    kommunalförbund eller politisk majoritet (antar t.ex. ett politiskt program). Typen avgör
    om beslut har §, om organet kan anta författningar och hålla sammanträden."""
    förkortning: Text | None = None
    """Kort namn i register och diarienummer, t.ex. KF."""

    @property
    def slag(self) -> Organtyp:
        return ORGANTYPER[self.typ]


class Kommun(Modell):
    namn: Text
    """Kommunens namn, t.ex. Ekviks kommun."""
    webbplats: Url
    """Den publika webbplatsens adress, t.ex. https://www.ekvik.se."""
    vision: Text
    """Kommunens vision, i en mening eller ett kort stycke."""
    logotyp: Ref | None = None
    """Logotypens fil under content/, t.ex. bilder/logotyp.svg. Den står i dokumenten och i
    webbplatsernas sidhuvud (på en vit platta) och är, om den är SVG eller PNG, deras ikon
    (favicon)."""
    färg: Annotated[str | None, BeforeValidator(farg.granska)] = None
    """Kommunens färg: sidhuvudets bakgrund och länkarnas färg på webbplatsen, en
    hexadecimal färgkod inom citattecken, t.ex. "#1f5f8b". Den behöver kontrasten 4,5:1 mot
    vitt (WCAG 2.1 AA); en för ljus färg är ett fel, med förslag på en mörkare nyans.
    Intranätet får en mörkare nyans av samma färg. Utan färg används webbplatsmotorns blå
    (intranätet lila)."""
    organ: dict[Id, Organ]
    """Beslutande organ och tjänstepersoner: id → namn och typ. Dokumenten anger id i beslutsinstans."""
    intranät_namn: Text = "Ledning och styrning"
    """Intranätets rubrik."""
    intranät_webbadress: Url | None = None
    """Intranätets adress, t.ex. https://intra.ekvik.se/styrning/. Behövs när intranätet inte
    ligger i en domäns rot: annars hittar felsidan (404) inte sina stilmallar."""
    verksamheter: dict[Id, Text] = {}
    """Verksamheter som kvalitetsgarantier och mål hör till: id → namn, t.ex. hemtjanst: Hemtjänst."""


@functools.cache
def kommunmodell(tillägg: tuple[type[BaseModel], ...]) -> type[Kommun]:
    """The model of kommun.yml: :class:`Kommun` with every kind's keys added, in order."""
    fält = {}
    for modell in tillägg:
        fält.update({n: (f.annotation, copy.deepcopy(f)) for n, f in modell.model_fields.items()})
    return create_model("Kommun", __base__=Kommun, __module__=__name__, **fält)


def organförslag(kommun: Kommun, text: str) -> str:
    """ "; menade du kf?" for an organ written by id or by name (``Kommunfullmäktige``)."""
    return organförslag_ur({i: {"namn": o.namn} for i, o in kommun.organ.items()}, text)


def organförslag_ur(organ: dict, text: str) -> str:
    """:func:`organförslag` from kommun.yml's organ as written (id → {namn, ...})."""
    namn = {o["namn"]: i for i, o in organ.items() if isinstance(o, dict) and "namn" in o}
    if (träff := föreslå(text, [str(i) for i in organ])) is not None:
        return f"; menade du {träff}?"
    if (träff := föreslå(text, list(namn))) is not None:
        return f"; menade du {namn[träff]} ({träff})?"
    return ""
