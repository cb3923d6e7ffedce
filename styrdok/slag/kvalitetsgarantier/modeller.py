"""The front matter of a kvalitetsgaranti (content/kvalitetsgarantier/*.md).

Field docstrings are the user's documentation: write them for the person in the
verksamhet who keeps the guarantee up to date.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from styrdok.grund.modell import (
    Datum,
    Epost,
    Id,
    JaNej,
    Markdown,
    Modell,
    Paragraf,
    Ref,
    Text,
    Url,
)

TYPER = (
    "kvalitetsgaranti",
    "servicegaranti",
    "tjänstegaranti",
    "värdighetsgaranti",
    "servicedeklaration",
)


class Löfte(Modell):
    id: Id
    """Kort id för löftet, t.ex. kontaktperson; används i uppföljningen."""
    löfte: Text
    """Löftet i klarspråk, riktat till invånaren: ”Du får besked inom fyra veckor.”"""
    villkor: Text | None = None
    """När löftet börjar gälla och eventuella villkor, t.ex. ”från den dag ansökan är komplett”."""
    mäts: Text
    """Hur vi mäter om löftet hålls."""
    målvärde: Text
    """Vad vi vill nå, t.ex. ”100 procent av ansökningarna”."""


class Löftesutfall(Modell):
    löfte: Ref
    """Id för löftet (ur löften)."""
    utfall: Text
    """Vad mätningen visade, t.ex. ”96 procent”."""
    hållet: JaNej
    """ja om löftet hölls, annars nej."""
    kommentar: Text | None = None
    """Förklaring, särskilt när löftet inte hölls: varför och vad vi gör nu."""


class Uppföljning(Modell):
    år: Annotated[int, Field(ge=2000, le=2100)]
    """Året som följs upp, t.ex. 2025."""
    resultat: list[Löftesutfall]
    """Ett resultat per löfte: löfte, utfall, hållet (ja/nej), kommentar."""
    kommentar: Text | None = None
    """En sammanfattning av året."""


class Kontakt(Modell):
    hur: Markdown
    """Hur man lämnar synpunkter eller klagar, i klarspråk."""
    kontakt: Text
    """Vem man vänder sig till, t.ex. Enhetschef hemtjänst eller Kontaktcenter."""
    telefon: Text | None = None
    """Telefonnummer."""
    epost: Epost | None = None
    """E-postadress."""
    webb: Url | None = None
    """Adress till e-tjänst eller formulär (https://)."""


class Kvalitetsgaranti(Modell):
    titel: Text
    """Garantins namn, t.ex. Trygghetsgaranti i hemtjänsten."""
    typ: Literal[TYPER]  # type: ignore[valid-type]
    """kvalitetsgaranti, servicegaranti, tjänstegaranti, värdighetsgaranti eller servicedeklaration."""
    verksamhet: Ref
    """Verksamheten som lämnar garantin (id ur verksamheter i kommun.yml)."""
    beslutsinstans: Ref
    """Det politiska organ som beslutade garantin (id ur kommun.yml)."""
    beslutsdatum: Datum
    """Beslutsdatum, ÅÅÅÅ-MM-DD."""
    paragraf: Paragraf
    """Paragrafen (§) i protokollet."""
    diarienummer: Text | None = None
    """Ärendets diarienummer."""
    giltig_från: Datum | None = None
    """Första dag garantin gäller; standard är beslutsdatum."""
    giltig_till: Datum | None = None
    """Sista dag garantin gäller, om den är tidsbegränsad."""
    sammanfattning: Text
    """En mening om vad garantin ger dig, för översiktssidan."""
    löften: Annotated[list[Löfte], Field(min_length=1)]
    """Löftena: id, löfte, villkor, mäts, målvärde."""
    om_löftet_inte_hålls: Markdown
    """Vad som händer om vi inte håller ett löfte (åtgärd eller ersättning)."""
    synpunkter: Kontakt
    """Hur man klagar och vem man kontaktar: hur, kontakt, telefon, epost, webb."""
    uppföljning: list[Uppföljning] = []
    """Resultat per år: år, resultat (per löfte), kommentar."""
    publicering: Literal["webb", "intranät"] = "webb"
    """webb (webbplats och intranät) eller intranät (bara intranätet, t.ex. ett utkast)."""
