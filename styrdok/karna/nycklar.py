"""The reference of the source format, generated from the models: every key of every source
file, nested keys included, whether it is required, what it takes (allowed values listed)
and its default, with the explanation written under the field in the model.

``styrdok nycklar`` prints it; ``docs/kallformat.md`` is the same text as Markdown (a test
keeps the committed page equal to what the models say).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from styrdok.grund import modell as m
from styrdok.grund.modell import Månad


@dataclass(frozen=True)
class Nyckel:
    namn: str
    djup: int
    obligatorisk: bool
    typ: str
    standard: str
    förklaring: str


def nycklar(modell: type[BaseModel], djup: int = 0, sedda: tuple = ()) -> Iterator[Nyckel]:
    """Every key of ``modell`` in order, each nested model's keys right after its own key."""
    for namn, fält in modell.model_fields.items():
        annotation = fält.annotation
        yield Nyckel(
            namn=namn,
            djup=djup,
            obligatorisk=fält.is_required(),
            typ=_typ(annotation, fält.metadata),
            standard=_standard(fält.default) if not fält.is_required() else "",
            förklaring=" ".join((fält.description or "").split()),
        )
        for inre in _modeller(annotation):
            if inre not in sedda:
                yield from nycklar(inre, djup + 1, sedda + (modell,))


def _modeller(annotation) -> list[type[BaseModel]]:
    """The models a field holds: itself, or inside a list, a dict or a union."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) is typing.Annotated:
        return _modeller(typing.get_args(annotation)[0])
    return [m for a in typing.get_args(annotation) for m in _modeller(a)]


def _typ(annotation, metadata=()) -> str:
    """A reader's name for what a key takes: ``text``, ``datum``, ``lista av id`` ..."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        bas, *extra = typing.get_args(annotation)
        return _typ_med_metadata(bas, list(extra) + list(metadata))
    if metadata:
        return _typ_med_metadata(annotation, list(metadata))
    if origin is typing.Literal:
        return "ett av: " + ", ".join(str(v) for v in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        delar = [_typ(a) for a in typing.get_args(annotation) if a is not type(None)]
        return " eller ".join(dict.fromkeys(delar))
    if origin is list:
        (inre,) = typing.get_args(annotation) or (str,)
        return f"lista av {_typ(inre)}"
    if origin is dict:
        nyckel, värde = typing.get_args(annotation)
        return f"{_typ(nyckel)} → {_typ(värde)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "nycklar (se nedan)"
    return _ENKLA.get(annotation, getattr(annotation, "__name__", str(annotation)))


_ENKLA = {
    str: "text",
    int: "heltal",
    float: "tal",
    bool: "ja/nej",
    dt.date: "datum ÅÅÅÅ-MM-DD",
    dt.time: "klockslag TT:MM",
    Månad: "månad ÅÅÅÅ-MM",
}


def _typ_med_metadata(bas, metadata: list) -> str:
    namn = {type(x).__name__ for x in metadata}
    validerare = {getattr(getattr(x, "func", None), "__name__", "") for x in metadata}
    if "MarkdownFält" in namn:
        return "Markdown-text"
    if "RefFält" in namn:
        return "id eller hänvisning"
    if "_id" in validerare:
        return "id (a–z, 0–9, - och _)"
    if "_url" in validerare:
        return "webbadress (https://…)"
    if "_epost" in validerare:
        return "e-postadress"
    if "_datum_eller_månad" in validerare:
        return "datum ÅÅÅÅ-MM-DD eller månad ÅÅÅÅ-MM"
    if "_kfs_form" in validerare:
        return "KFS-nummer ÅÅÅÅ:N"
    if "_paragraf" in validerare:
        return "paragraf (§), t.ex. 60"
    moduler = {getattr(getattr(x, "func", None), "__module__", "") for x in metadata}
    if "styrdok.karna.farg" in moduler:
        return 'färgkod "#RRGGBB" inom citattecken'
    if "_underlagslista" in validerare:
        return "en text eller en lista av texter eller av nycklar (se nedan)"
    if "_klockslag" in validerare:
        return "klockslag TT:MM"
    if "_ja_nej" in validerare:
        return "ja/nej"
    if "_som_regler" in validerare:
        return "ett id, eller en lista av id eller av nycklar (se nedan)"
    if "_nivånamn" in validerare:
        return "ett ord, eller nycklar (se nedan)"
    if "_som_lista" in validerare:
        return "ett värde eller en lista av id eller hänvisningar"
    if bas is dt.date:
        return f"datum ÅÅÅÅ-MM-DD ({m.FÖRSTA_ÅRET}–{m.SISTA_ÅRET})"
    return _typ(bas)


def _standard(värde) -> str:
    if värde is PydanticUndefined or värde is None or värde in ([], {}, ()):
        return ""
    if isinstance(värde, bool):
        return "ja" if värde else "nej"
    if isinstance(värde, BaseModel):
        return ""
    return str(värde)


def som_text(avsnitt: list[tuple[str, type[BaseModel]]]) -> str:
    rader = []
    for rubrik, modell in avsnitt:
        rader.append(rubrik)
        for n in nycklar(modell):
            indrag = "  " * (n.djup + 1)
            krav = "obligatorisk" if n.obligatorisk else "valfri"
            standard = f" (standard: {n.standard})" if n.standard else ""
            rader.append(f"{indrag}{n.namn}: {n.typ}; {krav}{standard}")
            if n.förklaring:
                rader.append(f"{indrag}    {n.förklaring}")
        rader.append("")
    return "\n".join(rader)


def som_markdown(avsnitt: list[tuple[str, type[BaseModel]]]) -> str:
    rader = [
        "# Källformatet",
        "",
        "Alla nycklar i alla källfiler, genererat ur styrdoks modeller (`styrdok nycklar "
        "--markdown`). Indragna nycklar hör till nyckeln ovanför. Varje fel i en källfil anges "
        "som `fil:rad:kolumn` på svenska när du kör `styrdok check`.",
    ]
    for rubrik, modell in avsnitt:
        rader += [
            "",
            f"## {rubrik}",
            "",
            "| nyckel | tar | krav | förklaring |",
            "|---|---|---|---|",
        ]
        for n in nycklar(modell):
            namn = "&nbsp;&nbsp;" * (2 * n.djup) + f"`{n.namn}`"
            krav = "obligatorisk" if n.obligatorisk else "valfri"
            if n.standard:
                krav += f" (standard: {n.standard})"
            förklaring, typ = (t.replace("|", "\\|") for t in (n.förklaring, n.typ))
            rader.append(f"| {namn} | {typ} | {krav} | {förklaring} |")
    return "\n".join(rader) + "\n"
