"""Sammanträden: kallelser med föredragningslistor, per organ, and the årshjul.

Sources: ``content/sammantraden/<organ>/<ÅÅÅÅ-MM-DD>.md`` (one meeting each) and
``content/arshjul.yml``. Output: a page per meeting and a list per organ on both sites
(the public site gets the public version, see ``sammantraden_data.publik``), an
iCalendar file per organ and one of the årshjul, and per meeting a kallelse in Word and
PDF plus every styrdokument that is a beslutsunderlag, collected in one zip.

The module is split by concern: ``_modeller`` (source shape), ``_data`` (reading,
checks, public filter), ``_text`` (the agenda's wording), ``_sidor`` (pages and
calendars), ``_kallelse`` (paths, Word/PDF deliverables, ``styrdok agenda``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from styrdok.slag import Leverans, Sida
from styrdok.slag import sammantraden_data as data_
from styrdok.slag import sammantraden_kallelse as kallelse_
from styrdok.slag import sammantraden_sidor as sidor_

NAMN = "sammantraden"
PUBLIK = "publik"


class Sammanträden:
    namn = NAMN

    def ladda(self, korpus, rapport) -> data_.Sammanträdesdata:
        return data_.ladda(korpus, rapport)

    def validera(self, korpus, rapport) -> None:
        return (
            None  # every rule needs only styrdokument and kommun.yml, loaded before us: see ladda
        )

    def publik(self, data: Any) -> Any:
        return data_.publik(data)

    def sidor(self, korpus, variant: str) -> list[Sida]:
        return sidor_.sidor(korpus, _data(korpus, variant), variant == PUBLIK)

    def filer(self, korpus, variant: str) -> dict[str, bytes]:
        data = _data(korpus, variant)
        filer = sidor_.kalenderfiler(korpus, data)
        for poster in kallelse_.filunderlag(korpus, data).values():
            for väg, källa in poster:
                filer[väg] = källa.read_bytes()
        return filer

    def nav(self, korpus, variant: str) -> list[dict[str, str]]:
        data = _data(korpus, variant)
        nav = [{"Sammanträden": sidor_.INDEX}]
        if data.årshjul:
            nav.append({data.årshjul_titel: sidor_.ÅRSHJULSSIDA})
        return nav

    def leveranser(self, korpus, variant: str) -> list[Leverans]:
        return kallelse_.leveranser(korpus, _data(korpus, variant))

    def samlingsfiler(self, korpus, variant: str) -> dict[str, list[str]]:
        """Plain-file beslutsunderlag (already in the site through ``filer``) that belong in
        each samling's zip: samling path → site paths."""
        return {
            s: [väg for väg, _ in poster]
            for s, poster in kallelse_.filunderlag(korpus, _data(korpus, variant)).items()
        }


def _data(korpus, variant: str) -> data_.Sammanträdesdata:
    """This kind's data for one site variant. The public variant is filtered here too, in
    case a caller hands over the full korpus: a sekretess ärende must never depend on that."""
    data = korpus.tillägg.get(NAMN) or data_.Sammanträdesdata()
    if variant == PUBLIK and not all(m.offentlig for m in data.möten):
        data = data_.publik(data)
    return data


def agenda(rot: Path, organ: str, datum: str, ut: Path | None = None) -> list[Path]:
    """``styrdok agenda ORGAN DATUM``: the internal kallelse as Word and PDF (see ``sammantraden_kallelse.agenda``)."""
    return kallelse_.agenda(rot, organ, datum, ut)


SLAG = Sammanträden()
