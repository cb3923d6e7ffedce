"""Validate parsed YAML against a model and turn pydantic's errors into Swedish diagnostics
at the right line and column."""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from styrdok.grund import brodtext
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, Positioner, Sökväg
from styrdok.grund.modell import markdownfält

M = TypeVar("M", bound=BaseModel)


def validera(
    modell: type[M], data: Any, källa: Källfil, rapport: Rapport, prefix: Sökväg = ()
) -> M | None:
    """Build ``modell`` from ``data``; on failure report every error and return None. Every
    Markdown field of the result is checked like a body (``grund.brodtext``), here, once."""
    try:
        instans = modell.model_validate(data)
    except ValidationError as fel:
        rapportera(fel, modell, data, källa, rapport, prefix)
        return None
    for sökväg, text in markdownfält(instans, prefix):
        granska_markdown(källa, sökväg, text, rapport)
    return instans


def granska_markdown(källa: Källfil, sökväg: Sökväg, text: str, rapport: Rapport) -> None:
    """A Markdown value in YAML, checked like a body at its own lines."""
    rad, _ = källa.positioner.värde(sökväg)
    blockrad = rad + 1 if "\n" in text.strip() else rad  # a | or > block starts on the next line
    källa.markdownfält.append((sökväg, text, blockrad))
    bit = Källfil(
        källa.sökväg, källa.visningsnamn, None, Positioner(), brödtext=text, brödtext_rad=blockrad
    )
    brodtext.granska(bit, rapport, _innehållsrot(källa.sökväg))


def _innehållsrot(fil: Path) -> Path:
    """The content/ folder a source lies in."""
    return next((p for p in fil.parents if p.name == "content"), fil.parent)


def rapportera(
    fel: ValidationError,
    modell: type[BaseModel],
    data: Any,
    källa: Källfil,
    rapport: Rapport,
    prefix: Sökväg = (),
) -> None:
    sedda: set[Sökväg] = set()
    for e in fel.errors(include_url=False):
        sökväg, slutmodell, förälder = _rensa(e["loc"], data, modell, e["type"])
        if sökväg in sedda or prefix + sökväg in källa.positioner.redan_rapporterade:
            continue  # a union reports one error per branch; one is enough
        sedda.add(sökväg)
        hel = prefix + sökväg
        if e["type"] in ("extra_forbidden", "missing") or e["loc"][-1:] == ("[key]",):
            rad, kol = (
                källa.positioner.värde(hel[:-1])
                if e["type"] == "missing"
                else källa.positioner.nyckel(hel)
            )
        else:
            rad, kol = källa.positioner.värde(hel)
        nyckelfel = e["loc"][-1:] == ("[key]",)
        fält = sökväg[:-1] if nyckelfel else sökväg
        rapport.fel(källa.visningsnamn, rad, kol, _meddelande(e, fält, slutmodell, förälder))


def _rensa(
    loc: tuple, data: Any, modell: type[BaseModel] | None, typ: str
) -> tuple[Sökväg, type[BaseModel] | None, type[BaseModel] | None]:
    """Keep the parts of pydantic's loc that are real keys or indexes; drop union-branch tags.
    Also the model at the end of the path, and the one holding its last key."""
    sökväg: list[str | int] = []
    förälder = modell
    aktuell = data
    for i, del_ in enumerate(loc):
        sista = i == len(loc) - 1
        if isinstance(aktuell, dict) and isinstance(del_, str) and del_ in aktuell:
            sökväg.append(del_)
            aktuell = aktuell[del_]
            förälder, modell = modell, _fältmodell(modell, del_)
        elif isinstance(aktuell, list) and isinstance(del_, int) and 0 <= del_ < len(aktuell):
            sökväg.append(del_)
            aktuell = aktuell[del_]
        elif sista and typ == "missing":
            sökväg.append(del_)
    return tuple(sökväg), modell, förälder


def _fältmodell(modell: type[BaseModel] | None, namn: str) -> type[BaseModel] | None:
    """The model class of a nested field (also through list[...] and dict[str, ...])."""
    if modell is None or namn not in getattr(modell, "model_fields", {}):
        return modell  # e.g. a dict key such as an organ id: stay on the value model
    annotation = modell.model_fields[namn].annotation
    for kandidat in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(kandidat, type) and issubclass(kandidat, BaseModel):
            return kandidat
        for inre in getattr(kandidat, "__args__", ()):
            if isinstance(inre, type) and issubclass(inre, BaseModel):
                return inre
    return None


def _fält(sökväg: Sökväg) -> str:
    namn = [str(d) for d in sökväg if isinstance(d, str)]
    return namn[-1] if namn else "värdet"


def _meddelande(
    e: dict,
    sökväg: Sökväg,
    modell: type[BaseModel] | None,
    förälder: type[BaseModel] | None = None,
) -> str:
    typ, fält = e["type"], _fält(sökväg)
    inmatning = e.get("input")
    ctx = e.get("ctx") or {}
    if typ == "missing":
        return f"obligatorisk nyckel saknas: {fält}"
    if typ == "extra_forbidden":
        förslag = föreslå(fält, list(getattr(modell, "model_fields", {})))
        return f"okänd nyckel {fält}" + (f"; menade du {förslag}?" if förslag else "")
    if typ == "literal_error":
        tillåtna = _tillåtna(ctx.get("expected", ""))
        förslag = föreslå(str(inmatning), tillåtna)
        text = f"{fält}: {inmatning!r} är inte tillåtet; välj ett av {', '.join(tillåtna)}"
        return text + (f" (menade du {förslag}?)" if förslag else "")
    if typ.startswith("date") or typ.startswith("datetime"):
        return f"{fält} ska vara ett datum skrivet ÅÅÅÅ-MM-DD, inte {inmatning!r}"
    if typ in ("string_type", "string_sub_type"):
        return f"{fält} ska vara en text, inte {_beskriv(inmatning)}"
    if typ in ("string_too_short", "too_short"):
        if isinstance(inmatning, (dict, list)):
            slag = "nyckel med värde" if isinstance(inmatning, dict) else "rad som börjar med -"
            return f"{fält} får inte vara tom; ange minst en {slag}"
        info = getattr(förälder, "model_fields", {}).get(fält)
        if info is not None and not info.is_required():
            return f"{fält} får inte vara tom; skriv en text, eller ta bort raden"
        return f"{fält} får inte vara tom: nyckeln är obligatorisk; skriv en text"
    if typ == "string_pattern_mismatch":
        return _mönsterfel(fält, inmatning)
    if typ == "list_type":
        return f"{fält} ska vara en lista (rader som börjar med -), inte {_beskriv(inmatning)}"
    if typ in ("dict_type", "model_type", "model_attributes_type"):
        return f"{fält} ska vara nycklar med värden (nyckel: värde), inte {_beskriv(inmatning)}"
    if typ == "value_error":
        return f"{fält}: {ctx.get('error', e['msg'])}"
    return f"{fält}: ogiltigt värde {inmatning!r}"


def _mönsterfel(fält: str, inmatning: Any) -> str:
    exempel = {
        "paragraf": "ett paragrafnummer, t.ex. 60",
        "kfs_prefix": "versaler, t.ex. EKFS",
        "webbplats": "en adress som börjar med https://",
    }.get(fält, "rätt format")
    return f"{fält}: {inmatning!r} ska vara {exempel}"


def _tillåtna(expected: str) -> list[str]:
    return [d.strip().strip("'") for d in expected.replace(" or ", ", ").split(",") if d.strip()]


def _beskriv(värde: Any) -> str:
    if isinstance(värde, dict):
        return "nycklar med värden"
    if isinstance(värde, list):
        return "en lista"
    if isinstance(värde, bool):
        return "ja/nej"
    if isinstance(värde, (int, float)):
        return f"talet {värde}"
    if värde is None:
        return "ett tomt värde"
    return repr(värde)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def föreslå(ord_: str, kandidater: list[str]) -> str | None:
    """The closest candidate, also when å/ä/ö were typed as a/o (``galler_for`` → ``gäller_för``)."""
    if not kandidater:
        return None
    folded = {_ascii(k): k for k in kandidater}
    if _ascii(ord_) in folded:
        return folded[_ascii(ord_)]
    träff = difflib.get_close_matches(_ascii(ord_), list(folded), n=1, cutoff=0.6)
    return folded[träff[0]] if träff else None


def menade_du(ord_: str, kandidater) -> str:
    förslag = föreslå(ord_, list(kandidater))
    return f"; menade du {förslag}?" if förslag else ""


_NEUTRUM = {"löfte", "mål", "åtagande", "nämndmål", "organ"}


def okänd(vad: str, värde: str, kandidater) -> str:
    """``okänd verksamhet hemtjänst; menade du hemtjanst?`` (or the list when short)."""
    adjektiv = "okänt" if vad in _NEUTRUM else "okänd"
    text = f"{adjektiv} {vad} {värde}{menade_du(värde, kandidater)}"
    if "menade du" not in text and 0 < len(kandidater) <= 12:
        text += f" (finns: {', '.join(sorted(kandidater))})"
    return text
