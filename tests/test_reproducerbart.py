"""Two clean builds of the same content give byte-identical sites, PDF and Word included."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import kopiera_projekt
from styrdok.bygg import bygg


def summor(mapp: Path) -> dict[str, str]:
    return {p.relative_to(mapp).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(mapp.rglob("*")) if p.is_file()}


def test_två_rena_byggen_är_identiska(exempelprojekt: Path, tmp_path: Path):
    andra = kopiera_projekt(tmp_path / "andra")
    bygg(andra)
    for variant in ("public", "intranet"):
        första, andra_summor = summor(exempelprojekt / "site" / variant), summor(andra / "site" / variant)
        assert första.keys() == andra_summor.keys()
        olika = sorted(k for k in första if första[k] != andra_summor[k])
        assert not olika, f"{variant}: {len(olika)} filer skiljer sig, t.ex. {olika[:5]}"
    antal = len(summor(exempelprojekt / "site"))
    pdf = sum(1 for p in (exempelprojekt / "site").rglob("*.pdf"))
    docx = sum(1 for p in (exempelprojekt / "site").rglob("*.docx"))
    assert antal > 300 and pdf > 50 and docx > 50
