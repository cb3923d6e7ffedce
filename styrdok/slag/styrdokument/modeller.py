"""The styrdokument's models: their keys in kommun.yml (document types, the
författningssamling's prefix and categories) and a styrdokument's front matter. Each
field's docstring is the user's documentation (``styrdok nycklar`` prints them), so write
them for a registrator, not a programmer.

Models only check one file's own shape. Rules that need the whole kommun (is this
organ allowed for this type? does that KFS number exist?) live in ``regler``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from styrdok.grund.modell import (
    Datum,
    DatumEllerMånad,
    Id,
    JaNej,
    Lista,
    Modell,
    Paragraf,
    Ref,
    Text,
    Url,
)

KFS_NUMMER = re.compile(r"^(\d{4}):([1-9]\d*)$")
KFS_SKRIVET = re.compile(r"^\s*(?:([A-ZÅÄÖ]{1,8})\s*)?(\d{4}):([1-9]\d*)\s*$")
"""A KFS number as people write it: ``2021:4`` or with the prefix, ``NKFS 2021:4``."""


def kfs_nummer(värde: Any) -> Any:
    """``NKFS 2021:4`` → ``2021:4`` (the prefix is checked against kommun.yml by ``regler``)."""
    if isinstance(värde, str) and (träff := KFS_SKRIVET.match(värde)):
        return f"{träff[2]}:{träff[3]}"
    return värde


def _kfs_form(värde: str) -> str:
    if not KFS_NUMMER.match(värde):
        raise ValueError(
            f'{värde!r} är inget KFS-nummer; skriv ÅÅÅÅ:N inom citattecken, t.ex. "2021:3"'
        )
    return värde


Kfs = Annotated[str, BeforeValidator(kfs_nummer), AfterValidator(_kfs_form)]
"""A number in the författningssamling, ``ÅÅÅÅ:N``; ``EKFS 2021:4`` is accepted too."""


class Beslutsregel(Modell):
    """Ett organ som får besluta en dokumenttyp, med villkor och samråd."""

    organ: Ref
    """Organet (id ur organ)."""
    villkor: Text | None = None
    """När organet beslutar, t.ex. "när dokumentet gäller hela kommunen"; visas i översikten."""
    samråd: Lista = []
    """Organ som ska ha hörts före beslutet (id ur organ), t.ex. kommunledningsgruppen."""


def _som_regler(värde: Any) -> Any:
    värden = [värde] if isinstance(värde, (str, dict)) else (värde or [])
    return [{"organ": v} if isinstance(v, str) else v for v in värden]


class Dokumenttyp(Modell):
    namn: Text
    """Typens namn som det visas, t.ex. Riktlinje."""
    beslutas_av: Annotated[list[Beslutsregel], BeforeValidator(_som_regler)]
    """Organen (id ur organ) som får besluta dokument av typen: en lista av id, eller av
    {organ, villkor, samråd} där beslutet bara gäller i vissa fall eller kräver samråd,
    t.ex. {organ: kd, villkor: "när dokumentet gäller hela kommunen", samråd: [klg]}."""
    giltighet: Literal["tillsvidare", "begränsad"] = "tillsvidare"
    """tillsvidare, eller begränsad: då måste varje dokument ange giltig_till."""
    publicering: Literal["webb", "intranät"] = "webb"
    """Standard för typens dokument: webb (webbplats och intranät) eller intranät (bara intranätet)."""
    beskrivning: Text | None = None
    """Vad typen används till; visas på översiktssidan."""

    @property
    def organen(self) -> list[str]:
        return [r.organ for r in self.beslutas_av]

    def regel(self, organ: str) -> Beslutsregel | None:
        return next((r for r in self.beslutas_av if r.organ == organ), None)


class FörfattningUtanför(Modell):
    """En författning som finns utanför styrdok, t.ex. som PDF på den gamla webbplatsen."""

    titel: Text
    """Författningens namn."""
    länk: Url | None = None
    """Var den finns, t.ex. https://www.kommun.se/kfs/2021-1.pdf."""
    anmärkning: Text | None = None
    """Var den annars finns, t.ex. "Finns hos kommunkansliet"."""
    kategori: Ref | None = None
    """Författningssamlingens kategori (id ur kategorier)."""
    beslutsdatum: Datum | None = None
    """Beslutsdatum, om det är känt."""

    @model_validator(mode="after")
    def _länk_eller_anmärkning(self) -> FörfattningUtanför:
        if self.länk is None and self.anmärkning is None:
            raise ValueError(
                "ange var författningen finns: länk (en webbadress) eller anmärkning (en text)"
            )
        return self


class KommunStyrdokument(Modell):
    """The styrdokument's keys in kommun.yml."""

    kfs_prefix: Annotated[str, Field(pattern=r"^[A-ZÅÄÖ]{1,8}$")]
    """Författningssamlingens förkortning, t.ex. EKFS (versaler)."""
    dokumenttyper: dict[Id, Dokumenttyp]
    """Dokumenttyper: id → namn, vem som får besluta, giltighet och publicering."""
    kategorier: dict[Id, Text]
    """Författningssamlingens kategorier: id → rubrik, t.ex. taxor: Taxor och avgifter."""
    kfs_utanför: dict[Kfs, FörfattningUtanför] = {}
    """Författningar som ännu inte flyttats in i styrdok: KFS-nummer → {titel, länk eller
    anmärkning}, t.ex. "2021:1": {titel: Lokala ordningsföreskrifter, länk: https://...}.
    De visas i registret, fyller luckor i numreringen och kan ändras, ersättas och upphävas."""


# --- styrdokument ---------------------------------------------------------------


class Revidering(Modell):
    datum: DatumEllerMånad
    """Datum för revideringen (ÅÅÅÅ-MM-DD), eller bara månaden (2020-06 eller juni 2020) för
    äldre revideringar där dagen inte är känd."""
    beslutsinstans: Ref | None = None
    """Organet som beslutade revideringen (id ur kommun.yml)."""
    paragraf: Paragraf | None = None
    """Paragrafen i protokollet."""
    kommentar: Text | None = None
    """Vad som ändrades."""


class Avslut(Modell):
    datum: Datum
    """Dagen då dokumentet upphörde att gälla."""
    genom: Text
    """Beslutet eller dokumentet som avslutade det, t.ex. "Budget 2025 (KF 2024-11-20 § 140)"."""


class Styrdokument(Modell):
    titel: Text
    """Dokumentets namn."""
    dokumenttyp: Ref
    """En dokumenttyp ur kommun.yml, t.ex. policy."""
    beslutsinstans: Ref
    """Organet som beslutade (id ur kommun.yml); måste få besluta dokumenttypen."""
    beslutsdatum: Datum
    """Beslutsdatum, ÅÅÅÅ-MM-DD; inte i framtiden."""
    paragraf: Paragraf | None = None
    """Paragrafen (§) i protokollet; krävs när beslutsinstansen protokollför med § (politiska
    organ, bolag och kommunalförbund)."""
    diarienummer: Text | None = None
    """Ärendets diarienummer, t.ex. KS 2021/123."""
    dokumentansvarig: Text
    """Rollen som håller dokumentet aktuellt, t.ex. Ekonomichef."""
    samråd: Lista = []
    """Organ som hördes före beslutet (id ur organ), t.ex. [klg]."""
    gäller_för: Text | list[Ref] | None = None
    """Vem dokumentet gäller för: en text (hela kommunkoncernen) eller en lista av organ-id."""
    publicering: Literal["webb", "intranät"] | None = None
    """webb (webbplats och intranät) eller intranät (bara intranätet); standard från dokumenttypen."""
    giltig_till: Datum | None = None
    """Sista giltighetsdag; krävs när dokumenttypen har begränsad giltighet."""
    nästa_översyn: Datum | None = None
    """När dokumentet ska ses över; ett passerat datum ger en påminnelse (i styrdok check och
    på intranätets Ledning och styrning), som aldrig stoppar ett bygge."""
    revideringar: list[Revidering] = []
    """Revideringar: lista av {datum, beslutsinstans, paragraf, kommentar}. Den senaste visas som Senast reviderad."""
    kfs: Kfs | None = None
    """Nummer i författningssamlingen, ÅÅÅÅ:N eller med prefix, t.ex. "2021:3" eller
    "EKFS 2021:3" (inom citattecken)."""
    kategori: Ref | None = None
    """Författningssamlingens kategori (id ur kommun.yml); krävs med kfs."""
    ikraftträdande: Datum | None = None
    """Dag då dokumentet träder i kraft; standard är beslutsdatum."""
    ersätter: Lista = []
    """Dokument som detta ersätter: id (styrdokument/...) eller KFS-nummer."""
    ändrar: Lista = []
    """Författningar som detta ändrar: id eller KFS-nummer."""
    upphäver: Lista = []
    """Dokument som detta upphäver: id eller KFS-nummer."""
    bilagor: Lista = []
    """Bifogade filer, sökvägar under content/ (relativa till dokumentets mapp eller till content/)."""
    sammanfattning: Text | None = None
    """En eller två meningar som visas i översikter."""
    avslutad: Avslut | None = None
    """När dokumentet upphört utan att ett annat dokument i styrdok ersatt eller upphävt det:
    {datum, genom}, t.ex. {datum: 2024-12-31, genom: "Budget 2025, KF 2024-11-20 § 140"}.
    Dokumentet blir historik: inga påminnelser om översyn eller giltighet."""
    utkast: JaNej = False
    """true för ett dokument som ännu inte är beslutat: det publiceras inte, utan listas bland
    utkasten på intranätets Ledning och styrning."""
