"""Kvalitetsgarantier: what invånare can expect of a service, with yearly follow-up.

One Markdown file per guarantee under ``content/kvalitetsgarantier/``; the front
matter holds the promises and results, the body an introduction in plain language.
Modules: ``modeller``, ``garantier`` (reading and checks), ``sidor``, ``broschyr``."""

from __future__ import annotations

import functools

from styrdok.grund.diagnostik import Rapport
from styrdok.karna.korpus import Korpus
from styrdok.karna.slag import TomtSlag
from styrdok.karna.utdata import Leverans, Sida
from styrdok.slag.kvalitetsgarantier import broschyr, garantier, sidor
from styrdok.slag.kvalitetsgarantier.garantier import INDEX, MAPP, Garanti
from styrdok.slag.kvalitetsgarantier.modeller import Kvalitetsgaranti


class Kvalitetsgarantier(TomtSlag):
    def modeller(self):
        return [
            ("content/kvalitetsgarantier/**.md (front matter)", Kvalitetsgaranti),
        ]

    def ladda(self, korpus: Korpus, rapport: Rapport) -> dict[str, Garanti]:
        return garantier.ladda(korpus, rapport)

    def vägar(self, korpus: Korpus) -> list[str]:
        return [MAPP]

    def källor(self, korpus: Korpus):
        return [g.källa for g in korpus.kvalitetsgarantier.values()]

    def publik(self, data):
        return {k: g for k, g in (data or {}).items() if g.data.publicering == "webb"}

    def sidor(self, korpus: Korpus, variant: str) -> list[Sida]:
        return sidor.sidor(korpus, korpus.kvalitetsgarantier, variant)

    def nav(self, korpus: Korpus, variant: str) -> list[dict[str, str]]:
        return [{"Kvalitetsgarantier": INDEX}] if korpus.kvalitetsgarantier else []

    def leveranser(self, korpus: Korpus, variant: str) -> list[Leverans]:
        return [
            Leverans(functools.partial(broschyr.broschyr, korpus, g), väg=g.filväg)
            for g in korpus.kvalitetsgarantier.values()
        ]


SLAG = Kvalitetsgarantier(namn=MAPP)
