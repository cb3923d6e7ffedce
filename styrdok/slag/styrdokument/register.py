"""The författningssamling's register as open data: a table (JSON, CSV) and a feed (Atom).

Everything here is a pure function of the korpus: no clock, stable order, stable bytes,
so that two builds of the same content give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from styrdok.grund.text import datum
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import webbadress
from styrdok.karna.utdata import Flöde, Flödespost, Tabell
from styrdok.slag.styrdokument import forfattningar as kfs
from styrdok.slag.styrdokument.dokument import Dokument
from styrdok.slag.styrdokument.forfattningar import Status
from styrdok.slag.styrdokument.presentation import filväg, sidväg, typnamn

KOLUMNER = (
    "nummer",
    "titel",
    "kategori",
    "dokumenttyp",
    "beslutsinstans",
    "beslutsdatum",
    "paragraf",
    "ikraftträdande",
    "status",
    "ersatt_av",
    "url",
)
"""The register's columns; one more per document format (pdf, docx) with the file's address."""


def poster(korpus: Korpus) -> list[Dokument]:
    """Entries of the författningssamling in number order."""
    return sorted(
        (d for d in korpus.styrdokument.values() if d.data.kfs),
        key=lambda d: tuple(int(x) for x in d.data.kfs.split(":")),
    )


def tabell(korpus: Korpus, status: dict[str, Status], med_filer: bool) -> Tabell:
    """The register as a table, one row per entry in number order."""
    format_ = korpus.delar.dokumentformat
    rader = []
    for d in poster(korpus):
        st = status[d.id]
        ersatt_av = kfs.kfs_beteckning(korpus, korpus.styrdokument[st.genom]) if st.genom else ""
        rader.append(
            (
                kfs.kfs_beteckning(korpus, d) or "",
                d.titel,
                korpus.kommun.kategorier.get(d.data.kategori or "", ""),
                typnamn(korpus, d),
                organnamn(korpus, d.data.beslutsinstans),
                datum(d.data.beslutsdatum),
                d.data.paragraf or "",
                datum(kfs.ikraft(d)),
                st.kod,
                ersatt_av or "",
                webbadress(korpus, sidväg(d)),
                *(webbadress(korpus, filväg(d, f.namn)) if med_filer else "" for f in format_),
            )
        )
    return Tabell(KOLUMNER + tuple(f.namn for f in format_), tuple(rader))


def senast_ändrad(korpus: Korpus, d: Dokument, status: Status) -> dt.date:
    """The entry's latest event: decision, revision or an amendment taking effect."""
    datumlista = [d.data.beslutsdatum, *(r.datum for r in d.data.revideringar)]
    datumlista += [kfs.ikraft(korpus.styrdokument[i]) for i in status.ändringar]
    if status.datum and status.kod in (kfs.UPPHÄVD, kfs.ERSATT):
        datumlista.append(status.datum)
    return max(datumlista)


def flöde(korpus: Korpus, status: dict[str, Status]) -> Flöde:
    """The entries as a feed, newest change first."""
    kommun = korpus.kommun
    värd = urlsplit(kommun.webbplats).hostname or "kommun.example"
    lista = sorted(
        ((senast_ändrad(korpus, d, status[d.id]), d) for d in poster(korpus)),
        key=lambda p: (p[0], p[1].data.kfs),
        reverse=True,
    )
    return Flöde(
        titel=f"{kommun.namn}s författningssamling ({kommun.kfs_prefix})",
        id=f"tag:{värd},2000:{kommun.kfs_prefix}",
        uppdaterad=lista[0][0] if lista else dt.date(2000, 1, 1),
        adress=webbadress(korpus, "forfattningssamling/flode.xml"),
        sida=webbadress(korpus, "forfattningssamling/index.md"),
        författare=kommun.namn,
        författarsida=kommun.webbplats,
        poster=tuple(_post(korpus, d, status[d.id], när, värd) for när, d in lista),
    )


def _post(korpus: Korpus, d: Dokument, st: Status, när: dt.date, värd: str) -> Flödespost:
    kommun = korpus.kommun
    beslutad = f"{organnamn(korpus, d.data.beslutsinstans)} {datum(d.data.beslutsdatum)}"
    sammanfattning = f"{st.text}. Beslutad av {beslutad}"
    sammanfattning += f", § {d.data.paragraf}." if d.data.paragraf else "."
    if d.data.sammanfattning:
        sammanfattning += " " + d.data.sammanfattning
    return Flödespost(
        titel=f"{kfs.kfs_beteckning(korpus, d)} {d.titel}",
        id=f"tag:{värd},{d.data.beslutsdatum.year}:{kommun.kfs_prefix}-{d.data.kfs}",
        uppdaterad=när,
        publicerad=d.data.beslutsdatum,
        länk=webbadress(korpus, sidväg(d)),
        kategori=d.data.kategori or "",
        kategorinamn=kommun.kategorier.get(d.data.kategori or "", ""),
        sammanfattning=sammanfattning,
    )
