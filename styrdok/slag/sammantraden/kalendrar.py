"""The calendars: one per organ with its meetings, and the årshjul's dates, as data the
iCalendar format serializes; UIDs and times come from the content, never the clock."""

from __future__ import annotations

import datetime as dt
import unicodedata

from styrdok.karna.korpus import Korpus, organnamn
from styrdok.karna.lankar import webbadress
from styrdok.karna.utdata import Kalender, Kalenderhändelse, uid
from styrdok.slag.sammantraden.data import Händelse, Sammanträde, Sammanträdesdata
from styrdok.slag.sammantraden.kallelse import kalenderväg, sidväg

STANDARDLÄNGD = dt.timedelta(hours=3)
"""How long a meeting without sluttid lasts in the calendar."""


def kalenderfiler(
    korpus: Korpus,
    data: Sammanträdesdata,
    per_organ: dict[str, list[Sammanträde]],
    årshjulsfil: str,
) -> dict[str, Kalender]:
    filer = {}
    for organ, möten in per_organ.items():
        namn = f"{organnamn(korpus, organ)} – {korpus.kommun.namn}"
        filer[kalenderväg(organ)] = Kalender(namn, tuple(_mötesevent(korpus, m) for m in möten))
    if data.årshjul:
        namn = f"{data.årshjul_titel} – {korpus.kommun.namn}"
        filer[årshjulsfil] = Kalender(namn, tuple(_årshjulsevent(korpus, h) for h in data.årshjul))
    return filer


def _mötesevent(korpus: Korpus, möte: Sammanträde) -> Kalenderhändelse:
    start = dt.datetime.combine(möte.datum, möte.tid)
    slut = dt.datetime.combine(möte.datum, möte.sluttid) if möte.sluttid else start + STANDARDLÄNGD
    ärenden = "\n".join(f"{ä.nummer}. {ä.rubrik}" for ä in möte.ärenden)
    return Kalenderhändelse(
        uid=uid(f"{möte.organ}-{möte.datum.isoformat()}", korpus.kommun.webbplats),
        rubrik=f"{organnamn(korpus, möte.organ)}, sammanträde",
        start=start,
        slut=slut,
        plats=möte.plats,
        beskrivning=f"Föredragningslista:\n{ärenden}" if ärenden else None,
        adress=webbadress(korpus, sidväg(möte)) if möte.offentlig else None,
    )


def _årshjulsevent(korpus: Korpus, h: Händelse) -> Kalenderhändelse:
    sista = h.slutdatum or h.datum
    nyckel = f"arshjul-{h.datum.isoformat()}-{_slug(h.rubrik)}"
    beskrivning = " ".join(d for d in (h.beskrivning, _ansvariga(korpus, h.organen)) if d)
    return Kalenderhändelse(
        uid=uid(nyckel, korpus.kommun.webbplats),
        rubrik=h.rubrik,
        start=h.datum,
        slut=sista + dt.timedelta(days=1),
        beskrivning=beskrivning or None,
    )


def _ansvariga(korpus: Korpus, organen: tuple[str, ...]) -> str | None:
    if not organen:
        return None
    namn = [organnamn(korpus, o) for o in organen]
    lista = namn[0] if len(namn) == 1 else ", ".join(namn[:-1]) + " och " + namn[-1]
    return f"Ansvarig: {lista}." if len(namn) == 1 else f"Ansvariga: {lista}."


def _slug(text_: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text_).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_).split())[:60]
