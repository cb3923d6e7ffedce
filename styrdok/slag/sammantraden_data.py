"""Sammanträden and the årshjul: reading, checking and the public filter.

A meeting is ``content/sammantraden/<organ>/<ÅÅÅÅ-MM-DD>.md``: front matter with the
facts and the ärenden, and a Markdown body with free text that is published as is
(so it must never mention what a sekretess ärende is about; naming one by its rubrik or
diarienummer is an error). Files in deeper folders
(``sammantraden/ks/2026-12-08/tjansteskrivelse.pdf``) are beslutsunderlag, not meetings.

The public copy (:func:`publik`) is built from new objects: a sekretess ärende becomes
a placeholder made only of its number and a fixed text, so no field of the original
can reach the public site, its search index, its calendars or its documents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from styrdok.forfattningar import kfs_index, slå_upp
from styrdok.grund import brodtext
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, Positioner, läs_markdown, läs_yaml
from styrdok.grund.modellfel import föreslå, validera
from styrdok.grund.sokvag import (
    finns,
    hitta_fil,
    källfiler_utan_namnfel,
    sökvägsproblem,
    visningsnamn,
)
from styrdok.korpus import Korpus
from styrdok.slag.sammantraden_modeller import SammanträdeKälla, ÅrshjulKälla, tolka_klockslag

MAPP = "sammantraden"
ÅRSHJULSFIL = "arshjul.yml"
STYRDOKUMENT = "styrdokument"
FIL = "fil"
SEKRETESSRUBRIK = "Ärende enligt offentlighets- och sekretesslagen"
_FILNAMNSDATUM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SER_UT_SOM_DOKUMENT = re.compile(r"^(styrdokument/|[A-ZÅÄÖ]{1,8}\s*\d{4}:\d+$|\d{4}:\d+$)")


@dataclass(frozen=True)
class Underlag:
    typ: str
    """STYRDOKUMENT or FIL."""
    mål: str
    """A styrdokument id, or a file's path relative to content/ (posix)."""
    titel: str
    publik: bool = True
    """False for an intranet styrdokument: it is left out of the public version."""

    @property
    def filnamn(self) -> str:
        return PurePosixPath(self.mål).name


@dataclass(frozen=True)
class Ärende:
    nummer: int
    """The item's number on the föredragningslista (the opening items are 1–3)."""
    rubrik: str
    diarienummer: str | None = None
    föredragande: str | None = None
    beskrivning: str | None = None
    förslag: str | None = None
    underlag: tuple[Underlag, ...] = ()
    sekretess: bool = False


@dataclass(frozen=True)
class Sammanträde:
    organ: str
    datum: dt.date
    tid: dt.time
    sluttid: dt.time | None
    plats: str
    ordförande: str | None
    sekreterare: str | None
    justering: str | None
    ärenden: tuple[Ärende, ...]
    brödtext: str
    källfil: Path
    offentlig: bool = False
    """True for the copy made for the public site."""

    @property
    def nyckel(self) -> str:
        return f"{self.organ}/{self.datum.isoformat()}"


@dataclass(frozen=True)
class Händelse:
    datum: dt.date
    rubrik: str
    slutdatum: dt.date | None = None
    beskrivning: str | None = None
    organ: str | None = None


@dataclass(frozen=True)
class Sammanträdesdata:
    möten: tuple[Sammanträde, ...] = ()
    årshjul: tuple[Händelse, ...] = ()
    årshjul_titel: str = "Årshjul"


FÖRSTA_ÄRENDENUMMER = 4
"""Items 1–3 are upprop, val av justerare and godkännande av dagordningen."""


# --- the public filter ---------------------------------------------------------------


def publik(data: Sammanträdesdata | None) -> Sammanträdesdata | None:
    if data is None:
        return None
    return dataclasses.replace(data, möten=tuple(publikt_möte(m) for m in data.möten))


def publikt_möte(möte: Sammanträde) -> Sammanträde:
    return dataclasses.replace(
        möte, ärenden=tuple(publikt_ärende(ä) for ä in möte.ärenden), offentlig=True
    )


def publikt_ärende(ärende: Ärende) -> Ärende:
    """A sekretess ärende keeps only its number. The diarienummer goes too: in a public
    diarium it leads straight to the case, and the ärendemening there often says what the
    ärende is about (the issue: "without its text, föredragande or attachments")."""
    if ärende.sekretess:
        return Ärende(nummer=ärende.nummer, rubrik=SEKRETESSRUBRIK, sekretess=True)
    return dataclasses.replace(ärende, underlag=tuple(u for u in ärende.underlag if u.publik))


# --- reading ---------------------------------------------------------------------------


def ladda(korpus: Korpus, rapport: Rapport) -> Sammanträdesdata:
    möten = []
    texter: list[Källfil] = []
    index = kfs_index(korpus)
    for fil in _mötesfiler(korpus, rapport):
        möte = _läs_möte(korpus, fil, index, rapport, texter)
        if möte is not None:
            möten.append(möte)
    _fritext_tiger_om_sekretess(texter, möten, rapport)
    möten.sort(key=lambda m: (m.datum, m.organ))
    titel, händelser = _läs_årshjul(korpus, rapport)
    return Sammanträdesdata(möten=tuple(möten), årshjul=händelser, årshjul_titel=titel)


def _mötesfiler(korpus: Korpus, rapport: Rapport) -> list[Path]:
    """Meetings are exactly sammantraden/<organ>/<datum>.md; deeper files are beslutsunderlag."""
    mapp = korpus.innehåll / MAPP
    filer = []
    for fil in källfiler_utan_namnfel(korpus.rot, mapp, (".md",), rapport):
        delar = fil.relative_to(mapp).parts
        if len(delar) == 1:
            rapport.fel(
                visningsnamn(korpus.rot, fil),
                1,
                1,
                "ett sammanträde ska ligga i en mapp per organ: flytta filen till sammantraden/<organ>/<ÅÅÅÅ-MM-DD>.md",
            )
        elif len(delar) == 2:
            filer.append(fil)
    return filer


class _Fil:
    """One meeting file being read: reports errors at positions in it and counts them."""

    def __init__(self, källa: Källfil, rapport: Rapport):
        self.källa, self.rapport, self.antal = källa, rapport, 0

    def fel(self, sökväg: tuple, meddelande: str, nyckel: bool = False) -> None:
        pos = self.källa.positioner
        rad, kol = (pos.nyckel(sökväg) if nyckel else pos.värde(sökväg)) if sökväg else (1, 1)
        self.rapport.fel(self.källa.visningsnamn, rad, kol, meddelande)
        self.antal += 1


def _läs_möte(
    korpus: Korpus, fil: Path, index: dict[str, str], rapport: Rapport, texter: list[Källfil]
) -> Sammanträde | None:
    källa = läs_markdown(fil, visningsnamn(korpus.rot, fil), rapport)
    if källa.brödtext:
        texter.append(källa)
    if källa.data is None:
        return None
    modell = validera(SammanträdeKälla, källa.data, källa, rapport)
    if modell is None:
        return None
    f = _Fil(källa, rapport)
    organ = _organ(korpus, fil, modell, f)
    datum = _datum(fil, modell, f)
    ärenden = tuple(_ärende(korpus, fil, i, ä, index, f) for i, ä in enumerate(modell.ärenden))
    brodtext.granska(källa, rapport, korpus.innehåll)
    if f.antal or organ is None or datum is None:
        return None
    return Sammanträde(
        organ=organ,
        datum=datum,
        tid=tolka_klockslag(modell.tid),
        sluttid=tolka_klockslag(modell.sluttid) if modell.sluttid else None,
        plats=modell.plats,
        ordförande=modell.ordförande,
        sekreterare=modell.sekreterare,
        justering=modell.justering,
        ärenden=ärenden,
        brödtext=källa.brödtext.strip(),
        källfil=fil.resolve(),
    )


def _fritext_tiger_om_sekretess(
    texter: list[Källfil], möten: list[Sammanträde], rapport: Rapport
) -> None:
    """Free text is published as written: no meeting's text may name a sekretess ärende (of
    any meeting) by its diarienummer, or by a rubrik of at least two words, whatever the line
    breaks, spacing or emphasis in between."""
    sökta = []
    for möte in möten:
        for ärende in (ä for ä in möte.ärenden if ä.sekretess):
            if ärende.diarienummer and len(ärende.diarienummer.strip()) >= 4:
                sökta.append(("diarienummer", ärende.diarienummer.strip()))
            if len(ärende.rubrik.split()) >= 2:
                sökta.append(("rubrik", " ".join(ärende.rubrik.split())))
    for vad, värde in sökta:
        mönster = re.compile(
            r"(?<!\w)" + r"[\s*_]+".join(map(re.escape, värde.split())) + r"(?!\w)", re.IGNORECASE
        )
        for källa in texter:
            text = källa.brödtext or ""
            if (träff := mönster.search(text)) is None:
                continue
            rad = text.count("\n", 0, träff.start())
            kolumn = träff.start() - (text.rfind("\n", 0, träff.start()) + 1) + 1
            rapport.fel(
                källa.visningsnamn,
                källa.brödtext_rad + rad,
                kolumn,
                f"texten nämner sekretessärendets {vad} »{värde}« och publiceras som den står "
                f"på webbplatsen; skriv om ärendet bara under ärenden: (med sekretess: ja)",
            )


def _organ(korpus: Korpus, fil: Path, modell: SammanträdeKälla, f: _Fil) -> str | None:
    mapp, alla = fil.parent.name, korpus.kommun.organ
    organ_id = modell.organ or mapp
    sökväg = ("organ",) if modell.organ else ()
    if organ_id not in alla:
        var = "" if modell.organ else f" (mappen sammantraden/{mapp}/)"
        förslag = föreslå(organ_id, list(alla))
        f.fel(
            sökväg,
            f"okänt organ {organ_id}{var}"
            + (f"; menade du {förslag}?" if förslag else "")
            + " (organen står i content/kommun.yml)",
        )
        return None
    if organ_id != mapp:
        f.fel(
            sökväg,
            f"organ {organ_id} stämmer inte med mappen sammantraden/{mapp}/; "
            f"flytta filen till sammantraden/{organ_id}/ eller rätta organ",
        )
        return None
    if alla[organ_id].typ != "politisk":
        f.fel(
            sökväg,
            f"{alla[organ_id].namn} är en tjänsteperson och håller inga sammanträden; "
            "ange en nämnd, styrelsen eller fullmäktige",
        )
        return None
    return organ_id


def _datum(fil: Path, modell: SammanträdeKälla, f: _Fil) -> dt.date | None:
    filnamnsdatum = _filnamnsdatum(fil.stem)
    if filnamnsdatum is None:
        förslag = f"; döp om filen till {modell.datum.isoformat()}.md" if modell.datum else ""
        f.fel(
            (),
            f"filnamnet {fil.name} ska vara sammanträdets datum, ÅÅÅÅ-MM-DD.md (finns den dagen?){förslag}",
        )
        return None
    if modell.datum is not None and modell.datum != filnamnsdatum:
        f.fel(
            ("datum",),
            f"datum {modell.datum.isoformat()} stämmer inte med filnamnet {fil.name}; "
            "filen ska heta som sammanträdesdagen",
        )
        return None
    return filnamnsdatum


def _filnamnsdatum(namn: str) -> dt.date | None:
    träff = _FILNAMNSDATUM.match(namn)
    if not träff:
        return None
    try:
        return dt.date(int(träff[1]), int(träff[2]), int(träff[3]))
    except ValueError:
        return None


def _ärende(korpus: Korpus, fil: Path, i: int, källa, index: dict[str, str], f: _Fil) -> Ärende:
    underlag = []
    for j, text in enumerate(källa.beslutsunderlag):
        u = _underlag(korpus, fil, text, index, f, ("ärenden", i, "beslutsunderlag", j))
        if u is not None:
            underlag.append(u)
    for fält in ("beskrivning", "förslag_till_beslut"):
        _granska_text(korpus, getattr(källa, fält), ("ärenden", i, fält), f)
    return Ärende(
        nummer=FÖRSTA_ÄRENDENUMMER + i,
        rubrik=källa.rubrik,
        diarienummer=källa.diarienummer,
        föredragande=källa.föredragande,
        beskrivning=källa.beskrivning,
        förslag=källa.förslag_till_beslut,
        underlag=tuple(underlag),
        sekretess=källa.sekretess,
    )


def _granska_text(korpus: Korpus, text: str | None, sökväg: tuple, f: _Fil) -> None:
    """Markdown in YAML gets the same raw-HTML and link checks as a body."""
    if not text:
        return
    rad, _ = f.källa.positioner.värde(sökväg)
    blockrad = rad + 1 if "\n" in text.strip() else rad  # a | block starts on the next line
    bit = Källfil(
        f.källa.sökväg,
        f.källa.visningsnamn,
        None,
        Positioner(),
        brödtext=text,
        brödtext_rad=blockrad,
    )
    före = f.rapport.antal_fel
    brodtext.granska(bit, f.rapport, korpus.innehåll)
    f.antal += f.rapport.antal_fel - före


def _underlag(
    korpus: Korpus, fil: Path, text: str, index: dict[str, str], f: _Fil, sökväg: tuple
) -> Underlag | None:
    dok_id = slå_upp(korpus, text, index)
    if dok_id is None and _SER_UT_SOM_DOKUMENT.match(text.strip()):
        förslag = föreslå(text, list(korpus.styrdokument))
        f.fel(
            sökväg,
            f"beslutsunderlaget {text} finns inte bland styrdokumenten"
            + (f"; menade du {förslag}?" if förslag else ""),
        )
        return None
    if dok_id is None:
        sökväg_fil = underlag_sökväg(korpus, fil, text)
        if sökväg_fil is None:
            f.fel(sökväg, _saknas(korpus, fil, text))
            return None
        dok_id = _styrdokument_med_källa(korpus, sökväg_fil)
        if dok_id is None:
            return _filunderlag(korpus, sökväg_fil, text, sökväg, f)
    dokument = korpus.styrdokument[dok_id]
    return Underlag(STYRDOKUMENT, dok_id, dokument.titel, publik=dokument.är_publik)


def _filunderlag(
    korpus: Korpus, sökväg_fil: Path, text: str, sökväg: tuple, f: _Fil
) -> Underlag | None:
    if sökväg_fil.suffix.lower() == ".md":
        # A Markdown file would become a web page of its own; only styrdokument are rendered.
        f.fel(
            sökväg,
            f"beslutsunderlaget {text} är en Markdown-fil men inget styrdokument; "
            "spara handlingen som PDF eller Word, eller ange ett styrdokument",
        )
        return None
    relativ = sökväg_fil.relative_to(korpus.innehåll.resolve()).as_posix()
    return Underlag(FIL, relativ, sökväg_fil.name)


def underlag_sökväg(korpus: Korpus, fil: Path, text: str) -> Path | None:
    """The file's real path if it exists inside content/ (symlinks followed), else None;
    tried relative to the meeting's folder, then to content/ (like ``validering.bilaga_sökväg``)."""
    return hitta_fil(korpus.innehåll, text, (fil.parent, korpus.innehåll))


def _saknas(korpus: Korpus, fil: Path, text: str) -> str:
    """Say whether the file is missing or lies outside content/ (absolute, ``..``, a symlink out)."""
    if problem := sökvägsproblem(text):
        return f"beslutsunderlagets sökväg {problem}"
    finns_ = Path(text).is_absolute() or any(
        finns(bas / text) for bas in (fil.parent, korpus.innehåll)
    )
    if finns_:
        return (
            f"beslutsunderlaget {text} ligger utanför content/; bara filer under content/ kan bifogas "
            "(ange sökvägen relativt sammanträdets mapp eller content/)"
        )
    return (
        f"beslutsunderlaget {text} finns inte; ange ett styrdokument (styrdokument/... eller KFS-nummer) "
        "eller en fil under content/, relativt sammanträdets mapp eller content/"
    )


def _styrdokument_med_källa(korpus: Korpus, sökväg: Path) -> str | None:
    """A path to a styrdokument's source file means that styrdokument."""
    for dok_id, dokument in korpus.styrdokument.items():
        if dokument.källa.sökväg.resolve() == sökväg:
            return dok_id
    return None


# --- the årshjul ---------------------------------------------------------------------


def _läs_årshjul(korpus: Korpus, rapport: Rapport) -> tuple[str, tuple[Händelse, ...]]:
    fil = korpus.innehåll / ÅRSHJULSFIL
    if not fil.is_file():
        return "Årshjul", ()
    källa = läs_yaml(fil, visningsnamn(korpus.rot, fil), rapport)
    modell = validera(ÅrshjulKälla, källa.data, källa, rapport) if källa.data is not None else None
    if modell is None:
        return "Årshjul", ()
    f = _Fil(källa, rapport)
    händelser = []
    for i, h in enumerate(modell.händelser):
        if h.organ is not None and h.organ not in korpus.kommun.organ:
            förslag = föreslå(h.organ, list(korpus.kommun.organ))
            f.fel(
                ("händelser", i, "organ"),
                f"okänt organ {h.organ}" + (f"; menade du {förslag}?" if förslag else ""),
            )
        if h.slutdatum is not None and h.slutdatum < h.datum:
            f.fel(
                ("händelser", i, "slutdatum"),
                f"slutdatum {h.slutdatum.isoformat()} ligger före datum {h.datum.isoformat()}",
            )
        händelser.append(Händelse(h.datum, h.rubrik, h.slutdatum, h.beskrivning, h.organ))
    händelser.sort(key=lambda h: (h.datum, h.rubrik))
    return modell.titel, tuple(händelser)
