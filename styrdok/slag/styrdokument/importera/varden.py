"""Values as people write them in Word, read into what the front matter takes: dates
(``29 april 2021``, ``2021-04-29``, ``29/4 2021``, ``2021-04``), paragraphs (``§ 60``),
KFS numbers (``NKFS 2021:4``), and organs and document types matched to kommun.yml's ids
the way ``styrdok check`` suggests them (``föreslå``: exact, å/ä/ö as a/o, then close)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.grund.kallfil import läs_yaml
from styrdok.grund.modell import FÖRSTA_ÅRET, SISTA_ÅRET, Månad
from styrdok.grund.modellfel import föreslå

MÅNADER = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4,
    "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_M = "|".join(sorted(MÅNADER, key=len, reverse=True))
_DATUM = [
    (re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)"), (1, 2, 3)),
    (re.compile(rf"(?<!\d)(\d{{1,2}})(?::[ae])?\s+({_M})\.?\s+(\d{{4}})(?!\d)", re.I), (3, 2, 1)),
    (re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:\s*[-/]\s*|\s+)(\d{4})(?!\d)"), (3, 2, 1)),
    (re.compile(r"(?<![\d.])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?!\d)"), (3, 2, 1)),
]
_KOMPAKT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_MÅNAD = [
    (re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})(?![\d-])"), (1, 2)),
    (re.compile(rf"(?<!\w)({_M})\.?\s+(\d{{4}})(?!\d)", re.I), (2, 1)),
]
_PARAGRAF = re.compile(r"(?:§+|\bparagraf(?:\s+nr)?\.?)\s*(\d{1,5}\s?[a-z]?)(?![\w/])", re.I)
_BARA_TAL = re.compile(r"^\s*(\d{1,5}\s?[a-z]?)\s*$", re.I)
KFS = re.compile(r"(?<![A-Za-zÅÄÖåäö])([A-ZÅÄÖ]{1,8})\s*(\d{4})\s*:\s*(\d{1,4})(?!\d)")
_DNR = re.compile(r"\b(?:dnr|diarienr|diarienummer|diarie-nr)\.?:?\s*([^,;]+)", re.I)
TOMT = {"", "-", "–", "—", "…", "...", "x", "saknas", "ej angivet", "ej aktuellt", "nej"}
TILLSVIDARE = re.compile(r"^\s*(tills?\s*vidare|tillsvidare|ingen|obegränsad)\b", re.I)
_FYLLORD = re.compile(
    r"\b(?:av|i|på|vid|den|beslut|beslutad|beslutat|antagen|antaget|fastställd|fastställt|"
    r"godkänd|godkänt|sammanträde|sammanträdet|protokoll|kl|datum)\b\.?",
    re.I,
)


@dataclass(frozen=True)
class Kommunregister:
    """What the import needs of kommun.yml, as written (so a kommun.yml with mistakes
    elsewhere still imports): organs, document types, the KFS prefix, categories."""

    organ: dict[str, dict]
    typer: dict[str, dict]
    kfs_prefix: str
    kategorier: dict[str, str]

    @classmethod
    def läs(cls, rot: Path) -> Kommunregister:
        fil = rot / "content" / "kommun.yml"
        if not fil.is_file():
            raise StyrdokFel(
                "content/kommun.yml saknas; kör styrdok import i projektets katalog "
                "(den som innehåller content/), eller ange den med -C"
            )
        data = läs_yaml(fil, "content/kommun.yml", Rapport()).data
        if not isinstance(data, dict):
            raise StyrdokFel(
                "content/kommun.yml kan inte läsas; kör styrdok check och rätta den först"
            )
        organ = {str(k): v for k, v in (data.get("organ") or {}).items() if isinstance(v, dict)}
        typer = {
            str(k): v for k, v in (data.get("dokumenttyper") or {}).items() if isinstance(v, dict)
        }
        if not organ or not typer:
            raise StyrdokFel(
                "content/kommun.yml måste ange organ och dokumenttyper innan dokument importeras"
            )
        kategorier = data.get("kategorier") if isinstance(data.get("kategorier"), dict) else {}
        return cls(
            organ,
            typer,
            str(data.get("kfs_prefix") or ""),
            {str(k): str(v) for k, v in kategorier.items()},
        )

    def organnamn(self, organ_id: str) -> str:
        return str(self.organ.get(organ_id, {}).get("namn", organ_id))

    def typnamn(self, typ_id: str) -> str:
        return str(self.typer.get(typ_id, {}).get("namn", typ_id))

    def protokollför(self, organ_id: str) -> bool:
        """Whether the organ decides under § (politiska organ, bolag, kommunalförbund)."""
        return self.organ.get(organ_id, {}).get("typ") in ("politisk", "bolag", "kommunalförbund")

    def begränsad(self, typ_id: str) -> bool:
        return self.typer.get(typ_id, {}).get("giltighet") == "begränsad"


@dataclass(frozen=True)
class Träff:
    id: str
    exakt: bool


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def städa(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split()).strip(" ,;:.–—-")


_ÄNDELSER = (
    "n",
    "en",
    "s",
    "ns",
    "ens",
    "et",
    "ets",
    "t",
    "r",
    "er",
    "ar",
    "or",
    "na",
    "erna",
    "arna",
)
"""Swedish endings that leave a name the same name: Kommunstyrelse(n)(s), Riktlinje(r)."""


def _samma(a: str, b: str) -> bool:
    if a == b:
        return True
    kort, lång = sorted((a, b), key=len)
    if len(kort) < 3:
        return False
    if lång.startswith(kort) and lång[len(kort) :] in _ÄNDELSER:
        return True
    stam = kort[:-1] if kort[-1] in "ae" else None  # taxa → taxor
    return stam is not None and lång.startswith(stam) and lång[len(stam) :] in ("or", "ar", "er")


def slå_upp(text: str, register: dict[str, dict]) -> Träff | None:
    """An organ or document type by id, name or abbreviation, also in another form
    (``Kommunstyrelsens``, ``Riktlinjer``); else the one ``styrdok check`` would suggest
    (``menade du``), as a :class:`Träff` that is not ``exakt``."""
    text = städa(text)
    if not text:
        return None
    vikt = _ascii(text)
    namn: dict[str, str] = {}
    for i, v in register.items():
        n = str(v.get("namn", ""))
        namn[n] = i
        förkortning = _ascii(str(v.get("förkortning") or ""))
        if vikt == förkortning or _samma(vikt, _ascii(i)) or _samma(vikt, _ascii(n)):
            return Träff(i, True)
    if (träff := föreslå(text, list(register))) is not None:
        return Träff(träff, False)
    if (träff := föreslå(text, list(namn))) is not None:
        return Träff(namn[träff], False)
    return None


def typ_ur_titel(titel: str, typer: dict[str, dict]) -> str | None:
    """``Finanspolicy för …`` → policy, ``Riktlinjer för resor`` → riktlinje: the longest
    type whose name or id begins the title's first word or ends it."""
    ord_ = _ascii(titel).split()
    if not ord_:
        return None
    först = re.sub(r"[^a-z0-9-]", "", ord_[0])
    bäst = None
    for i, v in typer.items():
        for namn in {_ascii(i), _ascii(str(v.get("namn", "")))}:
            namn = namn.replace(" ", "")
            if len(namn) >= 4 and (först.startswith(namn) or först.endswith(namn)):
                if bäst is None or len(namn) > bäst[1]:
                    bäst = (i, len(namn))
    return bäst[0] if bäst else None


def _dag(år: str, månad: str, dag: str) -> dt.date | None:
    try:
        m = MÅNADER.get(månad.lower().rstrip("."), 0) if not månad.isdigit() else int(månad)
        d = dt.date(int(år), m, int(dag))
    except ValueError:
        return None
    return d if FÖRSTA_ÅRET <= d.year <= SISTA_ÅRET else None


def datum_i(text: str) -> list[tuple[dt.date, int, int]]:
    """Every full date in ``text`` with its span, in order."""
    funna: list[tuple[dt.date, int, int]] = []
    for mönster, (å, m, d) in _DATUM:
        for träff in mönster.finditer(text):
            if any(s < träff.end() and träff.start() < e for _, s, e in funna):
                continue
            if (dag := _dag(träff[å], träff[m], träff[d])) is not None:
                funna.append((dag, träff.start(), träff.end()))
    if not funna and (träff := _KOMPAKT.match(text)):
        if (dag := _dag(träff[1], träff[2], träff[3])) is not None:
            funna.append((dag, träff.start(1), träff.end(3)))
    return sorted(funna, key=lambda f: f[1])


def månad_i(text: str) -> list[tuple[dt.date, int, int]]:
    """Dates known only to the month (``2020-06``, ``juni 2020``), as :class:`Månad`."""
    funna = []
    for mönster, (å, m) in _MÅNAD:
        for träff in mönster.finditer(text):
            månad = MÅNADER.get(träff[m].lower()) if not träff[m].isdigit() else int(träff[m])
            if månad and 1 <= månad <= 12 and FÖRSTA_ÅRET <= int(träff[å]) <= SISTA_ÅRET:
                funna.append((Månad(int(träff[å]), månad, 1), träff.start(), träff.end()))
    return sorted(funna, key=lambda f: f[1])


def ett_datum(text: str) -> dt.date | None:
    funna = datum_i(text)
    return funna[0][0] if funna else None


def paragraf_i(text: str, ensam: bool = False) -> str | None:
    """``§ 60`` → "60"; with ``ensam`` also a bare number (the value of a § label)."""
    if träff := _PARAGRAF.search(text):
        return träff[1].replace(" ", "").lower()
    if ensam and (träff := _BARA_TAL.match(text)):
        return träff[1].replace(" ", "").lower()
    return None


def kfs_i(text: str, prefix: str) -> tuple[str, str] | None:
    """(written, ``ÅÅÅÅ:N``) of the first KFS number in ``text``; SFS (national law) is not one."""
    for träff in KFS.finditer(text):
        if träff[1] == "SFS" or (prefix and träff[1] != prefix and not träff[1].endswith("FS")):
            continue
        return träff[0], f"{träff[2]}:{int(träff[3])}"
    return None


def dnr_i(text: str) -> str | None:
    träff = _DNR.search(text)
    return städa(träff[1]) or None if träff else None


@dataclass
class Beslut:
    """What a combined value (``Kommunfullmäktige 2021-04-29 § 60``) says."""

    organ: Träff | None = None
    organtext: str = ""
    datum: dt.date | None = None
    paragraf: str | None = None
    diarienummer: str | None = None


def beslut(text: str, organ: dict[str, dict]) -> Beslut:
    ut = Beslut(datum=ett_datum(text), paragraf=paragraf_i(text), diarienummer=dnr_i(text))
    rest = _DNR.sub(" ", text)
    for _, s, e in sorted(datum_i(rest) + månad_i(rest), key=lambda f: -f[1]):
        rest = rest[:s] + " " + rest[e:]
    rest = _PARAGRAF.sub(" ", rest)
    rest = städa(_FYLLORD.sub(" ", rest))
    rest = re.sub(r"\s*[,;]\s*$", "", rest)
    if rest and re.search(r"[A-Za-zÅÄÖåäö]", rest):
        ut.organtext = rest
        ut.organ = slå_upp(rest, organ)
    return ut


def är_tomt(text: str) -> bool:
    return städa(text).lower() in TOMT


def gäller_för(text: str, organ: dict[str, dict]) -> list[str] | str:
    """A list of organ ids when every part names an organ exactly, else the text."""
    delar = [d for d in re.split(r"\s*[,;]\s*|\s+(?:och|samt)\s+(?=[A-ZÅÄÖ])", städa(text)) if d]
    träffar = [slå_upp(d, organ) for d in delar]
    if delar and all(t is not None and t.exakt for t in träffar):
        return list(dict.fromkeys(t.id for t in träffar if t))
    return städa(text)
