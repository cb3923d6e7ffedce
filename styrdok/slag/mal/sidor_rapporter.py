"""The nämnd pages (nämndmål and åtaganden) and the report pages per period."""

from __future__ import annotations

from styrdok.grund.text import cell, etikett, gemen, html_tabell, länk, md, nedladdningar, tabell
from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import Webbtexter
from styrdok.slag.mal.data import Målstyrning, RapportRef
from styrdok.slag.mal.modeller import Målnivåer
from styrdok.slag.mal.rapport import (
    ÅTAGANDESTATUS,
    rapporttext,
    uppgifter,
    webbmärke,
)
from styrdok.slag.mal.vagar import (
    INDEX,
    indikator_väg,
    länkare,
    mål_väg,
    nämnd_väg,
    rapport_filväg,
    rapport_väg,
)


def nämndsida(korpus: Korpus, ms: Målstyrning, nämnd: str) -> str:
    väg, namn = nämnd_väg(nämnd), md(organnamn(korpus, nämnd))
    nivå = korpus.kommun.målnivåer
    delar = [
        f"# {namn}",
        "",
        f"[Mål och uppföljning]({länk(väg, INDEX)}) › {namn}",
        "",
        f"{namn}s {gemen(nivå.nämndmål.plural)} och {gemen(nivå.åtagande.plural)}, och vilka av "
        f"kommunfullmäktiges {gemen(nivå.mål.plural)} de bidrar till.",
        "",
    ]
    nämndmål = [n for n in ms.nämndmål.values() if n.nämnd == nämnd]
    if nämndmål:
        delar += [f"## {md(nivå.nämndmål.plural)}", ""]
        for n in nämndmål:
            delar += [f"### {md(n.data.namn)}", "", _bidrar_till(ms, n.data.mål, väg, nivå)]
            if n.data.verksamhet:
                verksamhet = korpus.kommun.verksamheter.get(n.data.verksamhet, n.data.verksamhet)
                delar.append(f"Verksamhet: {md(verksamhet)}")
            mått = [
                f"[{md(ms.indikatorer[i].data.namn)}]({länk(väg, indikator_väg(i))})"
                for i in n.data.mått
                if i in ms.indikatorer
            ]
            if mått:
                delar += ["", "Verksamhetsmått: " + ", ".join(mått)]
            delar.append("")
    åtaganden = [å for å in ms.åtaganden.values() if å.nämnd == nämnd]
    if åtaganden:
        delar += [f"## {md(nivå.åtagande.plural)}", ""]
        for å in åtaganden:
            delar += [
                f"### {md(å.data.namn)}",
                "",
                f"Status: {etikett(*ÅTAGANDESTATUS[å.data.status])}",
                "",
                _bidrar_till(ms, å.data.mål, väg, nivå),
            ]
            if å.data.klart_senast:
                delar.append(f"Klart senast: {å.data.klart_senast.isoformat()}")
            if å.data.aktiviteter:
                delar += [
                    "",
                    tabell(
                        ["Aktivitet", "Status", "Klart senast"],
                        [
                            [
                                cell(a.namn),
                                etikett(*ÅTAGANDESTATUS[a.status]),
                                a.klart_senast.isoformat() if a.klart_senast else "",
                            ]
                            for a in å.data.aktiviteter
                        ],
                    ),
                ]
            delar.append("")
    return "\n".join(delar)


def _bidrar_till(ms: Målstyrning, mål_id: str, väg: str, nivå: Målnivåer) -> str:
    mål = ms.mål.get(mål_id)
    if not mål:
        return ""
    return (
        f"Bidrar till {gemen(nivå.mål.ental)}: [{md(mål.data.namn)}]({länk(väg, mål_väg(mål_id))})."
    )


def rapportsida(korpus: Korpus, ms: Målstyrning, r: RapportRef, webb: Webbtexter) -> str:
    väg = rapport_väg(r.id)
    fil = rapport_filväg(r.id)
    fakta = html_tabell(
        "Uppgifter om rapporten",
        ["Uppgift", "Värde"],
        [list(p) for p in uppgifter(korpus, r)],
        "styrdok-metadata",
    )
    nedladdning = (
        f"Rapporten som dokument: {nedladdningar(väg, fil, korpus.format)}"
        if korpus.nedladdningar
        else ""
    )
    return "\n".join(
        [
            f"# {md(r.data.titel)}",
            "",
            f"[Mål och uppföljning]({länk(väg, INDEX)}) › {md(r.data.titel)}",
            "",
            fakta,
            nedladdning,
            "",
            rapporttext(korpus, ms, r, webbmärke, lambda t: webb(t, r.källa.sökväg), länkare(väg)),
        ]
    )
