"""Shared fixtures: a scratch kommun written into tmp_path, and the example built once."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# ``ci`` (default): the same examples on every run, so a red run means the same thing twice.
# ``utforska``: random and ten times as long, for developers before they stop (see test_fuzz.py).
settings.register_profile(
    "ci",
    max_examples=1000,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "utforska", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PROJEKT = Path(__file__).resolve().parent.parent
FALL = Path(__file__).resolve().parent / "fall"
GOLDEN = Path(__file__).resolve().parent / "golden"


def jämför_golden(namn: str, faktiskt: str) -> None:
    """Compare with tests/golden/<namn>; STYRDOK_UPPDATERA_GOLDEN=1 rewrites the file instead."""
    fil = GOLDEN / namn
    if os.environ.get("STYRDOK_UPPDATERA_GOLDEN") == "1":
        fil.parent.mkdir(parents=True, exist_ok=True)
        fil.write_text(faktiskt, encoding="utf-8")
        return
    assert fil.exists(), f"{fil} saknas; kör med STYRDOK_UPPDATERA_GOLDEN=1"
    assert faktiskt == fil.read_text(encoding="utf-8"), f"skiljer sig från {fil}"


SKRAPKOMMUN = """\
namn: Provs kommun
kfs_prefix: PKFS
webbplats: https://www.prov.example
vision: En vision.
organ:
  kf: {namn: Kommunfullmäktige, typ: politisk}
  ks: {namn: Kommunstyrelsen, typ: politisk}
  kd: {namn: Kommundirektören, typ: tjänsteperson}
dokumenttyper:
  policy: {namn: Policy, beslutas_av: [kf, ks]}
  taxa: {namn: Taxa, beslutas_av: [kf]}
  plan: {namn: Plan, beslutas_av: [kf, ks], giltighet: begränsad}
  rutin: {namn: Rutin, beslutas_av: [kd], publicering: intranät}
kategorier:
  taxor: Taxor och avgifter
  allmanna: Allmänna bestämmelser
tillgänglighet:
  efterlevnad: helt förenlig
  bedömningsdatum: 2026-09-01
  kontakt_epost: webb@prov.example
"""


def ändra(rot: Path, fil: str, gammalt: str, nytt: str) -> None:
    """Replace exactly one occurrence of ``gammalt`` in content/``fil``."""
    sökväg = rot / "content" / fil
    text = sökväg.read_text(encoding="utf-8")
    assert text.count(gammalt) == 1, f"{gammalt!r} finns {text.count(gammalt)} gånger i {fil}"
    sökväg.write_text(text.replace(gammalt, nytt), encoding="utf-8")


@pytest.fixture
def exempel(tmp_path: Path) -> Path:
    """A fresh copy of the example's content/ (and nothing else: styrdok's own templates)."""
    shutil.copytree(PROJEKT / "content", tmp_path / "content")
    return tmp_path


def summor(mapp: Path) -> dict[str, str]:
    """Every file under ``mapp`` (its path there) → a sha256 of its bytes."""
    import hashlib

    return {
        p.relative_to(mapp).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(mapp.rglob("*"))
        if p.is_file()
    }


def kopiera_projekt(mål: Path) -> Path:
    """A full copy of the project's sources (not its build output) into ``mål``."""
    for namn in ("content", "templates", "hooks"):
        shutil.copytree(PROJEKT / namn, mål / namn, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJEKT / "mkdocs.yml", mål / "mkdocs.yml")
    return mål


@pytest.fixture
def skrapkommun(tmp_path: Path) -> Path:
    """An empty, valid kommun: content/kommun.yml and nothing else."""
    (tmp_path / "content" / "styrdokument").mkdir(parents=True)
    (tmp_path / "content" / "kommun.yml").write_text(SKRAPKOMMUN, encoding="utf-8")
    shutil.copytree(PROJEKT / "templates", tmp_path / "templates")
    shutil.copytree(PROJEKT / "hooks", tmp_path / "hooks")
    shutil.copy(PROJEKT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.fixture(scope="session")
def exempel_webbplatser(tmp_path_factory) -> Path:
    """A copy of the example kommun with its two sites built (no Word/PDF), shared read-only."""
    from styrdok.bygg import bygg

    rot = kopiera_projekt(tmp_path_factory.mktemp("webbplatser"))
    bygg(rot, bara_webbplatser=True)
    return rot


@pytest.fixture(scope="session")
def exempelprojekt(tmp_path_factory) -> Path:
    """A copy of the example kommun, built once (sites, Word and PDF) for every test that reads it."""
    from styrdok.bygg import bygg

    rot = kopiera_projekt(tmp_path_factory.mktemp("exempel"))
    bygg(rot)
    return rot


def zip_med(delar: dict[str, bytes]) -> bytes:
    """A zip file holding ``delar`` (name → bytes)."""
    buffert = io.BytesIO()
    with zipfile.ZipFile(buffert, "w") as z:
        for namn, data in delar.items():
            z.writestr(namn, data)
    return buffert.getvalue()


def _början(text: str, längd: int) -> bytes | None:
    """``text.get(0..längd)`` in Rust: the first ``längd`` bytes, None inside a character."""
    data = text.encode("utf-8")[:längd]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return data


def pagefind_hämtar(intervall: list, term: str) -> str | None:
    """The range Pagefind's search fetches for ``term`` (pagefind_web/src/lib.rs,
    try_request_indexes: the first that encloses it, else the first that may hold a longer
    or shorter form of it)."""
    for c in intervall:
        if c[0] <= term <= c[1]:
            return c[2]
    t = term.encode("utf-8")
    for c in intervall:
        före = _början(term, min(len(t), len(c[0].encode())))
        efter = _början(term, min(len(t), len(c[1].encode())))
        från = _början(c[0], min(len(t), len(c[0].encode())))
        till = _början(c[1], min(len(t), len(c[1].encode())))
        if None not in (före, efter, från, till) and före >= från and efter <= till:
            return c[2]
    return None
