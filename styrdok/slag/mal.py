"""Målstyrning: vision → målområden → övergripande mål → indikatorer → nämndmål →
åtaganden, and the reports that assess each mål per period.

Sources live in content/mal/ (see ``mal_modeller``); Kolada values are imported
into content/mal/kolada.yml by ``styrdok kolada import`` so that building never
needs the network.
"""

from __future__ import annotations

import dataclasses

from styrdok.grund.diagnostik import Rapport
from styrdok.korpus import Korpus
from styrdok.slag import Leverans, Sida, TomtSlag, mal_data, mal_rapport, mal_sidor


class Målstyrningsslag(TomtSlag):
    def ladda(self, korpus: Korpus, rapport: Rapport) -> mal_data.Målstyrning | None:
        return mal_data.ladda(korpus, rapport)

    def publik(self, data: mal_data.Målstyrning | None):
        """Reports marked intranät (e.g. a tertialrapport still under discussion) stay off the website."""
        if data is None:
            return None
        return dataclasses.replace(
            data,
            rapporter={k: r for k, r in data.rapporter.items() if r.data.publicering == "webb"},
        )

    def sidor(self, korpus: Korpus, variant: str) -> list[Sida]:
        ms = _data(korpus)
        return mal_sidor.sidor(korpus, ms) if ms else []

    def filer(self, korpus: Korpus, variant: str) -> dict[str, bytes]:
        ms = _data(korpus)
        return mal_sidor.filer(ms) if ms and ms.kedja else {}

    def nav(self, korpus: Korpus, variant: str) -> list[dict[str, str]]:
        ms = _data(korpus)
        return [{"Mål och uppföljning": mal_sidor.INDEX}] if ms and ms.kedja else []

    def leveranser(self, korpus: Korpus, variant: str) -> list[Leverans]:
        ms = _data(korpus)
        if not ms or not ms.kedja:
            return []
        return [
            Leverans(vy=mal_rapport.dokumentvy(korpus, ms, r), väg=mal_sidor.rapport_filväg(r.id))
            for r in ms.rapporter.values()
        ]


def _data(korpus: Korpus) -> mal_data.Målstyrning | None:
    return korpus.tillägg.get("mal")


SLAG = Målstyrningsslag(namn="mal")
