"""The kommun's anslagstavla (kommunallagen 8 kap. 9–12 §§): its own section of the site,
with the tillkännagivanden that are up today (justerade protokoll, fullmäktige's
kungörelser, delegationsbeslut), how to appeal, an archive of what has been up, an Atom
feed and a calendar. Everything is made from the meetings and content/anslagstavla.yml;
the days are the law's (``lagtid``), as of the build's day (``korpus.idag``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from styrdok.grund.text import cell, länk, md, tabell
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import Webbtexter, webbadress
from styrdok.karna.utdata import (
    Flöde,
    Flödespost,
    Kalender,
    Kalenderhändelse,
    Sida,
    sökdata,
    uid,
)
from styrdok.slag.sammantraden import text as text
from styrdok.slag.sammantraden.data import Sammanträdesdata, är_fullmäktige
from styrdok.slag.sammantraden.kallelse import ANSLAGSTAVLAN, sidväg
from styrdok.slag.sammantraden.protokoll import paragrafer, protokollsida
from styrdok.slag.sammantraden.tillkannagivanden import FIL, inställningar

MAPP = "anslagstavla"
INDEX = ANSLAGSTAVLAN
ARKIV = f"{MAPP}/arkiv.md"
FLÖDE = f"{MAPP}/flode.xml"
KALENDER = f"{MAPP}/anslagstavla.ics"
TILLKÄNNAGIVANDESIDA = f"{MAPP}/tillkannagivande-{{}}.md"

PROTOKOLL, KUNGÖRELSE, DELEGATIONSBESLUT, ÖVRIGT = (
    "protokoll",
    "kungörelse",
    "delegationsbeslut",
    "övrigt",
)
RUBRIKER = {
    PROTOKOLL: "Justerade protokoll",
    KUNGÖRELSE: "Kungörelser av fullmäktiges sammanträden",
    DELEGATIONSBESLUT: "Delegationsbeslut",
    ÖVRIGT: "Övriga tillkännagivanden",
}


@dataclass(frozen=True)
class Anslag:
    """One notice on the anslagstavla, whatever it comes from."""

    nyckel: str
    slag: str
    rubrik: str
    organ: str
    uppe_från: dt.date
    uppe_till: dt.date
    """The last day it is up (for a protokoll: the last day to appeal)."""
    sida: str
    """The page it links to (the protokoll, the meeting, its own page)."""
    uppgifter: tuple[tuple[str, str], ...] = ()
    """(label, Markdown) shown with it."""
    beskrivning: str = ""


def anslag(korpus: Korpus, data: Sammanträdesdata) -> list[Anslag]:
    ut = []
    for m in data.möten:
        organ = organnamn(korpus, m.organ)
        if (p := m.protokoll) is not None:
            ut.append(
                Anslag(
                    nyckel=f"protokoll-{m.organ}-{m.datum.isoformat()}",
                    slag=PROTOKOLL,
                    rubrik=f"{organ}, protokoll från sammanträdet {text.svenskt_datum(m.datum, False)}",
                    organ=m.organ,
                    uppe_från=p.anslaget,
                    uppe_till=p.sista_dag,
                    sida=protokollsida(m),
                    uppgifter=(
                        ("Sammanträdesdatum", m.datum.isoformat()),
                        ("Paragrafer", paragrafer(m)),
                        ("Justerat", p.justerat.isoformat()),
                        ("Protokollet förvaras", md(p.förvaras)),
                    ),
                )
            )
        if m.kungjort is not None and är_fullmäktige(organ):
            ärenden = ", ".join(md(ä.rubrik) for ä in m.ärenden)
            ut.append(
                Anslag(
                    nyckel=f"kungorelse-{m.organ}-{m.datum.isoformat()}",
                    slag=KUNGÖRELSE,
                    rubrik=f"{organ} sammanträder {text.svenskt_datum(m.datum, False)}",
                    organ=m.organ,
                    uppe_från=m.kungjort,
                    uppe_till=m.datum,
                    sida=sidväg(m),
                    uppgifter=(
                        ("Tid", f"{text.svenskt_datum(m.datum)} kl. {text.klockslag(m.tid)}"),
                        ("Plats", md(m.plats)),
                        ("Ärenden", ärenden),
                    ),
                )
            )
    for t in data.tillkännagivanden:
        uppgifter = [("Organ", md(organnamn(korpus, t.organ)))]
        if t.beslutsdatum:
            uppgifter.append(("Beslutsdatum", t.beslutsdatum.isoformat()))
        uppgifter.append(("Beslutet förvaras", md(t.förvaras)))
        ut.append(
            Anslag(
                nyckel=f"tillkannagivande-{t.nummer + 1}",
                slag=t.slag,
                rubrik=t.rubrik,
                organ=t.organ,
                uppe_från=t.anslaget,
                uppe_till=t.sista_dag,
                sida=TILLKÄNNAGIVANDESIDA.format(t.nummer + 1),
                uppgifter=tuple(uppgifter),
                beskrivning=t.beskrivning or "",
            )
        )
    return sorted(ut, key=lambda a: (a.uppe_från, a.nyckel), reverse=True)


# --- pages -------------------------------------------------------------------------------


def sidor(korpus: Korpus, data: Sammanträdesdata) -> list[Sida]:
    alla = anslag(korpus, data)
    uppe = [a for a in alla if a.uppe_från <= korpus.idag <= a.uppe_till]
    nedtagna = [a for a in alla if a.uppe_till < korpus.idag]
    sidor = [_index(korpus, uppe), _arkiv(korpus, nedtagna)]
    sidor += [_egen_sida(korpus, a) for a in alla if a.sida.startswith(MAPP + "/")]
    return sidor


def _index(korpus: Korpus, uppe: list[Anslag]) -> Sida:
    delar = [
        "# Anslagstavla",
        "",
        f"{md(korpus.kommun.namn)}s officiella anslagstavla enligt kommunallagen. Här "
        "tillkännages att protokoll från fullmäktige, styrelsen och nämnderna har justerats, "
        "när fullmäktige sammanträder och beslut som fattats på delegation. Sidan visar det "
        f"som sitter uppe {text.svenskt_datum(korpus.idag, False)}.",
        "",
        f"[Prenumerera som nyhetsflöde]({länk(INDEX, FLÖDE)}) (Atom) · "
        f"[Datumen i din kalender]({länk(INDEX, KALENDER)}) (iCalendar) · "
        f"[Arkiv: tidigare anslag]({länk(INDEX, ARKIV)})",
    ]
    for slag, rubrik in RUBRIKER.items():
        poster = [a for a in uppe if a.slag == slag]
        if slag in (PROTOKOLL, KUNGÖRELSE) or poster:
            delar += ["", f"## {rubrik}", ""]
            delar.append(_lista(poster, INDEX) if poster else "Inget anslag just nu.")
    delar += ["", överklagande(korpus)]
    return Sida(INDEX, "Anslagstavla", "\n".join(delar), sök=sökdata(lista=True))


def _lista(poster: list[Anslag], från: str, nivå: str = "###") -> str:
    """One block per anslag, readable on a phone: the rubrik as a link, the two days, then
    the facts (a table of four columns would hide the days off the screen's edge)."""
    block = []
    for a in poster:
        block.append(
            "\n\n".join(
                [
                    f"{nivå} [{cell(a.rubrik)}]({länk(från, a.sida)})",
                    f"**Uppsatt** {a.uppe_från.isoformat()} · **Tas ned efter** "
                    f"{a.uppe_till.isoformat()}",
                    "\n".join(f"- {e}: {v}" for e, v in a.uppgifter if v),
                ]
            )
        )
    return "\n\n".join(block)


def överklagande(korpus: Korpus) -> str:
    rätt = md(inställningar(korpus).förvaltningsrätt)
    return "\n".join(
        [
            "## Så överklagar du ett beslut",
            "",
            "Den som är medlem i kommunen kan överklaga ett beslut av fullmäktige, styrelsen, en "
            "nämnd eller ett utskott genom laglighetsprövning (13 kap. kommunallagen). Skriv vilket "
            "beslut du överklagar och varför du anser att det är olagligt, och skicka överklagandet "
            f"till {rätt}. Det ska ha kommit in inom tre veckor från den dag då tillkännagivandet "
            "sattes upp på anslagstavlan; sista dagen står vid varje anslag som »Tas ned efter«.",
            "",
            "Vissa beslut överklagas i stället genom förvaltningsbesvär enligt förvaltningslagen; "
            "det står då i beslutet hur det går till.",
        ]
    )


def _arkiv(korpus: Korpus, nedtagna: list[Anslag]) -> Sida:
    delar = [
        "# Anslagstavlans arkiv",
        "",
        f"Anslag som har tagits ned, det senaste först. [Tillbaka till anslagstavlan]"
        f"({länk(ARKIV, INDEX)})",
        "",
        _lista(nedtagna, ARKIV, "##") if nedtagna else "Inga tidigare anslag.",
    ]
    return Sida(ARKIV, "Anslagstavlans arkiv", "\n".join(delar), sök=sökdata(lista=True))


def _egen_sida(korpus: Korpus, a: Anslag) -> Sida:
    delar = [
        f"# {md(a.rubrik)}",
        "",
        f"[Anslagstavlan]({länk(a.sida, INDEX)})",
        "",
        tabell(
            ["Uppgift", "Värde"],
            [[e, v] for e, v in a.uppgifter if v]
            + [
                ["Uppsatt", a.uppe_från.isoformat()],
                ["Tas ned efter", a.uppe_till.isoformat()],
            ],
        ),
    ]
    webb = Webbtexter(korpus, korpus.innehåll / FIL, a.sida)
    if a.beskrivning:
        delar += ["", webb(a.beskrivning.strip())]
    if a.slag == DELEGATIONSBESLUT:
        delar += ["", överklagande(korpus)]
    return Sida(a.sida, a.rubrik, "\n".join(delar), webb.filer)


# --- feed and calendar -------------------------------------------------------------------


def flöde(korpus: Korpus, data: Sammanträdesdata) -> Flöde:
    alla = [a for a in anslag(korpus, data) if a.uppe_från <= korpus.idag]
    värd = urlsplit(korpus.kommun.webbplats).hostname or "kommun.example"
    return Flöde(
        titel=f"{korpus.kommun.namn}s anslagstavla",
        id=f"tag:{värd},2000:anslagstavla",
        uppdaterad=alla[0].uppe_från if alla else dt.date(2000, 1, 1),
        adress=webbadress(korpus, FLÖDE),
        sida=webbadress(korpus, INDEX),
        författare=korpus.kommun.namn,
        författarsida=korpus.kommun.webbplats,
        poster=tuple(
            Flödespost(
                titel=a.rubrik,
                id=f"tag:{värd},{a.uppe_från.year}:anslagstavla-{a.nyckel}",
                uppdaterad=a.uppe_från,
                publicerad=a.uppe_från,
                länk=webbadress(korpus, a.sida),
                kategori=a.slag,
                kategorinamn=RUBRIKER[a.slag],
                sammanfattning=f"Uppsatt {a.uppe_från.isoformat()}, tas ned efter "
                f"{a.uppe_till.isoformat()}.",
            )
            for a in alla
        ),
    )


def kalender(korpus: Korpus, data: Sammanträdesdata) -> Kalender:
    return Kalender(
        f"Anslagstavlan – {korpus.kommun.namn}",
        tuple(
            Kalenderhändelse(
                uid=uid(f"anslagstavla-{a.nyckel}", korpus.kommun.webbplats),
                rubrik=f"Anslag: {a.rubrik}",
                start=a.uppe_från,
                slut=a.uppe_till + dt.timedelta(days=1),
                beskrivning=f"Uppsatt {a.uppe_från.isoformat()}, tas ned efter "
                f"{a.uppe_till.isoformat()}.",
                adress=webbadress(korpus, a.sida),
            )
            for a in sorted(anslag(korpus, data), key=lambda a: (a.uppe_från, a.nyckel))
        ),
    )
