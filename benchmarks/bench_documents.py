"""Benchmark of styrdok's PDF and Word writers (a script, not a test).

Measures in one run, on documents it generates itself (Swedish prose, a few
A4 pages each):

a) PDF time per page: styrdok's render_pdf against raw WeasyPrint on the very
   same HTML and CSS, both plain ``write_pdf()`` and with the same PDF/UA
   options (target: ratio ≤ 1.10 against the latter);
b) 100 documents through batch.render_alla with 2 workers against 1
   (target: ≥ 1.7× faster);
c) Word per document against ``pandoc doc.md -o doc.docx`` on the same
   Markdown (target: ≥ 3× faster);
d) peak RSS of this process and of the worker processes.

Prints a Markdown table. Example::

    python benchmarks/bench_documents.py            # defaults, a few minutes
    python benchmarks/bench_documents.py --dokument 20 --upprepningar 3   # quick
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from weasyprint import CSS, HTML

from styrdok.bygg import DOKUMENTFORMAT
from styrdok.format.docx import render_docx
from styrdok.format.exempel import lång_vy
from styrdok.format.hamtare import BegränsadHämtare
from styrdok.format.html import markdown_till_html
from styrdok.format.pdf import PDF_ALTERNATIV, bygg_html, lägg_till_scope, läs_stilmall, render_pdf
from styrdok.karna.rendering import Jobb, render_alla

PDF = next(f for f in DOKUMENTFORMAT if f.namn == "pdf")

MALLAR = Path(__file__).resolve().parents[1] / "templates"


def argument() -> argparse.Namespace:
    tolk = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    tolk.add_argument(
        "--sidor", type=int, default=3, help="ungefärligt antal sidor per dokument (3)"
    )
    tolk.add_argument(
        "--dokument", type=int, default=100, help="antal dokument i batchmätningen (100)"
    )
    tolk.add_argument("--upprepningar", type=int, default=15, help="upprepningar för a och c (15)")
    tolk.add_argument("--behåll", type=Path, help="spara genererade filer i den här katalogen")
    return tolk.parse_args()


def tider(funktioner: dict[str, object], upprepningar: int) -> dict[str, float]:
    """Median wall time per function, interleaved round by round after a warm-up.

    Interleaving keeps a change in machine load from favouring one contender.
    """
    for funktion in funktioner.values():
        funktion()
    uppmätt: dict[str, list[float]] = {namn: [] for namn in funktioner}
    for _ in range(upprepningar):
        for namn, funktion in funktioner.items():
            start = time.perf_counter()
            funktion()
            uppmätt[namn].append(time.perf_counter() - start)
    return {namn: statistics.median(värden) for namn, värden in uppmätt.items()}


def sidantal(pdf: Path) -> int:
    import pikepdf  # a test dependency; only the benchmark needs it

    with pikepdf.open(pdf) as dokument:
        return len(dokument.pages)


def mät_pdf(rot: Path, sidor: int, upprepningar: int) -> dict[str, float]:
    vy = lång_vy(rot / "a", sidor)
    katalog = MALLAR / "pdf"
    brödtext = markdown_till_html(vy)
    html = bygg_html(vy, brödtext, katalog)
    css = läs_stilmall(katalog)
    tillåtna = {vy.logotyp.resolve()}
    bas = vy.källfil.parent.as_uri() + "/"
    ut = rot / "a.pdf"

    def styrdok_pdf() -> None:
        render_pdf(vy, ut, MALLAR)

    def rå(**alternativ) -> None:
        HTML(string=html, base_url=bas, url_fetcher=BegränsadHämtare(tillåtna)).write_pdf(
            stylesheets=[CSS(string=css)], **alternativ
        )

    uppmätt = tider(
        {
            "styrdok": styrdok_pdf,
            "rå": rå,
            "rå_ua": lambda: rå(finisher=lägg_till_scope, **PDF_ALTERNATIV),
        },
        upprepningar,
    )
    sidor_faktiskt = sidantal(ut)
    return {"sidor": sidor_faktiskt, **{namn: t / sidor_faktiskt for namn, t in uppmätt.items()}}


def mät_batch(rot: Path, antal: int, sidor: int) -> dict[str, float]:
    jobb = [
        Jobb(lång_vy(rot / "källor" / str(i), sidor, i), PDF, rot / "ut" / f"{i}.pdf", MALLAR)
        for i in range(antal)
    ]
    tider = {}
    for arbetare in (1, 2):
        cache = rot / f"cache-{arbetare}"
        start = time.perf_counter()
        resultat = render_alla(jobb, cache, arbetare=arbetare, framsteg=None)
        tider[arbetare] = time.perf_counter() - start
        assert resultat.lyckades and len(resultat.renderade) == antal, resultat.fel[:3]
    start = time.perf_counter()
    omkörning = render_alla(jobb, rot / "cache-2", arbetare=2, framsteg=None)
    tider["cache"] = time.perf_counter() - start
    assert not omkörning.renderade
    return tider


def mät_word(rot: Path, sidor: int, upprepningar: int) -> dict[str, float]:
    vy = lång_vy(rot / "w", sidor)
    markdown = rot / "dok.md"
    markdown.write_text(f"# {vy.titel}\n\n{vy.brödtext}", encoding="utf-8")
    funktioner = {"styrdok": lambda: render_docx(vy, rot / "styrdok.docx", MALLAR)}
    if shutil.which("pandoc"):
        funktioner["pandoc"] = lambda: subprocess.run(
            ["pandoc", str(markdown), "-o", str(rot / "pandoc.docx")], check=True
        )
    return tider(funktioner, upprepningar)


def topp_rss_mb(vem: int) -> float:
    return resource.getrusage(vem).ru_maxrss / 1024  # KiB on Linux


def rad(mått: str, värde: str, mål: str, ok: bool | None) -> str:
    status = "–" if ok is None else ("ja" if ok else "**nej**")
    return f"| {mått} | {värde} | {mål} | {status} |"


def main() -> None:
    arg = argument()
    with tempfile.TemporaryDirectory(prefix="styrdok-bench-") as tmp:
        rot = arg.behåll or Path(tmp)
        rot.mkdir(parents=True, exist_ok=True)
        print(
            f"Mäter på {os.cpu_count()} processorer (belastning {os.getloadavg()[0]:.1f}), "
            f"{arg.sidor} sidor per dokument …",
            file=sys.stderr,
        )
        pdf = mät_pdf(rot / "pdf", arg.sidor, arg.upprepningar)
        word = mät_word(rot / "word", arg.sidor, arg.upprepningar)
        batch = mät_batch(rot / "batch", arg.dokument, arg.sidor)

    kvot_ua = pdf["styrdok"] / pdf["rå_ua"]
    kvot_rå = pdf["styrdok"] / pdf["rå"]
    uppsnabbning = batch[1] / batch[2]
    rader = [
        "| Mått | Värde | Mål | Uppfyllt |",
        "|---|---|---|---|",
        rad(
            f"PDF per sida, styrdok ({pdf['sidor']} sidor)",
            f"{pdf['styrdok'] * 1000:.0f} ms",
            "",
            None,
        ),
        rad(
            "PDF per sida, WeasyPrint samma HTML, PDF/UA-1",
            f"{pdf['rå_ua'] * 1000:.0f} ms",
            "",
            None,
        ),
        rad(
            "PDF per sida, WeasyPrint samma HTML, write_pdf()",
            f"{pdf['rå'] * 1000:.0f} ms",
            "",
            None,
        ),
        rad(
            "Kvot styrdok / WeasyPrint (samma PDF/UA-alternativ)",
            f"{kvot_ua:.2f}",
            "≤ 1,10",
            kvot_ua <= 1.10,
        ),
        rad("Kvot styrdok / WeasyPrint (utan taggning)", f"{kvot_rå:.2f}", "", None),
        rad(f"{arg.dokument} PDF, 1 arbetare", f"{batch[1]:.1f} s", "", None),
        rad(f"{arg.dokument} PDF, 2 arbetare", f"{batch[2]:.1f} s", "", None),
        rad("Uppsnabbning 2 mot 1 arbetare", f"{uppsnabbning:.2f}×", "≥ 1,7×", uppsnabbning >= 1.7),
        rad(f"{arg.dokument} PDF, allt från cachen", f"{batch['cache']:.2f} s", "", None),
        rad("Word per dokument, styrdok", f"{word['styrdok'] * 1000:.0f} ms", "", None),
    ]
    if "pandoc" in word:
        faktor = word["pandoc"] / word["styrdok"]
        rader += [
            rad("Word per dokument, pandoc", f"{word['pandoc'] * 1000:.0f} ms", "", None),
            rad("styrdok snabbare än pandoc", f"{faktor:.1f}×", "≥ 3×", faktor >= 3),
        ]
    else:
        rader.append(rad("Word mot pandoc", "pandoc saknas", "≥ 3×", None))
    rader += [
        rad("Topp-RSS, huvudprocessen", f"{topp_rss_mb(resource.RUSAGE_SELF):.0f} MB", "", None),
        rad(
            "Topp-RSS, största barnprocess",
            f"{topp_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB",
            "",
            None,
        ),
    ]
    print("\n".join(rader))
    print(
        f"\nSystembelastning efteråt (1 min): {os.getloadavg()[0]:.1f} på {os.cpu_count()} processorer; "
        "siffrorna för parallellism betyder bara något på en annars ledig maskin."
    )


if __name__ == "__main__":
    main()
