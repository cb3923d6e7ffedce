"""The författningssamling's register page and its filtered views (gällande, per status,
kategori and year), each a plain page, so that filtering works without JavaScript."""

from __future__ import annotations

from styrdok.grund.text import cell, datum, hel, länk, md, tabell, valfri
from styrdok.karna.korpus import Korpus
from styrdok.karna.utdata import Sidsamling, sökdata
from styrdok.slag.styrdokument import forfattningar as kfs
from styrdok.slag.styrdokument import register
from styrdok.slag.styrdokument.dokument import Dokument
from styrdok.slag.styrdokument.forfattningar import Status
from styrdok.slag.styrdokument.presentation import sidväg
from styrdok.slag.styrdokument.sidor import statusmärke

INDEX = "forfattningssamling/index.md"


def registersidor(korpus: Korpus, status: dict[str, Status], sidor: Sidsamling) -> None:
    """The register, and each filtered view as a plain page, so filtering works without JavaScript."""
    väg = INDEX
    poster = register.poster(korpus)
    kommun = korpus.kommun
    vyer = _registervyer(korpus, poster, status)
    delar = [
        "# Författningssamling",
        "",
        f"{md(kommun.namn)}s författningssamling ({kommun.kfs_prefix}) innehåller kommunens "
        f"lokala föreskrifter, reglementen och taxor. Registret har {len(poster)} "
        f"författning{'' if len(poster) == 1 else 'ar'}. Upphävda och ersatta finns kvar, "
        "med uppgift om när och genom vilken författning de upphörde.",
        "",
        "## Urval",
        "",
    ]
    for rubrik, länkar in vyer["meny"]:
        delar.append(
            f"- {rubrik}: "
            + " · ".join(f"[{md(namn)}]({länk(väg, v)}) ({antal})" for namn, v, antal in länkar)
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
        *_utanför(korpus),
    ]
    sidor.lägg(väg, "Författningssamling", "\n".join(delar), sök=sökdata(lista=True))
    for vväg, titel, urval, ingress in vyer["sidor"]:
        text = (
            _registertabell(korpus, urval, status, vväg)
            if urval
            else "Inga författningar i det här urvalet."
        )
        sidor.lägg(
            vväg,
            titel,
            f"# {md(titel)}\n\n{ingress}[Hela registret]({länk(vväg, väg)})\n\n{text}",
            sök=sökdata(lista=True),
        )


def registerfiler(korpus: Korpus, status: dict[str, Status]) -> dict[str, object]:
    """The register as open data: the same table as JSON and CSV, and a feed."""
    tabell_ = register.tabell(korpus, status, korpus.nedladdningar)
    return {
        "forfattningssamling/register.json": tabell_,
        "forfattningssamling/register.csv": tabell_,
        "forfattningssamling/flode.xml": register.flöde(korpus, status),
    }


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


def _utanför(korpus: Korpus) -> list[str]:
    """Entries the kommun has not yet moved into styrdok (``kfs_utanför``), with where they are."""
    kommun = korpus.kommun
    if not kommun.kfs_utanför:
        return []
    upphörda = kfs.utanför_status(korpus)
    rader = []
    for nummer in sorted(kommun.kfs_utanför, key=lambda n: tuple(map(int, n.split(":")))):
        post = kommun.kfs_utanför[nummer]
        adress = (post.länk or "").replace("(", "%28").replace(")", "%29")
        var = [f"[Öppna {kommun.kfs_prefix} {nummer}]({adress})" if adress else ""]
        var.append(md(post.anmärkning or ""))
        rader.append(
            [
                hel(f"{kommun.kfs_prefix} {nummer}"),
                cell(post.titel),
                valfri(cell(kommun.kategorier.get(post.kategori or "", ""))),
                valfri(datum(post.beslutsdatum)),
                " ".join(v for v in var if v),
                cell(upphörda.get(nummer, "")),
            ]
        )
    return [
        "",
        "## Författningar som ännu inte finns här",
        "",
        "Dessa nummer i författningssamlingen har ännu inte flyttats hit. De gäller som de "
        "beslutades; se länken eller anmärkningen för var de finns.",
        "",
        tabell(
            ["Nummer", "Titel", valfri("Kategori"), valfri("Beslutsdatum"), "Var den finns"]
            + ["Status"],
            rader,
        ),
    ]


def _slug(text: str) -> str:
    return text.replace(" ", "-").replace("ä", "a").replace("å", "a").replace("ö", "o")


def _registertabell(
    korpus: Korpus, poster: list[Dokument], status: dict[str, Status], väg: str
) -> str:
    return tabell(
        ["Nummer", "Titel", *map(valfri, ("Kategori", "Beslutsdatum", "Ikraftträdande")), "Status"],
        [
            [
                hel(f"[{kfs.kfs_beteckning(korpus, d)}]({länk(väg, sidväg(d))})"),
                cell(d.titel),
                valfri(cell(korpus.kommun.kategorier.get(d.data.kategori or "", ""))),
                valfri(datum(d.data.beslutsdatum)),
                valfri(datum(kfs.ikraft(d))),
                statusmärke(status[d.id]),
            ]
            for d in poster
        ],
    )
