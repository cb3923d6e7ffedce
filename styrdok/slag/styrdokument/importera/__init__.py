"""``styrdok import FIL.docx|KATALOG …``: a kommun's existing Word documents moved into
styrdok, one Markdown file each, with a review report ``import-rapport.md``.

Modules, in the order a file passes through them: ``paket`` (opening the file safely:
what it is, its parts, styles, numbering), ``lasare`` and ``ritningar`` (a part read into
the paragraphs and tables of ``block``), ``struktur`` (which blocks are the table of
contents, title, cover, metadata and revision table), ``etiketter`` and ``huvud``
(metadata, page header and properties as label/value pairs), ``revideringar`` (revision
tables), ``varden`` (dates, §, KFS numbers, organs and types matched to kommun.yml),
``framsida`` (front-matter values with their sources, and placeholders), ``markdown`` and
``mdtext`` (the body), ``dokument`` (one file, in a worker), ``skriv`` (id, YAML, files),
``rapport`` (the report) and ``korning`` (the run)."""

from __future__ import annotations

from pathlib import Path

from styrdok.karna.slag import Kommando


def _argument(p) -> None:
    p.add_argument(
        "källor",
        nargs="+",
        type=Path,
        metavar="FIL.docx|KATALOG",
        help="Word-filer (.docx), eller kataloger som läses med alla underkataloger",
    )
    p.add_argument(
        "--till",
        metavar="content/styrdokument/GRUPP",
        help="katalogen dokumenten skrivs till (standard: content/styrdokument); "
        "gruppen blir en del av dokumentens id",
    )
    p.add_argument(
        "--skriv-över",
        action="store_true",
        help="ersätt dokument som redan finns (annars hoppas de över och nämns i rapporten)",
    )


KOMMANDO = Kommando(
    "import",
    "flytta in befintliga Word-dokument (.docx) som styrdokument, med en granskningsrapport",
    "  styrdok import gamla-dokument/ --till content/styrdokument/ekonomi\n"
    "  styrdok import Finanspolicy.docx Riktlinje.docx --skriv-över\n"
    "skriver ett dokument per fil och import-rapport.md: varje nyckel och varifrån den kom,\n"
    "det som inte kunde föras över och det som togs bort; kör sedan styrdok check",
    _argument,
    "styrdok.slag.styrdokument.importera.korning:kör_kommandot",  # loaded when it runs
)
