"""``styrdok new``: a new styrdokument with every required key, placeholders and comments."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.grund.modellfel import menade_du
from styrdok.karna.korpus import Delar, ladda

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")


def skapa(rot: Path, delar: Delar, dokumenttyp: str, dok_id: str, idag: dt.date) -> Path:
    rapport = Rapport()
    korpus = ladda(rot, rapport, delar)
    if korpus is None:
        rapport.skriv()
        raise StyrdokFel("content/kommun.yml måste vara korrekt innan nya dokument kan skapas")
    kommun = korpus.kommun
    typ = kommun.dokumenttyper.get(dokumenttyp)
    if typ is None:
        raise StyrdokFel(
            f"okänd dokumenttyp {dokumenttyp}{menade_du(dokumenttyp, kommun.dokumenttyper)}"
            f" (finns: {', '.join(kommun.dokumenttyper)})"
        )
    dok_id = dok_id.removeprefix("styrdokument/").removesuffix(".md")
    if not _ID.match(dok_id):
        raise StyrdokFel(
            f"id {dok_id!r} får bara innehålla små bokstäver a–z, siffror, bindestreck och /, "
            "t.ex. ekonomi/finanspolicy"
        )
    fil = rot / "content" / "styrdokument" / f"{dok_id}.md"
    if fil.exists():
        raise StyrdokFel(f"{fil.relative_to(rot)} finns redan")
    organ_id = typ.organen[0]
    politisk = kommun.organ[organ_id].slag.paragraf if organ_id in kommun.organ else False
    rader = [
        "---",
        f'titel: "{typ.namn} för ..."            # dokumentets namn',
        f"dokumenttyp: {dokumenttyp}",
        f"beslutsinstans: {organ_id}                 # får vara: {', '.join(typ.organen)}",
        f"beslutsdatum: {idag.isoformat()}         # dagen för beslutet, ÅÅÅÅ-MM-DD",
    ]
    if politisk:
        rader.append("paragraf: 0                       # § i protokollet")
    rader += [
        'diarienummer: "KS ÅÅÅÅ/NNN"',
        'dokumentansvarig: "Roll som håller dokumentet aktuellt"',
        'sammanfattning: "En eller två meningar om vad dokumentet reglerar."',
    ]
    if typ.giltighet == "begränsad":
        rader.append(
            f"giltig_till: {idag.replace(year=idag.year + 4).isoformat()}          # typen gäller en begränsad tid"
        )
    rader += [
        f"nästa_översyn: {idag.replace(year=idag.year + 2).isoformat()}",
        f"# publicering: {typ.publicering}                # webb eller intranät",
        "# gäller_för: hela kommunkoncernen",
        "# revideringar:",
        '#   - {datum: ÅÅÅÅ-MM-DD, beslutsinstans: kf, paragraf: 12, kommentar: "..."}',
        '# kfs: "ÅÅÅÅ:N"                      # nummer i författningssamlingen',
        "# kategori: ...",
        "---",
        "",
        "## Syfte",
        "",
        "Beskriv varför dokumentet finns.",
        "",
    ]
    fil.parent.mkdir(parents=True, exist_ok=True)
    fil.write_text("\n".join(rader), encoding="utf-8")
    return fil.relative_to(rot)
