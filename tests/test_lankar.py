"""Links, images and raw HTML in Markdown texts: one tokenizer (grund/lankar), one rule for
targets (grund/brodtext), and styrdok's own link checks and rewriting (karna/lankar).

Every class of walk-around has its cases here: encoded schemes, reference-style links,
autolinks, attribute lists, tags over several lines, comments, code that is not code. And a
differential test holds the check to Python-Markdown itself: whatever dangerous HTML it
makes of a text, the check must have reported.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import PROJEKT, SKRAPKOMMUN
from hypothesis import example, given
from hypothesis import strategies as st
from riktiga_filer import PNG

from styrdok.bygg import kontrollera, ladda_och_validera
from styrdok.grund import brodtext
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil, Positioner
from styrdok.grund.lankar import AUTOLÄNK, BILD, DEFINITION, LÄNK, tolka
from styrdok.karna import lankar, lankgranskning

# --- the tokenizer -------------------------------------------------------------------------


def test_tolka_hittar_varje_slags_länk_med_plats():
    text = (
        'Se [a](x.md) och ![Karta](k.png "titel").\n'
        "En [referens][r], en [kort] och <https://ok.se> och <namn@ekvik.se>.\n\n"
        "[r]: <y.md>\n"
        "[kort]: z.pdf\n"
    )
    delar = [(d.art, d.mål, d.rad, d.kolumn, d.referens) for d in tolka(text).länkar]
    assert delar == [
        (LÄNK, "x.md", 0, 8, False),
        (BILD, "k.png", 0, 27, False),
        (LÄNK, "y.md", 3, 7, True),
        (LÄNK, "z.pdf", 4, 9, True),
        (AUTOLÄNK, "https://ok.se", 1, 34, False),
        (AUTOLÄNK, "mailto:namn@ekvik.se", 1, 54, False),
        (DEFINITION, "y.md", 3, 7, False),
        (DEFINITION, "z.pdf", 4, 9, False),
    ]
    bild = tolka(text).länkar[1]
    assert (bild.text, text[bild.start : bild.slut]) == ("Karta", '![Karta](k.png "titel")')


def test_tolka_taggar_över_flera_rader_och_inte_i_kod():
    text = "a <img\nsrc=x onerror=alert(1)> b `<script>` c\n\n    <iframe>\n"
    (tagg,) = tolka("Stycke.\n\n" + text).taggar
    assert (tagg.namn, tagg.rad, tagg.kolumn) == ("img", 2, 3)
    assert "onerror" in tagg.attribut


@pytest.mark.parametrize(
    "text",
    [
        "[x](`javascript:alert(1)`)",  # a code span in a target is its text
        "[x](java\\script:alert(1))",
        "[a `]` b](javascript:alert(1))",  # a bracket in a code span is no bracket
        "[a [b] c](javascript:alert(1))",
        "[x](\njavascript:alert(1))",
        "[x](javascript:a(b)c 'titel')",
    ],
)
def test_tolka_läser_målet_som_python_markdown(text: str):
    (länk,) = [d for d in tolka(text).länkar if d.art == LÄNK]
    assert brodtext.schema(länk.mål) == "javascript"


def test_escapade_hakparenteser_är_ingen_länk():
    assert tolka("\\[x](javascript:alert(1))").länkar == ()
    assert [d.art for d in tolka("\\![x](a.md)").länkar] == [LÄNK]


# --- the rule for targets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "mål",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java&#x09;script:alert(1)",
        "java&#9;script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "java%73cript:alert(1)",
        "javascript%3Aalert(1)",
        "%2526%2523106;avascript:alert(1)",  # encoded twice over
        "java script:alert(1)",
        "java\u200bscript:alert(1)",
        " \x01javascript:alert(1)",
        "java`script`:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
    ],
)
def test_förklädda_scheman_är_inte_tillåtna(mål: str):
    assert not brodtext.tillåtet_mål(mål)


@pytest.mark.parametrize(
    "mål",
    [
        "https://www.ekvik.se/a?b=c#d",
        "HTTP://x.se",
        "mailto:a@b.se",
        "tel:+4612345",
        "../ekonomi/policy.md#syfte",
        "#syfte",
        "bilaga 1.pdf",
        "a/b:c.pdf",
    ],
)
def test_tillåtna_mål(mål: str):
    assert brodtext.tillåtet_mål(mål)


# --- brodtext.granska: one error per mistake, at the right place -----------------------


def granska(text: str, rot: Path) -> list[tuple[int, int, str]]:
    källa = Källfil(rot / "styrdokument" / "a.md", "a.md", None, Positioner(), text, 1)
    rapport = Rapport()
    brodtext.granska(källa, rapport, rot)
    return [(d.rad, d.kolumn, d.meddelande) for d in rapport.diagnoser if d.nivå == "fel"]


@pytest.fixture
def innehåll(tmp_path: Path) -> Path:
    (tmp_path / "styrdokument").mkdir()
    (tmp_path / "styrdokument" / "karta.png").write_bytes(PNG)
    return tmp_path


FEL = {
    # encoded schemes, in every kind of link
    "[x](java&#x09;script:alert(1))": (1, 5, "länken javascript: är inte tillåten"),
    "[x](&#106;avascript:alert(1))": (1, 5, "länken javascript: är inte tillåten"),
    "[x](javascript&colon;alert(1))": (1, 5, "länken javascript: är inte tillåten"),
    "[x](java%73cript:alert(1))": (1, 5, "länken javascript: är inte tillåten"),
    "[x](JAVASCRIPT:alert(1))": (1, 5, "länken javascript: är inte tillåten"),
    "[x](<java script:alert(1)>)": (1, 6, "länken javascript: är inte tillåten"),
    "[x](`javascript:alert(1)`)": (1, 5, "länken javascript: är inte tillåten"),
    "![Karta](data:image/png;base64,iVBORw0KGgo=)": (1, 10, "länken data: är inte tillåten"),
    "[x][r]\n\n[r]: <a b.pdf>": (3, 6, "rå HTML (<a>)"),  # no definition: HTML
    # reference-style links: the definition is checked, used or not
    "[x][r]\n\n[r]: javascript:alert(1)": (3, 6, "länken javascript: är inte tillåten"),
    "[x][r]\n\n[r]: <javascript:alert(1)>": (3, 7, "länken javascript: är inte tillåten"),
    "[x]\n\n   [X]:\n   javascript:alert(1) 'titel'": (4, 4, "länken javascript: är inte"),
    # autolinks
    "<javascript:alert(1)>": (1, 2, "länken javascript: är inte tillåten"),
    "<javascript://%0Aalert(1)>": (1, 2, "länken javascript: är inte tillåten"),
    # attribute lists (attr_list): only .klass and #id
    'Stycke.\n{: onclick="alert(1)" }': (2, 1, 'attributet onclick="alert(1)"'),
    "[x](https://ekvik.se){ onclick=alert(1) }": (1, 22, "attributet onclick=alert(1)"),
    "## Rubrik { style=color:red }": (1, 11, "attributet style=color:red"),
    "| a |\n|---|\n| b { onmouseover=x } |": (3, 5, "attributet onmouseover=x"),
    "**fet**{ hidden }": (1, 8, "attributet hidden"),
    "Stycke\n{: .klass href=javascript:alert(1) }": (2, 1, "attributet href=javascript"),
    # raw HTML over several lines, comments, declarations
    "<img\nsrc=x onerror=alert(1)>": (1, 1, "rå HTML (<img>)"),
    "Text <u\nonmouseover=alert(1)>u</u>": (1, 6, "rå HTML (<u>)"),
    "<div\n\nonclick=alert(1)>": (1, 1, "rå HTML (<div>)"),
    "<img/src=x onerror=alert(1)>": (1, 1, "rå HTML (<img>)"),
    "Text <!-- dolt --> text": (1, 6, "HTML-kommentarer är inte tillåtna"),
    "<!DOCTYPE html>": (1, 1, "rå HTML (<!doctype>)"),
    "</article>": (1, 1, "rå HTML (<article>)"),
    # code that is not code: no fenced blocks, indented lines inside lists and paragraphs
    "Stycke.\n\n```\n<script>alert(1)</script>\n```": (4, 1, "rå HTML (<script>)"),
    "- punkt\n\n    <script>alert(1)</script>": (3, 5, "rå HTML (<script>)"),
    "!!! note\n    <script>alert(1)</script>": (2, 5, "rå HTML (<script>)"),
    "Stycke\n    <script>alert(1)</script>": (2, 5, "rå HTML (<script>)"),
    "    <script>alert(1)</script>": (1, 5, "rå HTML (<script>)"),  # strip() makes it text
    "\\`<script>alert(1)</script> `": (1, 3, "rå HTML (<script>)"),
    "<div [``><script>``x``": (1, 1, "rå HTML (<div>)"),
    # images the PDF and Word writers refuse
    "![](karta.png)": (1, 1, "saknar alternativtext: skriv ![beskrivning](karta.png)"),
    "![ ][k]\n\n[k]: karta.png": (1, 1, "saknar alternativtext"),
    "![Karta](https://ekvik.se/karta.png)": (
        1,
        10,
        "PDF och Word kan bara använda bilder i content/",
    ),
    "![Karta](//ekvik.se/karta.png)": (1, 10, "PDF och Word kan bara använda bilder i content/"),
    "![Karta](finns-inte.png)": (1, 10, "finns inte, eller ligger utanför content/"),
    "![Karta](../../etc/passwd)": (1, 10, "finns inte, eller ligger utanför content/"),
}


@pytest.mark.parametrize("text", list(FEL))
def test_ett_fel_per_misstag(text: str, innehåll: Path):
    rad, kolumn, ord_ = FEL[text]
    (fel,) = granska(text, innehåll)
    assert fel[:2] == (rad, kolumn), fel
    assert ord_ in fel[2], fel


@pytest.mark.parametrize(
    "text",
    [
        "Text med <br> och x<sup>2</sup>, <kbd>Ctrl</kbd> och <u>understruket</u><br/>.",
        "[Webb](https://www.ekvik.se) [mejl](mailto:a@b.se) [tel](tel:123) <https://ok.se>",
        "[Policy](../ekonomi/policy.md#syfte) [här](#syfte) [bilaga](<bilaga 1.pdf>)",
        "![Karta över kommunen](karta.png) ![Karta](karta%2Epng)",
        "Kod: `<script>alert(1)</script>` och ``[x](javascript:alert(1))``.",
        "Stycke.\n\n    <script>alert(1)</script>\n    [x](javascript:alert(1))",
        "Stycke\n{: .viktig #id }\n\n## Rubrik { #egen-rubrik }",
        "Ange {namn} och {datum} i mallen.",
        "Priset är < 10 kr och > 5 kr; 3<4, men 5 > 4.",
    ],
)
def test_tillåtet_ger_inga_fel(text: str, innehåll: Path):
    assert granska(text, innehåll) == []


# --- held to Python-Markdown itself -----------------------------------------------------------


def _markdown() -> markdown.Markdown:
    """Python-Markdown with mkdocs.yml's extensions, as the site engine converts pages."""
    namn, inställningar = [], {}
    for tillägg in yaml.safe_load((PROJEKT / "mkdocs.yml").read_text())["markdown_extensions"]:
        if isinstance(tillägg, dict):
            ((tillägg, inställning),) = tillägg.items()
            inställningar[tillägg] = inställning or {}
        namn.append(tillägg)
    return markdown.Markdown(extensions=namn, extension_configs=inställningar)


MARKDOWN = _markdown()
_FARLIGA = {"script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta"}
_URL = {"href", "src", "action", "formaction", "data", "poster", "srcset", "cite", "background"}


class _Fara(HTMLParser):
    """What in a page could run script or hide content: a browser's reading, not styrdok's."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fynd: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _FARLIGA:
            self.fynd.append(tag)
        for namn, värde in attrs:
            if namn.startswith("on") or namn == "style":
                self.fynd.append(namn)
            if namn in _URL and värde:
                url = re.sub(r"[\t\n\r]", "", värde.strip("".join(map(chr, range(33))))).lower()
                if (s := re.match(r"([a-z][a-z0-9+.\-]*):", url)) and s.group(1) not in (
                    "http",
                    "https",
                    "mailto",
                    "tel",
                ):
                    self.fynd.append(f"{namn}={värde}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.fynd.append("kommentar")


def farligt(text: str) -> list[str]:
    fara = _Fara()
    try:
        fara.feed(MARKDOWN.reset().convert(text))
        fara.close()
    except Exception as fel:  # noqa: BLE001 - what a parser cannot read is suspect too
        return [f"oläsligt: {fel}"]
    return fara.fynd


BITAR = [
    *"[]()<>`\\'\" #*_=|{}!",
    "![", "``", "```", "\n", "\n\n", "    ", "\t", "- ", "1. ", "> ", "!!! note\n", "# ", "|---|\n",
    "javascript:alert(1)", "java&#x09;script:", "&#106;avascript:", "javascript&colon;",
    "java%73cript:", "JaVa\nScript:", "data:text/html,x", "<javascript://x%0Aalert(1)>",
    "<img src=x onerror=alert(1)>", "<img", "<img/", " src=x", " onerror=alert(1)", "<u>", "</u>",
    "<br>", "<div ", "</div>", ' title="<"', "<script>", "<!--", "-->", "<!DOCTYPE x>",
    "{: onclick=x }", "{ onclick=x }", "{: .a }", "{ style=x }", "{:",
    "[r]: ", "[r]:\n", "[x][r]", "[r]", "[x](", "](", "](<", "<https://ok.se>", "a@b.se", "x",
]  # fmt: skip


@given(st.lists(st.sampled_from(BITAR), min_size=1, max_size=16).map("".join))
@example("[r]: <script>    [")
@example("[r]: javascript:alert(1)[r]:\n[r]: <a href=")
@example("<div [``><script>``x`` ")
@example("<div \n\nonerror=alert(1)<https://ok.se>")
@example("# h `e\na `b\nc` [x](javascript:alert(1)) `d`")
def test_allt_farligt_som_python_markdown_gör_av_texten_rapporteras(text: str):
    if fynd := farligt(text):
        assert granska(text, Path("/finns-inte")), f"{text!r} blir {fynd} men ger inget fel"


def test_kontroll_av_projekt_rapporterar_förklädda_länkar_och_bilder(skrapkommun: Path):
    (skrapkommun / "content" / "styrdokument" / "policy.md").write_text(
        "---\ntitel: Policy\ndokumenttyp: policy\nbeslutsinstans: kf\nbeslutsdatum: 2022-03-01\n"
        "paragraf: 12\ndokumentansvarig: Kanslichef\n---\n\n"
        "Se [länken][r].\n\n![](https://ekvik.se/karta.png)\n\n[r]: java&#x09;script:alert(1)\n",
        encoding="utf-8",
    )
    fel = [
        (d.rad, d.kolumn, d.meddelande[:40])
        for d in kontrollera(skrapkommun).diagnoser
        if d.nivå == "fel"
    ]
    assert fel == [
        (12, 1, "bilden https://ekvik.se/karta.png saknar"),
        (12, 5, "bilden https://ekvik.se/karta.png är int"),
        (14, 6, "länken javascript: är inte tillåten; län"),
    ]


# --- karna/lankar: a small kommun -----------------------------------------------------------

HUVUD = (
    "---\ntitel: {titel}\ndokumenttyp: {typ}\nbeslutsinstans: {organ}\nbeslutsdatum: 2022-03-01\n"
    "{extra}dokumentansvarig: Kanslichef\n---\n\n"
)


@pytest.fixture(scope="module")
def korpus(tmp_path_factory):
    rot = tmp_path_factory.mktemp("lankar")
    c = rot / "content"
    for mapp in ("styrdokument/ekonomi/bilagor", "styrdokument/personal", "bilder", "sidor"):
        (c / mapp).mkdir(parents=True)
    (c / "kommun.yml").write_text(SKRAPKOMMUN, encoding="utf-8")
    (c / "styrdokument/ekonomi/finanspolicy.md").write_text(
        HUVUD.format(
            titel="Finanspolicy",
            typ="policy",
            organ="kf",
            extra='paragraf: 12\nkfs: "2022:1"\nkategori: allmanna\n',
        )
        + "## Syfte\n\nText.\n",
        encoding="utf-8",
    )
    (c / "styrdokument/ekonomi/placeringar.md").write_text(
        HUVUD.format(titel="Placeringar", typ="policy", organ="ks", extra="paragraf: 3\n") + "T.\n",
        encoding="utf-8",
    )
    (c / "styrdokument/personal/hot.md").write_text(
        HUVUD.format(titel="Rutin vid hot", typ="rutin", organ="kd", extra="") + "Internt.\n",
        encoding="utf-8",
    )
    (c / "sidor/om.md").write_text("---\ntitel: Om oss\n---\n\nText.\n", encoding="utf-8")
    shutil.copy(
        PROJEKT / "content/styrdokument/taxor/bilagor/berakning-av-timtaxan.pdf",
        c / "styrdokument/ekonomi/bilagor/taxa 2022.pdf",
    )
    (c / "bilder/karta.png").write_bytes(PNG)
    rapport = Rapport()
    korpus = ladda_och_validera(rot, rapport)
    assert korpus is not None and not rapport.har_fel(), rapport.diagnoser
    return korpus


def källa(korpus) -> Path:
    return korpus.innehåll / "styrdokument" / "ekonomi" / "placeringar.md"


def länkfel(korpus, text: str, publik: bool = True, första_rad: int = 10) -> list[str]:
    fil = Källfil(källa(korpus), "content/p.md", None, Positioner())
    rapport = Rapport()
    lankgranskning.granska_länkar(korpus, fil, text, första_rad, rapport, publik)
    return [str(d) for d in rapport.diagnoser]


def test_giltiga_länkar_ger_inga_fel(korpus):
    text = (
        "[KFS](finanspolicy.md#syfte) [sida](../../sidor/om.md) [bilaga](<bilagor/taxa 2022.pdf>)"
        " [kodad](bilagor/taxa%202022.pdf) [här](#syfte) [webb](https://ekvik.se) "
        "![Karta](../../bilder/karta.png) [ref][r] <https://ok.se>\n\n[r]: finanspolicy.md\n"
    )
    assert länkfel(korpus, text) == []


def test_länk_till_något_som_inte_finns_med_förslag(korpus):
    assert länkfel(korpus, "Se\n[policyn](finanspolcy.md).") == [
        "content/p.md:11:11: fel: länken finanspolcy.md pekar på något som inte finns; "
        "menade du finanspolicy.md?"
    ]
    (fel,) = länkfel(korpus, "[x](styrdokument/ekonomi/finanspolicy)")
    assert "menade du finanspolicy.md?" in fel
    (fel,) = länkfel(korpus, "[x](helt-okänd-fil-xyz.docx)")
    assert "pekar på något som inte finns; ange sökvägen" in fel


def test_publik_text_får_inte_länka_till_intranätet(korpus):
    text = "Följ [rutinen](../personal/hot.md).\n\n[r]: ../personal/hot.md\n"
    assert [f.split(": fel: ")[0] for f in länkfel(korpus, text)] == [
        "content/p.md:10:16",
        "content/p.md:12:6",
    ]
    assert (
        "länkar till ett dokument som bara finns på intranätet (Rutin vid hot)"
        in (länkfel(korpus, text)[0])
    )
    assert länkfel(korpus, text, publik=False) == []


def test_absoluta_länkar_och_källfiler(korpus):
    (absolut,) = länkfel(korpus, "[x](/styrdokument/ekonomi/finanspolicy.md)")
    assert "börjar med /; skriv finanspolicy.md (sökvägen relativt den här filen)" in absolut
    (sida,) = länkfel(korpus, "[x](/forfattningssamling/2022-1/)")
    assert "skriv finanspolicy.md" in sida
    (nät,) = länkfel(korpus, "[x](//ekvik.se/sida)")
    assert "saknar https:" in nät
    (källfil,) = länkfel(korpus, "[x](../../kommun.yml)")
    assert "pekar på en källfil som inte blir någon egen sida" in källfil
    (bild,) = länkfel(korpus, "![Policy](finanspolicy.md)")
    assert "är en källfil, ingen bild" in bild


def test_skriv_om_för_webbplatsen(korpus):
    text = (
        "Se [policyn](finanspolicy.md#syfte), [om](../../sidor/om.md), "
        '[taxan](<bilagor/taxa 2022.pdf>), ![Karta](../../bilder/karta.png "t"), '
        "[rutinen](../personal/hot.md), [saknas](saknas.md), [webb](https://ekvik.se), "
        "[här](#syfte) och [ref][r].\n\n[r]: finanspolicy.md\n"
    )
    ny, filer = lankar.skriv_om(korpus, källa(korpus), text, "styrdokument/ekonomi/placeringar.md")
    assert ny == (
        "Se [policyn](../../forfattningssamling/2022-1.md#syfte), [om](../../om.md), "
        "[taxan](<../../filer/innehall/styrdokument/ekonomi/bilagor/taxa%202022.pdf>), "
        '![Karta](../../filer/innehall/bilder/karta.png "t"), '
        "[rutinen](personal/hot.md), saknas, [webb](https://ekvik.se), "
        "[här](#syfte) och [ref][r].\n\n[r]: ../../forfattningssamling/2022-1.md\n"
    ).replace("personal/hot.md", "../personal/hot.md")
    assert filer == {
        "filer/innehall/styrdokument/ekonomi/bilagor/taxa 2022.pdf": (
            korpus.innehåll / "styrdokument/ekonomi/bilagor/taxa 2022.pdf"
        ).resolve(),
        "filer/innehall/bilder/karta.png": (korpus.innehåll / "bilder/karta.png").resolve(),
    }


def test_skriv_om_på_den_publika_webbplatsen_gör_intranätlänkar_till_text(korpus):
    text = "Följ [rutinen](../personal/hot.md) och [den][r].\n\n[r]: ../personal/hot.md\nSlut."
    ny, filer = lankar.skriv_om(korpus.publik_kopia(), källa(korpus), text, "x.md")
    assert ny == "Följ rutinen och den.\n\n\nSlut."
    assert filer == {}


def test_skriv_om_rör_inget_annat():
    text = "Ingen länk, bara *text* med [hakparenteser] och `kod [x](y.md)`.\n"
    assert lankar.skriv_om(None, Path("/x/a.md"), text, "a.md") == (text, {})


def test_för_dokument_ger_bara_publika_adresser(korpus):
    text = (
        "Se [policyn](finanspolicy.md#syfte), [om](../../sidor/om.md), [rutinen](../personal/hot.md), "
        "[taxan](bilagor/taxa%202022.pdf), ![Karta](../../bilder/karta.png), [s](saknas.md), "
        "[här](#syfte), [webb](https://ekvik.se) och [ref][r].\n\n[r]: finanspolicy.md\n"
    )
    ny = lankar.för_dokument(korpus, källa(korpus), text)
    assert ny == (
        "Se [policyn](https://www.prov.example/forfattningssamling/2022-1/#syfte), "
        "[om](https://www.prov.example/om/), rutinen, taxan, ![Karta](../../bilder/karta.png), s, "
        "[här](#syfte), [webb](https://ekvik.se) och [ref][r].\n\n"
        "[r]: https://www.prov.example/forfattningssamling/2022-1/\n"
    )
    for länk in tolka(ny).länkar:
        assert länk.bild or re.match(r"https://|#", länk.mål), länk


def test_bild_via_definition_är_en_bild(korpus):
    text = "![Karta][k] och [policyn][p].\n\n[k]: ../../bilder/karta.png\n[p]: ../personal/hot.md\n"
    assert lankar.för_dokument(korpus, källa(korpus), text) == (
        "![Karta][k] och policyn.\n\n[k]: ../../bilder/karta.png\n\n"
    )
    ny, filer = lankar.skriv_om(korpus.publik_kopia(), källa(korpus), text, "a/b.md")
    assert ny == "![Karta][k] och policyn.\n\n[k]: ../filer/innehall/bilder/karta.png\n\n"
    assert list(filer) == ["filer/innehall/bilder/karta.png"]
    (fel,) = länkfel(korpus, "![Policy][p]\n\n[p]: finanspolicy.md")
    assert "är en källfil, ingen bild" in fel


def test_fotnoter_förkortningar_och_definitionslistor_är_inga_länkar(korpus):
    text = (
        "Delegationen[^1] och FN.\n\n[^1]: Se betänkandet.\n\n*[FN]: Förenta nationerna\n\n"
        "Term\n: Förklaring\n\n    <img src=x onerror=alert(1)>\n"
    )
    assert länkfel(korpus, text) == []
    assert lankar.skriv_om(korpus, källa(korpus), text, "a.md") == (text, {})
    assert [d.namn for d in tolka(text).taggar] == ["img"]  # a definition's content, not code


def test_webbadress(korpus):
    assert lankar.webbadress(korpus, "index.md") == "https://www.prov.example/"
    assert lankar.webbadress(korpus, "styrdokument/index.md") == (
        "https://www.prov.example/styrdokument/"
    )
    assert lankar.webbadress(korpus, "a/windex.md") == "https://www.prov.example/a/windex/"
    assert lankar.webbadress(korpus, "filer/a b.pdf") == "https://www.prov.example/filer/a%20b.pdf"


@pytest.mark.parametrize(
    ("text", "rad", "ord_"),
    [
        ("Stycke.\n\n```\nkod\n```\n", 3, "kodblock inom ```"),
        ("Text med ~~struket~~ ord.", 1, "~~ ger ingen genomstrykning"),
        ("- [ ] att göra\n- [x] klart", 1, "kryssrutor"),
        ("Text[^2].\n\n[^1]: En annan.", 1, "fotnoten [^2] har ingen text"),
    ],
)
def test_syntax_som_skulle_visas_som_den_står_ger_varning(text, rad, ord_, innehåll: Path):
    källa = Källfil(innehåll / "styrdokument" / "a.md", "a.md", None, Positioner(), text, 1)
    rapport = Rapport()
    brodtext.granska(källa, rapport, innehåll)
    varningar = [d for d in rapport.diagnoser if d.nivå == "varning"]
    assert varningar and varningar[0].rad == rad and ord_ in varningar[0].meddelande


def test_fotnoter_och_definitionslistor_ger_ingen_varning(innehåll: Path):
    text = "Text[^1] och *[KF]* här.\n\nTerm\n:   Förklaring.\n\n[^1]: Fotnoten.\n\n*[KF]: Kf"
    källa = Källfil(innehåll / "styrdokument" / "a.md", "a.md", None, Positioner(), text, 1)
    rapport = Rapport()
    brodtext.granska(källa, rapport, innehåll)
    assert rapport.diagnoser == []
