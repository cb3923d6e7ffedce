"""The free pages' models: a page's front matter, and the tillgänglighetsredogörelse's
facts in kommun.yml (lagen 2018:1937 om tillgänglighet till digital offentlig service)."""

from __future__ import annotations

from typing import Literal

from styrdok.grund.modell import Datum, Epost, Modell, Text, Url


class FriSida(Modell):
    """A free page under content/sidor/."""

    titel: Text
    """Sidans rubrik."""
    beskrivning: Text | None = None
    """Kort beskrivning för sökmotorer."""
    publicering: Literal["webb", "intranät"] = "webb"
    """webb eller intranät (bara intranätet)."""


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
    bedömningsdatum: Datum
    """När webbplatsen senast granskades."""
    metod: Text = (
        "Egen granskning med automatiska tester (axe-core, Nu Html Checker) och manuell kontroll."
    )
    """Hur granskningen gjordes."""
    brister: list[Brist] = []
    """Kända brister, med orsak."""
    kontakt_epost: Epost
    """Vart man rapporterar brister eller begär innehåll i tillgängligt format."""
    kontakt_telefon: Text | None = None
    """Telefonnummer för samma ärenden."""
    svarstid: Text = "Vi svarar inom fem arbetsdagar."
    """Hur snabbt kommunen svarar."""
    tillsyn: Url = "https://www.digg.se/tdosanmalan"
    """Tillsynsmyndighetens anmälningsformulär (Myndigheten för digital förvaltning, Digg)."""


class KommunSidor(Modell):
    """The free pages' keys in kommun.yml."""

    tillgänglighet: Tillgänglighet | None = None
    """Uppgifter till tillgänglighetsredogörelsen som länkas från varje sida."""
