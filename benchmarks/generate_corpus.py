#!/usr/bin/env python3
"""Write a synthetic styrdok project with N styrdokument, for benchmarks.

    python benchmarks/generate_corpus.py 1000 benchmarks/out/corpus-1000 [--seed 1] [--check]

The project is Ekviks kommun (``content/kommun.yml`` of this repository, without
its ``logotyp`` so that no image files are needed) and N documents under
``content/styrdokument/<grupp>/<id>.md``. Front matter follows the source
format (CONTENT-SPEC): every ``beslutsinstans`` may decide its ``dokumenttyp``,
``paragraf`` exactly when the organ is political, ``giltig_till`` exactly when
the type's ``giltighet`` is ``begränsad``, about 20 % ``intranät`` and about
15 % in the författningssamling (``kfs`` numbered per year from 1 without gaps,
the year being the beslutsdatum's year, only for political ``webb`` documents).

Bodies are built from paragraphs of the real Swedish styrmodeller in
``/work/shared/seeds/*.txt`` with ``##``/``###`` headings, one bulleted list and
sometimes a small pipe table, 400–1500 words each. Everything comes from one
seeded ``random.Random``, so the same N and seed give byte-identical files.
No date depends on the clock: decisions fall in 2015–2025, and ``giltig_till``
and ``nästa_översyn`` lie in 2027–2029, so a build before 2027-12-31 sees no
"passed date" warnings.

``--check`` re-reads what was written and verifies every rule above (YAML parses
with ``yaml.safe_load``, keys, organs, dates, KFS numbering, shares, word counts,
Markdown hygiene); it exits 1 and lists the problems if any rule is broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

import yaml

REPO = Path(__file__).resolve().parent.parent
KOMMUN_YML = REPO / "content" / "kommun.yml"
SEED_DIR = REPO.parent / "shared" / "seeds"  # ../shared/seeds beside the checkout

FÖRSTA_BESLUTSDAG = dt.date(2015, 1, 1)
SISTA_BESLUTSDAG = dt.date(2025, 12, 31)
FÖRSTA_BEGRÄNSAD = dt.date(2023, 1, 1)  # begränsad types: recent, so giltig_till is ahead
ÖVERSYN_FRÅN, ÖVERSYN_TILL = dt.date(2027, 1, 1), dt.date(2029, 12, 31)

ANDEL_INTRANÄT = 0.20
ANDEL_KFS = 0.15
MIN_ORD, MAX_ORD = 400, 1500

# --------------------------------------------------------------------------- domain tables

# Relative frequency of each dokumenttyp in the corpus (sums to 100).
TYPVIKTER = {
    "reglemente": 5,
    "arbetsordning": 1,
    "foreskrift": 5,
    "taxa": 6,
    "bolagsordning": 2,
    "policy": 14,
    "program": 5,
    "plan": 9,
    "strategi": 4,
    "delegationsordning": 5,
    "riktlinje": 26,
    "handlingsplan": 4,
    "anvisning": 5,
    "rutin": 9,
}

# KFS category for a document of each type (types not listed use "allmanna").
KATEGORI_FÖR_TYP = {
    "reglemente": "reglementen",
    "arbetsordning": "reglementen",
    "foreskrift": "foreskrifter",
    "taxa": "taxor",
    "bolagsordning": "koncernen",
    "delegationsordning": "interna",
    "riktlinje": "interna",
}
# Types a kommun always puts in its författningssamling (KF's local rules).
KFS_TYPER = ("reglemente", "arbetsordning", "foreskrift", "taxa", "bolagsordning")


@dataclass(frozen=True)
class Grupp:
    organ: tuple[str, ...]
    """Organs that usually decide in this area, in order of preference."""
    ansvariga: tuple[str, ...]
    gäller_för: tuple[str, ...]
    ämnen: tuple[str, ...]
    diarieprefix: str


GRUPPER: dict[str, Grupp] = {
    "kommunledning": Grupp(
        ("kf", "ks", "kd", "lg"),
        ("Kommundirektör", "Kanslichef", "Kommunsekreterare"),
        (
            "hela kommunkoncernen",
            "kommunens samtliga förvaltningar",
            "förtroendevalda i Ekviks kommun",
        ),
        (
            "medborgardialog",
            "intern kontroll",
            "styrning och ledning",
            "krisberedskap",
            "mänskliga rättigheter",
            "jämställdhet",
            "kommunikation",
            "sociala medier",
            "arkiv och dokumenthantering",
            "hållbar utveckling",
            "näringslivsutveckling",
            "landsbygdsutveckling",
            "säkerhetsskydd",
            "internationellt arbete",
        ),
        "KS",
    ),
    "ekonomi": Grupp(
        ("kf", "ks", "kd", "fc"),
        ("Ekonomichef", "Upphandlingschef", "Redovisningschef"),
        (
            "hela kommunkoncernen",
            "kommunens samtliga förvaltningar",
            "förvaltningarna och de helägda bolagen",
        ),
        (
            "finansverksamheten",
            "upphandling och inköp",
            "god ekonomisk hushållning",
            "investeringar",
            "attest och utanordning",
            "representation och gåvor",
            "resultatutjämningsreserven",
            "fakturering och kravhantering",
            "borgen och lån",
            "direktupphandling",
            "kontanthantering",
        ),
        "KS",
    ),
    "personal": Grupp(
        ("ks", "kd", "fc", "lg"),
        ("HR-chef", "Kommundirektör", "Lönechef"),
        (
            "kommunens samtliga förvaltningar",
            "alla medarbetare i Ekviks kommun",
            "chefer i Ekviks kommun",
        ),
        (
            "arbetsmiljö",
            "lönebildning",
            "kompetensförsörjning",
            "rehabilitering",
            "likabehandling",
            "alkohol och droger",
            "friskvård",
            "distansarbete",
            "rekrytering",
            "resor i tjänsten",
            "bisysslor",
            "kränkande särbehandling",
            "introduktion av nyanställda",
        ),
        "KS",
    ),
    "utbildning": Grupp(
        ("bun", "fc"),
        ("Skolchef", "Förskolechef", "Verksamhetschef elevhälsa"),
        (
            "barn- och utbildningsförvaltningen",
            "kommunala förskolor och skolor",
            "förskola, grundskola och gymnasieskola",
        ),
        (
            "förskola",
            "grundskola",
            "skolskjuts",
            "elevhälsa",
            "modersmålsundervisning",
            "studie- och yrkesvägledning",
            "systematiskt kvalitetsarbete i skolan",
            "frånvaro i skolan",
            "digitalisering i skolan",
            "tilläggsbelopp",
            "fritidshem",
            "vuxenutbildning",
        ),
        "BUN",
    ),
    "socialtjanst": Grupp(
        ("son", "fc"),
        ("Socialchef", "Verksamhetschef äldreomsorg", "Medicinskt ansvarig sjuksköterska"),
        (
            "socialförvaltningen",
            "äldreomsorgen och funktionsstödet",
            "individ- och familjeomsorgen",
        ),
        (
            "hemtjänst",
            "ekonomiskt bistånd",
            "missbruks- och beroendevård",
            "våld i nära relationer",
            "särskilt boende",
            "insatser enligt LSS",
            "anhörigstöd",
            "placering av barn och unga",
            "äldreomsorg",
            "avvikelsehantering",
            "dokumentation i socialtjänsten",
            "hälso- och sjukvård",
        ),
        "SN",
    ),
    "samhallsbyggnad": Grupp(
        ("sbn", "kf", "ks", "fc"),
        ("Samhällsbyggnadschef", "Miljöchef", "Stadsarkitekt", "Gatuchef"),
        (
            "samhällsbyggnadsförvaltningen",
            "hela kommunens geografiska område",
            "kommunkoncernen och dess bolag",
        ),
        (
            "bostadsförsörjning",
            "översiktlig planering",
            "vatten och avlopp",
            "avfallshantering",
            "gator och parker",
            "vinterväghållning",
            "energi och klimat",
            "naturvård",
            "trafiksäkerhet",
            "markanvisning",
            "tillsyn enligt miljöbalken",
            "bygglov",
            "cykeltrafik",
            "dagvatten",
        ),
        "SBN",
    ),
    "kultur-fritid": Grupp(
        ("kfn", "fc"),
        ("Kultur- och fritidschef", "Bibliotekschef", "Fritidschef"),
        (
            "kultur- och fritidsförvaltningen",
            "föreningslivet i Ekviks kommun",
            "kommunens bibliotek",
        ),
        (
            "föreningsbidrag",
            "biblioteksverksamhet",
            "offentlig konst",
            "fritidsgårdar",
            "idrottsanläggningar",
            "kulturskolan",
            "friluftsliv",
            "evenemang",
            "kulturarv",
            "badplatser",
        ),
        "KFN",
    ),
    "it-och-sakerhet": Grupp(
        ("ks", "kd", "lg", "fc"),
        ("IT-chef", "Säkerhetschef", "Dataskyddsombud", "Informationssäkerhetssamordnare"),
        (
            "kommunens samtliga förvaltningar",
            "hela kommunkoncernen",
            "alla som använder kommunens IT-miljö",
        ),
        (
            "informationssäkerhet",
            "dataskydd",
            "e-post och telefoni",
            "behörighetshantering",
            "kontinuitetshantering",
            "digitalisering",
            "kameraövervakning",
            "lösenordshantering",
            "molntjänster",
            "incidenthantering",
        ),
        "KS",
    ),
}

# Qualifiers that tell apart documents of the same type and subject.
VERKSAMHETER: dict[str, list[str]] = {
    "kommunledning": [
        "för kommunkoncernen",
        "för de kommunala bolagen",
        "för förtroendevalda",
        "för kommunledningsförvaltningen",
    ],
    "ekonomi": [
        "för kommunkoncernen",
        "för de kommunala bolagen",
        "för ekonomiavdelningen",
        "vid bokslut",
    ],
    "personal": [
        "för chefer",
        "för timanställda",
        "i hemtjänsten",
        "i skolan",
        "för förtroendevalda",
    ],
    "utbildning": [
        "i förskolan",
        "i grundskolan",
        "i gymnasieskolan",
        "i vuxenutbildningen",
        "i fritidshemmet",
        "i grundsärskolan",
    ],
    "socialtjanst": [
        "i hemtjänsten",
        "inom särskilt boende",
        "inom individ- och familjeomsorgen",
        "inom LSS-verksamheten",
        "inom socialpsykiatrin",
    ],
    "samhallsbyggnad": [
        "i tätorten",
        "på landsbygden",
        "i hamnområdet",
        "vid nybyggnation",
        "för kommunens fastigheter",
    ],
    "kultur-fritid": [
        "för barn och unga",
        "för föreningar",
        "i Ekviks bibliotek",
        "vid kommunens anläggningar",
        "för seniorer",
    ],
    "it-och-sakerhet": [
        "för skolans IT-miljö",
        "för verksamhetssystem",
        "för mobila enheter",
        "i vård och omsorg",
        "för förtroendevalda",
    ],
}

# The definite form, to start a sammanfattning ("Policyn anger ...").
BESTÄMD_FORM = {
    "reglemente": "Reglementet",
    "arbetsordning": "Arbetsordningen",
    "foreskrift": "Föreskrifterna",
    "taxa": "Taxan",
    "bolagsordning": "Bolagsordningen",
    "policy": "Policyn",
    "program": "Programmet",
    "plan": "Planen",
    "strategi": "Strategin",
    "delegationsordning": "Delegationsordningen",
    "riktlinje": "Riktlinjen",
    "handlingsplan": "Handlingsplanen",
    "anvisning": "Anvisningen",
    "rutin": "Rutinen",
}

# Types whose titles name something specific: (title, grupp) pairs.
SÄRSKILDA_TITLAR: dict[str, list[tuple[str, str]]] = {
    "reglemente": [
        (f"Reglemente för {x}", "kommunledning")
        for x in (
            "kommunstyrelsen",
            "barn- och utbildningsnämnden",
            "socialnämnden",
            "samhällsbyggnadsnämnden",
            "kultur- och fritidsnämnden",
            "valnämnden",
            "överförmyndarnämnden",
            "revisionen",
            "krisledningsnämnden",
            "kommunala pensionärsrådet",
            "rådet för funktionshinderfrågor",
            "intern kontroll",
            "ekonomistyrning",
            "arvoden och ersättningar till förtroendevalda",
            "partistöd",
            "Ekviks ungdomsråd",
        )
    ],
    "arbetsordning": [
        (f"Arbetsordning för {x}", "kommunledning")
        for x in (
            "kommunfullmäktige",
            "fullmäktigeberedningar",
            "ungdomsfullmäktige",
            "demokratiberedningen",
        )
    ],
    "foreskrift": [
        (f"Lokala föreskrifter om {x}", "samhallsbyggnad")
        for x in (
            "avfallshantering",
            "torghandel",
            "hundhållning",
            "eldning utomhus",
            "fyrverkerier",
            "camping på allmän plats",
            "skydd för människors hälsa och miljön",
            "gaturenhållning och skyltning",
            "trafik i Ekviks centrum",
            "insamling av pengar",
            "badförbud vid hamnen",
        )
    ]
    + [("Allmänna lokala ordningsföreskrifter för Ekviks kommun", "kommunledning")],
    "taxa": [
        (f"Taxa för {x}", g)
        for x, g in (
            ("bygglov", "samhallsbyggnad"),
            ("avfall", "samhallsbyggnad"),
            ("vatten och avlopp", "samhallsbyggnad"),
            ("offentlig kontroll av livsmedel", "samhallsbyggnad"),
            ("prövning och tillsyn enligt miljöbalken", "samhallsbyggnad"),
            ("förskola och fritidshem", "utbildning"),
            ("hemtjänst", "socialtjanst"),
            ("kulturskolan", "kultur-fritid"),
            ("uthyrning av lokaler", "kultur-fritid"),
            ("felparkering", "samhallsbyggnad"),
            ("färdtjänst", "socialtjanst"),
            ("sotning", "samhallsbyggnad"),
            ("serveringstillstånd", "socialtjanst"),
            ("kopior av allmänna handlingar", "kommunledning"),
            ("måltider i äldreomsorgen", "socialtjanst"),
        )
    ],
    "bolagsordning": [
        (f"Bolagsordning för {x}", "ekonomi")
        for x in (
            "Ekviks Bostads AB",
            "Ekvik Energi AB",
            "Ekviks Hamn AB",
            "Ekviks Kommunfastigheter AB",
            "Ekvik Vatten AB",
            "Ekviks Stadshus AB",
        )
    ],
    "delegationsordning": [
        (f"Delegationsordning för {x}", g)
        for x, g in (
            ("kommunstyrelsen", "kommunledning"),
            ("barn- och utbildningsnämnden", "utbildning"),
            ("socialnämnden", "socialtjanst"),
            ("samhällsbyggnadsnämnden", "samhallsbyggnad"),
            ("kultur- och fritidsnämnden", "kultur-fritid"),
        )
    ],
}
DELEGATIONSORGAN = {
    "kommunstyrelsen": "ks",
    "barn- och utbildningsnämnden": "bun",
    "socialnämnden": "son",
    "samhällsbyggnadsnämnden": "sbn",
    "kultur- och fritidsnämnden": "kfn",
}

SAMMANFATTNINGAR = (
    "{Typ} anger hur Ekviks kommun arbetar med {ämne}.",
    "{Typ} beskriver ansvar, roller och arbetssätt för {ämne}.",
    "Dokumentet fastställer kommunens inriktning för {ämne} och hur arbetet följs upp.",
    "{Typ} ger stöd för ett likvärdigt och rättssäkert arbete med {ämne}.",
    "Här beskrivs vad som gäller för {ämne} och vem som ansvarar för vad.",
)
REVIDERINGSKOMMENTARER = (
    "Redaktionella ändringar.",
    "Anpassning till ny lagstiftning.",
    "Ändrade avgiftsnivåer.",
    "Nya ansvarsområden efter omorganisation.",
    "Förtydligande av roller och ansvar.",
    "Uppdaterade hänvisningar till andra styrdokument.",
    "Översyn utan ändringar i sak.",
    "Ändrad delegation till förvaltningschef.",
    "Tillägg om uppföljning och rapportering.",
)
RUBRIKER = (
    "Syfte",
    "Bakgrund",
    "Omfattning",
    "Utgångspunkter",
    "Ansvar och roller",
    "Mål och inriktning",
    "Genomförande",
    "Uppföljning och utvärdering",
    "Definitioner",
    "Organisation",
    "Styrning och ledning",
    "Samverkan",
    "Kommunikation",
    "Ekonomi",
    "Kvalitet och utveckling",
    "Tillämpning",
    "Delegation och beslut",
    "Rapportering",
    "Revidering av dokumentet",
    "Koppling till andra styrdokument",
    "Lagstiftning och nationella mål",
    "Principer",
    "Arbetssätt",
    "Information till invånare",
    "Planering",
    "Prioriteringar",
    "Risker och åtgärder",
    "Medarbetarnas ansvar",
    "Chefens ansvar",
    "Nämndernas ansvar",
    "Kommunstyrelsens uppsiktsplikt",
    "Avvikelser",
    "Dokumentation",
)
TABELLER = (
    (
        ("Aktivitet", "Ansvar", "Tidpunkt"),
        (
            "Uppföljning av mål",
            "Rapport till nämnd",
            "Revidering av dokumentet",
            "Riskanalys",
            "Internkontrollplan",
            "Dialog med verksamheten",
            "Redovisning till kommunstyrelsen",
            "Utbildning av chefer",
        ),
        (
            "Kommundirektör",
            "Förvaltningschef",
            "Ekonomichef",
            "Nämnden",
            "Enhetschef",
            "HR-chef",
            "Kanslichef",
        ),
        (
            "Januari",
            "Februari",
            "April",
            "Juni",
            "Augusti",
            "Oktober",
            "December",
            "Årligen",
            "Vid behov",
            "Varje tertial",
        ),
    ),
    (
        ("Nivå", "Beslutas av", "Giltighet"),
        ("Policy", "Program", "Plan", "Riktlinje", "Rutin", "Anvisning", "Strategi"),
        ("Kommunfullmäktige", "Kommunstyrelsen", "Nämnd", "Förvaltningschef", "Kommundirektör"),
        ("Tills vidare", "Mandatperioden", "Fyra år", "Ett år", "Tre år"),
    ),
    (
        ("Uppgift", "Kontaktperson", "Frist"),
        (
            "Anmälan",
            "Ansökan",
            "Yttrande",
            "Beslut",
            "Överklagande",
            "Återrapportering",
            "Registrering",
        ),
        ("Handläggare", "Enhetschef", "Registrator", "Nämndsekreterare", "Verksamhetschef"),
        ("Inom en vecka", "Inom tre veckor", "Senast 30 dagar", "Omgående", "Inom två månader"),
    ),
)
LISTINLEDNINGAR = (
    "Arbetet omfattar följande:",
    "Det innebär bland annat att",
    "Följande gäller:",
    "Ansvaret omfattar att",
    "Uppföljningen ska visa",
    "Särskilt viktigt är att",
)

# --------------------------------------------------------------------------- seed text


@dataclass
class Textförråd:
    stycken: list[str] = field(default_factory=list)
    punkter: list[str] = field(default_factory=list)
    rubriker: list[str] = field(default_factory=list)
    ord: dict[str, int] = field(default_factory=dict)
    """Word count of each paragraph."""
    korta: list[str] = field(default_factory=list)
    """Paragraphs short enough to open a document."""


_ORDNING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[•\-–+*o]|[a-zåäö]\))\s+")
_OTILLÅTNA = re.compile(r"[#|<>\[\]{}*_`~^$\\]")
_RUBRIK = re.compile(r"^[A-ZÅÄÖ][A-Za-zÅÄÖåäöé ,\-–]{2,60}$")
_MENING = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def rensa(text: str) -> str:
    """One line of plain Swedish prose without anything Markdown would interpret."""
    text = text.replace("\t", " ").replace("\u00a0", " ").replace("\uf0b7", " ").replace("=", "–")
    text = _OTILLÅTNA.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _ORDNING.sub("", text).strip()


def är_prosa(stycke: str, minsta_antal_ord: int) -> bool:
    ord_ = stycke.split()
    if len(ord_) < minsta_antal_ord or not stycke[0].isupper() or stycke[-1] not in ".!?":
        return False
    if "...." in stycke or "…" in stycke:
        return False
    siffror = sum(c.isdigit() for c in stycke)
    return siffror < 0.05 * len(stycke)


_KOMMUNER = "Vänersborg|Arboga|Nässjö|Forshaga|Ale"
_INTE_RUBRIKER = {"Innehåll", "Länkar", "GörStudera", "Lär", "Planera", "Budget", "Nämnd"}
_SMÅORD = {
    "och",
    "för",
    "till",
    "i",
    "på",
    "att",
    "vid",
    "med",
    "genom",
    "om",
    "samt",
    "det",
    "en",
    "ett",
    "ska",
    "vi",
    "som",
    "av",
    "från",
    "där",
    "därefter",
    "därpå",
    "sitt",
    "sina",
    "de",
}


def till_ekvik(text: str) -> str:
    """The seeds name five real kommuner; the corpus is about Ekvik."""
    text = re.sub(rf"\b(?:{_KOMMUNER})s?(?= kommun)", "Ekviks", text)
    text = re.sub(rf"\b(?:{_KOMMUNER})s\b", "Ekviks", text)
    return re.sub(rf"\b(?:{_KOMMUNER.replace('|Ale', '')})\b", "Ekvik", text)


def är_rubrik(ren: str, nästa: str | None) -> bool:
    """A short title line: the next line (if any) starts a sentence, and it is not a wrapped sentence start."""
    ord_ = ren.split()
    return (
        bool(_RUBRIK.match(ren))
        and len(ord_) <= 5
        and not ren.isupper()
        and ren[-1] not in ".:"
        and ord_[-1].lower() not in _SMÅORD
        and " - " not in ren
        and "Ekvik" not in ren
        and ren not in _INTE_RUBRIKER
        and (nästa is None or nästa[:1].isupper())
    )


def läs_frön(mapp: Path) -> Textförråd:
    """Paragraphs, list items and headings taken from the seed texts, cleaned up.

    The seeds are PDF/Word extracts: hard-wrapped lines, numbered headings glued
    to their first paragraph, bullets as •/-, a table of contents with tabs.
    """
    förråd = Textförråd()
    sedda: set[str] = set()
    rubriker: set[str] = set(RUBRIKER)
    for fil in sorted(mapp.glob("*.txt")):
        block: list[list[str]] = [[]]
        for rad in till_ekvik(fil.read_text(encoding="utf-8")).splitlines():
            if rad.strip():
                block[-1].append(rad)
            elif block[-1]:
                block.append([])
        for rader in block:
            if any("\t" in r or "...." in r for r in rader):
                continue  # table of contents, header tables
            rena = [(rad, rensa(rad)) for rad in rader]
            rena = [(rad, ren) for rad, ren in rena if ren]
            prosa: list[str] = []
            for i, (rad, ren) in enumerate(rena):
                if re.match(r"^\s*[•\-–]\s", rad) or rad.lstrip().startswith("\uf0b7"):
                    if 2 <= len(ren.split()) <= 25 and ren not in sedda:
                        sedda.add(ren)
                        förråd.punkter.append(ren.rstrip(",;"))
                    continue
                if not prosa and är_rubrik(ren, rena[i + 1][1] if i + 1 < len(rena) else None):
                    rubriker.add(ren)
                    continue
                prosa.append(ren)
            stycke = " ".join(prosa)
            stycke = re.sub(
                r"(\w)- (?=[a-zåäö])(?!och |eller |samt )", r"\1", stycke
            )  # hyphenation
            if är_prosa(stycke, 20) and stycke not in sedda:
                sedda.add(stycke)
                förråd.stycken.append(stycke)
                for mening in _MENING.split(stycke):
                    if 6 <= len(mening.split()) <= 18 and är_prosa(mening, 6):
                        förråd.punkter.append(mening.rstrip("."))
    förråd.rubriker = sorted(rubriker)
    förråd.ord = {s: antal_ord(s) for s in förråd.stycken}
    förråd.korta = [s for s in förråd.stycken if förråd.ord[s] < 200]
    if len(förråd.stycken) < 50:
        raise SystemExit(f"för lite text i {mapp}: {len(förråd.stycken)} stycken")
    return förråd


# --------------------------------------------------------------------------- the documents


@dataclass
class Dokument:
    grupp: str
    id: str
    titel: str
    ämne: str
    dokumenttyp: str
    beslutsinstans: str
    beslutsdatum: dt.date
    publicering: str = "webb"
    publicering_explicit: bool = False
    kfs: str | None = None
    meta: dict = field(default_factory=dict)


def läs_kommun(källa: Path) -> tuple[str, dict]:
    """kommun.yml's text without the ``logotyp`` key (no image files needed) and without
    ``kfs_utanför`` (the generated KFS numbers would collide with it), and its parsed form."""
    text = re.sub(r"(?m)^logotyp:.*\n", "", källa.read_text(encoding="utf-8"))
    text = re.sub(r"(?ms)^kfs_utanför:.*?(?=^\S|\Z)", "", text)
    return text, yaml.safe_load(text)


def slumpdatum(rng: Random, från: dt.date, till: dt.date) -> dt.date:
    return från + dt.timedelta(days=rng.randint(0, (till - från).days))


def slug(text: str) -> str:
    text = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].rstrip("-")


def beslutas_av(typ: dict) -> list[str]:
    """The organs of a type's ``beslutas_av``: a name, or ``{organ: …, villkor/samråd: …}``."""
    return [o["organ"] if isinstance(o, dict) else o for o in typ["beslutas_av"]]


def är_politisk(kommun: dict, organ: str) -> bool:
    return kommun["organ"][organ]["typ"] == "politisk"


def välj_organ(rng: Random, kommun: dict, typ: str, grupp: str) -> str:
    tillåtna = beslutas_av(kommun["dokumenttyper"][typ])
    föredragna = [o for o in GRUPPER[grupp].organ if o in tillåtna]
    return rng.choice(föredragna or tillåtna)


def unik_titel(
    rng: Random, titel: str, grupp: str, datum: dt.date, titlar: Counter[str], årtal_först: bool
) -> str:
    """The title, or a variant a kommun would plausibly use when the plain title is taken."""
    varianter = [f"{titel} {t}" for t in rng.sample(VERKSAMHETER[grupp], len(VERKSAMHETER[grupp]))]
    if not re.search(r"\d{4}–\d{4}$", titel):  # a begränsad title carries its period already
        varianter.insert(0 if årtal_först else len(varianter), f"{titel} {datum.year}")
    varianter.insert(0, titel)
    for variant in varianter:
        if not titlar[variant]:
            titlar[variant] += 1
            return variant
    titlar[titel] += 1
    return f"{titel} ({titlar[titel]})"


def planera(n: int, rng: Random, kommun: dict) -> list[Dokument]:
    """Choose type, area, organ, title and decision date of every document."""
    typer = list(TYPVIKTER)
    vikter = [TYPVIKTER[t] for t in typer]
    titlar: Counter[str] = Counter()
    ider: set[str] = set()
    dokument = []
    for _ in range(n):
        typ = rng.choices(typer, vikter)[0]
        typnamn = kommun["dokumenttyper"][typ]["namn"]
        begränsad = kommun["dokumenttyper"][typ]["giltighet"] == "begränsad"
        datum = slumpdatum(
            rng, FÖRSTA_BEGRÄNSAD if begränsad else FÖRSTA_BESLUTSDAG, SISTA_BESLUTSDAG
        )
        if typ in SÄRSKILDA_TITLAR:
            titel, grupp = rng.choice(SÄRSKILDA_TITLAR[typ])
            ämne = titel.split(" för ", 1)[-1].split(" om ", 1)[-1]
        else:
            grupp = rng.choice(list(GRUPPER))
            ämne = rng.choice(GRUPPER[grupp].ämnen)
            titel = f"{typnamn} för {ämne}"
        organ = välj_organ(rng, kommun, typ, grupp)
        if typ == "delegationsordning":
            organ = DELEGATIONSORGAN[ämne]
        if begränsad:
            titel += f" {datum.year}–{datum.year + 4}"
        titel = unik_titel(rng, titel, grupp, datum, titlar, årtal_först=typ in SÄRSKILDA_TITLAR)
        id_ = bas = slug(titel)
        for k in range(2, n + 2):
            if id_ not in ider:
                break
            id_ = f"{bas}-{k}"
        ider.add(id_)
        dokument.append(Dokument(grupp, id_, titel, ämne, typ, organ, datum))
    return dokument


def välj_kfs(rng: Random, dokument: list[Dokument], kommun: dict) -> None:
    """Put round(15 % · N) political webb documents in the författningssamling and number them."""
    mål = round(ANDEL_KFS * len(dokument))
    möjliga = [
        d
        for d in dokument
        if är_politisk(kommun, d.beslutsinstans)
        and kommun["dokumenttyper"][d.dokumenttyp].get("publicering", "webb") == "webb"
    ]
    främst = [d for d in möjliga if d.dokumenttyp in KFS_TYPER]
    övriga = [d for d in möjliga if d.dokumenttyp not in KFS_TYPER]
    ur_främst = min(len(främst), -(-mål * 3 // 4))
    valda = rng.sample(främst, ur_främst)
    valda += rng.sample(övriga, min(len(övriga), mål - len(valda)))
    if len(valda) < mål:  # small N: top up from whatever is left
        rest = [d for d in främst if d not in valda]
        valda += rng.sample(rest, min(len(rest), mål - len(valda)))
    per_år: dict[int, list[Dokument]] = defaultdict(list)
    for d in valda:
        per_år[d.beslutsdatum.year].append(d)
    for år, lista in per_år.items():
        for nummer, d in enumerate(sorted(lista, key=lambda d: (d.beslutsdatum, d.id)), start=1):
            d.kfs = f"{år}:{nummer}"


def välj_publicering(rng: Random, dokument: list[Dokument], kommun: dict) -> None:
    """Make exactly round(20 % · N) documents intranät, never one in the författningssamling."""
    for d in dokument:
        d.publicering = kommun["dokumenttyper"][d.dokumenttyp].get("publicering", "webb")
        d.publicering_explicit = rng.random() < 0.5
    mål = round(ANDEL_INTRANÄT * len(dokument))
    intranät = [d for d in dokument if d.publicering == "intranät"]
    if len(intranät) > mål:
        for d in rng.sample(intranät, len(intranät) - mål):
            d.publicering, d.publicering_explicit = "webb", True
    elif len(intranät) < mål:
        kandidater = [d for d in dokument if d.publicering == "webb" and d.kfs is None]
        # internal documents are what a kommun keeps off its website: tjänsteperson decisions first
        kandidater.sort(key=lambda d: (är_politisk(kommun, d.beslutsinstans), rng.random()))
        for d in kandidater[: mål - len(intranät)]:
            d.publicering, d.publicering_explicit = "intranät", True


def diarienummer(rng: Random, d: Dokument) -> str:
    prefix = {"bun": "BUN", "son": "SN", "sbn": "SBN", "kfn": "KFN"}.get(
        d.beslutsinstans, GRUPPER[d.grupp].diarieprefix
    )
    år = d.beslutsdatum.year - (1 if rng.random() < 0.3 else 0)
    return f"{prefix} {år}/{rng.randint(12, 980)}"


def revideringar(rng: Random, d: Dokument, kommun: dict) -> list[dict]:
    första = d.beslutsdatum + dt.timedelta(days=60)
    if första >= SISTA_BESLUTSDAG:
        return []
    datum = sorted({slumpdatum(rng, första, SISTA_BESLUTSDAG) for _ in range(rng.randint(1, 3))})
    poster = []
    for dag in datum:
        post: dict = {"datum": dag, "beslutsinstans": d.beslutsinstans}
        if är_politisk(kommun, d.beslutsinstans):
            post["paragraf"] = rng.randint(1, 240)
        post["kommentar"] = rng.choice(REVIDERINGSKOMMENTARER)
        poster.append(post)
    return poster


def metadata(rng: Random, d: Dokument, kommun: dict) -> dict:
    """The front matter, in the order a person would write it."""
    typ = kommun["dokumenttyper"][d.dokumenttyp]
    grupp = GRUPPER[d.grupp]
    m: dict = {
        "titel": d.titel,
        "dokumenttyp": d.dokumenttyp,
        "beslutsinstans": d.beslutsinstans,
        "beslutsdatum": d.beslutsdatum,
    }
    for post in typ["beslutas_av"]:
        if isinstance(post, dict) and post["organ"] == d.beslutsinstans and post.get("samråd"):
            m["samråd"] = list(post["samråd"])
    if är_politisk(kommun, d.beslutsinstans):
        m["paragraf"] = rng.randint(1, 240)
    if rng.random() < 0.85:
        m["diarienummer"] = diarienummer(rng, d)
    m["dokumentansvarig"] = rng.choice(grupp.ansvariga)
    if rng.random() < 0.35:
        m["gäller_för"] = rng.choice(grupp.gäller_för)
    if d.publicering_explicit:
        m["publicering"] = d.publicering
    if typ["giltighet"] == "begränsad":
        m["giltig_till"] = dt.date(d.beslutsdatum.year + 4, 12, 31)
    if rng.random() < 0.4:
        m["nästa_översyn"] = slumpdatum(rng, ÖVERSYN_FRÅN, ÖVERSYN_TILL)
    if rng.random() < 0.25 and (poster := revideringar(rng, d, kommun)):
        m["revideringar"] = poster
    if d.kfs:
        m["kfs"] = d.kfs
        m["kategori"] = KATEGORI_FÖR_TYP.get(d.dokumenttyp, "allmanna")
    m["sammanfattning"] = rng.choice(SAMMANFATTNINGAR).format(
        Typ=BESTÄMD_FORM.get(d.dokumenttyp, "Dokumentet"), ämne=d.ämne
    )
    return m


# --------------------------------------------------------------------------- bodies


def antal_ord(text: str) -> int:
    return len(text.split())


def punktlista(rng: Random, förråd: Textförråd) -> str:
    punkter = rng.sample(förråd.punkter, rng.randint(3, 6))
    return rng.choice(LISTINLEDNINGAR) + "\n\n" + "\n".join(f"- {p}" for p in punkter)


def tabell(rng: Random) -> str:
    rubriker, *kolumner = rng.choice(TABELLER)
    rader = [f"| {' | '.join(rubriker)} |", "|" + "---|" * len(rubriker)]
    for _ in range(rng.randint(2, 4)):
        rader.append(f"| {' | '.join(rng.choice(k) for k in kolumner)} |")
    return "\n".join(rader)


def brödtext(rng: Random, förråd: Textförråd) -> str:
    """400–1500 words: an introduction, ## sections (some with ###), one list, maybe a table."""
    mål = rng.randint(MIN_ORD + 50, MAX_ORD - 200)
    tak = MAX_ORD - 220  # room left for the list, the table and a heading
    rubriker = rng.sample(förråd.rubriker, 24)
    delar: list[str] = [rng.choice(förråd.korta)]
    ord_ = antal_ord(delar[0])
    lista_i = rng.randint(1, 3)  # the list goes into this section
    tabell_i = rng.randint(2, 4) if rng.random() < 0.3 else -1
    avsnitt = 0

    def lägg_till(del_: str) -> None:
        nonlocal ord_
        delar.append(del_)
        ord_ += antal_ord(del_)

    while ord_ < mål and rubriker:
        avsnitt += 1
        nivå = "###" if avsnitt > 1 and rng.random() < 0.3 else "##"
        lägg_till(f"{nivå} {rubriker.pop()}")
        tillagda = 0
        for _ in range(rng.randint(1, 4)):
            kvar = tak - ord_
            stycke = next(
                (
                    s
                    for s in (rng.choice(förråd.stycken) for _ in range(12))
                    if förråd.ord[s] <= kvar
                ),
                None,
            )
            if stycke is None:
                break
            lägg_till(stycke)
            tillagda += 1
            if ord_ >= mål:
                break
        if not tillagda:
            ord_ -= antal_ord(delar.pop())
            break
        if avsnitt == lista_i or (ord_ >= mål and lista_i):
            lägg_till(punktlista(rng, förråd))
            lista_i = 0
        if avsnitt == tabell_i:
            lägg_till(tabell(rng))
    if lista_i:
        delar.append(punktlista(rng, förråd))
    return "\n\n".join(delar) + "\n"


# --------------------------------------------------------------------------- writing


_PLAIN = re.compile(r"[A-Za-zÅÄÖåäöéü][\wÅÄÖåäöéü ,.()/–-]*")
_YAML_ORD = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yamlvärde(v: object) -> str:
    """A scalar as a person would type it: dates and numbers bare, text plain unless it needs quotes."""
    if isinstance(v, (dt.date, int)):
        return str(v)
    text = str(v)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_ORD and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def front_matter(meta: dict) -> str:
    rader = []
    for nyckel, värde in meta.items():
        if isinstance(värde, list) and all(isinstance(post, str) for post in värde):
            rader.append(f"{nyckel}: [{', '.join(yamlvärde(post) for post in värde)}]")
        elif isinstance(värde, list):
            rader.append(f"{nyckel}:")
            for post in värde:
                fält = [f"{k}: {yamlvärde(v)}" for k, v in post.items()]
                rader.append("  - " + "\n    ".join(fält))
        elif nyckel == "kfs":
            rader.append(f'kfs: "{värde}"')
        else:
            rader.append(f"{nyckel}: {yamlvärde(värde)}")
    return "\n".join(rader) + "\n"


def skriv_dokument(fil: Path, meta: dict, text: str) -> None:
    fil.write_text(f"---\n{front_matter(meta)}---\n\n{text}", encoding="utf-8")


def generera(
    n: int, utmapp: Path, seed: int = 1, frön: Path = SEED_DIR, kommunfil: Path = KOMMUN_YML
) -> dict:
    """Write the project; returns a summary (counts) of what was written."""
    rng = Random(seed)
    kommuntext, kommun = läs_kommun(kommunfil)
    förråd = läs_frön(frön)
    dokument = planera(n, rng, kommun)
    välj_kfs(rng, dokument, kommun)
    välj_publicering(rng, dokument, kommun)

    innehåll = utmapp / "content"
    shutil.rmtree(innehåll, ignore_errors=True)
    (innehåll / "styrdokument").mkdir(parents=True)
    (innehåll / "kommun.yml").write_text(kommuntext, encoding="utf-8")
    ord_totalt = 0
    for d in dokument:
        d.meta = metadata(rng, d, kommun)
        text = brödtext(rng, förråd)
        ord_totalt += antal_ord(text)
        mapp = innehåll / "styrdokument" / d.grupp
        mapp.mkdir(exist_ok=True)
        skriv_dokument(mapp / f"{d.id}.md", d.meta, text)
    return {
        "dokument": n,
        "ord": ord_totalt,
        "intranät": sum(d.publicering == "intranät" for d in dokument),
        "kfs": sum(d.kfs is not None for d in dokument),
    }


# --------------------------------------------------------------------------- --check

TILLÅTNA_NYCKLAR = {
    "titel",
    "dokumenttyp",
    "beslutsinstans",
    "samråd",
    "beslutsdatum",
    "paragraf",
    "diarienummer",
    "dokumentansvarig",
    "gäller_för",
    "publicering",
    "giltig_till",
    "nästa_översyn",
    "revideringar",
    "kfs",
    "kategori",
    "sammanfattning",
}
KRÄVDA_NYCKLAR = {
    "titel",
    "dokumenttyp",
    "beslutsinstans",
    "beslutsdatum",
    "dokumentansvarig",
    "sammanfattning",
}


def dela_front_matter(text: str) -> tuple[str, str]:
    if not text.startswith("---\n"):
        raise ValueError("börjar inte med ---")
    slut = text.index("\n---\n", 3)
    return text[4 : slut + 1], text[slut + 5 :]


def kontrollera_brödtext(fel, text: str) -> None:
    if "<" in text:
        fel("brödtexten innehåller <")
    ord_ = antal_ord(text)
    if not MIN_ORD <= ord_ <= MAX_ORD:
        fel(f"brödtexten har {ord_} ord")
    rader = text.splitlines()
    if not any(r.startswith("## ") for r in rader):
        fel("ingen ##-rubrik")
    if (
        sum(
            1
            for i, r in enumerate(rader)
            if r.startswith("- ") and (i == 0 or not rader[i - 1].startswith("- "))
        )
        != 1
    ):
        fel("inte exakt en punktlista")
    tabell: list[str] = []
    for rad in rader + [""]:
        if rad.startswith("#") and not re.match(r"^#{2,3} \S", rad):
            fel(f"otillåten rubrikrad: {rad[:40]!r}")
        if rad.startswith("|"):
            tabell.append(rad)
            continue
        if tabell:
            celler = {r.count("|") for r in tabell}
            if len(celler) != 1 or len(tabell) < 3 or not re.fullmatch(r"\|(---\|)+", tabell[1]):
                fel(f"trasig tabell: {tabell[0][:40]!r}")
            tabell = []
        if rad and (rad[0] in ">=*+`" or re.match(r"^\d+\. ", rad)):
            fel(f"rad som blir Markdown-syntax: {rad[:40]!r}")


def kontrollera_meta(fel, m: dict, kommun: dict) -> None:
    if not isinstance(m, dict):
        return fel("front matter är ingen mappning")
    if okända := set(m) - TILLÅTNA_NYCKLAR:
        fel(f"okända nycklar {sorted(okända)}")
    if saknas := KRÄVDA_NYCKLAR - set(m):
        return fel(f"saknar {sorted(saknas)}")
    typ = kommun["dokumenttyper"].get(m["dokumenttyp"])
    if typ is None:
        return fel(f"okänd dokumenttyp {m['dokumenttyp']}")
    organ = m["beslutsinstans"]
    if organ not in beslutas_av(typ):
        fel(f"{organ} får inte besluta {m['dokumenttyp']}")
    politisk = kommun["organ"][organ]["typ"] == "politisk"
    beslut = m["beslutsdatum"]
    if type(beslut) is not dt.date or not FÖRSTA_BESLUTSDAG <= beslut <= SISTA_BESLUTSDAG:
        fel(f"beslutsdatum {beslut!r}")
    if politisk != ("paragraf" in m) or ("paragraf" in m and type(m["paragraf"]) is not int):
        fel("paragraf ska finnas (heltal) precis när organet är politiskt")
    if "diarienummer" in m and not re.fullmatch(r"[A-ZÅÄÖ]+ \d{4}/\d+", str(m["diarienummer"])):
        fel(f"diarienummer {m['diarienummer']!r}")
    for nyckel in ("titel", "dokumentansvarig", "sammanfattning", "gäller_för"):
        if nyckel in m and (not isinstance(m[nyckel], str) or not m[nyckel].strip()):
            fel(f"{nyckel} ska vara en text")
    if m.get("sammanfattning", "").count(". ") or not m.get("sammanfattning", ".").endswith("."):
        fel("sammanfattning ska vara en mening")
    if m.get("publicering", "webb") not in ("webb", "intranät"):
        fel(f"publicering {m['publicering']!r}")
    begränsad = typ["giltighet"] == "begränsad"
    if begränsad != ("giltig_till" in m):
        fel("giltig_till ska finnas precis när giltigheten är begränsad")
    for nyckel in ("giltig_till", "nästa_översyn"):
        if nyckel in m and (type(m[nyckel]) is not dt.date or m[nyckel] <= dt.date.today()):
            fel(f"{nyckel} {m[nyckel]!r} är inget framtida datum")
    for post in m.get("revideringar", []):
        if not isinstance(post, dict) or not {"datum", "beslutsinstans", "kommentar"} <= set(
            post
        ) <= {"datum", "beslutsinstans", "paragraf", "kommentar"}:
            fel(f"revidering {post!r}")
            continue
        if type(post["datum"]) is not dt.date or not beslut < post["datum"] <= SISTA_BESLUTSDAG:
            fel(f"revideringsdatum {post['datum']!r}")
        if post["beslutsinstans"] not in beslutas_av(typ):
            fel(f"revidering av {post['beslutsinstans']}")
        if (kommun["organ"][post["beslutsinstans"]]["typ"] == "politisk") != isinstance(
            post.get("paragraf"), int
        ):
            fel("revideringens paragraf")
    if ("kfs" in m) != ("kategori" in m):
        fel("kfs och kategori hör ihop")
    if "kfs" in m:
        kfs = m["kfs"]
        if not isinstance(kfs, str) or not re.fullmatch(r"\d{4}:[1-9]\d*", kfs):
            fel(f"kfs {kfs!r} är ingen text ÅÅÅÅ:N")
        elif int(kfs.split(":")[0]) != beslut.year:
            fel(f"kfs {kfs} har inte beslutsårets år")
        if not politisk or m.get("publicering", typ.get("publicering", "webb")) != "webb":
            fel("kfs på ett dokument som inte är politiskt beslutat och webb")
        if m["kategori"] not in kommun["kategorier"]:
            fel(f"okänd kategori {m['kategori']}")


def kontrollera(utmapp: Path, n: int, kommunfil: Path = KOMMUN_YML) -> list[str]:
    """Every rule of the module docstring, on the files as written. Returns the problems."""
    problem: list[str] = []
    innehåll = utmapp / "content"
    kommun = yaml.safe_load((innehåll / "kommun.yml").read_text(encoding="utf-8"))
    förväntad = yaml.safe_load(kommunfil.read_text(encoding="utf-8"))
    förväntad.pop("logotyp", None)
    förväntad.pop("kfs_utanför", None)
    if kommun != förväntad:
        problem.append("content/kommun.yml: skiljer sig från källan (utöver logotyp, kfs_utanför)")
    filer = sorted((innehåll / "styrdokument").glob("*/*.md"))
    if len(filer) != n:
        problem.append(f"{len(filer)} dokument, väntade {n}")
    kfs_per_år: dict[int, list[int]] = defaultdict(list)
    titlar: Counter[str] = Counter()
    intranät = 0
    for fil in filer:
        namn = fil.relative_to(utmapp)

        def fel(meddelande: str, namn=namn) -> None:
            problem.append(f"{namn}: {meddelande}")

        try:
            front, text = dela_front_matter(fil.read_text(encoding="utf-8"))
            m = yaml.safe_load(front)
        except (ValueError, yaml.YAMLError) as e:
            fel(f"front matter: {e}")
            continue
        kontrollera_meta(fel, m, kommun)
        kontrollera_brödtext(fel, text)
        if not isinstance(m, dict) or m.get("dokumenttyp") not in kommun["dokumenttyper"]:
            continue
        titlar[m.get("titel")] += 1
        standard = kommun["dokumenttyper"][m["dokumenttyp"]].get("publicering", "webb")
        intranät += m.get("publicering", standard) == "intranät"
        if isinstance(m.get("kfs"), str) and ":" in m["kfs"]:
            år, nummer = m["kfs"].split(":")
            kfs_per_år[int(år)].append(int(nummer))
    if dubbletter := [t for t, k in titlar.items() if k > 1]:
        problem.append(f"dubbla titlar: {dubbletter[:5]}")
    for år, nummer in sorted(kfs_per_år.items()):
        if sorted(nummer) != list(range(1, len(nummer) + 1)):
            problem.append(
                f"kfs {år}: numreringen är inte 1..{len(nummer)} utan luckor: {sorted(nummer)}"
            )
    antal_kfs = sum(len(v) for v in kfs_per_år.values())
    for vad, antal, andel in (
        ("intranät", intranät, ANDEL_INTRANÄT),
        ("kfs", antal_kfs, ANDEL_KFS),
    ):
        if abs(antal - round(andel * n)) > max(1, n // 100):
            problem.append(f"{antal} {vad}-dokument, väntade ungefär {round(andel * n)}")
    return problem


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Deletes OUTDIR/content before writing; nothing else in OUTDIR is touched.",
    )
    p.add_argument("n", type=int, metavar="N", help="number of styrdokument")
    p.add_argument(
        "outdir",
        type=Path,
        metavar="OUTDIR",
        help="project directory to write (content/ inside it)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=1,
        help="RNG seed (default 1); same N and seed give the same files",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="verify every rule on the written files; exit 1 on problems",
    )
    p.add_argument(
        "--seeds",
        type=Path,
        default=SEED_DIR,
        help=f"folder of seed .txt files (default {SEED_DIR})",
    )
    p.add_argument(
        "--kommun",
        type=Path,
        default=KOMMUN_YML,
        help="kommun.yml to copy (default: the repository's)",
    )
    a = p.parse_args(argv)
    if a.n < 1:
        p.error("N must be at least 1")
    start = time.perf_counter()
    summa = generera(a.n, a.outdir, a.seed, a.seeds, a.kommun)
    print(
        f"{summa['dokument']} dokument ({summa['ord']} ord, {summa['intranät']} intranät, "
        f"{summa['kfs']} i författningssamlingen) i {a.outdir / 'content'} "
        f"på {time.perf_counter() - start:.2f} s"
    )
    if a.check:
        problem = kontrollera(a.outdir, a.n, a.kommun)
        for rad in problem:
            print(rad, file=sys.stderr)
        print(f"--check: {len(problem)} problem", file=sys.stderr if problem else sys.stdout)
        return 1 if problem else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
