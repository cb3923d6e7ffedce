"""iCalendar files (RFC 5545) with the ``icalendar`` package, byte-for-byte reproducible.

Times are local Swedish time with ``TZID=Europe/Stockholm`` and one compact VTIMEZONE
with the EU summer-time rules (last Sunday of March and October), the form Outlook,
Google and Apple Calendar all read. UIDs come from the content, and DTSTAMP is
``SOURCE_DATE_EPOCH`` when set, else the event's own date: never the clock, so a
rebuild gives the same bytes and subscribers see no phantom changes.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from styrdok.karna.format import Filformat
from styrdok.karna.utdata import Kalender, Kalenderhändelse

if TYPE_CHECKING:
    import icalendar


TIDSZON = "Europe/Stockholm"
SVERIGE = ZoneInfo(TIDSZON)
PRODID = "-//styrdok//Sammanträden och årshjul//SV"


def stämpel(start: dt.datetime | dt.date) -> dt.datetime:
    epok = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epok.isdigit():
        return dt.datetime.fromtimestamp(int(epok), dt.UTC)
    dag = start.date() if isinstance(start, dt.datetime) else start
    return dt.datetime(dag.year, dag.month, dag.day, tzinfo=dt.UTC)


def kalender(namn: str, händelser: list[Kalenderhändelse]) -> bytes:
    """The .ics bytes of a calendar called ``namn`` holding ``händelser`` (in the given order)."""
    import icalendar  # only when writing calendars: `styrdok check` need not load it

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", namn)
    cal.add("x-wr-calname", namn)
    cal.add("x-wr-timezone", TIDSZON)
    if any(isinstance(h.start, dt.datetime) for h in händelser):
        cal.add_component(_vtimezone())
    for h in händelser:
        cal.add_component(_händelse(h))
    return cal.to_ical()


def _händelse(h: Kalenderhändelse) -> icalendar.Event:
    import icalendar

    e = icalendar.Event()
    e.add("uid", h.uid)
    e.add("dtstamp", stämpel(h.start))
    e.add("dtstart", _tid(h.start))
    if h.slut is not None:
        e.add("dtend", _tid(h.slut))
    e.add("summary", h.rubrik)
    if h.plats:
        e.add("location", h.plats)
    if h.beskrivning:
        e.add("description", h.beskrivning)
    if h.adress:
        e.add("url", h.adress)
    if not isinstance(h.start, dt.datetime):
        e.add("transp", "TRANSPARENT")  # a budget deadline does not make anyone busy all day
    return e


def _tid(värde: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(värde, dt.datetime):
        return värde.replace(tzinfo=SVERIGE)
    return värde


def _vtimezone() -> icalendar.Timezone:
    import icalendar

    tz = icalendar.Timezone()
    tz.add("tzid", TIDSZON)
    tz.add_component(_övergång(icalendar.TimezoneDaylight, "CEST", 3, 2, "+0100", "+0200"))
    tz.add_component(_övergång(icalendar.TimezoneStandard, "CET", 10, 3, "+0200", "+0100"))
    return tz


def _övergång(typ, namn: str, månad: int, timme: int, från: str, till: str):
    """EU rule: the change happens on the last Sunday of the month (at 01:00 UTC)."""
    del_ = typ()
    del_.add("tzname", namn)
    del_.add("dtstart", dt.datetime(1970, månad, 29 if månad == 3 else 25, timme, 0))
    del_.add("rrule", {"freq": "yearly", "bymonth": månad, "byday": "-1su"})
    del_.add("tzoffsetfrom", _offset(från))
    del_.add("tzoffsetto", _offset(till))
    return del_


def _offset(text: str) -> dt.timedelta:
    tecken = -1 if text[0] == "-" else 1
    return tecken * dt.timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))


def serialisera(data: Kalender) -> bytes:
    return kalender(data.namn, list(data.händelser))


FORMAT = Filformat(".ics", Kalender, serialisera)
