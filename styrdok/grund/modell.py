"""The building blocks of every source model: the strict base class and the value types
that accept what people write (``paragraf: 60``, ``ersätter: EKFS 2019:2``, ``§ 60``).

What a string field is decides how it is published, so the type says it:

* :data:`Text` is plain text, shown exactly as written (``grund.text.md`` escapes it);
* :data:`Markdown` is Markdown, checked like a body (``grund.brodtext``);
* :data:`Id` is a key that becomes part of a path or URL (an organ, a kategori ...);
* :data:`Ref` names something else (an organ id, a document, a file), :data:`Lista` a list of them;
* :data:`Url`, :data:`Epost` and :data:`Datum` are checked for their form and range.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator


class Modell(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=False, use_attribute_docstrings=True
    )


def _som_lista(värde: Any) -> Any:
    """Let a single value stand for a one-element list (``ersätter: EKFS 2019:2``)."""
    if värde is None:
        return []
    if isinstance(värde, (str, int)):
        return [värde]
    return värde


def _som_text(värde: Any) -> Any:
    """Accept numbers where text is meant (``paragraf: 60``, ``diarienummer: 123``)."""
    if isinstance(värde, bool):
        return värde
    if isinstance(värde, (int, float)):
        return str(värde)
    return värde


def _ja_nej(värde: Any) -> Any:
    """People write ja/nej as often as true/false (YAML itself knows only the latter)."""
    if isinstance(värde, bool):
        return värde
    if isinstance(värde, str) and värde.strip().lower() in ("ja", "nej"):
        return värde.strip().lower() == "ja"
    if värde is None:
        raise ValueError("saknar värde; skriv ja eller nej")
    raise ValueError(f"ska vara ja eller nej, inte {str(värde)!r}")


JaNej = Annotated[bool, BeforeValidator(_ja_nej)]
"""ja or nej (or true/false)."""


def _paragraf(värde: Any) -> Any:
    värde = _som_text(värde)
    if isinstance(värde, str):
        värde = värde.strip().removeprefix("§").strip()
    return värde


Text = Annotated[str, BeforeValidator(_som_text), Field(min_length=1)]


class RefFält:
    """Marks a field that names something else: an id, a document, a file (see :data:`Ref`)."""


Ref = Annotated[str, BeforeValidator(_som_text), Field(min_length=1), RefFält()]
"""A value that names something (an organ id, a document id or KFS number, a file): checked
against what exists, never shown as text of its own."""


Lista = Annotated[list[Ref], BeforeValidator(_som_lista)]


Paragraf = Annotated[str, BeforeValidator(_paragraf), Field(pattern=r"^\d+[a-z]?$")]


ID_MÖNSTER = r"^[a-z0-9][a-z0-9_-]*$"
_ID = re.compile(ID_MÖNSTER)


class MarkdownFält:
    """Marks a field as Markdown (see :data:`Markdown`)."""


Markdown = Annotated[str, BeforeValidator(_som_text), Field(min_length=1), MarkdownFält()]


def markdownfält(instans: BaseModel, sökväg: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(key path, text) of every :data:`Markdown` value in a validated model, nested ones too."""
    for namn, fält in type(instans).model_fields.items():
        värde = getattr(instans, namn)
        if värde is None:
            continue
        if _märkt(fält.annotation, fält.metadata) and isinstance(värde, str):
            yield sökväg + (namn,), värde
        elif isinstance(värde, BaseModel):
            yield from markdownfält(värde, sökväg + (namn,))
        elif isinstance(värde, (list, tuple)):
            for i, v in enumerate(värde):
                if isinstance(v, BaseModel):
                    yield from markdownfält(v, sökväg + (namn, i))
        elif isinstance(värde, dict):
            for k, v in värde.items():
                if isinstance(v, BaseModel):
                    yield from markdownfält(v, sökväg + (namn, k))


def _märkt(annotation: Any, metadata: list | tuple) -> bool:
    """Whether a field's type is :data:`Markdown`, also inside ``Markdown | None``."""
    if any(isinstance(m, MarkdownFält) for m in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return _märkt(typing.get_args(annotation)[0], annotation.__metadata__)
    return any(_märkt(a, ()) for a in typing.get_args(annotation) if a is not type(None))


def id_förslag(text: str) -> str:
    """What ``text`` could be as an id: ``Kommunfullmäktige`` → ``kommunfullmaktige``."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9_]+", "-", ascii_).strip("-_") or "id"


RESERVERADE_ID = frozenset({"index"})
"""Ids no source may take: ``index`` is the address of a folder's overview page, so
``x/index`` and ``x`` would be one page."""


def id_problem(värde: str) -> str | None:
    """Why ``värde`` cannot be an id (a part of a page's path or address), or None. The one
    rule for every id: keys in kommun.yml, goal and indikator ids, source file names."""
    if not _ID.match(värde):
        return (
            f"{värde!r} blir en del av en webbadress och får bara innehålla små bokstäver a–z, "
            f"siffror, - och _; skriv t.ex. {id_förslag(värde)}"
        )
    if värde in RESERVERADE_ID:
        return (
            f"{värde!r} är reserverat: det är adressen till en mapps översiktssida; välj ett "
            "annat namn"
        )
    return None


def _id(värde: str) -> str:
    if (problem := id_problem(värde)) is not None:
        raise ValueError(problem)
    return värde


Id = Annotated[str, BeforeValidator(_som_text), AfterValidator(_id)]


def _url(värde: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"'`\\]+", värde):
        raise ValueError(
            f"{värde!r} är ingen webbadress; skriv den hel, t.ex. https://www.kommun.se/"
        )
    return värde


Url = Annotated[str, AfterValidator(_url)]


def _epost(värde: str) -> str:
    if not re.fullmatch(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[a-zA-Z]{2,}", värde):
        raise ValueError(f"{värde!r} är ingen e-postadress; skriv t.ex. kontakt@kommun.se")
    return värde


Epost = Annotated[str, AfterValidator(_epost)]

FÖRSTA_ÅRET, SISTA_ÅRET = 1900, 2199


def _datum(värde: dt.date) -> dt.date:
    if not FÖRSTA_ÅRET <= värde.year <= SISTA_ÅRET:
        raise ValueError(
            f"{värde.isoformat()} ligger utanför de år styrdok hanterar ({FÖRSTA_ÅRET}–{SISTA_ÅRET})"
        )
    return värde


Datum = Annotated[dt.date, AfterValidator(_datum)]


def år_senare(dag: dt.date, år: int) -> dt.date:
    """The same day ``år`` years later; 29 February becomes 28 February in a common year."""
    try:
        return dag.replace(year=dag.year + år)
    except ValueError:
        return dag.replace(year=dag.year + år, day=28)


MÅNADSNAMN = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


class Månad(dt.date):
    """A date known only to the month (``2020-06``, ``juni 2020``), as older decisions and
    årshjul often give them. It compares and sorts as the month's first day and is written
    ``2020-06``; :attr:`sista` is the month's last day."""

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"Månad({self.year}, {self.month})"

    def __reduce__(self):
        return (Månad, (self.year, self.month, 1))

    @property
    def text(self) -> str:
        return f"{MÅNADSNAMN[self.month - 1]} {self.year}"

    @property
    def första(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    # Arithmetic and replace give plain dates: a day counted from a month is a day.
    def __add__(self, other):
        return self.första + other

    __radd__ = __add__

    def __sub__(self, other):
        return self.första - other

    def replace(self, *args, **kwargs) -> dt.date:
        return self.första.replace(*args, **kwargs)

    @property
    def sista(self) -> dt.date:
        nästa = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return nästa - dt.timedelta(days=1)


_MÅNAD_SIFFROR = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_MÅNAD_ORD = re.compile(r"^\s*([A-Za-zåäöÅÄÖ]+)\s+(\d{4})\s*$")


def _datum_eller_månad(värde: Any) -> dt.date:
    if isinstance(värde, dt.datetime):
        värde = värde.date()
    if isinstance(värde, dt.date):
        return _datum(värde)
    if isinstance(värde, str):
        if träff := _MÅNAD_SIFFROR.match(värde):
            år, månad = int(träff[1]), int(träff[2])
        elif (träff := _MÅNAD_ORD.match(värde)) and träff[1].lower() in MÅNADSNAMN:
            år, månad = int(träff[2]), MÅNADSNAMN.index(träff[1].lower()) + 1
        else:
            år = månad = 0
        if 1 <= månad <= 12:
            return _datum(Månad(år, månad, 1))
    raise ValueError(
        f"{värde!r} är inget datum; skriv ÅÅÅÅ-MM-DD, eller bara månaden som ÅÅÅÅ-MM "
        "(t.ex. 2020-06) eller juni 2020"
    )


DatumEllerMånad = Annotated[dt.date, PlainValidator(_datum_eller_månad)]
"""A :data:`Datum`, or a :class:`Månad` where only the month is known."""
