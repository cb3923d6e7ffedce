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
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

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
Paragrafnummer = Annotated[int, Field(ge=1, le=9999)]
"""A protokoll's paragraf: a whole number, numbered on per organ and year."""


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
    paragraf: Paragrafnummer | None = None
    """Ärendets paragraf (§) i protokollet, t.ex. 112. Paragraferna numreras i följd per organ
    och år; en lucka eller ett nummer som redan finns är ett fel."""
    beslut: Markdown | None = None
    """Beslutet som det står i protokollet (Markdown); krävs för varje ärende när
    sammanträdet har ett protokoll."""
    reservationer: list[Text] = []
    """Reservationer mot beslutet, en per rad, t.ex. "Per Holm (V) reserverar sig mot beslutet"."""
    protokollsanteckningar: list[Text] = []
    """Protokollsanteckningar, en per rad."""


class ProtokollKälla(Modell):
    """Det justerade protokollet."""

    justerat: Datum
    """Dagen då protokollet justerades, ÅÅÅÅ-MM-DD."""
    justerare: list[Text] = []
    """Vem som justerade protokollet utöver ordföranden, t.ex. [Eva Ek (C)]."""
    anslaget: Datum | None = None
    """Dagen då tillkännagivandet om justeringen sattes upp på anslagstavlan; standard är
    justeringsdagen. Kommunallagen kräver senast andra dagen efter justeringen. Dagen då det
    tas ned räknas fram: tre veckor senare, när tiden för att överklaga har gått ut."""
    förvaras: Text | None = None
    """Var protokollet förvaras; standard är anslagstavla: förvaring i kommun.yml."""


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
    kungjort: Datum | None = None
    """Fullmäktiges sammanträden: dagen då kungörelsen sattes upp på anslagstavlan, minst en
    vecka före sammanträdet (kommunallagen 5 kap. 53 §)."""
    protokoll: ProtokollKälla | None = None
    """Det justerade protokollet: {justerat, justerare, anslaget, förvaras}. Varje ärende ska
    då ha paragraf och beslut."""

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


class Anslagstavleinställningar(Modell):
    """Kommunens anslagstavla."""

    förvaring: Text = "Kommunkansliet"
    """Var protokollen förvaras, t.ex. Kommunkansliet, Stadshuset, Storgatan 1."""
    förvaltningsrätt: Text = "förvaltningsrätten"
    """Domstolen ett beslut överklagas till, t.ex. Förvaltningsrätten i Växjö."""


class KommunSammanträden(Modell):
    """The sammanträden's keys in kommun.yml."""

    sammanträden: Kallelseinställningar = Kallelseinställningar()
    """Inställningar för kallelserna, t.ex. {underskrifter: ja}."""
    anslagstavla: Anslagstavleinställningar = Anslagstavleinställningar()
    """Anslagstavlan: {förvaring, förvaltningsrätt}."""


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


class TillkännagivandeKälla(Modell):
    """One tillkännagivande on the anslagstavla besides the protokoll and kungörelser."""

    rubrik: Text
    """Vad tillkännagivandet gäller, t.ex. Delegationsbeslut om parkeringstillstånd."""
    organ: Ref
    """Organet som beslutat eller tillkännager (id ur kommun.yml)."""
    slag: Literal["delegationsbeslut", "övrigt"] = "delegationsbeslut"
    """delegationsbeslut (beslut som inte anmäls till nämnden och därför tillkännages; kan
    överklagas i tre veckor) eller övrigt (annat tillkännagivande, med slutdatum)."""
    beslutsdatum: Datum | None = None
    """Beslutets datum; krävs för delegationsbeslut."""
    anslaget: Datum
    """Dagen då tillkännagivandet sattes upp på anslagstavlan."""
    slutdatum: Datum | None = None
    """Sista dagen det sitter uppe; krävs för övrigt, räknas fram för delegationsbeslut."""
    beskrivning: Markdown | None = None
    """Mer om beslutet (Markdown)."""
    förvaras: Text | None = None
    """Var beslutet förvaras; standard är anslagstavla: förvaring i kommun.yml."""


class AnslagstavlaKälla(Modell):
    """content/anslagstavla.yml."""

    tillkännagivanden: list[TillkännagivandeKälla] = []
    """Delegationsbeslut och andra tillkännagivanden: lista av {rubrik, organ, slag,
    beslutsdatum, anslaget, slutdatum, beskrivning, förvaras}."""
