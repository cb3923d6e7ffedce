"""Styrdokument and the författningssamling: one Markdown file per document under
content/styrdokument/; those with ``kfs:`` form the kommun's statute book, with status
derived from ``ersätter``/``ändrar``/``upphäver``. Pages per document and per dokumenttyp,
the register with its filtered views and open data, the intranet's Ledning och styrning,
and every document in each document format.

Modules: ``modeller`` (front matter and kommun.yml keys), ``dokument`` (reading),
``regler`` and ``regler_kfs`` (rules), ``forfattningar`` (KFS index and status), ``presentation`` (page path,
metadata, the writers' view), ``sidor``, ``register_sidor``, ``register`` (open data),
``ledning`` (intranet), ``nytt`` (``styrdok new``).
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from styrdok.karna import genereringsminne
from styrdok.karna.korpus import Korpus
from styrdok.karna.slag import Beslut, Kommando, Referens, TomtSlag
from styrdok.karna.utdata import Leverans, Sidsamling
from styrdok.karna.webbplats import INTRANÄT
from styrdok.slag.styrdokument import dokument, ledning, nytt, register_sidor, regler, sidor
from styrdok.slag.styrdokument import forfattningar as kfs
from styrdok.slag.styrdokument.importera import KOMMANDO as IMPORT
from styrdok.slag.styrdokument.modeller import KommunStyrdokument, Styrdokument
from styrdok.slag.styrdokument.presentation import (
    bilagefiler,
    dokumentvy,
    filbas,
    huvuden,
    omvärld,
    sidväg,
)

NAMN = "styrdokument"


class Styrdokumentslag(TomtSlag):
    def modeller(self):
        return [
            ("content/styrdokument/**.md (front matter)", Styrdokument),
        ]

    def ladda(self, korpus, rapport):
        return dokument.ladda(korpus, rapport)

    def interna_filer(self, korpus: Korpus) -> list[Path]:
        samling = korpus.styrdokument
        dokumenten = [d for d in samling.values() if not d.är_publik]
        dokumenten += getattr(samling, "utkast", [])
        return [f.resolve() for d in dokumenten for f in bilagefiler(korpus, d)]

    def granska_kommun(self, källa, rapport):
        regler.granska_kommun(källa, rapport)

    def validera(self, korpus, rapport):
        regler.validera_korpus(korpus, rapport)

    def vägar(self, korpus: Korpus) -> list[str]:
        return ["forfattningssamling", "styrdokument", "ledning-och-styrning"]

    def källor(self, korpus: Korpus):
        return [d.källa for d in korpus.styrdokument.values()]

    def beslut(self, korpus: Korpus) -> list[Beslut]:
        """Each document's decision and its revisions given by day (a month matches no protokoll)."""
        ut = []
        for d in korpus.styrdokument.values():
            data = d.data
            ut.append(
                Beslut(
                    d.id,
                    d.källa,
                    ("paragraf",),
                    data.beslutsinstans,
                    data.beslutsdatum,
                    data.paragraf,
                )
            )
            for i, r in enumerate(data.revideringar):
                if r.beslutsinstans and type(r.datum) is dt.date:
                    ut.append(
                        Beslut(
                            d.id,
                            d.källa,
                            ("revideringar", i, "paragraf"),
                            r.beslutsinstans,
                            r.datum,
                            r.paragraf,
                        )
                    )
        return ut

    def publik(self, data):
        data = data or {}
        utanför = {k: d for k, d in data.items() if not d.är_publik}
        utanför.update((d.id, d) for d in getattr(data, "utkast", []))
        return dokument.PublikaDokument(
            {k: d for k, d in data.items() if d.är_publik},
            huvuden(utanför) if genereringsminne.aktiv() else {},
        )

    def referens(self, korpus: Korpus, text: str) -> Referens | None:
        dok_id = kfs.slå_upp(korpus, text)
        if dok_id is None:
            return None
        d = korpus.styrdokument[dok_id]
        return Referens(NAMN, d.id, d.titel, sidväg(d), d.är_publik, d.källa.sökväg, filbas(d))

    def referenser(self, korpus: Korpus) -> list[str]:
        return list(korpus.styrdokument)

    def varför_inte(self, korpus: Korpus, text: str) -> str | None:
        return dokument.varför_inte(korpus, text)

    def vy(self, korpus: Korpus, referens: Referens):
        status = kfs.härled_status(korpus)
        return dokumentvy(korpus, korpus.styrdokument[referens.id], status.get(referens.id))

    def innehållsdatum(self, korpus: Korpus) -> list[dt.date]:
        dokumenten = korpus.styrdokument.values()
        return [d.data.beslutsdatum for d in dokumenten] + [
            r.datum for d in dokumenten for r in d.data.revideringar
        ]

    def startlänkar(self, korpus: Korpus, variant: str) -> list[str]:
        länkar = [
            f"- [Författningssamlingen]({register_sidor.INDEX}): kommunens lokala föreskrifter, "
            "reglementen och taxor",
            f"- [Alla styrdokument]({sidor.INDEX}): policyer, program, planer och riktlinjer "
            "efter dokumenttyp",
        ]
        if variant == INTRANÄT:
            länkar.append(
                f"- [{korpus.kommun.intranät_namn}]({ledning.INDEX}): översyn, giltighet och "
                "internt material"
            )
        return länkar

    def sidor(self, korpus: Korpus, variant: str):
        status = kfs.härled_status(korpus)
        samling = Sidsamling()
        sidor.dokumentsidor(korpus, status, samling)
        return samling.sidor + _FÖRTECKNINGAR.hämta(
            (korpus.publik, variant),
            None,
            lambda: omvärld(korpus),
            lambda: _förteckningar(korpus, variant, status),
            korpus.nedladdningar,
        )

    def filer(self, korpus: Korpus, variant: str):
        return _REGISTERFILER.hämta(
            korpus.publik,
            None,
            lambda: omvärld(korpus),
            lambda: register_sidor.registerfiler(korpus, kfs.härled_status(korpus)),
            korpus.nedladdningar,
        )

    def nav(self, korpus: Korpus, variant: str) -> list[dict[str, str]]:
        nav = [{"Författningssamling": register_sidor.INDEX}, {"Styrdokument": sidor.INDEX}]
        if variant == INTRANÄT:
            nav.append({korpus.kommun.intranät_namn: ledning.INDEX})
        return nav

    def leveranser(self, korpus: Korpus, variant: str) -> list[Leverans]:
        status = kfs.härled_status(korpus)
        return [
            Leverans(functools.partial(dokumentvy, korpus, d, status[d.id]), filbas(d))
            for d in korpus.styrdokument.values()
        ]

    def kommandon(self) -> list[Kommando]:
        return [
            Kommando(
                "new",
                "skapa ett nytt styrdokument med alla obligatoriska nycklar ifyllda som mall",
                "  styrdok new policy ekonomi/finanspolicy   skapar "
                "content/styrdokument/ekonomi/finanspolicy.md",
                _nytt_argument,
                _nytt,
            ),
            IMPORT,
        ]


def _nytt_argument(p) -> None:
    p.add_argument("dokumenttyp", help="en dokumenttyp ur content/kommun.yml, t.ex. policy")
    p.add_argument("id", help="dokumentets id: sökväg under content/styrdokument/ utan .md")


def _nytt(args, delar) -> int:
    fil = nytt.skapa(
        Path(args.katalog).resolve(), delar, args.dokumenttyp, args.id, dt.date.today()
    )
    args.meddela(f"skapade {fil}; fyll i platshållarna och kör styrdok check")
    return 0


_FÖRTECKNINGAR: genereringsminne.Minne[list] = genereringsminne.Minne()
"""The pages that list documents: made from their front matter only (``omvärld``)."""
_REGISTERFILER: genereringsminne.Minne[dict] = genereringsminne.Minne()


def _förteckningar(korpus: Korpus, variant: str, status: dict) -> list:
    samling = Sidsamling()
    sidor.styrdokument_index(korpus, status, samling)
    register_sidor.registersidor(korpus, status, samling)
    if variant == INTRANÄT:
        ledning.ledning_och_styrning(korpus, samling)
    return samling.sidor


SLAG = Styrdokumentslag(namn=NAMN, kommunmodell=KommunStyrdokument)
