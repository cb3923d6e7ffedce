"""Free pages under content/sidor/ (the start page is ``index.md``) and the
tillgänglighetsredogörelse, generated from kommun.yml and linked from every page."""

from __future__ import annotations

from styrdok.karna.korpus import Korpus
from styrdok.karna.lankar import skriv_om
from styrdok.karna.slag import Referens, TomtSlag
from styrdok.karna.utdata import Sida, Sidsamling
from styrdok.karna.webbplats import reserverade
from styrdok.slag.sidor import sidor
from styrdok.slag.sidor.modeller import FriSida, KommunSidor

NAMN = "sidor"


class Sidslag(TomtSlag):
    def modeller(self):
        return [
            ("content/sidor/**.md (front matter)", FriSida),
        ]

    def ladda(self, korpus, rapport):
        return sidor.ladda(korpus, rapport)

    def vägar(self, korpus: Korpus) -> list[str]:
        return [sidor.TILLGÄNGLIGHETSREDOGÖRELSE.removesuffix(".md")]

    def validera(self, korpus: Korpus, rapport) -> None:
        """A page may not take an address styrdok generates: it would silently replace it."""
        upptagna = reserverade(korpus)
        for sid_id, sida in korpus.sidor.items():
            topp = sid_id.split("/", 1)[0]
            if sid_id != sidor.STARTSIDA and topp in upptagna:
                rapport.fel(
                    sida.källa.visningsnamn,
                    1,
                    1,
                    f"sidan får adressen /{sid_id}/, som styrdok redan använder för "
                    f"{'sina egna sidor' if upptagna[topp] == 'styrdok' else upptagna[topp]}; "
                    "döp om filen eller flytta den till en egen mapp",
                )

        _tillgänglighet(korpus, rapport)

    def källor(self, korpus: Korpus):
        return [s.källa for s in korpus.sidor.values()]

    def publik(self, data):
        return {k: s for k, s in (data or {}).items() if s.data.publicering == "webb"}

    def referens(self, korpus: Korpus, text: str) -> Referens | None:
        sid_id = text.strip().removeprefix(f"{NAMN}/")
        sida = (korpus.data.get(NAMN) or {}).get(sid_id) if sid_id != sidor.STARTSIDA else None
        if sida is None:
            return None
        return Referens(
            NAMN,
            f"{NAMN}/{sid_id}",
            sida.data.titel,
            f"{sid_id}.md",
            sida.data.publicering == "webb",
            sida.källa.sökväg,
        )

    def startsida(self, korpus: Korpus, variant: str) -> Sida | None:
        egen = korpus.sidor.get(sidor.STARTSIDA)
        if egen is None:
            return None
        text, filer = skriv_om(korpus, egen.källa.sökväg, egen.källa.brödtext.strip(), "index.md")
        return Sida("index.md", egen.data.titel, text, filer)

    def sidor(self, korpus: Korpus, variant: str):
        samling = Sidsamling()
        sidor.fria_sidor(korpus, samling)
        sidor.tillgänglighetsredogörelse(korpus, samling, variant)
        return samling.sidor

    def nav(self, korpus: Korpus, variant: str) -> list[dict[str, str]]:
        nav = [
            {sida.data.titel: f"{sid_id}.md"}
            for sid_id, sida in sorted(korpus.sidor.items(), key=lambda p: p[0])
            if sid_id != sidor.STARTSIDA
        ]
        return nav + [{"Tillgänglighetsredogörelse": sidor.TILLGÄNGLIGHETSREDOGÖRELSE}]


SLAG = Sidslag(namn=NAMN, kommunmodell=KommunSidor)


GRANSKNINGSINTERVALL = 365
"""Days between reviews of the site's accessibility (Digg: at least once a year)."""


def _tillgänglighet(korpus: Korpus, rapport) -> None:
    """The tillgänglighetsredogörelse is required by lag (2018:1937): unfilled is a warning,
    a review older than a year a reminder."""
    t, källa = korpus.kommun.tillgänglighet, korpus.kommunkälla
    if t is None:
        rapport.varning(
            källa.visningsnamn,
            1,
            1,
            "tillgänglighetsredogörelsen är inte ifylld, men lagen (2018:1937) kräver den; ange "
            "tillgänglighet: {efterlevnad, bedömningsdatum, kontakt_epost} i kommun.yml",
        )
    elif (korpus.idag - t.bedömningsdatum).days > GRANSKNINGSINTERVALL:
        källa.påminnelse(
            rapport,
            ("tillgänglighet", "bedömningsdatum"),
            f"webbplatsens tillgänglighet granskades senast {t.bedömningsdatum.isoformat()}; "
            "granska den igen och uppdatera bedömningsdatum (minst en gång om året)",
        )
