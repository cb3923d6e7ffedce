"""The labels kommuner write in a document's metadata block, and what each one means.

A label maps to a front-matter key, to a combined decision (``Beslutad: KF 2021-04-29 § 60``),
or to :data:`INGEN` for facts styrdok keeps elsewhere or not at all (status, version …),
which the report names as not carried over. Labels are compared without case, surrounding
punctuation or å/ä/ö (``Beslutsinstans:``, ``beslutsinstans``, ``Beslutsinstans.``)."""

from __future__ import annotations

import re
import unicodedata

INGEN = "-"
"""A known label that styrdok has no key for."""
BESLUT = "beslut"
"""A combined decision: organ, date and § in one value."""
DATUM = "datum"
"""A date that is the decision's only when nothing better is found."""

_ETIKETTER = {
    "titel": "titel, dokumenttitel, dokumentnamn, dokumentets namn, namn på dokumentet",
    "dokumenttyp": "dokumenttyp, dokumentslag, typ av dokument, styrdokumenttyp, "
    "typ av styrdokument, dokumenttyp enligt styrdokumentmodellen",
    "beslutsinstans": "beslutsinstans, beslutande, beslutande organ, beslutsorgan, "
    "beslutande instans, beslutat av, beslutad av, beslutas av, beslutats av, fastställd av, "
    "fastställt av, fastställs av, antagen av, antaget av, antagna av, antas av, godkänd av, "
    "godkänt av, instans, organ",
    BESLUT: "beslut, beslutad, beslutat, antagen, antaget, antagna, fastställd, fastställt, "
    "godkänd, godkänt, beslutshänvisning, beslutsreferens, protokoll, beslutsprotokoll",
    "beslutsdatum": "beslutsdatum, datum för beslut, datum för beslutet, beslutad datum, "
    "beslutsdag, antagandedatum, fastställelsedatum, fastställandedatum, antagen datum, "
    "antagen den, antaget den, beslutad den, beslutat den, fastställd den, fastställt den, "
    "datum för fastställelse, datum för antagande, datum för fastställande, antagen datum",
    DATUM: "datum, dokumentdatum, upprättad, upprättat, upprättad datum",
    "paragraf": "§, paragraf, paragrafnummer, protokollsparagraf, beslutsparagraf, § nr, "
    "§-nummer, paragraf nr, §§",
    "diarienummer": "diarienummer, diarienr, dnr, diarie-nr, diarie nr, ärendenummer, "
    "ärendenr, ärende nr, ärende-nr",
    "dokumentansvarig": "dokumentansvarig, ansvarig, ansvarig för dokumentet, "
    "ansvarig för revidering, ansvarig för revideringen, ansvarig för uppföljning, "
    "ansvarig för uppdatering, dokumentägare, ägare, ansvarig tjänsteperson, ansvarig funktion, "
    "processägare, ansvarig för aktualisering, ansvarig för aktualitet",
    "gäller_för": "gäller för, omfattar, målgrupp, tillämpas av, giltigt för, giltig för, "
    "dokumentet gäller för, gäller",
    "giltig_till": "giltig till, giltigt till, gäller till, gäller till och med, giltighetstid, "
    "giltig t.o.m, gäller t.o.m, giltig tom, sista giltighetsdag, giltighet, gäller t o m",
    "ikraftträdande": "ikraftträdande, träder i kraft, gäller från, gäller från och med, "
    "giltig från, giltigt från, gäller fr.o.m, giltig fr.o.m, ikraftträdandedatum, i kraft från, "
    "gäller fr o m, giltig fr o m, i kraft",
    "nästa_översyn": "nästa översyn, översyn, översyn senast, ses över, ses över senast, "
    "ska ses över senast, revideras senast, nästa revidering, aktualitetsprövning, "
    "aktualiseras senast, nästa aktualitetsprövning, aktualitetsprövas senast, "
    "revideras, uppföljning senast",
    "revideringar": "reviderad, senast reviderad, reviderat, senast reviderat, revidering, "
    "revideringar, senaste revidering, revideringsdatum, reviderad datum, ändrad, senast ändrad, "
    "reviderad den, senast reviderad den",
    "samråd": "samråd, samråd med, samrådsorgan, samråd har skett med",
    "kfs": "författningssamling, kfs, kfs-nummer, kfs nr, nummer i författningssamlingen, "
    "författningsnummer, författningssamlingsnummer",
    "kategori": "kategori",
    "sammanfattning": "sammanfattning",
    "ersätter": "ersätter, ersätter dokument, ersätter tidigare, upphäver och ersätter, "
    "ersätter tidigare dokument, tidigare version",
    "upphäver": "upphäver",
    "ändrar": "ändrar",
    INGEN: "status, version, versionsnummer, utgåva, sida, sidnummer, handläggare, "
    "upprättad av, författare, dokumentid, dokument-id, sekretess, informationsklass, "
    "informationsklassning, klassificering, förvaltning, avdelning, enhet, relaterade dokument, "
    "bilagor, bilaga, senast sparad, sparad, skapad, skapat, uppdaterad, senast uppdaterad, "
    "mall, dokumentmall, sökord, nyckelord, ansvarig nämnd",
}


def normalisera(text: str) -> str:
    """A label as compared: lower case, å/ä/ö as a/o, single spaces, no end punctuation."""
    text = text.replace("\xa0", " ").strip().strip(":;.–—- \t").strip().lower()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.replace("§", " § ").split()).replace("§ §", "§§")


ETIKETTER: dict[str, str] = {
    normalisera(etikett): nyckel
    for nyckel, namn in _ETIKETTER.items()
    for etikett in namn.split(",")
}

_LÄNGSTA = max(len(e.split()) for e in ETIKETTER)
_SKILJE = re.compile(r"^(.{1,60}?)\s*(?::|\t|\s[–—-]\s)\s*(.*)$", re.DOTALL)


def nyckel(etikett: str) -> str | None:
    """The key a label means, or None when it is no label styrdok knows."""
    if not etikett or len(etikett) > 70:
        return None
    return ETIKETTER.get(normalisera(etikett))


def dela(text: str) -> tuple[str, str, str, bool] | None:
    """``Beslutsinstans: Kommunstyrelsen`` → (key, label, value, True); ``Dnr KS 2021/12`` and
    ``§ 60`` → (…, False): without a colon, tab or dash between label and value the caller
    decides whether the value is plausible. None when the text starts with no known label."""
    text = text.strip()
    if träff := _SKILJE.match(text):
        if (n := nyckel(träff[1])) is not None:
            return n, träff[1].strip(), träff[2].strip(), True
    if text.startswith("§") and not text.startswith("§§"):
        return "paragraf", "§", text[1:].strip(" :"), False
    ord_ = list(re.finditer(r"[^\s:]+", text))
    for antal in range(min(_LÄNGSTA, len(ord_) - 1), 0, -1):
        etikett = text[: ord_[antal - 1].end()]
        if (n := nyckel(etikett)) is not None:
            return n, etikett.strip(), text[len(etikett) :].strip(" :\t"), False
    return None
