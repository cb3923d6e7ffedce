"""Free pages and the tillgänglighetsredogörelse: reading content/sidor/, the pages, and
the statement generated from kommun.yml and linked from every page's footer (DOS-lagen)."""

from __future__ import annotations

from dataclasses import dataclass

from styrdok.grund import brodtext
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_markdown
from styrdok.grund.modellfel import validera
from styrdok.grund.sokvag import källfiler_utan_namnfel, visningsnamn
from styrdok.grund.text import datum, md
from styrdok.karna.korpus import Korpus
from styrdok.karna.lankar import skriv_om
from styrdok.karna.utdata import Sidsamling
from styrdok.karna.webbplats import PUBLIK
from styrdok.slag.sidor.modeller import FriSida

MAPP = "sidor"
STARTSIDA = "index"
TILLGÄNGLIGHETSREDOGÖRELSE = "tillganglighetsredogorelse.md"


@dataclass
class SidDokument:
    id: str
    källa: Källfil
    data: FriSida


def ladda(korpus: Korpus, rapport: Rapport) -> dict[str, SidDokument]:
    sidor: dict[str, SidDokument] = {}
    mapp = korpus.innehåll / MAPP
    for fil in källfiler_utan_namnfel(korpus.rot, mapp, (".md",), rapport):
        källa = läs_markdown(fil, visningsnamn(korpus.rot, fil), rapport)
        sida = validera(FriSida, källa.data, källa, rapport) if källa.data is not None else None
        if sida is not None:
            sid_id = fil.relative_to(mapp).with_suffix("").as_posix()
            sidor[sid_id] = SidDokument(sid_id, källa, sida)
            brodtext.granska(källa, rapport, korpus.innehåll)
    return sidor


def fria_sidor(korpus: Korpus, sidor: Sidsamling) -> None:
    for sid_id, sida in korpus.sidor.items():
        if sid_id == STARTSIDA:
            continue
        väg = f"{sid_id}.md"
        text, filer = skriv_om(korpus, sida.källa.sökväg, sida.källa.brödtext.strip(), väg)
        sidor.lägg(väg, sida.data.titel, f"# {md(sida.data.titel)}\n\n{text}", filer)


def tillgänglighetsredogörelse(korpus: Korpus, sidor: Sidsamling, variant: str) -> None:
    """Generated from kommun.yml and linked from every page's footer (DOS-lagen)."""
    kommun, t = korpus.kommun, korpus.kommun.tillgänglighet
    namn = kommun.namn if variant == PUBLIK else f"{kommun.intranät_namn} – {kommun.namn}"
    delar = [
        "# Tillgänglighetsredogörelse",
        "",
        f"{md(kommun.namn)} står bakom den här webbplatsen ({md(namn)}). Vi vill att så många som möjligt ska kunna "
        "använda den. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till "
        "digital offentlig service, kända brister och hur du kan rapportera problem.",
    ]
    if t is None:
        delar += [
            "",
            "Kommunen har ännu inte fyllt i uppgifterna till redogörelsen (tillgänglighet i kommun.yml).",
        ]
        sidor.lägg(TILLGÄNGLIGHETSREDOGÖRELSE, "Tillgänglighetsredogörelse", "\n".join(delar))
        return
    delar += [
        "",
        "## Hur tillgänglig är webbplatsen?",
        "",
        f"Webbplatsen är **{t.efterlevnad}** med lagen om tillgänglighet till digital offentlig service. "
        "Kraven är de i EN 301 549, som motsvarar WCAG 2.1 nivå AA.",
    ]
    if t.brister:
        delar += ["", "## Innehåll som inte är tillgängligt", ""]
        for b in t.brister:
            delar.append(
                f"- **{md(b.brist)}** {md(b.orsak)}" + (f" {md(b.åtgärd)}" if b.åtgärd else "")
            )
    kontakt = f"e-post [{md(t.kontakt_epost)}](<mailto:{t.kontakt_epost}>)"
    if t.kontakt_telefon:
        kontakt += f" eller telefon {md(t.kontakt_telefon)}"
    delar += [
        "",
        "## Rapportera brister och begär tillgängligt innehåll",
        "",
        f"Om du upptäcker problem som inte beskrivs här, eller behöver innehåll i ett annat format, kontakta oss "
        f"via {kontakt}. {md(t.svarstid)}",
        "",
        "## Tillsyn",
        "",
        "Myndigheten för digital förvaltning (Digg) har ansvar för tillsyn över lagen. Om du inte är nöjd med hur "
        f"vi hanterar dina synpunkter kan du [anmäla det till Digg](<{t.tillsyn}>).",
        "",
        "## Hur vi testat webbplatsen",
        "",
        f"{md(t.metod)} Senaste bedömningen gjordes {datum(t.bedömningsdatum)}.",
    ]
    sidor.lägg(TILLGÄNGLIGHETSREDOGÖRELSE, "Tillgänglighetsredogörelse", "\n".join(delar))
