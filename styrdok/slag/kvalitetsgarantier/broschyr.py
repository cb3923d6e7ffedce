"""The one-page leaflet of a kvalitetsgaranti, for PDF and Word: the promises, what happens
if we fail, last year's result and how to complain."""

from __future__ import annotations

from styrdok.grund.sokvag import upplöst
from styrdok.grund.text import cell, datum, md, tabell
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import för_dokument
from styrdok.karna.utdata import DokumentVy
from styrdok.slag.kvalitetsgarantier.garantier import MAPP, TYPNAMN, Garanti


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


def broschyr(korpus: Korpus, g: Garanti) -> DokumentVy:
    """A short leaflet: promises, what happens if we fail, how to complain, last result."""
    data = g.data
    delar = [
        md(data.sammanfattning),
        "",
        "## Det här lovar vi dig",
        "",
        "\n".join(f"- {md(lf.löfte)}" for lf in data.löften),
        "",
        "## Om vi inte håller vad vi lovar",
        "",
        för_dokument(korpus, g.källa.sökväg, data.om_löftet_inte_hålls.strip()),
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
    kontakt = ", ".join(md(v) for v in (k.kontakt, k.telefon, k.epost, k.webb) if v)
    hur = för_dokument(korpus, g.källa.sökväg, k.hur.strip())
    delar += ["## Synpunkter och klagomål", "", f"{hur} Kontakt: {kontakt}."]
    return DokumentVy(
        id=f"{MAPP}/{g.id}",
        titel=data.titel,
        kommun=korpus.kommun.namn,
        logotyp=korpus.logotyp,
        metadata=tuple(_kort_uppgifter(korpus, g)),
        brödtext="\n".join(delar),
        sidfot=f"{TYPNAMN[data.typ]} · Beslutad {datum(data.beslutsdatum)} § {data.paragraf}",
        ämne=TYPNAMN[data.typ],
        källfil=upplöst(g.källa.sökväg),
        innehållsrot=korpus.innehåll.resolve(),
        datum=datum(data.beslutsdatum),
    )
