"""The kvalitetsgarantier's pages, written for invånare: the promises first, then how we
measure, last year's result, and how to complain; and the overview per verksamhet."""

from __future__ import annotations

from collections import defaultdict

from styrdok.grund.text import (
    cell,
    datum,
    etikett,
    faktatabell,
    länk,
    md,
    nedladdningar,
    tabell,
)
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import Webbtexter
from styrdok.karna.utdata import Sida, sökdata
from styrdok.slag.kvalitetsgarantier.garantier import INDEX, TYPNAMN, Garanti
from styrdok.slag.kvalitetsgarantier.modeller import Uppföljning

HÅLLET = ("hallet", "✔", "Hållet")


EJ_HÅLLET = ("ej-hallet", "✖", "Inte hållet")


def _översikt(korpus: Korpus, garantier: dict[str, Garanti]) -> str:
    per_verksamhet: dict[str, list[Garanti]] = defaultdict(list)
    for g in garantier.values():
        per_verksamhet[g.data.verksamhet].append(g)
    delar = [
        "# Kvalitetsgarantier",
        "",
        f"I en kvalitetsgaranti lovar {md(korpus.kommun.namn)} dig något konkret om en tjänst: vad du kan räkna med, "
        "hur vi kontrollerar att vi håller det och vad som händer om vi inte gör det. Garantierna beslutas av "
        "politikerna, och vi redovisar varje år hur det gick.",
    ]
    for verksamhet_id, verksamhet in korpus.kommun.verksamheter.items():
        lista = sorted(per_verksamhet.get(verksamhet_id, []), key=lambda g: g.data.titel.lower())
        if not lista:
            continue
        delar += ["", f"## {md(verksamhet)}", ""]
        delar += [
            f"- [{md(g.data.titel)}]({länk(INDEX, g.sidväg)}): {md(g.data.sammanfattning)}"
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


def _garantisida(korpus: Korpus, g: Garanti, variant: str) -> Sida:
    data, väg = g.data, g.sidväg
    webb = Webbtexter(korpus, g.källa.sökväg, väg)
    delar = [
        f"# {md(data.titel)}",
        "",
        f"*{TYPNAMN[data.typ]} för {md(_verksamhet(korpus, g))}*",
        "",
        webb(g.källa.brödtext.strip()) or md(data.sammanfattning),
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
        webb(data.om_löftet_inte_hålls.strip()),
        "",
        "## Synpunkter och klagomål",
        "",
        _kontakt(g, webb),
        "",
        "## Om garantin",
        "",
        _om_garantin(korpus, g),
        "",
        (f"Garantin som utskrivbart blad: {nedladdningar(väg, g.filväg, korpus.format)}")
        if korpus.nedladdningar
        else "",
        "",
        f"[Alla kvalitetsgarantier]({länk(väg, INDEX)})",
    ]
    sök = sökdata(
        fält={
            "dokumenttyp": TYPNAMN[data.typ],
            "diarienummer": data.diarienummer or "",
            "beslutsinstans": organnamn(korpus, data.beslutsinstans),
            "beslutsdatum": datum(data.beslutsdatum),
            "sammanfattning": data.sammanfattning or "",
        },
        filter={"dokumenttyp": TYPNAMN[data.typ], "år": str(data.beslutsdatum.year)},
        beteckningar=(data.diarienummer or "",),
    )
    return Sida(väg, data.titel, "\n".join(delar), webb.filer, sök)


def _verksamhet(korpus: Korpus, g: Garanti) -> str:
    return korpus.kommun.verksamheter.get(g.data.verksamhet, g.data.verksamhet).lower()


def _löftelista(g: Garanti) -> str:
    return "\n".join(
        f"- **{md(lf.löfte)}**" + (f" {md(lf.villkor)}" if lf.villkor else "")
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
        delar += ["", md(senaste.kommentar)]
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


def _kontakt(g: Garanti, webb: Webbtexter) -> str:
    k = g.data.synpunkter
    rader = [webb(k.hur.strip()), "", f"- Kontakt: {md(k.kontakt)}"]
    if k.telefon:
        nummer = "".join(t for t in k.telefon if t.isdigit() or t == "+")
        rader.append(f"- Telefon: [{md(k.telefon)}](<tel:{nummer}>)")
    if k.epost:
        rader.append(f"- E-post: [{md(k.epost)}](<mailto:{k.epost}>)")
    if k.webb:
        rader.append(f"- E-tjänst: [{md(k.webb)}](<{k.webb}>)")
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


def _om_garantin(korpus: Korpus, g: Garanti) -> str:
    return faktatabell(_uppgifter(korpus, g), "Uppgifter om garantin")


def sidor(korpus: Korpus, garantier: dict[str, Garanti], variant: str) -> list[Sida]:
    if not garantier:
        return []
    översikt = Sida(
        INDEX, "Kvalitetsgarantier", _översikt(korpus, garantier), sök=sökdata(lista=True)
    )
    return [översikt] + [_garantisida(korpus, g, variant) for g in garantier.values()]
