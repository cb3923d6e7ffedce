"""Property-based robustness: random and mutated sources never make styrdok raise anything
but its own diagnostics, and every diagnostic carries a file, a line and a column.

Two hypothesis profiles (registered in conftest.py): ``ci``, the default, is derandomized,
so every run tries the same examples; ``utforska`` searches at random and ten times as
long. Run it before you stop (``HYPOTHESIS_PROFILE=utforska .venv/bin/python -m pytest
tests/test_fuzz.py``) and keep every failing example it finds below as an ``@example``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from conftest import SKRAPKOMMUN
from hypothesis import example, given
from hypothesis import strategies as st

from styrdok.bygg import kontrollera

GILTIG = """---
titel: Policy för fuzz
dokumenttyp: policy
beslutsinstans: kf
beslutsdatum: 2022-03-01
paragraf: 12
dokumentansvarig: Kanslichef
revideringar:
  - {datum: 2023-01-01, beslutsinstans: ks, paragraf: 4, kommentar: Ändrad}
kfs: "2022:1"
kategori: taxor
ersätter: [PKFS 2021:1]
---

## Rubrik

Text med [länk](https://exempel.se) och ![bild](bild.png) och <b>fet</b>.

| a | b |
|---|---|
| 1 | 2 |
"""

TECKEN = st.sampled_from(
    list(":-[]{}#&*!|>'\"%@`,?\t\n \\åäö0123456789") + ["\ufeff", "\r\n", "---", "\x00", "\xff"]
)


@st.composite
def muterad(draw) -> bytes:
    text = GILTIG
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        match draw(st.sampled_from(["in", "ut", "byt", "rad"])):
            case "in":
                text = text[:pos] + draw(TECKEN) + text[pos:]
            case "ut":
                text = text[:pos] + text[pos + draw(st.integers(1, 12)) :]
            case "byt":
                text = text[:pos] + draw(st.text(max_size=8)) + text[pos + 1 :]
            case "rad":
                rader = text.split("\n")
                i, j = draw(st.integers(0, len(rader) - 1)), draw(st.integers(0, len(rader) - 1))
                rader[i], rader[j] = rader[j], rader[i]
                text = "\n".join(rader)
    kodning = draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16"]))
    return text.encode(kodning, errors="replace")


@st.composite
def slumpad(draw) -> bytes:
    nycklar = st.sampled_from(
        [
            "titel",
            "dokumenttyp",
            "beslutsinstans",
            "beslutsdatum",
            "paragraf",
            "kfs",
            "revideringar",
            "ersätter",
            "bilagor",
            "gäller_för",
            "x",
        ]
    )
    värden = st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=True)
        | st.text(max_size=20)
        | st.dates().map(str),
        lambda inre: (
            st.lists(inre, max_size=3) | st.dictionaries(st.text(max_size=5), inre, max_size=3)
        ),
        max_leaves=6,
    )
    rader = [f"{draw(nycklar)}: {draw(värden)!r}" for _ in range(draw(st.integers(0, 8)))]
    return ("---\n" + "\n".join(rader) + "\n---\n" + draw(st.text(max_size=200))).encode(
        "utf-8", "replace"
    )


RAM = tempfile.mkdtemp(prefix="styrdok-fuzz-")


def projekt() -> Path:
    rot = Path(RAM)
    if not (rot / "content" / "kommun.yml").exists():
        (rot / "content" / "styrdokument").mkdir(parents=True)
        (rot / "content" / "kommun.yml").write_text(SKRAPKOMMUN, encoding="utf-8")
    return rot


def kontrollera_bytes(innehåll: bytes) -> None:
    rot = projekt()
    fil = rot / "content" / "styrdokument" / "fuzz.md"
    fil.write_bytes(innehåll)
    rapport = kontrollera(rot)  # must not raise
    for d in rapport.diagnoser:
        assert d.sökväg.startswith("content/"), d
        assert d.rad >= 1 and d.kolumn >= 1, d
        assert d.meddelande and "Traceback" not in d.meddelande, d


# Every failing example ever found, kept so that it is tried on every run.
FUNNA = [
    GILTIG.replace(
        "bild.png", "bi\x00ld.png"
    ).encode(),  # NUL in an image path: ValueError in Path.resolve
    GILTIG.replace("bild.png", "bi\x07ld.png").encode(),
    GILTIG.replace("bild.png", "b" * 5000 + ".png").encode(),  # ENAMETOOLONG from stat
    GILTIG.replace("Kanslichef", '"Kansli\\0chef"').encode(),  # NUL through a YAML escape
    GILTIG.replace("Kanslichef", "Kansli\x01chef").encode(),  # a raw control character in YAML
]


def med_funna(test):
    for innehåll in FUNNA:
        test = example(innehåll)(test)
    return test


@med_funna
@given(muterad())
def test_muterade_källor(innehåll: bytes):
    kontrollera_bytes(innehåll)


@med_funna
@given(slumpad())
def test_slumpade_källor(innehåll: bytes):
    kontrollera_bytes(innehåll)


def teardown_module():
    shutil.rmtree(RAM, ignore_errors=True)
