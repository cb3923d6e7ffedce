"""content/anslagstavla.yml: delegationsbeslut and other tillkännagivanden for the
anslagstavla, each checked at its place; the day one comes down is computed for a
delegationsbeslut (the time to appeal) and written for any other."""

from __future__ import annotations

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_yaml
from styrdok.grund.modellfel import validera
from styrdok.grund.sokvag import visningsnamn
from styrdok.karna.kommun import organförslag
from styrdok.karna.korpus import Korpus
from styrdok.slag.sammantraden import lagtid
from styrdok.slag.sammantraden.data import Tillkännagivande
from styrdok.slag.sammantraden.modeller import AnslagstavlaKälla, Anslagstavleinställningar

FIL = "anslagstavla.yml"
DELEGATIONSBESLUT = "delegationsbeslut"


def inställningar(korpus: Korpus) -> Anslagstavleinställningar:
    return getattr(korpus.kommun, "anslagstavla", None) or Anslagstavleinställningar()


def ladda(korpus: Korpus, rapport: Rapport, källor: list[Källfil]) -> tuple[Tillkännagivande, ...]:
    fil = korpus.innehåll / FIL
    if not fil.is_file():
        return ()
    källa = läs_yaml(fil, visningsnamn(korpus.rot, fil), rapport)
    källor.append(källa)
    modell = (
        validera(AnslagstavlaKälla, källa.data, källa, rapport) if källa.data is not None else None
    )
    if modell is None:
        return ()
    ut = []
    for i, t in enumerate(modell.tillkännagivanden):
        sökväg = ("tillkännagivanden", i)
        fel = False
        if t.organ not in korpus.kommun.organ:
            källa.fel(
                rapport,
                (*sökväg, "organ"),
                f"okänt organ {t.organ}{organförslag(korpus.kommun, t.organ)}",
            )
            fel = True
        if t.slag == DELEGATIONSBESLUT:
            if t.slutdatum is not None:
                källa.fel(
                    rapport,
                    (*sökväg, "slutdatum"),
                    "ett delegationsbeslut sitter uppe tills tiden för att överklaga har gått ut, "
                    "tre veckor; den dagen räknas fram, så ta bort slutdatum",
                )
                fel = True
            if t.beslutsdatum is None:
                källa.fel(
                    rapport,
                    sökväg,
                    "beslutsdatum saknas: ange dagen då delegationsbeslutet fattades",
                )
                fel = True
            elif t.anslaget < t.beslutsdatum:
                källa.fel(
                    rapport,
                    (*sökväg, "anslaget"),
                    f"tillkännagivandet sattes upp {t.anslaget.isoformat()}, före beslutet "
                    f"{t.beslutsdatum.isoformat()}; rätta datumet",
                )
                fel = True
            slut = lagtid.sista_dag_att_överklaga(t.anslaget)
        else:
            if t.slutdatum is None:
                källa.fel(
                    rapport,
                    sökväg,
                    "slutdatum saknas: ange sista dagen tillkännagivandet ska sitta uppe",
                )
                fel = True
            elif t.slutdatum < t.anslaget:
                källa.fel(
                    rapport,
                    (*sökväg, "slutdatum"),
                    f"slutdatum {t.slutdatum.isoformat()} ligger före anslaget {t.anslaget.isoformat()}",
                )
                fel = True
            slut = t.slutdatum or t.anslaget
        if fel:
            continue
        ut.append(
            Tillkännagivande(
                nummer=i,
                rubrik=t.rubrik,
                organ=t.organ,
                slag=t.slag,
                anslaget=t.anslaget,
                sista_dag=slut,
                beslutsdatum=t.beslutsdatum,
                beskrivning=t.beskrivning,
                förvaras=t.förvaras or inställningar(korpus).förvaring,
            )
        )
    return tuple(ut)
