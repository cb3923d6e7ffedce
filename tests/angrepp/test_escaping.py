"""Escaped by construction, proven from the models: every plain-text field (``Text``) of every
kind, in a copy of the example, gets markup and an ampersand (``<b>Ö&12</b>``); the example
is built with every document, and then no output file has that markup unescaped, while every
PDF, Word file, CSV and calendar shows it exactly as written.

Which fields get markup is read from the models (``styrdok nycklar``'s source): a new
``Text`` field is covered without touching this test."""

from __future__ import annotations

import json
import re
import shutil
import typing
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import yaml
from pydantic import BaseModel

from styrdok import bygg
from styrdok.grund.modell import MarkdownFält, RefFält, _id, _som_text
from styrdok.slag.kvalitetsgarantier.modeller import Kvalitetsgaranti
from styrdok.slag.mal.modeller import Indikatorfil, Målkedja, Nämndplan, Rapport
from styrdok.slag.sammantraden.modeller import SammanträdeKälla, ÅrshjulKälla
from styrdok.slag.sidor.modeller import FriSida
from styrdok.slag.styrdokument.modeller import Styrdokument

PROJEKT = Path(__file__).resolve().parents[2]
MODELLER = [
    ("kommun.yml", None),
    ("styrdokument/**/*.md", Styrdokument),
    ("sidor/*.md", FriSida),
    ("kvalitetsgarantier/*.md", Kvalitetsgaranti),
    ("sammantraden/*/*.md", SammanträdeKälla),
    ("arshjul.yml", ÅrshjulKälla),
    ("mal/malomraden.yml", Målkedja),
    ("mal/indikatorer.yml", Indikatorfil),
    ("mal/namnder/*.yml", Nämndplan),
    ("mal/rapporter/*.yml", Rapport),
]
MARKÖR = re.compile(r"Ö&(?:amp;)?(\d+)")


def är_text(annotation, metadata=()) -> bool:
    """A plain-text field: the ``Text`` type, not Markdown, not a reference, no pattern, no id."""
    if typing.get_origin(annotation) is typing.Annotated:
        return är_text(typing.get_args(annotation)[0], (*metadata, *annotation.__metadata__))
    platt = []
    for m in metadata:
        platt += [m, *getattr(m, "metadata", [])]
    if any(isinstance(m, (RefFält, MarkdownFält)) or getattr(m, "pattern", None) for m in platt):
        return False
    if any(getattr(m, "func", None) is _id for m in platt):
        return False  # an id becomes part of an address: markup in it is refused, not escaped
    return annotation is str and any(getattr(m, "func", None) is _som_text for m in platt)


def märk(data, modell: type[BaseModel], räknare: list[int]):
    """``data`` with markup added to every plain-text value, following ``modell``."""
    if not isinstance(data, dict):
        return data
    ut = dict(data)
    for namn, fält in modell.model_fields.items():
        if namn in ut and ut[namn] is not None:
            ut[namn] = _märk_värde(ut[namn], fält.annotation, tuple(fält.metadata), räknare)
    return ut


def _märk_värde(värde, annotation, metadata, räknare):
    if är_text(annotation, metadata) and isinstance(värde, str):
        räknare[0] += 1
        return f"{värde} <b>Ö&{räknare[0]}</b>"
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return _märk_värde(värde, args[0], (*metadata, *annotation.__metadata__), räknare)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return märk(värde, annotation, räknare)
    ursprung, args = typing.get_origin(annotation), typing.get_args(annotation)
    if ursprung in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for a in args:
            if a is not type(None) and (isinstance(värde, list) == (typing.get_origin(a) is list)):
                return _märk_värde(värde, a, (), räknare)
    if ursprung is list and isinstance(värde, list):
        return [_märk_värde(v, args[0], (), räknare) for v in värde]
    if ursprung is dict and isinstance(värde, dict):
        return {k: _märk_värde(v, args[1], (), räknare) for k, v in värde.items()}
    return värde


def skriv_märkt(fil: Path, modell: type[BaseModel], räknare: list[int]) -> None:
    text = fil.read_text(encoding="utf-8")
    if fil.suffix == ".md":
        _, front, kropp = text.split("---\n", 2)
        data = märk(yaml.safe_load(front), modell, räknare)
        fil.write_text(
            "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + kropp,
            encoding="utf-8",
        )
    else:
        data = märk(yaml.safe_load(text), modell, räknare)
        fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def text_ur(fil: Path) -> str:
    if fil.suffix == ".pdf":
        dokument = pdfium.PdfDocument(fil)
        try:
            return "\n".join(sida.get_textpage().get_text_range() for sida in dokument)
        finally:
            dokument.close()
    if fil.suffix == ".docx":
        with zipfile.ZipFile(fil) as z:
            xml = z.read("word/document.xml").decode()
        return (
            "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
        )
    text = fil.read_bytes().decode("utf-8", "replace")
    return text.replace("\r\n ", "") if fil.suffix == ".ics" else text  # unfold RFC 5545 lines


def test_markup_i_varje_textfält_når_ingen_utdata_oescapad(tmp_path):
    shutil.copytree(PROJEKT / "content", tmp_path / "content")
    räknare = [0]
    for mönster, modell in MODELLER:
        for fil in sorted((tmp_path / "content").glob(mönster)):
            skriv_märkt(fil, modell or bygg.DELAR.kommunmodell, räknare)
    assert räknare[0] > 300, räknare  # every kind's plain-text fields were reached
    bygg.bygg(tmp_path)
    oescapade, sedda, fel_i_dokument = [], set(), []
    for fil in sorted((tmp_path / "site").rglob("*")):
        if not fil.is_file() or fil.suffix not in {
            ".html",
            ".xml",
            ".json",
            ".svg",
            ".csv",
            ".ics",
            ".pdf",
            ".docx",
        }:
            continue
        text = text_ur(fil)
        if fil.suffix == ".json":
            text = " ".join(map(str, _strängar(json.loads(text))))
        nummer = MARKÖR.findall(text)
        sedda.update(nummer)
        # data files: the text as written (the search page shows the identifier files'
        # values with textContent, never as HTML)
        data = fil.suffix in {".pdf", ".docx", ".csv", ".ics"} or (
            fil.name == "register.json" or fil.name.startswith("styrdok-beteckningar-")
        )
        if not data and re.search(r"<b>Ö&", text):
            oescapade.append(str(fil.relative_to(tmp_path)))  # HTML, feeds, the search index
        if data:
            utan_luft = re.sub(r"\s+", "", text).replace("\\", "")  # PDF lines wrap anywhere
            for n in nummer:
                if f"<b>Ö&{n}</b>" not in utan_luft:
                    fel_i_dokument.append(f"{fil.relative_to(tmp_path)}: Ö&{n}")
    assert oescapade == []
    assert fel_i_dokument == []
    assert len(sedda) > 200, len(sedda)  # the markup reached the outputs, escaped


def _strängar(värde):
    if isinstance(värde, dict):
        for v in värde.values():
            yield from _strängar(v)
    elif isinstance(värde, list):
        for v in värde:
            yield from _strängar(v)
    else:
        yield värde
