"""One Word file → front matter, Markdown body, images and what the report must say.

The document's structure is read first: its table of contents, title (and any cover
page before it), metadata block (leading, trailing or under a "Dokumentinformation"
heading) and revision table are taken out of the body; what remains becomes Markdown.
Runs in a worker process; never raises: a file that cannot be read gives one line."""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from styrdok.grund.platshallare import platshållare
from styrdok.slag.styrdokument.importera import framsida, huvud, varden
from styrdok.slag.styrdokument.importera.block import Bild
from styrdok.slag.styrdokument.importera.lasare import Läsare, läs_anteckningar
from styrdok.slag.styrdokument.importera.markdown import Omvandlare, escape
from styrdok.slag.styrdokument.importera.paket import MAX_BILD, Oläsbar, Paket, w, öppna
from styrdok.slag.styrdokument.importera.struktur import Struktur

BILDBAS = "\x00bildbas\x00"
"""Stands for the document's file name in image paths until the id is chosen."""
_BILDTYPER = [
    (b"\x89PNG", "png"), (b"\xff\xd8", "jpg"), (b"GIF8", "gif"), (b"BM", "bmp"),
    (b"II*\x00", "tif"), (b"MM\x00*", "tif"), (b"\xd7\xcd\xc6\x9a", "wmf"), (b"\x01\x00\x09\x00", "wmf"),
]  # fmt: skip


@dataclass
class Importresultat:
    källfil: Path
    fel: str | None = None
    titel: str = ""
    front: framsida.Framsida | None = None
    brödtext: str = ""
    bilder: list[tuple[str, bytes]] = field(default_factory=list)
    borttaget: list[str] = field(default_factory=list)
    ändrat: list[str] = field(default_factory=list)
    sekunder: float = 0.0


def tolka(fil: Path, kommun: varden.Kommunregister) -> Importresultat:
    start = time.perf_counter()
    try:
        resultat = _tolka(Path(fil), kommun)
    except Oläsbar as fel:
        resultat = Importresultat(Path(fil), fel=str(fel))
    except RecursionError:
        resultat = Importresultat(Path(fil), fel="filen är för djupt nästlad för att läsas")
    except Exception as fel:  # a file no check foresaw: one line in the report, never a traceback
        resultat = Importresultat(
            Path(fil),
            fel=f"filen kunde inte läsas ({type(fel).__name__}: {fel}); den kan vara skadad",
        )
    resultat.sekunder = time.perf_counter() - start
    return resultat


def _tolka(fil: Path, kommun: varden.Kommunregister) -> Importresultat:
    paket = öppna(fil)
    try:
        return _läs(paket, kommun)
    finally:
        paket.zip.close()


def _läs(paket: Paket, kommun: varden.Kommunregister) -> Importresultat:
    ut = Importresultat(paket.fil)
    noteringar: Counter = Counter()
    rot = paket.xml(paket.huvuddel)
    kropp = rot.find(w("body")) if rot is not None else None
    if kropp is None:
        raise Oläsbar("filen är skadad: dokumentet saknar innehåll (w:body)")
    block = Läsare(paket, paket.relationer, noteringar).block(kropp)
    anteckningar = läs_anteckningar(paket, noteringar)
    s = Struktur(block, kommun)
    s.innehållsförteckning()
    titel_index = s.titel()
    s.revideringar()
    s.metadata(titel_index)
    omslag = s.omslag(titel_index)
    uppgifter = s.uppgifter
    u, övrigt = huvud.sidhuvud(paket, noteringar)
    uppgifter += u + huvud.egenskaper(paket)
    if (del_ := paket.del_av_typ("comments")) and (kommentarer := paket.xml(del_)) is not None:
        if antal := len(kommentarer.findall(w("comment"))):
            s.borttaget.append(f"kommentarer i marginalen ({antal})")
    if övrigt:
        s.borttaget.append(f"sidhuvud och sidfot: {', '.join(f'»{t[:60]}«' for t in övrigt[:4])}")
    titel, titelkälla = _titeltext(block, titel_index, uppgifter, paket.fil)
    kfs = None
    for text, källa in (
        [(titel, "titeln")]
        + [(t, "försättsbladet") for t in omslag]
        + [(t, "sidhuvudet") for t in övrigt]
    ):
        if träff := varden.kfs_i(text, kommun.kfs_prefix):
            kfs = (träff[0], träff[1], källa)
            break
    if kfs and kfs[2] == "titeln":
        titel = varden.städa(re.sub(r"\(\s*\)", "", titel.replace(kfs[0], ""))) or titel
    ut.titel = titel
    ut.front = framsida.bygg(uppgifter, (titel, titelkälla), s.rev, kommun, kfs)
    bilder: dict[str, str] = {}

    def bildväg(bild: Bild) -> str:
        return _bild(paket, bild, bilder, ut, noteringar)

    kvar = [b for i, b in enumerate(block) if i not in s.bort]
    omvandlare = Omvandlare(paket.lista, bildväg, anteckningar, noteringar)
    ut.brödtext = omvandlare.dokument(kvar)
    if omvandlare.falska_rubriker:
        ut.ändrat.append(
            "stycken i fetstil eller större stil blev rubriker: "
            + ", ".join(f"»{t[:50]}«" for t in omvandlare.falska_rubriker[:8])
            + (" …" if len(omvandlare.falska_rubriker) > 8 else "")
        )
    ut.ändrat += [
        f"{text} ({antal} gånger)" if antal > 1 else text for text, antal in noteringar.items()
    ]
    ut.borttaget = s.borttaget + ut.front.borttaget
    return ut


def _titeltext(block: list, index: int | None, uppgifter: list, fil: Path) -> tuple[str, str]:
    if index is not None:
        s = block[index]
        källa = (
            "rubriken i stilen Titel"
            if s.titel
            else "första rubriken"
            if s.rubrik
            else "första stycket i stor stil"
        )
        return s.ren_text, källa
    for u in sorted(uppgifter, key=lambda u: u.prioritet):
        if u.nyckel == "titel" and varden.städa(u.värde):
            return varden.städa(u.värde), f"{u.källa}: »{u.citat}«"
    stam = fil.stem if " " in fil.stem else fil.stem.replace("-", " ")
    namn = varden.städa(re.sub(r"_+", " ", stam)) or fil.stem
    return namn, "filnamnet"


def _bild(
    paket: Paket, bild: Bild, bilder: dict[str, str], ut: Importresultat, noteringar: Counter
) -> str:
    alt = " ".join(bild.alt.split()) or platshållare("beskriv vad bilden visar")
    if bild.del_ is None:
        noteringar[
            "bilder som bara länkades från Word-filen togs inte med (platshållare i texten)"
        ] += 1
        return escape(
            platshållare(
                f"här fanns en länkad bild ({bild.extern[:80]}); lägg in den under content/"
            )
        )
    if bild.del_ not in bilder:
        data = paket.läs(bild.del_, MAX_BILD)
        typ = next((t for början, t in _BILDTYPER if data and data.startswith(början)), None)
        if data and typ in ("bmp", "tif"):
            data, typ = _till_png(data), "png"
        if not data or typ not in ("png", "jpg", "gif"):
            format_ = (typ or bild.del_.rsplit(".", 1)[-1]).upper()
            noteringar[
                f"bilder i formatet {format_}, som webbläsare inte visar, blev platshållare"
            ] += 1
            return escape(
                platshållare(
                    f"här fanns en bild i formatet {format_} (»{alt}«); spara den som PNG och lägg in den"
                )
            )
        namn = f"bilder/{BILDBAS}-{len(ut.bilder) + 1}.{typ}"
        ut.bilder.append((namn, data))
        bilder[bild.del_] = namn
    text = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"![{text}]({bilder[bild.del_]})"


def _till_png(data: bytes) -> bytes | None:
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as bild:
            ut = io.BytesIO()
            bild.save(ut, "PNG")
            return ut.getvalue()
    except Exception:
        return None
