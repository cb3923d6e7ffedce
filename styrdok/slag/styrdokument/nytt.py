"""``styrdok new``: a new styrdokument with every required key, placeholders and comments."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.grund.modell import id_problem, år_senare
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
    if not _ID.match(dok_id) or any(id_problem(d) for d in dok_id.split("/")):
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
        f'titel: "FYLL I: dokumentets namn, t.ex. {typ.namn} för …"',
        f"dokumenttyp: {dokumenttyp}",
        f"beslutsinstans: {organ_id}                 # får vara: {', '.join(typ.organen)}",
        'beslutsdatum: "FYLL I: dagen för beslutet, ÅÅÅÅ-MM-DD"',
    ]
    if politisk:
        rader.append('paragraf: "FYLL I: paragrafen (§) i protokollet"')
    rader += [
        'diarienummer: "FYLL I: ärendets diarienummer, t.ex. KS 2026/123"',
        'dokumentansvarig: "FYLL I: rollen som håller dokumentet aktuellt, t.ex. Ekonomichef"',
        'sammanfattning: "FYLL I: en eller två meningar om vad dokumentet reglerar"',
    ]
    if typ.giltighet == "begränsad":
        rader.append(
            f"giltig_till: {år_senare(idag, 4).isoformat()}          # typen gäller en begränsad tid"
        )
    rader += [
        f"nästa_översyn: {år_senare(idag, 2).isoformat()}",
        "# utkast: true                   # ett utkast publiceras inte; ta bort raden vid beslut",
        f"# publicering: {typ.publicering}                # webb eller intranät",
        "# gäller_för: hela kommunkoncernen",
        "# samråd: [organ-id]             # organ som hördes före beslutet",
        "# revideringar:",
        '#   - {datum: ÅÅÅÅ-MM-DD, beslutsinstans: kf, paragraf: 12, kommentar: "..."}',
        '# kfs: "ÅÅÅÅ:N"                      # nummer i författningssamlingen',
        "# kategori: ...",
        "# bilagor: [bilaga.pdf]            # filer som publiceras med dokumentet",
        "---",
        "",
        "## Syfte",
        "",
        "FYLL I: beskriv varför dokumentet finns.",
        "",
    ]
    fil.parent.mkdir(parents=True, exist_ok=True)
    fil.write_text("\n".join(rader), encoding="utf-8")
    return fil.relative_to(rot)
