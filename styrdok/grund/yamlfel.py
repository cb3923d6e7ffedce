"""YAML that cannot be read, in Swedish: what libyaml and PyYAML say, translated, and placed
where the mistake is (an unclosed quote, [ or { where it opens, a missing colon at its key).
Used by ``grund.kallfil`` for every source file."""

from __future__ import annotations

import re

import yaml

try:  # the C scanner is several times faster; positions are the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader

from styrdok.grund.sokvag import tecknets_namn

MAX_DJUP = 40  # the deepest nesting of values a source may have (kommun.yml needs four)


class YamlFel(Exception):
    def __init__(self, rad: int, kolumn: int, meddelande: str):
        super().__init__(meddelande)
        self.rad, self.kolumn, self.meddelande = rad, kolumn, meddelande


FEL_ALIAS = "YAML-alias (*namn) stöds inte; skriv ut värdet här i stället"


FEL_DJUP = f"värdena är nästlade i för många nivåer (högst {MAX_DJUP}); gör strukturen plattare"


_ALLMÄNT = "texten kan inte tolkas här; kontrollera indrag, kolon och citattecken"


# What libyaml and PyYAML say (a regular expression over their "problem") → Swedish.
_YAMLFEL = [
    tuple(rad.split(" → "))
    for rad in rf"""
nesting depth → {FEL_DJUP}
undefined alias|second occurrence → {FEL_ALIAS}
alphabetic or numeric → efter & eller * ska ett namn stå; omge värdet med citattecken
expected key|<block end> → indraget stämmer inte: en nyckel (nyckel: värde) förväntades här
'-' indicator → indraget stämmer inte: ett listelement (- ...) förväntades här
sequence entries → ett listelement (- ...) kan inte stå här; börja listan på en ny rad, med indrag
node content → ett värde saknas här
escape|hexdecimal → ogiltigt tecken efter \ inom "..."; skriv \\ för ett bakstreck, eller använd '...'
indentation indicator|line break → efter | och > får bara -, + och en siffra stå; skriv texten under
tag → taggar (!namn) stöds inte; omge värdet med citattecken om det ska börja med !
directive → rader som börjar med % (YAML-direktiv) stöds inte; ta bort raden
another document → filen innehåller flera YAML-dokument; ta bort raden med ---
document start → text efter dokumentets slut (...); ta bort den""".strip().splitlines()
]


def översätt(fel: Exception, text: str) -> tuple[int, int, str]:
    """Line, column (1-based, in ``text``) and the Swedish message for a failed reading: an
    unclosed quote, [ or { where it opens, a missing colon at its key, else where YAML noticed."""
    if isinstance(fel, YamlFel):
        return fel.rad, fel.kolumn, fel.meddelande
    if isinstance(fel, yaml.reader.ReaderError):
        före = text[: fel.position]
        tecken = chr(fel.character) if isinstance(fel.character, int) else str(fel.character)
        namn = tecknets_namn(tecken[:1] or "?")
        meddelande = f"styrtecknet {namn} får inte förekomma; ta bort det"
        return före.count("\n") + 1, len(före) - före.rfind("\n"), f"ogiltig YAML: {meddelande}"
    if not isinstance(fel, yaml.MarkedYAMLError) or not (fel.problem_mark or fel.context_mark):
        return 1, 1, f"ogiltig YAML: {FEL_DJUP if isinstance(fel, RecursionError) else _ALLMÄNT}"
    problem, sammanhang = fel.problem or "", fel.context or ""
    märke = fel.problem_mark or fel.context_mark
    radtext = (text.split("\n")[märke.line :] or [""])[0]
    tecken = radtext[märke.column : märke.column + 1]
    meddelande = next((sv for en, sv in _YAMLFEL if re.search(en, problem + sammanhang)), _ALLMÄNT)
    if "quoted scalar" in sammanhang and "unexpected" in problem:
        märke = fel.context_mark or märke
        meddelande = "citattecknet avslutas aldrig; lägg till det avslutande citattecknet"
    elif "parsing a flow" in sammanhang and (öppen := _öppen_parentes(text)) is not None:
        märke, par = öppen
        meddelande = f"{par[0]} stängs aldrig; lägg till {par[1]} efter det sista värdet"
    elif "parsing a flow" in sammanhang:
        meddelande = "kommatecken saknas mellan värdena, eller ett värde behöver citattecken"
    elif "simple key" in sammanhang:
        märke = fel.context_mark or märke
        meddelande = "kolon saknas efter nyckeln (skriv nyckel: värde)"
    elif problem.startswith("mapping values are not allowed"):
        meddelande = _kolon_i_värde(radtext, märke.column)
    elif tecken == "\t" or "tab character" in problem:
        meddelande = "tabbtecken får inte användas för indrag i YAML; använd mellanslag"
    elif "cannot start any token" in problem:
        meddelande = f"tecknet {tecken} kan inte inleda ett värde; omge värdet med citattecken"
    return märke.line + 1, märke.column + 1, f"ogiltig YAML: {meddelande}"


def _öppen_parentes(text: str) -> tuple[yaml.Mark, str] | None:
    """The innermost [ or { that is never closed (found with the scanner: quotes skipped)."""
    öppna: list[tuple[yaml.Mark, str]] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
                öppna.append((token.start_mark, token.id + ("]" if token.id == "[" else "}")))
            elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken):
                if not öppna or öppna[-1][1][1] != token.id:
                    break
                öppna.pop()
    except yaml.YAMLError:
        pass
    return öppna[-1] if öppna else None


def _kolon_i_värde(radtext: str, kolumn: int) -> str:
    """An unquoted ': ' inside a value; suggest the line with the value in quotes."""
    träff = re.match(r"\s*(?:-\s+)?([^\s:#'\"][^:#]*?):\s+(\S.*?)\s*$", radtext)
    if träff is None or kolumn < träff.start(2):
        return "kolon på fel ställe; omge värdet med citattecken om det innehåller ': '"
    värde = träff[2]
    citerat = "'" + värde.replace("'", "''") + "'" if '"' in värde else f'"{värde}"'
    return f"ett värde med kolon måste stå inom citattecken: skriv {träff[1]}: {citerat}"
