"""``styrdok kolada import FIL.json``: Kolada values into content/mal/kolada.yml.

Reads a saved answer from Kolada's API (v2 or v3: ``{"values": [{"kpi", "municipality",
"period", "values": [{"gender", "value", ...}]}]}``; v3 may put ``period`` on each
value) and merges its values into ``content/mal/kolada.yml``, where the build finds
them. The build itself never touches the network; fetching the JSON is the user's
step, importing it is this one.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.grund.kallfil import läs_yaml

RIKET = "0000"
MAX_DJUP = 100
"""A file too deep for Python's JSON reader is reported where it gets deeper than this."""
KPI = re.compile(r"^[NU]\d{5}$")
KOMMUN = re.compile(r"^\d{4}$")
KÖN = {"T", "K", "M"}
ÅR = re.compile(r"^\d{4}$")
MAX_TAL = 1e15
"""Larger values are no Kolada key figure (and lose precision as floats)."""
HUVUD = (
    "# Skrivs av `styrdok kolada import`; ändra inte för hand, importera en ny fil i stället.\n"
    "# Källa: Kolada (www.kolada.se). kommun är kommunens id i Kolada; riket är 0000.\n"
)

Värden = dict[str, dict[str, dict[str, dict[str, float]]]]
"""kommun id → kpi → year → gender → value."""


def importera(rot: Path, fil: Path, kommun: str | None = None) -> str:
    """Merge the values of ``fil`` into content/mal/kolada.yml; return a Swedish summary."""
    fil = Path(fil)
    poster = _läs_json(fil)
    nya, hoppade = _tolka(poster, fil)
    mål = Path(rot) / "content" / "mal" / "kolada.yml"
    befintlig = _läs_befintlig(mål)
    kommun = kommun or befintlig.get("kommun") or _enda_kommun(nya, fil)
    if kommun not in nya and RIKET not in nya:
        raise StyrdokFel(f"filen har inga värden för kommun {kommun} eller riket ({RIKET})", fil)
    data = {
        "källa": fil.name,
        "kommun": str(kommun),
        "värden": _slå_ihop(befintlig.get("värden") or {}, nya.get(kommun, {})),
        "riket": _slå_ihop(befintlig.get("riket") or {}, nya.get(RIKET, {})),
    }
    mål.parent.mkdir(parents=True, exist_ok=True)
    mål.write_text(
        HUVUD
        + yaml.safe_dump(
            data, allow_unicode=True, sort_keys=True, default_flow_style=None, width=100
        ),
        encoding="utf-8",
    )
    return _summering(nya, kommun, hoppade, mål, rot)


def _läs_json(fil: Path) -> list[Any]:
    data = _tolka_json(_läs_text(fil), fil)
    if isinstance(data, dict) and isinstance(data.get("values"), list):
        return data["values"]
    raise StyrdokFel(
        'filen ser inte ut som ett svar från Koladas API: den ska vara {"values": [...]} '
        "med kpi, municipality, period och values",
        fil,
    )


def _läs_text(fil: Path) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with a BOM (what Windows PowerShell saves)."""
    try:
        rå = fil.read_bytes()
    except OSError as fel:
        raise StyrdokFel(f"filen kan inte läsas: {fel.strerror}", fil) from None
    try:
        if rå.startswith((b"\xff\xfe", b"\xfe\xff")):
            return rå.decode("utf-16")
        return rå.decode("utf-8-sig")
    except UnicodeDecodeError as fel:
        före = rå[: fel.start]
        raise StyrdokFel(
            f"filen är inte UTF-8 (byte 0x{rå[fel.start]:02x}); spara svaret från Kolada som UTF-8",
            fil,
            före.count(b"\n") + 1,
            len(före) - före.rfind(b"\n"),
        ) from None


def _tolka_json(text: str, fil: Path) -> Any:
    """JSON with every number finite: a number too long to read, NaN or Infinity becomes
    ``inf`` here and is refused where a value is read, with its place named."""
    try:
        return json.loads(text, parse_int=_heltal, parse_constant=lambda _: math.inf)
    except json.JSONDecodeError as fel:
        raise StyrdokFel(
            f"filen är inte giltig JSON ({fel.msg})", fil, fel.lineno, fel.colno
        ) from None
    except RecursionError:
        rad, kolumn = _för_djupt(text)
        raise StyrdokFel(
            f"filen är nästlad i för många nivåer (fler än {MAX_DJUP}); "
            "ett svar från Kolada har fyra",
            fil,
            rad,
            kolumn,
        ) from None


def _heltal(text: str) -> int | float:
    """An integer as JSON writes it; longer than any count or year is as good as infinite."""
    return int(text) if len(text) <= 18 else math.inf


def _för_djupt(text: str) -> tuple[int, int]:
    """Line and column of the first [ or { deeper than MAX_DJUP (strings skipped)."""
    djup = 0
    for träff in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        tecken = träff[0]
        if tecken in "[{":
            djup += 1
            if djup > MAX_DJUP:
                före = text[: träff.start()]
                return före.count("\n") + 1, len(före) - före.rfind("\n")
        elif tecken in "]}":
            djup -= 1
    return 1, 1


def _tolka(poster: list[Any], fil: Path) -> tuple[Värden, int]:
    värden: Värden = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    hoppade = 0
    for i, post in enumerate(poster):
        if not isinstance(post, dict):
            raise StyrdokFel(
                f"values[{i}] ska vara ett objekt med kpi, municipality, period och values", fil
            )
        kommun = post.get("municipality", post.get("municipality_id"))
        if kommun is None and "ou" in post:
            hoppade += (
                1  # values for an organisational unit (a school, a home): not the kommun's own
            )
            continue
        kpi = _kontrollera(
            post.get("kpi"), KPI, f"values[{i}].kpi", "ett Kolada-id som N15419", fil
        )
        kommun = _kontrollera(
            kommun, KOMMUN, f"values[{i}].municipality", "ett kommun-id med fyra siffror", fil
        )
        for j, v in enumerate(post.get("values") or []):
            _ett_värde(värden[kommun][kpi], post, v, f"values[{i}].values[{j}]", fil)
    return värden, hoppade


def _kontrollera(värde: Any, mönster: re.Pattern, var: str, vad: str, fil: Path) -> str:
    if not isinstance(värde, str) or not mönster.match(värde):
        raise StyrdokFel(f"{var}: {_kort(värde)} är inte {vad}", fil)
    return värde


def _ett_värde(per_år: dict, post: dict, v: Any, var: str, fil: Path) -> None:
    if not isinstance(v, dict):
        raise StyrdokFel(f"{var} ska vara ett objekt med gender och value", fil)
    period = v.get("period", post.get("period"))
    if not ÅR.match(str(period) if isinstance(period, int | str) else ""):
        raise StyrdokFel(f"{var}: perioden {_kort(period)} är inget år", fil)
    kön = v.get("gender", "T")
    if not isinstance(kön, str) or kön not in KÖN:
        raise StyrdokFel(f"{var}: okänt kön {_kort(kön)}; Kolada använder T, K och M", fil)
    tal = v.get("value")
    if tal is None or v.get("isdeleted"):
        return  # Kolada marks missing values with null; nothing to import
    if isinstance(tal, bool) or not isinstance(tal, (int, float)):
        raise StyrdokFel(f"{var}: värdet {_kort(tal)} är inget tal", fil)
    if not math.isfinite(tal) or abs(tal) > MAX_TAL:
        raise StyrdokFel(f"{var}: värdet är för stort eller inget ändligt tal", fil)
    per_år[str(int(period))][kön] = float(tal)


def _kort(värde: Any) -> str:
    """A value as Python writes it, cut short: a broken file may hold megabytes in one string."""
    text = repr(värde)
    return text if len(text) <= 60 else text[:57] + "..."


def _läs_befintlig(mål: Path) -> dict:
    """The previous import, read like every source (no aliases, no deep nesting)."""
    if not mål.is_file() or not mål.read_bytes().strip():
        return {}
    rapport = Rapport()
    data = läs_yaml(mål, str(mål), rapport).data or {}
    if rapport.har_fel() or not all(_värdetabell(data.get(k)) for k in ("värden", "riket")):
        första = min(rapport.diagnoser, default=None)
        raise StyrdokFel(
            "den tidigare importen är trasig; ta bort filen och importera igen",
            mål,
            första.rad if första else 1,
            första.kolumn if första else 1,
        )
    return data


def _värdetabell(värden: Any) -> bool:
    """kpi → year → gender → number, or nothing."""
    if värden is None:
        return True
    return isinstance(värden, dict) and all(
        isinstance(åren, dict) and all(isinstance(kön, dict) for kön in åren.values())
        for åren in värden.values()
    )


def _enda_kommun(nya: Värden, fil: Path) -> str:
    kommuner = sorted(k for k in nya if k != RIKET)
    if len(kommuner) == 1:
        return kommuner[0]
    if not kommuner:
        return RIKET
    raise StyrdokFel(
        f"filen har värden för flera kommuner ({', '.join(kommuner)}); ange vilken som är er", fil
    )


def _slå_ihop(gamla: dict, nya: dict) -> dict:
    """New values replace old ones for the same nyckeltal, year and gender; the rest stays."""
    resultat = {
        kpi: {str(år): dict(kön) for år, kön in åren.items()} for kpi, åren in gamla.items()
    }
    for kpi, åren in nya.items():
        for år, kön in åren.items():
            resultat.setdefault(kpi, {}).setdefault(år, {}).update(kön)
    return resultat


def _summering(nya: Värden, kommun: str, hoppade: int, mål: Path, rot: Path) -> str:
    antal = sum(
        len(kön)
        for k in (kommun, RIKET)
        for åren in nya.get(k, {}).values()
        for kön in åren.values()
    )
    nyckeltal = sorted(set(nya.get(kommun, {})) | set(nya.get(RIKET, {})))
    år = sorted({int(å) for k in nya.values() for åren in k.values() for å in åren})
    spann = f"{år[0]}–{år[-1]}" if len(år) > 1 else (str(år[0]) if år else "inga år")
    try:
        vart = mål.relative_to(rot)
    except ValueError:
        vart = mål
    text = (
        f"Importerade {antal} värden för {len(nyckeltal)} nyckeltal ({', '.join(nyckeltal)}), {spann}, "
        f"för kommun {kommun} och riket till {vart.as_posix()}."
    )
    if hoppade:
        text += f" {hoppade} värden för enheter (ou) hoppades över."
    oanvända = [k for k in nyckeltal if k not in _använda_nyckeltal(rot)]
    if oanvända:
        text += (
            f" Ingen indikator använder {', '.join(oanvända)} ännu; "
            "lägg till kolada: i content/mal/indikatorer.yml."
        )
    return text


def _använda_nyckeltal(rot: Path) -> set[str]:
    fil = Path(rot) / "content" / "mal" / "indikatorer.yml"
    if not fil.is_file():
        return set()
    data = läs_yaml(fil, str(fil), Rapport()).data or {}  # its errors are for `styrdok check`
    indikatorer = data.get("indikatorer")
    if not isinstance(indikatorer, dict):
        return set()
    return {i.get("kolada") for i in indikatorer.values() if isinstance(i, dict)}
