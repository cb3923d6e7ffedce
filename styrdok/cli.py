"""The ``styrdok`` command. Swedish help and messages; user mistakes never show a traceback."""

from __future__ import annotations

import argparse
import atexit
import os
import sys
import time
from pathlib import Path

from styrdok import __version__
from styrdok.grund.diagnostik import StyrdokFel

BESKRIVNING = """\
styrdok bygger kommunens styrdokument, författningssamling och mål från Markdown
och YAML i content/ till en publik webbplats (site/public), ett intranät
(site/intranet) och Word- och PDF-filer.

exempel:
  styrdok init forsby                starta en ny kommun i katalogen forsby
  styrdok check                      kontrollera alla källor
  styrdok build                      bygg webbplats, intranät och dokument
  styrdok serve --intranet           förhandsgranska intranätet
  styrdok new riktlinje riktlinje-for-resor
"""


_SVENSKA = {
    "usage: ": "användning: ",
    "options": "flaggor",
    "positional arguments": "argument",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa versionen och avsluta",
    "the following arguments are required: %s": "följande argument saknas: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "invalid %(type)s value: %(value)r": "ogiltigt värde för %(type)s: %(value)r",
    "expected one argument": "ett värde förväntades",
}


def _översätt_argparse() -> None:
    """argparse has no Swedish catalogue; give it ours so help and errors are Swedish."""
    argparse._ = lambda text: _SVENSKA.get(text, text)  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    _översätt_argparse()
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "kommando", None):
        parser.print_help()
        return 2
    try:
        return args.kör(args)
    except StyrdokFel as fel:
        rapport = getattr(fel, "rapport", None)
        if rapport is not None:
            rapport.skriv()
            _summering(rapport)
        print(f"styrdok: {fel}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("styrdok: avbrutet; site/ är orörd", file=sys.stderr)
        return 130


def kommando() -> None:
    """The ``styrdok`` command itself (the console script and ``python -m styrdok``):
    :func:`main`, then out at once. After a build the process holds the whole corpus and
    the caches it read; freeing them object by object on the way out took ~0.1 s at 1,000
    documents, and the operating system takes the memory back anyway. What was written is
    flushed and the exit handlers run (the worker processes see the pipe close and stop)
    first. A test calls :func:`main`, never this. The process is one command's
    (:func:`styrdok.grund.sopor.engångsprocess`), and a signal ends it within 30 s whatever
    gets stuck on the way out (:data:`styrdok.grund.avbrott.UT_EFTER`)."""
    from styrdok.grund import avbrott, sopor

    sopor.engångsprocess()
    avbrott.UT_EFTER = 30.0
    kod = main()
    for ström in (sys.stdout, sys.stderr):
        try:
            ström.flush()
        except (OSError, ValueError):  # a closed pipe (| head): nothing more can be said
            pass
    atexit._run_exitfuncs()
    os._exit(kod)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="styrdok",
        description=BESKRIVNING,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-C",
        "--katalog",
        type=Path,
        default=Path("."),
        metavar="KATALOG",
        help="projektets katalog, den som innehåller content/ (standard: aktuell katalog)",
    )
    parser.add_argument("--version", action="version", version=f"styrdok {__version__}")
    under = parser.add_subparsers(dest="kommando", metavar="KOMMANDO", title="kommandon")

    def kommando(namn: str, hjälp: str, exempel: str, funktion):
        p = under.add_parser(
            namn,
            help=hjälp,
            description=f"{hjälp}\n\nexempel:\n{exempel}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(kör=funktion)
        return p

    p = kommando(
        "init",
        "starta en ny kommun: content/ med kommun.yml och ett exempel av varje slag, .gitignore "
        "och ett CI-exempel, som går att kontrollera och bygga direkt",
        "  styrdok init forsby\n"
        '  styrdok init forsby --kommun "Forsby kommun" --prefix FKFS\n'
        "  cd forsby && styrdok build",
        _init,
    )
    p.add_argument(
        "mål",
        nargs="?",
        type=Path,
        default=None,
        metavar="KATALOG",
        help="katalogen som skapas (standard: projektets katalog, -C)",
    )
    p.add_argument("--kommun", help="kommunens namn (standard: katalogens namn + kommun)")
    p.add_argument("--prefix", help="författningssamlingens förkortning (standard: t.ex. FKFS)")

    p = kommando(
        "check",
        "kontrollera alla källor och skriv varje fel som fil:rad:kolumn",
        "  styrdok check\n  styrdok check --strict    varningar räknas också som fel\n\n"
        "Fel stoppar bygget. Varningar pekar på något som troligen är fel (--strict stoppar på\n"
        "dem). Påminnelser säger vad kommunen har att göra, t.ex. en översyn som passerat; de\n"
        "stoppar aldrig ett bygge.",
        _check,
    )
    p.add_argument("--strict", action="store_true", help="avsluta med fel även vid varningar")

    p = kommando(
        "build",
        "kontrollera och bygg webbplatsen, intranätet och alla dokument",
        "  styrdok build\n  styrdok build --bara-webbplatser\n  styrdok build --från-början\n\n"
        "Allt byggs först i en tillfällig mapp; site/ byts ut först när allt lyckats.\n"
        "Sidor, Word- och PDF-filer vars källor inte ändrats återanvänds ur build/cache/.\n\n"
        "--bara-webbplatser skapar inga Word- och PDF-filer i onödan, men en publicerad\n"
        "webbplats tappar aldrig sina dokument: har ett tidigare bygge skapat dem (de finns i\n"
        "build/cache/ eller i site/) tas de oförändrade ur build/cache/, och bara de som\n"
        "ändrats eller tillkommit skapas, så att varje fil stämmer med sin sida och varje\n"
        "sida har sina nedladdningslänkar. Har inget bygge skapat dem än byggs bara\n"
        "webbplatserna, utan Word- och PDF-filer och utan länkar till dem.",
        _build,
    )
    p.add_argument("--strict", action="store_true", help="avbryt även vid varningar")
    p.add_argument(
        "--bara-webbplatser",
        action="store_true",
        help="bygg webbplatserna utan att skapa Word- och PDF-filer i onödan: de som redan "
        "finns återanvänds och bara ändrade och nya skapas (se nedan)",
    )
    p.add_argument(
        "--från-början",
        "--fran-borjan",
        dest="från_början",
        action="store_true",
        help="töm build/cache/ först och gör om allt (tar längre tid)",
    )

    p = kommando(
        "serve",
        "förhandsgranska webbplatsen lokalt; byggs om när content/ eller templates/ ändras",
        "  styrdok serve\n  styrdok serve --intranet --port 8001\n\n"
        "Sidan i webbläsaren laddas om av sig själv efter varje ändring. Har källorna fel\n"
        "visar varje sida felen (fil:rad:kolumn) tills de är rättade. Inga Word- och PDF-\n"
        "filer skapas: de som finns i build/cache/ från ett tidigare styrdok build länkas,\n"
        "och en rad överst på sidorna säger vilka som saknas.",
        _serve,
    )
    p.add_argument(
        "--intranet", "--intranät", action="store_true", help="förhandsgranska intranätet i stället"
    )
    p.add_argument("--port", type=int, default=8000, help="port (standard 8000)")

    from styrdok.bygg import DELAR

    for format_ in DELAR.dokumentformat:
        p = kommando(
            format_.namn,
            f"skapa {format_.etikett}-filen för ett dokument (ett styrdokument, en rapport ...)",
            f"  styrdok {format_.namn} styrdokument/ekonomi/finanspolicy\n"
            f'  styrdok {format_.namn} "EKFS 2021:3" -o ut/',
            _ett_dokument,
        )
        p.add_argument("id", help="dokumentets id (styrdokument/...) eller KFS-nummer")
        p.add_argument(
            "-o",
            "--ut",
            type=Path,
            default=None,
            help="mapp att skriva till (standard: build/dokument/)",
        )
        p.set_defaults(format=format_)

    for s in DELAR.slag:
        for k in s.kommandon():
            p = kommando(k.namn, k.hjälp, k.exempel, _slagkommando)
            k.argument(p)
            p.set_defaults(slagkommando=k)

    p = kommando(
        "nycklar",
        "visa alla nycklar i alla källfiler, med tillåtna värden och förklaring",
        "  styrdok nycklar\n  styrdok nycklar --markdown > docs/kallformat.md",
        _nycklar,
    )
    p.add_argument(
        "--markdown", action="store_true", help="skriv referensen som Markdown (docs/kallformat.md)"
    )
    return parser


def _meddela(text: str) -> None:
    print(f"styrdok: {text}", file=sys.stderr, flush=True)


def _summering(rapport) -> None:
    print(f"styrdok: {rapport.summering()}", file=sys.stderr)


def _check(args) -> int:
    from styrdok.bygg import kontrollera

    start = time.perf_counter()
    rapport = kontrollera(args.katalog.resolve())
    rapport.skriv()
    _summering(rapport)
    _meddela(f"kontrollen tog {time.perf_counter() - start:.2f} s")
    return 1 if rapport.har_fel(args.strict) else 0


def _build(args) -> int:
    from styrdok.bygg import bygg

    resultat = bygg(
        args.katalog.resolve(),
        strikt=args.strict,
        bara_webbplatser=args.bara_webbplatser,
        från_början=args.från_början,
        meddela=_meddela,
    )
    _summering(resultat.rapport)
    _meddela(f"klart på {resultat.sekunder:.1f} s: site/public och site/intranet")
    return 0


def _serve(args) -> int:
    from styrdok.bygg import DELAR
    from styrdok.karna.webbplats import INTRANÄT, PUBLIK
    from styrdok.webb import forhandsvisning

    variant = INTRANÄT if args.intranet else PUBLIK
    return forhandsvisning.serve(args.katalog.resolve(), DELAR, variant, args.port, _meddela)


def _ett_dokument(args) -> int:
    from styrdok.bygg import ladda_och_validera
    from styrdok.grund.diagnostik import Rapport
    from styrdok.karna.leveranser import rendera_ett

    rapport = Rapport()
    korpus = ladda_och_validera(args.katalog.resolve(), rapport)
    if korpus is None or rapport.har_fel():
        rapport.skriv()
        raise StyrdokFel(f"{rapport.antal_fel} fel i källorna; rätta dem först")
    fil = rendera_ett(korpus, args.id, args.format, args.ut)
    _meddela(f"skapade {fil}")
    return 0


def _slagkommando(args) -> int:
    from styrdok.bygg import DELAR

    args.meddela = _meddela
    kör = args.slagkommando.kör
    if isinstance(kör, str):  # "modul:funktion": loaded only now
        import importlib

        modul, _, namn = kör.partition(":")
        kör = getattr(importlib.import_module(modul), namn)
    return kör(args, DELAR)


def _init(args) -> int:
    import datetime as dt

    from styrdok import nytt_projekt

    katalog = args.mål if args.mål is not None else args.katalog
    filer = nytt_projekt.skapa(katalog, args.kommun, args.prefix, dt.date.today())
    _meddela(f"skapade {len(filer)} filer i {katalog}/")
    print(
        f"Nästa steg:\n  cd {katalog}\n  styrdok check    # kontrollera\n"
        "  styrdok serve    # förhandsgranska på http://127.0.0.1:8000/\n"
        "  styrdok build    # bygg site/public, site/intranet och alla dokument\n"
        "Skriv sedan om exemplen i content/ och börja med content/kommun.yml."
    )
    return 0


def _nycklar(args) -> int:
    """Every key of every source kind, documented from the models' field docstrings."""
    from styrdok.bygg import DELAR
    from styrdok.karna import nycklar
    from styrdok.karna.kommun import kommunmodell

    kommun = kommunmodell(tuple(s.kommunmodell for s in DELAR.slag if s.kommunmodell))
    avsnitt = [("content/kommun.yml", kommun)] + [a for s in DELAR.slag for a in s.modeller()]
    print(nycklar.som_markdown(avsnitt) if args.markdown else nycklar.som_text(avsnitt), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
