"""Reading styrdokument: one Markdown file per document under content/styrdokument/,
front matter checked against :class:`~.modeller.Styrdokument`, the body's Markdown checked
like every text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from styrdok.grund import brodtext, lasminne
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_markdown
from styrdok.grund.modellfel import validera
from styrdok.grund.sokvag import (
    hitta_fil,
    källfiler_utan_namnfel,
    relativ,
    sökvägsproblem,
    visningsnamn,
)
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


class Dokumentsamling(dict[str, Dokument]):
    """The decided documents by id; drafts (``utkast: true``) are kept apart in ``utkast``,
    so that nothing that lists, links or publishes documents can reach one. The public
    korpus gets :class:`PublikaDokument`: no drafts at all."""

    def __init__(self) -> None:
        super().__init__()
        self.utkast: list[Dokument] = []


class PublikaDokument(dict[str, Dokument]):
    """The public copy's documents: those published on the web, nothing else. ``andra``
    holds sums only: of the path and of the front matter of every source left out (nothing
    of them can be read back, ``karna/genereringsminne``), so that an edit to the body of an
    intranet document or a draft is not taken for a change of what the public pages may
    read."""

    def __init__(self, dokument: dict[str, Dokument], andra: dict[str, str]) -> None:
        super().__init__(dokument)
        self.andra = andra


def ladda(korpus: Korpus, rapport: Rapport) -> Dokumentsamling:
    dokument = Dokumentsamling()
    for fil in källfiler_utan_namnfel(korpus.rot, korpus.innehåll / MAPP, (".md",), rapport):
        if (d := _läs(korpus, fil, rapport)) is not None:
            if d.data.utkast:
                dokument.utkast.append(d)
            else:
                dokument[d.id] = d
    return dokument


def varför_inte(korpus: Korpus, text: str) -> str | None:
    """For a reference to a document that is a draft, or whose source did not load."""
    namn = text.strip().removesuffix(".md").removeprefix(f"{MAPP}/")
    dok_id = f"{MAPP}/{namn}"
    samling = korpus.data.get("styrdokument")
    if isinstance(samling, Dokumentsamling):
        if any(d.id == dok_id for d in samling.utkast):
            return f"är ett utkast (utkast: true i content/{dok_id}.md) och publiceras inte"
    if dok_id in (samling or {}) or sökvägsproblem(dok_id) or ".." in dok_id.split("/"):
        return None
    try:
        finns = (korpus.innehåll / f"{dok_id}.md").is_file()
    except OSError:
        return None
    return f"kan inte användas förrän felen i content/{dok_id}.md är rättade" if finns else None


def _läs(korpus: Korpus, fil: Path, rapport: Rapport) -> Dokument | None:
    namn = visningsnamn(korpus.rot, fil)
    läst = lasminne.läst(fil, (MAPP, namn), rapport, lambda r: _tolka(fil, namn, korpus, r))
    if läst is None:
        return None
    källa, data = läst
    dok_id = relativ(korpus.innehåll, fil).removesuffix(fil.suffix)
    typ = korpus.kommun.dokumenttyper.get(data.dokumenttyp)
    publicering = data.publicering or (typ.publicering if typ else "webb")
    return Dokument(id=dok_id, källa=källa, data=data, publicering=publicering)


def _tolka(
    fil: Path, namn: str, korpus: Korpus, rapport: Rapport
) -> tuple[Källfil, Styrdokument] | None:
    """The source read and checked on its own (nothing here looks at another file)."""
    källa = läs_markdown(fil, namn, rapport)
    if källa.data is None:
        return None
    data = validera(Styrdokument, källa.data, källa, rapport)
    if data is None:
        return None
    brodtext.granska(källa, rapport, korpus.innehåll)
    return källa, data


def bilaga_sökväg(korpus: Korpus, dokument: Dokument, bilaga: str) -> Path | None:
    """The attachment's real path if it exists inside content/, else None."""
    return hitta_fil(korpus.innehåll, bilaga, (dokument.källa.sökväg.parent, korpus.innehåll))
