"""Generate the Markdown pages the site engine (mkdocs-material) builds a site from.

The output is plain Markdown with front matter ``title`` and a few admonitions, plus
generated HTML tables where row headers matter for accessibility. Nothing here is
specific to mkdocs, so a switch of site engine (e.g. to Zensical) keeps this module.

The public site is generated from ``korpus.publik_kopia()``: intranet documents are
not in the set the generator sees, so no page, link or index can mention them.
"""

from __future__ import annotations

import html
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from styrdok import forfattningar as kfs
from styrdok import register, slag
from styrdok.forfattningar import Status
from styrdok.grund.text import cell, datum, faktatabell, länk, tabell
from styrdok.korpus import Dokument, Korpus
from styrdok.presentation import filväg, metadata, organnamn, sidväg, typnamn

PUBLIK = "publik"
INTRANÄT = "intranät"
VARIANTER = (PUBLIK, INTRANÄT)
SNART_DAGAR = 90


@dataclass
class Webbplats:
    """What the site engine needs to build one variant."""

    variant: str
    docs: Path
    webbplatsnamn: str
    nav: list = field(default_factory=list)
    webbadress: str | None = None
    stilar: list[str] = field(default_factory=list)
    """Stylesheets (paths under docs) every page loads."""
    skript: list[str] = field(default_factory=list)
    """Scripts every page loads (progressive enhancement only)."""


@dataclass
class _Sidor:
    """Pages collected in memory first, then written in one go."""

    rot: Path
    filer: dict[str, str] = field(default_factory=dict)
    binära: dict[str, bytes] = field(default_factory=dict)

    def lägg(self, väg: str, titel: str, text: str) -> None:
        self.filer[väg] = (
            f"---\ntitle: {json.dumps(titel, ensure_ascii=False)}\n---\n\n{text.rstrip()}\n"
        )

    def skriv(self) -> None:
        for väg, text in self.filer.items():
            fil = self.rot / väg
            fil.parent.mkdir(parents=True, exist_ok=True)
            fil.write_text(text, encoding="utf-8")
        for väg, innehåll in self.binära.items():
            fil = self.rot / väg
            fil.parent.mkdir(parents=True, exist_ok=True)
            fil.write_bytes(innehåll)


def _webbadress(adress: str | None) -> str | None:
    return adress.rstrip("/") + "/" if adress else None


def källa_för(korpus: Korpus, variant: str) -> Korpus:
    """What one site variant is made from: everything for the intranet, the public copy
    (no intranet content at all) for the website. Every output for a variant goes through here."""
    return korpus if variant == INTRANÄT else korpus.publik_kopia()


def generera(
    korpus: Korpus, variant: str, ut: Path, mallar: Path, nedladdningar: bool = False
) -> Webbplats:
    """Write the docs folder of one site variant into ``ut`` (emptied first)."""
    if variant not in VARIANTER:
        raise ValueError(variant)
    if variant == PUBLIK and not korpus.publik:
        korpus = korpus.publik_kopia()
    status = kfs.härled_status(korpus)
    if ut.exists():
        shutil.rmtree(ut)
    sidor = _Sidor(ut)
    _startsida(korpus, sidor, variant)
    _fria_sidor(korpus, sidor)
    for dokument in korpus.styrdokument.values():
        _dokumentsida(korpus, dokument, status, sidor, nedladdningar)
    _styrdokument_index(korpus, status, sidor)
    _register(korpus, status, sidor, nedladdningar)
    _tillgänglighetsredogörelse(korpus, sidor, variant)
    if variant == INTRANÄT:
        _ledning_och_styrning(korpus, sidor)
    for s in slag.alla():
        for sida in s.sidor(korpus, variant):
            sidor.lägg(sida.väg, sida.titel, sida.text)
        for väg, innehåll in s.filer(korpus, variant).items():
            sidor.binära[väg] = innehåll
    sidor.skriv()
    _kopiera_stilar(mallar, ut)
    return Webbplats(
        variant=variant,
        docs=ut,
        webbplatsnamn=korpus.kommun.namn
        if variant == PUBLIK
        else f"{korpus.kommun.intranät_namn} – {korpus.kommun.namn}",
        nav=_nav(korpus, variant),
        webbadress=_webbadress(
            korpus.kommun.webbplats if variant == PUBLIK else korpus.kommun.intranät_webbadress
        ),
        stilar=[f"stilar/{c.name}" for c in stilmallar(mallar)],
        skript=[f"stilar/{c.name}" for c in stilmallar(mallar, "js")],
    )


# --- helpers -----------------------------------------------------------------------


def _dokumentlänk(från: str, dokument: Dokument) -> str:
    return f"[{cell(dokument.titel)}]({länk(från, sidväg(dokument))})"


# --- pages -------------------------------------------------------------------------


def _startsida(korpus: Korpus, sidor: _Sidor, variant: str) -> None:
    egen = korpus.sidor.get("index")
    text = egen.källa.brödtext.strip() if egen else ""
    titel = egen.data.titel if egen else korpus.kommun.namn
    delar = [
        f"# {titel}",
        "",
        text,
        "",
        "## Hitta styrdokument",
        "",
        "- [Författningssamlingen](forfattningssamling/index.md): kommunens lokala föreskrifter, reglementen och taxor",
        "- [Alla styrdokument](styrdokument/index.md): policyer, program, planer och riktlinjer efter dokumenttyp",
    ]
    if variant == INTRANÄT:
        delar.append(
            f"- [{korpus.kommun.intranät_namn}](ledning-och-styrning/index.md): översyn, giltighet och internt material"
        )
    sidor.lägg("index.md", titel, "\n".join(delar))


def _fria_sidor(korpus: Korpus, sidor: _Sidor) -> None:
    for sid_id, sida in korpus.sidor.items():
        if sid_id == "index":
            continue
        sidor.lägg(
            f"{sid_id}.md", sida.data.titel, f"# {sida.data.titel}\n\n{sida.källa.brödtext.strip()}"
        )


def _statusruta(korpus: Korpus, dokument: Dokument, status: Status, väg: str) -> str:
    if status.kod in (kfs.UPPHÄVD, kfs.ERSATT) and status.genom:
        genom = korpus.styrdokument[status.genom]
        namn = kfs.kfs_beteckning(korpus, genom) or genom.titel
        verb = "upphävdes" if status.kod == kfs.UPPHÄVD else "ersattes"
        return (
            f'!!! danger "{status.text}"\n    Dokumentet {verb} {datum(status.datum)} genom '
            f"[{cell(namn)}]({länk(väg, sidväg(genom))}) och gäller inte längre.\n"
        )
    if status.kod == kfs.EJ_I_KRAFT:
        return f'!!! info "{status.text}"\n    Dokumentet är beslutat men gäller först från {datum(status.datum)}.\n'
    if status.kod == kfs.UTGÅNGEN:
        return f'!!! warning "{status.text}"\n    Dokumentets giltighetstid har gått ut.\n'
    return ""


def _dokumentsida(
    korpus: Korpus,
    dokument: Dokument,
    status: dict[str, Status],
    sidor: _Sidor,
    nedladdningar: bool,
) -> None:
    väg = sidväg(dokument)
    st = status[dokument.id]
    delar = [
        f"# {dokument.titel}",
        "",
        _statusruta(korpus, dokument, st, väg),
        faktatabell(metadata(korpus, dokument, st)),
    ]
    if nedladdningar:
        delar.append(
            f"[Ladda ner som PDF]({länk(väg, filväg(dokument, 'pdf'))}){{ .styrdok-ladda }} "
            f"[Ladda ner som Word]({länk(väg, filväg(dokument, 'docx'))}){{ .styrdok-ladda }}\n"
        )
    delar.append(dokument.källa.brödtext.strip())
    delar.append(_relationer(korpus, dokument, st, väg))
    delar.append(_historik(korpus, dokument, st, väg))
    sidor.lägg(väg, dokument.titel, "\n".join(d for d in delar if d is not None))


def _relationer(korpus: Korpus, dokument: Dokument, st: Status, väg: str) -> str:
    rader = []
    index = kfs.kfs_index(korpus)
    for relation in kfs.RELATIONER:
        for referens in getattr(dokument.data, relation):
            mål = kfs.slå_upp(korpus, referens, index)
            if mål is not None:  # in the public copy, intranet targets are simply absent
                rader.append(
                    f"- {relation.capitalize()} {_dokumentlänk(väg, korpus.styrdokument[mål])}"
                )
    if not rader:
        return ""
    return "\n## Förhållande till andra dokument\n\n" + "\n".join(rader) + "\n"


def _historik(korpus: Korpus, dokument: Dokument, st: Status, väg: str) -> str:
    rader = [
        [
            datum(dokument.data.beslutsdatum),
            "Beslut",
            organnamn(korpus, dokument.data.beslutsinstans),
            dokument.data.paragraf or "",
            "",
        ]
    ]
    for r in sorted(dokument.data.revideringar, key=lambda r: r.datum):
        rader.append(
            [
                datum(r.datum),
                "Revidering",
                organnamn(korpus, r.beslutsinstans),
                r.paragraf or "",
                cell(r.kommentar or ""),
            ]
        )
    ändringar = [korpus.styrdokument[i] for i in st.ändringar]
    for ä in ändringar:
        rader.append(
            [
                datum(kfs.ikraft(ä)),
                "Ändring",
                organnamn(korpus, ä.data.beslutsinstans),
                ä.data.paragraf or "",
                f"Genom {_dokumentlänk(väg, ä)}",
            ]
        )
    if len(rader) == 1:
        return ""
    rader.sort(key=lambda r: r[0])
    return "\n## Historik\n\n" + tabell(
        ["Datum", "Händelse", "Beslutsinstans", "§", "Kommentar"], rader
    )


def _styrdokument_index(korpus: Korpus, status: dict[str, Status], sidor: _Sidor) -> None:
    väg = "styrdokument/index.md"
    per_typ: dict[str, list[Dokument]] = defaultdict(list)
    for dokument in korpus.styrdokument.values():
        per_typ[dokument.data.dokumenttyp].append(dokument)
    delar = [
        "# Styrdokument",
        "",
        f"Här finns {len(korpus.styrdokument)} styrdokument, ordnade efter dokumenttyp.",
    ]
    for typ_id, typ in korpus.kommun.dokumenttyper.items():
        dokumentlista = sorted(per_typ.get(typ_id, []), key=lambda d: d.titel.lower())
        if not dokumentlista:
            continue
        delar += ["", f"## {typ.namn} ({len(dokumentlista)})", ""]
        delar.append(
            tabell(
                ["Titel", "Beslutsinstans", "Beslutsdatum", "Status"],
                [
                    [
                        _dokumentlänk(väg, d),
                        organnamn(korpus, d.data.beslutsinstans),
                        datum(d.data.beslutsdatum),
                        _statusmärke(status[d.id]),
                    ]
                    for d in dokumentlista
                ],
            )
        )
    sidor.lägg(väg, "Styrdokument", "\n".join(delar))


def _statusmärke(st: Status) -> str:
    """A short status label for tables; the full text (dates, by what) is on the document's page."""
    klass = f"styrdok-status styrdok-status--{st.kod.replace(' ', '-')}"
    return f'<span class="{klass}">{html.escape(st.kod.capitalize())}</span>'


def _register(
    korpus: Korpus, status: dict[str, Status], sidor: _Sidor, nedladdningar: bool
) -> None:
    """The register, and each filtered view as a plain page, so filtering works without JavaScript."""
    väg = "forfattningssamling/index.md"
    poster = register.poster(korpus)
    kommun = korpus.kommun
    vyer = _registervyer(korpus, poster, status)
    delar = [
        "# Författningssamling",
        "",
        f"{kommun.namn}s författningssamling ({kommun.kfs_prefix}) innehåller kommunens lokala föreskrifter, "
        f"reglementen och taxor. Registret har {len(poster)} författningar. Upphävda och ersatta finns kvar, "
        "med uppgift om när och genom vilken författning de upphörde.",
        "",
        "## Urval",
        "",
    ]
    for rubrik, länkar in vyer["meny"]:
        delar.append(
            f"- {rubrik}: "
            + " · ".join(f"[{namn}]({länk(väg, v)}) ({antal})" for namn, v, antal in länkar)
        )
    delar += [
        "",
        "## Öppna data",
        "",
        "- [Registret som JSON](register.json) och [som CSV](register.csv), en rad per författning",
        "- [Flöde (Atom) med nya och ändrade författningar](flode.xml)",
        "",
        "## Register",
        "",
        '<div class="styrdok-filter" hidden></div>',
        "",
        _registertabell(korpus, poster, status, väg),
    ]
    sidor.lägg(väg, "Författningssamling", "\n".join(delar))
    for vväg, titel, urval, ingress in vyer["sidor"]:
        text = (
            _registertabell(korpus, urval, status, vväg)
            if urval
            else "Inga författningar i det här urvalet."
        )
        sidor.lägg(
            vväg, titel, f"# {titel}\n\n{ingress}[Hela registret]({länk(vväg, väg)})\n\n{text}"
        )
    rader = register.rader(korpus, status, nedladdningar)
    sidor.binära["forfattningssamling/register.json"] = register.som_json(rader)
    sidor.binära["forfattningssamling/register.csv"] = register.som_csv(rader)
    sidor.binära["forfattningssamling/flode.xml"] = register.atom(korpus, status)


def _registervyer(korpus: Korpus, poster: list[Dokument], status: dict[str, Status]) -> dict:
    """Filtered views: gällande, per status, per kategori and per year."""
    sidlista, meny = [], []
    gällande = [d for d in poster if status[d.id].gäller]
    sidlista.append(
        (
            "forfattningssamling/gallande.md",
            "Gällande författningar",
            gällande,
            "Författningar som gäller idag, med de ändringar som trätt i kraft. ",
        )
    )
    statuslänkar = [("Alla gällande", "forfattningssamling/gallande.md", len(gällande))]
    for kod in kfs.STATUSAR:
        if kod == kfs.GÄLLANDE:
            continue  # the "alla gällande" view above covers it, amended entries included
        urval = [d for d in poster if status[d.id].kod == kod]
        if urval:
            v = f"forfattningssamling/status/{_slug(kod)}.md"
            sidlista.append((v, f"Status: {kod}", urval, ""))
            statuslänkar.append((kod.capitalize(), v, len(urval)))
    meny.append(("Status", statuslänkar))
    katlänkar = []
    for kat_id, kat_namn in korpus.kommun.kategorier.items():
        urval = [d for d in poster if d.data.kategori == kat_id]
        v = f"forfattningssamling/kategori/{kat_id}.md"
        sidlista.append((v, kat_namn, urval, ""))
        katlänkar.append((kat_namn, v, len(urval)))
    meny.append(("Kategori", katlänkar))
    årlänkar = []
    for år in sorted({d.data.beslutsdatum.year for d in poster}, reverse=True):
        urval = [d for d in poster if d.data.beslutsdatum.year == år]
        v = f"forfattningssamling/ar/{år}.md"
        sidlista.append((v, f"Författningar beslutade {år}", urval, ""))
        årlänkar.append((str(år), v, len(urval)))
    meny.append(("År", årlänkar))
    return {"sidor": sidlista, "meny": meny}


def _slug(text: str) -> str:
    return text.replace(" ", "-").replace("ä", "a").replace("å", "a").replace("ö", "o")


def _registertabell(
    korpus: Korpus, poster: list[Dokument], status: dict[str, Status], väg: str
) -> str:
    return tabell(
        ["Nummer", "Titel", "Kategori", "Beslutsdatum", "Ikraftträdande", "Status"],
        [
            [
                f"[{kfs.kfs_beteckning(korpus, d)}]({länk(väg, sidväg(d))})",
                cell(d.titel),
                cell(korpus.kommun.kategorier.get(d.data.kategori or "", "")),
                datum(d.data.beslutsdatum),
                datum(kfs.ikraft(d)),
                _statusmärke(status[d.id]),
            ]
            for d in poster
        ],
    )


def _ledning_och_styrning(korpus: Korpus, sidor: _Sidor) -> None:
    väg = "ledning-och-styrning/index.md"
    idag = korpus.idag
    snart = idag.fromordinal(idag.toordinal() + SNART_DAGAR)
    förfallna, kommande = [], []
    for d in korpus.styrdokument.values():
        for etikett, när in (
            ("Översyn", d.data.nästa_översyn),
            ("Giltig till", d.data.giltig_till),
        ):
            if när is None:
                continue
            rad = [
                _dokumentlänk(väg, d),
                typnamn(korpus, d),
                etikett,
                datum(när),
                cell(d.data.dokumentansvarig),
            ]
            if när < idag:
                förfallna.append(rad)
            elif när <= snart:
                kommande.append(rad)
    rubriker = ["Dokument", "Dokumenttyp", "Vad", "Datum", "Dokumentansvarig"]
    delar = [
        f"# {korpus.kommun.intranät_namn}",
        "",
        "Stödet för planering, uppföljning och förbättring: styrmodellen, alla styrdokument "
        "(även interna) och vilka dokument som behöver ses över.",
        "",
        f"## Passerat datum ({len(förfallna)})",
        "",
        tabell(rubriker, sorted(förfallna, key=lambda r: r[3]))
        if förfallna
        else "Inga dokument har passerat sitt datum.",
        "",
        f"## Inom {SNART_DAGAR} dagar ({len(kommande)})",
        "",
        tabell(rubriker, sorted(kommande, key=lambda r: r[3]))
        if kommande
        else f"Inga dokument förfaller de närmaste {SNART_DAGAR} dagarna.",
        "",
        "## Interna dokument",
        "",
    ]
    interna = sorted(
        (d for d in korpus.styrdokument.values() if not d.är_publik), key=lambda d: d.titel.lower()
    )
    delar.append(
        tabell(
            ["Dokument", "Dokumenttyp", "Beslutsinstans", "Beslutsdatum"],
            [
                [
                    _dokumentlänk(väg, d),
                    typnamn(korpus, d),
                    organnamn(korpus, d.data.beslutsinstans),
                    datum(d.data.beslutsdatum),
                ]
                for d in interna
            ],
        )
        if interna
        else "Inga interna dokument."
    )
    sidor.lägg(väg, korpus.kommun.intranät_namn, "\n".join(delar))


def _tillgänglighetsredogörelse(korpus: Korpus, sidor: _Sidor, variant: str) -> None:
    """Generated from kommun.yml and linked from every page's footer (DOS-lagen)."""
    kommun, t = korpus.kommun, korpus.kommun.tillgänglighet
    namn = kommun.namn if variant == PUBLIK else f"{kommun.intranät_namn} – {kommun.namn}"
    delar = [
        "# Tillgänglighetsredogörelse",
        "",
        f"{kommun.namn} står bakom den här webbplatsen ({namn}). Vi vill att så många som möjligt ska kunna "
        "använda den. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till "
        "digital offentlig service, kända brister och hur du kan rapportera problem.",
    ]
    if t is None:
        delar += [
            "",
            "Kommunen har ännu inte fyllt i uppgifterna till redogörelsen (tillgänglighet i kommun.yml).",
        ]
        sidor.lägg("tillganglighetsredogorelse.md", "Tillgänglighetsredogörelse", "\n".join(delar))
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
            delar.append(f"- **{b.brist}** {b.orsak}" + (f" {b.åtgärd}" if b.åtgärd else ""))
    kontakt = f"e-post [{t.kontakt_epost}](mailto:{t.kontakt_epost})"
    if t.kontakt_telefon:
        kontakt += f" eller telefon {t.kontakt_telefon}"
    delar += [
        "",
        "## Rapportera brister och begär tillgängligt innehåll",
        "",
        f"Om du upptäcker problem som inte beskrivs här, eller behöver innehåll i ett annat format, kontakta oss "
        f"via {kontakt}. {t.svarstid}",
        "",
        "## Tillsyn",
        "",
        "Myndigheten för digital förvaltning (Digg) har ansvar för tillsyn över lagen. Om du inte är nöjd med hur "
        f"vi hanterar dina synpunkter kan du [anmäla det till Digg]({t.tillsyn}).",
        "",
        "## Hur vi testat webbplatsen",
        "",
        f"{t.metod} Senaste bedömningen gjordes {datum(t.bedömningsdatum)}.",
    ]
    sidor.lägg("tillganglighetsredogorelse.md", "Tillgänglighetsredogörelse", "\n".join(delar))


def _nav(korpus: Korpus, variant: str) -> list:
    """A short navigation: index pages only, never every document (Material renders the
    whole navigation into every page, so listing 1,000 documents would make the build quadratic)."""
    nav: list = [
        {"Start": "index.md"},
        {"Författningssamling": "forfattningssamling/index.md"},
        {"Styrdokument": "styrdokument/index.md"},
    ]
    if variant == INTRANÄT:
        nav.append({korpus.kommun.intranät_namn: "ledning-och-styrning/index.md"})
    for s in slag.alla():
        nav.extend(s.nav(korpus, variant))
    for sid_id, sida in sorted(korpus.sidor.items(), key=lambda p: p[0]):
        if sid_id != "index":
            nav.append({sida.data.titel: f"{sid_id}.md"})
    nav.append({"Tillgänglighetsredogörelse": "tillganglighetsredogorelse.md"})
    return nav


def stilmallar(mallar: Path, ändelse: str = "css") -> list[Path]:
    """Every stylesheet (or script) in templates/webb/, in name order."""
    return sorted((mallar / "webb").glob(f"*.{ändelse}"))


def _kopiera_stilar(mallar: Path, ut: Path) -> None:
    (ut / "stilar").mkdir(parents=True, exist_ok=True)
    for källa in stilmallar(mallar) + stilmallar(mallar, "js"):
        shutil.copyfile(källa, ut / "stilar" / källa.name)
