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

from styrdok.karna.korpus import Delar
from styrdok.karna.slag import Hemligheter, Kommando, TomtSlag
from styrdok.karna.utdata import Leverans, Sida
from styrdok.karna.webbplats import PUBLIK
from styrdok.slag.sammantraden import anslagstavla, kalendrar, laddning, protokoll
from styrdok.slag.sammantraden import data as data_
from styrdok.slag.sammantraden import kallelse as kallelse_
from styrdok.slag.sammantraden import sekretess as sekretess_
from styrdok.slag.sammantraden import sidor as sidor_
from styrdok.slag.sammantraden.modeller import (
    AnslagstavlaKälla,
    KommunSammanträden,
    SammanträdeKälla,
    ÅrshjulKälla,
)

NAMN = data_.MAPP


class Sammanträden(TomtSlag):
    """Every rule needs only the kommun and the documents of earlier kinds, all loaded
    before this one: the checks run while reading (``laddning``)."""

    def modeller(self):
        return [
            ("content/sammantraden/<organ>/<datum>.md (front matter)", SammanträdeKälla),
            ("content/arshjul.yml", ÅrshjulKälla),
            ("content/anslagstavla.yml", AnslagstavlaKälla),
        ]

    def granska_kommun(self, källa, rapport) -> None:
        """An organ's calendar is kalender/<id>.ics: the id arshjul is the årshjul's."""
        organ = (källa.data or {}).get("organ")
        upptagna = {sidor_.ÅRSHJULSKALENDER.removeprefix("kalender/").removesuffix(".ics")}
        for organ_id in organ if isinstance(organ, dict) else {}:
            if organ_id in upptagna:
                källa.fel(
                    rapport,
                    ("organ", organ_id),
                    f"organ-id {organ_id} är upptaget: årshjulets kalender heter "
                    f"{sidor_.ÅRSHJULSKALENDER}; välj ett annat id",
                    nyckel=True,
                )

    def ladda(self, korpus, rapport) -> data_.Sammanträdesdata:
        return laddning.ladda(korpus, rapport)

    def vägar(self, korpus) -> list[str]:
        return [NAMN, "kalender", sidor_.ÅRSHJULSSIDA.removesuffix(".md"), anslagstavla.MAPP]

    def källor(self, korpus):
        return (korpus.data.get(NAMN) or data_.Sammanträdesdata()).källor

    def hemligheter(self, korpus) -> Hemligheter | None:
        return sekretess_.hemligheter(korpus, korpus.data.get(NAMN) or data_.Sammanträdesdata())

    def publik(self, data: Any) -> Any:
        return data_.publik(data)

    def sidor(self, korpus, variant: str) -> list[Sida]:
        data = _data(korpus, variant)
        sidor = sidor_.sidor(korpus, data, variant == PUBLIK)
        sidor += [protokoll.webbsida(korpus, m) for m in data.möten if m.protokoll is not None]
        return sidor + anslagstavla.sidor(korpus, data)

    def filer(self, korpus, variant: str) -> dict[str, bytes]:
        data = _data(korpus, variant)
        filer: dict[str, Any] = kalendrar.kalenderfiler(
            korpus, data, sidor_.per_organ(korpus, data), sidor_.ÅRSHJULSKALENDER
        )
        filer[anslagstavla.FLÖDE] = anslagstavla.flöde(korpus, data)
        filer[anslagstavla.KALENDER] = anslagstavla.kalender(korpus, data)
        for poster in kallelse_.filunderlag(korpus, data).values():
            for väg, källa in poster:
                filer[väg] = källa.read_bytes()
        return filer

    def startlänkar(self, korpus, variant: str) -> list[str]:
        return [
            f"- [Anslagstavla]({anslagstavla.INDEX}): kommunens officiella anslagstavla med "
            "justerade protokoll, kungörelser och delegationsbeslut"
        ]

    def nav(self, korpus, variant: str) -> list[dict[str, str]]:
        data = _data(korpus, variant)
        nav = [{"Anslagstavla": anslagstavla.INDEX}, {"Sammanträden": sidor_.INDEX}]
        if data.årshjul:
            nav.append({data.årshjul_titel: sidor_.ÅRSHJULSSIDA})
        return nav

    def leveranser(self, korpus, variant: str) -> list[Leverans]:
        data = _data(korpus, variant)
        return kallelse_.leveranser(korpus, data) + protokoll.leveranser(korpus, data)

    def protokollänk(self, korpus, beslut) -> str | None:
        """The protokoll page's anchor for a decision matched to a paragraf (``ladda``)."""
        return korpus.härlett("protokollänkar", lambda: _protokollänkar(korpus)).get(
            (beslut.dokument, beslut.organ, beslut.datum, beslut.paragraf)
        )

    def kommandon(self) -> list[Kommando]:
        return KOMMANDON

    def samlingsfiler(self, korpus, variant: str) -> dict[str, list[str]]:
        """Plain-file beslutsunderlag (already in the site through ``filer``) that belong in
        each samling's zip: samling path → site paths."""
        return {
            s: [väg for väg, _ in poster]
            for s, poster in kallelse_.filunderlag(korpus, _data(korpus, variant)).items()
        }


def _protokollänkar(korpus) -> dict[tuple, str]:
    """(document, organ, day, paragraf) → the paragraf's place on its protokoll page."""
    data = korpus.data.get(NAMN) or data_.Sammanträdesdata()
    return {
        (dok, m.organ, m.datum, str(ä.paragraf)): (
            f"{protokoll.protokollsida(m)}#{protokoll.ankare(ä.paragraf)}"
        )
        for m in data.möten
        if m.protokoll is not None
        for ä in m.ärenden
        if ä.paragraf is not None
        for dok in ä.beslutat_dokument
    }


def _data(korpus, variant: str) -> data_.Sammanträdesdata:
    """This kind's data for one site variant, always one of the published versions: a
    sekretess ärende must never depend on the caller handing over the right korpus."""
    data = korpus.data.get(NAMN) or data_.Sammanträdesdata()
    return data_.publik(data) if variant == PUBLIK else data_.intern(data)


agenda = kallelse_.agenda
"""``styrdok agenda ORGAN DATUM [--offentlig]``: the full kallelse (or the public one) in
every document format."""


def _agenda_argument(p) -> None:
    p.add_argument("organ", help="organets id ur kommun.yml, t.ex. ks")
    p.add_argument("datum", help="sammanträdets datum, ÅÅÅÅ-MM-DD")
    p.add_argument(
        "-o", "--ut", type=Path, default=None, help="mapp att skriva till (standard: build/agenda/)"
    )
    p.add_argument(
        "--offentlig",
        action="store_true",
        help="den offentliga versionen, som på webbplatsen: ärenden som omfattas av sekretess "
        "visas bara med sitt nummer, och underlag som bara finns på intranätet saknas "
        "(standard: den fullständiga kallelsen till ledamöterna)",
    )


def _agenda(args, delar: Delar) -> int:
    rot = Path(args.katalog).resolve()
    for fil in agenda(delar, rot, args.organ, args.datum, args.ut, args.offentlig):
        args.meddela(f"skapade {fil}")
    return 0


def _protokoll_argument(p) -> None:
    _agenda_argument(p)
    p.add_argument(
        "--paragraf",
        type=int,
        default=None,
        metavar="N",
        help="bara ett utdrag: paragrafen N med utdragsbestyrkande (standard: hela protokollet)",
    )
    for a in p._actions:
        if a.dest == "ut":
            a.help = "mapp att skriva till (standard: build/protokoll/)"
        if a.dest == "offentlig":
            a.help = (
                "den offentliga versionen, som på webbplatsen: paragrafer som omfattas av "
                "sekretess visas bara med sitt nummer (standard: det fullständiga protokollet)"
            )


def _protokoll(args, delar: Delar) -> int:
    rot = Path(args.katalog).resolve()
    for fil in protokoll.skapa(
        delar, rot, args.organ, args.datum, args.paragraf, args.ut, args.offentlig
    ):
        args.meddela(f"skapade {fil}")
    return 0


KOMMANDON = [
    Kommando(
        "agenda",
        "skapa kallelse med föredragningslista (Word och PDF) för ett sammanträde",
        "  styrdok agenda ks 2026-12-08\n  styrdok agenda kf 2026-11-26 -o utskick/\n"
        "  styrdok agenda son 2026-12-03 --offentlig",
        _agenda_argument,
        _agenda,
    ),
    Kommando(
        "protokoll",
        "skapa det justerade protokollet (Word och PDF) för ett sammanträde, eller ett utdrag",
        "  styrdok protokoll ks 2026-11-10\n  styrdok protokoll ks 2026-11-10 --paragraf 144\n"
        "  styrdok protokoll ks 2026-11-10 --offentlig",
        _protokoll_argument,
        _protokoll,
    ),
]


SLAG = Sammanträden(namn=NAMN, kommunmodell=KommunSammanträden)
