"""What a kind made from one source is kept between builds in one process and taken as it is
while nothing it may read changed (``karna/genereringsminne``): after every kind of edit,
the pages and document views made with what was kept are exactly those made from nothing,
and a body edit makes one document's page and view again, not every one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from styrdok.bygg import DELAR
from styrdok.grund.diagnostik import Rapport
from styrdok.grund.filer import platssumma, tillstånd_under
from styrdok.karna import bygge, genereringsminne, leveranser
from styrdok.karna.webbplats import INTRANÄT, PUBLIK
from styrdok.slag import styrdokument
from styrdok.slag.styrdokument import presentation, sidor
from tests.conftest import PROJEKT, summor


def _allt(rot: Path) -> dict:
    """Both sites' docs folders (every file's hash) and their documents' views, as ``styrdok
    serve`` makes them after a save."""
    rapport = Rapport()
    korpus = bygge.ladda_och_validera(rot, rapport, DELAR, behåll=False)
    assert korpus is not None and not rapport.har_fel(), [str(d) for d in rapport.diagnoser]
    ut = {}
    for variant in (PUBLIK, INTRANÄT):
        docs = rot / "build" / "docs" / variant
        plan = leveranser.planera(korpus, {variant: docs})
        bygge.generera_sidor(korpus, variant, docs)
        ut[variant] = (summor(docs), [j.vy for j in plan.jobb])
    return ut


def _från_början(rot: Path) -> dict:
    genereringsminne.glöm_allt()
    return _allt(rot)


def _som_förut(före: dict, efter: dict, rot: Path) -> None:
    """What was kept gives exactly what a build from nothing gives, and the edit shows."""
    färsk = _från_början(rot)
    for variant in (PUBLIK, INTRANÄT):
        assert efter[variant][0] == färsk[variant][0], variant
        assert efter[variant][1] == färsk[variant][1], variant
    assert efter != före, "the edit changed nothing: the test edits the wrong thing"


@pytest.fixture
def projekt(tmp_path: Path):
    """The example's content/, built with the memory on (as ``styrdok serve`` builds)."""
    shutil.copytree(PROJEKT / "content", tmp_path / "content")
    genereringsminne.glöm_allt()
    with genereringsminne.påslaget():
        yield tmp_path


def _ändra(rot: Path, fil: str, gammalt: str, nytt: str) -> None:
    sökväg = rot / "content" / fil
    text = sökväg.read_text(encoding="utf-8")
    assert text.count(gammalt) >= 1, (fil, gammalt)
    sökväg.write_text(text.replace(gammalt, nytt, 1), encoding="utf-8")


def test_varje_styrdokuments_brödtext_ändrad(projekt: Path) -> None:
    """The promise the kind makes: a body is read for its own page and view only. Each
    document's body in turn gets a sentence and a link to another document."""
    källor = [
        fil
        for fil in sorted((projekt / "content" / "styrdokument").rglob("*.md"))
        if "\nutkast: true" not in fil.read_text(encoding="utf-8")  # a draft is shown nowhere
    ]
    assert len(källor) > 30
    före = _allt(projekt)
    for fil in källor:
        mål = "finanspolicy.md" if fil.name != "finanspolicy.md" else "kulturplan.md"
        länk = next((projekt / "content" / "styrdokument").rglob(mål))
        relativ = Path(*[".."] * (len(fil.parent.relative_to(projekt / "content").parts) - 1))
        väg = (relativ / länk.relative_to(projekt / "content" / "styrdokument")).as_posix()
        with fil.open("a", encoding="utf-8") as f:
            f.write(f"\nEn ny mening om {fil.stem}, se [policyn]({väg}).\n")
        efter = _allt(projekt)
        _som_förut(före, efter, projekt)
        före = efter


ÄNDRINGAR = {
    # the title of a document others amend, replace or list: their pages name it
    "titel, ändrad författning": (
        "styrdokument/reglementen/reglemente-for-socialnamnden.md",
        "titel: Reglemente för socialnämnden",
        "titel: Reglemente för socialnämnden och dess utskott",
    ),
    "titel, ersatt taxa": (
        "styrdokument/taxor/renhallningstaxa-2020.md",
        "titel: ",
        "titel: Äldre ",
    ),
    "ikraftträdande för en ändring": (
        "styrdokument/reglementen/andring-i-reglemente-for-socialnamnden-2024.md",
        "ikraftträdande: 2024-03-01",
        "ikraftträdande: 2024-04-01",
    ),
    "publicering från intranätet till webben": (
        "styrdokument/personal/riktlinje-for-distansarbete.md",
        "publicering: intranät",
        "publicering: webb",
    ),
    "utkast": (
        "styrdokument/utveckling/naringslivsstrategi.md",
        "titel: ",
        "utkast: true\ntitel: ",
    ),
    "kommunens namn på ett organ": ("kommun.yml", "Socialnämnden", "Social- och omsorgsnämnden"),
    "ett sammanträde": (
        "sammantraden/ks/2026-11-10.md",
        "rubrik: Revidering av finanspolicyn",
        "rubrik: Revidering av finanspolicyn 2026",
    ),
}


@pytest.mark.parametrize("namn", ÄNDRINGAR)
def test_en_ändring_utanför_brödtexten(projekt: Path, namn: str) -> None:
    """Front matter, kommun.yml, another kind's source: all that others may read."""
    före = _allt(projekt)
    fil, gammalt, nytt = ÄNDRINGAR[namn]
    _ändra(projekt, fil, gammalt, nytt)
    _som_förut(före, _allt(projekt), projekt)


def test_en_bilaga_ändrad(projekt: Path) -> None:
    """An attachment's size is shown on its document's page; the file is not a source."""
    före = _allt(projekt)
    bilaga = projekt / "content/styrdokument/taxor/bilagor/berakning-av-timtaxan.pdf"
    bilaga.write_bytes(bilaga.read_bytes() + b"\n%" + b"0" * 40_000 + b"\n")
    _som_förut(före, _allt(projekt), projekt)


def test_en_ny_dag(projekt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's status follows the day (valid until 2026-12-31)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")  # 2026-11-30
    före = _allt(projekt)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830000000")  # 2027-12-28
    _som_förut(före, _allt(projekt), projekt)


def test_en_brödtext_gör_om_ett_dokument(projekt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a body edit only that document's page and view are made again, on each site it
    is on, and no list of documents; an edit to an intranet document's body makes nothing
    of the public site again."""
    _allt(projekt)
    gjorda: list[tuple[bool, str]] = []
    sida, vy, listor = sidor._ny_dokumentsida, presentation._brödtext, styrdokument._förteckningar

    def nya_listor(korpus, variant, status):
        gjorda.append((korpus.publik, "listor"))
        return listor(korpus, variant, status)

    def ny_sida(korpus, dokument, st):
        gjorda.append((korpus.publik, "sida " + dokument.id))
        return sida(korpus, dokument, st)

    def ny_vy(korpus, dokument, status):
        gjorda.append((korpus.publik, "vy " + dokument.id))
        return vy(korpus, dokument, status)

    monkeypatch.setattr(sidor, "_ny_dokumentsida", ny_sida)
    monkeypatch.setattr(presentation, "_brödtext", ny_vy)
    monkeypatch.setattr(styrdokument, "_förteckningar", nya_listor)
    _allt(projekt)
    assert gjorda == []
    _ändra(projekt, "styrdokument/ekonomi/finanspolicy.md", "\n## ", "\nEn ny mening.\n\n## ")
    _allt(projekt)
    finans = "styrdokument/ekonomi/finanspolicy"
    assert sorted(gjorda) == sorted(
        (publik, f"{vad} {finans}") for publik in (True, False) for vad in ("sida", "vy")
    )
    gjorda.clear()
    intern = "styrdokument/ekonomi/anvisning-for-attest-av-leverantorsfakturor"
    _ändra(projekt, f"{intern}.md", "\n## ", "\nEn ny mening.\n\n## ")
    _allt(projekt)
    assert sorted(gjorda) == [(False, f"sida {intern}"), (False, f"vy {intern}")]
    gjorda.clear()
    kvar = len(genereringsminne._HUVUDEN)
    for i in range(3):  # what is kept stays one per source, however many edits
        _ändra(projekt, "styrdokument/ekonomi/finanspolicy.md", "\n## ", f"\nMening {i}.\n\n## ")
        _allt(projekt)
    assert len(genereringsminne._HUVUDEN) == kvar
    gjorda.clear()
    _ändra(projekt, "styrdokument/ekonomi/finanspolicy.md", "titel: ", "titel: Ny ")
    _allt(projekt)
    assert (True, "listor") in gjorda and (False, "listor") in gjorda


def test_en_ändring_medan_källorna_läses(projekt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What content/ held is taken before the sources are read: kommun.yml changed after it
    was read (the pages are made from what was read) is seen as changed by the next build."""
    from styrdok.karna import korpus as korpusmodul

    dagens, kommunfil = korpusmodul.dagens_datum, projekt / "content" / "kommun.yml"
    ändrad: list[bool] = []

    def medan_läsningen():  # called once kommun.yml is read, before the kinds' sources
        if not ändrad:
            ändrad.append(True)
            text = kommunfil.read_text(encoding="utf-8")
            kommunfil.write_text(text.replace("Socialnämnden", "Omsorgsnämnden"), "utf-8")
            timme_sedan = kommunfil.stat().st_mtime_ns - 3600 * 10**9  # no tick to go by
            os.utime(kommunfil, ns=(timme_sedan, timme_sedan))
        return dagens()

    före = _allt(projekt)
    monkeypatch.setattr(korpusmodul, "dagens_datum", medan_läsningen)
    mitt_i = _allt(projekt)
    assert mitt_i == före  # made from what was read
    _som_förut(före, _allt(projekt), projekt)


def test_tillståndet_under_content(tmp_path: Path) -> None:
    """A file changed within a clock tick is never taken for unchanged; hidden files and
    backups do not count; nothing names a file."""
    gammal = tmp_path / "gammal.md"
    gammal.write_text("a", encoding="utf-8")
    länge_sedan = gammal.stat().st_mtime_ns - 3600 * 10**9
    os.utime(gammal, ns=(länge_sedan, länge_sedan))
    assert tillstånd_under(tmp_path) == tillstånd_under(tmp_path)
    for namn in (".gammal.md.swp", "gammal.md~", ".git/HEAD"):
        (tmp_path / namn).parent.mkdir(exist_ok=True)
        (tmp_path / namn).write_text("b", encoding="utf-8")
    assert tillstånd_under(tmp_path).keys() == {platssumma(str(gammal))}
    ny = tmp_path / "ny.md"
    ny.write_text("c", encoding="utf-8")
    första, andra = tillstånd_under(tmp_path), tillstånd_under(tmp_path)
    assert första[platssumma(str(ny))] != andra[platssumma(str(ny))]
    assert första[platssumma(str(gammal))] == andra[platssumma(str(gammal))]
    assert not any("gammal" in k or "ny" in k for k in första)


def test_av_utanför_förhandsvisningen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-shot build keeps nothing and sums nothing: no snapshot of content/, every page
    made; the same pages as with the memory on."""
    shutil.copytree(PROJEKT / "content", tmp_path / "content")
    assert not genereringsminne.aktiv()
    gjorda: list[str] = []
    sida = sidor._ny_dokumentsida

    def ny_sida(korpus, dokument, st):
        gjorda.append(dokument.id)
        return sida(korpus, dokument, st)

    monkeypatch.setattr(sidor, "_ny_dokumentsida", ny_sida)
    monkeypatch.setattr(
        genereringsminne, "_omvärld", lambda *_: pytest.fail("omvärld summed while off")
    )
    utan = _allt(tmp_path)
    assert bygge.ladda_och_validera(tmp_path, Rapport(), DELAR, behåll=False).tillstånd is None
    antal = len(gjorda)
    _allt(tmp_path)
    assert len(gjorda) == 2 * antal > 0  # made again, every one
    monkeypatch.undo()
    with genereringsminne.påslaget():
        assert _allt(tmp_path) == utan
    assert not genereringsminne.aktiv()
