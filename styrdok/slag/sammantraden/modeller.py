"""The source models of sammanträden (content/sammantraden/<organ>/<ÅÅÅÅ-MM-DD>.md) and
of the årshjul (content/arshjul.yml). Each field's docstring is the registrator's
documentation, like in ``styrdok.modeller``.

The models only check one file's own shape; whether an organ exists, whether a
beslutsunderlag resolves and whether the file name is the date is checked in
``sammantraden`` where the whole korpus is known.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, field_validator

from styrdok.grund.modell import Datum, DatumEllerMånad, JaNej, Lista, Markdown, Modell, Ref, Text

_KLOCKSLAG = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def _klockslag(värde: Any) -> Any:
    """YAML reads ``13.30`` as the number 13.3 and ``13:30`` as text; both mean half past one."""
    if isinstance(värde, bool):
        return värde
    if isinstance(värde, float):
        timmar = int(värde)
        return f"{timmar:02d}:{round((värde - timmar) * 100):02d}"
    if isinstance(värde, int):
        return f"{värde:02d}:00"
    return värde


Klockslag = Annotated[str, BeforeValidator(_klockslag)]


def tolka_klockslag(text: str) -> dt.time:
    träff = _KLOCKSLAG.match(text.strip())
    if not träff:
        raise ValueError(f'{text!r} är inget klockslag; skriv t.ex. "13:00"')
    timmar, minuter = int(träff[1]), int(träff[2])
    if timmar > 23 or minuter > 59:
        raise ValueError(f"{text!r} är inget klockslag (timmar 0–23, minuter 0–59)")
    return dt.time(timmar, minuter)


class UnderlagKälla(Modell):
    """Ett beslutsunderlag med egen titel."""

    fil: Ref
    """Handlingen: ett styrdokument (styrdokument/... eller KFS-nummer) eller en fil under
    content/ (relativ till sammanträdets mapp eller till content/)."""
    titel: Text | None = None
    """Vad handlingen heter i kallelsen, t.ex. Tjänsteskrivelse om revidering av finanspolicyn;
    utan titel visas filens namn (eller styrdokumentets titel)."""


def _underlagslista(värde: Any) -> Any:
    """One beslutsunderlag may stand for a list of one, and a text (the usual way to write
    one) for {fil: text}: so that every mistake is reported as one error about the entry."""
    if värde is None:
        return []
    if isinstance(värde, (str, int, dict)):
        värde = [värde]
    if isinstance(värde, list):
        return [{"fil": v} if isinstance(v, (str, int)) else v for v in värde]
    return värde


Beslutsunderlag = Annotated[list[UnderlagKälla], BeforeValidator(_underlagslista)]


class ÄrendeKälla(Modell):
    """One item on the föredragningslista."""

    rubrik: Text
    """Ärendets rubrik, t.ex. Revidering av finanspolicyn."""
    diarienummer: Text | None = None
    """Ärendets diarienummer, t.ex. KS 2026/214."""
    föredragande: Text | None = None
    """Vem som föredrar ärendet, t.ex. Ekonomichef Anna Berg."""
    beskrivning: Markdown | None = None
    """Kort ärendebeskrivning (Markdown); skriv | och texten på raderna under för flera stycken."""
    förslag_till_beslut: Markdown | None = None
    """Förvaltningens eller ordförandens förslag till beslut."""
    beslutsunderlag: Beslutsunderlag = []
    """Handlingar, en eller en lista. Var och en skrivs som text: ett styrdokument
    (styrdokument/... eller KFS-nummer) eller en fil under content/ (relativ till sammanträdets
    mapp eller till content/), t.ex. ks/2026-12-08/tjansteskrivelse.pdf; eller med en titel
    som kallelsen visar i stället för filens namn, som nycklarna nedan:
    {fil: ks/2026-12-08/tjansteskrivelse.pdf, titel: Tjänsteskrivelse om internkontrollplan 2027}."""
    internt_underlag: JaNej = False
    """ja när beslutsunderlag som bara publiceras på intranätet medvetet ska saknas i den
    offentliga kallelsen (annars ges en varning)."""
    sekretess: JaNej = False
    """ja när ärendet omfattas av sekretess eller innehåller känsliga personuppgifter: då visas det bara
    som »Ärende enligt offentlighets- och sekretesslagen« i den offentliga versionen, utan text och handlingar."""


class SammanträdeKälla(Modell):
    """Front matter of one meeting."""

    organ: Ref | None = None
    """Organet som sammanträder (id ur kommun.yml); standard är mappens namn."""
    datum: Datum | None = None
    """Sammanträdesdagen, ÅÅÅÅ-MM-DD; standard är filens namn, och anges den måste den stämma med det."""
    tid: Klockslag
    """När sammanträdet börjar, t.ex. "13:00"."""
    sluttid: Klockslag | None = None
    """När sammanträdet beräknas sluta; utan sluttid visar kalendern tre timmar."""
    plats: Text
    """Var sammanträdet hålls, t.ex. Sessionssalen, kommunhuset."""
    ordförande: Text | None = None
    """Ordförandens namn."""
    sekreterare: Text | None = None
    """Sekreterarens namn; förhinder anmäls till sekreteraren."""
    justering: Text | None = None
    """Förslag till tid och plats för justering av protokollet, t.ex. 2026-11-17 kl. 10.00, kommunkansliet."""
    ärenden: list[ÄrendeKälla] = []
    """Ärendena i föredragningslistans ordning; de får nummer efter upprop, justering och dagordning (4, 5 …)."""
    underskrifter: JaNej | None = None
    """ja när kallelsen ska sluta med rader för ordförandens och justerarens underskrifter, nej
    när den inte ska det; standard är sammanträden: underskrifter i kommun.yml."""

    @field_validator("tid", "sluttid")
    @classmethod
    def _tid(cls, värde: str | None) -> str | None:
        if värde is not None:
            tolka_klockslag(värde)
        return värde


class Kallelseinställningar(Modell):
    """Hur kommunens kallelser ser ut."""

    underskrifter: JaNej = False
    """ja när varje kallelse (Word och PDF) ska sluta med rader för ordförandens och
    justerarens underskrifter; ett sammanträde kan ange underskrifter själv."""


class KommunSammanträden(Modell):
    """The sammanträden's keys in kommun.yml."""

    sammanträden: Kallelseinställningar = Kallelseinställningar()
    """Inställningar för kallelserna, t.ex. {underskrifter: ja}."""


class HändelseKälla(Modell):
    """One event in the årshjul."""

    datum: DatumEllerMånad
    """Dagen, ÅÅÅÅ-MM-DD (första dagen när händelsen pågår flera dagar), eller bara månaden
    (2027-06 eller juni 2027) när händelsen hör till månaden men inte till en viss dag."""
    slutdatum: DatumEllerMånad | None = None
    """Sista dagen, när händelsen pågår flera dagar; när datum är en månad är slutdatum också
    en månad (datum: 2027-02, slutdatum: 2027-03 för "under februari–mars")."""
    rubrik: Text
    """Vad som händer, t.ex. Kommunfullmäktige antar budget."""
    beskrivning: Text | None = None
    """Mer om händelsen."""
    organ: Lista = []
    """Organet som ansvarar (id ur kommun.yml), eller flera: [bun, son, sbn]."""


class ÅrshjulKälla(Modell):
    """content/arshjul.yml."""

    titel: Text = "Årshjul"
    """Rubriken på årshjulets sida och kalender."""
    händelser: list[HändelseKälla]
    """Årets händelser: lista av {datum, rubrik, beskrivning, organ, slutdatum}."""
