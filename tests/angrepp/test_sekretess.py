"""Sekretess follows the data: the sekretess ärende of socialnämnden (content/sammantraden/
son/2026-12-03.md: rubrik "Ansökan om vård enligt LVU för pojke född 2012", diarienummer
SN 2026/377, the utredning PDF) written or attached anywhere else is an error at that place,
however it is written."""

from __future__ import annotations

import shutil

import pytest

from tests.angrepp.conftest import fel, ändra

MÖTE = "sammantraden/son/2026-12-03.md"
ANNAT_MÖTE = "sammantraden/ks/2026-12-08.md"
RUBRIK = "Ansökan om vård enligt LVU för pojke född 2012"
UTREDNING = "sammantraden/son/2026-12-03/utredning-lvu-tallbacken.pdf"

# (file, text to replace, replacement, file the error is in): a secret string, written in
# some field or text of some kind, in some disguise.
STRÄNGAR = {
    "rubrik-i-annat-ärendes-beskrivning": (
        MÖTE,
        "dokumentation i utredningar",
        f"dokumentation i utredningar, som {RUBRIK}",
        MÖTE,
    ),
    "rubrik-i-annat-ärendes-rubrik": (
        MÖTE,
        "rubrik: Internkontrollplan 2027 för socialnämnden",
        f"rubrik: Internkontrollplan 2027 och {RUBRIK.lower()}",
        MÖTE,
    ),
    "diarienummer-i-plats": (MÖTE, "plats: Lillsjön", "plats: SN 2026/377, Lillsjön", MÖTE),
    "diarienummer-i-justering": (
        MÖTE,
        "justering: 2026-12-07",
        "justering: efter SN 2026/377, 2026-12-07",
        MÖTE,
    ),
    "mjukt-bindestreck": (MÖTE, "---\n", "---\n", MÖTE),  # replaced below
    "nbsp-entitet": (ANNAT_MÖTE, "tid:", "tid:", ANNAT_MÖTE),  # replaced below
    "betoning-inne-i-token": (ANNAT_MÖTE, "tid:", "tid:", ANNAT_MÖTE),
    "länk-runt-orden": (ANNAT_MÖTE, "tid:", "tid:", ANNAT_MÖTE),
    "radbrytning-i-rubriken": (ANNAT_MÖTE, "tid:", "tid:", ANNAT_MÖTE),
    "i-ett-styrdokument": (
        "styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand.md",
        "\n---\n",
        "\n---\n\nSe beslutet i SN&#160;2026/377.\n",
        "styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand.md",
    ),
    "i-en-fri-sida": (
        "sidor/om-styrmodellen.md",
        "\n---\n",
        f"\n---\n\n{RUBRIK}.\n",
        "sidor/om-styrmodellen.md",
    ),
    "i-årshjulet": (
        "arshjul.yml",
        "händelser:\n",
        'händelser:\n  - {datum: 2026-12-10, rubrik: "SN 2026/377"}\n',
        "arshjul.yml",
    ),
}
KROPPAR = {
    "mjukt-bindestreck": "Vi följer upp ansökan om vård enligt LV\u00adU för pojke född 2012.",
    "nbsp-entitet": "Ärendet SN&nbsp;2026/377 tas upp i socialnämnden.",
    "betoning-inne-i-token": "Ärendet SN 20**26**/377 tas upp i socialnämnden.",
    "länk-runt-orden": "Se [Ansökan om vård](https://www.ekvik.example/) enligt LVU för pojke född 2012.",
    "radbrytning-i-rubriken": "Se Ansökan om vård\nenligt *LVU* för pojke\nfödd 2012.",
}


@pytest.mark.parametrize("fall", list(STRÄNGAR))
def test_hemlig_sträng_någon_annanstans_är_ett_fel(exempel, fall):
    fil, gammalt, nytt, felfil = STRÄNGAR[fall]
    if fall in KROPPAR:
        text = (exempel / "content" / fil).read_text(encoding="utf-8")
        (exempel / "content" / fil).write_text(
            text.rstrip("\n") + "\n\n" + KROPPAR[fall] + "\n", encoding="utf-8"
        )
    else:
        ändra(exempel, fil, gammalt, nytt)
    funna = fel(exempel)
    assert len(funna) == 1, funna
    assert funna[0].startswith(f"content/{felfil}:") and "sekretessärendets" in funna[0], funna


def test_hemlig_fil_som_underlag_i_ett_offentligt_ärende(exempel):
    ändra(
        exempel,
        MÖTE,
        "förslag_till_beslut: Socialnämnden antar internkontrollplan 2027.",
        "förslag_till_beslut: Socialnämnden antar internkontrollplan 2027.\n"
        "    beslutsunderlag: 2026-12-03/utredning-lvu-tallbacken.pdf",
    )
    funna = fel(exempel)
    assert len(funna) == 1 and f"content/{MÖTE}:15:" in funna[0], funna
    assert "handling i ett sekretessärende" in funna[0]


def test_hemlig_fil_under_annat_namn_som_bilaga(exempel):
    shutil.copy(
        exempel / "content" / UTREDNING, exempel / "content" / "styrdokument" / "bilaga.pdf"
    )
    ändra(
        exempel,
        "styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand.md",
        "\n---\n",
        "\nbilagor: [../bilaga.pdf]\n---\n",
    )
    funna = fel(exempel)
    assert len(funna) == 1 and "handling i ett sekretessärende" in funna[0], funna


def test_hemlig_fil_som_länk_i_en_text(exempel):
    text = (exempel / "content" / ANNAT_MÖTE).read_text(encoding="utf-8")
    (exempel / "content" / ANNAT_MÖTE).write_text(
        text + "\nSe [utredningen](../son/2026-12-03/utredning-lvu-tallbacken.pdf).\n",
        encoding="utf-8",
    )
    funna = fel(exempel)
    assert len(funna) == 1 and "handling i ett sekretessärende" in funna[0], funna


def test_sekretessärendet_självt_är_inget_fel(exempel):
    assert fel(exempel) == []


# --- how a text is compared (grund/normalisering), and where a hit is reported ----------

DNR = "SN 2026/377"
SAMMA_SOM_DNR = {
    "nfkc-helbredd": "Ärendet ＳＮ　２０２６/３７７.",
    "bidi-och-ordfog": "SN \u2066 2026/\u2060377 \u2069",
    "variationsväljare": "SN 2026\ufe0f/377",
    "tom-mark": "SN 20<mark></mark>26/377",
    "span": "SN <span>2026</span>/377",
    "radbrytning-och-gemener": "sn\n2026/377",
    "attributlista": "SN 20*26*{.x}/377",
    "referens-utan-etikett": "SN [2026][]/377\n\n[2026]: https://x.example/",
    "titel-i-enkla-citattecken": "[se](https://x.example/ 'SN 2026/377')",
    "attribut-på-tillåten-tagg": '<abbr title="SN 2026/377">ärendet</abbr>',
}
INTE_SAMMA = {
    "längre-nummer": "SN 2026/3771",
    "annat-nummer": "SN 2026/37 7",
    "länkmål": "[ärendet](https://x.example/SN2026377)",
}


@pytest.mark.parametrize("fall", list(SAMMA_SOM_DNR))
def test_förklädnad_normaliseras_som_en_läsare_ser_den(fall):
    from styrdok.grund.normalisering import fras, normalisera

    assert normalisera(SAMMA_SOM_DNR[fall]).hitta(fras(DNR)), normalisera(SAMMA_SOM_DNR[fall])


@pytest.mark.parametrize("fall", list(INTE_SAMMA))
def test_annat_än_den_hemliga_strängen_är_ingen_träff(fall):
    from styrdok.grund.normalisering import fras, normalisera

    assert normalisera(INTE_SAMMA[fall]).hitta(fras(DNR)) == []


def test_träffen_anges_där_den_står_i_källan():
    from styrdok.grund.normalisering import fras, normalisera, rad_och_kolumn

    text = 'Första raden.\nSe [kartan](https://x.example/ "Om SN 2026/377") nu.'
    (index,) = normalisera(text).hitta(fras(DNR))
    assert rad_och_kolumn(text, index) == (1, text.split("\n")[1].index("SN") + 1)
    nfd = "Å\u030a SN 20\u200b26/377"
    (index,) = normalisera(nfd).hitta(fras(DNR))
    assert nfd[index] == "S"


def test_snabb_normaliserar_som_normalisera():
    from styrdok.grund.normalisering import fras, snabb

    for text in ("Ａnsökan om vård", "A\u0301\u00adB", "  x\u200b y  ", "*a* [b] ~c~"):
        assert snabb(text) == fras(text), text


def test_nycklar_granskas_som_värden():
    from styrdok.karna.sekretess import NYCKEL, _värden

    värden = list(_värden({"kfs_utanför": {DNR: {"titel": "Torgstadga"}}}, ""))
    assert (("kfs_utanför", DNR), DNR, NYCKEL) in värden


def test_snabb_är_fras_för_text_utan_markdown():
    """The gate takes snabb() for a phrase without links, tags, attribute lists or escapes
    (control characters never get past reading a source)."""
    from hypothesis import given
    from hypothesis import strategies as st

    from styrdok.grund.normalisering import fras, snabb

    tecken = st.characters(blacklist_characters="[<{\\", blacklist_categories=("Cc", "Cs"))

    @given(st.text(alphabet=tecken, max_size=60))
    def lika(text):
        assert snabb(text) == fras(text)

    lika()
