"""Small helpers shared by kvalitetsgarantier and målstyrning: reading a folder of
sources, reporting at a value's position, numbers written the Swedish way, and the
coloured labels (colour + symbol + text) both kinds show."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from ..diagnostics import Rapport
from ..kallfil import Källfil, Sökväg
from ..korpus import Korpus, källfiler_utan_namnfel, visningsnamn
from ..modellfel import föreslå

ID_MÖNSTER = r"^[a-z0-9][a-z0-9_-]*$"


def filer(korpus: Korpus, mapp: Path, ändelser: tuple[str, ...], rapport: Rapport) -> list[Path]:
    """Source files under ``mapp`` in a stable order; hidden files are skipped, bad names reported."""
    return källfiler_utan_namnfel(korpus, mapp, ändelser, rapport)


def namn(korpus: Korpus, fil: Path) -> str:
    return visningsnamn(korpus.rot, fil)


def fel(
    rapport: Rapport, källa: Källfil, sökväg: Sökväg, meddelande: str, nyckel: bool = False
) -> None:
    rad, kol = källa.positioner.nyckel(sökväg) if nyckel else källa.positioner.värde(sökväg)
    rapport.fel(källa.visningsnamn, rad, kol, meddelande)


def varning(rapport: Rapport, källa: Källfil, sökväg: Sökväg, meddelande: str) -> None:
    rad, kol = källa.positioner.värde(sökväg)
    rapport.varning(källa.visningsnamn, rad, kol, meddelande)


def menade_du(ord_: str, kandidater) -> str:
    förslag = föreslå(ord_, list(kandidater))
    return f"; menade du {förslag}?" if förslag else ""


_NEUTRUM = {"löfte", "mål", "åtagande", "nämndmål", "organ"}


def okänd(vad: str, värde: str, kandidater) -> str:
    """``okänd verksamhet hemtjänst; menade du hemtjanst?`` (or the list when short)."""
    adjektiv = "okänt" if vad in _NEUTRUM else "okänd"
    text = f"{adjektiv} {vad} {värde}{menade_du(värde, kandidater)}"
    if "menade du" not in text and 0 < len(kandidater) <= 12:
        text += f" (finns: {', '.join(sorted(kandidater))})"
    return text


# --- numbers ---------------------------------------------------------------------

_TAL = re.compile(r"^[-+]?\d+([.,]\d+)?$")


def till_tal(värde: Any) -> Any:
    """Accept 78.5, 78 and the Swedish 78,5; refuse anything else with a Swedish reason."""
    if isinstance(värde, bool) or värde is None:
        raise ValueError(f"ska vara ett tal, t.ex. 78,5, inte {_beskriv(värde)}")
    if isinstance(värde, (int, float)):
        return float(värde)
    if isinstance(värde, str):
        text = värde.strip().replace("\u00a0", "").replace(" ", "").replace("−", "-")
        if _TAL.match(text):
            return float(text.replace(",", "."))
    raise ValueError(f"ska vara ett tal, t.ex. 78,5, inte {_beskriv(värde)}")


def _beskriv(värde: Any) -> str:
    if värde is None:
        return "ett tomt värde"
    if isinstance(värde, bool):
        return "ja/nej"
    if isinstance(värde, (dict, list)):
        return "en lista eller nycklar"
    return repr(värde)


def visa_tal(tal: float | None, enhet: str = "") -> str:
    """78.5 → ``78,5``; whole numbers without decimals; a non-breaking space before the unit."""
    if tal is None:
        return "–"
    text = f"{tal:.1f}".rstrip("0").rstrip(".") if tal != int(tal) else str(int(tal))
    text = text.replace(".", ",").replace("-", "−")
    return f"{text}\u00a0{enhet}" if enhet else text


# --- labels ----------------------------------------------------------------------


def etikett(klass: str, symbol: str, text: str) -> str:
    """A status label for web pages: colour comes from CSS, the meaning from symbol and text."""
    return (
        f'<span class="styrdok-etikett styrdok-etikett--{html.escape(klass)}">'
        f'<span aria-hidden="true">{html.escape(symbol)}</span> {html.escape(text)}</span>'
    )


def html_tabell(
    rubrik: str, kolumner: list[str], rader: list[list[str]], klass: str = "styrdok-data"
) -> str:
    """A table with a caption and row headers (first column), all text escaped."""
    huvud = "".join(f'<th scope="col">{html.escape(k)}</th>' for k in kolumner)
    kropp = "".join(
        "<tr>"
        + f'<th scope="row">{html.escape(r[0])}</th>'
        + "".join(f"<td>{html.escape(c)}</td>" for c in r[1:])
        + "</tr>"
        for r in rader
    )
    return (
        f'<table class="{klass}"><caption>{html.escape(rubrik)}</caption>'
        f"<thead><tr>{huvud}</tr></thead><tbody>{kropp}</tbody></table>\n"
    )
