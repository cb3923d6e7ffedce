"""The intranet's "Ledning och styrning": documents in force whose review or validity has
passed or comes within 90 days (the reminders `styrdok check` prints), the drafts, the
internal documents, and the history (documents upphävda, ersatta or avslutade)."""

from __future__ import annotations

from styrdok.grund.text import cell, datum, hel, md, tabell, valfri
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.utdata import Sidsamling
from styrdok.slag.styrdokument.forfattningar import härled_status
from styrdok.slag.styrdokument.presentation import typnamn
from styrdok.slag.styrdokument.sidor import dokumentlänk

INDEX = "ledning-och-styrning/index.md"


SNART_DAGAR = 90


def ledning_och_styrning(korpus: Korpus, sidor: Sidsamling) -> None:
    väg = INDEX
    idag = korpus.idag
    snart = idag.fromordinal(idag.toordinal() + SNART_DAGAR)
    förfallna, kommande = [], []
    status = härled_status(korpus)
    for d in korpus.styrdokument.values():
        if status[d.id].historik:
            continue
        for etikett, när in (
            ("Översyn", d.data.nästa_översyn),
            ("Giltig till", d.data.giltig_till),
        ):
            if när is None:
                continue
            rad = [
                dokumentlänk(väg, d),
                valfri(cell(typnamn(korpus, d))),
                etikett,
                hel(datum(när)),
                valfri(cell(d.data.dokumentansvarig)),
            ]
            if när < idag:
                förfallna.append(rad)
            elif när <= snart:
                kommande.append(rad)
    rubriker = ["Dokument", valfri("Dokumenttyp"), "Vad", "Datum", valfri("Dokumentansvarig")]
    delar = [
        f"# {md(korpus.kommun.intranät_namn)}",
        "",
        "Stödet för planering, uppföljning och förbättring: styrmodellen, alla styrdokument "
        "(även interna) och vilka dokument som behöver ses över.",
        "",
        f"## Passerat datum ({len(förfallna)})",
        "",
        tabell(rubriker, sorted(förfallna, key=lambda r: (r[3], r[0])))
        if förfallna
        else "Inga dokument har passerat sitt datum.",
        "",
        f"## Inom {SNART_DAGAR} dagar ({len(kommande)})",
        "",
        tabell(rubriker, sorted(kommande, key=lambda r: (r[3], r[0])))
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
            ["Dokument", valfri("Dokumenttyp"), valfri("Beslutsinstans"), "Beslutsdatum"],
            [
                [
                    dokumentlänk(väg, d),
                    valfri(cell(typnamn(korpus, d))),
                    valfri(cell(organnamn(korpus, d.data.beslutsinstans))),
                    hel(datum(d.data.beslutsdatum)),
                ]
                for d in interna
            ],
        )
        if interna
        else "Inga interna dokument."
    )
    delar += ["", *_utkast(korpus), "", *_historik(korpus, väg, status)]
    sidor.lägg(väg, korpus.kommun.intranät_namn, "\n".join(delar))


def _utkast(korpus: Korpus) -> list[str]:
    """Drafts by title only: a draft has no page anywhere, not even here."""
    utkast = sorted(korpus.styrdokument.utkast, key=lambda d: d.titel.lower())
    rader = [
        [
            cell(d.titel),
            valfri(cell(typnamn(korpus, d))),
            valfri(cell(d.data.dokumentansvarig)),
            valfri(cell(d.källa.visningsnamn)),
        ]
        for d in utkast
    ]
    return [
        f"## Utkast ({len(utkast)})",
        "",
        "Dokument med `utkast: true` är inte beslutade och publiceras inte.",
        "",
        tabell(
            ["Utkast", valfri("Dokumenttyp"), valfri("Dokumentansvarig"), valfri("Källfil")], rader
        )
        if rader
        else "Inga utkast.",
    ]


def _historik(korpus: Korpus, väg: str, status: dict) -> list[str]:
    historik = sorted(
        (d for d in korpus.styrdokument.values() if status[d.id].historik),
        key=lambda d: status[d.id].datum or d.data.beslutsdatum,
        reverse=True,
    )
    rader = [
        [dokumentlänk(väg, d), valfri(cell(typnamn(korpus, d))), cell(status[d.id].text)]
        for d in historik
    ]
    return [
        f"## Historik ({len(historik)})",
        "",
        tabell(["Dokument", valfri("Dokumenttyp"), "Status"], rader)
        if rader
        else "Inga dokument har upphört att gälla.",
    ]
