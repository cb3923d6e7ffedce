"""``styrdok serve`` as a user meets it: a subprocess on a free port in a copy of the example.

Every request must be answered within a second, whatever the server is doing: while the
sources have errors every page is a Swedish error page listing them (fil:rad:kolumn), and
the page comes back when they are fixed. The terminal gets Swedish only: no traceback, no
English message from the site engine.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import kopiera_projekt

SIDA = "/styrdokument/ekonomi/finanspolicy/"
KÄLLA = Path("content/styrdokument/ekonomi/finanspolicy.md")
ENGELSKA = re.compile(
    r"Traceback|WARNING|INFO|ERROR|appear stuck|Building|Serving|Reloading|Detected|"
    r"Exception|Error\b|not found"
)


def fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Förhandsgranskning:
    def __init__(self, rot: Path):
        self.port = fri_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "styrdok", "-C", str(rot), "serve", "--port", str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.svarstider: list[float] = []

    def hämta(self, väg: str) -> tuple[int, str, bytes]:
        """(status, content type, body); the request must be answered within a second."""
        start = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{väg}", timeout=2) as svar:
                resultat = svar.status, svar.headers.get("Content-Type", ""), svar.read()
        except urllib.error.HTTPError as fel:
            resultat = fel.code, fel.headers.get("Content-Type", ""), fel.read()
        self.svarstider.append(time.monotonic() - start)
        assert self.svarstider[-1] < 1.0, (
            f"{väg} besvarades först efter {self.svarstider[-1]:.2f} s"
        )
        return resultat

    def vänta(self, väg: str, villkor, gräns: float = 180) -> str:
        """Ask every half second (each answer within a second) until ``villkor(status, html)``."""
        slut = time.monotonic() + gräns
        senast = None
        while time.monotonic() < slut:
            assert self.process.poll() is None, self.avsluta()
            try:
                status, _, kropp = self.hämta(väg)
            except (ConnectionError, urllib.error.URLError):
                status, kropp = None, b""  # not listening yet
            senast = (status, kropp.decode("utf-8", "replace"))
            if status is not None and villkor(*senast):
                return senast[1]
            time.sleep(0.5)
        pytest.fail(f"{väg}: väntade förgäves; sist {senast and senast[0]}\n{self.avsluta()}")

    def avsluta(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            utdata, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            utdata, _ = self.process.communicate()
        return utdata or ""


def byt(fil: Path, gammalt: str, nytt: str) -> None:
    text = fil.read_text(encoding="utf-8")
    assert gammalt in text
    fil.write_text(text.replace(gammalt, nytt, 1), encoding="utf-8")


def test_fel_i_källorna_visas_på_varje_sida_och_sidan_kommer_tillbaka(tmp_path: Path):
    rot = kopiera_projekt(tmp_path / "projekt")
    källa = rot / KÄLLA
    server = Förhandsgranskning(rot)
    try:
        sida = server.vänta(SIDA, lambda status, _: status == 200)
        assert "Finanspolicy" in sida and "/.styrdok/version" in sida
        # never built: no documents in the cache, so no links and a note that says why
        assert "Ladda ner som PDF" not in sida
        assert "Word- och PDF-filerna finns inte i build/cache/" in sida
        assert "styrdok build skapar dem" in sida

        byt(källa, "beslutsinstans: kf", "beslutsinstans: [kf")
        felsida = server.vänta(SIDA, lambda status, _: status == 503)
        assert '<html lang="sv">' in felsida and "Källorna har fel" in felsida
        assert "content/styrdokument/ekonomi/finanspolicy.md:4:17: fel: ogiltig YAML" in felsida
        assert "och spara. Sidan laddas om av sig själv" in felsida
        assert "/.styrdok/version" in felsida
        for annan in ("/", "/forfattningssamling/", "/finns-inte/"):  # every page
            status, typ, kropp = server.hämta(annan)
            assert status == 503 and typ.startswith("text/html")
            assert "finanspolicy.md:4:17: fel:" in kropp.decode("utf-8")
        status, typ, version = server.hämta("/.styrdok/version")
        assert status == 200 and typ.startswith("text/plain") and version

        byt(källa, "beslutsinstans: [kf", "beslutsinstans: kf")
        sida = server.vänta(SIDA, lambda status, _: status == 200)
        assert "Finanspolicy" in sida and "Källorna har fel" not in sida
        assert server.hämta("/.styrdok/version")[2] != version  # open pages reload
        assert server.hämta("/finns-inte/")[0] == 404
    finally:
        utdata = server.avsluta()
    assert "finanspolicy.md:4:17: fel: ogiltig YAML" in utdata
    assert "felen är rättade" in utdata, utdata
    assert not ENGELSKA.search(utdata), utdata
    assert max(server.svarstider) < 1.0


def test_förhandsgranskningen_länkar_dokumenten_som_finns_i_cachen(tmp_path: Path):
    rot = kopiera_projekt(tmp_path / "projekt")
    bygge = subprocess.run(
        [sys.executable, "-m", "styrdok", "-C", str(rot), "build"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert bygge.returncode == 0, bygge.stderr
    pdf = "/filer/styrdokument/ekonomi/finanspolicy.pdf"
    annan_pdf = "/filer/forfattningssamling/2023-2.pdf"
    server = Förhandsgranskning(rot)
    try:
        sida = server.vänta(SIDA, lambda status, _: status == 200)
        assert "Ladda ner som PDF" in sida and "Ladda ner som Word" in sida
        assert "styrdok-forhandsvisning" not in sida  # nothing is missing
        status, typ, data = server.hämta(pdf)
        assert status == 200 and typ == "application/pdf" and data.startswith(b"%PDF")

        byt(rot / KÄLLA, "## Syfte", "## Syftet med policyn")  # its PDF is now out of date
        sida = server.vänta(SIDA, lambda status, html: "Syftet med policyn" in html)
        assert "Ladda ner som PDF" in sida
        assert re.search(r"Förhandsgranskning: \d+ av \d+ Word-", sida)
        assert "styrdok build skapar dem" in sida
        status, typ, kropp = server.hämta(pdf)
        assert status == 404 and "Filen skapas av styrdok build" in kropp.decode("utf-8")
        assert server.hämta(annan_pdf)[2].startswith(b"%PDF")
    finally:
        utdata = server.avsluta()
    assert not ENGELSKA.search(utdata), utdata
