"""How a document is presented, whatever the output: its page path, metadata rows,
footer line and the :class:`DokumentVy` the PDF and Word writers get.

One place, so that the website, the PDF and the Word file show the same facts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from styrdok.grund.filer import platssumma
from styrdok.grund.sokvag import upplöst
from styrdok.grund.text import cell, datum, md, tabell
from styrdok.karna import genereringsminne
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import för_dokument, innehållsväg, webbadress
from styrdok.karna.utdata import DokumentVy, sökdata
from styrdok.slag.styrdokument.dokument import Dokument, bilaga_sökväg
from styrdok.slag.styrdokument.forfattningar import ÄNDRAD, Status, ikraft, kfs_beteckning


def omvärld(korpus: Korpus) -> str:
    """What a document's page and view may read besides its own body (``karna/
    genereringsminne``): a document's body is read for its own page and view only."""
    return genereringsminne.omvärld(korpus, "styrdokument", lambda: huvuden(korpus.styrdokument))


def huvuden(samling: dict[str, Dokument]) -> dict[str, str]:
    """Every source of the kind with its front matter summed, by its path summed: the
    documents, the drafts, and (in the public copy) the sums the copy keeps of those it left
    out."""
    källor = [d.källa for d in samling.values()] + [d.källa for d in getattr(samling, "utkast", [])]
    egna = {platssumma(str(k.sökväg)): genereringsminne.huvud(k) for k in källor}
    return {**getattr(samling, "andra", {}), **egna}


def sidväg(dokument: Dokument) -> str:
    """Where the document's page lives in the site (a ``.md`` path under docs).

    Entries of the författningssamling live at their number (``forfattningssamling/2021-3``),
    a permalink that survives a change of title or file name."""
    if dokument.data.kfs:
        return "forfattningssamling/" + dokument.data.kfs.replace(":", "-") + ".md"
    return dokument.id + ".md"


def filbas(dokument: Dokument) -> str:
    """Where the document's files live in the site, without extension (``filer/...``)."""
    return "filer/" + sidväg(dokument).removesuffix(".md")


def filväg(dokument: Dokument, ändelse: str) -> str:
    """Where the document's file in one format lives in the site (``filer/....pdf``)."""
    return filbas(dokument) + "." + ändelse


def typnamn(korpus: Korpus, dokument: Dokument) -> str:
    typ = korpus.kommun.dokumenttyper.get(dokument.data.dokumenttyp)
    return typ.namn if typ else dokument.data.dokumenttyp


def gäller_för(korpus: Korpus, dokument: Dokument) -> str:
    värde = dokument.data.gäller_för
    if isinstance(värde, list):
        return ", ".join(organnamn(korpus, o) for o in värde)
    return värde or ""


def senast_reviderad(dokument: Dokument) -> str:
    if not dokument.data.revideringar:
        return ""
    senaste = max(dokument.data.revideringar, key=lambda r: r.datum)
    return datum(senaste.datum) + (f", § {senaste.paragraf}" if senaste.paragraf else "")


def metadata(
    korpus: Korpus, dokument: Dokument, status: Status | None = None
) -> list[tuple[str, str]]:
    """The document's facts as (label, value) rows; rows without a value are left out."""
    data = dokument.data
    rader = [
        ("Dokumenttyp", typnamn(korpus, dokument)),
        ("Författningssamling", kfs_beteckning(korpus, dokument) or ""),
        ("Status", status.text if status and data.kfs else ""),
        ("Beslutsinstans", organnamn(korpus, data.beslutsinstans)),
        ("Beslutsdatum", datum(data.beslutsdatum)),
        ("§", data.paragraf or ""),
        ("Samråd", ", ".join(organnamn(korpus, o) for o in data.samråd)),
        ("Diarienummer", data.diarienummer or ""),
        ("Dokumentansvarig", data.dokumentansvarig),
        ("Gäller för", gäller_för(korpus, dokument)),
        ("Ikraftträdande", datum(data.ikraftträdande)),
        ("Senast reviderad", senast_reviderad(dokument)),
        ("Giltig till", datum(data.giltig_till)),
        ("Nästa översyn", datum(data.nästa_översyn)),
    ]
    return [(etikett, värde) for etikett, värde in rader if värde]


def sökfält(korpus: Korpus, dokument: Dokument, st: Status) -> dict[str, object]:
    """What the site's search knows of the document beside its text: the facts a hit shows
    (and a query such as »socialchef« finds), the filters and the identifiers found exactly."""
    data = dokument.data
    beteckning = kfs_beteckning(korpus, dokument)
    return sökdata(
        fält={
            "dokumenttyp": typnamn(korpus, dokument),
            "kfs": beteckning or "",
            "status": st.text,
            "diarienummer": data.diarienummer or "",
            "dokumentansvarig": data.dokumentansvarig,
            "beslutsinstans": organnamn(korpus, data.beslutsinstans),
            "beslutsdatum": datum(data.beslutsdatum),
            "sammanfattning": data.sammanfattning or "",
        },
        filter={
            "dokumenttyp": typnamn(korpus, dokument),
            "kategori": korpus.kommun.kategorier.get(data.kategori or "", ""),
            "status": st.kod,
            "år": str(data.beslutsdatum.year),
        },
        beteckningar=(beteckning or "", data.diarienummer or ""),
    )


def bilagefiler(korpus: Korpus, dokument: Dokument) -> list[Path]:
    """The attachments' files (checked to exist inside content/), in the order written."""
    filer = (bilaga_sökväg(korpus, dokument, b) for b in dokument.data.bilagor)
    return [f for f in filer if f is not None]


def _bilagetext(korpus: Korpus, dokument: Dokument) -> str:
    """The attachments named at the end of the PDF and Word file, with their address on the
    public website when the document is published there."""
    rader = []
    for i, fil in enumerate(bilagefiler(korpus, dokument), start=1):
        adress = webbadress(korpus, innehållsväg(korpus, fil)) if dokument.är_publik else ""
        rader.append(f"{i}. {md(fil.name)}" + (f" – <{adress}>" if adress else ""))
    return "\n\n## Bilagor\n\n" + "\n".join(rader) if rader else ""


# --- history and amendments: the same facts on the page and in the documents -----------

HISTORIKKOLUMNER = ["Datum", "Händelse", "Beslutsinstans", "§", "Kommentar"]


@dataclass(frozen=True)
class Historikrad:
    """One event in a document's history: its decision, a revision or an amendment."""

    datum: str
    händelse: str
    """Beslut, Revidering or Ändring."""
    beslutsinstans: str
    """The organ's name."""
    paragraf: str
    kommentar: str
    """Plain text: the revision's comment (empty for the decision and an amendment)."""
    genom: Dokument | None = None
    """The amending document, for an Ändring."""


def historikrader(korpus: Korpus, dokument: Dokument, st: Status) -> list[Historikrad]:
    """The decision, every revision and every amendment in force, oldest first."""
    data = dokument.data
    rader = [
        Historikrad(
            datum(data.beslutsdatum),
            "Beslut",
            organnamn(korpus, data.beslutsinstans),
            data.paragraf or "",
            "",
        )
    ]
    for r in sorted(data.revideringar, key=lambda r: r.datum):
        rader.append(
            Historikrad(
                datum(r.datum),
                "Revidering",
                organnamn(korpus, r.beslutsinstans),
                r.paragraf or "",
                r.kommentar or "",
            )
        )
    for ä in (korpus.styrdokument[i] for i in st.ändringar):
        rader.append(
            Historikrad(
                datum(ikraft(ä)),
                "Ändring",
                organnamn(korpus, ä.data.beslutsinstans),
                ä.data.paragraf or "",
                "",
                ä,
            )
        )
    rader.sort(key=lambda r: r.datum)
    return rader


def benämning(korpus: Korpus, dokument: Dokument) -> str:
    """``EKFS 2022:1 Ändring i reglemente för socialnämnden``, or the title alone."""
    return " ".join(filter(None, (kfs_beteckning(korpus, dokument), dokument.titel)))


def _historiktext(korpus: Korpus, dokument: Dokument, st: Status) -> str:
    """The history as a table at the end of the PDF and Word file, like on the page."""
    rader = [
        [
            r.datum,
            r.händelse,
            cell(r.beslutsinstans),
            r.paragraf,
            f"Genom {cell(benämning(korpus, r.genom))}" if r.genom else cell(r.kommentar),
        ]
        for r in historikrader(korpus, dokument, st)
    ]
    return "\n\n## Historik\n\n" + tabell(HISTORIKKOLUMNER, rader)


def ändringsnotis(korpus: Korpus, dokument: Dokument, st: Status | None) -> str:
    """For an amended författning, the notice before its text: that the text is the
    original and which entries (number, title, dates) amend it; empty otherwise."""
    if st is None or st.kod != ÄNDRAD or not st.ändringar:
        return ""
    ändringar = [korpus.styrdokument[i] for i in st.ändringar]
    en = len(ändringar) == 1
    delar = [
        f"**{md(st.text)}.** Texten nedan är författningens ursprungliga lydelse, beslutad "
        f"{datum(dokument.data.beslutsdatum)}. Den har ändrats genom "
        + ("författningen" if en else f"{len(ändringar)} författningar")
        + " nedan, och ändringarna gäller: läs "
        + ("den" if en else "dem")
        + " tillsammans med texten."
    ]
    for ä in ändringar:
        delar.append(
            f"{md(benämning(korpus, ä))}, beslutad {datum(ä.data.beslutsdatum)}, "
            f"i kraft från {datum(ikraft(ä))}."
        )
    return "\n\n".join(delar) + "\n"


def sidfot(korpus: Korpus, dokument: Dokument) -> str:
    första = kfs_beteckning(korpus, dokument) or typnamn(korpus, dokument)
    return f"{första} · Beslutad {datum(dokument.data.beslutsdatum)}"


@functools.lru_cache(maxsize=8)
def _upplöst(mapp: Path) -> Path:
    return mapp.resolve()


def dokumentvy(
    korpus: Korpus, dokument: Dokument, status: Status | None, brödtext: str | None = None
) -> DokumentVy:
    """The writers' view of a styrdokument. Every caller gets the same view of the same
    document (same body), so a document attached to a meeting is the very file published
    beside its page, rendered once. An amended författning opens with a notice naming its
    amendments; every document ends with its attachments and its history. Made again only
    when the document or what it may read changed (``omvärld``)."""
    if brödtext is not None:
        return _dokumentvy(korpus, dokument, status, brödtext)
    return _VYER.hämta(
        (korpus.publik, dokument.id),
        dokument.källa,
        lambda: omvärld(korpus),
        lambda: _dokumentvy(korpus, dokument, status, _brödtext(korpus, dokument, status)),
        status,
    )


_VYER: genereringsminne.Minne[DokumentVy] = genereringsminne.Minne()


def _brödtext(korpus: Korpus, dokument: Dokument, status: Status | None) -> str:
    brödtext = för_dokument(korpus, dokument.källa.sökväg, dokument.källa.brödtext.strip())
    brödtext += _bilagetext(korpus, dokument)
    if status is not None:
        brödtext += _historiktext(korpus, dokument, status)
    return brödtext


def _dokumentvy(
    korpus: Korpus, dokument: Dokument, status: Status | None, brödtext: str
) -> DokumentVy:
    return DokumentVy(
        id=dokument.id,
        titel=dokument.titel,
        kommun=korpus.kommun.namn,
        logotyp=korpus.logotyp,
        metadata=tuple(metadata(korpus, dokument, status)),
        brödtext=brödtext,
        sidfot=sidfot(korpus, dokument),
        ämne=typnamn(korpus, dokument),
        källfil=upplöst(dokument.källa.sökväg),
        innehållsrot=_upplöst(korpus.innehåll),
        datum=datum(dokument.data.beslutsdatum),
        notis=ändringsnotis(korpus, dokument, status),
    )
