"""Generate the Markdown pages a site engine builds one site variant from.

The output is plain Markdown with front matter ``title`` and a few admonitions, plus
generated HTML tables where row headers matter for accessibility. Nothing here is
specific to mkdocs, so a switch of site engine (e.g. to Zensical) keeps this module: the
engine is a :class:`Webbmotor` the composition root hands over.

The pages come from the kinds; this module adds the start page and the navigation, writes
everything into the docs folder and serializes the kinds' data files with the registered
file formats. The public site is generated from ``korpus.publik_kopia()``: intranet
content is not in the set the kinds see, so no page, link or index can mention it.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.grund.filer import skriv_mappen
from styrdok.grund.sokvag import inom
from styrdok.grund.text import md
from styrdok.karna import farg, genereringsminne
from styrdok.karna.format import till_bytes
from styrdok.karna.korpus import Korpus

PUBLIK = "publik"
INTRANÄT = "intranät"
VARIANTER = (PUBLIK, INTRANÄT)
SITE_MAPPAR = {PUBLIK: "public", INTRANÄT: "intranet"}
"""The folder of each variant under site/."""
RESERVERADE = (
    "index",
    "404",
    "filer",
    "stilar",
    "search",
    "sok",
    "pagefind",
    "assets",
    "sitemap.xml",
    "sitemap.xml.gz",
)
"""What the core and the site engine put in every site: no kind's page may take these."""


def reserverade(korpus: Korpus) -> dict[str, str]:
    """Every top folder or page some kind (or the core) generates → who: pages a user writes
    must not take them."""
    vägar = {v: "styrdok" for v in RESERVERADE}
    for s in korpus.slag:
        vägar.update({v: s.namn for v in s.vägar(korpus)})
    return vägar


@dataclass
class Webbplats:
    """What the site engine needs to build one variant."""

    variant: str
    docs: Path
    webbplatsnamn: str
    nav: list = field(default_factory=list)
    webbadress: str | None = None
    stilar: list[str] = field(default_factory=list)
    """Stylesheets (paths under docs) every page loads."""
    skript: list[str] = field(default_factory=list)
    """Scripts every page loads (progressive enhancement only)."""
    kommunnamn: str = ""
    """The kommun's name (HTML-escaped), for the 404 page and printouts."""
    logotyp: str | None = None
    """The kommun's logo (path under docs) for the header, or None for the engine's own."""
    ikon: str | None = None
    """The favicon (path under docs): the logo when it is SVG or PNG."""
    färg: str | None = None
    """The site's colour (``#rrggbb``, 4.5:1 against white), or None for the engine's default.
    The stylesheet ``stilar/kommunfarg.css`` names it ``--styrdok-farg``."""
    startsida: str | None = None
    """The page (path under docs) the site opens on when it is not index.md: the
    intranet opens on Ledning och styrning. index.md then sends the visitor there."""


class Bas(Protocol):
    """Another site of the same build that a site may share its search index with
    (:meth:`Webbmotor.bygg_webbplats`): ``sidor()`` waits until its pages are written and
    returns its folder (None: it is not built); ``index()`` waits until its search index is
    made (False: it was not)."""

    def sidor(self) -> Path | None: ...

    def index(self) -> bool: ...


class ByggdBas:
    """A :class:`Bas` whose pages and search index are written already (``site``)."""

    def __init__(self, site: Path) -> None:
        self.site = site

    def sidor(self) -> Path:
        return self.site

    def index(self) -> bool:
        return True


class Webbmotor(Protocol):
    """The site engine (mkdocs-material today): builds one variant from its docs folder."""

    def bygg_webbplats(
        self,
        webbplats: Webbplats,
        site_dir: Path,
        konfigfil: Path,
        strikt: bool = False,
        sidminne: Path | None = None,
        meddela: Callable[[str], None] = lambda _: None,
        tidigare: Path | None = None,
        sidorna_klara: Callable[[], object] = lambda: None,
        bas: Bas | None = None,
        indexet_klart: Callable[[], object] = lambda: None,
        stommar: Path | None = None,
    ) -> bool | None:
        """``tidigare``: the same variant as built before, which may be read (never written)
        for what can be reused. ``stommar``: where folders of sites no longer published are
        kept to be built into (:mod:`styrdok.grund.mappstommar`). ``sidorna_klara()`` is
        called once the pages are written, before the search index is made,
        ``indexet_klart()`` once it is. ``bas``: the public site of the same build, for the
        intranet: what of its search index the intranet's pages share may be taken in, not
        made again. Returns whether the site is made from its inputs alone (no code of the
        project's own that the engine cannot see into took part): only then may a build
        with the same inputs take it as it is; None: not known."""
        ...


@dataclass
class _Sidor:
    """Pages collected in memory first, then written in one go."""

    rot: Path
    filer: dict[str, bytes] = field(default_factory=dict)
    binära: dict[str, bytes] = field(default_factory=dict)
    adresser: dict[str, str] = field(default_factory=dict)

    def lägg(
        self, väg: str, titel: str, text: str, sök: Mapping[str, object] | None = None
    ) -> None:
        """The site engine prints a page's title unescaped (navigation, <title>, search):
        every title (and search value, ``styrdok_sok``) is HTML-escaped here, on its way in.
        Two pages at one address are a bug (the checks keep a user's page from taking a
        generated one's): never one silently."""
        adress = väg.removesuffix(".md").removesuffix("/index")
        if adress in self.adresser:
            raise StyrdokFel(
                f"internt fel: två sidor på adressen {adress}/ ({self.adresser[adress]}, {väg})"
            )
        self.adresser[adress] = väg
        self.filer[väg] = _SIDFILER.hämta(
            (str(self.rot), väg), (titel, text, sök), lambda: _sidfil(titel, text, sök)
        )

    def skriv(self, behåll: Collection[str] = ()) -> None:
        """The docs folder made to hold exactly these pages and files (and whatever is at
        ``behåll``); one that is already there as it should be is left alone (the site
        engine's cache sees what changed)."""
        skriv_mappen(self.rot, {**self.filer, **self.binära}, behåll)


_SIDFILER: genereringsminne.Samma[bytes] = genereringsminne.Samma()
"""Each page's file, by docs folder and path, made from the very title, text and search
values: a kind that hands the same objects over again (``karna/genereringsminne``) gets the
same bytes without escaping and encoding them again."""
_DATAFILER: genereringsminne.Samma[bytes] = genereringsminne.Samma()
"""The same for a kind's data files: from the very data and formats."""


def _sidfil(titel: str, text: str, sök: Mapping[str, object] | None) -> bytes:
    huvud = f"title: {json.dumps(html.escape(titel, quote=False), ensure_ascii=False)}\n"
    if sök:  # JSON is YAML: one line, nothing to quote by hand
        huvud += f"styrdok_sok: {json.dumps(_escapad(sök), ensure_ascii=False)}\n"
    return f"---\n{huvud}---\n\n{text.rstrip()}\n".encode()


def _escapad(värde):
    if isinstance(värde, str):
        return html.escape(värde)
    if isinstance(värde, Mapping):
        return {k: _escapad(v) for k, v in värde.items()}
    if isinstance(värde, list | tuple):
        return [_escapad(v) for v in värde]
    return värde


def källa_för(korpus: Korpus, variant: str) -> Korpus:
    """What one site variant is made from: everything for the intranet, the public copy
    (no intranet content at all) for the website. Every output for a variant goes through here."""
    return korpus if variant == INTRANÄT else korpus.publik_kopia()


def generera(
    korpus: Korpus, variant: str, ut: Path, mallar: Path, behåll: Collection[str] = ()
) -> Webbplats:
    """Write the docs folder of one site variant into ``ut`` (holding nothing else after,
    but the files at ``behåll``, which the caller puts in place right after: the documents)."""
    if variant not in VARIANTER:
        raise ValueError(variant)
    korpus = källa_för(korpus, variant) if not korpus.publik else korpus
    sidor = _Sidor(ut)
    kommun = korpus.kommun
    kindernas_nav = [post for s in korpus.slag for post in s.nav(korpus, variant)]
    startsida = _intranätets_start(korpus, kindernas_nav) if variant == INTRANÄT else None
    _startsida(korpus, sidor, variant, startsida)
    for s in korpus.slag:
        for sida in s.sidor(korpus, variant):
            sidor.lägg(sida.väg, sida.titel, sida.text, sida.sök)
            for väg, fil in sida.filer.items():
                sidor.binära[väg] = fil.read_bytes()
        for väg, innehåll in s.filer(korpus, variant).items():
            format_ = korpus.delar.filformat
            sidor.binära[väg] = _DATAFILER.hämta(
                (str(sidor.rot), väg),
                (innehåll, format_),
                functools.partial(till_bytes, format_, väg, innehåll),
            )
    sidor.filer[SÖKSIDA] = "---\ntitle: Sök\ntemplate: sok.html\n---\n\n# Sök\n".encode()
    logotyp = _logotyp(korpus, sidor)
    färg = _färg(kommun.färg, variant, sidor)
    _kopiera_stilar(mallar, sidor)
    sidor.skriv(behåll)
    namn = kommun.namn if variant == PUBLIK else f"{kommun.intranät_namn} – {kommun.namn}"
    if startsida is None:
        nav = [{"Start": "index.md"}, *kindernas_nav]
    else:  # the page it opens on first, and no "Start" that only leads there
        nav = [p for p in kindernas_nav if startsida in p.values()]
        nav += [p for p in kindernas_nav if startsida not in p.values()]
    return Webbplats(
        variant=variant,
        docs=ut,
        webbplatsnamn=html.escape(namn, quote=False),
        nav=[{html.escape(t, quote=False): v for t, v in post.items()} for post in nav],
        webbadress=_webbadress(
            kommun.webbplats if variant == PUBLIK else kommun.intranät_webbadress
        ),
        stilar=[f"stilar/{c.name}" for c in stilmallar(mallar)]
        + ([FÄRGMALL] if färg is not None else []),
        skript=[f"stilar/{c.name}" for c in stilmallar(mallar, "js")],
        kommunnamn=html.escape(kommun.namn, quote=False),
        logotyp=logotyp,
        ikon=logotyp if logotyp and logotyp.endswith((".svg", ".png")) else None,
        färg=färg,
        startsida=startsida,
    )


SÖKSIDA = "sok.md"
"""The search page every site has (its form and results are the template ``sok.html``; the
header's search field leads there, ``sok/?q=…``)."""

FÄRGMALL = "stilar/kommunfarg.css"
"""The stylesheet made from kommun.yml's ``färg`` (its name is taken by no template)."""


def _intranätets_start(korpus: Korpus, nav: list[dict[str, str]]) -> str | None:
    """The intranet opens on the kommun's intranet page (titled ``intranät_namn``, Ledning
    och styrning): staff expect it first. None if no kind makes such a page."""
    return next(
        (v for post in nav for t, v in post.items() if t == korpus.kommun.intranät_namn), None
    )


def _logotyp(korpus: Korpus, sidor: _Sidor) -> str | None:
    """The kommun's logo, copied into the site for the header (and favicon)."""
    fil = inom(korpus.innehåll, korpus.logotyp) if korpus.logotyp is not None else None
    if fil is None:
        return None  # missing, or outside content/: an error of its own (karna/bygge)
    väg = f"stilar/logotyp{fil.suffix.lower()}"
    sidor.binära[väg] = fil.read_bytes()
    return väg


def _färg(färg: str | None, variant: str, sidor: _Sidor) -> str | None:
    """The site's colour as CSS custom properties: the kommun's colour on the website, a
    darker shade of it on the intranet (staff see at once which site they are on); a still
    darker shade for links under the pointer. kommun.yml's check has made sure the colour has
    4.5:1 against white; darker shades only have more."""
    if färg is None:
        return None
    bas = färg if variant == PUBLIK else farg.mörkare(färg, 0.3)
    sidor.binära[FÄRGMALL] = (
        "/* Gjord av styrdok ur färg i kommun.yml. */\n"
        f":root {{\n  --styrdok-farg: {bas};\n  --styrdok-farg-mork: {farg.mörkare(bas, 0.3)};\n}}\n"
    ).encode()
    return bas


def _startsida(korpus: Korpus, sidor: _Sidor, variant: str, startsida: str | None) -> None:
    """The start page: the kommun's own text (a kind holds it) and the ways into the content.
    The navigation is short (index pages only, never every document: Material renders the
    whole navigation into every page, so listing 1,000 documents would make the build
    quadratic), so the start page says where to find things. A site that opens on another
    page (``startsida``) gets a start page that leads there, for the moment before it does."""
    egen = next((t for s in korpus.slag if (t := s.startsida(korpus, variant))), None)
    if startsida is not None:
        namn = korpus.kommun.intranät_namn
        titel, text = namn, f"Intranätet börjar på sidan [{md(namn)}]({startsida})."
    else:
        titel, text = (egen.titel, egen.text) if egen else (korpus.kommun.namn, "")
        for väg, fil in (egen.filer if egen else {}).items():
            sidor.binära[väg] = fil.read_bytes()
    delar = [f"# {md(titel)}", "", text]
    länkar = [rad for s in korpus.slag for rad in s.startlänkar(korpus, variant)]
    if länkar:
        delar += ["", "## Hitta styrdokument", "", *länkar]
    sidor.lägg("index.md", titel, "\n".join(delar))


def _webbadress(adress: str | None) -> str | None:
    return adress.rstrip("/") + "/" if adress else None


def stilmallar(mallar: Path, ändelse: str = "css") -> list[Path]:
    """Every stylesheet (or script) in templates/webb/, in name order."""
    return sorted((mallar / "webb").glob(f"*.{ändelse}"))


def _kopiera_stilar(mallar: Path, sidor: _Sidor) -> None:
    for källa in stilmallar(mallar) + stilmallar(mallar, "js"):
        sidor.binära[f"stilar/{källa.name}"] = källa.read_bytes()
