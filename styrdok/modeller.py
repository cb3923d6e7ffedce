"""The typed models of the sources. Each field's docstring is the user's documentation
(``styrdok nycklar`` prints them), so write them for a registrator, not a programmer.

Models only check one file's own shape. Rules that need the whole kommun (is this
organ allowed for this type? does that KFS number exist?) live in ``validering``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator

from styrdok.grund.modell import Lista, Modell, Paragraf, Text, _som_text

KFS_NUMMER = re.compile(r"^(\d{4}):([1-9]\d*)$")


# --- kommun.yml -----------------------------------------------------------------


class Organ(Modell):
    namn: Text
    """Organets namn, t.ex. Kommunfullmäktige."""
    typ: Literal["politisk", "tjänsteperson"]
    """politisk (fullmäktige, styrelse, nämnd) eller tjänsteperson (kommundirektör, förvaltningschef ...)."""
    förkortning: Text | None = None
    """Kort namn i register och diarienummer, t.ex. KF."""


class Dokumenttyp(Modell):
    namn: Text
    """Typens namn som det visas, t.ex. Riktlinje."""
    beslutas_av: Lista
    """De organ (id ur organ) som får besluta dokument av typen."""
    giltighet: Literal["tillsvidare", "begränsad"] = "tillsvidare"
    """tillsvidare, eller begränsad: då måste varje dokument ange giltig_till."""
    publicering: Literal["webb", "intranät"] = "webb"
    """Standard för typens dokument: webb (webbplats och intranät) eller intranät (bara intranätet)."""
    beskrivning: Text | None = None
    """Vad typen används till; visas på översiktssidan."""


class Brist(Modell):
    brist: Text
    """Vad som inte är tillgängligt."""
    orsak: Text
    """Varför, t.ex. oskäligt betungande anpassning eller att innehållet inte omfattas av lagen."""
    åtgärd: Text | None = None
    """Vad som görs och när."""


class Tillgänglighet(Modell):
    """Underlaget för tillgänglighetsredogörelsen (lagen 2018:1937 om tillgänglighet till digital offentlig service)."""

    efterlevnad: Literal["helt förenlig", "delvis förenlig", "inte förenlig"]
    """Hur väl webbplatsen uppfyller kraven i EN 301 549 / WCAG 2.1 AA."""
    bedömningsdatum: dt.date
    """När webbplatsen senast granskades."""
    metod: Text = (
        "Egen granskning med automatiska tester (axe-core, Nu Html Checker) och manuell kontroll."
    )
    """Hur granskningen gjordes."""
    brister: list[Brist] = []
    """Kända brister, med orsak."""
    kontakt_epost: Text
    """Vart man rapporterar brister eller begär innehåll i tillgängligt format."""
    kontakt_telefon: Text | None = None
    """Telefonnummer för samma ärenden."""
    svarstid: Text = "Vi svarar inom fem arbetsdagar."
    """Hur snabbt kommunen svarar."""
    tillsyn: Annotated[str, Field(pattern=r"^https://")] = "https://www.digg.se/tdosanmalan"
    """Tillsynsmyndighetens anmälningsformulär (Myndigheten för digital förvaltning, Digg)."""


class Kommun(Modell):
    namn: Text
    """Kommunens namn, t.ex. Ekviks kommun."""
    kfs_prefix: Annotated[str, Field(pattern=r"^[A-ZÅÄÖ]{1,8}$")]
    """Författningssamlingens förkortning, t.ex. EKFS (versaler)."""
    webbplats: Annotated[str, Field(pattern=r"^https?://")]
    """Den publika webbplatsens adress, t.ex. https://www.ekvik.se."""
    vision: Text
    """Kommunens vision, i en mening eller ett kort stycke."""
    logotyp: Text | None = None
    """Logotypens fil under content/, t.ex. bilder/logotyp.svg."""
    organ: dict[str, Organ]
    """Beslutande organ och tjänstepersoner: id → namn och typ. Dokumenten anger id i beslutsinstans."""
    dokumenttyper: dict[str, Dokumenttyp]
    """Dokumenttyper: id → namn, vem som får besluta, giltighet och publicering."""
    kategorier: dict[str, Text]
    """Författningssamlingens kategorier: id → rubrik, t.ex. taxor: Taxor och avgifter."""
    intranät_namn: Text = "Ledning och styrning"
    """Intranätets rubrik."""
    intranät_webbadress: Annotated[str, Field(pattern=r"^https?://")] | None = None
    """Intranätets adress, t.ex. https://intra.ekvik.se/styrning/. Behövs när intranätet inte
    ligger i en domäns rot: annars hittar felsidan (404) inte sina stilmallar."""
    verksamheter: dict[str, Text] = {}
    """Verksamheter som kvalitetsgarantier och mål hör till: id → namn, t.ex. hemtjanst: Hemtjänst."""
    tillgänglighet: Tillgänglighet | None = None
    """Uppgifter till tillgänglighetsredogörelsen som länkas från varje sida."""


# --- styrdokument ---------------------------------------------------------------


class Revidering(Modell):
    datum: dt.date
    """Datum för revideringen (ÅÅÅÅ-MM-DD)."""
    beslutsinstans: Text | None = None
    """Organet som beslutade revideringen (id ur kommun.yml)."""
    paragraf: Paragraf | None = None
    """Paragrafen i protokollet."""
    kommentar: Text | None = None
    """Vad som ändrades."""


class Styrdokument(Modell):
    titel: Text
    """Dokumentets namn."""
    dokumenttyp: Text
    """En dokumenttyp ur kommun.yml, t.ex. policy."""
    beslutsinstans: Text
    """Organet som beslutade (id ur kommun.yml); måste få besluta dokumenttypen."""
    beslutsdatum: dt.date
    """Beslutsdatum, ÅÅÅÅ-MM-DD; inte i framtiden."""
    paragraf: Paragraf | None = None
    """Paragrafen (§) i protokollet; krävs när beslutsinstansen är politisk."""
    diarienummer: Text | None = None
    """Ärendets diarienummer, t.ex. KS 2021/123."""
    dokumentansvarig: Text
    """Rollen som håller dokumentet aktuellt, t.ex. Ekonomichef."""
    gäller_för: Text | list[Text] | None = None
    """Vem dokumentet gäller för: en text (hela kommunkoncernen) eller en lista av organ-id."""
    publicering: Literal["webb", "intranät"] | None = None
    """webb (webbplats och intranät) eller intranät (bara intranätet); standard från dokumenttypen."""
    giltig_till: dt.date | None = None
    """Sista giltighetsdag; krävs när dokumenttypen har begränsad giltighet."""
    nästa_översyn: dt.date | None = None
    """När dokumentet ska ses över; passerat datum ger en varning."""
    revideringar: list[Revidering] = []
    """Revideringar: lista av {datum, beslutsinstans, paragraf, kommentar}. Den senaste visas som Senast reviderad."""
    kfs: Annotated[str, BeforeValidator(_som_text)] | None = None
    """Nummer i författningssamlingen, ÅÅÅÅ:N (skriv inom citattecken, t.ex. "2021:3")."""
    kategori: Text | None = None
    """Författningssamlingens kategori (id ur kommun.yml); krävs med kfs."""
    ikraftträdande: dt.date | None = None
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


class Sida(Modell):
    """A free page under content/sidor/."""

    titel: Text
    """Sidans rubrik."""
    beskrivning: Text | None = None
    """Kort beskrivning för sökmotorer."""
    publicering: Literal["webb", "intranät"] = "webb"
    """webb eller intranät (bara intranätet)."""
