"""From what the Word file states (:class:`~.huvud.Uppgift`) to front-matter values, each
with where it came from. Every value is read as the model takes it, organs and document
types are matched to kommun.yml; what cannot be mapped is quoted for the report, and a
required key that is still missing gets a ``FYLL I`` placeholder, so that ``styrdok check``
points at its line until a person has filled it in.

When several places state the same key, the best source wins (the document's own
metadata over its page header, over the file's properties, over a guess); the others are
named in the report when they disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from styrdok.grund.platshallare import platshållare
from styrdok.slag.styrdokument.importera import etiketter, varden
from styrdok.slag.styrdokument.importera.huvud import Uppgift
from styrdok.slag.styrdokument.importera.revideringar import Revideringar
from styrdok.slag.styrdokument.importera.varden import Kommunregister

ORDNING = (
    "titel", "dokumenttyp", "beslutsinstans", "beslutsdatum", "paragraf", "diarienummer",
    "dokumentansvarig", "samråd", "gäller_för", "giltig_till", "ikraftträdande",
    "nästa_översyn", "revideringar", "kfs", "kategori", "ersätter", "upphäver", "ändrar",
    "sammanfattning",
)  # fmt: skip
_BESLUTSNYCKLAR = ("beslutsinstans", etiketter.BESLUT, "beslutsdatum", etiketter.DATUM, "paragraf")
_DATUMNYCKLAR = ("giltig_till", "ikraftträdande", "nästa_översyn")
GISSNING = 90


@dataclass
class Kandidat:
    nyckel: str
    värde: Any
    källa: str
    prioritet: int
    kommentar: str = ""


@dataclass
class Framsida:
    värden: dict[str, Any] = field(default_factory=dict)
    källor: dict[str, str] = field(default_factory=dict)
    kommentarer: dict[str, str] = field(default_factory=dict)
    okartlagt: list[str] = field(default_factory=list)
    """Quoted values that could not be carried over, with why."""
    borttaget: list[str] = field(default_factory=list)
    avvikande: list[str] = field(default_factory=list)
    platshållare: list[str] = field(default_factory=list)


@dataclass
class _Bygge:
    kommun: Kommunregister
    kandidater: list[Kandidat] = field(default_factory=list)
    förslag: dict[str, str] = field(default_factory=dict)
    """key → what the Word file said, for the placeholder ("i Word-filen: »Regel«")."""
    ut: Framsida = field(default_factory=Framsida)

    def föreslå(self, nyckel: str, värde: Any, källa: str, prioritet: int, kommentar: str = ""):
        self.kandidater.append(Kandidat(nyckel, värde, källa, prioritet, kommentar))

    def okänt(self, u: Uppgift, varför: str, nyckel: str | None = None) -> None:
        self.ut.okartlagt.append(f"»{u.citat}« ({u.källa}): {varför}")
        if nyckel and nyckel not in self.förslag:
            förslag = re.search(r"menade du [^?]+\?", varför)
            self.förslag[nyckel] = f"i Word-filen: »{' '.join(u.värde.split())[:80]}«" + (
                f" ({förslag[0]})" if förslag else ""
            )


def bygg(
    uppgifter: list[Uppgift],
    titel: tuple[str, str],
    revideringar: Revideringar,
    kommun: Kommunregister,
    kfs: tuple[str, str, str] | None,
) -> Framsida:
    """``titel`` is (text, source); ``kfs`` is (written, number, source) when the title or
    cover names one."""
    b = _Bygge(kommun)
    b.föreslå("titel", titel[0], titel[1], 0)
    if kfs is not None:
        b.föreslå("kfs", kfs[1], f"{kfs[2]}: »{kfs[0]}«", 5)
    for u in sorted(uppgifter, key=lambda u: u.prioritet):
        if varden.är_tomt(u.värde):
            continue
        _uppgift(b, u, u.prioritet * 10, f"{u.källa}: »{u.citat}«")
    if revideringar.poster:
        b.föreslå("revideringar", revideringar.poster, "revideringstabellen", -1)
    for post in revideringar.ursprung:
        källa = f"revideringstabellen: »{post['citat']}«"
        b.föreslå("beslutsdatum", post["datum"], källa, 60)
        if "beslutsinstans" in post:
            b.föreslå("beslutsinstans", post["beslutsinstans"], källa, 60)
        if "paragraf" in post:
            b.föreslå("paragraf", post["paragraf"], källa, 60)
    for citat, varför in revideringar.problem:
        b.ut.okartlagt.append(f"»{citat}« (revideringstabellen): {varför}")
    if not any(k.nyckel == "dokumenttyp" for k in b.kandidater):
        if (typ := varden.typ_ur_titel(titel[0], kommun.typer)) is None:
            pass
        elif "dokumenttyp" in b.förslag:  # the file names a type kommun.yml does not have
            b.förslag["dokumenttyp"] += f"; titeln tyder på {typ}"
        else:
            b.föreslå(
                "dokumenttyp",
                typ,
                f"titeln »{titel[0]}«",
                GISSNING,
                "gissad ur titeln; kontrollera",
            )
    if titel[1] == "filnamnet":
        b.kandidater[0].kommentar = "ur filnamnet; kontrollera"
    _välj(b)
    _platshållare(b)
    return b.ut


def _uppgift(b: _Bygge, u: Uppgift, prio: int, källa: str) -> None:
    n, värde, kommun = u.nyckel, u.värde, b.kommun
    if n == etiketter.INGEN:
        b.ut.borttaget.append(f"»{u.citat}« ({u.källa}): styrdok har ingen nyckel för det")
    elif n in ("titel", "diarienummer", "dokumentansvarig", "sammanfattning"):
        b.föreslå(n, varden.städa(värde), källa, prio)
    elif n == "dokumenttyp":
        träff = varden.slå_upp(värde, kommun.typer)
        if träff is not None and träff.exakt:
            b.föreslå(n, träff.id, källa, prio)
        elif u.prioritet < 4:  # the file's subject and category are often something else
            b.okänt(u, _saknas("dokumenttypen", värde, träff, kommun.typer), n)
    elif n in _BESLUTSNYCKLAR:
        _beslut(b, u, prio, källa)
    elif n == "gäller_för":
        b.föreslå(n, varden.gäller_för(värde, kommun.organ), källa, prio)
    elif n in _DATUMNYCKLAR:
        if (dag := varden.ett_datum(värde)) is not None:
            b.föreslå(n, dag, källa, prio)
        elif n == "giltig_till" and varden.TILLSVIDARE.match(värde):
            b.ut.borttaget.append(
                f"»{u.citat}« ({u.källa}): gäller tills vidare, så giltig_till behövs inte"
            )
        else:
            b.okänt(u, "kunde inte läsas som ett datum ÅÅÅÅ-MM-DD", n)
    elif n == "revideringar":
        if poster := _revideringar(värde, kommun):
            b.föreslå(n, poster, källa, prio)
        else:
            b.okänt(u, "inget datum att läsa som revidering")
    elif n == "samråd":
        _samråd(b, u, prio, källa)
    elif n == "kfs":
        if träff := varden.kfs_i(värde, kommun.kfs_prefix):
            b.föreslå(n, träff[1], källa, prio)
        elif träff := re.fullmatch(r"\s*(\d{4})\s*:\s*(\d+)\s*", värde):
            b.föreslå(n, f"{träff[1]}:{int(träff[2])}", källa, prio)
        else:
            b.okänt(u, f"inget KFS-nummer med kommunens prefix {kommun.kfs_prefix} (ÅÅÅÅ:N)")
    elif n == "kategori":
        kategorier = {i: {"namn": t} for i, t in kommun.kategorier.items()}
        träff = varden.slå_upp(värde, kategorier)
        if träff is not None and träff.exakt:
            b.föreslå(n, träff.id, källa, prio)
        else:
            b.okänt(u, _saknas("kategorin", värde, träff, kategorier), n)
    elif n in ("ersätter", "upphäver", "ändrar"):
        nummer = [f"{t[2]}:{int(t[3])}" for t in varden.KFS.finditer(värde) if t[1] != "SFS"]
        if nummer:
            b.föreslå(n, nummer, källa, prio)
        else:
            b.okänt(
                u,
                f"kan inte knytas till ett dokument; skriv {n}: med dokumentets id eller KFS-nummer",
            )


def _beslut(b: _Bygge, u: Uppgift, prio: int, källa: str) -> None:
    """Organ, date and § from one value; the label's own key first, the rest as a second
    choice (``Beslutsdatum: 2021-04-29 § 60`` also gives the §)."""
    n, värde = u.nyckel, u.värde
    beslut = varden.beslut(värde, b.kommun.organ)
    if n == "paragraf":
        beslut.paragraf = varden.paragraf_i(värde, ensam=True) or beslut.paragraf
        beslut.organ = None if beslut.organ is None or not beslut.organ.exakt else beslut.organ
    egen = {
        "beslutsinstans": "beslutsinstans",
        "beslutsdatum": "beslutsdatum",
        "paragraf": "paragraf",
    }.get(n)

    def prio_för(nyckel: str) -> int:
        if n == etiketter.DATUM:
            return 55 + prio
        return prio + (0 if egen == nyckel else 5)

    if beslut.organ is not None and beslut.organ.exakt:
        b.föreslå("beslutsinstans", beslut.organ.id, källa, prio_för("beslutsinstans"))
    elif beslut.organtext and n in ("beslutsinstans", etiketter.BESLUT):
        b.okänt(
            u, _saknas("organet", beslut.organtext, beslut.organ, b.kommun.organ), "beslutsinstans"
        )
    if beslut.datum is not None:
        b.föreslå("beslutsdatum", beslut.datum, källa, prio_för("beslutsdatum"))
    elif n == "beslutsdatum":
        månad = varden.månad_i(värde)
        varför = (
            f"bara månaden ({månad[0][0].isoformat()}) är känd; beslutsdatum måste vara en dag"
            if månad
            else "kunde inte läsas som ett datum ÅÅÅÅ-MM-DD"
        )
        b.okänt(u, varför, "beslutsdatum")
    if beslut.paragraf is not None:
        b.föreslå("paragraf", beslut.paragraf, källa, prio_för("paragraf"))
    elif n == "paragraf":
        b.okänt(u, "ingen paragraf (§) att läsa, t.ex. § 60", "paragraf")
    if beslut.diarienummer:
        b.föreslå("diarienummer", beslut.diarienummer, källa, prio + 5)


def _revideringar(värde: str, kommun: Kommunregister) -> list[dict]:
    """``2019-05-01 § 12, KF 2021-03-04 § 30`` → one revision per date."""
    funna = sorted(varden.datum_i(värde) + varden.månad_i(värde), key=lambda f: f[1])
    funna = [f for i, f in enumerate(funna) if not any(g[1] <= f[1] < g[2] for g in funna[:i])]
    poster = []
    for i, (dag, start, slut) in enumerate(funna):
        bit = värde[slut : funna[i + 1][1] if i + 1 < len(funna) else len(värde)]
        före = värde[funna[i - 1][2] if i else 0 : start]
        post: dict = {"datum": dag}
        beslut = varden.beslut(före + " " + bit, kommun.organ)
        if beslut.organ is not None and beslut.organ.exakt:
            post["beslutsinstans"] = beslut.organ.id
        if beslut.paragraf:
            post["paragraf"] = beslut.paragraf
        poster.append(post)
    return poster


def _samråd(b: _Bygge, u: Uppgift, prio: int, källa: str) -> None:
    ids = []
    for del_ in re.split(r"\s*[,;]\s*|\s+(?:och|samt)\s+(?=[A-ZÅÄÖ])", varden.städa(u.värde)):
        träff = varden.slå_upp(del_, b.kommun.organ) if del_ else None
        if träff is not None and träff.exakt:
            ids.append(träff.id)
        elif del_:
            b.okänt(u, _saknas("organet", del_, träff, b.kommun.organ))
    if ids:
        b.föreslå("samråd", list(dict.fromkeys(ids)), källa, prio)


def _saknas(vad: str, värde: str, träff, register: dict) -> str:
    text = f"{vad} »{varden.städa(värde)}« finns inte i kommun.yml"
    if träff is not None:
        return text + f"; menade du {träff.id} ({register[träff.id].get('namn', träff.id)})?"
    if len(register) <= 16:
        return text + f" (finns: {', '.join(register)})"
    return text


def _välj(b: _Bygge) -> None:
    bästa: dict[str, Kandidat] = {}
    for k in sorted(b.kandidater, key=lambda k: k.prioritet):
        if k.nyckel not in bästa:
            bästa[k.nyckel] = k
        elif _jämförbart(k.värde) != _jämförbart(bästa[k.nyckel].värde) and k.prioritet < GISSNING:
            b.ut.avvikande.append(
                f"{k.nyckel}: {k.källa} (inte använt; {bästa[k.nyckel].källa.split(':')[0]} gick före)"
            )
    for nyckel in ORDNING:
        if nyckel in bästa:
            k = bästa[nyckel]
            b.ut.värden[nyckel] = k.värde
            b.ut.källor[nyckel] = k.källa
            if k.kommentar:
                b.ut.kommentarer[nyckel] = k.kommentar


def _jämförbart(värde: Any) -> str:
    return " ".join(str(värde).lower().split())


def _platshållare(b: _Bygge) -> None:
    v, kommun = b.ut.värden, b.kommun
    typ, organ = v.get("dokumenttyp"), v.get("beslutsinstans")
    tillåtna = kommun.typer.get(typ, {}).get("beslutas_av") if isinstance(typ, str) else None
    organen = ", ".join(
        str(r.get("organ") if isinstance(r, dict) else r)
        for r in (tillåtna if isinstance(tillåtna, list) else [])
    )
    krav = {
        "dokumenttyp": f"en dokumenttyp ur kommun.yml ({', '.join(kommun.typer)})",
        "beslutsinstans": "organet som beslutade, ett id ur kommun.yml"
        + (f" ({organen})" if organen else ""),
        "beslutsdatum": "dagen för beslutet, ÅÅÅÅ-MM-DD",
        "dokumentansvarig": "rollen som håller dokumentet aktuellt, t.ex. Ekonomichef",
    }
    if organ is None or (isinstance(organ, str) and kommun.protokollför(organ)):
        krav["paragraf"] = "paragrafen (§) i protokollet"
    if isinstance(typ, str) and kommun.begränsad(typ):
        krav["giltig_till"] = (
            "sista giltighetsdag, ÅÅÅÅ-MM-DD (dokumenttypen gäller en begränsad tid)"
        )
    if "kfs" in v:
        krav["kategori"] = f"författningssamlingens kategori ({', '.join(kommun.kategorier)})"
    for nyckel, text in krav.items():
        if nyckel in v:
            continue
        if nyckel == "paragraf" and organ is None and "paragraf" not in b.förslag:
            continue  # whether a § is needed depends on the organ a person fills in
        tillägg = f"; {b.förslag[nyckel]}" if nyckel in b.förslag else ""
        v[nyckel] = platshållare(text + tillägg)
        b.ut.källor[nyckel] = "hittades inte: platshållare FYLL I"
        b.ut.platshållare.append(nyckel)
    b.ut.värden = {n: v[n] for n in ORDNING if n in v}
