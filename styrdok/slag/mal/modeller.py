"""The sources of målstyrning under content/mal/, one model per file kind.

* ``malomraden.yml``: målområden with their övergripande mål (KF:s mål) and the indikatorer each is followed by.
* ``indikatorer.yml``: every indikator and verksamhetsmått with målvärden and utfall per period.
* ``namnder/<nämnd>.yml``: a nämnd's nämndmål, åtaganden and aktiviteter.
* ``rapporter/<id>.yml``: a tertialrapport, delårsrapport or årsredovisning: a status and an analysis per mål.
* ``kolada.yml``: written by ``styrdok kolada import``; never edited by hand.

Field docstrings are the user's documentation.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from styrdok.grund.modell import Datum, Lista, Markdown, Modell, Paragraf, Ref, Text
from styrdok.grund.tal import till_tal

STATUSAR = ("uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt")
ÅTAGANDESTATUSAR = ("ej påbörjat", "pågår", "försenat", "klart", "avbrutet")
RAPPORTTYPER = ("tertialrapport", "delårsrapport", "årsredovisning")
PERIOD = re.compile(r"^(\d{4})(?:-T([12]))?$")
KOLADA_ID = r"^[NU]\d{5}$"

Tal = Annotated[float, BeforeValidator(till_tal)]
Status = Literal[STATUSAR]  # type: ignore[valid-type]
Åtagandestatus = Literal[ÅTAGANDESTATUSAR]  # type: ignore[valid-type]


def _som_fördelning(värde: Any) -> Any:
    """A bare number is the total; a mapping may add kvinnor and män."""
    return värde if isinstance(värde, dict) else {"totalt": värde}


class Nivånamn(Modell):
    """What a kommun calls one level of its målkedja."""

    ental: Text
    """t.ex. Strategiskt område."""
    plural: Text
    """t.ex. Strategiska områden."""


def _nivånamn(värde: Any) -> Any:
    """``mål: Inriktningsmål`` is enough when singular and plural are the same word."""
    return {"ental": värde, "plural": värde} if isinstance(värde, str) else värde


Nivå = Annotated[Nivånamn, BeforeValidator(_nivånamn)]


class Målnivåer(Modell):
    """The names of the målkedja's levels, as the kommun's own styrmodell has them."""

    målområde: Nivå = Nivånamn(ental="Målområde", plural="Målområden")
    """Den översta nivån under visionen, t.ex. {ental: Strategiskt område, plural:
    Strategiska områden} eller Fokusområde."""
    mål: Nivå = Nivånamn(ental="Övergripande mål", plural="Övergripande mål")
    """Fullmäktiges mål, t.ex. Inriktningsmål, Fokusmål eller Riktningsmål."""
    nämndmål: Nivå = Nivånamn(ental="Nämndmål", plural="Nämndmål")
    """Nämndernas mål."""
    åtagande: Nivå = Nivånamn(ental="Åtagande", plural="Åtaganden")
    """Nämndernas åtaganden, t.ex. {ental: Förväntat resultat, plural: Förväntade resultat}."""


class KommunMål(Modell):
    """The målstyrning's keys in kommun.yml."""

    målnivåer: Målnivåer = Målnivåer()
    """Vad kommunen kallar målkedjans nivåer: målområde, mål, nämndmål och åtagande, var och en
    med ett ord (Inriktningsmål) eller {ental, plural}."""


class Utfall(Modell):
    totalt: Tal
    """Värdet för alla."""
    kvinnor: Tal | None = None
    """Värdet för kvinnor/flickor, om det finns."""
    män: Tal | None = None
    """Värdet för män/pojkar, om det finns."""


Utfallsvärde = Annotated[Utfall, BeforeValidator(_som_fördelning)]


# --- malomraden.yml ----------------------------------------------------------------


class Mål(Modell):
    namn: Text
    """Målet som en mening, t.ex. Fler elever klarar skolan."""
    beskrivning: Markdown | None = None
    """Vad målet innebär och varför det är viktigt."""
    indikatorer: Lista = []
    """Indikatorer (id ur indikatorer.yml) som visar om vi når målet."""


class Målområde(Modell):
    namn: Text
    """Målområdets namn."""
    perspektiv: Text | None = None
    """Perspektiv, t.ex. Invånare eller Organisation."""
    beskrivning: Markdown | None = None
    """Vad området omfattar."""
    mål: Annotated[dict[str, Mål], Field(min_length=1)]
    """De övergripande målen inom området: id → namn, beskrivning, indikatorer."""


class Målkedja(Modell):
    beslut: Text | None = None
    """Var målen beslutades, t.ex. Strategisk plan 2024–2027, KF 2023-11-27 § 141."""
    målområden: dict[str, Målområde]
    """Målområden: id → namn, perspektiv, beskrivning, mål."""


# --- indikatorer.yml ---------------------------------------------------------------


class Indikator(Modell):
    namn: Text
    """Indikatorns namn, som det visas i tabeller och diagram."""
    typ: Literal["indikator", "verksamhetsmått"] = "indikator"
    """indikator (följer ett övergripande mål) eller verksamhetsmått (följer ett nämndmål)."""
    beskrivning: Markdown | None = None
    """Vad som mäts och hur."""
    enhet: Text
    """Enhet, t.ex. %, poäng, dagar, kr/invånare."""
    riktning: Literal["högre är bättre", "lägre är bättre"] = "högre är bättre"
    """Om ett högre eller ett lägre värde är bättre; avgör om målvärdet nås."""
    kolada: Annotated[str, Field(pattern=KOLADA_ID)] | None = None
    """Nyckeltalets id i Kolada, t.ex. N15419; värdena importeras med styrdok kolada import."""
    källa: Text | None = None
    """Varifrån värdena kommer när de inte kommer från Kolada, t.ex. Egen mätning."""
    verksamhet: Ref | None = None
    """Verksamheten som mäts (id ur verksamheter i kommun.yml)."""
    målvärden: dict[str, Tal] = {}
    """Målvärde per år: "2026": 85."""
    utfall: dict[str, Utfallsvärde] = {}
    """Utfall per period (2025, 2025-T1, 2025-T2): ett tal, eller {totalt, kvinnor, män}."""
    riket: dict[str, Tal] = {}
    """Värdet för hela riket per år, för jämförelse (Kolada-värden läggs till av sig själva)."""


class Indikatorfil(Modell):
    indikatorer: dict[str, Any]
    """Indikatorer och verksamhetsmått: id → namn, enhet, målvärden, utfall ..."""


# --- namnder/<nämnd>.yml -------------------------------------------------------------


class Nämndmål(Modell):
    namn: Text
    """Nämndens mål som en mening."""
    mål: Ref
    """Det övergripande mål (id) som nämndmålet bidrar till."""
    verksamhet: Ref | None = None
    """Verksamheten det gäller (id ur verksamheter i kommun.yml)."""
    mått: Lista = []
    """Verksamhetsmått eller indikatorer (id ur indikatorer.yml) som följer nämndmålet."""


class Aktivitet(Modell):
    namn: Text
    """Vad som ska göras."""
    status: Åtagandestatus
    """ej påbörjat, pågår, försenat, klart eller avbrutet."""
    klart_senast: Datum | None = None
    """När aktiviteten ska vara klar."""


class Åtagande(Modell):
    namn: Text
    """Vad nämnden åtar sig att göra."""
    mål: Ref
    """Det övergripande mål (id) som åtagandet bidrar till."""
    nämndmål: Ref | None = None
    """Nämndmålet (id i samma fil) som åtagandet hör till, om något."""
    status: Åtagandestatus
    """ej påbörjat, pågår, försenat, klart eller avbrutet."""
    klart_senast: Datum | None = None
    """När åtagandet ska vara genomfört."""
    aktiviteter: list[Aktivitet] = []
    """Aktiviteter: namn, status, klart_senast."""


class Nämndplan(Modell):
    nämnd: Ref
    """Den ansvariga nämnden (id ur organ i kommun.yml)."""
    nämndmål: dict[str, Nämndmål] = {}
    """Nämndmål: id → namn, mål, verksamhet, mått."""
    åtaganden: dict[str, Åtagande] = {}
    """Åtaganden: id → namn, mål, nämndmål, status, aktiviteter."""


# --- rapporter/<id>.yml --------------------------------------------------------------


class Målbedömning(Modell):
    status: Status
    """uppfyllt, delvis uppfyllt, ej uppfyllt eller ej bedömt."""
    analys: Markdown
    """Varför det gick som det gick, och vad som görs nu."""


class Åtagandeuppföljning(Modell):
    status: Åtagandestatus
    """Status vid periodens slut."""
    kommentar: Text | None = None
    """Kort kommentar."""


class Rapport(Modell):
    titel: Text
    """Rapportens namn, t.ex. Delårsrapport januari–augusti 2026."""
    typ: Literal[RAPPORTTYPER]  # type: ignore[valid-type]
    """tertialrapport (period ÅÅÅÅ-T1), delårsrapport (ÅÅÅÅ-T2) eller årsredovisning (ÅÅÅÅ)."""
    period: Ref
    """Perioden som följs upp: 2025, 2025-T1 eller 2025-T2."""
    beslutsinstans: Ref
    """Organet som fastställde rapporten (id ur kommun.yml)."""
    beslutsdatum: Datum | None = None
    """Beslutsdatum; utelämnas medan rapporten är ett förslag."""
    paragraf: Paragraf | None = None
    """Paragrafen (§) i protokollet."""
    diarienummer: Text | None = None
    """Ärendets diarienummer."""
    publicering: Literal["webb", "intranät"] = "webb"
    """webb (webbplats och intranät) eller intranät (bara intranätet)."""
    sammanfattning: Markdown
    """Några meningar om läget."""
    mål: dict[str, Målbedömning]
    """Bedömning per övergripande mål: id → status och analys."""
    åtaganden: dict[str, Åtagandeuppföljning] = {}
    """Status per åtagande vid periodens slut: id → status, kommentar."""


# --- kolada.yml (written by the import) ------------------------------------------------


class Koladavärde(Modell):
    T: float | None = None
    K: float | None = None
    M: float | None = None


class Koladadata(Modell):
    källa: Ref
    """Filen värdena importerades från."""
    kommun: Ref
    """Kommunens id i Kolada."""
    värden: dict[str, dict[str, Koladavärde]] = {}
    """Kommunens värden: nyckeltal → år → T/K/M."""
    riket: dict[str, dict[str, Koladavärde]] = {}
    """Rikets värden (0000): nyckeltal → år → T/K/M."""
