"""News feeds as Atom (RFC 4287), with fixed times and order: the same content gives the
same bytes, so a feed reader sees no phantom updates."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from styrdok.karna.format import Filformat
from styrdok.karna.utdata import Flöde

ATOM = "http://www.w3.org/2005/Atom"


def serialisera(flöde: Flöde) -> bytes:
    ET.register_namespace("", ATOM)
    rot = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": flöde.språk})
    _text(rot, "title", flöde.titel)
    _text(rot, "id", flöde.id)
    _text(rot, "updated", _tid(flöde.uppdaterad))
    ET.SubElement(rot, f"{{{ATOM}}}link", {"rel": "self", "href": flöde.adress})
    ET.SubElement(
        rot, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": flöde.sida}
    )
    författare = ET.SubElement(rot, f"{{{ATOM}}}author")
    _text(författare, "name", flöde.författare)
    _text(författare, "uri", flöde.författarsida)
    for p in flöde.poster:
        post = ET.SubElement(rot, f"{{{ATOM}}}entry")
        _text(post, "title", p.titel)
        _text(post, "id", p.id)
        _text(post, "updated", _tid(p.uppdaterad))
        _text(post, "published", _tid(p.publicerad))
        ET.SubElement(
            post, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": p.länk}
        )
        ET.SubElement(post, f"{{{ATOM}}}category", {"term": p.kategori, "label": p.kategorinamn})
        _text(post, "summary", p.sammanfattning)
    ET.indent(rot)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rot, encoding="utf-8") + b"\n"


def _text(förälder: ET.Element, namn: str, text: str) -> None:
    ET.SubElement(förälder, f"{{{ATOM}}}{namn}").text = text


def _tid(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


FORMAT = Filformat(".xml", Flöde, serialisera)
