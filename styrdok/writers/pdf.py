"""DokumentVy → tagged PDF/UA-1 with WeasyPrint.

The HTML comes from the jinja2 template ``pdf/dokument.html`` and the style from
``pdf/dokument.css`` (both under the templates root). WeasyPrint does the
tagging, the XMP identification, /Lang and DisplayDocTitle; one small
post-processing step with pikepdf adds what WeasyPrint 70 leaves out (/Scope on
table header cells) and gives the file a content-derived /ID, so that the same
input always gives the same bytes.
"""

from __future__ import annotations

import io
import logging
import mimetypes
from pathlib import Path

import jinja2
import pikepdf
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

import styrdok
from styrdok.diagnostics import StyrdokFel
from styrdok.vy import DokumentVy
from styrdok.writers.gemensamt import kontrollera_logotyp, mallkatalog, skriv_atomiskt, tidsstämpel
from styrdok.writers.html import Brödtext, markdown_till_html

MALL = "dokument.html"
STILMALL = "dokument.css"
PDF_ALTERNATIV = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

# WeasyPrint reports missing fonts and CSS it ignores on its own logger; the
# writer's contract is StyrdokFel or success, so keep its chatter at errors only.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def render_pdf(vy: DokumentVy, ut: Path, mallar: Path) -> None:
    """Render ``vy`` as a PDF/UA-1 file at ``ut``; raise StyrdokFel for user mistakes."""
    skriv_atomiskt(Path(ut), pdf_bytes(vy, mallar))


def pdf_bytes(vy: DokumentVy, mallar: Path) -> bytes:
    katalog = mallkatalog(mallar, "pdf")
    brödtext = markdown_till_html(vy)
    html = bygg_html(vy, brödtext, katalog)
    tillåtna = {b.sökväg for b in brödtext.bilder}
    if logotyp := kontrollera_logotyp(vy):
        tillåtna.add(logotyp)
    return skriv_weasyprint(html, läs_stilmall(katalog), vy.källfil, tillåtna)


def bygg_html(vy: DokumentVy, brödtext: Brödtext, katalog: Path) -> str:
    """Fill the jinja2 template; a broken template is the user's mistake, not a crash."""
    mallfil = katalog / MALL
    miljö = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(katalog)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    try:
        return miljö.get_template(MALL).render(**mallvärden(vy, brödtext))
    except jinja2.TemplateSyntaxError as e:
        raise StyrdokFel(f"fel i mallen: {e.message}", e.filename or mallfil, e.lineno or 1) from None
    except jinja2.TemplateNotFound as e:
        raise StyrdokFel(f"mallen {e.name} saknas", katalog / str(e.name)) from None
    except jinja2.TemplateError as e:
        raise StyrdokFel(f"fel i mallen: {e.message}", mallfil) from None


def mallvärden(vy: DokumentVy, brödtext: Brödtext) -> dict[str, object]:
    logotyp = vy.logotyp
    stämpel = tidsstämpel(vy)
    return {
        "titel": vy.titel,
        "kommun": vy.kommun,
        "logotyp_url": Path(logotyp).resolve().as_uri() if logotyp else None,
        "metadata": vy.metadata,
        "brödtext": brödtext.html,
        "sidfot": vy.sidfot,
        "ämne": vy.ämne,
        "språk": vy.språk,
        "datum": stämpel.strftime("%Y-%m-%dT%H:%M:%SZ") if stämpel else "",
        "version": styrdok.__version__,
    }


def läs_stilmall(katalog: Path) -> str:
    fil = katalog / STILMALL
    try:
        return fil.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StyrdokFel("stilmallen saknas", fil) from None
    except (OSError, UnicodeDecodeError) as e:
        raise StyrdokFel(f"stilmallen kan inte läsas: {e}", fil) from None


def skriv_weasyprint(html: str, css: str, källfil: Path, tillåtna: set[Path]) -> bytes:
    hämtare = _BegränsadHämtare(tillåtna)
    dokument = HTML(string=html, base_url=Path(källfil).parent.as_uri() + "/", url_fetcher=hämtare)
    stil = CSS(string=css, url_fetcher=hämtare)
    return efterbehandla(dokument.write_pdf(stylesheets=[stil], **PDF_ALTERNATIV))


class _BegränsadHämtare(URLFetcher):
    """Serves only the files already checked (logo, images); never the network.

    A template or stylesheet pointing anywhere else gets nothing, which keeps a
    build from reading outside content/ or depending on the network.
    """

    def __init__(self, tillåtna: set[Path]):
        super().__init__()
        self._tillåtna = {p.resolve(): p for p in tillåtna}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if not url.startswith("file:"):
            raise ValueError(f"styrdok hämtar inget från nätet: {url}")
        from urllib.request import url2pathname

        sökväg = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
        if sökväg not in self._tillåtna:
            raise ValueError(f"filen är inte tillåten i PDF: {sökväg}")
        typ = mimetypes.guess_type(sökväg.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, sökväg.read_bytes(), {"Content-Type": typ})


def efterbehandla(pdf: bytes) -> bytes:
    """Add /Scope to table header cells and a deterministic /ID."""
    with pikepdf.open(io.BytesIO(pdf)) as dokument:
        rot = dokument.Root.get("/StructTreeRoot")
        if rot is not None:
            _sätt_scope(rot)
        ut = io.BytesIO()
        dokument.save(ut, deterministic_id=True)
    return ut.getvalue()


def _sätt_scope(nod: pikepdf.Object) -> None:
    """Walk the structure tree; a TH in a row with data cells heads that row."""
    for barn in _barn(nod):
        if barn.get("/S") == "/TR":
            _sätt_scope_i_rad(barn)
        else:
            _sätt_scope(barn)


def _sätt_scope_i_rad(rad: pikepdf.Object) -> None:
    celler = [c for c in _barn(rad) if c.get("/S") in ("/TH", "/TD")]
    scope = pikepdf.Name.Row if any(c.S == "/TD" for c in celler) else pikepdf.Name.Column
    for cell in celler:
        if cell.S == "/TH":
            attribut = cell.get("/A")
            if not isinstance(attribut, pikepdf.Dictionary):
                attribut = pikepdf.Dictionary(O=pikepdf.Name.Table)
                cell.A = attribut
            attribut.Scope = scope


def _barn(nod: pikepdf.Object) -> list[pikepdf.Object]:
    k = nod.get("/K")
    if k is None:
        return []
    kandidater = list(k) if isinstance(k, pikepdf.Array) else [k]
    return [b for b in kandidater if isinstance(b, pikepdf.Dictionary) and b.get("/Type") == "/StructElem"]
