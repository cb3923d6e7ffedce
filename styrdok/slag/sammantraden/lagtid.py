"""The law's dates for the anslagstavla, computed and never typed.

- A tillkännagivande of a justerat protokoll goes up no later than the second day after the
  justering (kommunallagen 8 kap. 12 §) and stays up until the time to appeal has run out.
- An appeal by laglighetsprövning must reach the förvaltningsrätt within three weeks of the
  day the tillkännagivande went up (13 kap. 5 §). A last day that falls on a Saturday,
  Sunday, helgdag, midsommarafton, julafton or nyårsafton moves to the next weekday (lagen
  (1930:173) om beräkning av lagstadgad tid).
- Fullmäktige's sammanträden are kungjorda at least a week before the meeting (5 kap. 53 §).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

ÖVERKLAGANDETID = dt.timedelta(weeks=3)
KUNGÖRELSETID = dt.timedelta(weeks=1)
ANSLAG_EFTER_JUSTERING = dt.timedelta(days=2)


def påskdagen(år: int) -> dt.date:
    """Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = år % 19, år // 100, år % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    månad, dag = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(år, månad, dag + 1)


def _lördag_i(början: dt.date) -> dt.date:
    """The Saturday of the week that starts at ``början`` (a day in a seven-day span)."""
    return början + dt.timedelta(days=(5 - början.weekday()) % 7)


@cache
def fridagar(år: int) -> frozenset[dt.date]:
    """The days of ``år`` that count as holidays for a time limit (besides Sundays): the
    helgdagar of lagen (1989:253) om allmänna helgdagar and the days lag 1930:173 treats
    alike (Saturdays are handled separately)."""
    påsk = påskdagen(år)
    midsommardagen = _lördag_i(dt.date(år, 6, 20))
    alla_helgons_dag = _lördag_i(dt.date(år, 10, 31))
    return frozenset(
        {
            dt.date(år, 1, 1),
            dt.date(år, 1, 6),
            påsk - dt.timedelta(days=2),  # långfredagen
            påsk,
            påsk + dt.timedelta(days=1),  # annandag påsk
            dt.date(år, 5, 1),
            påsk + dt.timedelta(days=39),  # Kristi himmelsfärdsdag
            påsk + dt.timedelta(days=49),  # pingstdagen
            dt.date(år, 6, 6),
            midsommardagen - dt.timedelta(days=1),  # midsommarafton
            midsommardagen,
            alla_helgons_dag,
            dt.date(år, 12, 24),
            dt.date(år, 12, 25),
            dt.date(år, 12, 26),
            dt.date(år, 12, 31),
        }
    )


def är_fridag(dag: dt.date) -> bool:
    return dag.weekday() >= 5 or dag in fridagar(dag.year)


def sista_dag_att_överklaga(anslaget: dt.date) -> dt.date:
    """Three weeks from the day the tillkännagivande went up, moved past days off."""
    dag = anslaget + ÖVERKLAGANDETID
    while är_fridag(dag):
        dag += dt.timedelta(days=1)
    return dag


def senaste_anslag(justerat: dt.date) -> dt.date:
    """The last day the tillkännagivande of a justering may go up."""
    return justerat + ANSLAG_EFTER_JUSTERING


def senaste_kungörelse(sammanträde: dt.date) -> dt.date:
    """The last day fullmäktige's kungörelse may go up: a week before the meeting."""
    return sammanträde - KUNGÖRELSETID
