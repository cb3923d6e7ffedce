"""The preview's pages of its own (``styrdok serve``): the error page while the sources have
errors, the page shown while the first build runs, a document file not made yet, the note
on every page about missing Word and PDF files, and the script that reloads a page when a
newer build exists."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

VERSIONSADRESS = "/.styrdok/version"


@dataclass(frozen=True)
class Läge:
    """What the server shows; replaced whole after every build, never changed."""

    version: str
    site: Path | None = None
    """The last site that was built (its files are served even while there are errors)."""
    fel: tuple[str, ...] | None = None
    """The errors that stop the build, or None when the last build succeeded."""
    dokument: int = 0
    saknade: frozenset[str] = field(default_factory=frozenset)
    """Document files (paths in the site) the cache does not have for the current sources."""
    överlägg: Mapping[str, Path] = field(default_factory=dict)
    """Pages made again since ``site`` was built (path in the site → file): served instead
    of the file in ``site``."""


_STIL = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1b1b1b}h1{font-size:1.6rem}code,pre{font-family:ui-monospace,"
    "monospace}ul{background:#fdf2f2;border-left:4px solid #b3261e;padding:.5rem 1rem .5rem 2rem}"
    "li{margin:.5rem 0;overflow-wrap:anywhere}"
)


def _egen_sida(titel: str, kropp: str, version: str) -> bytes:
    return (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(titel)}</title><style>{_STIL}</style></head>"
        f"<body><main><h1>{html.escape(titel)}</h1>{kropp}</main>{omladdning(version)}</body></html>"
    ).encode()


def felsida(läge: Läge) -> bytes:
    fel = läge.fel or ()
    antal = "ett fel" if len(fel) == 1 else f"{len(fel)} fel"
    kropp = (
        f"<p>styrdok hittade {antal} och kan inte visa webbplatsen förrän "
        f"{'det' if len(fel) == 1 else 'de'} är rättade. Varje rad anger filen, raden och "
        "kolumnen där felet finns:</p>"
        f"<ul>{''.join(f'<li><code>{html.escape(rad)}</code></li>' for rad in fel)}</ul>"
        f"<p>Rätta {'felet' if len(fel) == 1 else 'felen'} och spara. Sidan laddas om av sig "
        "själv när webbplatsen har byggts om. Samma fel skriver <code>styrdok check</code> i "
        "terminalen; inget publiceras förrän de är rättade.</p>"
    )
    return _egen_sida("Källorna har fel", kropp, läge.version)


def väntesida(läge: Läge) -> bytes:
    kropp = "<p>Förhandsgranskningen byggs. Sidan visas av sig själv när den är klar.</p>"
    return _egen_sida("Förhandsgranskningen byggs …", kropp, läge.version)


def saknad_fil(läge: Läge, relativ: str) -> bytes:
    kropp = (
        f"<p><code>{html.escape(relativ)}</code> finns inte i förhandsgranskningen: den har inte "
        "skapats för dokumentets nuvarande text. <code>styrdok build</code> skapar Word- och "
        'PDF-filerna. <a href="javascript:history.back()">Tillbaka</a></p>'
    )
    return _egen_sida("Filen skapas av styrdok build", kropp, läge.version)


def om_dokumenten(läge: Läge) -> str:
    """What the preview lacks of the Word and PDF files a build makes, or ""."""
    saknas, antal = len(läge.saknade), läge.dokument
    if not antal or not saknas:
        return ""
    if saknas == antal:
        return (
            "Word- och PDF-filerna finns inte i build/cache/ än, så sidorna visas utan länkar "
            "till dem; styrdok build skapar dem"
        )
    return (
        f"{saknas} av {antal} Word-, PDF- och zip-filer har inte skapats för den nuvarande "
        "texten (de finns inte i build/cache/); styrdok build skapar dem"
    )


def notis(läge: Läge) -> str:
    """A line at the top of every page when Word and PDF files are missing from the preview."""
    if not (text := om_dokumenten(läge)):
        return ""
    return (
        '<div class="styrdok-forhandsvisning" role="note" style="background:#fff4ce;'
        "color:#1b1b1b;padding:.5rem 1rem;border-bottom:1px solid #c9a100;font-size:.8rem;"
        f'position:relative;z-index:10">Förhandsgranskning: {html.escape(text)}.</div>'
    )


def omladdning(version: str) -> str:
    """Asks the server for a newer build (it answers when one exists, or after a while with
    the same version) and reloads the page when there is one: an edit shows at once."""
    return (
        "<script>(function(){var v="
        + repr(version)
        + ";function f(){fetch("
        + repr(VERSIONSADRESS + "?efter=")
        + '+encodeURIComponent(v),{cache:"no-store"}).then(function(r){return r.text()})'
        ".then(function(t){if(t!==v){location.reload()}else{f()}}).catch(function(){"
        "setTimeout(f,1000)})}f()})();</script>"
    )


def i_body(data: bytes, överst: bytes, sist: bytes) -> bytes:
    början = data.find(b"<body")
    if början >= 0 and (slut := data.find(b">", början)) >= 0:
        data = data[: slut + 1] + överst + data[slut + 1 :]
    slutet = data.rfind(b"</body>")
    return data[:slutet] + sist + data[slutet:] if slutet >= 0 else data + sist
