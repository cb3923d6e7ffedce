"""Writing an imported document: its id from the title, the front matter as YAML (each
value quoted so that it reads back as exactly what was written), the body and its images,
never over an existing file unless asked to."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from styrdok.grund.filer import skriv_under
from styrdok.grund.modell import id_förslag
from styrdok.slag.styrdokument.importera.dokument import BILDBAS, Importresultat

MAX_ID = 80
_YAML_ORD = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "ja", "nej", "~"}
_PLAIN = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü][\w ÅÄÖåäö.,()/&+'’–-]*")
_ID = re.compile(r"[a-z][a-z0-9_-]*")


@dataclass
class Skrivet:
    fil: Path | None
    problem: str | None = None


def dokument_id(titel: str) -> str:
    """``Finanspolicy för Ekviks kommunkoncern`` → ``finanspolicy-for-ekviks-kommunkoncern``,
    at most 80 characters, cut at a hyphen."""
    bas = id_förslag(titel).replace("_", "-")
    if len(bas) > MAX_ID:
        bas = bas[:MAX_ID].rsplit("-", 1)[0] or bas[:MAX_ID]
    bas = bas.strip("-") or "dokument"
    return bas if bas[0].isalnum() else "dokument-" + bas


def skalär(värde: Any) -> str:
    if isinstance(värde, dt.date):
        return värde.isoformat()
    if isinstance(värde, list):
        return "[" + ", ".join(skalär(v) for v in värde) + "]"
    text = str(värde)
    if _ID.fullmatch(text) and text.lower() not in _YAML_ORD:
        return text
    if re.fullmatch(r"\d{1,5}", text):
        return text
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_ORD and not text.endswith((" ", ".")):
        return text
    return json.dumps(text, ensure_ascii=False)


def front_matter(resultat: Importresultat) -> str:
    front = resultat.front
    assert front is not None
    rader = [
        "---",
        f"# Importerad ur {resultat.källfil.name} med styrdok import; se import-rapport.md",
    ]
    for nyckel, värde in front.värden.items():
        kommentar = f"  # {front.kommentarer[nyckel]}" if nyckel in front.kommentarer else ""
        if nyckel == "revideringar":
            rader.append("revideringar:" + kommentar)
            for post in värde:
                delar = ", ".join(f"{k}: {skalär(v)}" for k, v in post.items())
                rader.append(f"  - {{{delar}}}")
        else:
            rader.append(f"{nyckel}: {skalär(värde)}{kommentar}")
    rader.append("---")
    return "\n".join(rader) + "\n"


def skriv(
    mål: Path, rot: Path, resultat: Importresultat, skriv_över: bool, upptagna: set[str]
) -> Skrivet:
    """Write ``resultat`` as ``mål/<id>.md`` (and its images under ``mål/bilder/``)."""
    bas = dokument_id(resultat.titel)
    namn, n = bas, 2
    while namn in upptagna:
        namn, n = f"{bas}-{n}", n + 1
    fil = mål / f"{namn}.md"
    if (fil.exists() or fil.is_symlink()) and not skriv_över:
        return Skrivet(
            None,
            f"{fil.relative_to(rot).as_posix()} finns redan; inget skrevs "
            "(kör med --skriv-över för att ersätta den)",
        )
    upptagna.add(namn)
    for relativ, data in resultat.bilder:
        skriv_under(mål, relativ.replace(BILDBAS, namn), data)
    text = front_matter(resultat) + "\n" + resultat.brödtext.replace(BILDBAS, namn)
    return Skrivet(skriv_under(mål, f"{namn}.md", text.encode("utf-8")))
