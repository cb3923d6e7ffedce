"""Attacks on the source rules that keep a sekretess ärende and intranet content off the
website: the secret ärende of socialnämnden (content/sammantraden/son/2026-12-03.md, rubrik
"Ansökan om vård enligt LVU för pojke född 2012", SN 2026/377, the utredning PDF) written in
new places and new disguises, the sekretess flag written in other ways, and intranet
documents, their bilagor and drafts reached from what is public. Each must be an error at
its place in content/ (``kontrollera``), never a quiet publication."""

from __future__ import annotations

import shutil
import unicodedata

import pytest

from tests.angrepp.conftest import DIAGNOS, fel

RUBRIK = "Ansökan om vård enligt LVU för pojke född 2012"
DNR = "SN 2026/377"
UTREDNING = "sammantraden/son/2026-12-03/utredning-lvu-tallbacken.pdf"
PUBLIK = "styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand.md"
ANVISNING = "styrdokument/ekonomi/anvisning-for-attest-av-leverantorsfakturor.md"
UTKAST = "styrdokument/utveckling/riktlinje-for-ai-i-handlaggningen.md"


def lägg_till_text(rot, fil: str, text: str) -> None:
    """Append ``text`` as a paragraph of its own at the end of content/``fil``."""
    sökväg = rot / "content" / fil
    sökväg.write_text(sökväg.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", "utf-8")


def lägg_till_nycklar(rot, fil: str, rader: str) -> None:
    """Insert YAML lines at the top of content/``fil`` (after ``---`` in a Markdown file)."""
    sökväg = rot / "content" / fil
    text = sökväg.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        sökväg.write_text("---\n" + rader + "\n" + text[4:], encoding="utf-8")
    else:
        sökväg.write_text(text.rstrip("\n") + "\n" + rader + "\n", encoding="utf-8")


def ersätt_rad(rot, fil: str, början: str, ny: str) -> None:
    """Replace the first line of content/``fil`` that starts with ``början``."""
    sökväg = rot / "content" / fil
    rader = sökväg.read_text(encoding="utf-8").split("\n")
    i = next(i for i, r in enumerate(rader) if r.startswith(början))
    rader[i] = ny
    sökväg.write_text("\n".join(rader), encoding="utf-8")


def fel_i(rot, fil: str, ord_: str = "") -> list[str]:
    """The errors, after checking that there is one in content/``fil`` (containing ``ord_``)
    and that every error is a Swedish ``content/...:rad:kolumn: fel:`` line."""
    funna = fel(rot)
    assert funna, "inget fel: angreppet gick igenom kontrollen"
    assert all(DIAGNOS.match(f) for f in funna), funna
    assert any(f.startswith(f"content/{fil}:") and ord_ in f for f in funna), funna
    return funna


# --- the secret strings in places and disguises test_sekretess.py does not try ------------

# Where the secret string is written: (file, how). Every one names the sekretess ärende.
PLATSER = {
    "revideringskommentar": (
        PUBLIK,
        lambda r: lägg_till_nycklar(
            r,
            PUBLIK,
            f'revideringar: [{{datum: 2026-01-10, beslutsinstans: son, kommentar: "Efter {DNR}."}}]',
        ),
    ),
    "avslutad-genom": (
        PUBLIK,
        lambda r: lägg_till_nycklar(
            r, PUBLIK, f'avslutad: {{datum: 2026-01-01, genom: "Beslut i {DNR}"}}'
        ),
    ),
    "intranätets-namn": (
        "kommun.yml",
        lambda r: lägg_till_nycklar(r, "kommun.yml", f'intranät_namn: "Styrning och {DNR}"'),
    ),
    "kfs-utanför-anmärkning": (
        "kommun.yml",
        lambda r: ersätt_rad(
            r,
            "kommun.yml",
            "kfs_utanför:",
            f'kfs_utanför:\n  "EKFS 2016:1": {{titel: Torgstadga, anmärkning: "Se {DNR}"}}',
        ),
    ),
    "kvalitetsgarantins-text": (
        "kvalitetsgarantier/bibliotek-service.md",
        lambda r: lägg_till_text(
            r, "kvalitetsgarantier/bibliotek-service.md", f"Läs om {RUBRIK.lower()}."
        ),
    ),
    "indikatorns-beskrivning": (
        "mal/indikatorer.yml",
        lambda r: ersätt_rad(
            r,
            "mal/indikatorer.yml",
            "indikatorer:",
            f'indikatorer:\n  ny_ind: {{namn: Placeringar, enhet: st, beskrivning: "Som {DNR}."}}',
        ),
    ),
    "åtagandets-namn": (
        "mal/namnder/son.yml",
        lambda r: ersätt_rad(
            r,
            "mal/namnder/son.yml",
            "åtaganden:",
            f"åtaganden:\n  nytt: {{namn: '{RUBRIK}', mål: aldre_trygga, status: pågår}}",
        ),
    ),
    "årshjulets-beskrivning": (
        "arshjul.yml",
        lambda r: ersätt_rad(
            r,
            "arshjul.yml",
            "händelser:",
            f'händelser:\n  - {{datum: 2026-12-20, rubrik: Uppföljning, beskrivning: "{RUBRIK}"}}',
        ),
    ),
    "intranätsidans-text": (
        "sidor/intern.md",
        lambda r: (r / "content/sidor/intern.md").write_text(
            f"---\ntitel: Intern sida\npublicering: intranät\n---\n\nOm {DNR}.\n", "utf-8"
        ),
    ),
    "intranätdokumentets-text": (
        ANVISNING,
        lambda r: lägg_till_text(r, ANVISNING, f"Jämför {RUBRIK}."),
    ),
}
# Disguises that a browser shows as the plain rubrik or diarienummer.
FÖRKLÄDNADER = {
    "nfd-normalisering": unicodedata.normalize("NFD", f"Vi följer {RUBRIK}."),
    "osynlig-separator": "Ärendet SN 2026/\u2063377 tas upp.",
    "tom-tagg-i-ordet": "Ärendet SN 20<u></u>26/377 tas upp.",
    "abbr-runt-ordet": RUBRIK.replace("LVU", "<abbr>LVU</abbr>"),
    "br-i-rubriken": RUBRIK.replace("pojke ", "pojke<br>"),
    "referenslänk-runt-ett-ord": "Se Ansökan om [vård][v] enligt LVU för pojke född 2012.\n\n[v]: https://www.ekvik.example/",
    "länktitel": f'Se [kartan](https://www.ekvik.example/ "{DNR}").',
    "bildtitel": f'![Karta](../../bilder/ekvik-logotyp.svg "{RUBRIK}")',
}


@pytest.mark.parametrize("fall", list(PLATSER))
def test_hemlig_sträng_på_en_ny_plats_är_ett_fel(exempel, fall):
    fil, skriv = PLATSER[fall]
    skriv(exempel)
    fel_i(exempel, fil, "sekretessärendets")


@pytest.mark.parametrize("fall", list(FÖRKLÄDNADER))
def test_förklädd_hemlig_sträng_i_en_offentlig_text_är_ett_fel(exempel, fall):
    lägg_till_text(exempel, PUBLIK, FÖRKLÄDNADER[fall])
    fel_i(exempel, PUBLIK, "sekretessärendets")


# --- the secret file, referred to in other ways ---------------------------------------

FILREFERENSER = {
    "referenslänk": f"Se [utredningen][u].\n\n[u]: ../../{UTREDNING}",
    "referensbild": f"![Utredningen][u]\n\n[u]: ../../{UTREDNING}",
    "procentkodad-sökväg": f"Se [u](../../{UTREDNING.replace('-lvu', '%2Dlvu')}).",
    "entitet-i-sökvägen": f"Se [u](../../{UTREDNING.replace('-lvu', '&#45;lvu')}).",
    "definition-inom-vinkelparentes": f"Se [utredningen][u].\n\n[u]: <../../{UTREDNING}>",
}


@pytest.mark.parametrize("fall", list(FILREFERENSER))
def test_hemlig_fil_som_länkas_på_annat_sätt_är_ett_fel(exempel, fall):
    lägg_till_text(exempel, PUBLIK, FILREFERENSER[fall])
    fel_i(exempel, PUBLIK, "handling i ett sekretessärende")


def test_hemlig_fil_under_annat_namn_som_bild_i_en_kvalitetsgaranti(exempel):
    shutil.copy(exempel / "content" / UTREDNING, exempel / "content" / "bilder" / "karta.png")
    lägg_till_text(
        exempel, "kvalitetsgarantier/bibliotek-service.md", "![Karta](../bilder/karta.png)"
    )
    fel_i(exempel, "kvalitetsgarantier/bibliotek-service.md", "handling i ett sekretessärende")


# --- the sekretess flag, written as people write it ----------------------------------

MÖTE = "sammantraden/kf/2026-12-17.md"


def _möte_med_flagga(rot, flagga: str) -> None:
    (rot / "content" / MÖTE).write_text(
        '---\ntid: "18:00"\nplats: Folkets hus\närenden:\n'
        "  - rubrik: Öppet ärende om budgeten\n"
        f"  - rubrik: Ansökan om skyddat boende för kvinna född 1990\n"
        f"    diarienummer: KS 2026/999\n    sekretess: {flagga}\n---\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("flagga", ["Ja", "JA", '" ja "', "yes", "true", "on"])
def test_sekretessflaggan_i_annan_stavning_gör_ärendet_hemligt(exempel, flagga):
    from styrdok import bygg
    from styrdok.grund.diagnostik import Rapport
    from styrdok.slag.sammantraden.data import SEKRETESSRUBRIK, intern

    _möte_med_flagga(exempel, flagga)
    rapport = Rapport()
    korpus = bygg.ladda_och_validera(exempel, rapport)
    assert korpus is not None and not rapport.har_fel(), [str(d) for d in rapport.diagnoser]
    for data in (korpus.publik_kopia().sammantraden, intern(korpus.sammantraden)):
        möte = next(m for m in data.möten if m.datum.isoformat() == "2026-12-17")
        assert [ä.rubrik for ä in möte.ärenden][1] == SEKRETESSRUBRIK
        assert möte.ärenden[1].diarienummer is None


@pytest.mark.parametrize("flagga", ["1", '"ja!"', "jo", "[ja]", "", '"sekretess enligt OSL"'])
def test_oklar_sekretessflagga_är_ett_fel_och_aldrig_offentlig(exempel, flagga):
    _möte_med_flagga(exempel, flagga)
    fel_i(exempel, MÖTE, "sekretess")


# --- intranet documents, their bilagor and drafts, reached from what is public ----------

INTERN_BILAGA = "styrdokument/ekonomi/bilagor/intern-attestblankett.txt"


def _intern_bilaga(rot) -> None:
    (rot / "content" / INTERN_BILAGA).parent.mkdir(parents=True, exist_ok=True)
    (rot / "content" / INTERN_BILAGA).write_text("Attestlista med kontonummer 9999.\n", "utf-8")
    lägg_till_nycklar(rot, ANVISNING, "bilagor: [bilagor/intern-attestblankett.txt]")


def test_intranätdokument_får_inte_upphäva_en_publicerad_författning_utanför_styrdok(exempel):
    """kfs_utanför entries are in the public register: an intranet document cannot repeal one
    any more than a published document (README, Säkerhet)."""
    lägg_till_nycklar(exempel, ANVISNING, 'upphäver: "EKFS 2017:1"')
    fel_i(exempel, ANVISNING)


@pytest.mark.parametrize("relation", ["ersätter", "upphäver"])
def test_intranätdokument_får_inte_ersätta_eller_upphäva_ett_publicerat(exempel, relation):
    lägg_till_nycklar(exempel, ANVISNING, f"{relation}: styrdokument/ekonomi/finanspolicy")
    fel_i(exempel, ANVISNING)


def test_publik_länk_till_intranätdokumentets_bilaga_är_ett_fel(exempel):
    _intern_bilaga(exempel)
    lägg_till_text(
        exempel, PUBLIK, "Se [blanketten](../ekonomi/bilagor/intern-attestblankett.txt)."
    )
    fel_i(exempel, PUBLIK)


def test_intranätdokumentets_bilaga_som_underlag_i_offentlig_kallelse_är_ett_fel(exempel):
    _intern_bilaga(exempel)
    (exempel / "content" / MÖTE).write_text(
        '---\ntid: "18:00"\nplats: Folkets hus\närenden:\n  - rubrik: Attestrutiner\n'
        f"    beslutsunderlag: {INTERN_BILAGA}\n---\n",
        encoding="utf-8",
    )
    fel_i(exempel, MÖTE)


def test_publik_länk_till_utkastets_bilaga_är_ett_fel(exempel):
    (exempel / "content" / "styrdokument/utveckling/ai-checklista.txt").write_text("Utkast.\n")
    lägg_till_nycklar(exempel, UTKAST, "bilagor: [ai-checklista.txt]")
    lägg_till_text(exempel, PUBLIK, "Se [checklistan](../utveckling/ai-checklista.txt).")
    fel_i(exempel, PUBLIK)


LÄNKAR_TILL_INTERNT = {
    "intranätsida-från-publik-sida": (
        "sidor/om-styrmodellen.md",
        "Se [intern sida](intern.md).",
    ),
    "intranätdokument-från-kvalitetsgaranti": (
        "kvalitetsgarantier/bibliotek-service.md",
        "Se [attest][a].\n\n[a]: ../styrdokument/ekonomi/anvisning-for-attest-av-leverantorsfakturor.md",
    ),
    "utkast-från-sammanträdets-text": (
        "sammantraden/ks/2026-12-08.md",
        "Se [AI-riktlinjen](../../styrdokument/utveckling/riktlinje-for-ai-i-handlaggningen.md).",
    ),
    "utkast-som-underlag": ("sammantraden/kf/2026-12-17.md", None),
}


@pytest.mark.parametrize("fall", list(LÄNKAR_TILL_INTERNT))
def test_offentlig_text_når_inte_intranätet_eller_utkast(exempel, fall):
    fil, text = LÄNKAR_TILL_INTERNT[fall]
    (exempel / "content" / "sidor" / "intern.md").write_text(
        "---\ntitel: Intern sida\npublicering: intranät\n---\n\nIntern.\n", encoding="utf-8"
    )
    if text is None:
        (exempel / "content" / fil).write_text(
            '---\ntid: "18:00"\nplats: Folkets hus\närenden:\n  - rubrik: AI\n'
            "    beslutsunderlag: styrdokument/utveckling/riktlinje-for-ai-i-handlaggningen\n---\n",
            encoding="utf-8",
        )
    else:
        lägg_till_text(exempel, fil, text)
    fel_i(exempel, fil)
