"""Spela in och jämför exemplets utdata: ett skyddsnät för omskrivningar som inte får ändra något.

.venv/bin/python scripts/utdata_golden.py spela-in UT.json
.venv/bin/python scripts/utdata_golden.py jämför UT.json
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

KÄLLOR = ("content", "templates", "hooks", "mkdocs.yml")  # as tests/conftest.py kopiera_projekt
EPOK = "1795000000"  # fixed SOURCE_DATE_EPOCH: "today" and all build dates are constant
SITER = ("site/public", "site/intranet")
SIDMAPPAR = ("build/mkdocs/publik", "build/mkdocs/intranät")
TEXTFILER = (".xml", ".csv", ".ics")
MAX_DIFFRADER = 40
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KÄRNFÄLT = {
    "title": "dc",
    "subject": "dc",
    "creator": "dc",
    "language": "dc",
    "created": "dcterms",
    "modified": "dcterms",
}
NS = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
WTECKEN = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n"}
PDFFÄLT = ("Title", "Subject", "Author", "Pages", "Tagged", "CreationDate", "ModDate")


class Fel(Exception):
    """A Swedish message for the user; exits with status 2."""


# --- building ---------------------------------------------------------------------------------


def bygg(projekt: Path, tmp: Path) -> None:
    """Copy the project's sources into ``tmp`` and build them with the project's own CLI."""
    for namn in KÄLLOR:
        (shutil.copytree if (projekt / namn).is_dir() else shutil.copy)(projekt / namn, tmp / namn)
    miljö = dict(os.environ, SOURCE_DATE_EPOCH=EPOK, TZ="UTC")
    # Import styrdok from --projekt (e.g. another worktree), not only from the installed copy.
    miljö["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(projekt), os.environ.get("PYTHONPATH")])
    )
    kommando = [sys.executable, "-m", "styrdok", "-C", str(tmp), "build"]
    körning = subprocess.run(kommando, env=miljö, cwd=tmp, capture_output=True, text=True)
    if körning.returncode != 0:
        raise Fel(
            f"bygget misslyckades (status {körning.returncode}):\n{körning.stdout}{körning.stderr}"
        )


# --- normalizers ------------------------------------------------------------------------------


def rader(text: str) -> str:
    """Collapse whitespace on every line and drop empty lines."""
    return "\n".join(r for r in (" ".join(rad.split()) for rad in text.splitlines()) if r)


class Huvudtext(html.parser.HTMLParser):
    """Text of the first <article> (else <main>, else the whole page), one line per block."""

    BLOCK = {
        "p",
        "div",
        "li",
        "tr",
        "td",
        "th",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "table",
        "ul",
        "ol",
        "dt",
        "dd",
        "blockquote",
        "section",
        "figcaption",
    }

    def __init__(self, mål: str | None):
        super().__init__(convert_charrefs=True)
        self.mål, self.djup, self.klar, self.hoppa, self.delar = mål, 0, False, 0, []

    def inne(self) -> bool:
        return self.mål is None or (self.djup > 0 and not self.klar)

    def handle_starttag(self, tag, attrs):
        if tag == self.mål and not self.klar:
            self.djup += 1
        if tag in ("script", "style"):
            self.hoppa += 1
        if tag in self.BLOCK and self.inne():
            self.delar.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hoppa = max(0, self.hoppa - 1)
        if tag in self.BLOCK and self.inne():
            self.delar.append("\n")
        if tag == self.mål and self.djup > 0 and not self.klar:
            self.djup -= 1
            self.klar = self.djup == 0

    def handle_data(self, data):
        if self.inne() and not self.hoppa:
            self.delar.append(data)


def html_text(text: str) -> str:
    mål = "article" if "<article" in text else "main" if "<main" in text else None
    tolk = Huvudtext(mål)
    tolk.feed(text)
    tolk.close()
    return rader("".join(tolk.delar))


def sökindex(text: str) -> str:
    poster = json.loads(text).get("docs", [])
    poster = [
        {"location": p.get("location"), "title": p.get("title"), "text": p.get("text")}
        for p in poster
    ]
    poster.sort(key=lambda p: (p["location"] or "", p["title"] or "", p["text"] or ""))
    return json.dumps(poster, ensure_ascii=False, indent=1, sort_keys=True)


def kör(kommando: list[str]) -> str:
    körning = subprocess.run(kommando, capture_output=True, env=dict(os.environ, TZ="UTC"))
    if körning.returncode != 0:
        raise Fel(f"{' '.join(kommando)} misslyckades: {körning.stderr.decode(errors='replace')}")
    return körning.stdout.decode("utf-8", errors="replace")


def pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fil:
        fil.write(data)
        fil.flush()
        info = kör(["pdfinfo", "-isodates", fil.name])
        text = kör(["pdftotext", "-layout", fil.name, "-"])
    fält = dict(rad.split(":", 1) for rad in info.splitlines() if ":" in rad)
    meta = [f"{namn}: {fält.get(namn, '').strip()}" for namn in PDFFÄLT]
    return "\n".join(meta) + "\n----\n" + rader(text)


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as arkiv:
        dokument = ET.fromstring(arkiv.read("word/document.xml"))
        namn = set(arkiv.namelist())
        kärna = (
            ET.fromstring(arkiv.read("docProps/core.xml"))
            if "docProps/core.xml" in namn
            else ET.Element("x")
        )
    meta = [
        f"{namn}: {kärna.findtext(f'{prefix}:{namn}', '', NS)}" for namn, prefix in KÄRNFÄLT.items()
    ]
    # Every w:p in document order, which includes the paragraphs inside table cells.
    stycken = [
        "".join(
            (e.text or "") if e.tag == f"{W}t" else WTECKEN.get(e.tag, "") for e in stycke.iter()
        )
        for stycke in dokument.iter(f"{W}p")
    ]
    return "\n".join(meta) + "\n----\n" + "\n".join(stycken)


def zip_text(data: bytes) -> str:
    ut = []
    with zipfile.ZipFile(io.BytesIO(data)) as arkiv:
        for namn in sorted(arkiv.namelist()):
            innehåll, tolk = (
                arkiv.read(namn),
                {".pdf": pdf_text, ".docx": docx_text}.get(Path(namn).suffix),
            )
            summa = hashlib.sha256(innehåll).hexdigest()
            ut.append(f"== {namn}\n{tolk(innehåll)}" if tolk else f"== {namn} sha256={summa}")
    return "\n".join(ut)


def normalisera(fil: Path) -> str | None:
    """The recorded form of one output file, or None when it is not recorded."""
    binär = {".pdf": pdf_text, ".docx": docx_text, ".zip": zip_text}
    if fil.suffix in binär:
        return binär[fil.suffix](fil.read_bytes())
    if fil.name == "search_index.json" and fil.parent.name == "search":
        return sökindex(fil.read_text(encoding="utf-8"))
    if "pagefind" in fil.parts:  # the search index: a page's fragment as its JSON, no binaries
        if fil.suffix != ".pf_fragment":
            return None
        text = gzip.decompress(fil.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd")
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True)
    if fil.suffix == ".json":
        return json.dumps(
            json.loads(fil.read_text(encoding="utf-8")),
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
    if fil.suffix == ".html":
        return html_text(fil.read_text(encoding="utf-8"))
    return fil.read_text(encoding="utf-8") if fil.suffix in TEXTFILER else None


# --- snapshot and comparison ------------------------------------------------------------------


def filer_under(rot: Path, mappar: tuple[str, ...]) -> list[Path]:
    return sorted(
        f for m in mappar if (rot / m).is_dir() for f in (rot / m).rglob("*") if f.is_file()
    )


def ögonblicksbild(rot: Path) -> dict:
    utdata = {
        f.relative_to(rot).as_posix(): f.read_text(encoding="utf-8")
        for f in filer_under(rot, SIDMAPPAR)
        if f.suffix == ".md"
    }
    sitefiler = filer_under(rot, SITER)
    for fil in sitefiler:
        text = normalisera(fil)
        if text is not None:
            utdata[fil.relative_to(rot).as_posix()] = text
    return {
        "epok": EPOK,
        "filer": [f.relative_to(rot).as_posix() for f in sitefiler],
        "utdata": utdata,
    }


def skillnader(gammal: dict, ny: dict) -> list[str]:
    rapport = []
    alla_gamla = set(gammal["filer"]) | set(gammal["utdata"])
    alla_nya = set(ny["filer"]) | set(ny["utdata"])
    rapport += [f"bara i ögonblicksbilden: {s}" for s in sorted(alla_gamla - alla_nya)]
    rapport += [f"bara i det nya bygget: {s}" for s in sorted(alla_nya - alla_gamla)]
    # A file present on both sides but recorded on only one compares against empty text.
    for sökväg in sorted(alla_gamla & alla_nya):
        före, efter = gammal["utdata"].get(sökväg, ""), ny["utdata"].get(sökväg, "")
        if före == efter:
            continue
        diff = list(
            difflib.unified_diff(
                före.splitlines(),
                efter.splitlines(),
                "ögonblicksbild",
                "nytt bygge",
                n=2,
                lineterm="",
            )
        )
        if len(diff) > MAX_DIFFRADER:
            diff = diff[:MAX_DIFFRADER] + [f"... ({len(diff) - MAX_DIFFRADER} rader till)"]
        rapport.append(f"ändrad: {sökväg}\n" + "\n".join("    " + r for r in diff))
    return rapport


def bygg_och_läs(args) -> dict:
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        raise Fel(
            "pdftotext/pdfinfo saknas; installera poppler-utils (apt-get install poppler-utils)"
        )
    projekt = args.projekt.resolve()
    saknas = [namn for namn in KÄLLOR if not (projekt / namn).exists()]
    if saknas:
        raise Fel(f"{projekt} saknar {', '.join(saknas)}; ange projektet med --projekt")
    tmp = Path(tempfile.mkdtemp(prefix="styrdok-golden-"))
    try:
        start = time.monotonic()
        bygg(projekt, tmp)
        bild = ögonblicksbild(tmp)
        print(f"byggt och läst på {time.monotonic() - start:.0f} s", file=sys.stderr)
        return bild
    finally:
        if args.behåll:
            print(f"byggmappen finns kvar: {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def spela_in(args) -> int:
    bild = bygg_och_läs(args)
    args.fil.write_text(
        json.dumps(bild, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(
        f"ögonblicksbild sparad i {args.fil}: {len(bild['utdata'])} filer inspelade, "
        f"{len(bild['filer'])} filer i site/"
    )
    return 0


def jämför(args) -> int:
    if not args.fil.is_file():
        raise Fel(f"{args.fil} finns inte; kör spela-in först")
    gammal = json.loads(args.fil.read_text(encoding="utf-8"))
    ny = bygg_och_läs(args)
    rapport = skillnader(gammal, ny)
    for rad in rapport:
        print(rad)
    if rapport:
        print(f"utdata ändrade: {len(rapport)} skillnader", file=sys.stderr)
        return 1
    print(f"utdata oförändrade: {len(set(ny['filer']) | set(ny['utdata']))} filer jämförda")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Spela in exemplets utdata (sidor, webbplatser, PDF, Word) "
        "normaliserat och jämför ett senare bygge med inspelningen."
    )
    under = parser.add_subparsers(dest="kommando", required=True, metavar="KOMMANDO")
    for namn, funktion, hjälp in (
        ("spela-in", spela_in, "bygg exemplet och spara en ögonblicksbild i FIL"),
        ("jämför", jämför, "bygg exemplet igen och jämför med ögonblicksbilden i FIL"),
    ):
        p = under.add_parser(namn, help=hjälp, description=hjälp)
        p.set_defaults(funktion=funktion)
        p.add_argument("fil", type=Path, metavar="FIL", help="ögonblicksbilden (JSON)")
        p.add_argument(
            "--projekt",
            type=Path,
            default=Path(__file__).resolve().parent.parent,
            help="projektets katalog (standard: förrådets rot)",
        )
        p.add_argument(
            "--behåll",
            action="store_true",
            help="behåll den tillfälliga byggmappen och skriv ut var den finns",
        )
    args = parser.parse_args(argv)
    try:
        return args.funktion(args)
    except Fel as fel:
        print(f"utdata_golden: {fel}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
