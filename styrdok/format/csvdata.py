"""Tables as CSV for spreadsheets: a header row, CRLF line ends and a byte order mark, so
that Excel reads å, ä and ö."""

from __future__ import annotations

import csv
import io

from styrdok.karna.format import Filformat
from styrdok.karna.utdata import Tabell


def serialisera(tabell: Tabell) -> bytes:
    ut = io.StringIO()
    skrivare = csv.writer(ut, lineterminator="\r\n")
    skrivare.writerow(tabell.kolumner)
    skrivare.writerows(tabell.rader)
    return ("\ufeff" + ut.getvalue()).encode("utf-8")


FORMAT = Filformat(".csv", Tabell, serialisera)
