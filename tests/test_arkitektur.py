"""The architecture, kept by CI: no import cycle among styrdok's modules (imports inside
functions counted too), layers that only import downwards, kinds and formats that never
import each other, and no module over 400 lines.

Imports under ``if TYPE_CHECKING:`` are left out: they are never executed, and the kinds'
protocol and the korpus they receive must name each other for the type checker.

Layers, bottom up: ``grund`` (shared rules) → ``karna`` (the core: korpus, build, protocols)
→ ``format``, ``slag`` (each kind its own package) and ``webb`` (the site engine adapter),
side by side → ``bygg`` (the composition root) → ``cli``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PAKET = Path(__file__).resolve().parent.parent / "styrdok"
MAX_RADER = 400
LAGER = {
    "grund": 0,
    "karna": 1,
    "format": 2,
    "slag": 2,
    "webb": 2,
    "bygg": 3,
    "nytt_projekt": 3,
    "mkdocs_krokar": 4,
    "mallar": 4,
    "cli": 4,
    "__main__": 5,
}


def modulnamn(fil: Path) -> str:
    delar = fil.relative_to(PAKET.parent).with_suffix("").parts
    return ".".join(delar[:-1] if delar[-1] == "__init__" else delar)


MODULER = {modulnamn(f): f for f in sorted(PAKET.rglob("*.py")) if "__pycache__" not in f.parts}


def importer(modul: str) -> list[tuple[str, int, bool]]:
    """(imported styrdok module, line, inside a function) for every import in ``modul``."""
    fil = MODULER[modul]
    träd = ast.parse(fil.read_text(encoding="utf-8"))
    paket = modul if fil.name == "__init__.py" else modul.rpartition(".")[0]
    funna = []
    for nod, i_funktion in _noder(träd):
        if isinstance(nod, ast.Import):
            namn = [a.name for a in nod.names]
        elif isinstance(nod, ast.ImportFrom):
            bas = nod.module or ""
            if nod.level:
                delar = paket.split(".")
                bas = ".".join(delar[: len(delar) - nod.level + 1] + ([bas] if bas else []))
            namn = [f"{bas}.{a.name}" if f"{bas}.{a.name}" in MODULER else bas for a in nod.names]
        else:
            continue
        for n in namn:
            if n in MODULER and n != "styrdok" and n != modul:
                funna.append((n, nod.lineno, i_funktion))
    return funna


def _noder(träd: ast.AST, i_funktion: bool = False):
    for barn in ast.iter_child_nodes(träd):
        if isinstance(barn, ast.If) and "TYPE_CHECKING" in ast.unparse(barn.test):
            continue
        yield barn, i_funktion
        yield from _noder(
            barn, i_funktion or isinstance(barn, (ast.FunctionDef, ast.AsyncFunctionDef))
        )


GRAF = {m: importer(m) for m in MODULER}


def lager(modul: str) -> tuple[int, str]:
    """(layer, unit): a unit is one kind, the formats, the site adapter, or a core module."""
    delar = modul.split(".")
    if len(delar) == 1:
        return -1, modul
    topp = delar[1]
    enhet = ".".join(delar[:3]) if topp == "slag" and len(delar) > 2 else ".".join(delar[:2])
    return LAGER[topp], enhet


def cykler() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    låg: dict[str, int] = {}
    stack: list[str] = []
    på_stack: set[str] = set()
    komponenter: list[list[str]] = []

    def besök(v: str) -> None:
        index[v] = låg[v] = len(index)
        stack.append(v)
        på_stack.add(v)
        for w, _, _ in GRAF[v]:
            if w not in index:
                besök(w)
                låg[v] = min(låg[v], låg[w])
            elif w in på_stack:
                låg[v] = min(låg[v], index[w])
        if låg[v] == index[v]:
            komponent = []
            while True:
                w = stack.pop()
                på_stack.discard(w)
                komponent.append(w)
                if w == v:
                    break
            if len(komponent) > 1:
                komponenter.append(sorted(komponent))

    for v in sorted(GRAF):
        if v not in index:
            besök(v)
    return komponenter


def test_inga_importcykler():
    funna = cykler()
    assert not funna, "importcykler (lokala importer inräknade):\n" + "\n".join(
        " → ".join(k) for k in funna
    )


def test_lager_importerar_bara_nedåt():
    brott = []
    for modul, importerade in GRAF.items():
        mitt_lager, min_enhet = lager(modul)
        for annan, rad, _ in importerade:
            dess_lager, dess_enhet = lager(annan)
            if dess_enhet == min_enhet:
                continue
            if dess_lager >= mitt_lager and mitt_lager >= 0:
                brott.append(
                    f"{MODULER[modul].relative_to(PAKET.parent)}:{rad}: {modul} importerar {annan}"
                )
    assert not brott, "importer uppåt eller i sidled mellan slag, format och webb:\n" + "\n".join(
        brott
    )


def test_grund_importerar_inget_annat_av_styrdok():
    brott = [
        f"{modul} importerar {annan}"
        for modul, importerade in GRAF.items()
        if modul.startswith("styrdok.grund")
        for annan, _, _ in importerade
        if not annan.startswith("styrdok.grund")
    ]
    assert not brott, brott


def test_lokala_importer_av_styrdok_bara_i_kommandoraden():
    """A function-local import hides a dependency; only the CLI may defer its imports (so
    that ``styrdok --help`` starts fast)."""
    lokala = [
        f"{MODULER[m].relative_to(PAKET.parent)}:{rad}: {annan}"
        for m, importerade in GRAF.items()
        for annan, rad, i_funktion in importerade
        if i_funktion and m != "styrdok.cli"
    ]
    assert not lokala, "lokala importer:\n" + "\n".join(lokala)


@pytest.mark.parametrize("modul", sorted(MODULER))
def test_ingen_modul_är_över_400_rader(modul):
    rader = MODULER[modul].read_text(encoding="utf-8").count("\n")
    assert rader <= MAX_RADER, f"{MODULER[modul]} har {rader} rader"


def test_varje_slag_och_format_är_registrerat_i_sammansättningen():
    from styrdok import bygg

    paket = {p.name for p in (PAKET / "slag").iterdir() if (p / "__init__.py").exists()}
    assert {s.__class__.__module__.split(".")[2] for s in bygg.SLAG} == paket
    for f in bygg.DOKUMENTFORMAT:
        assert f.modul in MODULER, f
    beroenden = defaultdict(set)
    for modul, importerade in GRAF.items():
        for annan, _, _ in importerade:
            beroenden[modul].add(annan)
    # The core names no kind and no format: only the composition root and the CLI do.
    for modul in MODULER:
        if modul.startswith("styrdok.karna"):
            assert not {
                b for b in beroenden[modul] if b.startswith(("styrdok.slag", "styrdok.format"))
            }
