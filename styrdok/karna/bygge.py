"""The build, as a table of contents: load → validate → generate → render → publish.

Everything is gathered and checked before anything is written; output goes to a
staging folder that replaces ``site/`` only when every step has succeeded. The kinds,
formats and site engine come from the composition root (``styrdok/bygg.py``), which
calls these functions; nothing here names a kind or a format.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Collection
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from styrdok.grund import lasminne, sopor
from styrdok.grund.diagnostik import Rapport, StyrdokFel
from styrdok.grund.filgranskning import filproblem
from styrdok.grund.sokvag import hitta_fil, relativ, sökvägsproblem
from styrdok.karna import genereringsminne, grind, lankgranskning, projekt, publicering, sekretess
from styrdok.karna import leveranser as dokument
from styrdok.karna.format import ladda_namngiven
from styrdok.karna.korpus import Delar, Korpus, innehållsdatum, ladda, validera_korpus
from styrdok.karna.rendercache import har_artefakter
from styrdok.karna.rendering import starta_arbetare_i_förväg
from styrdok.karna.webbplats import INTRANÄT, PUBLIK, SITE_MAPPAR, Webbmotor, Webbplats, generera
from styrdok.karna.webbplatsbygge import bygg_webbplatser as _bygg_webbplatser
from styrdok.karna.webbplatsminne import Webbplatsminne

Meddela = Callable[[str], None]


@dataclass
class Byggresultat:
    rapport: Rapport
    korpus: Korpus
    sekunder: float


def ladda_och_validera(
    rot: Path, rapport: Rapport, delar: Delar, behåll: bool = True, från_början: bool = False
) -> Korpus | None:
    """Read every source and check every rule; all problems end up in ``rapport``. Sources
    unchanged since an earlier run are not parsed again (``grund/lasminne``; with
    ``från_början`` only within this process); ``behåll``: keep this run's readings in
    build/cache/ for the next run."""
    rot = rot.resolve()  # a relative root would be read against other folders by the engine
    cache = projekt.cachemapp(rot)
    if not från_början:
        lasminne.från_disk(cache)
    korpus = ladda(rot, rapport, delar, med_tillstånd=genereringsminne.aktiv())
    if behåll:
        lasminne.till_disk(cache)
    if korpus is None:
        return None
    _logotyp(korpus, rapport)
    validera_korpus(korpus, rapport)
    lankgranskning.granska_alla(korpus, rapport)
    sekretess.granska(korpus, rapport)
    return korpus


def _logotyp(korpus: Korpus, rapport: Rapport) -> None:
    logotyp = korpus.kommun.logotyp
    if not logotyp:
        return
    problem = sökvägsproblem(logotyp)
    fil = None if problem else hitta_fil(korpus.innehåll, logotyp, (korpus.innehåll,))
    if problem or fil is None:
        korpus.kommunkälla.fel(
            rapport,
            ("logotyp",),
            f"logotypens sökväg {problem}"
            if problem
            else f"logotypen {logotyp} finns inte under content/",
        )
    elif (problem := filproblem(fil)) is not None:
        korpus.kommunkälla.fel(rapport, ("logotyp",), f"logotypen {logotyp} {problem}")


def generera_sidor(
    korpus: Korpus, variant: str, ut: Path, behåll: Collection[str] = ()
) -> Webbplats:
    """``behåll``: the document files the caller puts into ``ut`` right after (left in place
    meanwhile, so an unchanged one need not be put there again: ``rendercache.lägg_ut``)."""
    return generera(korpus, variant, ut, projekt.mallar(korpus.rot), behåll)


def kontrollera(rot: Path, delar: Delar, strikt: bool = False) -> Rapport:
    rapport = Rapport()
    ladda_och_validera(rot, rapport, delar)
    return rapport


def generera_med_dokument(
    korpus: Korpus, variant: str, docs: Path, meddela: Meddela = lambda _: None
) -> Webbplats:
    """One variant's pages for plain ``mkdocs build``, with its Word and PDF files as
    ``styrdok build --bara-webbplatser`` makes them (from the cache, changed ones made)."""
    mappar = {variant: docs}
    plan = dokument.planera(korpus, mappar)
    korpus.nedladdningar = _med_dokument(korpus, plan, mappar, True, meddela)
    with källdatum(korpus):
        webbplats = generera_sidor(korpus, variant, docs)
        if korpus.nedladdningar:
            dokument.rendera_leveranser(korpus, mappar, meddela, plan=plan)
    return webbplats


@dataclass
class Förhandsvisning:
    """One site variant's pages for ``styrdok serve``, with the documents the cache has."""

    webbplats: Webbplats
    rapport: Rapport
    dokument: int
    """How many document files (Word, PDF, zip) the site has after a full build."""
    saknade: list[str]
    """Those not in the render cache for the current sources, as paths in the site."""


def förhandsvisa(rot: Path, delar: Delar, variant: str, docs: Path) -> Förhandsvisning:
    """Check, then generate one variant's pages into ``docs`` for a preview. No Word or PDF
    file is made: those ``build/cache/`` holds for exactly the current sources are put in
    place and linked (none are linked when it holds none). Raises StyrdokFelMedRapport when
    the sources have errors."""
    rapport = Rapport()
    korpus = ladda_och_validera(rot, rapport, delar, behåll=False)
    if korpus is None or rapport.har_fel():
        raise StyrdokFelMedRapport(rapport, False)
    with källdatum(korpus):  # documents without a date of their own are keyed by it
        läge = dokument.ur_cachen(korpus, {variant: docs})
    korpus.nedladdningar = läge.funna > 0
    funna = läge.plan.under(docs, {j.ut for j, a in läge.artefakter.items() if a})
    webbplats = generera_sidor(korpus, variant, docs, funna if korpus.nedladdningar else ())
    saknade = dokument.lägg_ut_ur_cachen(läge) if korpus.nedladdningar else läge.plan.alla()
    return Förhandsvisning(
        webbplats,
        rapport,
        läge.plan.antal(),
        sorted(relativ(docs, p) for p in saknade),
    )


def bygg(
    rot: Path,
    delar: Delar,
    motor: Webbmotor | str,
    strikt: bool = False,
    bara_webbplatser: bool = False,
    från_början: bool = False,
    meddela: Meddela = lambda _: None,
) -> Byggresultat:
    """Check, then build both sites (and the documents) and publish them atomically.

    What was made before is reused from ``build/cache/`` while its inputs are unchanged;
    ``från_början`` empties that cache first, so everything is made anew."""
    start = time.perf_counter()
    rot = rot.resolve()
    # the workers' imports made while the sources are read: always when the documents are
    # made, and with --bara-webbplatser when documents were made before (then those whose
    # sources changed are made again, and the documents of new ones)
    if not bara_webbplatser or har_artefakter(projekt.cachemapp(rot)):
        starta_arbetare_i_förväg(delar.dokumentformat)
    if isinstance(motor, str):
        motor = ladda_namngiven(motor)
    rapport = Rapport()
    meddela("Läser och kontrollerar content/ …")
    korpus = ladda_och_validera(rot, rapport, delar, False, från_början)
    sparade: list[bool] = []

    def spara_läsningar() -> None:
        """This run's readings kept for the next (``grund/lasminne``), once: while the sites
        build (the build waits for them then), or as the build stops before that."""
        if not sparade:
            sparade.append(True)
            lasminne.till_disk(projekt.cachemapp(rot))

    if korpus is None or rapport.har_fel(strikt):
        spara_läsningar()
        raise StyrdokFelMedRapport(rapport, strikt)
    rapport.skriv()  # warnings now, before the long work, not after it
    sopor.frys()  # the corpus lives to the end of the build (grund/sopor)
    meddela(f"{_innehåll(korpus)} utan fel ({rapport.summering().partition(', ')[2]})")
    mappar = {variant: rot / "build" / "mkdocs" / variant for variant in SITE_MAPPAR}
    with publicering.stegvis(rot) as stage, källdatum(korpus), contextlib.ExitStack() as stack:
        if från_början:  # (the kept empty folders, build/.stommar/, hold nothing to reuse)
            shutil.rmtree(projekt.cachemapp(rot), ignore_errors=True)
        stack.callback(spara_läsningar)  # after the cache is emptied, however the build ends
        # what the gate searches for, made meanwhile (from nothing, after --från-början)
        förberedelse = stack.enter_context(grind.Förberedelse(korpus, projekt.cachemapp(rot)))
        plan = dokument.planera(korpus, mappar)
        korpus.nedladdningar = _med_dokument(korpus, plan, mappar, bara_webbplatser, meddela)
        webbplatser: dict[str, Webbplats] = {}

        def generera_alla() -> None:
            for variant, mapp in mappar.items():
                behåll = plan.under(mapp) if korpus.nedladdningar else ()
                webbplatser[variant] = generera_sidor(korpus, variant, mapp, behåll)

        if korpus.nedladdningar:  # the pages are generated while the documents render
            meddela("Skapar Word- och PDF-filer …")
            dokument.rendera_leveranser(korpus, mappar, meddela, plan=plan, medan=generera_alla)
        else:
            generera_alla()
        # a site built before from exactly these inputs, and published as it was, is
        # published again as it is (karna/webbplatsminne): read by the gate where it is, and
        # moved over into the new site/ by the swap; the others are built into the stage
        minnen = {
            variant: Webbplatsminne(rot, SITE_MAPPAR[variant], webbplats, strikt)
            for variant, webbplats in webbplatser.items()
        }
        tagna = {
            variant: rot / "site" / SITE_MAPPAR[variant]
            for variant, minne in minnen.items()
            if not från_början and minne.oförändrad()
        }
        mappar_nu = {v: tagna.get(v, stage / SITE_MAPPAR[v]) for v in webbplatser}
        meddela(_vad_som_byggs(tagna, webbplatser))
        granskning: list[grind.Granskning] = []

        def medan() -> None:
            # the gate is made ready while the sites build (what it searches for comes from
            # the sources alone), and reads each site as soon as its pages are written
            spara_läsningar()
            granskning.append(
                grind.Granskning(korpus, stage, projekt.cachemapp(rot), förberedelse.värde(), tagna)
            )
            for variant in tagna:
                granskning[0].läs(variant)

        byggda = _bygg_webbplatser(
            {v: w for v, w in webbplatser.items() if v not in tagna},
            stage,
            rot,
            strikt,
            motor,
            meddela,
            medan=medan,
            kan_läsas=lambda variant: granskning[0].läs(variant),
            klar=lambda variant: granskning[0].läs(variant),  # what came or changed since
            tagna=tagna,
        )
        _finns(mappar_nu)
        meddela("Granskar allt som ska publiceras …")
        _grind(granskning[0])
        try:
            publicering.publicera(rot, stage, [SITE_MAPPAR[v] for v in tagna])
        except publicering.PubliceringsFel:
            for variant in tagna:  # built next time, should moving it be what failed
                minnen[variant].glöm()
            raise
        for variant, minne in minnen.items():
            varningar, återskapbar = byggda.get(variant, (0, True))
            if varningar or not återskapbar:
                minne.glöm()  # built again next time: its warnings seen again, its own code run
            else:
                minne.spara()
    return Byggresultat(rapport, korpus, time.perf_counter() - start)


def _vad_som_byggs(tagna: Collection[str], webbplatser: dict[str, Webbplats]) -> str:
    namn = {PUBLIK: "webbplatsen", INTRANÄT: "intranätet"}
    byggs = " och ".join(namn.get(v, v) for v in webbplatser if v not in tagna)
    tas = " och ".join(namn.get(v, v) for v in webbplatser if v in tagna)
    if not tagna:
        return f"Bygger {byggs} …"
    if not byggs:
        return f"Inget har ändrats sedan förra bygget: {tas} byggs inte om"
    return f"Bygger {byggs} …; {tas} byggs inte om (inget i den har ändrats sedan förra bygget)"


def _med_dokument(
    korpus: Korpus,
    plan: dokument.Plan,
    mappar: dict[str, Path],
    bara_webbplatser: bool,
    meddela: Meddela,
) -> bool:
    """Whether this build publishes the Word and PDF files (and links to them). Always, but
    with ``--bara-webbplatser`` only when an earlier build made them: a published site never
    loses its documents, and never shows a file older than its page."""
    if not bara_webbplatser:
        return True
    if dokument.tidigare_byggda(korpus, plan, mappar):
        meddela(
            "Bara webbplatserna: Word- och PDF-filerna tas ur build/cache/, och bara de som "
            "ändrats eller tillkommit skapas, så att webbplatserna behåller alla sina dokument"
        )
        return True
    meddela(
        "Bara webbplatserna: inga Word- och PDF-filer har skapats än, så webbplatserna byggs "
        "utan dem och utan länkar till dem; styrdok build skapar dem"
    )
    return False


def _grind(granskning: grind.Granskning) -> None:
    """The publish gate (``karna/grind``): a hit anywhere stops the build before the swap."""
    rapport = Rapport()
    granskning.rapportera(rapport)
    if rapport.har_fel():
        raise Publiceringsstopp(rapport)


def _finns(mappar: dict[str, Path]) -> None:
    """Each site is where it is published from (``mappar``: built in the stage, or
    published before and published again as it is): an engine that wrote elsewhere (or
    nothing) must not swap an empty folder in for the published site."""
    for variant, mapp in mappar.items():
        if not (mapp / "index.html").is_file():
            raise StyrdokFel(
                f"webbplatsen ({variant}) byggdes inte: {SITE_MAPPAR[variant]}/index.html "
                "saknas i det nya bygget; inget publicerades och site/ är orörd"
            )


def _innehåll(korpus: Korpus) -> str:
    """ "14 styrdokument, 6 sidor och 8 kvalitetsgarantier": the kinds whose data can be counted."""
    delar = [
        f"{len(d)} {s.namn}"
        for s in korpus.slag
        if hasattr(d := korpus.data.get(s.namn), "__len__")
    ]
    return (
        ", ".join(delar[:-1]) + (" och " if len(delar) > 1 else "") + (delar[-1] if delar else "")
    )


@contextmanager
def källdatum(korpus: Korpus):
    """Make the site engine's dates (sitemap lastmod, gzip mtime) come from the content, not the
    clock, unless SOURCE_DATE_EPOCH is set already: the same content gives the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    senast = max(innehållsdatum(korpus), default=dt.date(2000, 1, 1))
    os.environ["SOURCE_DATE_EPOCH"] = str(
        int(dt.datetime(senast.year, senast.month, senast.day, tzinfo=dt.UTC).timestamp())
    )
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


class StyrdokFelMedRapport(StyrdokFel):
    """The sources have errors: the report has been gathered and nothing was built."""

    def __init__(self, rapport: Rapport, strikt: bool):
        self.rapport = rapport
        antal = rapport.antal_fel + (rapport.antal_varningar if strikt else 0)
        super().__init__(
            f"{antal} {'fel' if not strikt else 'fel och varningar'} i källorna; inget byggdes och site/ är orörd"
        )


class Publiceringsstopp(StyrdokFel):
    """The publish gate found something that must not be published; nothing was."""

    def __init__(self, rapport: Rapport):
        self.rapport = rapport
        super().__init__(
            f"{rapport.antal_fel} fynd i det som skulle publiceras; inget publicerades och site/ "
            "är orörd"
        )
