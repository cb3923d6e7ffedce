"""The kommun's colour (``färg`` in kommun.yml): its form, its contrast against white as WCAG
2.1 computes it, and shades of it. The colour is the site header's background behind white
text and the links' colour on a white page, so both need 4.5:1 against white (WCAG 1.4.3,
level AA); a colour that fails gets a darker shade of the same hue suggested."""

from __future__ import annotations

import colorsys
import math
import re
from typing import Any

KRAV = 4.5
"""WCAG 2.1 AA, 1.4.3: the least contrast of normal text against its background."""
VIT = "#ffffff"

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def läs(värde: Any) -> str:
    """``#1F5F8B``, ``1f5f8b`` or ``#15b`` → ``#1f5f8b`` / ``#1155bb``; anything else is a
    ValueError with a Swedish reason."""
    if värde is None:
        raise ValueError(
            'är tom. Skriv färgen inom citattecken, t.ex. färg: "#1f5f8b" (utan citattecken '
            "läses # som början på en kommentar), eller ta bort raden"
        )
    if not isinstance(värde, str) or not (träff := _HEX.fullmatch(värde.strip())):
        raise ValueError(
            f"{värde!r} är ingen färg; skriv den som en hexadecimal färgkod inom citattecken, "
            'med sex tecken 0–9 och a–f, t.ex. "#1f5f8b"'
        )
    kod = träff[1].lower()
    if len(kod) == 3:
        kod = "".join(t * 2 for t in kod)
    return f"#{kod}"


def rgb(färg: str) -> tuple[int, int, int]:
    kod = läs(färg)
    return int(kod[1:3], 16), int(kod[3:5], 16), int(kod[5:7], 16)


def hex_(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(k))):02x}" for k in (r, g, b))


def luminans(färg: str) -> float:
    """Relative luminance (WCAG 2.1)."""

    def kanal(k: int) -> float:
        s = k / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (kanal(k) for k in rgb(färg))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def kontrast(a: str, b: str = VIT) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    ljus, mörk = sorted((luminans(a), luminans(b)), reverse=True)
    return (ljus + 0.05) / (mörk + 0.05)


def med_ljushet(färg: str, ljushet: float) -> str:
    """The same hue and saturation (HLS) at another lightness, 0 to 1."""
    h, _, s = colorsys.rgb_to_hls(*(k / 255 for k in rgb(färg)))
    return hex_(*(k * 255 for k in colorsys.hls_to_rgb(h, ljushet, s)))


def mörkare(färg: str, andel: float = 0.25) -> str:
    """A darker shade: lightness reduced by ``andel`` of itself."""
    _, ljushet, _ = colorsys.rgb_to_hls(*(k / 255 for k in rgb(färg)))
    return med_ljushet(färg, ljushet * (1 - andel))


def mörkare_nyans(färg: str, krav: float = KRAV) -> str:
    """The lightest shade of ``färg``'s hue that has at least ``krav`` against white
    (``färg`` itself when it already has)."""
    if kontrast(färg) >= krav:
        return läs(färg)
    _, ljushet, _ = colorsys.rgb_to_hls(*(k / 255 for k in rgb(färg)))
    låg, hög = 0.0, ljushet  # at lightness 0 (black) the contrast is 21
    for _ in range(40):
        mitt = (låg + hög) / 2
        if kontrast(med_ljushet(färg, mitt)) >= krav:
            låg = mitt
        else:
            hög = mitt
    kandidat = med_ljushet(färg, låg)
    while kontrast(kandidat) < krav:  # rounding to whole channels may lose a hair
        kandidat = mörkare(kandidat, 0.02)
    return kandidat


def tal(värde: float) -> str:
    """A contrast ratio as Swedes write it, to two decimals: 2,53, 4,5; a failing one is
    rounded down, so that it never reads as the requirement (4,47, not 4,5)."""
    avrundat = round(värde, 2)
    if värde < KRAV <= avrundat:
        avrundat = math.floor(värde * 100) / 100
    text = f"{avrundat:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def granska(värde: Any) -> str:
    """kommun.yml's ``färg``: read it and require 4.5:1 against white (ValueError otherwise)."""
    färg = läs(värde)
    if (k := kontrast(färg)) < KRAV:
        förslag = mörkare_nyans(färg)
        raise ValueError(
            f'"{färg}" har kontrasten {tal(k)}:1 mot vitt, men vit text i sidhuvudet och länkar '
            f"på vit botten behöver minst {tal(KRAV)}:1 (WCAG 2.1 AA). Välj en mörkare nyans, "
            f't.ex. "{förslag}" ({tal(kontrast(förslag))}:1)'
        )
    return färg
