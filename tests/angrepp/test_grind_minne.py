"""The gate's memory between builds (``karna/grind_minne``): when what is searched for
changes (a sentence added to or removed from an intranet document, a sekretess ärende
opened or closed), what each file holds is made from what the last build kept, never by
reading the files again, and it is exactly what reading them from nothing finds."""

from __future__ import annotations

import gzip
import hashlib
import pickle
import random
from pathlib import Path

import pytest
from conftest import zip_med
from hypothesis import given, settings
from hypothesis import strategies as st

from styrdok.karna import grind_minne
from styrdok.karna.grind_minne import TEXTFIL, Minne, Sökt, _ordgräns

TEXT = (
    "Riktlinje för lån vid bokslut. Ansökan om vård enligt LVU i Tallbacken. "
    "Kontakta socialchef Eva Ek, 070-123 45 67. Beslut 2026-12-03 § 14."
)
ORD = sorted(set(TEXT.lower().replace(".", " ").replace(",", " ").split()))


def _filer(mapp: Path) -> list[Path]:
    """Files of every kind the gate opens: HTML, a zip with a zip and a named member inside,
    gzip, JSON, one that cannot be read (an encrypted-looking zip is simpler as a broken
    one), and one with no text."""
    mapp.mkdir(parents=True)
    inre = zip_med({"riktlinje-for-lan-vid-bokslut.txt": b"Eva Ek", "tom.txt": b""})
    innehåll = {
        "sida.html": f"<html><body><h1>Tallbacken</h1><p>{TEXT}</p></body></html>".encode(),
        "paket.zip": zip_med({"bilaga.txt": TEXT[:80].encode(), "inre.zip": inre}),
        "data.json.gz": gzip.compress(f'{{"t": "{TEXT[60:]}"}}'.encode(), mtime=0),
        "trasig.zip": b"PK\x03\x04" + b"\x00" * 40,
        "bild.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    }
    for namn, data in innehåll.items():
        (mapp / namn).write_bytes(data)
    return [mapp / namn for namn in innehåll]


def _pool() -> list[Sökt]:
    """Strings to search for: whole words and phrases of the text (found), parts of words
    and phrases it lacks (not found), a path with its own word characters, one string with
    no letter, the same string for two reasons."""
    fraser = [" ".join(ORD[i : i + n]) for n in (1, 2) for i in range(0, len(ORD) - n + 1, 2)]
    fraser += [
        "riktlinje för lån vid bokslut",
        "ansökan om vård enligt lvu",
        "eva ek",
        "tallback",
        "lån vid",
        "070-123 45 67",
        "uppsägning av hyresavtal",
        "§",
    ]
    pool = [Sökt(f, "intranätets mening", f"källa {i % 3}") for i, f in enumerate(fraser)]
    pool.append(Sökt("riktlinje-for-lan", "intranätdokumentets sökväg", "x", "-_"))
    pool.append(Sökt("eva ek", "sekretessärendets namn", "ett ärende"))
    return pool


def test_ändrade_söksträngar_ger_samma_fynd_som_från_början_utan_att_läsa_om(tmp_path, monkeypatch):
    filer = _filer(tmp_path / "site")
    pool = _pool()
    bilaga = hashlib.sha256(TEXT[:80].encode()).hexdigest()
    slump = random.Random(16)
    lästa: list[str] = []
    original = grind_minne.läs

    def räknad(namn, data, i_zip=False):
        lästa.append(namn)
        return original(namn, data, i_zip)

    monkeypatch.setattr(grind_minne, "läs", räknad)
    cache = tmp_path / "cache"
    steg = [pool[:5], pool, pool[3:9], []]  # few, many, some gone, none
    steg += [slump.sample(pool, slump.randint(1, len(pool))) for _ in range(12)]
    träffar = 0
    for n, sökta in enumerate(steg):
        hemliga = {bilaga} if n % 3 == 1 else set()
        väntat = [Minne(tmp_path / f"ny-{n}", sökta, hemliga).granska(f) for f in filer]
        lästa.clear()
        minne = Minne(cache, sökta, hemliga)
        fick = [minne.granska(f) for f in filer]
        minne.spara()
        assert fick == väntat, f"steg {n}"
        assert n == 0 or lästa == [], f"steg {n}: lästes igen: {lästa}"
        träffar += sum(len(f) for f in fick)
    assert träffar > 100  # the strings were found, not only missed


def _förstör(fil: Path, förlust: str) -> None:
    data = fil.read_bytes()
    if förlust == "bort":
        fil.unlink()
    elif förlust == "skräp":
        fil.write_bytes(bytes(len(data)))
    elif förlust == "en byte":
        mitt = len(data) // 2
        fil.write_bytes(data[:mitt] + bytes([data[mitt] ^ 1]) + data[mitt + 1 :])
    else:
        fil.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("förlust", ["bort", "skräp", "en byte", "halv"])
@pytest.mark.parametrize("bygg_emellan", [False, True])
def test_utan_de_sparade_texterna_läses_filerna_igen(tmp_path, monkeypatch, förlust, bygg_emellan):
    """Kept texts lost (removed, overwritten, one byte changed, cut short), even with a build
    in between that searched for nothing new and kept a new text: when new strings come,
    what needs a lost text is read again, and what is found is what reading from nothing
    finds (never as if the text had been empty)."""
    filer = _filer(tmp_path / "site")
    pool = _pool()
    cache = tmp_path / "cache"
    minne = Minne(cache, pool[:4], set())
    for fil in filer[:-1]:
        minne.granska(fil)
    minne.spara()
    _förstör(cache / TEXTFIL, förlust)
    if bygg_emellan:
        (filer[-1]).write_text("<p>Något nytt att läsa.</p>", encoding="utf-8")
        minne = Minne(cache, pool[:4], set())
        for fil in filer:
            minne.granska(fil)
        minne.spara()
    väntat = [Minne(tmp_path / "ny", pool, set()).granska(f) for f in filer]
    minne = Minne(cache, pool, set())
    assert [minne.granska(f) for f in filer] == väntat
    assert sum(len(f) for f in väntat) > 20
    minne.spara()

    # what was read again is kept again: more new strings need no reading
    fler = [*pool, Sökt("något nytt att läsa", "intranätets mening", "z")]
    väntat = [Minne(tmp_path / "ny2", fler, set()).granska(f) for f in filer]
    monkeypatch.setattr(grind_minne, "läs", None)  # reading is a TypeError
    assert [Minne(cache, fler, set()).granska(f) for f in filer] == väntat


@pytest.mark.parametrize(
    "skräp",
    [b"", b"\x80\x05K\x01.", b"inte en pickle", pickle.dumps({"version": 3, "noder": 1})],
)
def test_ett_trasigt_minne_läses_som_inget_minne(tmp_path, skräp):
    fil = _filer(tmp_path / "site")[0]
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / grind_minne.FIL).write_bytes(skräp)
    sökta = [Sökt("eva ek", "x", "y")]
    assert Minne(tmp_path / "cache", sökta, set()).granska(fil) == Minne(
        tmp_path / "ny", sökta, set()
    ).granska(fil)


def test_texter_som_inte_används_längre_tar_inte_över_filen(tmp_path, monkeypatch):
    """The kept texts are appended build after build; once what no build uses is over half
    of them, they are written anew, and what is kept is still found."""
    mapp = tmp_path / "site"
    mapp.mkdir()
    stor, liten = mapp / "stor.html", mapp / "liten.html"
    stor.write_text(f"<p>{TEXT * 20000}</p>", encoding="utf-8")
    liten.write_text("<p>Eva Ek och Tallbacken.</p>", encoding="utf-8")
    cache = tmp_path / "cache"
    pool = _pool()
    for filer in ([stor, liten], [liten]):
        minne = Minne(cache, pool[:2], set())
        for fil in filer:
            minne.granska(fil)
        minne.spara()
    assert (cache / TEXTFIL).stat().st_size < 1000
    väntat = Minne(tmp_path / "ny", pool, set()).granska(liten)
    monkeypatch.setattr(grind_minne, "läs", None)  # reading is a TypeError
    assert Minne(cache, pool, set()).granska(liten) == väntat != []


def test_en_ny_intranätmening_hittas_i_en_fil_som_lästes_i_förra_bygget(tmp_path, monkeypatch):
    """Through the whole build: a public file published before (with a sentence no source
    had then) is stopped in the build after that sentence is written into an intranet
    document, from what the gate kept of the file, without parsing it again."""
    from conftest import kopiera_projekt

    from styrdok import bygg
    from styrdok.grund.diagnostik import StyrdokFel
    from styrdok.karna import bygge

    rot = kopiera_projekt(tmp_path / "projekt")
    mening = "Nyckelskåpet i personalrummet töms av enhetschefen varje fredag efter lunch."
    original = bygge._bygg_webbplatser

    def och_smuggla(webbplatser, stage, *resten, **namngivna):
        resultat = original(webbplatser, stage, *resten, **namngivna)
        if "publik" in webbplatser:  # built: else published again as it is, extra.html too
            (stage / "public" / "extra.html").write_text(f"<p>{mening}</p>", encoding="utf-8")
        return resultat

    monkeypatch.setattr(bygge, "_bygg_webbplatser", och_smuggla)
    bygg.bygg(rot, bara_webbplatser=True)  # no source has it: nothing to stop
    assert mening in (rot / "site/public/extra.html").read_text(encoding="utf-8")

    intern = rot / "content/styrdokument/omsorg/rutin-for-nyckelhantering-i-hemtjansten.md"
    intern.write_text(intern.read_text(encoding="utf-8") + f"\n{mening}\n", encoding="utf-8")
    lästa: list[str] = []
    läs = grind_minne.läs
    monkeypatch.setattr(grind_minne, "läs", lambda namn, *a: lästa.append(namn) or läs(namn, *a))
    meddelanden: list[str] = []
    with pytest.raises(StyrdokFel) as fel:
        bygg.bygg(rot, bara_webbplatser=True, meddela=meddelanden.append)
    assert any("webbplatsen byggs inte om" in m for m in meddelanden), meddelanden
    diagnoser = [str(d) for d in fel.value.rapport.diagnoser]
    assert any(
        d.startswith("site/public/extra.html:1:1: fel:")
        and "en mening ur ett intranätdokument" in d
        for d in diagnoser
    ), diagnoser
    assert "extra.html" not in lästa  # found in the text kept from the build before
    assert mening in (rot / "site/public/extra.html").read_text(encoding="utf-8")  # as it was


_TECKEN = "ab åÄ-_.§1\u00a0"
"""Few characters, so that strings occur in texts, overlap and share their beginnings and
ends: letters (one that casefolds), a digit, word characters of paths, punctuation, a sign
with no letter, spaces."""


@settings(max_examples=400, deadline=None)
@given(
    fraser=st.lists(
        st.tuples(st.text(_TECKEN, max_size=6), st.sampled_from(["", "-_"])), max_size=12
    ),
    text=st.text(_TECKEN, max_size=60),
)
def test_alla_söksträngar_i_en_genomgång_hittar_det_varje_sträng_för_sig_hittar(fraser, text):
    """The one pass through a text for every searched string (Aho–Corasick) finds just the
    strings that occur in it as whole words (``_ordgräns``, with each string's own word
    characters), every occurrence looked at, overlapping ones and strings inside others
    too; and so does the pass for only some of them, which looks for new strings in the
    texts kept from an earlier build."""
    minne = Minne(Path("/finns-inte"), [Sökt(f, "x", "y", o) for f, o in fraser], set())
    var_för_sig = [
        p for p, (f, o) in enumerate(minne.strängar) if text and f in text and _ordgräns(text, f, o)
    ]
    assert list(minne._sök(text)) == var_för_sig
    några = list(range(0, len(minne.strängar), 2))
    assert list(minne._letare(några)(text)) == [p for p in var_för_sig if p in några]
