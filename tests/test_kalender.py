"""styrdok.kalender: valid RFC 5545 that icalendar parses back, Swedish time with summer
time, whole days with exclusive ends, and the same bytes every time."""

from __future__ import annotations

import datetime as dt

import icalendar

from styrdok.format import ical as kalender
from styrdok.karna.utdata import Kalenderhändelse, uid


def händelser() -> list[Kalenderhändelse]:
    return [
        Kalenderhändelse(
            uid=uid("kf-2026-06-16", "https://www.ekvik.example"),
            rubrik="Kommunfullmäktige, sammanträde",
            start=dt.datetime(2026, 6, 16, 18, 0),
            slut=dt.datetime(2026, 6, 16, 21, 0),
            plats="Folkets hus, stora salen",
            beskrivning="Föredragningslista:\n4. Budget; skatt, ramar",
            adress="https://www.ekvik.example/sammantraden/kf/2026-06-16/",
        ),
        Kalenderhändelse(
            uid="arshjul-2026-09-28@www.ekvik.example",
            rubrik="Riskanalyser",
            start=dt.date(2026, 9, 28),
            slut=dt.date(2026, 10, 10),
        ),
    ]


def test_tolkas_tillbaka_med_rätt_värden(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    cal = icalendar.Calendar.from_ical(
        kalender.kalender("Kommunfullmäktige – Ekviks kommun", händelser())
    )
    assert (
        str(cal["version"]) == "2.0"
        and str(cal["x-wr-calname"]) == "Kommunfullmäktige – Ekviks kommun"
    )
    möte, riskanalys = list(cal.walk("VEVENT"))
    start = möte.decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(hours=2)  # summer time in June
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 6, 16, 16, 0, tzinfo=dt.UTC)
    assert str(möte["uid"]) == "kf-2026-06-16@www.ekvik.example"
    assert str(möte["location"]) == "Folkets hus, stora salen"
    assert str(möte["description"]) == "Föredragningslista:\n4. Budget; skatt, ramar"
    assert möte.decoded("dtstamp") == dt.datetime(
        2026, 6, 16, tzinfo=dt.UTC
    )  # the event's date, not the clock
    assert riskanalys.decoded("dtstart") == dt.date(2026, 9, 28)
    assert riskanalys.decoded("dtend") == dt.date(2026, 10, 10)


def test_tidszonen_följer_eu_reglerna():
    cal = icalendar.Calendar.from_ical(kalender.kalender("x", händelser()))
    tz = cal.walk("VTIMEZONE")[0]
    assert str(tz["tzid"]) == "Europe/Stockholm"
    regler = {k.name: k for k in tz.subcomponents}
    assert regler["DAYLIGHT"]["rrule"]["byday"] == ["-1SU"] and regler["DAYLIGHT"]["rrule"][
        "bymonth"
    ] == [3]
    assert regler["STANDARD"]["rrule"]["bymonth"] == [10]
    vinter = Kalenderhändelse(uid="a@b", rubrik="vinter", start=dt.datetime(2026, 12, 8, 13, 0))
    start = (
        icalendar.Calendar.from_ical(kalender.kalender("x", [vinter]))
        .walk("VEVENT")[0]
        .decoded("dtstart")
    )
    assert start.utcoffset() == dt.timedelta(hours=1)


def test_samma_bytes_varje_gång_och_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    första = kalender.kalender("x", händelser())
    assert första == kalender.kalender("x", händelser())
    möte = icalendar.Calendar.from_ical(första).walk("VEVENT")[0]
    assert möte.decoded("dtstamp") == dt.datetime.fromtimestamp(1764000000, dt.UTC)


def test_heldagar_utan_tidszon():
    bara_dagar = kalender.kalender("x", händelser()[1:])
    assert b"VTIMEZONE" not in bara_dagar and b"DTSTART;VALUE=DATE:20260928" in bara_dagar


def test_uid_från_webbplatsens_värdnamn():
    assert uid("ks-2026-11-10", "https://www.ekvik.example/") == "ks-2026-11-10@www.ekvik.example"
