"""Files from content/ that are published as they are (images, attachments, beslutsunderlag,
linked files, the logo): whether one is safe and usable, checked before anything is built.

* An SVG may hold a script or event handlers that run on the kommun's own domain when the
  file is opened: refused (stored cross-site scripting).
* An image that cannot be read, a PDF that is damaged or needs a password, an Office file or
  zip that is damaged or encrypted: refused, since no reader can open it and the publish
  gate cannot read it either.

Each file is read once per process (keyed by path, size and modification time).
"""

from __future__ import annotations

import functools
import re
import zipfile
from pathlib import Path

_SVG_FARLIGT = re.compile(
    rb"<\s*(?:[a-z]+:)?(script|foreignobject|iframe|embed|object)\b"
    rb"|\son[a-z]+\s*="
    rb"|(?:href|src)\s*=\s*[\"']?\s*(?:javascript|data|vbscript):",
    re.IGNORECASE,
)
BILDER = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
ZIPFILER = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".zip"}


def filproblem(fil: Path) -> str | None:
    """Why ``fil`` may not be published as it is, in Swedish (to follow the file's name in a
    message), or None."""
    try:
        stat = fil.stat()
    except OSError:
        return None  # missing files are reported where they are named
    return _problem(fil, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _problem(fil: Path, _storlek: int, _ändrad: int) -> str | None:
    ändelse = fil.suffix.lower()
    try:
        if ändelse == ".svg":
            return _svg(fil.read_bytes())
        if ändelse in BILDER:
            return _bild(fil)
        if ändelse == ".pdf":
            return _pdf(fil)
        if ändelse in ZIPFILER:
            return _zip(fil)
    except OSError as fel:
        return f"kan inte läsas ({fel.strerror})"
    return None


def _svg(data: bytes) -> str | None:
    if _SVG_FARLIGT.search(data):
        return (
            "är en SVG-bild med skript eller händelser (script, on…=, javascript:), som skulle "
            "köras på kommunens webbplats; spara bilden utan dem, t.ex. som PNG"
        )
    return None


def _bild(fil: Path) -> str | None:
    from PIL import Image  # WeasyPrint's dependency; loaded only when an image is checked

    try:
        with Image.open(fil) as bild:
            bild.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        return "går inte att läsa som bild (filen är skadad eller är ingen bild); spara den igen"
    return None


def _pdf(fil: Path) -> str | None:
    import pypdfium2

    try:
        pypdfium2.PdfDocument(str(fil)).close()
    except pypdfium2.PdfiumError as fel:
        if "password" in str(fel).lower():
            return "är en lösenordsskyddad PDF; spara den utan lösenord"
        return "går inte att öppna som PDF (filen är skadad); spara den igen från programmet"
    return None


def _zip(fil: Path) -> str | None:
    typ = "Office-fil" if fil.suffix.lower() != ".zip" else "zip-fil"
    with fil.open("rb") as f:
        if f.read(4) == b"\xd0\xcf\x11\xe0":  # an OLE file: encrypted Office, or old .doc
            return (
                "är lösenordsskyddad eller i Offices gamla format; spara den utan lösenord som "
                f"{fil.suffix.lower()}"
            )
    try:
        with zipfile.ZipFile(fil) as z:
            if any(info.flag_bits & 0x1 for info in z.infolist()):
                return f"är en krypterad {typ}; spara den utan lösenord"
            if z.testzip() is not None:
                return f"är en skadad {typ}; spara den igen från programmet"
    except zipfile.BadZipFile:
        return f"är en skadad {typ} (eller ingen {typ}); spara den igen från programmet"
    return None
