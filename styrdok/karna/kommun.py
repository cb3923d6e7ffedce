"""The kommun itself: ``content/kommun.yml``. The keys every kind shares (name, web
addresses, organs, verksamheter) are here; each kind adds its own keys (the
författningssamling's prefix and categories, the tillgänglighetsredogörelse ...) through its
``kommunmodell``, and :func:`kommunmodell` merges them into one model, so that kommun.yml is
checked as one file, with every key documented by its docstring."""

from __future__ import annotations

import copy
import functools
from typing import Literal

from pydantic import BaseModel, create_model

from styrdok.grund.modell import Id, Modell, Ref, Text, Url


class Organ(Modell):
    namn: Text
    """Organets namn, t.ex. Kommunfullmäktige."""
    typ: Literal["politisk", "tjänsteperson"]
    """politisk (fullmäktige, styrelse, nämnd) eller tjänsteperson (kommundirektör, förvaltningschef ...)."""
    förkortning: Text | None = None
    """Kort namn i register och diarienummer, t.ex. KF."""


class Kommun(Modell):
    namn: Text
    """Kommunens namn, t.ex. Ekviks kommun."""
    webbplats: Url
    """Den publika webbplatsens adress, t.ex. https://www.ekvik.se."""
    vision: Text
    """Kommunens vision, i en mening eller ett kort stycke."""
    logotyp: Ref | None = None
    """Logotypens fil under content/, t.ex. bilder/logotyp.svg."""
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


def organnamn(kommun: Kommun, organ_id: str | None) -> str:
    if not organ_id:
        return ""
    organ = kommun.organ.get(organ_id)
    return organ.namn if organ else organ_id
