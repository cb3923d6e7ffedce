"""Reading styrdokument: one Markdown file per document under content/styrdokument/,
front matter checked against :class:`~.modeller.Styrdokument`, the body's Markdown checked
like every text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from styrdok.grund import brodtext
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_markdown
from styrdok.grund.modellfel import validera
from styrdok.grund.sokvag import källfiler_utan_namnfel, visningsnamn
from styrdok.karna.korpus import Korpus
from styrdok.slag.styrdokument.modeller import Styrdokument

MAPP = "styrdokument"


@dataclass
class Dokument:
    """One styrdokument with what the build derives for it."""

    id: str
    """``styrdokument/<path without .md>``."""
    källa: Källfil
    data: Styrdokument
    publicering: str = "webb"
    """Resolved: the document's own value, else its type's default."""

    @property
    def titel(self) -> str:
        return self.data.titel

    @property
    def sökväg_under(self) -> str:
        """The part of the id after ``styrdokument/``."""
        return self.id.split("/", 1)[1]

    @property
    def är_publik(self) -> bool:
        return self.publicering == "webb"


def ladda(korpus: Korpus, rapport: Rapport) -> dict[str, Dokument]:
    dokument: dict[str, Dokument] = {}
    for fil in källfiler_utan_namnfel(korpus.rot, korpus.innehåll / MAPP, (".md",), rapport):
        if (d := _läs(korpus, fil, rapport)) is not None:
            dokument[d.id] = d
            brodtext.granska(d.källa, rapport, korpus.innehåll)
    return dokument


def _läs(korpus: Korpus, fil: Path, rapport: Rapport) -> Dokument | None:
    källa = läs_markdown(fil, visningsnamn(korpus.rot, fil), rapport)
    if källa.data is None:
        return None
    data = validera(Styrdokument, källa.data, källa, rapport)
    if data is None:
        return None
    dok_id = fil.relative_to(korpus.innehåll).with_suffix("").as_posix()
    typ = korpus.kommun.dokumenttyper.get(data.dokumenttyp)
    publicering = data.publicering or (typ.publicering if typ else "webb")
    return Dokument(id=dok_id, källa=källa, data=data, publicering=publicering)
