"""DokumentVy → tagged PDF/UA-1 with WeasyPrint.

The HTML comes from the jinja2 template ``pdf/dokument.html`` and the style from
``pdf/dokument.css`` (both under the templates root). WeasyPrint does the
tagging, the XMP identification, /Lang and DisplayDocTitle; a finisher adds
what WeasyPrint 70 leaves out (/Scope on table header cells). Dates come from
``vy.datum`` and the /ID from the content, so the same input always gives the
same bytes.
"""

from __future__ import annotations

import dataclasses
import logging
from functools import lru_cache
from pathlib import Path

import jinja2
import pydyf
from weasyprint import CSS, HTML

import styrdok
from styrdok.format.gemensamt import tidsstämpel
from styrdok.format.hamtare import BegränsadHämtare
from styrdok.format.html import Brödtext, markdown_till_html
from styrdok.format.svg import namn_i_logotypen
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.filer import mallkatalog, skriv_atomiskt
from styrdok.karna.utdata import DokumentVy, kontrollera_logotyp

MALL = "dokument.html"
STILMALL = "dokument.css"
# pdf_identifier=True makes /ID an md5 of the file's own bytes: stable, not random.
PDF_ALTERNATIV = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": True}

# WeasyPrint reports missing fonts and CSS it ignores on its own logger; the
# writer's contract is StyrdokFel or success, so keep its chatter at errors only.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def render_pdf(vy: DokumentVy, ut: Path, mallar: Path) -> None:
    """Render ``vy`` as a PDF/UA-1 file at ``ut``; raise StyrdokFel for user mistakes."""
    skriv_atomiskt(Path(ut), pdf_bytes(vy, mallar))


def pdf_bytes(vy: DokumentVy, mallar: Path) -> bytes:
    katalog = mallkatalog(mallar, "pdf")
    brödtext = markdown_till_html(vy)
    notis = markdown_till_html(dataclasses.replace(vy, brödtext=vy.notis)) if vy.notis else None
    html = bygg_html(vy, brödtext, katalog, notis)
    bilder = brödtext.bilder + (notis.bilder if notis else ())
    tillåtna = {b.sökväg for b in bilder if b.data is None}
    minne = {b.sökväg: b.data for b in bilder if b.data is not None}
    if logotyp := kontrollera_logotyp(vy):
        tillåtna.add(logotyp)
    return skriv_weasyprint(html, läs_stilmall(katalog), vy.källfil, tillåtna, minne)


def bygg_html(
    vy: DokumentVy, brödtext: Brödtext, katalog: Path, notis: Brödtext | None = None
) -> str:
    """Fill the jinja2 template; a broken template is the user's mistake, not a crash."""
    mallfil = katalog / MALL
    try:
        return (
            _miljö(katalog.resolve()).get_template(MALL).render(**mallvärden(vy, brödtext, notis))
        )
    except jinja2.TemplateSyntaxError as e:
        raise StyrdokFel(
            f"fel i mallen: {e.message}", e.filename or mallfil, e.lineno or 1
        ) from None
    except jinja2.TemplateNotFound as e:
        raise StyrdokFel(f"mallen {e.name} saknas", katalog / str(e.name)) from None
    except jinja2.TemplateError as e:
        raise StyrdokFel(f"fel i mallen: {e.message}", mallfil) from None


@lru_cache(maxsize=8)
def _miljö(katalog: Path) -> jinja2.Environment:
    """One environment per template folder and process; jinja2 recompiles a template when its file changes."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(katalog)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=True,
    )


def mallvärden(
    vy: DokumentVy, brödtext: Brödtext, notis: Brödtext | None = None
) -> dict[str, object]:
    """What the template gets. ``namn_i_logotypen``: the logo already says the kommun's name,
    so the header shows the logo alone (its text alternative is then the name)."""
    logotyp = vy.logotyp
    stämpel = tidsstämpel(vy)
    i_logotypen = namn_i_logotypen(logotyp, vy.kommun)
    return {
        "titel": vy.titel,
        "kommun": vy.kommun,
        "logotyp_url": Path(logotyp).resolve().as_uri() if logotyp else None,
        "logotyp_alt": vy.kommun if i_logotypen else f"{vy.kommun}s logotyp",
        "namn_i_logotypen": i_logotypen,
        "notis": notis.html if notis else "",
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


def skriv_weasyprint(
    html: str,
    css: str,
    källfil: Path,
    tillåtna: set[Path],
    minne: dict[Path, bytes] | None = None,
) -> bytes:
    hämtare = BegränsadHämtare(tillåtna, minne)
    dokument = HTML(string=html, base_url=Path(källfil).parent.as_uri() + "/", url_fetcher=hämtare)
    stil = CSS(string=css, url_fetcher=hämtare)
    return dokument.write_pdf(stylesheets=[stil], finisher=lägg_till_scope, **PDF_ALTERNATIV)


def lägg_till_scope(_dokument: object, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher: /Scope on every TH, which WeasyPrint 70 leaves out.

    A header cell in a row that also has data cells heads that row (the metadata
    table); otherwise it heads its column (Markdown tables).
    """
    for objekt in pdf.objects:
        if isinstance(objekt, pydyf.Dictionary) and objekt.get("S") == "/TR":
            celler = [c for c in _barn(pdf, objekt) if c.get("S") in ("/TH", "/TD")]
            scope = "/Row" if any(c["S"] == "/TD" for c in celler) else "/Column"
            for cell in celler:
                if cell["S"] == "/TH":
                    cell.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope


def _barn(pdf: pydyf.PDF, element: pydyf.Dictionary) -> list[pydyf.Dictionary]:
    """Structure children; pydyf keeps references as b"<number> 0 R"."""
    barn = []
    for referens in element.get("K", ()):
        if isinstance(referens, bytes) and referens.endswith(b" R"):
            objekt = pdf.objects[int(referens.split()[0])]
            if isinstance(objekt, pydyf.Dictionary):
                barn.append(objekt)
    return barn
