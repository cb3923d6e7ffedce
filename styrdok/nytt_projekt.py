"""``styrdok init``: a new kommun's project that checks and builds at once.

The files are in ``styrdok/projektmall/`` as a kommun would write them, with a few words
filled in: the kommun's name, its web address, the författningssamling's prefix and today's
dates. ``_gitignore`` and ``_github`` become ``.gitignore`` and ``.github``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.modell import år_senare

MALL = Path(__file__).resolve().parent / "projektmall"


def skapa(katalog: Path, kommun: str | None, prefix: str | None, idag: dt.date) -> list[Path]:
    """Write the project into ``katalog`` (created if missing); return the files written."""
    if (katalog / "content").exists():
        raise StyrdokFel(
            f"{katalog / 'content'} finns redan; välj en tom katalog för den nya kommunen"
        )
    if katalog.exists() and not katalog.is_dir():
        raise StyrdokFel(f"{katalog} är en fil, inte en katalog")
    kommun = (kommun or _namn_ur_katalog(katalog)).strip()
    if not kommun:
        raise StyrdokFel('ange kommunens namn med --kommun, t.ex. --kommun "Forsby kommun"')
    prefix = (prefix or _prefix(kommun)).strip()
    if not re.fullmatch(r"[A-ZÅÄÖ]{1,8}", prefix):
        raise StyrdokFel(
            f"--prefix {prefix!r}: författningssamlingens förkortning skrivs med 1–8 versaler, "
            "t.ex. FKFS"
        )
    ersättningar = {
        "@KOMMUN@": kommun,
        "@ADRESS@": _adress(kommun),
        "@PREFIX@": prefix,
        "@IDAG@": idag.isoformat(),
        "@ÅR@": str(idag.year),
        "@OM_TVÅ_ÅR@": år_senare(idag, 2).isoformat(),
        "@MÖTE@": (idag + dt.timedelta(days=14)).isoformat(),
    }
    skrivna = []
    for källa in sorted(p for p in MALL.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        relativ = källa.relative_to(MALL).as_posix()
        relativ = re.sub(r"(^|/)_(gitignore|github)\b", r"\1.\2", relativ)
        text = källa.read_text(encoding="utf-8")
        for gammalt, nytt in ersättningar.items():
            relativ, text = relativ.replace(gammalt, nytt), text.replace(gammalt, nytt)
        mål = katalog / relativ
        mål.parent.mkdir(parents=True, exist_ok=True)
        mål.write_text(text, encoding="utf-8")
        skrivna.append(mål)
    return skrivna


def _namn_ur_katalog(katalog: Path) -> str:
    """``forsby`` → ``Forsby kommun``."""
    namn = katalog.resolve().name.replace("-", " ").replace("_", " ").strip()
    if not namn:
        return ""
    namn = namn[0].upper() + namn[1:]
    return namn if namn.lower().endswith("kommun") else f"{namn} kommun"


def _prefix(kommun: str) -> str:
    """``Forsby kommun`` → ``FKFS`` (the first letter and KFS, as many kommuner do)."""
    bokstav = next((c for c in kommun.upper() if c.isalpha()), "K")
    bokstav = bokstav if re.fullmatch(r"[A-ZÅÄÖ]", bokstav) else "K"
    return f"{bokstav}KFS"


def _adress(kommun: str) -> str:
    """``Forsby kommun`` → ``forsby`` (for example addresses the kommun replaces)."""
    ord_ = kommun.lower().removesuffix(" kommun")
    ascii_ = unicodedata.normalize("NFKD", ord_).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "kommun"
