"""The publish gate's own test: whatever gets into a site after the sources were checked (a
bug, a template, a theme) is found before site/ is swapped in, and nothing is published."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import time
from pathlib import Path

import pytest

from styrdok import bygg
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.karna import bygge

UTREDNING = "content/sammantraden/son/2026-12-03/utredning-lvu-tallbacken.pdf"
INTRANÄTSTITEL = "Anvisning för attest av leverantörsfakturor"


def kontrollsumma(mapp: Path) -> dict[str, str]:
    return {
        str(f.relative_to(mapp)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(mapp.rglob("*"))
        if f.is_file()
    }


@pytest.fixture(scope="module")
def byggt(tmp_path_factory) -> Path:
    rot = tmp_path_factory.mktemp("grind")
    for namn in ("content", "templates", "hooks"):
        shutil.copytree(Path(__file__).resolve().parents[2] / namn, rot / namn)
    shutil.copy(Path(__file__).resolve().parents[2] / "mkdocs.yml", rot / "mkdocs.yml")
    bygg.bygg(rot, bara_webbplatser=True)
    return rot


# (site, file to add, content): something that must never be published.
INSMUGGLAT = {
    "hemlig-rubrik-i-html": (
        "public",
        "extra.html",
        b"<p>Ans&ouml;kan om v&aring;rd enligt <em>LVU</em> f\xc3\xb6r pojke f\xc3\xb6dd 2012</p>",
    ),
    "hemligt-diarienummer-i-json": ("public", "data.json", b'{"x": ["SN 2026/377"]}'),
    "hemligt-på-intranätet": ("intranet", "extra.ics", b"SUMMARY:SN 2026/377\r\n"),
    "hemlig-fil-under-annat-namn": ("public", "bilaga.pdf", None),
    "intranätstitel-på-webbplatsen": ("public", "sok.txt", INTRANÄTSTITEL.encode()),
    "hemligt-i-sökindexets-fragment": (
        "public",
        "pagefind/fragment/sv_0000000.pf_fragment",
        gzip.compress(
            b'pagefind_dcd{"url":"/x/","content":"Ans\\u00f6kan om v\\u00e5rd enligt LVU '
            b'f\\u00f6r pojke f\\u00f6dd 2012","meta":{"title":"x"}}'
        ),
    ),
    "intranätstitel-i-sökindexet": (
        "public",
        "pagefind/fragment/sv_0000001.pf_fragment",
        gzip.compress(
            b'pagefind_dcd{"url":"/x/","content":"","meta":{"title":"'
            + INTRANÄTSTITEL.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00")
            + b'"}}'
        ),
    ),
}


@pytest.mark.parametrize("fall", list(INSMUGGLAT))
def test_grinden_stoppar_det_som_inte_får_publiceras(byggt, monkeypatch, fall):
    site, namn, innehåll = INSMUGGLAT[fall]
    if innehåll is None:
        innehåll = (byggt / UTREDNING).read_bytes()
    före = kontrollsumma(byggt / "site")
    original = bygge._bygg_webbplatser
    smugglad: list[Path] = []

    def och_smuggla(webbplatser, stage, *resten, **namngivna):
        resultat = original(webbplatser, stage, *resten, **namngivna)
        # nothing changed since the fixture's build: both sites are published again as
        # they are, from where they are (karna/webbplatsminne), and the gate reads them there
        tagna = {mapp.name: mapp for mapp in namngivna["tagna"].values()}
        smugglad.append(tagna.get(site, stage / site) / namn)
        smugglad[0].write_bytes(innehåll)
        return resultat

    monkeypatch.setattr(bygge, "_bygg_webbplatser", och_smuggla)
    with pytest.raises(StyrdokFel) as fel:
        bygg.bygg(byggt, bara_webbplatser=True)
    diagnoser = [str(d) for d in fel.value.rapport.diagnoser]
    assert any(d.startswith(f"site/{site}/{namn}:1:1: fel:") for d in diagnoser), diagnoser
    assert "inget publicerades" in str(fel.value)
    assert smugglad[0].is_relative_to(byggt / "site")  # the case the fixture makes
    smugglad[0].unlink()
    assert kontrollsumma(byggt / "site") == före


def test_intranätstiteln_får_finnas_på_intranätet(byggt):
    assert INTRANÄTSTITEL in (byggt / "site/intranet/ledning-och-styrning/index.html").read_text()


# --- how the gate reads a file (karna/grind_text), one file at a time ------------------


def _läst(namn: str, data: bytes, i_zip: bool = False) -> str:
    """Everything the gate reads in a file and the files inside it, normalized."""
    from styrdok.grund.normalisering import snabb
    from styrdok.karna.grind_text import läs

    text, delar = läs(namn, data, i_zip)
    return " ".join([snabb(text), *(_läst(n, d, True) for n, d in delar)])


def _zip(medlemmar: dict[str, bytes], krypterad: bool = False) -> bytes:
    import io
    import zipfile

    buffert = io.BytesIO()
    with zipfile.ZipFile(buffert, "w") as z:
        for namn, data in medlemmar.items():
            z.writestr(namn, data)
    data = bytearray(buffert.getvalue())
    if krypterad:  # the "encrypted" flag, in both headers
        data[data.find(b"PK\x03\x04") + 6] |= 1
        data[data.find(b"PK\x01\x02") + 8] |= 1
    return bytes(data)


def _pdf(anteckningar: bool = False, bilaga: bytes | None = None) -> bytes:
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    if anteckningar:
        pdf.pages[0].Annots = pdf.make_indirect(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[0, 0, 10, 10],
                    A=pikepdf.Dictionary(
                        S=pikepdf.Name.URI, URI="https://x.example/?q=SN 2026/377"
                    ),
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Text,
                    Rect=[20, 20, 30, 30],
                    Contents="Se KS 2026/999",
                ),
            ]
        )
    if bilaga is not None:
        pdf.attachments["utredning.txt"] = pikepdf.AttachedFileSpec(pdf, bilaga)
    buffert = io.BytesIO()
    pdf.save(buffert)
    return buffert.getvalue()


LÄSTA = {
    "kalender-med-vikt-rad": (
        "a.ics",
        b"BEGIN:VCALENDAR\r\nSUMMARY:Om SN 2026/3\r\n 77\\, i dag\r\n",
    ),
    "taggar-med-versaler": ("a.html", b"<P>SN 20<SPAN></SPAN>26/377</P>"),
    "html-i-flödets-innehåll": (
        "flode.xml",
        b"<feed><content type='html'>&lt;p&gt;SN 20&lt;u&gt;&lt;/u&gt;26/377</content></feed>",
    ),
    "escape-i-skript": ("a.js", b'var t = "SN 2026\\u002f377";'),
    "escape-i-stilmall": ("a.css", b'p::after { content: "SN 2026\\2f 377"; }'),
    "utf-16-text": ("a.txt", "SN 2026/377".encode("utf-16")),
    "text-i-äldre-kodning": ("a.txt", "Ärendet SN 2026/377".encode("cp1252")),
    "text-utan-ändelse": ("LICENS", b"Se SN 2026/377."),
    "png-text": ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x1ftEXtTitle\x00Om SN 2026/377\x00\x00"),
    "word-runs-med-stavningsmarkering": (
        "a.docx",
        _zip(
            {
                "word/document.xml": b"<w:p><w:r><w:t>SN 20</w:t></w:r><w:proofErr/>"
                b"<w:r><w:t>26/377</w:t></w:r></w:p>"
            }
        ),
    ),
    "word-egenskaper": (
        "a.docx",
        _zip({"docProps/core.xml": b"<cp:coreProperties><dc:title>SN 2026/377</dc:title>"}),
    ),
    "word-länkmål": (
        "a.docx",
        _zip({"word/_rels/document.xml.rels": b'<Relationship Target="https://x/SN 2026/377"/>'}),
    ),
    "pdf-anteckning-och-länk": ("a.pdf", _pdf(anteckningar=True)),
    "pdf-bilaga": ("a.pdf", _pdf(bilaga=b"Utredningen i SN 2026/377.")),
    "sökindexets-fragment": (
        "sv_1.pf_fragment",
        gzip.compress(b'pagefind_dcd{"url":"/a/","content":"Om \\u0053N 2026\\/377 i dag"}'),
    ),
}


@pytest.mark.parametrize("fall", list(LÄSTA))
def test_grinden_läser_det_en_läsare_får(fall):
    namn, data = LÄSTA[fall]
    assert "sn 2026/377" in _läst(namn, data)


def test_grinden_läser_pdf_anteckningens_text():
    assert "ks 2026/999" in _läst("a.pdf", _pdf(anteckningar=True))


OLÄSLIGA = {
    "krypterad-zip": ("a.zip", _zip({"a.txt": b"hej"}, krypterad=True), "krypterad"),
    "word-fil-som-inte-är-zip": ("a.docx", b"inte en zip", "zip"),
    "trasig-gzip": ("sitemap.xml.gz", b"\x1f\x8b\x08\x00trasig", "gzip"),
    "trasig-pdf": ("a.pdf", b"%PDF-1.4 trasig", "PDF"),
}


@pytest.mark.parametrize("fall", list(OLÄSLIGA))
def test_en_fil_som_inte_kan_läsas_säger_varför_på_svenska(fall):
    from styrdok.karna.grind_text import Oläslig, läs

    namn, data, ord_ = OLÄSLIGA[fall]
    with pytest.raises(Oläslig) as fel:
        läs(namn, data)
    assert ord_ in str(fel.value) and "filen" in str(fel.value)


def test_temat_under_assets_läses_bara_inte_när_inget_genererats_dit(tmp_path):
    """The site engine's theme under assets/ is skipped only when the pages generated for the
    engine hold nothing under assets/; when that cannot be seen, it is read like the rest."""
    from types import SimpleNamespace

    from styrdok.karna.grind import _temats_mapp

    korpus = SimpleNamespace(rot=tmp_path)
    assert _temats_mapp(korpus, "publik") is None
    (tmp_path / "build/mkdocs/publik").mkdir(parents=True)
    assert _temats_mapp(korpus, "publik") == "assets"
    (tmp_path / "build/mkdocs/publik/assets").mkdir()
    assert _temats_mapp(korpus, "publik") is None


def test_det_som_också_är_offentligt_stoppar_inte_bygget(tmp_path):
    """No false alarm for what a public source has too: a public document whose path
    begins with an intranet document's path, and a sentence both have where a paragraph
    without a full stop is followed by a list (the page joins them; the sources do not)."""
    rot = tmp_path / "projekt"
    for namn in ("content", "templates", "hooks"):
        shutil.copytree(Path(__file__).resolve().parents[2] / namn, rot / namn)
    shutil.copy(Path(__file__).resolve().parents[2] / "mkdocs.yml", rot / "mkdocs.yml")
    mapp = rot / "content/styrdokument/omsorg"
    intern = mapp / "rutin-for-nyckelhantering-i-hemtjansten.md"
    gemensamt = (
        "\n\nUppföljningen ska visa\n\n- Åtgärd – hur vet vi att det inte går fel i hemtjänsten?\n"
    )
    intern.write_text(intern.read_text(encoding="utf-8") + gemensamt, encoding="utf-8")
    offentlig = mapp / "rutin-for-nyckelhantering-i-hemtjansten-for-brukare.md"
    offentlig.write_text(
        "---\ntitel: Nycklar i hemtjänsten – information till brukare\ndokumenttyp: rutin\n"
        "beslutsinstans: fc\nbeslutsdatum: 2024-06-04\n"
        "dokumentansvarig: Verksamhetschef för hemtjänsten\npublicering: webb\n---\n\n"
        "## Till dig som har hemtjänst\n\nDu lämnar din nyckel till hemtjänsten mot kvitto."
        + gemensamt,
        encoding="utf-8",
    )
    bygg.bygg(rot, bara_webbplatser=True)
    sida = (
        rot
        / "site/public/styrdokument/omsorg/rutin-for-nyckelhantering-i-hemtjansten-for-brukare/index.html"
    )
    assert "hur vet vi att det inte går fel i hemtjänsten" in sida.read_text(encoding="utf-8")
    assert not (
        rot / "site/public/styrdokument/omsorg/rutin-for-nyckelhantering-i-hemtjansten"
    ).exists()


def test_en_oförändrad_länkad_fil_läses_inte_igen_men_en_ändrad_gör_det(tmp_path, monkeypatch):
    """A file that is the same inode as in the last build, with the same size and time (a
    document linked from the render cache), keeps its findings without being read; written
    into, it is read again and what it now holds is found."""
    import os
    import time

    from styrdok.grund.filer import filtillstånd
    from styrdok.karna.grind_minne import Minne, Sökt

    sökta = [Sökt("ansökan om vård enligt lvu", "sekretessärendets rubrik", "ett ärende")]
    fil = tmp_path / "site" / "a.pdf.txt"
    fil.parent.mkdir()
    fil.write_text("Ansökan om bygglov", encoding="utf-8")
    gammal = time.time() - 60
    os.utime(fil, (gammal, gammal))
    första = Minne(tmp_path, sökta, set())
    assert första.granska(fil) == []
    första.spara()

    original = Path.read_bytes

    def läses_inte(self):
        assert self != fil, "filen lästes igen"
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", läses_inte)
    assert Minne(tmp_path, sökta, set()).känd(fil, filtillstånd(os.stat(fil))) == []
    monkeypatch.setattr(Path, "read_bytes", original)

    with open(fil, "w", encoding="utf-8") as f:  # in place: the same inode, a new time
        f.write("Ansökan om vård enligt LVU")
    minne = Minne(tmp_path, sökta, set())
    assert minne.känd(fil, filtillstånd(os.stat(fil))) is None
    fynd = minne.granska(fil)
    assert [b for b, _ in fynd] == [
        "innehåller sekretessärendets rubrik »ansökan om vård enligt lvu« (ur ett ärende); "
        "inget publicerades"
    ]


def test_en_nyss_skriven_fil_minns_inte_till_nästa_bygge(tmp_path):
    """Within the clock's last ticks a change could keep the time: such a file is read
    again in the next build."""
    from styrdok.karna.grind_minne import Minne, Sökt

    fil = tmp_path / "ny.html"
    fil.write_text("<p>hej</p>", encoding="utf-8")
    minne = Minne(tmp_path, [Sökt("något annat", "x", "y")], set())
    minne.granska(fil)
    minne.spara()
    assert Minne(tmp_path, [Sökt("något annat", "x", "y")], set()).identiteter == {}


def test_det_som_ändras_i_en_redan_läst_webbplats_läses_igen(byggt, tmp_path):
    """The public site is read while the intranet still builds; what comes into it or
    changes in it after that is read before anything is published all the same."""
    from styrdok.grund.diagnostik import Rapport
    from styrdok.karna import grind
    from styrdok.karna.webbplats import PUBLIK

    korpus = bygg.ladda_och_validera(byggt, Rapport())
    stage = tmp_path / "stage"
    shutil.copytree(byggt / "site", stage)
    granskning = grind.Granskning(korpus, stage, tmp_path / "cache")
    granskning.läs(PUBLIK)
    hemligt = "Ansökan om vård enligt LVU för pojke född 2012"
    (stage / "public" / "ny.txt").write_text(hemligt, encoding="utf-8")
    sida = stage / "public" / "index.html"
    with open(sida, "a", encoding="utf-8") as f:  # in place: the same inode
        f.write(f"<p>{hemligt}</p>")
    rapport = Rapport()
    granskning.rapportera(rapport)
    vägar = {d.sökväg for d in rapport.diagnoser}
    assert {"site/public/ny.txt", "site/public/index.html"} <= vägar, vägar


def test_webbplatsen_läses_när_sidorna_är_skrivna_och_det_nya_när_den_är_klar(byggt, monkeypatch):
    """Each site is read once its pages are written (its search index is made meanwhile)
    and, once it is built, again for what came or changed since: a file the indexing step
    writes after the first reading is read all the same, and nothing is published."""
    from styrdok.karna import grind
    from styrdok.karna.webbplatsminne import Webbplatsminne
    from styrdok.webb import sok

    före = kontrollsumma(byggt / "site")
    lästa: list[str] = []
    original_läs = grind.Granskning.läs

    def läs(self, variant):
        lästa.append(variant)
        original_läs(self, variant)

    original_indexera = sok.indexera

    def indexera(site, *args, **kwargs):  # runs in the site's own process
        original_indexera(site, *args, **kwargs)
        (site / "pagefind" / "extra.json").write_bytes(b'{"x": ["SN 2026/377"]}')

    monkeypatch.setattr(grind.Granskning, "läs", läs)
    monkeypatch.setattr(sok, "indexera", indexera)
    # built already: made again all the same (not taken as it is), for the engine's steps
    monkeypatch.setattr(Webbplatsminne, "oförändrad", lambda self: False)
    with pytest.raises(StyrdokFel) as fel:
        bygg.bygg(byggt, bara_webbplatser=True)
    # the intranet also once its own index is made, before it takes in the public one's
    assert sorted(lästa) == ["intranät", "intranät", "intranät", "publik", "publik"]
    diagnoser = [str(d) for d in fel.value.rapport.diagnoser]
    for site in ("public", "intranet"):
        assert any(d.startswith(f"site/{site}/pagefind/extra.json:1:1: fel:") for d in diagnoser)
    assert kontrollsumma(byggt / "site") == före


def test_intranätets_eget_index_läses_medan_det_väntar_på_webbplatsens(byggt, monkeypatch):
    """The intranet's own search index is read by the gate as soon as it is made, when the
    intranet's process asks for the public site's index to take in
    (karna/webbplatsbygge._Bas.index), not only once both are done: here the public site's
    indexing waits until the gate has read the intranet's own index, which without that
    reading it never sees (it gives up after 20 s)."""
    from styrdok.karna import grind
    from styrdok.karna.webbplatsminne import Webbplatsminne
    from styrdok.webb import sok

    lästa: list[tuple[str, bool]] = []
    medan = byggt / "build" / "läst-medan"
    medan.unlink(missing_ok=True)
    original_läs = grind.Granskning.läs

    def läs(self, variant):
        original_läs(self, variant)
        eget = "pagefind/pagefind-entry.json" in self.lästa[variant]
        lästa.append((variant, eget))
        publikt = self.mappar["publik"] / "pagefind" / "pagefind-entry.json"
        if variant == "intranät" and eget and not publikt.exists():
            medan.touch()  # read while the public index is not made yet

    original_indexera = sok.indexera

    def indexera(site, variant="", *args, **kwargs):  # runs in the site's own process
        for _ in range(200 if variant == "publik" else 0):
            if medan.exists():
                break
            time.sleep(0.1)
        original_indexera(site, variant, *args, **kwargs)

    monkeypatch.setattr(grind.Granskning, "läs", läs)
    monkeypatch.setattr(sok, "indexera", indexera)
    monkeypatch.setattr(Webbplatsminne, "oförändrad", lambda self: False)
    try:
        bygg.bygg(byggt, bara_webbplatser=True)
        assert medan.exists(), lästa
    finally:
        medan.unlink(missing_ok=True)
    publik = [i for i, (variant, _) in enumerate(lästa) if variant == "publik"]
    assert len(publik) == 2 and not lästa[publik[0]][1] and lästa[publik[1]][1], lästa
    intranät = [i for i, (variant, _) in enumerate(lästa) if variant == "intranät"]
    assert [lästa[i][1] for i in intranät] == [False, True, True], lästa
    assert intranät[1] < publik[1] < intranät[2], lästa  # its own, the public's, all of it
