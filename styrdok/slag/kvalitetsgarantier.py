"""Kvalitetsgarantier: what invånare can expect of a service, with yearly follow-up.

One Markdown file per guarantee under ``content/kvalitetsgarantier/``; the front
matter holds the promises and results, the body an introduction in plain language.
Pages are written for invånare, not staff: the promises first, then how we
measure, last year's result, and how to complain.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

from styrdok.grund import brodtext
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, läs_markdown
from styrdok.grund.modellfel import okänd, validera
from styrdok.grund.text import cell, datum, etikett, länk, tabell
from styrdok.korpus import Korpus
from styrdok.presentation import organnamn
from styrdok.slag import Leverans, Sida, TomtSlag
from styrdok.slag.kvalitet_modeller import Kvalitetsgaranti, Uppföljning
from styrdok.slag.mal_hjalp import fel, filer, namn, varning
from styrdok.vy import DokumentVy

MAPP = "kvalitetsgarantier"
INDEX = f"{MAPP}/index.md"
HÅLLET = ("hallet", "✔", "Hållet")
EJ_HÅLLET = ("ej-hallet", "✖", "Inte hållet")
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


class Kvalitetsgarantier(TomtSlag):
    def ladda(self, korpus: Korpus, rapport: Rapport) -> dict[str, Garanti]:
        mapp = korpus.innehåll / MAPP
        garantier: dict[str, Garanti] = {}
        for fil in filer(korpus, mapp, (".md",), rapport):
            källa = läs_markdown(fil, namn(korpus, fil), rapport)
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

    def publik(self, data):
        return {k: g for k, g in (data or {}).items() if g.data.publicering == "webb"}

    def sidor(self, korpus: Korpus, variant: str) -> list[Sida]:
        garantier = _garantier(korpus)
        if not garantier:
            return []
        sidor = [Sida(INDEX, "Kvalitetsgarantier", _översikt(korpus, garantier))]
        sidor += [
            Sida(g.sidväg, g.data.titel, _garantisida(korpus, g, variant))
            for g in garantier.values()
        ]
        return sidor

    def nav(self, korpus: Korpus, variant: str) -> list[dict[str, str]]:
        return [{"Kvalitetsgarantier": INDEX}] if _garantier(korpus) else []

    def leveranser(self, korpus: Korpus, variant: str) -> list[Leverans]:
        return [Leverans(vy=broschyr(korpus, g), väg=g.filväg) for g in _garantier(korpus).values()]


def _garantier(korpus: Korpus) -> dict[str, Garanti]:
    return korpus.tillägg.get("kvalitetsgarantier") or {}


# --- checks that need kommun.yml -------------------------------------------------


def _kontrollera(korpus: Korpus, g: Garanti, rapport: Rapport) -> None:
    kommun, data, källa = korpus.kommun, g.data, g.källa
    if data.verksamhet not in kommun.verksamheter:
        fel(
            rapport,
            källa,
            ("verksamhet",),
            okänd("verksamhet", data.verksamhet, kommun.verksamheter),
        )
    organ = kommun.organ.get(data.beslutsinstans)
    if organ is None:
        fel(
            rapport,
            källa,
            ("beslutsinstans",),
            okänd("beslutsinstans", data.beslutsinstans, kommun.organ),
        )
    elif organ.typ != "politisk":
        fel(
            rapport,
            källa,
            ("beslutsinstans",),
            f"en kvalitetsgaranti beslutas av förtroendevalda; {organ.namn} är inget politiskt organ",
        )
    if data.beslutsdatum > korpus.idag:
        fel(
            rapport,
            källa,
            ("beslutsdatum",),
            f"beslutsdatum {data.beslutsdatum} ligger i framtiden",
        )
    if data.giltig_från and data.giltig_till and data.giltig_till < data.giltig_från:
        fel(rapport, källa, ("giltig_till",), "giltig_till ligger före giltig_från")
    elif data.giltig_till and data.giltig_till < korpus.idag:
        varning(
            rapport,
            källa,
            ("giltig_till",),
            f"garantin gällde till {data.giltig_till}; besluta om en ny eller ta bort den",
        )
    _kontrollera_löften(g, rapport)
    _kontrollera_uppföljning(korpus, g, rapport)


def _kontrollera_löften(g: Garanti, rapport: Rapport) -> None:
    sedda: set[str] = set()
    for i, löfte in enumerate(g.data.löften):
        if löfte.id in sedda:
            fel(
                rapport,
                g.källa,
                ("löften", i, "id"),
                f"löftet {löfte.id} finns redan; ge varje löfte ett eget id",
            )
        sedda.add(löfte.id)


def _kontrollera_uppföljning(korpus: Korpus, g: Garanti, rapport: Rapport) -> None:
    löften = [lf.id for lf in g.data.löften]
    år_sedda: set[int] = set()
    for i, u in enumerate(g.data.uppföljning):
        if u.år in år_sedda:
            fel(rapport, g.källa, ("uppföljning", i, "år"), f"året {u.år} följs upp två gånger")
        år_sedda.add(u.år)
        if u.år > korpus.idag.year:
            fel(
                rapport,
                g.källa,
                ("uppföljning", i, "år"),
                f"året {u.år} har inte börjat; det kan inte följas upp än",
            )
        redovisade = set()
        for j, r in enumerate(u.resultat):
            if r.löfte not in löften:
                fel(
                    rapport,
                    g.källa,
                    ("uppföljning", i, "resultat", j, "löfte"),
                    okänd("löfte", r.löfte, löften),
                )
            elif r.löfte in redovisade:
                fel(
                    rapport,
                    g.källa,
                    ("uppföljning", i, "resultat", j, "löfte"),
                    f"löftet {r.löfte} redovisas två gånger {u.år}",
                )
            redovisade.add(r.löfte)
        saknas = [lf for lf in löften if lf not in redovisade]
        if saknas:
            varning(
                rapport,
                g.källa,
                ("uppföljning", i, "resultat"),
                f"uppföljningen {u.år} saknar resultat för {', '.join(saknas)}",
            )


# --- pages -----------------------------------------------------------------------


def _översikt(korpus: Korpus, garantier: dict[str, Garanti]) -> str:
    per_verksamhet: dict[str, list[Garanti]] = defaultdict(list)
    for g in garantier.values():
        per_verksamhet[g.data.verksamhet].append(g)
    delar = [
        "# Kvalitetsgarantier",
        "",
        f"I en kvalitetsgaranti lovar {korpus.kommun.namn} dig något konkret om en tjänst: vad du kan räkna med, "
        "hur vi kontrollerar att vi håller det och vad som händer om vi inte gör det. Garantierna beslutas av "
        "politikerna, och vi redovisar varje år hur det gick.",
    ]
    for verksamhet_id, verksamhet in korpus.kommun.verksamheter.items():
        lista = sorted(per_verksamhet.get(verksamhet_id, []), key=lambda g: g.data.titel.lower())
        if not lista:
            continue
        delar += ["", f"## {verksamhet}", ""]
        delar += [
            f"- [{g.data.titel}]({länk(INDEX, g.sidväg)}): {g.data.sammanfattning}"
            + _kort_resultat(g)
            for g in lista
        ]
    return "\n".join(delar)


def _kort_resultat(g: Garanti) -> str:
    senaste = g.senaste
    if senaste is None:
        return ""
    hållna = sum(1 for r in senaste.resultat if r.hållet)
    return f" ({senaste.år}: {hållna} av {len(senaste.resultat)} löften hölls)"


def _garantisida(korpus: Korpus, g: Garanti, variant: str) -> str:
    data, väg = g.data, g.sidväg
    delar = [
        f"# {data.titel}",
        "",
        f"*{TYPNAMN[data.typ]} för {_verksamhet(korpus, g)}*",
        "",
        g.källa.brödtext.strip() or data.sammanfattning,
        "",
        "## Det här lovar vi dig",
        "",
        _löftelista(g),
        "",
        "## Så mäter vi",
        "",
        _mättabell(g),
        "",
        _resultat(g),
        "",
        "## Om vi inte håller vad vi lovar",
        "",
        data.om_löftet_inte_hålls.strip(),
        "",
        "## Synpunkter och klagomål",
        "",
        _kontakt(g),
        "",
        "## Om garantin",
        "",
        _om_garantin(korpus, g),
        "",
        (
            f"Garantin som utskrivbart blad: [PDF]({länk(väg, g.filväg + '.pdf')}) · "
            f"[Word]({länk(väg, g.filväg + '.docx')})"
        )
        if korpus.nedladdningar
        else "",
        "",
        f"[Alla kvalitetsgarantier]({länk(väg, INDEX)})",
    ]
    return "\n".join(delar)


def _verksamhet(korpus: Korpus, g: Garanti) -> str:
    return korpus.kommun.verksamheter.get(g.data.verksamhet, g.data.verksamhet).lower()


def _löftelista(g: Garanti) -> str:
    return "\n".join(
        f"- **{lf.löfte.strip()}**" + (f" {lf.villkor.strip()}" if lf.villkor else "")
        for lf in g.data.löften
    )


def _mättabell(g: Garanti) -> str:
    return tabell(
        ["Löfte", "Så mäter vi", "Vårt mål"],
        [[cell(lf.löfte), cell(lf.mäts), cell(lf.målvärde)] for lf in g.data.löften],
    )


def _resultat(g: Garanti) -> str:
    ordning = sorted(g.data.uppföljning, key=lambda u: u.år, reverse=True)
    if not ordning:
        return "## Så gick det\n\nGarantin är ny och har inte följts upp ännu."
    senaste, tidigare = ordning[0], ordning[1:]
    delar = [f"## Så gick det {senaste.år}", "", _resultattabell(g, senaste)]
    if senaste.kommentar:
        delar += ["", senaste.kommentar.strip()]
    for u in tidigare:
        delar += ["", f"### Resultat {u.år}", "", _resultattabell(g, u)]
    return "\n".join(delar)


def _resultattabell(g: Garanti, u: Uppföljning) -> str:
    löften = {lf.id: lf for lf in g.data.löften}
    rader = []
    for r in u.resultat:
        löfte = löften.get(r.löfte)
        klass, symbol, text = HÅLLET if r.hållet else EJ_HÅLLET
        rader.append(
            [
                cell(löfte.löfte if löfte else r.löfte),
                cell(löfte.målvärde if löfte else ""),
                cell(r.utfall),
                etikett(klass, symbol, text),
                cell(r.kommentar or ""),
            ]
        )
    return tabell(["Löfte", "Mål", "Resultat", "Höll vi löftet?", "Kommentar"], rader)


def _kontakt(g: Garanti) -> str:
    k = g.data.synpunkter
    rader = [k.hur.strip(), "", f"- Kontakt: {k.kontakt}"]
    if k.telefon:
        rader.append(f"- Telefon: [{k.telefon}](tel:{k.telefon.replace(' ', '').replace('-', '')})")
    if k.epost:
        rader.append(f"- E-post: [{k.epost}](mailto:{k.epost})")
    if k.webb:
        rader.append(f"- E-tjänst: <{k.webb}>")
    return "\n".join(rader)


def _uppgifter(korpus: Korpus, g: Garanti) -> list[tuple[str, str]]:
    data = g.data
    rader = [
        ("Typ", TYPNAMN[data.typ]),
        ("Verksamhet", korpus.kommun.verksamheter.get(data.verksamhet, data.verksamhet)),
        ("Beslutad av", organnamn(korpus, data.beslutsinstans)),
        ("Beslutsdatum", datum(data.beslutsdatum)),
        ("§", data.paragraf),
        ("Diarienummer", data.diarienummer or ""),
        ("Gäller från", datum(data.giltig_från or data.beslutsdatum)),
        ("Gäller till", datum(data.giltig_till) or "Tills vidare"),
    ]
    return [(e, v) for e, v in rader if v]


def _kort_uppgifter(korpus: Korpus, g: Garanti) -> list[tuple[str, str]]:
    """Three rows, so that the leaflet stays on one page."""
    data = g.data
    gäller = f"{datum(data.giltig_från or data.beslutsdatum)} – {datum(data.giltig_till) or 'tills vidare'}"
    return [
        ("Verksamhet", korpus.kommun.verksamheter.get(data.verksamhet, data.verksamhet)),
        (
            "Beslut",
            f"{organnamn(korpus, data.beslutsinstans)} {datum(data.beslutsdatum)} § {data.paragraf}",
        ),
        ("Gäller", gäller),
    ]


def _om_garantin(korpus: Korpus, g: Garanti) -> str:
    celler = "".join(
        f'<tr><th scope="row">{html.escape(e)}</th><td>{html.escape(v)}</td></tr>'
        for e, v in _uppgifter(korpus, g)
    )
    return f'<table class="styrdok-metadata"><caption>Uppgifter om garantin</caption><tbody>{celler}</tbody></table>\n'


# --- the one-page leaflet (PDF and Word) -----------------------------------------


def broschyr(korpus: Korpus, g: Garanti) -> DokumentVy:
    """A short leaflet: promises, what happens if we fail, how to complain, last result."""
    data = g.data
    delar = [
        data.sammanfattning.strip(),
        "",
        "## Det här lovar vi dig",
        "",
        "\n".join(f"- {lf.löfte.strip()}" for lf in data.löften),
        "",
        "## Om vi inte håller vad vi lovar",
        "",
        data.om_löftet_inte_hålls.strip(),
        "",
    ]
    senaste = g.senaste
    if senaste is not None:
        löften = {lf.id: lf for lf in data.löften}
        delar += [
            f"## Så gick det {senaste.år}",
            "",
            tabell(
                ["Löfte", "Resultat", "Hållet"],
                [
                    [
                        cell(löften[r.löfte].löfte if r.löfte in löften else r.löfte),
                        cell(r.utfall),
                        "✔ Ja" if r.hållet else "✖ Nej",
                    ]
                    for r in senaste.resultat
                ],
            ),
            "",
        ]
    k = data.synpunkter
    kontakt = ", ".join(v for v in (k.kontakt, k.telefon, k.epost, k.webb) if v)
    delar += ["## Synpunkter och klagomål", "", f"{k.hur.strip()} Kontakt: {kontakt}."]
    logotyp = korpus.innehåll / korpus.kommun.logotyp if korpus.kommun.logotyp else None
    return DokumentVy(
        id=f"{MAPP}/{g.id}",
        titel=data.titel,
        kommun=korpus.kommun.namn,
        logotyp=logotyp,
        metadata=tuple(_kort_uppgifter(korpus, g)),
        brödtext="\n".join(delar),
        sidfot=f"{TYPNAMN[data.typ]} · Beslutad {datum(data.beslutsdatum)} § {data.paragraf}",
        ämne=TYPNAMN[data.typ],
        källfil=g.källa.sökväg.resolve(),
        innehållsrot=korpus.innehåll.resolve(),
        datum=datum(data.beslutsdatum),
    )


SLAG = Kvalitetsgarantier(namn="kvalitetsgarantier")
