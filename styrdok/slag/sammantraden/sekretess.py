"""What of the meetings is secret: every sekretess ärende's rubrik (of two words or more),
diarienummer, and the sentences of its description, proposal, beslut, reservationer and
protokollsanteckningar, and its underlag files by
content. ``karna/sekretess`` keeps them out of every other value and text of every kind."""

from __future__ import annotations

from styrdok.karna.korpus import Korpus
from styrdok.karna.sekretess import filsumma, meningar
from styrdok.karna.slag import Hemlighet, Hemligheter
from styrdok.slag.sammantraden.data import (
    FIL,
    FÖRSTA_ÄRENDENUMMER,
    Sammanträdesdata,
    Ärende,
)


def hemligheter(korpus: Korpus, data: Sammanträdesdata) -> Hemligheter:
    h = Hemligheter()
    for möte in data.möten:
        for ärende in (ä for ä in möte.ärenden if ä.sekretess):
            h.undantag.add((möte.källfil, ("ärenden", ärende.nummer - FÖRSTA_ÄRENDENUMMER)))
            h.strängar += _strängar(ärende)
            h.strängar += [
                Hemlighet(" ".join(u.titel.split()), "underlagets titel")
                for u in ärende.underlag
                if u.typ == FIL and u.titel != u.filnamn and len(u.titel.split()) >= 2
            ]
            h.filer |= {filsumma(korpus.innehåll / u.mål) for u in ärende.underlag if u.typ == FIL}
    return h


def _strängar(ärende: Ärende) -> list[Hemlighet]:
    ut = []
    if ärende.diarienummer and len(ärende.diarienummer.strip()) >= 4:
        ut.append(Hemlighet(ärende.diarienummer.strip(), "diarienummer"))
    if len(ärende.rubrik.split()) >= 2:
        ut.append(Hemlighet(" ".join(ärende.rubrik.split()), "rubrik"))
    for text in (ärende.beskrivning, ärende.förslag, ärende.beslut):
        ut += [Hemlighet(m, "text") for m in meningar(text or "")]
    for text in (*ärende.reservationer, *ärende.protokollsanteckningar):
        ut += [Hemlighet(m, "text") for m in meningar(text)]
    return ut
