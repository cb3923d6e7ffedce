"""axe-core in headless Chromium on every page type of both sites: zero violations of
the WCAG 2.0/2.1 A and AA rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa).

Totals go to build/rapporter/tillganglighet.json (written when the session ends).
"""

from __future__ import annotations

import pytest

from . import hjalp
from .hjalp import öppna

AXE_KÖR = """async (taggar) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: taggar}, resultTypes: ['violations']});
  const kort = (lista) => lista.map(x => ({id: x.id, impact: x.impact, help: x.help, helpUrl: x.helpUrl,
      nodes: x.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))}));
  return {version: axe.version, violations: kort(r.violations),
          passes: r.passes.map(x => x.id), incomplete: r.incomplete.map(x => x.id),
          inapplicable: r.inapplicable.map(x => x.id)};
}"""


@pytest.fixture(scope="session")
def axe_insamling():
    """Collects every page's result; writes the totals report at the end of the session."""
    sidor: list[dict] = []
    yield sidor
    if not sidor:
        return
    regler = sorted({r for s in sidor for r in s["regler_passerade"] + s["regler_overtradda"]})
    hjalp.skriv_rapport(
        "tillganglighet.json",
        {
            "verktyg": f"axe-core {sidor[0]['axe']} i Chromium",
            "taggar": hjalp.AXE_TAGGAR,
            "sidor_kontrollerade": len(sidor),
            "regler_korda": len(regler),
            "regelkontroller_passerade": sum(len(s["regler_passerade"]) for s in sidor),
            "regelkontroller_ej_tillampliga": sum(s["ej_tillampliga"] for s in sidor),
            "regelkontroller_att_granska_manuellt": sum(len(s["att_granska"]) for s in sidor),
            "overtradelser": sum(s["overtradelser"] for s in sidor),
            "sidor": sidor,
        },
    )


def _beskriv(sida: hjalp.Sida, url: str, violations: list[dict]) -> str:
    rader = [f"{sida.id} ({url}): {len(violations)} axe-överträdelser"]
    for v in violations:
        rader.append(f"- {v['id']} [{v['impact']}] {v['help']} ({v['helpUrl']})")
        for n in v["nodes"][:8]:
            rader.append(f"    target: {' '.join(map(str, n['target']))}")
            rader.append(f"    html:   {n['html'][:300]}")
            if n.get("summary"):
                rader.append("    " + n["summary"].replace("\n", "\n    "))
        if len(v["nodes"]) > 8:
            rader.append(f"    … och {len(v['nodes']) - 8} element till")
    return "\n".join(rader)


@pytest.mark.parametrize("spec,variant", hjalp.pytest_parametrar())
def test_axe_inga_overtradelser(spec, variant, webbplatser, flik, axe_insamling):
    hjalp.kräv_verktyg()
    sida = webbplatser.sida(spec, variant)
    if sida.fil is None and not spec.obligatorisk:
        pytest.skip(f"{sida.id}: sidtypen finns inte i bygget än (se test_alla_sidtyper_finns)")
    öppna(flik, webbplatser, sida)
    flik.add_script_tag(path=str(hjalp.AXE))
    r = flik.evaluate(AXE_KÖR, hjalp.AXE_TAGGAR)
    antal = sum(len(v["nodes"]) for v in r["violations"])
    axe_insamling.append(
        {
            "sida": sida.id,
            "url": flik.url.split("/", 3)[-1] or "/",
            "axe": r["version"],
            "regler_passerade": r["passes"],
            "regler_overtradda": [v["id"] for v in r["violations"]],
            "att_granska": r["incomplete"],
            "ej_tillampliga": len(r["inapplicable"]),
            "overtradelser": antal,
        }
    )
    assert not r["violations"], _beskriv(sida, flik.url, r["violations"])
    assert not flik.js_fel, f"{sida.id}: JavaScript-fel på sidan: {flik.js_fel}"
