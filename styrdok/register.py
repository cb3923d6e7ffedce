"""The författningssamling's register as open data: rows, JSON, CSV and an Atom feed.

Everything here is a pure function of the korpus: no clock, stable order, stable bytes,
so that two builds of the same content give byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from styrdok import forfattningar as kfs
from styrdok.forfattningar import Status
from styrdok.grund.text import datum
from styrdok.korpus import Dokument, Korpus
from styrdok.presentation import filväg, organnamn, sidväg, typnamn

ATOM = "http://www.w3.org/2005/Atom"
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
    "pdf",
    "docx",
)


@dataclass(frozen=True)
class Rad:
    nummer: str
    titel: str
    kategori: str
    dokumenttyp: str
    beslutsinstans: str
    beslutsdatum: str
    paragraf: str
    ikraftträdande: str
    status: str
    ersatt_av: str
    url: str
    pdf: str
    docx: str


def poster(korpus: Korpus) -> list[Dokument]:
    """Entries of the författningssamling in number order."""
    return sorted(
        (d for d in korpus.styrdokument.values() if d.data.kfs),
        key=lambda d: tuple(int(x) for x in d.data.kfs.split(":")),
    )


def webbadress(korpus: Korpus, väg: str) -> str:
    """Absolute URL of a site path (``.md`` pages become directory URLs)."""
    bas = korpus.kommun.webbplats.rstrip("/") + "/"
    if väg.endswith(".md"):
        väg = väg.removesuffix(".md").removesuffix("index") + "/"
        väg = väg.replace("//", "/").lstrip("/")
    return bas + väg


def rader(korpus: Korpus, status: dict[str, Status], med_filer: bool) -> list[Rad]:
    resultat = []
    for d in poster(korpus):
        st = status[d.id]
        ersatt_av = kfs.kfs_beteckning(korpus, korpus.styrdokument[st.genom]) if st.genom else ""
        resultat.append(
            Rad(
                nummer=kfs.kfs_beteckning(korpus, d) or "",
                titel=d.titel,
                kategori=korpus.kommun.kategorier.get(d.data.kategori or "", ""),
                dokumenttyp=typnamn(korpus, d),
                beslutsinstans=organnamn(korpus, d.data.beslutsinstans),
                beslutsdatum=datum(d.data.beslutsdatum),
                paragraf=d.data.paragraf or "",
                ikraftträdande=datum(kfs.ikraft(d)),
                status=st.kod,
                ersatt_av=ersatt_av or "",
                url=webbadress(korpus, sidväg(d)),
                pdf=webbadress(korpus, filväg(d, "pdf")) if med_filer else "",
                docx=webbadress(korpus, filväg(d, "docx")) if med_filer else "",
            )
        )
    return resultat


def som_json(rader_: list[Rad]) -> bytes:
    return (json.dumps([asdict(r) for r in rader_], ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8"
    )


def som_csv(rader_: list[Rad]) -> bytes:
    ut = io.StringIO()
    skrivare = csv.writer(ut, lineterminator="\r\n")
    skrivare.writerow(KOLUMNER)
    for r in rader_:
        skrivare.writerow([getattr(r, k) for k in KOLUMNER])
    return ("\ufeff" + ut.getvalue()).encode("utf-8")  # BOM so that Excel reads å, ä, ö


def senast_ändrad(korpus: Korpus, d: Dokument, status: Status) -> dt.date:
    """The entry's latest event: decision, revision or an amendment taking effect."""
    datumlista = [d.data.beslutsdatum, *(r.datum for r in d.data.revideringar)]
    datumlista += [kfs.ikraft(korpus.styrdokument[i]) for i in status.ändringar]
    if status.datum and status.kod in (kfs.UPPHÄVD, kfs.ERSATT):
        datumlista.append(status.datum)
    return max(datumlista)


def atom(korpus: Korpus, status: dict[str, Status]) -> bytes:
    """An Atom feed (RFC 4287) of the entries, newest change first."""
    ET.register_namespace("", ATOM)
    kommun = korpus.kommun
    värd = urlsplit(kommun.webbplats).hostname or "kommun.example"
    lista = sorted(
        ((senast_ändrad(korpus, d, status[d.id]), d) for d in poster(korpus)),
        key=lambda p: (p[0], p[1].data.kfs),
        reverse=True,
    )
    flöde = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    _text(flöde, "title", f"{kommun.namn}s författningssamling ({kommun.kfs_prefix})")
    _text(flöde, "id", f"tag:{värd},2000:{kommun.kfs_prefix}")
    _text(flöde, "updated", _tid(lista[0][0] if lista else dt.date(2000, 1, 1)))
    ET.SubElement(
        flöde,
        f"{{{ATOM}}}link",
        {"rel": "self", "href": webbadress(korpus, "forfattningssamling/flode.xml")},
    )
    ET.SubElement(
        flöde,
        f"{{{ATOM}}}link",
        {
            "rel": "alternate",
            "type": "text/html",
            "href": webbadress(korpus, "forfattningssamling/index.md"),
        },
    )
    författare = ET.SubElement(flöde, f"{{{ATOM}}}author")
    _text(författare, "name", kommun.namn)
    _text(författare, "uri", kommun.webbplats)
    for när, d in lista:
        st = status[d.id]
        post = ET.SubElement(flöde, f"{{{ATOM}}}entry")
        nummer = kfs.kfs_beteckning(korpus, d)
        _text(post, "title", f"{nummer} {d.titel}")
        _text(post, "id", f"tag:{värd},{d.data.beslutsdatum.year}:{kommun.kfs_prefix}-{d.data.kfs}")
        _text(post, "updated", _tid(när))
        _text(post, "published", _tid(d.data.beslutsdatum))
        ET.SubElement(
            post,
            f"{{{ATOM}}}link",
            {"rel": "alternate", "type": "text/html", "href": webbadress(korpus, sidväg(d))},
        )
        ET.SubElement(
            post,
            f"{{{ATOM}}}category",
            {
                "term": d.data.kategori or "",
                "label": kommun.kategorier.get(d.data.kategori or "", ""),
            },
        )
        beslutad = f"{organnamn(korpus, d.data.beslutsinstans)} {datum(d.data.beslutsdatum)}"
        sammanfattning = f"{st.text}. Beslutad av {beslutad}"
        sammanfattning += f", § {d.data.paragraf}." if d.data.paragraf else "."
        if d.data.sammanfattning:
            sammanfattning += " " + d.data.sammanfattning
        _text(post, "summary", sammanfattning)
    ET.indent(flöde)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(flöde, encoding="utf-8") + b"\n"
    )


def _text(förälder: ET.Element, namn: str, text: str) -> None:
    ET.SubElement(förälder, f"{{{ATOM}}}{namn}").text = text


def _tid(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"
