"""Revision tables and lists ("Revideringar", "Versionshistorik", "Ändringar": datum, §,
beslutsinstans, kommentar) read into the front matter's ``revideringar``.

A row about the original decision ("Antagen", "Fastställd", "Ny") is no revision: it is
kept apart, and gives the decision's date, organ and § when the document states them
nowhere else."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from styrdok.slag.styrdokument.importera import varden
from styrdok.slag.styrdokument.importera.block import Stycke, Tabell
from styrdok.slag.styrdokument.importera.etiketter import normalisera
from styrdok.slag.styrdokument.importera.huvud import celltexter

RUBRIKER = {
    normalisera(r)
    for r in (
        "revideringar", "revidering", "revideringshistorik", "versionshistorik", "versioner",
        "ändringar", "ändringshistorik", "revisionshistorik", "dokumenthistorik",
        "beslutshistorik", "historik", "ändringsförteckning", "dokumentets historik",
        "versionshantering", "revideringar och ändringar", "ändringar i dokumentet",
    )
}  # fmt: skip
_ROLLER = {
    "datum": "datum, beslutsdatum, revideringsdatum, ändringsdatum, fastställd, beslutad, "
    "antagen, reviderad, när, datum för beslut, datum för ändring",
    "paragraf": "§, paragraf, beslutsparagraf, protokollsparagraf, § nr",
    "organ": "beslutsinstans, beslutad av, instans, organ, beslutande, fastställd av, "
    "antagen av, beslut, beslutande organ, reviderad av",
    "kommentar": "kommentar, kommentarer, ändring, ändringar, beskrivning, förändring, vad, "
    "ändringen avser, ändrat, orsak, notering, innehåll, vad har ändrats, revidering, "
    "beskrivning av ändring, ändringar som gjorts, åtgärd",
    "version": "version, versionsnummer, utgåva, ver",
    "händelse": "händelse, typ av beslut, beslutstyp, typ",
    "diarienummer": "dnr, diarienummer, diarienr",
}
ROLLER = {normalisera(e): roll for roll, namn in _ROLLER.items() for e in namn.split(",")}
_URSPRUNG = re.compile(
    r"^\s*(beslut|antagen|antaget|antogs|fastställd|fastställt|fastställdes|beslutad|beslutat|ny|nytt|"
    r"nytt dokument|ny policy|ny riktlinje|första versionen|version 1|upprättad|upprättat|"
    r"dokumentet antogs|dokumentet fastställdes)(\s+(av|i|den)\b.*)?[.!]?\s*$",
    re.IGNORECASE,
)


_REVIDERING = {
    normalisera(t)
    for t in (
        "revidering",
        "reviderad",
        "reviderat",
        "revision",
        "uppdatering",
        "uppdaterad",
        "ändrad",
    )
}


@dataclass
class Revideringar:
    poster: list[dict] = field(default_factory=list)
    ursprung: list[dict] = field(default_factory=list)
    """Rows about the original decision: {datum, beslutsinstans, paragraf, citat}."""
    problem: list[tuple[str, str]] = field(default_factory=list)
    """(quoted row, why it was not carried over)."""
    andra: list[str] = field(default_factory=list)
    """Rows about something else than this document's revisions (an amendment by another
    document, a repeal), left out on purpose."""


def är_rubrik(text: str) -> bool:
    return normalisera(text) in RUBRIKER


def kolumnroller(tabell: Tabell, efter_rubrik: bool) -> list[str] | None:
    """Each column's role when ``tabell`` is a revision table, else None."""
    rader = celltexter(tabell)
    if len(rader) < 2:
        return None
    roller = [ROLLER.get(normalisera(t), "") for t in rader[0]]
    if "datum" in roller and (
        efter_rubrik or {"paragraf", "kommentar", "version", "organ"} & set(roller)
    ):
        return roller
    return None


def läs_tabell(tabell: Tabell, roller: list[str], organ: dict[str, dict]) -> Revideringar:
    ut = Revideringar()
    for rad in celltexter(tabell)[1:]:
        värden = {
            roll: " ".join(rad[i].split()) for i, roll in enumerate(roller) if roll and i < len(rad)
        }
        if not any(värden.values()):
            continue
        citat = " | ".join(" ".join(t.split()) for t in rad if t.strip())
        _post(ut, värden, citat, organ)
    return ut


def läs_stycken(stycken: list[Stycke], organ: dict[str, dict]) -> Revideringar:
    """Paragraphs or list items under a revision heading, each starting with a date:
    ``2023-06-15 § 71 Kommunfullmäktige: Nya avgifter``."""
    ut = Revideringar()
    for stycke in stycken:
        text = stycke.ren_text
        if not text:
            continue
        funna = varden.datum_i(text) or varden.månad_i(text)
        if not funna or funna[0][1] > 3:
            ut.problem.append((text, "raden börjar inte med ett datum"))
            continue
        rest = text[funna[0][2] :]
        beslut = varden.beslut(rest.split(":")[0] if ":" in rest else rest[:60], organ)
        kommentar = (
            rest.split(":", 1)[1]
            if ":" in rest
            else varden.städa(re.sub(r"§\s*\d+[a-z]?", "", rest))
        )
        värden = {"datum": text[funna[0][1] : funna[0][2]], "paragraf": beslut.paragraf or ""}
        if beslut.organ is not None and beslut.organ.exakt and ":" in rest:
            värden["organ"] = beslut.organtext
        värden["kommentar"] = kommentar.strip()
        _post(ut, värden, text, organ)
    return ut


def _post(ut: Revideringar, värden: dict[str, str], citat: str, organ: dict[str, dict]) -> None:
    datumtext = värden.get("datum", "")
    funna = varden.datum_i(datumtext) or varden.månad_i(datumtext)
    if not funna:
        ut.problem.append(
            (
                citat,
                f"datumet »{datumtext}« kunde inte tolkas" if datumtext else "raden saknar datum",
            )
        )
        return
    post: dict = {"datum": funna[0][0]}
    organtext = värden.get("organ", "")
    if organtext:
        träff = varden.slå_upp(organtext, organ)
        if träff is not None and träff.exakt:
            post["beslutsinstans"] = träff.id
        else:
            förslag = f" (menade du {träff.id}?)" if träff else ""
            ut.problem.append(
                (
                    citat,
                    f"organet »{organtext}« finns inte i kommun.yml{förslag}; beslutsinstans utelämnad",
                )
            )
    paragraf = varden.paragraf_i(värden.get("paragraf", ""), ensam=True) or varden.paragraf_i(
        datumtext + " " + organtext
    )
    if paragraf:
        post["paragraf"] = paragraf
    kommentar = värden.get("kommentar", "")
    if värden.get("version"):
        kommentar = f"Version {värden['version']}" + (f": {kommentar}" if kommentar else "")
    if kommentar:
        post["kommentar"] = kommentar
    händelse = värden.get("händelse", "").strip()
    if händelse and normalisera(händelse) not in _REVIDERING and not _URSPRUNG.match(händelse):
        ut.andra.append(
            f"»{citat}« (revideringstabellen): händelsen är ingen revidering av dokumentet"
        )
    elif _URSPRUNG.match(händelse or värden.get("kommentar", "")):
        ut.ursprung.append({**post, "citat": citat})
    else:
        ut.poster.append(post)
