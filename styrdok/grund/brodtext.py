"""Checks of a document's Markdown body: raw HTML and unsafe links are errors.

We reject rather than silently strip: a registrator who pasted ``<iframe>`` from an
old web page should learn at which line, not find the content quietly gone. A few
harmless inline tags are allowed. Every generated HTML page is sanitized again on
output (``mkdocs_adapter.on_page_content``), as defence in depth.
"""

from __future__ import annotations

import re
from pathlib import Path

from styrdok.grund.diagnostik import Rapport
from styrdok.grund.kallfil import Källfil
from styrdok.grund.sokvag import MAX_TECKEN, hitta_fil, sökvägsproblem

TILLÅTNA_TAGGAR = frozenset({"br", "sup", "sub", "abbr", "kbd", "mark", "small", "s", "u"})
_TAGG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)([^<>]*)>|<!--")
_LÄNK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?[^)]*\)")
_FARLIGA_SCHEMAN = ("javascript:", "vbscript:", "data:", "file:")
MAX_LÄNK = 2 * MAX_TECKEN
"""Web addresses may be longer than file paths, but not without end."""
_KODSTAKET = re.compile(r"^\s{0,3}(```|~~~)")
_KODSPANN = re.compile(r"(`+)(.+?)\1")


def granska(källa: Källfil, rapport: Rapport, innehållsrot: Path) -> None:
    """Report raw HTML, dangerous links and images that do not resolve inside content/."""
    i_kod = False
    for nr, rad in enumerate(källa.brödtext.split("\n")):
        radnr = källa.brödtext_rad + nr
        if _KODSTAKET.match(rad):
            i_kod = not i_kod
            continue
        if i_kod or rad.startswith(("    ", "\t")) or ("<" not in rad and "](" not in rad):
            continue  # most lines hold neither a tag nor a link: skip the regexes
        synlig = _KODSPANN.sub(lambda m: " " * len(m.group(0)), rad) if "`" in rad else rad
        if "<" in synlig:
            _html(synlig, radnr, källa, rapport)
        if "](" in synlig:
            _länkar(synlig, radnr, källa, rapport, innehållsrot)


def _html(rad: str, radnr: int, källa: Källfil, rapport: Rapport) -> None:
    for träff in _TAGG.finditer(rad):
        if träff.group(0) == "<!--":
            rapport.fel(
                källa.visningsnamn,
                radnr,
                träff.start() + 1,
                "HTML-kommentarer är inte tillåtna i texten; ta bort <!-- ... -->",
            )
            continue
        tagg = träff.group(2).lower()
        attribut = träff.group(3)
        if träff.group(1):  # a closing tag: its opening tag has been reported already
            continue
        if tagg in TILLÅTNA_TAGGAR and "=" not in attribut:
            continue
        if tagg.startswith(("http", "mailto")):  # an autolink <https://...>
            continue
        rapport.fel(
            källa.visningsnamn,
            radnr,
            träff.start() + 1,
            f"rå HTML (<{tagg}>) är inte tillåten i texten; skriv det i Markdown i stället"
            f" (tillåtna taggar utan attribut: {', '.join(sorted(TILLÅTNA_TAGGAR))})",
        )


def _länkar(rad: str, radnr: int, källa: Källfil, rapport: Rapport, innehållsrot: Path) -> None:
    for träff in _LÄNK.finditer(rad):
        bild, mål = träff.group(1) == "!", träff.group(3)
        if problem := sökvägsproblem(mål, MAX_LÄNK):
            rapport.fel(
                källa.visningsnamn,
                radnr,
                träff.start(3) + 1,
                f"{'bildens sökväg' if bild else 'länken'} {problem}",
            )
        elif mål.lower().replace(" ", "").startswith(_FARLIGA_SCHEMAN):
            rapport.fel(
                källa.visningsnamn,
                radnr,
                träff.start(3) + 1,
                f"länken {mål.split(':')[0]}: är inte tillåten; länka till en webbadress (https://) eller ett dokument",
            )
        elif bild and not re.match(r"^[a-z]+://", mål):
            _bild(mål, radnr, träff.start(3) + 1, källa, rapport, innehållsrot)


def _bild(
    mål: str, radnr: int, kolumn: int, källa: Källfil, rapport: Rapport, innehållsrot: Path
) -> None:
    if hitta_fil(innehållsrot, mål, (källa.sökväg.parent,)) is None:
        rapport.fel(
            källa.visningsnamn,
            radnr,
            kolumn,
            f"bilden {mål} finns inte, eller ligger utanför content/; lägg bilden under content/ "
            "och ange en relativ sökväg",
        )
