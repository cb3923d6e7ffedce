"""The författningssamling's relations and each document's derived status.

Status is never typed by hand: it follows from ``ersätter``, ``ändrar``, ``upphäver``,
``ikraftträdande`` and ``giltig_till`` of all documents, as of ``korpus.idag``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from styrdok.karna.korpus import Korpus
from styrdok.slag.styrdokument.dokument import Dokument

RELATIONER = ("ersätter", "ändrar", "upphäver")

GÄLLANDE = "gällande"
EJ_I_KRAFT = "ej i kraft"
ÄNDRAD = "ändrad"
UPPHÄVD = "upphävd"
ERSATT = "ersatt"
UTGÅNGEN = "utgången"

STATUSAR = (GÄLLANDE, ÄNDRAD, EJ_I_KRAFT, ERSATT, UPPHÄVD, UTGÅNGEN)
"""Every status, in the order the register's filter lists them."""


@dataclass
class Status:
    kod: str
    text: str
    datum: dt.date | None = None
    genom: str | None = None
    """The id of the document that replaced or repealed this one."""
    ändringar: list[str] = field(default_factory=list)
    """Ids of the documents in force that amend this one, oldest first."""

    historik: bool = False
    """Ended on purpose (upphävd, ersatt or avslutad): history, nothing left to do."""

    @property
    def gäller(self) -> bool:
        return self.kod in (GÄLLANDE, ÄNDRAD)


def kfs_beteckning(korpus: Korpus, dokument: Dokument) -> str | None:
    return f"{korpus.kommun.kfs_prefix} {dokument.data.kfs}" if dokument.data.kfs else None


def ikraft(dokument: Dokument) -> dt.date:
    return dokument.data.ikraftträdande or dokument.data.beslutsdatum


def kfs_index(korpus: Korpus) -> dict[str, str]:
    """KFS number ``ÅÅÅÅ:N`` → document id (the first, when numbers clash)."""
    return korpus.härlett("kfs_index", lambda: _kfs_index(korpus))


def _kfs_index(korpus: Korpus) -> dict[str, str]:
    index: dict[str, str] = {}
    for dokument in korpus.styrdokument.values():
        if dokument.data.kfs:
            index.setdefault(dokument.data.kfs, dokument.id)
    return index


def slå_upp(korpus: Korpus, referens: str, index: dict[str, str] | None = None) -> str | None:
    """Resolve a reference (an id, a path without ``styrdokument/``, or a KFS number) to an id."""
    referens = referens.strip()
    if referens in korpus.styrdokument:
        return referens
    if f"styrdokument/{referens}" in korpus.styrdokument:
        return f"styrdokument/{referens}"
    träff = re.fullmatch(rf"(?:{re.escape(korpus.kommun.kfs_prefix)}\s*)?(\d{{4}}:\d+)", referens)
    if träff:
        return (index if index is not None else kfs_index(korpus)).get(träff[1])
    return None


def utanför(korpus: Korpus, referens: str) -> str | None:
    """The number ``ÅÅÅÅ:N`` if ``referens`` names an entry held outside styrdok
    (``kfs_utanför`` in kommun.yml), else None."""
    träff = re.fullmatch(
        rf"(?:{re.escape(korpus.kommun.kfs_prefix)}\s*)?(\d{{4}}:\d+)", referens.strip()
    )
    return träff[1] if träff and träff[1] in korpus.kommun.kfs_utanför else None


def utanför_status(korpus: Korpus) -> dict[str, str]:
    """Entries outside styrdok that a document in force has replaced or repealed:
    number → "Upphävd 2024-01-01 genom EKFS 2024:2"."""
    return korpus.härlett("utanför_status", lambda: _utanför_status(korpus))


def _utanför_status(korpus: Korpus) -> dict[str, str]:
    status: dict[str, tuple[dt.date, str]] = {}
    for dokument in sorted(korpus.styrdokument.values(), key=ikraft, reverse=True):
        if ikraft(dokument) > korpus.idag:
            continue
        for relation, verb in (("ersätter", "Ersatt"), ("upphäver", "Upphävd")):
            for referens in getattr(dokument.data, relation):
                if (nummer := utanför(korpus, referens)) is not None:
                    namn = kfs_beteckning(korpus, dokument) or dokument.titel
                    status[nummer] = (
                        ikraft(dokument),
                        f"{verb} {ikraft(dokument).isoformat()} genom {namn}",
                    )
    return {nummer: text for nummer, (_, text) in status.items()}


def relationer(korpus: Korpus) -> list[tuple[str, str, str, int]]:
    """Every resolved relation as (from id, relation, to id, list index)."""
    return korpus.härlett("relationer", lambda: _relationer(korpus))


def _relationer(korpus: Korpus) -> list[tuple[str, str, str, int]]:
    index = kfs_index(korpus)
    kanter = []
    for dokument in korpus.styrdokument.values():
        for relation in RELATIONER:
            for i, referens in enumerate(getattr(dokument.data, relation)):
                mål = slå_upp(korpus, referens, index)
                if mål is not None:
                    kanter.append((dokument.id, relation, mål, i))
    return kanter


def härled_status(korpus: Korpus) -> dict[str, Status]:
    """Each document's status as of ``korpus.idag``."""
    return korpus.härlett("status", lambda: _härled_status(korpus))


def _härled_status(korpus: Korpus) -> dict[str, Status]:
    idag = korpus.idag
    upphör: dict[str, tuple[dt.date, str, str]] = {}
    ändringar: dict[str, list[str]] = {}
    for från, relation, till, _ in relationer(korpus):
        verkande = korpus.styrdokument[från]
        if ikraft(verkande) > idag:
            continue
        if relation == "ändrar":
            ändringar.setdefault(till, []).append(från)
            continue
        kandidat = (ikraft(verkande), från, relation)
        if till not in upphör or kandidat < upphör[till]:
            upphör[till] = kandidat
    return {
        dok_id: _status(korpus, dokument, upphör.get(dok_id), ändringar.get(dok_id, []))
        for dok_id, dokument in korpus.styrdokument.items()
    }


def _status(
    korpus: Korpus,
    dokument: Dokument,
    upphör: tuple[dt.date, str, str] | None,
    ändrad_av: list[str],
) -> Status:
    if upphör is not None:
        datum, genom, relation = upphör
        namn = (
            kfs_beteckning(korpus, korpus.styrdokument[genom]) or korpus.styrdokument[genom].titel
        )
        kod, verb = (ERSATT, "Ersatt") if relation == "ersätter" else (UPPHÄVD, "Upphävd")
        return Status(kod, f"{verb} {datum.isoformat()} genom {namn}", datum, genom, historik=True)
    avslut = dokument.data.avslutad
    if avslut is not None and avslut.datum <= korpus.idag:
        giltig_till = dokument.data.giltig_till
        kod = UTGÅNGEN if giltig_till is not None and avslut.datum >= giltig_till else UPPHÄVD
        text = f"Upphörde att gälla {avslut.datum.isoformat()} genom {avslut.genom}"
        return Status(kod, text, avslut.datum, historik=True)
    if ikraft(dokument) > korpus.idag:
        return Status(
            EJ_I_KRAFT, f"Träder i kraft {ikraft(dokument).isoformat()}", ikraft(dokument)
        )
    giltig_till = dokument.data.giltig_till
    if giltig_till is not None and giltig_till < korpus.idag:
        return Status(UTGÅNGEN, f"Gällde till {giltig_till.isoformat()}", giltig_till)
    ordnade = sorted(ändrad_av, key=lambda i: (ikraft(korpus.styrdokument[i]), i))
    if ordnade:
        return Status(
            ÄNDRAD,
            f"Gällande, ändrad {len(ordnade)} gång{'er' if len(ordnade) > 1 else ''}",
            ändringar=ordnade,
        )
    return Status(GÄLLANDE, "Gällande")
