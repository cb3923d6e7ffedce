"""A fixed example document, for the writers' tests, the benchmark and trying things out.

``exempel_vy(rot)`` writes a small content folder under ``rot`` (source file and
SVG logo) and returns a DokumentVy with every construct the writers handle:
h2/h3/h4, nested bullets, two separate numbered lists, a table, bold, italic
and a link. ``lång_vy`` adds pages of Swedish prose for benchmarks.
"""

from __future__ import annotations

from pathlib import Path

from styrdok.karna.utdata import DokumentVy

LOGOTYP_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
    '<rect width="120" height="40" fill="#0b4f8a"/>'
    '<circle cx="20" cy="20" r="12" fill="#ffffff"/></svg>\n'
)

METADATA = (
    ("Dokumenttyp", "Policy"),
    ("Beslutad av", "Kommunfullmäktige"),
    ("Beslutsdatum", "2021-04-29"),
    ("Diarienummer", "KS 2021/117"),
    ("Dokumentansvarig", "Ekonomichefen"),
)

BRÖDTEXT = """## Syfte

Den här policyn anger hur **Ekviks kommun** ska *förvalta* sina finansiella tillgångar.
Mer information finns på [kommunens webbplats](https://www.ekvik.example/ekonomi).

## Ansvar och roller

### Kommunstyrelsen

- Kommunstyrelsen ansvarar för finansverksamheten
    - upplåning inom fullmäktiges ram
    - placering av överlikviditet
- Ekonomiavdelningen sköter den löpande förvaltningen

### Ordning för upplåning

1. Behovet prövas mot likviditetsplanen
2. Offert begärs från minst två långivare
3. Beslut dokumenteras i diariet

Därefter gäller följande för uppföljning:

1. Rapport till kommunstyrelsen varje tertial
2. Årlig genomgång av policyn

#### Limiter

| Risk | Limit | Ansvarig |
|------|-------|----------|
| Ränterisk | Högst 40 % förfall inom ett år | Ekonomichef |
| Motpartsrisk | Endast svenska banker | Kommunstyrelsen |
"""

STYCKE = (
    "Kommunen ska bedriva sin verksamhet med god ekonomisk hushållning och med en "
    "långsiktig planering som säkerställer att resurserna räcker även för kommande "
    "generationer. Nämnderna ansvarar för att verksamheten bedrivs inom de ramar som "
    "fullmäktige har beslutat och att avvikelser rapporteras utan dröjsmål till "
    "kommunstyrelsen. Uppföljningen sker i delårsrapporter och i årsredovisningen, där "
    "måluppfyllelsen bedöms utifrån de indikatorer som fastställts i budgeten."
)


def exempel_vy(rot: Path, **ändringar: object) -> DokumentVy:
    """The example document in ``rot/content``; keyword arguments override fields."""
    innehåll = Path(rot) / "content"
    (innehåll / "styrdokument").mkdir(parents=True, exist_ok=True)
    (innehåll / "bilder").mkdir(exist_ok=True)
    logotyp = innehåll / "bilder" / "logotyp.svg"
    logotyp.write_text(LOGOTYP_SVG, encoding="utf-8")
    brödtext = str(ändringar.pop("brödtext", BRÖDTEXT))
    källfil = (
        innehåll / "styrdokument" / f"{ändringar.get('id', 'finanspolicy')}.md".replace("/", "-")
    )
    källfil.write_text(f"---\ntitel: Finanspolicy\n---\n{brödtext}", encoding="utf-8")
    fält: dict[str, object] = {
        "id": "styrdokument/finanspolicy",
        "titel": "Finanspolicy för Ekviks kommun",
        "kommun": "Ekviks kommun",
        "logotyp": logotyp,
        "metadata": METADATA,
        "brödtext": brödtext,
        "sidfot": "EKFS 2021:3 · Beslutad av kommunfullmäktige 2021-04-29",
        "ämne": "Policy",
        "källfil": källfil,
        "innehållsrot": innehåll,
        "språk": "sv-SE",
        "datum": "2021-04-29",
    }
    fält.update(ändringar)
    return DokumentVy(**fält)  # type: ignore[arg-type]


def lång_brödtext(sidor: int, nummer: int = 0) -> str:
    """Roughly ``sidor`` A4 pages of headings, prose, lists and a table."""
    delar = [BRÖDTEXT]
    for avsnitt in range(1, sidor * 2 + 1):
        delar.append(f"\n## Avsnitt {avsnitt} i dokument {nummer}\n")
        delar.extend(f"\n{STYCKE}\n" for _ in range(3))
        delar.append("\n- Första åtagandet\n- Andra åtagandet\n    - med en underpunkt\n")
        delar.append("\n1. Steg ett\n2. Steg två\n")
        if avsnitt % 2 == 0:
            delar.append(
                "\n| Mått | Mål | Utfall |\n|---|---|---|\n| Nöjdhet | 80 % | 78 % |\n| Kostnad | 100 | 97 |\n"
            )
    return "".join(delar)


def lång_vy(rot: Path, sidor: int, nummer: int = 0) -> DokumentVy:
    return exempel_vy(
        rot,
        id=f"dokument-{nummer}",
        titel=f"Riktlinje {nummer} för ekonomistyrning",
        brödtext=lång_brödtext(sidor, nummer),
    )
