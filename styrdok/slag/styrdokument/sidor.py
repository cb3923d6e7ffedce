"""The styrdokument's pages: one per document (metadata table, status banner, download
links, relations and history) and the overview per dokumenttyp.

The public site is generated from ``korpus.publik_kopia()``: intranet documents are
not in the set these functions see, so no page, link or index can mention them.
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

from styrdok.grund.text import (
    cell,
    datum,
    faktatabell,
    hel,
    länk,
    md,
    nedladdningar,
    tabell,
    valfri,
)
from styrdok.karna import genereringsminne
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import innehållsväg, skriv_om
from styrdok.karna.utdata import Sidsamling, sökdata
from styrdok.slag.styrdokument import forfattningar as kfs
from styrdok.slag.styrdokument.dokument import Dokument
from styrdok.slag.styrdokument.forfattningar import Status
from styrdok.slag.styrdokument.modeller import Dokumenttyp
from styrdok.slag.styrdokument.presentation import (
    HISTORIKKOLUMNER,
    bilagefiler,
    filbas,
    historikrader,
    metadata,
    omvärld,
    sidväg,
    sökfält,
)

INDEX = "styrdokument/index.md"


def dokumentsidor(korpus: Korpus, status: dict[str, Status], sidor: Sidsamling) -> None:
    for dokument in korpus.styrdokument.values():
        _dokumentsida(korpus, dokument, status, sidor)


# --- helpers -----------------------------------------------------------------------


def _rad(text: str) -> str:
    """An admonition's title: plain text on one line (the engine escapes it)."""
    return " ".join(text.split())


def dokumentlänk(från: str, dokument: Dokument) -> str:
    return f"[{cell(dokument.titel)}]({länk(från, sidväg(dokument))})"


def _statusruta(korpus: Korpus, dokument: Dokument, status: Status, väg: str) -> str:
    if status.kod in (kfs.UPPHÄVD, kfs.ERSATT) and status.genom:
        genom = korpus.styrdokument[status.genom]
        namn = kfs.kfs_beteckning(korpus, genom) or genom.titel
        verb = "upphävdes" if status.kod == kfs.UPPHÄVD else "ersattes"
        return (
            f'!!! danger "{_rad(status.text)}"\n    Dokumentet {verb} {datum(status.datum)} genom '
            f"[{cell(namn)}]({länk(väg, sidväg(genom))}) och gäller inte längre.\n"
        )
    if status.kod == kfs.EJ_I_KRAFT:
        return (
            f'!!! info "{_rad(status.text)}"\n    Dokumentet är beslutat men gäller först från '
            f"{datum(status.datum)}.\n"
        )
    if status.kod == kfs.UTGÅNGEN:
        return f'!!! warning "{_rad(status.text)}"\n    Dokumentets giltighetstid har gått ut.\n'
    if status.kod == kfs.ÄNDRAD and status.ändringar:
        return _ändringsruta(korpus, status, väg)
    return ""


def _ändringsruta(korpus: Korpus, status: Status, väg: str) -> str:
    """An amended entry: the text below is the original, and every amendment in force applies."""
    ändringar = [korpus.styrdokument[i] for i in status.ändringar]
    en = len(ändringar) == 1
    rader = [
        f'!!! note "{_rad(status.text)}"',
        "    Texten nedan är författningens ursprungliga lydelse. Den har ändrats genom "
        + ("författningen" if en else f"{len(ändringar)} författningar")
        + " nedan, och ändringarna gäller: läs "
        + ("den" if en else "dem")
        + " tillsammans med texten.",
        "",
    ]
    for ä in ändringar:
        namn = " ".join(filter(None, (kfs.kfs_beteckning(korpus, ä), ä.titel)))
        rader.append(
            f"    - I kraft från {datum(kfs.ikraft(ä))}: [{md(namn)}]({länk(väg, sidväg(ä))})"
        )
    return "\n".join(rader) + "\n"


def _dokumentsida(
    korpus: Korpus, dokument: Dokument, status: dict[str, Status], sidor: Sidsamling
) -> None:
    """The document's page; made again only when the document or what it may read changed
    (``omvärld``), else as made before."""
    st = status[dokument.id]
    sida = _SIDOR.hämta(
        (korpus.publik, dokument.id),
        dokument.källa,
        lambda: omvärld(korpus),
        lambda: _ny_dokumentsida(korpus, dokument, st),
        (korpus.nedladdningar, st),
    )
    sidor.lägg(*sida)


_SIDOR: genereringsminne.Minne[tuple] = genereringsminne.Minne()


def _ny_dokumentsida(korpus: Korpus, dokument: Dokument, st: Status) -> tuple:
    """What the page is added with: its path, title, text, files and search fields."""
    väg = sidväg(dokument)
    delar = [
        f"# {md(dokument.titel)}",
        "",
        _statusruta(korpus, dokument, st, väg),
        faktatabell(metadata(korpus, dokument, st)),
    ]
    if korpus.nedladdningar:
        mall = "[Ladda ner som {etikett}]({länk}){{ .styrdok-ladda }}"
        delar.append(nedladdningar(väg, filbas(dokument), korpus.format, mall, " ") + "\n")
    text, filer = skriv_om(korpus, dokument.källa.sökväg, dokument.källa.brödtext.strip(), väg)
    delar.append(text)
    delar.append(_bilagor(korpus, dokument, väg, filer))
    delar.append(_relationer(korpus, dokument, st, väg))
    delar.append(_historik(korpus, dokument, st, väg))
    delar.append(_protokoll(korpus, dokument, väg))
    text = "\n".join(d for d in delar if d is not None)
    return väg, dokument.titel, text, filer, sökfält(korpus, dokument, st)


def _bilagor(korpus: Korpus, dokument: Dokument, väg: str, filer: dict[str, Path]) -> str:
    """The attachments, listed and linked; their files are published with the page, so on
    exactly the sites the document is on."""
    rader = []
    for fil in bilagefiler(korpus, dokument):
        filer[innehållsväg(korpus, fil)] = fil
        rader.append(
            f"- [{md(fil.name)}]({länk(väg, innehållsväg(korpus, fil))}) ({_storlek(fil)})"
        )
    return "\n## Bilagor\n\n" + "\n".join(rader) + "\n" if rader else ""


def _storlek(fil: Path) -> str:
    byte = fil.stat().st_size
    if byte < 1024 * 1024:
        return f"{max(1, round(byte / 1024))} kB"
    return f"{byte / (1024 * 1024):.1f} MB".replace(".", ",")


def _relationer(korpus: Korpus, dokument: Dokument, st: Status, väg: str) -> str:
    rader = []
    index = kfs.kfs_index(korpus)
    for relation in kfs.RELATIONER:
        for referens in getattr(dokument.data, relation):
            mål = kfs.slå_upp(korpus, referens, index)
            if mål is not None:  # in the public copy, intranet targets are simply absent
                rader.append(
                    f"- {relation.capitalize()} {dokumentlänk(väg, korpus.styrdokument[mål])}"
                )
    if not rader:
        return ""
    return "\n## Förhållande till andra dokument\n\n" + "\n".join(rader) + "\n"


def _protokoll(korpus: Korpus, dokument: Dokument, väg: str) -> str:
    """Links to the protokoll paragrafer in styrdok that hold the document's decisions."""
    per_dokument = korpus.härlett("beslut per dokument", lambda: _per_dokument(korpus))
    rader = []
    for b in per_dokument.get(dokument.id, []):
        if (mål := korpus.protokollänk(b)) is not None:
            namn = f"{organnamn(korpus, b.organ)} {b.datum.isoformat()} § {b.paragraf}"
            rader.append(f"- [{cell(namn)}]({länk(väg, mål)})")
    if not rader:
        return ""
    return "\n## Besluten i protokollen\n\n" + "\n".join(rader) + "\n"


def _per_dokument(korpus: Korpus) -> dict[str, list]:
    ut: dict[str, list] = defaultdict(list)
    for b in korpus.beslut():
        ut[b.dokument].append(b)
    return ut


def _historik(korpus: Korpus, dokument: Dokument, st: Status, väg: str) -> str:
    """The decision, revisions and amendments (the same rows as in the PDF and Word file),
    an amendment linked to its page; nothing when the decision is all there is."""
    rader = [
        [
            hel(r.datum),
            r.händelse,
            valfri(cell(r.beslutsinstans)),
            valfri(r.paragraf),
            f"Genom {dokumentlänk(väg, r.genom)}" if r.genom is not None else cell(r.kommentar),
        ]
        for r in historikrader(korpus, dokument, st)
    ]
    if len(rader) == 1:
        return ""
    rubriker = [valfri(k) if k in ("Beslutsinstans", "§") else k for k in HISTORIKKOLUMNER]
    return "\n## Historik\n\n" + tabell(rubriker, rader)


def styrdokument_index(korpus: Korpus, status: dict[str, Status], sidor: Sidsamling) -> None:
    väg = INDEX
    per_typ: dict[str, list[Dokument]] = defaultdict(list)
    for dokument in korpus.styrdokument.values():
        per_typ[dokument.data.dokumenttyp].append(dokument)
    delar = [
        "# Styrdokument",
        "",
        f"Här finns {len(korpus.styrdokument)} styrdokument, ordnade efter dokumenttyp, och "
        "för varje dokumenttyp vem som får besluta den.",
    ]
    for typ_id, typ in korpus.kommun.dokumenttyper.items():
        dokumentlista = sorted(per_typ.get(typ_id, []), key=lambda d: d.titel.lower())
        if not dokumentlista and korpus.publik and typ.publicering != "webb":
            continue  # a type for the intranet only: nothing of it is ever shown here
        delar += ["", f"## {md(typ.namn)} ({len(dokumentlista)})", ""]
        delar += [md(typ.beskrivning), ""] if typ.beskrivning else []
        delar += [f"Beslutas av {_beslutas_av(korpus, typ)}.", ""]
        if not dokumentlista:
            delar.append("Inga dokument av den här typen ännu.")
            continue
        delar.append(
            tabell(
                ["Titel", valfri("Beslutsinstans"), valfri("Beslutsdatum"), "Status"],
                [
                    [
                        dokumentlänk(väg, d),
                        valfri(cell(organnamn(korpus, d.data.beslutsinstans))),
                        valfri(datum(d.data.beslutsdatum)),
                        statusmärke(status[d.id]),
                    ]
                    for d in dokumentlista
                ],
            )
        )
    sidor.lägg(väg, "Styrdokument", "\n".join(delar), sök=sökdata(lista=True))


def _beslutas_av(korpus: Korpus, typ: Dokumenttyp) -> str:
    """ "Kommunfullmäktige, eller Kommunstyrelsen när ... efter samråd med ..." for a type."""
    delar = []
    for regel in typ.beslutas_av:
        text = md(organnamn(korpus, regel.organ))
        if regel.villkor:
            text += f" {md(regel.villkor)}"
        if regel.samråd:
            text += " efter samråd med " + " och ".join(
                md(organnamn(korpus, o)) for o in regel.samråd
            )
        delar.append(text)
    return delar[0] if len(delar) == 1 else ", ".join(delar[:-1]) + " eller " + delar[-1]


def statusmärke(st: Status) -> str:
    """A short status label for tables; the full text (dates, by what) is on the document's page."""
    klass = f"styrdok-status styrdok-status--{st.kod.replace(' ', '-')}"
    return f'<span class="{klass}">{html.escape(st.kod.capitalize())}</span>'
