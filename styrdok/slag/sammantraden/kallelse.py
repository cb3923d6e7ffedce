"""Where a meeting's papers live in the site, the kallelse as a :class:`DokumentVy`,
the deliverables (kallelse and styrdokument as beslutsunderlag) and ``styrdok agenda``.

All of a meeting's papers are collected in ``filer/sammantraden/<organ>/<datum>/`` and
zipped to ``filer/sammantraden/<organ>/<datum>.zip``.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path, PurePosixPath

from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.grund.modellfel import menade_du
from styrdok.grund.text import md
from styrdok.karna import projekt
from styrdok.karna.bygge import StyrdokFelMedRapport, ladda_och_validera
from styrdok.karna.korpus import Delar, Korpus, organnamn
from styrdok.karna.lankar import för_dokument
from styrdok.karna.utdata import DokumentVy, Leverans
from styrdok.slag.sammantraden import text as text
from styrdok.slag.sammantraden.data import (
    FIL,
    FULLSTÄNDIG,
    INTRANÄT,
    MAPP,
    OFFENTLIG,
    STYRDOKUMENT,
    Sammanträde,
    Sammanträdesdata,
    Underlag,
    Ärende,
)

# --- paths -------------------------------------------------------------------------


def sidväg(möte: Sammanträde) -> str:
    return f"sammantraden/{möte.organ}/{möte.datum.isoformat()}.md"


def mappväg(möte: Sammanträde) -> str:
    return f"filer/sammantraden/{möte.organ}/{möte.datum.isoformat()}"


def kallelseväg(möte: Sammanträde) -> str:
    """Without extension: the writers add .pdf and .docx."""
    return f"{mappväg(möte)}/kallelse"


def samling(möte: Sammanträde) -> str:
    return f"{mappväg(möte)}.zip"


def underlagsväg(möte: Sammanträde, ärende: Ärende, underlag: Underlag) -> str:
    """A styrdokument without extension (rendered to .pdf and .docx), a file with its own name.
    The ärende's number first, so the zip lists the papers in agenda order."""
    if underlag.typ == STYRDOKUMENT:
        return f"{mappväg(möte)}/{ärende.nummer}-{underlag.mål.rsplit('/', 1)[-1]}"
    return f"{mappväg(möte)}/{ärende.nummer}-{underlag.filnamn}"


ANSLAGSTAVLAN = "anslagstavla/index.md"
"""The anslagstavla's page (``anslagstavla``), which the protokoll pages link to."""


def kalenderväg(organ: str) -> str:
    return f"kalender/{organ}.ics"


# --- the kallelse ------------------------------------------------------------------

SIDFOT = {
    OFFENTLIG: "Offentlig version",
    INTRANÄT: "Intern version",
    FULLSTÄNDIG: text.SEKRETESSMÄRKNING,
}


def i_samlingen(möte: Sammanträde):
    """Beslutsunderlag as written in the Word/PDF kallelse: by the file name it has in the zip."""

    def skriv(ärende: Ärende, underlag: Underlag) -> str:
        namn = PurePosixPath(underlagsväg(möte, ärende, underlag)).name
        if underlag.typ == STYRDOKUMENT:
            return f"{md(underlag.titel)} (bifogas som {md(namn)}.pdf och {md(namn)}.docx)"
        return f"{md(underlag.titel)} (bifogas som {md(namn)})"

    return skriv


def kallelsevy(korpus: Korpus, möte: Sammanträde) -> DokumentVy:
    organ = organnamn(korpus, möte.organ)
    return DokumentVy(
        id=kallelseväg(möte).removeprefix("filer/") + f"/{möte.version}",
        titel=f"Kallelse – {organ}",
        kommun=korpus.kommun.namn,
        logotyp=korpus.logotyp,
        metadata=tuple(text.metadata(korpus, möte)),
        brödtext=text.hela_texten(
            korpus,
            möte,
            i_samlingen(möte),
            lambda t: för_dokument(korpus, möte.källfil, t),
            dokument=True,
        ),
        sidfot=f"{organ} · Sammanträde {möte.datum.isoformat()} · " + SIDFOT[möte.version],
        ämne="Kallelse med föredragningslista",
        källfil=möte.källfil,
        innehållsrot=korpus.innehåll.resolve(),
        datum=möte.datum.isoformat(),
    )


def leveranser(korpus: Korpus, data: Sammanträdesdata) -> list[Leverans]:
    ut: list[Leverans] = []
    for möte in data.möten:
        ut.append(
            Leverans(
                functools.partial(kallelsevy, korpus, möte),
                väg=kallelseväg(möte),
                samling=samling(möte),
            )
        )
        for ärende, underlag in _underlag(möte, STYRDOKUMENT):
            ref = korpus.slå_upp(underlag.mål)
            if ref is None:  # an intranet document in the public copy: never published
                continue
            ut.append(
                Leverans(
                    functools.partial(korpus.vy, ref),
                    väg=underlagsväg(möte, ärende, underlag),
                    samling=samling(möte),
                )
            )
    return ut


def filunderlag(korpus: Korpus, data: Sammanträdesdata) -> dict[str, list[tuple[str, Path]]]:
    """Plain-file beslutsunderlag per samling: (site path, source file)."""
    ut: dict[str, list[tuple[str, Path]]] = {}
    for möte in data.möten:
        for ärende, underlag in _underlag(möte, FIL):
            ut.setdefault(samling(möte), []).append(
                (underlagsväg(möte, ärende, underlag), korpus.innehåll / underlag.mål)
            )
    return ut


def _underlag(möte: Sammanträde, typ: str) -> list[tuple[Ärende, Underlag]]:
    """Each beslutsunderlag of one kind once per ärende (a file listed twice is one file)."""
    sedda: set[tuple[int, str]] = set()
    par = []
    for ärende in möte.ärenden:
        for underlag in ärende.underlag:
            if underlag.typ == typ and (ärende.nummer, underlag.mål) not in sedda:
                sedda.add((ärende.nummer, underlag.mål))
                par.append((ärende, underlag))
    return par


# --- styrdok agenda ORGAN DATUM ----------------------------------------------------


def agenda(
    delar: Delar,
    rot: Path,
    organ: str,
    datum: str,
    ut: Path | None = None,
    offentlig: bool = False,
) -> list[Path]:
    """Render the full kallelse of one meeting (to the ledamöter, sekretess ärenden
    included), or with ``offentlig`` the public version the website has (a sekretess ärende
    only its number, no intranet underlag), in every document format; return the files in
    name order."""
    korpus, möte = läs_möte(delar, rot, organ, datum, offentlig)
    mapp = ut or rot / "build" / "agenda"
    bas = (
        mapp / f"{möte.organ}-{möte.datum.isoformat()}-kallelse{'-offentlig' if offentlig else ''}"
    )
    return rendera_överallt(delar, rot, kallelsevy(korpus, möte), bas)


def läs_möte(
    delar: Delar, rot: Path, organ: str, datum: str, offentlig: bool
) -> tuple[Korpus, Sammanträde]:
    """The checked korpus and one meeting in it, for a command that makes its papers: the
    full meeting, or with ``offentlig`` the public one the website has. Errors in the sources
    stop it, as they stop a build."""
    rapport = Rapport()
    korpus = ladda_och_validera(rot, rapport, delar)
    if korpus is None or rapport.har_fel():
        raise StyrdokFelMedRapport(rapport, False)
    if offentlig:
        korpus = korpus.publik_kopia()  # the public site's data: made by the kind's own filter
    möte = hitta_möte(korpus, organ, datum)
    if offentlig and möte.version != OFFENTLIG:  # cannot happen: publik() made every meeting
        raise StyrdokFel("den offentliga versionen av sammanträdet kunde inte göras")
    return korpus, möte


def rendera_överallt(delar: Delar, rot: Path, vy: DokumentVy, bas: Path) -> list[Path]:
    """``vy`` in every document format, as ``bas`` with each format's extension, in name order."""
    filer = []
    for format_ in delar.dokumentformat:
        filer.append(bas.with_suffix(f".{format_.namn}"))
        format_.rendera(vy, filer[-1], projekt.mallar(rot))
    return sorted(filer)


def hitta_möte(korpus: Korpus, organ: str, datum: str) -> Sammanträde:
    """The meeting ``organ``/``datum`` (the full one, or the public one in the public copy),
    or a Swedish error saying what exists."""
    alla = korpus.kommun.organ
    if organ not in alla:
        raise StyrdokFel(
            f"okänt organ {organ}{menade_du(organ, alla)} (organen i kommun.yml: {', '.join(alla)})"
        )
    try:
        dag = dt.date.fromisoformat(datum)
    except ValueError:
        raise StyrdokFel(
            f"{datum} är inget datum; skriv sammanträdesdagen som ÅÅÅÅ-MM-DD"
        ) from None
    data: Sammanträdesdata | None = korpus.data.get(MAPP)
    möten = [m for m in (data.möten if data else ()) if m.organ == organ]
    for möte in möten:
        if möte.datum == dag:
            return möte
    finns = ", ".join(m.datum.isoformat() for m in möten) or "inga"
    raise StyrdokFel(
        f"{alla[organ].namn} har inget sammanträde {dag.isoformat()} i content/sammantraden/{organ}/ "
        f"(sammanträden som finns: {finns})"
    )
