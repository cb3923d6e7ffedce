"""Reading meetings and the årshjul, with every check: the organ and date from the file's
place, each ärende's beslutsunderlag resolved to a document of any kind or a file under
content/, Markdown in YAML checked like a body, and no free text naming a sekretess
ärende."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from pathlib import Path

from styrdok.grund import brodtext
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filgranskning import filproblem
from styrdok.grund.kallfil import Källfil, läs_markdown, läs_yaml
from styrdok.grund.modell import Månad
from styrdok.grund.modellfel import menade_du, validera
from styrdok.grund.sokvag import (
    finns,
    hitta_fil,
    källfiler_utan_namnfel,
    sökvägsproblem,
    upplöst,
    visningsnamn,
)
from styrdok.karna.kommun import organförslag
from styrdok.karna.korpus import Korpus
from styrdok.slag.sammantraden import protokollregler, tillkannagivanden
from styrdok.slag.sammantraden.data import (
    FIL,
    FÖRSTA_ÄRENDENUMMER,
    MAPP,
    STYRDOKUMENT,
    Händelse,
    Sammanträde,
    Sammanträdesdata,
    Underlag,
    Ärende,
)
from styrdok.slag.sammantraden.modeller import SammanträdeKälla, ÅrshjulKälla, tolka_klockslag

ÅRSHJULSFIL = "arshjul.yml"


_FILNAMNSDATUM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


_SER_UT_SOM_DOKUMENT = re.compile(r"^(styrdokument/|[A-ZÅÄÖ]{1,8}\s*\d{4}:\d+$|\d{4}:\d+$)")


def ladda(korpus: Korpus, rapport: Rapport) -> Sammanträdesdata:
    möten = []
    källor: list[Källfil] = []
    for fil in _mötesfiler(korpus, rapport):
        möte = _läs_möte(korpus, fil, rapport, källor)
        if möte is not None:
            möten.append(möte)
    möten.sort(key=lambda m: (m.datum, m.organ))
    protokollregler.granska_numrering(möten, {k.sökväg.resolve(): k for k in källor}, rapport)
    möten = protokollregler.koppla_dokument(korpus, möten, rapport)
    titel, händelser = _läs_årshjul(korpus, rapport, källor)
    tillkännagivanden = tillkannagivanden.ladda(korpus, rapport, källor)
    return Sammanträdesdata(tuple(möten), händelser, titel, tuple(källor), tillkännagivanden)


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
        """At the key or value at ``sökväg``; with no key, at the top of the file."""
        if sökväg:
            self.källa.fel(self.rapport, sökväg, meddelande, nyckel)
        else:
            self.rapport.fel(self.källa.visningsnamn, 1, 1, meddelande)
        self.antal += 1


def _läs_möte(
    korpus: Korpus, fil: Path, rapport: Rapport, källor: list[Källfil]
) -> Sammanträde | None:
    källa = läs_markdown(fil, visningsnamn(korpus.rot, fil), rapport)
    källor.append(källa)
    if källa.data is None:
        return None
    modell = validera(SammanträdeKälla, källa.data, källa, rapport)
    if modell is None:
        return None
    f = _Fil(källa, rapport)
    organ = _organ(korpus, fil, modell, f)
    datum = _datum(fil, modell, f)
    ärenden = tuple(_ärende(korpus, fil, i, ä, f) for i, ä in enumerate(modell.ärenden))
    brodtext.granska(källa, rapport, korpus.innehåll)
    if f.antal or organ is None or datum is None:
        return None
    protokoll = protokollregler.läs_protokoll(korpus, modell, organ, datum, f)
    if f.antal:
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
        källfil=upplöst(fil),
        underskrifter=_underskrifter(korpus, modell),
        kungjort=modell.kungjort,
        protokoll=protokoll,
    )


def _underskrifter(korpus: Korpus, modell: SammanträdeKälla) -> bool:
    """The meeting's own choice, else kommun.yml's (sammanträden: {underskrifter: ja})."""
    if modell.underskrifter is not None:
        return modell.underskrifter
    inställningar = getattr(korpus.kommun, "sammanträden", None)
    return bool(inställningar and inställningar.underskrifter)


def _organ(korpus: Korpus, fil: Path, modell: SammanträdeKälla, f: _Fil) -> str | None:
    mapp, alla = fil.parent.name, korpus.kommun.organ
    organ_id = modell.organ or mapp
    sökväg = ("organ",) if modell.organ else ()
    if organ_id not in alla:
        var = "" if modell.organ else f" (mappen sammantraden/{mapp}/)"
        f.fel(
            sökväg,
            f"okänt organ {organ_id}{var}{menade_du(organ_id, alla)} (organen står i content/kommun.yml)",
        )
        return None
    if organ_id != mapp:
        f.fel(
            sökväg,
            f"organ {organ_id} stämmer inte med mappen sammantraden/{mapp}/; "
            f"flytta filen till sammantraden/{organ_id}/ eller rätta organ",
        )
        return None
    if not alla[organ_id].slag.sammanträden:
        f.fel(
            sökväg,
            f"{alla[organ_id].namn} är {alla[organ_id].slag.beskrivning} och håller inga "
            "sammanträden enligt kommunallagen; "
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


def _ärende(korpus: Korpus, fil: Path, i: int, källa, f: _Fil) -> Ärende:
    underlag = []
    namn: dict[str, str] = {}  # the name in the meeting's folder and zip, folded → as written
    for j, post in enumerate(källa.beslutsunderlag):
        # at the file's name, {fil: ...} or written alone (positions fall back to the entry)
        sökväg = ("ärenden", i, "beslutsunderlag", j, "fil")
        u = _underlag(korpus, fil, post.fil, f, sökväg)
        if u is not None and post.titel:
            u = dataclasses.replace(u, titel=post.titel)
        if u is not None and (krock := _samma_namn(u, FÖRSTA_ÄRENDENUMMER + i, namn)):
            f.fel(
                sökväg,
                f"beslutsunderlaget får samma filnamn som {krock} i sammanträdets mapp och zip "
                "(stora och små bokstäver räknas som samma); döp om en av filerna",
            )
            u = None
        if u is not None:
            underlag.append(u)
        if u is not None and not u.publik and not (källa.sekretess or källa.internt_underlag):
            f.källa.varning(
                f.rapport,
                sökväg,
                f"{u.titel} publiceras bara på intranätet, så den offentliga kallelsen och "
                "webbplatsen visar inte detta beslutsunderlag; publicera dokumentet på webben "
                "(publicering: webb) om det får vara offentligt, eller skriv internt_underlag: ja "
                "i ärendet om det ska vara så",
            )
    return Ärende(
        nummer=FÖRSTA_ÄRENDENUMMER + i,
        rubrik=källa.rubrik,
        diarienummer=källa.diarienummer,
        föredragande=källa.föredragande,
        beskrivning=källa.beskrivning,
        förslag=källa.förslag_till_beslut,
        underlag=tuple(underlag),
        sekretess=källa.sekretess,
        paragraf=källa.paragraf,
        beslut=källa.beslut,
        reservationer=tuple(källa.reservationer),
        protokollsanteckningar=tuple(källa.protokollsanteckningar),
    )


def _samma_namn(u: Underlag, nummer: int, namn: dict[str, str]) -> str | None:
    """The name an earlier underlag of the ärende already has in the meeting's folder (which
    becomes the zip), case and Unicode form folded as a web server or a zip tool may; else
    None, and this one's names are taken."""
    bas = u.mål.rsplit("/", 1)[-1]
    egna = (
        [f"{nummer}-{bas}.{ä}" for ä in ("pdf", "docx")]
        if u.typ == STYRDOKUMENT
        else [f"{nummer}-{bas}"]
    )
    for egen in egna:
        nyckel = unicodedata.normalize("NFC", egen).casefold()
        if nyckel in namn:
            return namn[nyckel]
    namn.update({unicodedata.normalize("NFC", e).casefold(): e for e in egna})
    return None


def _underlag(korpus: Korpus, fil: Path, text: str, f: _Fil, sökväg: tuple) -> Underlag | None:
    ref = korpus.slå_upp(text)
    if ref is None and (varför := korpus.varför_inte(text)) is not None:
        f.fel(sökväg, f"beslutsunderlaget {text} {varför}")
        return None
    if ref is None and _SER_UT_SOM_DOKUMENT.match(text.strip()):
        f.fel(
            sökväg,
            f"beslutsunderlaget {text} finns inte bland styrdokumenten"
            f"{menade_du(text, korpus.referenser())}",
        )
        return None
    if ref is None:
        sökväg_fil = underlag_sökväg(korpus, fil, text)
        if sökväg_fil is None:
            f.fel(sökväg, _saknas(korpus, fil, text))
            return None
        ref = korpus.referens_med_källa(sökväg_fil)
        if ref is None:
            return _filunderlag(korpus, sökväg_fil, text, sökväg, f)
    return Underlag(STYRDOKUMENT, ref.id, ref.titel, publik=ref.publik)


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
    if (problem := filproblem(sökväg_fil)) is not None:
        f.fel(sökväg, f"beslutsunderlaget {text} {problem}")
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


def _lista(källa: Källfil, i: int) -> set[str]:
    """The keys of event ``i`` whose value is written as a list."""
    händelser = (källa.data or {}).get("händelser") or []
    h = händelser[i] if i < len(händelser) and isinstance(händelser[i], dict) else {}
    return {k for k, v in h.items() if isinstance(v, list)}


def _läs_årshjul(
    korpus: Korpus, rapport: Rapport, källor: list[Källfil]
) -> tuple[str, tuple[Händelse, ...]]:
    fil = korpus.innehåll / ÅRSHJULSFIL
    if not fil.is_file():
        return "Årshjul", ()
    källa = läs_yaml(fil, visningsnamn(korpus.rot, fil), rapport)
    källor.append(källa)
    modell = validera(ÅrshjulKälla, källa.data, källa, rapport) if källa.data is not None else None
    if modell is None:
        return "Årshjul", ()
    f = _Fil(källa, rapport)
    händelser = []
    for i, h in enumerate(modell.händelser):
        for j, organ in enumerate(h.organ):
            if organ not in korpus.kommun.organ:
                f.fel(
                    ("händelser", i, "organ") + ((j,) if "organ" in _lista(källa, i) else ()),
                    f"okänt organ {organ}{organförslag(korpus.kommun, organ)}",
                )
        månad = isinstance(h.datum, Månad)
        if h.slutdatum is not None and månad != isinstance(h.slutdatum, Månad):
            f.fel(
                ("händelser", i, "slutdatum"),
                f"datum {h.datum.isoformat()} och slutdatum {h.slutdatum.isoformat()} ska vara "
                "samma slag: två dagar (ÅÅÅÅ-MM-DD) eller två månader (ÅÅÅÅ-MM)",
            )
        elif h.slutdatum is not None and h.slutdatum < h.datum:
            f.fel(
                ("händelser", i, "slutdatum"),
                f"slutdatum {h.slutdatum.isoformat()} ligger före datum {h.datum.isoformat()}",
            )
        if månad:
            start, slut = h.datum.första, getattr(h.slutdatum, "sista", h.datum.sista)
        else:
            start, slut = h.datum, h.slutdatum
        händelser.append(
            Händelse(start, h.rubrik, slut, h.beskrivning, tuple(h.organ), månad=månad)
        )
    händelser.sort(key=lambda h: (h.datum, h.rubrik))
    return modell.titel, tuple(händelser)
