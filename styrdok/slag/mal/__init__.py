"""Målstyrning: vision → målområden → övergripande mål → indikatorer → nämndmål →
åtaganden, and the reports that assess each mål per period.

Sources live in content/mal/ (see ``mal_modeller``); Kolada values are imported
into content/mal/kolada.yml by ``styrdok kolada import`` so that building never
needs the network.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.karna.korpus import Korpus
from styrdok.karna.slag import Kommando, TomtSlag
from styrdok.karna.utdata import Leverans, Sida
from styrdok.slag.mal import data as mal_data
from styrdok.slag.mal import kolada, laddning, vagar
from styrdok.slag.mal import rapport as mal_rapport
from styrdok.slag.mal import sidor as mal_sidor
from styrdok.slag.mal.modeller import Indikator, KommunMål, Målkedja, Nämndplan
from styrdok.slag.mal.modeller import Rapport as Rapportmodell
from styrdok.slag.mal.sidor_indikatorer import filer as diagramfiler


class Målstyrningsslag(TomtSlag):
    def modeller(self):
        return [
            ("content/mal/malomraden.yml", Målkedja),
            ("content/mal/indikatorer.yml (per indikator)", Indikator),
            ("content/mal/namnder/*.yml", Nämndplan),
            ("content/mal/rapporter/*.yml", Rapportmodell),
        ]

    def ladda(self, korpus: Korpus, rapport: Rapport) -> mal_data.Målstyrning | None:
        return laddning.ladda(korpus, rapport)

    def publik(self, data: mal_data.Målstyrning | None):
        """Reports marked intranät (e.g. a tertialrapport still under discussion) stay off the website."""
        if data is None:
            return None
        interna = [r.källa for r in data.rapporter.values() if r.data.publicering != "webb"]
        return dataclasses.replace(
            data,
            rapporter={k: r for k, r in data.rapporter.items() if r.data.publicering == "webb"},
            källor=[k for k in data.källor if not any(k is i for i in interna)],
        )

    def sidor(self, korpus: Korpus, variant: str) -> list[Sida]:
        ms = _data(korpus)
        return mal_sidor.sidor(korpus, ms) if ms else []

    def filer(self, korpus: Korpus, variant: str) -> dict[str, bytes]:
        ms = _data(korpus)
        return diagramfiler(ms) if ms and ms.kedja else {}

    def nav(self, korpus: Korpus, variant: str) -> list[dict[str, str]]:
        ms = _data(korpus)
        return [{"Mål och uppföljning": vagar.INDEX}] if ms and ms.kedja else []

    def leveranser(self, korpus: Korpus, variant: str) -> list[Leverans]:
        ms = _data(korpus)
        if not ms or not ms.kedja:
            return []
        return [
            Leverans(
                functools.partial(mal_rapport.dokumentvy, korpus, ms, r),
                väg=vagar.rapport_filväg(r.id),
            )
            for r in ms.rapporter.values()
        ]

    def vägar(self, korpus: Korpus) -> list[str]:
        return ["mal"]

    def källor(self, korpus: Korpus):
        ms = _data(korpus)
        return ms.källor if ms is not None else []

    def kommandon(self) -> list[Kommando]:
        return [
            Kommando(
                "kolada",
                "hämta in nyckeltal från Kolada till content/mal/ (ingen nätverksåtkomst vid bygget)",
                "  styrdok kolada import kolada-export.json",
                _kolada_argument,
                _kolada,
            )
        ]


def _data(korpus: Korpus) -> mal_data.Målstyrning | None:
    return korpus.data.get("mal")


def _kolada_argument(p) -> None:
    p.add_argument(
        "åtgärd", choices=["import"], help="import: läs en JSON-fil från Kolada API v2 eller v3"
    )
    p.add_argument("fil", type=Path, help="JSON-filen")
    p.add_argument(
        "--kommun",
        default=None,
        help="kommunens id i Kolada (fyra siffror) när filen har flera kommuner",
    )


def _kolada(args, delar) -> int:
    args.meddela(kolada.importera(Path(args.katalog).resolve(), args.fil.resolve(), args.kommun))
    return 0


SLAG = Målstyrningsslag(namn="mal", kommunmodell=KommunMål)
