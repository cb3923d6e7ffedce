"""The kallelse and föredragningslista as Markdown, shared by the web page and the
Word/PDF kallelse so that both always say the same thing.

Only a :class:`Sammanträde` reaches this module; for the public site it is already the
public copy, so nothing here needs to know about sekretess except how to word it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from styrdok.grund.text import MÅNADER, cell, md, tabell
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.slag.sammantraden.data import (
    FULLSTÄNDIG,
    INTRANÄT,
    OFFENTLIG,
    Sammanträde,
    Underlag,
    Ärende,
    är_fullmäktige,
)

VECKODAGAR = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
ÖPPNANDE_PUNKTER = (
    "Upprop",
    "Val av justerare och tid för justering",
    "Godkännande av dagordningen",
)
SEKRETESSTEXT = (
    "Uppgifterna i ärendet omfattas av sekretess och redovisas inte i den offentliga versionen."
)
INTERN_SEKRETESSTEXT = (
    "Uppgifterna i ärendet omfattas av sekretess och redovisas inte här. Handlingarna skickas "
    "bara till ledamöterna och ersättarna."
)
SEKRETESSMÄRKNING = (
    "Innehåller uppgifter som kan omfattas av sekretess (offentlighets- och sekretesslagen)"
)
"""On every page of the full internal kallelse (``styrdok agenda``)."""
VERSIONER = {
    OFFENTLIG: "Offentlig version",
    INTRANÄT: "Intern version utan uppgifter som omfattas av sekretess",
    FULLSTÄNDIG: "Fullständig version till ledamöterna; kan innehålla uppgifter som omfattas av sekretess",
}

Underlagstext = Callable[[Ärende, Underlag], str]
Länkar = Callable[[str], str]
"""What a source's Markdown text becomes where it is placed: its links rewritten for the web
page (``karna.lankar.Webbtexter``) or for PDF and Word (``karna.lankar.för_dokument``)."""
"""How one beslutsunderlag is written: a link on the web, a file name in Word."""


def svenskt_datum(d: dt.date, veckodag: bool = True) -> str:
    """``tisdag 10 november 2026``."""
    text = f"{d.day} {MÅNADER[d.month - 1]} {d.year}"
    return f"{VECKODAGAR[d.weekday()]} {text}" if veckodag else text


def klockslag(t: dt.time) -> str:
    """Swedish style ``13.00`` (Språkrådet: a full stop between hours and minutes)."""
    return f"{t.hour:02d}.{t.minute:02d}"


def tidsintervall(möte: Sammanträde) -> str:
    return klockslag(möte.tid) + (f"–{klockslag(möte.sluttid)}" if möte.sluttid else "")


def liten_begynnelse(namn: str) -> str:
    """``Kommunstyrelsen`` → ``kommunstyrelsen`` in running text."""
    return namn[:1].lower() + namn[1:]


def rubrik(korpus: Korpus, möte: Sammanträde) -> str:
    return f"{organnamn(korpus, möte.organ)} {svenskt_datum(möte.datum, veckodag=False)}"


def metadata(korpus: Korpus, möte: Sammanträde) -> list[tuple[str, str]]:
    rader = [
        ("Organ", organnamn(korpus, möte.organ)),
        ("Datum", svenskt_datum(möte.datum)),
        ("Tid", "kl. " + tidsintervall(möte)),
        ("Plats", möte.plats),
        ("Ordförande", möte.ordförande or ""),
        ("Sekreterare", möte.sekreterare or ""),
        ("Version", VERSIONER[möte.version]),
    ]
    return [(e, v) for e, v in rader if v]


def kallelse(korpus: Korpus, möte: Sammanträde) -> str:
    """Who is summoned, when and where, and how to report that one cannot come."""
    organ = korpus.kommun.organ[möte.organ].namn
    till = f"sekreteraren {md(möte.sekreterare)}" if möte.sekreterare else "sekreteraren"
    delar = [
        f"Ledamöterna i {md(liten_begynnelse(organ))} kallas till sammanträde "
        f"{svenskt_datum(möte.datum)} kl. {klockslag(möte.tid)} i {md(möte.plats)}. Ersättarna "
        "underrättas om sammanträdet.",
        f"Den som är förhindrad att delta ombeds anmäla detta till {till} så snart som möjligt, "
        "så att en ersättare kan kallas in.",
    ]
    if är_fullmäktige(organ):
        # Kommunallagen 5 kap. 38 §: fullmäktige meets in public; nämnder normally do not.
        delar.append("Sammanträdet är offentligt och alla är välkomna att lyssna.")
    return "\n\n".join(delar)


def föredragningslista(möte: Sammanträde, underlagstext: Underlagstext, länkar: Länkar) -> str:
    delar = ["## Föredragningslista"]
    for nr, punkt in enumerate(ÖPPNANDE_PUNKTER, start=1):
        delar.append(f"### {nr}. {punkt}")
        if nr == 2 and möte.justering:
            delar.append(f"Förslag: protokollet justeras {md(möte.justering)}.")
    for ärende in möte.ärenden:
        delar.append(_ärende(ärende, underlagstext, möte.version, länkar))
    return "\n\n".join(delar)


def _ärende(ärende: Ärende, underlagstext: Underlagstext, version: str, länkar: Länkar) -> str:
    delar = [f"### {ärende.nummer}. {md(ärende.rubrik)}"]
    if ärende.sekretess:
        delar.append(
            {
                OFFENTLIG: SEKRETESSTEXT,
                INTRANÄT: INTERN_SEKRETESSTEXT,
                FULLSTÄNDIG: "**Sekretess:** ärendet visas bara som »Ärende enligt offentlighets- "
                "och sekretesslagen« på webbplatsen och intranätet.",
            }[version]
        )
    if ärende.diarienummer:
        delar.append(f"**Diarienummer:** {md(ärende.diarienummer)}")
    if ärende.föredragande:
        delar.append(f"**Föredragande:** {md(ärende.föredragande)}")
    if ärende.beskrivning:
        delar.append(länkar(ärende.beskrivning.strip()))
    if ärende.förslag:
        delar += ["**Förslag till beslut**", länkar(ärende.förslag.strip())]
    if ärende.underlag:
        delar += [
            "**Beslutsunderlag**",
            "\n".join(f"- {underlagstext(ärende, u)}" for u in ärende.underlag),
        ]
    return "\n\n".join(delar)


def ärendelista(möte: Sammanträde) -> str:
    """Every item's number and rubrik (and diarienummer) at a glance, before the items in full."""
    med_diarienummer = any(ä.diarienummer for ä in möte.ärenden)
    rader = [
        [str(nr), punkt] + ([""] if med_diarienummer else [])
        for nr, punkt in enumerate(ÖPPNANDE_PUNKTER, start=1)
    ]
    for ä in möte.ärenden:
        rader.append(
            [str(ä.nummer), cell(ä.rubrik)]
            + ([cell(ä.diarienummer or "")] if med_diarienummer else [])
        )
    kolumner = ["Nr", "Ärende"] + (["Diarienummer"] if med_diarienummer else [])
    return "## Ärendelista\n\n" + tabell(kolumner, rader)


SIGNATURLINJE = "\\_" * 34
"""Room to sign: a line of underscores, escaped so that Markdown prints them."""


def underskrifter(möte: Sammanträde) -> str:
    """Lines for the ordförande's and the justerare's signatures, each with a name or role
    under it and room above it to write (two line breaks)."""
    ordförande = f"{md(möte.ordförande)}, ordförande" if möte.ordförande else "Ordförande"
    rum = "<br><br>"  # on the same line: a line break in the source would print as a space
    return "\n\n".join(
        [
            "## Underskrifter",
            f"{rum}Ort och datum: {SIGNATURLINJE}",
            f"{rum}{SIGNATURLINJE}<br>{ordförande}",
            f"{rum}{SIGNATURLINJE}<br>Justerare",
        ]
    )


def hela_texten(
    korpus: Korpus,
    möte: Sammanträde,
    underlagstext: Underlagstext,
    länkar: Länkar,
    dokument: bool = False,
) -> str:
    """The kallelse's body: the summons, the meeting's own text, the föredragningslista.
    The Word and PDF kallelse (``dokument``) also list the items at a glance after the
    summons, and end with signature lines where the kommun or the meeting wants them."""
    delar = [kallelse(korpus, möte)]
    if möte.brödtext:
        delar.append(länkar(möte.brödtext))
    if dokument:
        delar.append(ärendelista(möte))
    delar.append(föredragningslista(möte, underlagstext, länkar))
    if dokument and möte.underskrifter:
        delar.append(underskrifter(möte))
    return "\n\n".join(delar) + "\n"
