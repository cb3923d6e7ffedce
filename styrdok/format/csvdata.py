"""Tables as CSV for spreadsheets: a header row, CRLF line ends and a byte order mark, so
that Excel reads å, ä and ö."""

from __future__ import annotations

import csv
import io

from styrdok.karna.format import Filformat
from styrdok.karna.utdata import Tabell

FORMELTECKEN = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV
injection, e.g. ``=HYPERLINK(...)`` in a title): such a cell gets a leading apostrophe."""


def ofarlig(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMELTECKEN) else cell


def serialisera(tabell: Tabell) -> bytes:
    ut = io.StringIO()
    skrivare = csv.writer(ut, lineterminator="\r\n")
    skrivare.writerow(tabell.kolumner)
    skrivare.writerows([ofarlig(c) for c in rad] for rad in tabell.rader)
    return ("\ufeff" + ut.getvalue()).encode("utf-8")


FORMAT = Filformat(".csv", Tabell, serialisera)
