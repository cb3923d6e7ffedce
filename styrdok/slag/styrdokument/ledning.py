"""The intranet's "Ledning och styrning": documents whose review or validity has passed or
comes within 90 days, and the internal documents."""

from __future__ import annotations

from styrdok.grund.text import cell, datum, md, tabell
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.utdata import Sidsamling
from styrdok.slag.styrdokument.presentation import typnamn
from styrdok.slag.styrdokument.sidor import dokumentlänk

INDEX = "ledning-och-styrning/index.md"


SNART_DAGAR = 90


def ledning_och_styrning(korpus: Korpus, sidor: Sidsamling) -> None:
    väg = INDEX
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
                dokumentlänk(väg, d),
                cell(typnamn(korpus, d)),
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
        f"# {md(korpus.kommun.intranät_namn)}",
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
                    dokumentlänk(väg, d),
                    cell(typnamn(korpus, d)),
                    cell(organnamn(korpus, d.data.beslutsinstans)),
                    datum(d.data.beslutsdatum),
                ]
                for d in interna
            ],
        )
        if interna
        else "Inga interna dokument."
    )
    sidor.lägg(väg, korpus.kommun.intranät_namn, "\n".join(delar))
