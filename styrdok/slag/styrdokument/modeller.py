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

from pydantic import BeforeValidator, Field, field_validator

from styrdok.grund.modell import Datum, Id, Lista, Modell, Paragraf, Ref, Text

KFS_NUMMER = re.compile(r"^(\d{4}):([1-9]\d*)$")


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


class KommunStyrdokument(Modell):
    """The styrdokument's keys in kommun.yml."""

    kfs_prefix: Annotated[str, Field(pattern=r"^[A-ZÅÄÖ]{1,8}$")]
    """Författningssamlingens förkortning, t.ex. EKFS (versaler)."""
    dokumenttyper: dict[Id, Dokumenttyp]
    """Dokumenttyper: id → namn, vem som får besluta, giltighet och publicering."""
    kategorier: dict[Id, Text]
    """Författningssamlingens kategorier: id → rubrik, t.ex. taxor: Taxor och avgifter."""


# --- styrdokument ---------------------------------------------------------------


class Revidering(Modell):
    datum: Datum
    """Datum för revideringen (ÅÅÅÅ-MM-DD)."""
    beslutsinstans: Ref | None = None
    """Organet som beslutade revideringen (id ur kommun.yml)."""
    paragraf: Paragraf | None = None
    """Paragrafen i protokollet."""
    kommentar: Text | None = None
    """Vad som ändrades."""


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
    """Paragrafen (§) i protokollet; krävs när beslutsinstansen är politisk."""
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
    """När dokumentet ska ses över; passerat datum ger en varning."""
    revideringar: list[Revidering] = []
    """Revideringar: lista av {datum, beslutsinstans, paragraf, kommentar}. Den senaste visas som Senast reviderad."""
    kfs: Ref | None = None
    """Nummer i författningssamlingen, ÅÅÅÅ:N (skriv inom citattecken, t.ex. "2021:3")."""
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

    @field_validator("kfs")
    @classmethod
    def _kfs_format(cls, värde: str | None) -> str | None:
        if värde is not None and not KFS_NUMMER.match(värde):
            raise ValueError(
                f'{värde!r} är inget KFS-nummer; skriv ÅÅÅÅ:N inom citattecken, t.ex. "2021:3"'
            )
        return värde
