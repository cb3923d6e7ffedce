"""The protokoll as Markdown, shared by its web page and its Word and PDF files (so that they
always say the same thing), the protokoll's paths, its deliverables and ``styrdok protokoll``
(the whole protokoll or an utdrag of one paragraf).

A sekretess paragraf reaches this module only as its number and the fixed text in the
published versions (``data.skyddat_ärende``); the full protokoll exists only through the
command, for the registrator."""

from __future__ import annotations

import functools
from pathlib import Path

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.text import cell, faktatabell, länk, md, nedladdningar, tabell
from styrdok.karna.korpus import Delar, Korpus, organnamn
from styrdok.karna.lankar import Webbtexter, för_dokument
from styrdok.karna.utdata import DokumentVy, Leverans, Sida
from styrdok.slag.sammantraden import text as text
from styrdok.slag.sammantraden.data import (
    FULLSTÄNDIG,
    INTRANÄT,
    OFFENTLIG,
    Sammanträde,
    Sammanträdesdata,
    Ärende,
)
from styrdok.slag.sammantraden.kallelse import (
    ANSLAGSTAVLAN,
    SIDFOT,
    läs_möte,
    mappväg,
    rendera_överallt,
    samling,
    sidväg,
)

VERSIONER = {
    OFFENTLIG: "Offentlig version: paragrafer som omfattas av sekretess visas bara med sitt nummer",
    INTRANÄT: "Intern version: paragrafer som omfattas av sekretess visas bara med sitt nummer",
    FULLSTÄNDIG: "Fullständigt protokoll; kan innehålla uppgifter som omfattas av sekretess",
}


def protokollsida(möte: Sammanträde) -> str:
    return sidväg(möte).removesuffix(".md") + "-protokoll.md"


def protokollväg(möte: Sammanträde) -> str:
    """Without extension: the writers add .pdf and .docx."""
    return f"{mappväg(möte)}/protokoll"


def ankare(paragraf: int) -> str:
    return f"p{paragraf}"


def paragrafer(möte: Sammanträde) -> str:
    """``§ 112–118`` (or ``§ 112``)."""
    nummer = [ä.paragraf for ä in möte.ärenden if ä.paragraf is not None]
    if not nummer:
        return ""
    return f"§ {nummer[0]}" + (f"–{nummer[-1]}" if len(nummer) > 1 else "")


def metadata(korpus: Korpus, möte: Sammanträde) -> list[tuple[str, str]]:
    p = möte.protokoll
    assert p is not None
    rader = [
        ("Organ", organnamn(korpus, möte.organ)),
        ("Datum", text.svenskt_datum(möte.datum)),
        ("Tid", "kl. " + text.tidsintervall(möte)),
        ("Plats", möte.plats),
        ("Paragrafer", paragrafer(möte)),
        ("Ordförande", möte.ordförande or ""),
        ("Sekreterare", möte.sekreterare or ""),
        ("Justerare", ", ".join(p.justerare)),
        ("Justerat", text.svenskt_datum(p.justerat, veckodag=False)),
        ("Version", VERSIONER[möte.version]),
    ]
    return [(e, v) for e, v in rader if v]


def anslagsbevis(korpus: Korpus, möte: Sammanträde) -> str:
    """The certificate that the justering was tillkännagiven, as every protokoll ends."""
    p = möte.protokoll
    assert p is not None
    rader = [
        ["Organ", cell(organnamn(korpus, möte.organ))],
        ["Sammanträdesdatum", text.svenskt_datum(möte.datum, veckodag=False)],
        ["Protokollet justerat", text.svenskt_datum(p.justerat, veckodag=False)],
        ["Anslaget sattes upp", text.svenskt_datum(p.anslaget, veckodag=False)],
        ["Anslaget tas ned efter", text.svenskt_datum(p.sista_dag, veckodag=False)],
        ["Förvaringsplats för protokollet", cell(p.förvaras)],
    ]
    return "\n\n".join(
        [
            "## Anslagsbevis",
            "Protokollet är justerat. Justeringen har tillkännagetts genom anslag på kommunens "
            "anslagstavla.",
            tabell(["Uppgift", "Värde"], rader),
        ]
    )


def paragraftext(ärende: Ärende, version: str, länkar: text.Länkar, dokumentlänk) -> str:
    delar = [f"## § {ärende.paragraf} {md(ärende.rubrik)} {{#{ankare(ärende.paragraf or 0)}}}"]
    if ärende.sekretess and version != FULLSTÄNDIG:
        delar.append(
            "Paragrafen omfattas av sekretess enligt offentlighets- och sekretesslagen och "
            "redovisas inte i denna version av protokollet."
        )
        return "\n\n".join(delar)
    if ärende.sekretess:
        delar.append(
            "**Sekretess:** paragrafen visas bara med sitt nummer i publicerade versioner."
        )
    if ärende.diarienummer:
        delar.append(f"**Diarienummer:** {md(ärende.diarienummer)}")
    delar += ["**Beslut**", länkar((ärende.beslut or "").strip())]
    for rubrik, poster in (
        ("Reservation", ärende.reservationer),
        ("Protokollsanteckning", ärende.protokollsanteckningar),
    ):
        if poster:
            delar += [
                f"**{rubrik}{'er' if len(poster) > 1 else ''}**",
                "\n".join(f"- {md(p)}" for p in poster),
            ]
    dokument = [d for d in map(dokumentlänk, ärende.beslutat_dokument) if d]
    if dokument:
        delar += ["**Beslutat dokument**", "\n".join(f"- {d}" for d in dokument)]
    return "\n\n".join(delar)


def hela_protokollet(
    korpus: Korpus, möte: Sammanträde, länkar: text.Länkar, dokumentlänk, dokument: bool = False
) -> str:
    ärenden = [ä for ä in möte.ärenden if ä.paragraf is not None]
    delar = [
        f"Protokoll från {md(text.liten_begynnelse(organnamn(korpus, möte.organ)))}s sammanträde "
        f"{text.svenskt_datum(möte.datum)}.",
        "## Paragrafer",
        tabell(
            ["§", "Ärende"],
            [[f"[{ä.paragraf}](#{ankare(ä.paragraf or 0)})", cell(ä.rubrik)] for ä in ärenden],
        ),
    ]
    delar += [paragraftext(ä, möte.version, länkar, dokumentlänk) for ä in ärenden]
    delar.append(anslagsbevis(korpus, möte))
    if dokument:
        delar.append(underskrifter(möte))
    return "\n\n".join(delar) + "\n"


def underskrifter(möte: Sammanträde) -> str:
    p = möte.protokoll
    assert p is not None
    rum = "<br><br>"
    namn = [f"{md(möte.sekreterare)}, sekreterare" if möte.sekreterare else "Sekreterare"]
    namn.append(f"{md(möte.ordförande)}, ordförande" if möte.ordförande else "Ordförande")
    namn += [f"{md(j)}, justerare" for j in p.justerare] or ["Justerare"]
    return "\n\n".join(["## Underskrifter"] + [f"{rum}{text.SIGNATURLINJE}<br>{n}" for n in namn])


def _dokumentlänk_i_dokument(korpus: Korpus):
    def skriv(dok_id: str) -> str | None:
        ref = korpus.slå_upp(dok_id)
        return md(ref.titel) if ref is not None else None

    return skriv


def webbdokumentlänk(korpus: Korpus, från: str):
    def skriv(dok_id: str) -> str | None:
        ref = korpus.slå_upp(dok_id)
        return f"[{cell(ref.titel)}]({länk(från, ref.sidväg)})" if ref is not None else None

    return skriv


def protokollvy(korpus: Korpus, möte: Sammanträde, paragraf: int | None = None) -> DokumentVy:
    organ = organnamn(korpus, möte.organ)
    länkar = lambda t: för_dokument(korpus, möte.källfil, t)  # noqa: E731
    if paragraf is None:
        titel, kropp = (
            f"Protokoll – {organ}",
            hela_protokollet(korpus, möte, länkar, _dokumentlänk_i_dokument(korpus), dokument=True),
        )
    else:
        ärende = next(ä for ä in möte.ärenden if ä.paragraf == paragraf)
        titel = f"Utdrag ur protokoll – {organ}"
        kropp = "\n\n".join(
            [
                paragraftext(ärende, möte.version, länkar, _dokumentlänk_i_dokument(korpus)),
                "## Utdragsbestyrkande",
                f"Utdraget stämmer med originalprotokollet.<br><br>{text.SIGNATURLINJE}<br>"
                + (f"{md(möte.sekreterare)}, sekreterare" if möte.sekreterare else "Sekreterare"),
            ]
        )
    return DokumentVy(
        id=protokollväg(möte).removeprefix("filer/")
        + f"/{möte.version}"
        + (f"/{paragraf}" if paragraf else ""),
        titel=titel,
        kommun=korpus.kommun.namn,
        logotyp=korpus.logotyp,
        metadata=tuple(metadata(korpus, möte)),
        brödtext=kropp + "\n",
        sidfot=f"{organ} · Protokoll {möte.datum.isoformat()} · " + SIDFOT[möte.version],
        ämne="Protokoll" if paragraf is None else "Protokollsutdrag",
        källfil=möte.källfil,
        innehållsrot=korpus.innehåll.resolve(),
        datum=möte.protokoll.justerat.isoformat() if möte.protokoll else möte.datum.isoformat(),
    )


def webbsida(korpus: Korpus, möte: Sammanträde) -> Sida:
    """The protokoll's page (the published version the korpus holds)."""
    väg = protokollsida(möte)
    titel = f"Protokoll – {text.rubrik(korpus, möte)}"
    webb = Webbtexter(korpus, möte.källfil, väg)
    delar = [
        f"# {md(titel)}",
        "",
        f"[Sammanträdet]({länk(väg, sidväg(möte))}) · [Anslagstavlan]({länk(väg, ANSLAGSTAVLAN)})",
        "",
        faktatabell(metadata(korpus, möte), "Uppgifter om protokollet"),
    ]
    if korpus.nedladdningar:
        delar += [
            "",
            f"Protokollet som {nedladdningar(väg, protokollväg(möte), korpus.format, mellan=' och ')}.",
        ]
    delar += ["", hela_protokollet(korpus, möte, webb, webbdokumentlänk(korpus, väg))]
    return Sida(väg, titel, "\n".join(delar), webb.filer)


def leveranser(korpus: Korpus, data: Sammanträdesdata) -> list[Leverans]:
    return [
        Leverans(functools.partial(protokollvy, korpus, m), väg=protokollväg(m), samling=samling(m))
        for m in data.möten
        if m.protokoll is not None
    ]


# --- styrdok protokoll ORGAN DATUM [--paragraf N] ----------------------------------------


def skapa(
    delar: Delar,
    rot: Path,
    organ: str,
    datum: str,
    paragraf: int | None = None,
    ut: Path | None = None,
    offentlig: bool = False,
) -> list[Path]:
    korpus, möte = läs_möte(delar, rot, organ, datum, offentlig)
    if möte.protokoll is None:
        raise StyrdokFel(
            f"sammanträdet {organ} {datum} har inget justerat protokoll ännu; skriv protokoll: "
            "{justerat: ÅÅÅÅ-MM-DD, justerare: [...]} och paragraf och beslut för varje ärende"
        )
    finns = [ä.paragraf for ä in möte.ärenden if ä.paragraf is not None]
    if paragraf is not None and paragraf not in finns:
        raise StyrdokFel(
            f"§ {paragraf} finns inte i protokollet {organ} {datum} (paragrafer: "
            f"{', '.join(map(str, finns))})"
        )
    namn = f"{möte.organ}-{möte.datum.isoformat()}-" + (
        "protokoll" if paragraf is None else f"utdrag-paragraf-{paragraf}"
    )
    bas = (ut or rot / "build" / "protokoll") / (namn + ("-offentlig" if offentlig else ""))
    return rendera_överallt(delar, rot, protokollvy(korpus, möte, paragraf), bas)
