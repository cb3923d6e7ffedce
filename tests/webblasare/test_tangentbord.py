"""Keyboard: Tab through the public start page. The search box and the main content
(via the skip link) must be reachable, and every focused element must show its focus.

Screenshots of focused states go to build/rapporter/fokus*.png.
"""

from __future__ import annotations

from . import hjalp
from .hjalp import öppna

MAX_TABB = 40

MÄRK_FOKUSERBARA = """() => {
  const stil = (el) => { const s = getComputedStyle(el);
    return {outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
            boxShadow: s.boxShadow}; };
  const ofokuserade = {};
  const alla = document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]');
  alla.forEach((el, i) => { el.dataset.fokusNr = String(i); ofokuserade[i] = stil(el); });
  return ofokuserade;
}"""

AKTIVT = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Let focus transitions (e.g. the skip link fading in, the search dropdown opening) finish.
  const animeringar = [el, ...document.querySelectorAll('.md-skip')]
      .flatMap(e => e.getAnimations({subtree: true}));
  await Promise.race([Promise.all(animeringar.map(a => a.finished.catch(() => null))),
                      new Promise(klar => setTimeout(klar, 1000))]);
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const beskrivning = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      (el.getAttribute('href') ? '[href="' + el.getAttribute('href') + '"]' : '');
  return {nr: el.dataset.fokusNr ?? null, beskrivning,
          text: (el.getAttribute('aria-label') || el.textContent || el.value || '')
                  .trim().replace(/\\s+/g, ' ').slice(0, 60),
          outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
          boxShadow: s.boxShadow, opacity: s.opacity,
          synlig: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
                  r.top < innerHeight && r.left < innerWidth,
          sök: el.matches('#styrdok-sokruta-falt, .styrdok-sokruta__knapp'),
          hopplänk: el.matches('.md-skip, [data-md-component="skip"] a'),
          iHuvudinnehåll: !!el.closest('.md-content, article')};
}"""


def _synlig_fokus(aktivt: dict, ofokuserat: dict | None) -> str | None:
    """None when the focus is visible, otherwise why not."""
    if not aktivt["synlig"]:
        return "elementet syns inte (utanför bild eller utan storlek)"
    if float(aktivt["opacity"]) < 0.5:
        return f"elementet är nästan genomskinligt (opacity {aktivt['opacity']})"
    ofokuserat = ofokuserat or {
        "outlineStyle": "none",
        "outlineWidth": "0px",
        "outlineColor": "",
        "boxShadow": "none",
    }
    kontur = (
        aktivt["outlineStyle"] != "none"
        and float(aktivt["outlineWidth"].removesuffix("px") or 0) > 0
    )
    kontur_ändrad = kontur and any(
        aktivt[k] != ofokuserat[k] for k in ("outlineStyle", "outlineWidth", "outlineColor")
    )
    skugga_ändrad = aktivt["boxShadow"] != "none" and aktivt["boxShadow"] != ofokuserat["boxShadow"]
    if kontur_ändrad or skugga_ändrad:
        return None
    return (
        f"ingen synlig fokusmarkering: outline {aktivt['outlineStyle']} {aktivt['outlineWidth']} "
        f"(ofokuserat {ofokuserat['outlineStyle']} {ofokuserat['outlineWidth']}), box-shadow "
        f"{aktivt['boxShadow']} (ofokuserat {ofokuserat['boxShadow']})"
    )


def test_tabb_genom_startsidan(webbplatser, flik):
    hjalp.kräv_verktyg()
    startsida = webbplatser.sida(hjalp.SIDSPECAR[0], hjalp.PUBLIK)
    öppna(flik, webbplatser, startsida)
    ofokuserade = flik.evaluate(MÄRK_FOKUSERBARA)
    hjalp.RAPPORTER.mkdir(parents=True, exist_ok=True)

    besökta: list[dict] = []
    for _ in range(MAX_TABB):
        flik.keyboard.press("Tab")
        aktivt = flik.evaluate(AKTIVT)
        if aktivt is None:
            continue
        if besökta and aktivt["nr"] == besökta[0]["nr"]:
            break  # round trip
        besökta.append(aktivt)
        if aktivt["sök"] and not any(b["sök"] for b in besökta[:-1]):
            flik.screenshot(path=str(hjalp.RAPPORTER / "fokus.png"))
        if aktivt["hopplänk"] and not any(b["hopplänk"] for b in besökta[:-1]):
            flik.screenshot(path=str(hjalp.RAPPORTER / "fokus-hopplank.png"))
        if aktivt["iHuvudinnehåll"] and not any(b["iHuvudinnehåll"] for b in besökta[:-1]):
            flik.screenshot(path=str(hjalp.RAPPORTER / "fokus-innehall.png"))

    ordning = "\n".join(
        f"  {i + 1:2}. {b['beskrivning']} «{b['text']}»" for i, b in enumerate(besökta)
    )
    assert besökta, "Tab flyttade aldrig fokus på startsidan"
    assert any(b["sök"] for b in besökta), (
        f"sökrutan nås inte med Tab inom {MAX_TABB} steg:\n{ordning}"
    )
    assert any(b["hopplänk"] or b["iHuvudinnehåll"] for b in besökta), (
        f"varken hopplänk eller huvudinnehåll nås med Tab inom {MAX_TABB} steg:\n{ordning}"
    )
    osynliga = [
        f"  {b['beskrivning']} «{b['text']}»: {fel}"
        for b in besökta
        if (fel := _synlig_fokus(b, ofokuserade.get(b["nr"]) if b["nr"] is not None else None))
    ]
    assert not osynliga, (
        "fokus syns inte på:\n" + "\n".join(osynliga) + f"\n\nTab-ordning:\n{ordning}"
    )
    hjalp.skriv_rapport("tangentbord.json", {"sida": flik.url, "tabbstopp": besökta})


def test_hopplanken_leder_till_huvudinnehallet(webbplatser, flik):
    """The first Tab stop is the skip link; following it puts the next Tab in the content."""
    hjalp.kräv_verktyg()
    öppna(flik, webbplatser, webbplatser.sida(hjalp.SIDSPECAR[0], hjalp.PUBLIK))
    flik.keyboard.press("Tab")
    första = flik.evaluate(AKTIVT)
    assert första and första["hopplänk"], f"första Tab-stoppet ska vara hopplänken, var {första}"
    flik.keyboard.press("Enter")
    flik.keyboard.press("Tab")
    nästa = flik.evaluate(AKTIVT)
    assert nästa and nästa["iHuvudinnehåll"], (
        f"efter hopplänken ska Tab hamna i huvudinnehållet, hamnade på {nästa}"
    )
