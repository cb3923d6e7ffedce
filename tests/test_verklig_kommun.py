"""What a real kommun's content needs beyond the example: history that can be settled,
reminders that never block publishing, drafts, a half-migrated författningssamling, dates
known only to the month, årshjul events for several organs, its own names for the målkedja's
levels, and clear messages for the empty and the unfinished."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ändra

from styrdok.bygg import generera_sidor, kontrollera, ladda_och_validera
from styrdok.grund.diagnostik import Rapport

PROJEKT = Path(__file__).resolve().parents[1]
UTKAST = "Riktlinje för AI i handläggningen"


def diagnoser(rot: Path, nivå: str) -> list[str]:
    return [str(d) for d in kontrollera(rot).diagnoser if d.nivå == nivå]


def sidtext(rot: Path, variant: str) -> dict[str, str]:
    """Every generated Markdown page of one site, by its path under docs/."""
    korpus = ladda_och_validera(rot, Rapport())
    assert korpus is not None
    ut = rot / "docs" / variant
    generera_sidor(korpus, variant, ut)
    return {f.relative_to(ut).as_posix(): f.read_text(encoding="utf-8") for f in ut.rglob("*.md")}


def kör(rot: Path, *argument: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "styrdok", "--katalog", str(rot), *argument],
        capture_output=True,
        text=True,
        check=False,
    )


# --- reminders and settled history ------------------------------------------------------


def test_exemplet_klarar_strict_och_visar_påminnelserna(exempel: Path) -> None:
    resultat = kör(exempel, "check", "--strict")
    assert resultat.returncode == 0, resultat.stderr
    påminnelser = [r for r in resultat.stderr.splitlines() if ": påminnelse: " in r]
    assert any("översynen skulle ha gjorts" in r for r in påminnelser)
    assert any("giltigheten gick ut" in r for r in påminnelser)
    assert re.search(r"0 fel, 0 varningar, \d+ påminnelser", resultat.stderr)


def test_ersatt_dokument_är_historik_utan_påminnelse(exempel: Path) -> None:
    kultur = "content/styrdokument/utveckling/kulturplan.md"
    assert any(p.startswith(kultur) for p in diagnoser(exempel, "påminnelse"))
    ny = (exempel / kultur).read_text(encoding="utf-8")
    ny = ny.replace("Kulturplan 2020–2023", "Kulturplan 2024–2027")
    ny = ny.replace(
        "beslutsdatum: 2019-12-05", "beslutsdatum: 2023-12-07\nersätter: utveckling/kulturplan"
    )
    ny = ny.replace("giltig_till: 2023-12-31", "giltig_till: 2027-12-31")
    ny = ny.replace('"KFN 2019/74"', '"KFN 2023/51"')
    (exempel / "content/styrdokument/utveckling/kulturplan-2024.md").write_text(ny, "utf-8")
    assert diagnoser(exempel, "fel") == []
    assert not any(p.startswith(kultur) for p in diagnoser(exempel, "påminnelse"))
    ledning = sidtext(exempel, "intranät")["ledning-och-styrning/index.md"]
    passerat, historik = ledning.split("## Historik")
    assert "Kulturplan 2020–2023" not in passerat.split("## Inom")[0]
    assert "Kulturplan 2020–2023" in historik and "Ersatt 2023-12-07" in historik


def test_avslutat_dokument_är_historik(exempel: Path) -> None:
    assert not any("internkontrollplan-2025" in p for p in diagnoser(exempel, "påminnelse"))
    sidor = sidtext(exempel, "intranät")
    historik = sidor["ledning-och-styrning/index.md"].split("## Historik")[1]
    assert "Internkontrollplan 2025" in historik
    assert "Upphörde att gälla 2025-12-31 genom Internkontrollplan 2026" in historik
    assert (
        "Upphörde att gälla 2025-12-31" in sidor["styrdokument/ekonomi/internkontrollplan-2025.md"]
    )


def test_avslutad_i_framtiden_är_fel(exempel: Path) -> None:
    ändra(
        exempel,
        "styrdokument/ekonomi/internkontrollplan-2025.md",
        "avslutad: {datum: 2025-12-31,",
        "avslutad: {datum: 2099-12-31,",
    )
    [fel] = diagnoser(exempel, "fel")
    assert fel.startswith("content/styrdokument/ekonomi/internkontrollplan-2025.md:12:")
    assert "ligger i framtiden" in fel


# --- drafts --------------------------------------------------------------------------------


def test_utkast_publiceras_aldrig_men_listas_på_intranätet(exempel: Path) -> None:
    publik = sidtext(exempel, "publik")
    assert not any(UTKAST in text for text in publik.values())
    intranät = sidtext(exempel, "intranät")
    där = [väg for väg, text in intranät.items() if UTKAST in text]
    assert där == ["ledning-och-styrning/index.md"]
    utkast = intranät["ledning-och-styrning/index.md"].split("## Utkast")[1].split("##")[0]
    assert UTKAST in utkast and "riktlinje-for-ai-i-handlaggningen.md" in utkast
    assert "](" not in utkast  # a draft has no page to link to


def test_hänvisning_till_utkast_säger_att_det_är_ett_utkast(exempel: Path) -> None:
    ändra(
        exempel,
        "sammantraden/ks/2026-12-08.md",
        "beslutsunderlag: styrdokument/utveckling/digitaliseringsstrategi",
        "beslutsunderlag: styrdokument/utveckling/riktlinje-for-ai-i-handlaggningen",
    )
    [fel] = diagnoser(exempel, "fel")
    assert "är ett utkast (utkast: true i content/styrdokument/utveckling/" in fel


def test_hänvisning_till_dokument_med_fel_pekar_ut_felen(exempel: Path) -> None:
    ändra(
        exempel,
        "styrdokument/ekonomi/finanspolicy.md",
        "dokumentansvarig: ",
        'dokumentansvarig: ""\n#',
    )
    fel = diagnoser(exempel, "fel")
    assert any("finanspolicy.md:" in f and "dokumentansvarig får inte vara tom" in f for f in fel)
    hänvisningar = [f for f in fel if f.startswith("content/sammantraden/")]
    assert hänvisningar and all(
        "kan inte användas förrän felen i content/styrdokument/ekonomi/finanspolicy.md" in f
        for f in hänvisningar
    )
    assert not any("menade du" in f for f in hänvisningar)


# --- the författningssamling in migration ---------------------------------------------------


def test_författningar_utanför_styrdok_visas_i_registret(exempel: Path) -> None:
    assert not any("luckor" in v for v in diagnoser(exempel, "varning"))
    register = sidtext(exempel, "publik")["forfattningssamling/index.md"]
    avsnitt = register.split("## Författningar som ännu inte finns här")[1]
    assert "EKFS 2017:1" in avsnitt and "Lokala föreskrifter om torghandel" in avsnitt
    assert "(https://www.ekvik.example/arkiv/ekfs/2017-1.pdf)" in avsnitt
    assert "Finns på papper hos kommunkansliet." in avsnitt
    rad = next(r for r in avsnitt.splitlines() if "EKFS 2017:2" in r)
    assert "Upphävd 2025-06-01 genom EKFS 2025:1" in rad


def test_lucka_utan_förklaring_ger_varning_med_råd(exempel: Path) -> None:
    ändra(exempel, "kommun.yml", '  "EKFS 2017:2":', '  "EKFS 2017:3":')
    ändra(
        exempel,
        "styrdokument/foreskrifter/allmanna-lokala-ordningsforeskrifter.md",
        '"EKFS 2017:2"',
        '"EKFS 2017:3"',
    )
    [varning] = diagnoser(exempel, "varning")
    assert "luckor i numreringen för 2017: EKFS 2017:2 saknas" in varning
    assert "kfs_utanför" in varning


@pytest.mark.parametrize(
    ("post", "väntat"),
    [
        ("{titel: Taxa}", "ange var författningen finns"),
        ("{titel: Taxa, länk: www.ekvik.se}", "är ingen webbadress"),
        ("{titel: Taxa, anmärkning: Arkivet, kategori: taxxor}", "menade du taxor?"),
    ],
)
def test_felaktig_post_utanför(exempel: Path, post: str, väntat: str) -> None:
    ändra(exempel, "kommun.yml", "kfs_utanför:\n", f'kfs_utanför:\n  "2016:1": {post}\n')
    [fel] = diagnoser(exempel, "fel")
    assert fel.startswith("content/kommun.yml:") and väntat in fel


def test_nummer_både_inne_och_utanför_är_fel(exempel: Path) -> None:
    ändra(
        exempel,
        "kommun.yml",
        "kfs_utanför:\n",
        'kfs_utanför:\n  "2025:1": {titel: X, anmärkning: Y}\n',
    )
    [fel] = diagnoser(exempel, "fel")
    assert "allmanna-lokala-ordningsforeskrifter.md:11:" in fel and "bort den raden" in fel


@pytest.mark.parametrize(
    ("skrivet", "väntat"),
    [('"EKFS 2025:1"', None), ('"EKFS2025:1"', None), ('"NKFS 2025:1"', "NKFS är inte kommunens")],
)
def test_kfs_med_prefix(exempel: Path, skrivet: str, väntat: str | None) -> None:
    ändra(
        exempel,
        "styrdokument/foreskrifter/allmanna-lokala-ordningsforeskrifter.md",
        'kfs: "2025:1"',
        f"kfs: {skrivet}",
    )
    fel = diagnoser(exempel, "fel")
    if väntat is None:
        assert fel == []
    else:
        [ett] = fel
        assert ett.startswith(
            "content/styrdokument/foreskrifter/allmanna-lokala-ordningsforeskrifter.md:11:6:"
        )
        assert väntat in ett and '"EKFS 2025:1"' in ett


# --- month precision, several organs -----------------------------------------------------------


def test_revidering_med_bara_månad(exempel: Path) -> None:
    sida = sidtext(exempel, "publik")["forfattningssamling/2018-1.md"]
    historik = sida.split("## Historik")[1]
    assert "2020-06" in historik and "Styrelsens storlek" in historik
    assert "| Ekviks Energi AB |" in sida or "Ekviks Energi AB" in sida.split("## Historik")[0]


@pytest.mark.parametrize("skrivet", ["2020-13", "sommaren 2020", "juni"])
def test_ogiltig_månad_ger_svenskt_fel(exempel: Path, skrivet: str) -> None:
    ändra(
        exempel,
        "styrdokument/koncernen/bolagsordning-for-ekviks-energi-ab.md",
        "{datum: juni 2020,",
        f"{{datum: {skrivet},",
    )
    [fel] = diagnoser(exempel, "fel")
    assert "är inget datum; skriv ÅÅÅÅ-MM-DD, eller bara månaden" in fel


def test_årshjulets_månad_och_flera_organ(exempel: Path) -> None:
    sida = sidtext(exempel, "publik")["arshjul-kalender.md"]
    rad = next(r for r in sida.splitlines() if "Arbetsplatsträffar" in r)
    assert rad.startswith("| Under december |")
    rad = next(r for r in sida.splitlines() if "delårsrapporten och lämnar budgetförslag" in r)
    assert "Barn- och utbildningsnämnden, Socialnämnden" in rad


def test_årshjulets_månad_i_kalendern(exempel: Path) -> None:
    import icalendar

    from styrdok.karna.format import till_bytes
    from styrdok.slag.sammantraden import SLAG

    korpus = ladda_och_validera(exempel, Rapport())
    assert korpus is not None
    väg = "kalender/arshjul.ics"
    ics = till_bytes(korpus.delar.filformat, väg, SLAG.filer(korpus, "publik")[väg])
    kalender = icalendar.Calendar.from_ical(ics)
    händelse = next(e for e in kalender.walk("VEVENT") if "Arbetsplatsträffar" in str(e["SUMMARY"]))
    assert händelse["DTSTART"].dt.isoformat() == "2026-12-01"
    assert händelse["DTEND"].dt.isoformat() == "2027-01-01"
    flera = next(e for e in kalender.walk("VEVENT") if "lämnar budgetförslag" in str(e["SUMMARY"]))
    assert "Ansvariga: Barn- och utbildningsnämnden, Socialnämnden" in str(flera["DESCRIPTION"])


def test_okänt_organ_i_årshjulets_lista(exempel: Path) -> None:
    ändra(exempel, "arshjul.yml", "organ: [bun, son, sbn, kfn]", "organ: [bun, sno, sbn, kfn]")
    [fel] = diagnoser(exempel, "fel")
    assert "okänt organ sno; menade du son?" in fel
    assert re.match(r"content/arshjul.yml:\d+:\d+:", fel)


# --- warnings for what would be published wrong ----------------------------------------------


def test_internt_underlag_i_offentlig_kallelse_ger_varning(exempel: Path) -> None:
    ändra(exempel, "sammantraden/ks/2026-12-08.md", "    internt_underlag: ja", "")
    [varning] = diagnoser(exempel, "varning")
    assert varning.startswith("content/sammantraden/ks/2026-12-08.md:25:")
    assert "publiceras bara på intranätet" in varning and "internt_underlag: ja" in varning


def test_tillgänglighetsredogörelse_som_saknas_ger_varning(exempel: Path) -> None:
    kommunfil = exempel / "content" / "kommun.yml"
    text = kommunfil.read_text(encoding="utf-8")
    början = text.index("tillgänglighet:")
    slut = text.find("\n\n", början)
    kommunfil.write_text(text[:början] + (text[slut + 2 :] if slut > 0 else ""), "utf-8")
    [varning] = diagnoser(exempel, "varning")
    assert "tillgänglighetsredogörelsen är inte ifylld" in varning and "2018:1937" in varning


# --- empty and unfinished ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nyckel", "väntat"),
    [
        ("dokumentansvarig", "dokumentansvarig får inte vara tom: nyckeln är obligatorisk"),
        ("diarienummer", "diarienummer får inte vara tom; skriv en text, eller ta bort raden"),
        ("titel", "titel får inte vara tom: nyckeln är obligatorisk"),
    ],
)
def test_tom_text_ger_begripligt_fel(exempel: Path, nyckel: str, väntat: str) -> None:
    fil = exempel / "content/styrdokument/ekonomi/finanspolicy.md"
    text = re.sub(rf"^{nyckel}: .*$", f'{nyckel}: ""', fil.read_text("utf-8"), count=1, flags=re.M)
    fil.write_text(text, encoding="utf-8")
    fel = [f for f in diagnoser(exempel, "fel") if f.startswith("content/styrdokument/ekonomi/fin")]
    assert len(fel) == 1 and väntat in fel[0] and "ogiltigt" not in fel[0]


def test_målområde_utan_mål_är_fel(exempel: Path) -> None:
    fil = exempel / "content/mal/malomraden.yml"
    text = fil.read_text(encoding="utf-8")
    # the first målområde's mål become an empty mapping
    början = text.index("    mål:")
    slut = text.index("\n  ", text.index("\n", början) + 1)
    while text[slut + 3] == " ":
        slut = text.index("\n  ", slut + 1)
    fil.write_text(text[:början] + "    mål: {}" + text[slut:], encoding="utf-8")
    fel = diagnoser(exempel, "fel")
    assert any("mål får inte vara tom; ange minst en nyckel med värde" in f for f in fel), fel


# --- goal levels ----------------------------------------------------------------------------


def test_målnivåernas_namn_används_på_varje_sida(exempel: Path) -> None:
    ändra(
        exempel,
        "kommun.yml",
        "\nverksamheter:",
        "\nmålnivåer:\n"
        "  målområde: {ental: Strategiskt område, plural: Strategiska områden}\n"
        "  mål: Inriktningsmål\n"
        "  nämndmål: Riktningsmål\n"
        "  åtagande: {ental: Förväntat resultat, plural: Förväntade resultat}\n"
        "\nverksamheter:",
    )
    assert diagnoser(exempel, "fel") == []
    sidor = sidtext(exempel, "publik")
    mål = {v: t for v, t in sidor.items() if v.startswith("mal/")}
    start = mål["mal/index.md"]
    assert "Visionen bryts ner i strategiska områden" in start
    assert "beslutat om inriktningsmål" in start
    assert "## Nämndernas riktningsmål och förväntade resultat" in start
    alla = "\n".join(mål.values())
    for standard in ("## Nämndmål", "## Åtaganden", "## Övergripande mål", "målområden"):
        assert standard not in alla, standard
    assert "## Förväntade resultat" in alla and "## Riktningsmål" in alla


# --- styrdok new --------------------------------------------------------------------------------


def test_new_på_skottdagen(exempel: Path) -> None:
    import datetime as dt

    from styrdok.bygg import DELAR
    from styrdok.slag.styrdokument import nytt

    fil = nytt.skapa(exempel, DELAR, "plan", "ekonomi/plan-x", dt.date(2028, 2, 29))
    text = (exempel / fil).read_text(encoding="utf-8")
    assert "giltig_till: 2032-02-29" in text and "nästa_översyn: 2030-02-28" in text


# --- the reference -------------------------------------------------------------------------


def test_källformatet_i_docs_är_det_modellerna_säger() -> None:
    resultat = subprocess.run(
        [sys.executable, "-m", "styrdok", "nycklar", "--markdown"],
        capture_output=True,
        text=True,
        check=True,
    )
    sida = (PROJEKT / "docs" / "kallformat.md").read_text(encoding="utf-8")
    assert resultat.stdout == sida, "kör: styrdok nycklar --markdown > docs/kallformat.md"


def test_nycklar_visar_nästlade_nycklar_och_tillåtna_värden() -> None:
    text = kör(PROJEKT, "nycklar").stdout
    for väntat in (
        "    typ: ett av: politisk, tjänsteperson, ledningsgrupp, förvaltning, bolag,",
        "      samråd: ",  # inside dokumenttyper → beslutas_av
        "  målnivåer: ",
        "  kfs_utanför: KFS-nummer ÅÅÅÅ:N → nycklar (se nedan)",
        "content/sammantraden/<organ>/<datum>.md",
        "    beslutsunderlag: ",  # inside ärenden
        "content/mal/rapporter/*.yml",
        "  utkast: ja/nej; valfri (standard: nej)",
    ):
        assert väntat in text, väntat


def test_årshjulets_händelse_över_flera_månader(exempel: Path) -> None:
    ändra(
        exempel,
        "arshjul.yml",
        "  - datum: 2026-12\n",
        "  - datum: 2026-11\n    slutdatum: 2026-12\n",
    )
    sida = sidtext(exempel, "publik")["arshjul-kalender.md"]
    rad = next(r for r in sida.splitlines() if "Arbetsplatsträffar" in r)
    assert rad.startswith("| Under november–december |")


def test_årshjulets_datum_och_slutdatum_av_olika_slag(exempel: Path) -> None:
    ändra(
        exempel,
        "arshjul.yml",
        "  - datum: 2026-12\n",
        "  - datum: 2026-12\n    slutdatum: 2026-12-20\n",
    )
    [fel] = diagnoser(exempel, "fel")
    assert "ska vara samma slag: två dagar (ÅÅÅÅ-MM-DD) eller två månader (ÅÅÅÅ-MM)" in fel


@pytest.mark.parametrize(
    ("fil", "gammalt", "nytt", "rad"),
    [
        ("kommun.yml", "vision: >-", 'vision: "FYLL I: kommunens vision"\n_bort: >-', 5),
        ("sidor/index.md", "## Så styrs Ekviks kommun", "## FYLL I: rubrik", 5),
        ("kvalitetsgarantier/avfall-hamtning.md", "paragraf: 58", 'paragraf: "FYLL I: §"', 7),
        ("arshjul.yml", "    rubrik: Bokslut 2025 klart", "    rubrik: FYLL I händelsen", 10),
    ],
)
def test_platshållare_i_varje_slags_källa_är_fel(exempel, fil, gammalt, nytt, rad) -> None:
    ändra(exempel, fil, gammalt, nytt)
    fel = [f for f in diagnoser(exempel, "fel") if "platshållaren är inte ifylld" in f]
    assert len(fel) == 1 and fel[0].startswith(f"content/{fil}:{rad}:"), fel
    assert all("_bort" in f or "platshållaren" in f for f in diagnoser(exempel, "fel"))


def test_platshållare_i_utkast_är_påminnelser(exempel: Path) -> None:
    ändra(
        exempel,
        "styrdokument/utveckling/riktlinje-for-ai-i-handlaggningen.md",
        "- En människa fattar alltid beslutet.",
        "- FYLL I: fler utgångspunkter",
    )
    assert diagnoser(exempel, "fel") == []
    [påminnelse] = [p for p in diagnoser(exempel, "påminnelse") if "platshållaren" in p]
    assert "riktlinje-for-ai-i-handlaggningen.md:" in påminnelse
    assert "fyll i innan utkast: true tas bort" in påminnelse


def test_platshållare_ger_ett_fel_inte_två(exempel: Path) -> None:
    """A rule that checks a value (a known kategori, a known organ) says nothing more about a
    placeholder: one error per line, the placeholder's."""
    ändra(
        exempel,
        "styrdokument/foreskrifter/allmanna-lokala-ordningsforeskrifter.md",
        "kategori: foreskrifter",
        'kategori: "FYLL I: en kategori ur kommun.yml"',
    )
    fel = diagnoser(exempel, "fel")
    assert len(fel) == 1 and "platshållaren är inte ifylld" in fel[0], fel
