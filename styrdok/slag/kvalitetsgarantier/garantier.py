"""Kvalitetsgarantier: what invånare can expect of a service, with yearly follow-up.

One Markdown file per guarantee under ``content/kvalitetsgarantier/``; the front
matter holds the promises and results, the body an introduction in plain language.
Pages are written for invånare, not staff: the promises first, then how we
measure, last year's result, and how to complain.
"""

from __future__ import annotations

from dataclasses import dataclass

from styrdok.grund import brodtext
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_markdown
from styrdok.grund.modellfel import okänd, validera
from styrdok.grund.sokvag import källfiler_utan_namnfel, visningsnamn
from styrdok.karna.korpus import Korpus
from styrdok.slag.kvalitetsgarantier.modeller import Kvalitetsgaranti, Uppföljning

MAPP = "kvalitetsgarantier"
INDEX = f"{MAPP}/index.md"
TYPNAMN = {
    "kvalitetsgaranti": "Kvalitetsgaranti",
    "servicegaranti": "Servicegaranti",
    "tjänstegaranti": "Tjänstegaranti",
    "värdighetsgaranti": "Värdighetsgaranti",
    "servicedeklaration": "Servicedeklaration",
}


@dataclass
class Garanti:
    id: str
    """The file's path under kvalitetsgarantier/ without .md, e.g. ``hemtjanst-trygghet``."""
    källa: Källfil
    data: Kvalitetsgaranti

    @property
    def sidväg(self) -> str:
        return f"{MAPP}/{self.id}.md"

    @property
    def filväg(self) -> str:
        return f"filer/{MAPP}/{self.id}"

    @property
    def senaste(self) -> Uppföljning | None:
        return max(self.data.uppföljning, key=lambda u: u.år, default=None)


def ladda(korpus: Korpus, rapport: Rapport) -> dict[str, Garanti]:
    mapp = korpus.innehåll / MAPP
    garantier: dict[str, Garanti] = {}
    for fil in källfiler_utan_namnfel(korpus.rot, mapp, (".md",), rapport):
        källa = läs_markdown(fil, visningsnamn(korpus.rot, fil), rapport)
        data = (
            validera(Kvalitetsgaranti, källa.data, källa, rapport)
            if källa.data is not None
            else None
        )
        if data is None:
            continue
        garanti = Garanti(fil.relative_to(mapp).with_suffix("").as_posix(), källa, data)
        _kontrollera(korpus, garanti, rapport)
        brodtext.granska(källa, rapport, korpus.innehåll)
        garantier[garanti.id] = garanti
    return garantier


# --- checks that need kommun.yml -------------------------------------------------


def _kontrollera(korpus: Korpus, g: Garanti, rapport: Rapport) -> None:
    kommun, data, källa = korpus.kommun, g.data, g.källa
    if data.verksamhet not in kommun.verksamheter:
        källa.fel(
            rapport,
            ("verksamhet",),
            okänd("verksamhet", data.verksamhet, kommun.verksamheter),
        )
    organ = kommun.organ.get(data.beslutsinstans)
    if organ is None:
        källa.fel(
            rapport,
            ("beslutsinstans",),
            okänd("beslutsinstans", data.beslutsinstans, kommun.organ),
        )
    elif not organ.slag.förtroendevald:
        källa.fel(
            rapport,
            ("beslutsinstans",),
            f"en kvalitetsgaranti beslutas av förtroendevalda; {organ.namn} är "
            f"{organ.slag.beskrivning}",
        )
    if data.beslutsdatum > korpus.idag:
        källa.fel(
            rapport,
            ("beslutsdatum",),
            f"beslutsdatum {data.beslutsdatum} ligger i framtiden",
        )
    if data.giltig_från and data.giltig_till and data.giltig_till < data.giltig_från:
        källa.fel(rapport, ("giltig_till",), "giltig_till ligger före giltig_från")
    elif data.giltig_till and data.giltig_till < korpus.idag:
        källa.varning(
            rapport,
            ("giltig_till",),
            f"garantin gällde till {data.giltig_till}; besluta om en ny eller ta bort den",
        )
    _kontrollera_löften(g, rapport)
    _kontrollera_uppföljning(korpus, g, rapport)


def _kontrollera_löften(g: Garanti, rapport: Rapport) -> None:
    sedda: set[str] = set()
    for i, löfte in enumerate(g.data.löften):
        if löfte.id in sedda:
            g.källa.fel(
                rapport,
                ("löften", i, "id"),
                f"löftet {löfte.id} finns redan; ge varje löfte ett eget id",
            )
        sedda.add(löfte.id)


def _kontrollera_uppföljning(korpus: Korpus, g: Garanti, rapport: Rapport) -> None:
    löften = [lf.id for lf in g.data.löften]
    år_sedda: set[int] = set()
    for i, u in enumerate(g.data.uppföljning):
        if u.år in år_sedda:
            g.källa.fel(rapport, ("uppföljning", i, "år"), f"året {u.år} följs upp två gånger")
        år_sedda.add(u.år)
        if u.år > korpus.idag.year:
            g.källa.fel(
                rapport,
                ("uppföljning", i, "år"),
                f"året {u.år} har inte börjat; det kan inte följas upp än",
            )
        redovisade = set()
        for j, r in enumerate(u.resultat):
            if r.löfte not in löften:
                g.källa.fel(
                    rapport,
                    ("uppföljning", i, "resultat", j, "löfte"),
                    okänd("löfte", r.löfte, löften),
                )
            elif r.löfte in redovisade:
                g.källa.fel(
                    rapport,
                    ("uppföljning", i, "resultat", j, "löfte"),
                    f"löftet {r.löfte} redovisas två gånger {u.år}",
                )
            redovisade.add(r.löfte)
        saknas = [lf for lf in löften if lf not in redovisade]
        if saknas:
            g.källa.varning(
                rapport,
                ("uppföljning", i, "resultat"),
                f"uppföljningen {u.år} saknar resultat för {', '.join(saknas)}",
            )


# --- pages -----------------------------------------------------------------------


# --- the one-page leaflet (PDF and Word) -----------------------------------------
