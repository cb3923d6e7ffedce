"""Script and markup from the sources: dangerous links in every disguise and in every field
that takes Markdown, raw HTML and attribute lists are errors at their place; plain text
values with HTML, Markdown, quotes and line breaks are built (once, with every document) and
shown exactly as written on the web, in PDF and Word, in calendars and in the feed, with no
attribute, link or element of their own. test_escaping.py covers <b> in every Text field;
these are the other payloads."""

from __future__ import annotations

import csv
import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from styrdok.webb import sok
from tests.angrepp.conftest import DIAGNOS, fel
from tests.angrepp.test_angrepp_lacka import delat_bygge, läs_webbplats, normal

PROJEKT = Path(__file__).resolve().parents[2]
PUBLIK = "styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand.md"
MÖTE = "sammantraden/kf/2026-12-17.md"


def lägg_till_text(rot: Path, fil: str, text: str) -> None:
    sökväg = rot / "content" / fil
    sökväg.write_text(sökväg.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", "utf-8")


def byt_rad(rot: Path, fil: str, början: str, ny: str) -> None:
    sökväg = rot / "content" / fil
    rader = sökväg.read_text(encoding="utf-8").split("\n")
    i = next(i for i, r in enumerate(rader) if r.startswith(början))
    rader[i] = ny
    sökväg.write_text("\n".join(rader), encoding="utf-8")


def fel_i(rot: Path, fil: str) -> list[str]:
    funna = fel(rot)
    assert funna, "inget fel: angreppet gick igenom kontrollen"
    assert all(DIAGNOS.match(f) for f in funna), funna
    assert any(f.startswith(f"content/{fil}:") for f in funna), funna
    return funna


# --- dangerous link targets, however written --------------------------------------------

LÄNKAR = {
    "rak": "[x](javascript:alert(1))",
    "versaler": "[x](JaVaScRiPt:alert(1))",
    "decimal-entitet": "[x](java&#115;cript:alert(1))",
    "entitet-utan-semikolon": "[x](&#0000106avascript:alert(1))",
    "tabb-entitet": "[x](java&#x09;script:alert(1))",
    "namngiven-tabb": "[x](ja&Tab;vascript:alert(1))",
    "kolon-entitet": "[x](javascript&colon;alert(1))",
    "procentkodad": "[x](%6Aavascript:alert(1))",
    "inledande-blanksteg": "[x](   javascript:alert(1))",
    "rå-tabb": "[x](java\tscript:alert(1))",
    "vinkelparentes": "[x](<javascript:alert(1)>)",
    "med-titel": '[x](JAVASCRIPT:alert(1) "titel")',
    "kodspann-i-målet": "[x](`javascript:alert(1)`)",
    "referens": "[x][r]\n\n[r]: javascript:alert(1)",
    "referens-vinkel-titel": '[x][r]\n\n[r]: <javascript:alert(1)> "t"',
    "genvägsreferens": "[r]\n\n[r]: javascript:alert(1)",
    "autolänk": "<javascript:alert(1)>",
    "data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript": "[x](vbscript:msgbox(1))",
    "bild": "![x](javascript:alert(1))",
    "file": "[x](file:///etc/passwd)",
}


@pytest.mark.parametrize("fall", list(LÄNKAR))
def test_farlig_länk_i_brödtexten_är_ett_fel(exempel, fall):
    lägg_till_text(exempel, PUBLIK, LÄNKAR[fall])
    fel_i(exempel, PUBLIK)


LÄNK = "Se [x][r].\n\n  [r]: javascript:alert(1)"
MARKDOWNFÄLT = {
    "ärendets-beskrivning": (MÖTE, None, "beskrivning"),
    "förslag-till-beslut": (MÖTE, None, "förslag_till_beslut"),
    "löftet-inte-hålls": ("kvalitetsgarantier/bibliotek-service.md", "om_löftet_inte_hålls:", "  "),
    "synpunkter-hur": ("kvalitetsgarantier/bibliotek-service.md", "  hur:", "    "),
    "målområdets-beskrivning": ("mal/malomraden.yml", "    beskrivning: >-", "      "),
    "rapportens-sammanfattning": ("mal/rapporter/2026-delarsrapport.yml", "sammanfattning:", "  "),
}


@pytest.mark.parametrize("fall", list(MARKDOWNFÄLT))
def test_farlig_referenslänk_i_markdownfält_är_ett_fel(exempel, fall):
    fil, början, indrag = MARKDOWNFÄLT[fall]
    if början is None:
        (exempel / "content" / MÖTE).write_text(
            f'---\ntid: "18:00"\nplats: Folkets hus\närenden:\n  - rubrik: Budget\n'
            f"    {indrag}: |\n      Se [x][r].\n\n      [r]: javascript:alert(1)\n---\n",
            encoding="utf-8",
        )
    else:
        ny = (
            början.split(":")[0]
            + ": |\n"
            + "\n".join(
                indrag + rad if rad.strip() else ""
                for rad in LÄNK.replace("  [r]", "[r]").split("\n")
            )
        )
        sökväg = exempel / "content" / fil
        rader = sökväg.read_text(encoding="utf-8").split("\n")
        i = next(i for i, r in enumerate(rader) if r.startswith(början))
        j = i + 1  # drop the old value's continuation lines
        while j < len(rader) and rader[j].startswith(indrag) and rader[j].strip():
            j += 1
        sökväg.write_text("\n".join(rader[:i] + [ny] + rader[j:]), encoding="utf-8")
    fel_i(exempel, fil)


# --- raw HTML and attribute lists ---------------------------------------------------

RÅ_HTML = {
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg onload=alert(1)>",
    "script-blandade-versaler": "<ScRiPt>alert(1)</ScRiPt>",
    "tillåten-tagg-med-händelse": '<br onclick="alert(1)">',
    "tillåten-tagg-snedstreck": "<u/onmouseover=alert(1)>x</u>",
    "tillåten-tagg-tabb": "<mark\tonmouseover=alert(1)>x</mark>",
    "abbr-med-title-och-händelse": '<abbr title="x" onmouseover=alert(1)>LVU</abbr>',
    "tagg-över-två-rader": "<iframe\nsrc=javascript:alert(1)>",
    "details-ontoggle": "<details open ontoggle=alert(1)>",
    "i-tabellcell": "| a | b |\n|---|---|\n| 1 | <img src=x onerror=alert(1)> |",
    "i-länktext": "[<img src=x onerror=alert(1)>](https://www.ekvik.example/)",
    "i-rubrik": "## Rubrik <script>alert(1)</script>",
    "kommentar": "<!-- <script>alert(1)</script> -->",
}


@pytest.mark.parametrize("fall", list(RÅ_HTML))
def test_rå_html_är_ett_fel(exempel, fall):
    lägg_till_text(exempel, PUBLIK, RÅ_HTML[fall])
    fel_i(exempel, PUBLIK)


ATTRIBUTLISTOR = {
    "rubrik-kolon": '## Rubrik {: onclick="alert(1)" }',
    "rubrik-utan-kolon": "## Rubrik { onclick=alert(1) }",
    "stycke-style": 'Stycke.\n{: style="background:url(javascript:alert(1))" }',
    "länk-href": '[x](https://www.ekvik.example/){: href="javascript:alert(1)" }',
    "listpunkt": "- punkt {: .a onmouseover=alert(1) }",
    "betoning": "*text*{: onclick=alert(1) }",
    "bild-onerror": "![Logga](../../bilder/ekvik-logotyp.svg){: onerror=alert(1) }",
    "data-toc-label": '## Rubrik {: data-toc-label="<img src=x onerror=alert(1)>" }',
}


@pytest.mark.parametrize("fall", list(ATTRIBUTLISTOR))
def test_attributlista_med_annat_än_klass_och_id_är_ett_fel(exempel, fall):
    lägg_till_text(exempel, PUBLIK, ATTRIBUTLISTOR[fall])
    fel_i(exempel, PUBLIK)


# --- plain text values, built ----------------------------------------------------------

KFS_DOK = "styrdokument/foreskrifter/allmanna-lokala-ordningsforeskrifter.md"
TITEL = 'Ordning *fet* _k_ [l](javascript:alert(1)) `kod` {: onclick=alert(1)} ]]> --> & &amp; <i>x</i> "q"'
ORGAN = "Kommunfullmäktige <script>alert(1)</script> [KF](javascript:alert(2))"
EPOST = "a*b*_c_@ekvik.example"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">'
    '<script>alert(document.domain)</script><rect width="10" height="10"/></svg>'
)
OFARLIG_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
"""The shared build's image (its alt text is the attack there); a script in an SVG is an
error in the source (test_svg_med_skript_är_ett_fel_i_källan)."""


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def förbered(rot: Path) -> None:
    byt_rad(rot, KFS_DOK, "titel:", f"titel: {_yaml(TITEL)}")
    byt_rad(rot, "kommun.yml", "  kf: {namn:", f"  kf: {{namn: {_yaml(ORGAN)}, typ: politisk}}")
    byt_rad(rot, "kvalitetsgarantier/bibliotek-service.md", "  epost:", f"  epost: {_yaml(EPOST)}")
    (rot / "content" / "bilder" / "karta.svg").write_text(OFARLIG_SVG, encoding="utf-8")
    lägg_till_text(
        rot,
        PUBLIK,
        '![Karta " onerror="alert(1)](../../bilder/karta.svg)\n\n'
        "[Mejla oss](mailto:a@ekvik.example?subject=%3Cscript%3Ealert(1)%3C/script%3E&body=x)",
    )
    (rot / "content" / MÖTE).write_text(
        '---\ntid: "18:00"\n'
        'plats: "Folkets hus\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:Falskt möte"\n'
        'ordförande: "A;B,C\\\\D"\n'
        "ärenden:\n  - rubrik: '[Budget](javascript:alert(3)) *2027*'\n---\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def byggt(tmp_path_factory) -> Path:
    return delat_bygge(tmp_path_factory, "escaping", förbered)


@pytest.fixture(scope="module")
def publik(byggt) -> dict[str, str]:
    return läs_webbplats(byggt / "site" / "public")


def _webbfiler(byggt: Path):
    for site in ("public", "intranet"):
        for fil in sorted((byggt / "site" / site).rglob("*")):
            if fil.suffix == ".html" and "assets" not in fil.parts:
                yield fil


class _Granskare(HTMLParser):
    """Attributes and scripts a browser would act on, in one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fynd: list[str] = []
        self._tagg = ""

    def handle_starttag(self, tag, attrs):
        self._tagg = tag
        for namn, värde in attrs:
            if namn.startswith("on"):
                self.fynd.append(f"<{tag} {namn}=...>")
            if namn in ("href", "src", "action", "formaction") and re.match(
                r"\s*(javascript|data|vbscript):", (värde or "").replace("\t", ""), re.I
            ):
                self.fynd.append(f"<{tag} {namn}={värde}>")

    def handle_data(self, data):
        if self._tagg == "script" and "alert(" in data:
            self.fynd.append(f"<script>{data[:60]}")


def farligt(html_text: str) -> list[str]:
    granskare = _Granskare()
    granskare.feed(html_text)
    granskare.close()
    return granskare.fynd + [m for m in ("<i>x</i>", "<em>b</em>") if m in html_text]


def test_ingen_webbsida_har_skript_eller_markering_ur_källorna(byggt):
    träffar = [
        f"{f.relative_to(byggt)}: {fynd}"
        for f in _webbfiler(byggt)
        for fynd in farligt(f.read_text(encoding="utf-8", errors="replace"))
    ]
    assert träffar == []


@pytest.mark.parametrize(
    "fil",
    [
        "forfattningssamling/2025-1/index.html",
        "filer/forfattningssamling/2025-1.pdf",
        "filer/forfattningssamling/2025-1.docx",
        "forfattningssamling/register.json",
        "forfattningssamling/flode.xml",
    ],
)
def test_titeln_står_exakt_som_den_är_skriven(publik, fil):
    assert normal(TITEL) in publik[fil]


def test_registrets_csv_har_titeln_i_en_cell(byggt):
    with open(byggt / "site/public/forfattningssamling/register.csv", encoding="utf-8") as f:
        assert any(TITEL in cell for rad in csv.reader(f) for cell in rad)


def test_flödet_är_välformat_och_har_titeln_som_text(byggt):
    träd = ET.parse(byggt / "site/public/forfattningssamling/flode.xml")
    titlar = [e.text or "" for e in träd.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(TITEL in t for t in titlar)


def test_organets_namn_och_epost_står_exakt_i_pdf_och_word(publik):
    pdf = publik["filer/sammantraden/kf/2026-11-26/kallelse.pdf"]
    assert normal(ORGAN) in pdf
    assert normal(ORGAN) in publik["filer/sammantraden/kf/2026-11-26/kallelse.docx"]
    garanti = [n for n in publik if n.startswith("filer/kvalitetsgarantier/bibliotek-service")]
    assert garanti and all(normal(EPOST) in publik[n] for n in garanti)


def test_radbrytning_i_platsen_gör_inget_eget_kalenderobjekt(byggt):
    for site in ("public", "intranet"):
        ics = (byggt / "site" / site / "kalender" / "kf.ics").read_bytes().decode()
        rader = ics.replace("\r\n ", "").split("\r\n")
        möten = len(list((byggt / "content" / "sammantraden" / "kf").glob("*.md")))
        assert rader.count("BEGIN:VEVENT") == rader.count("END:VEVENT") == möten, site
        assert rader.count("BEGIN:VCALENDAR") == rader.count("END:VCALENDAR") == 1, site
        assert not any(r.startswith("SUMMARY:Falskt") for r in rader), site
        assert all(re.match(r"^[A-Z][A-Z0-9-]*[:;]", r) for r in rader if r), site


def test_bildens_alternativtext_blir_inget_attribut(byggt):
    sida = (
        byggt / "site/public/styrdokument/omsorg/riktlinje-for-ekonomiskt-bistand/index.html"
    ).read_text(encoding="utf-8")
    bilder = re.findall(r"<img[^>]*>", sida)
    assert any('Karta " onerror="alert(1)' in html.unescape(b) for b in bilder), bilder
    assert farligt(sida) == []


@pytest.mark.parametrize("som", ["bild", "länk"])
def test_svg_med_skript_är_ett_fel_i_källan(exempel, som):
    """A script in an SVG would run on the kommun's own domain when the file is opened."""
    (exempel / "content" / "bilder" / "karta.svg").write_text(SVG, encoding="utf-8")
    text = (
        "![Karta](../../bilder/karta.svg)" if som == "bild" else "[Kartan](../../bilder/karta.svg)"
    )
    lägg_till_text(exempel, PUBLIK, text)
    funna = fel_i(exempel, PUBLIK)
    assert any("SVG-bild med skript" in f for f in funna), funna


def test_svg_med_skript_publiceras_inte_med_skriptet(byggt):
    svg = [
        f
        for f in (byggt / "site").rglob("*.svg")
        if "alert(document.domain)" in f.read_text(encoding="utf-8", errors="replace")
        or re.search(r"\sonload\s*=", f.read_text(encoding="utf-8", errors="replace"))
    ]
    assert svg == [], [str(f.relative_to(byggt)) for f in svg]


def test_sökindexet_har_ingen_oescapad_markering(byggt):
    """Pagefind keeps a page's text, title and fields as plain text: the attacks stand there
    as a reader sees them on the page, escaped once and no more. The search page shows them
    as text only (textContent; of Pagefind's excerpt, HTML-escaped by Pagefind, it keeps
    the text and the <mark> elements alone)."""
    skript = (Path(__file__).resolve().parents[2] / "styrdok/mallar/webb/sok.js").read_text()
    assert "innerHTML" not in skript and "insertAdjacentHTML" not in skript
    assert "outerHTML" not in skript and "document.write" not in skript
    for site in ("public", "intranet"):
        titlar = [post["meta"]["title"] for post in sok.läs_index(byggt / "site" / site)]
        assert any("<script>alert(1)</script>" in t for t in titlar), site
        assert not any("&lt;" in t or "&amp;lt;" in t for t in titlar), site
