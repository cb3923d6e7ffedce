"""Two clean builds of the same content give byte-identical sites, PDF and Word included; so do "
"a\nbuild that reuses the cache and one that starts from nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FALL, kopiera_projekt, summor

from styrdok.bygg import bygg
from styrdok.grund.diagnostik import StyrdokFel
from styrdok.webb import sok


def test_två_rena_byggen_är_identiska(exempelprojekt: Path, tmp_path: Path):
    andra = kopiera_projekt(tmp_path / "andra")
    bygg(andra)
    for variant in ("public", "intranet"):
        första, andra_summor = (
            summor(exempelprojekt / "site" / variant),
            summor(andra / "site" / variant),
        )
        assert första.keys() == andra_summor.keys()
        olika = sorted(k for k in första if första[k] != andra_summor[k])
        assert not olika, f"{variant}: {len(olika)} filer skiljer sig, t.ex. {olika[:5]}"
    antal = len(summor(exempelprojekt / "site"))
    pdf = sum(1 for p in (exempelprojekt / "site").rglob("*.pdf"))
    docx = sum(1 for p in (exempelprojekt / "site").rglob("*.docx"))
    assert antal > 300 and pdf > 50 and docx > 50


def test_bygge_ur_cachen_är_identiskt_med_ett_från_början(tmp_path: Path):
    """The site engine's page cache (build/cache/webbplats/) changes nothing: after edits to a
    document's text, headings and title, a build that reuses the cache gives the same bytes
    as one that makes every page anew, search index included."""
    rot = kopiera_projekt(tmp_path / "projekt")
    bygg(rot, bara_webbplatser=True)
    dok = rot / "content" / "styrdokument" / "ekonomi" / "anvisning-for-representation-och-gavor.md"
    text = dok.read_text(encoding="utf-8").replace(
        "titel: Anvisning för representation och gåvor",
        "titel: Anvisning för representation, gåvor och jubileer",
    )
    dok.write_text(
        text + "\n## Jubileer\n\nVid jubileer gäller samma belopp som för [gåvor](#jubileer).\n",
        encoding="utf-8",
    )
    publik = rot / "content" / "styrdokument" / "ekonomi" / "finanspolicy.md"  # both sites
    publik.write_text(publik.read_text(encoding="utf-8") + "\nEn mening till.\n", "utf-8")
    meddelanden: list[str] = []
    bygg(rot, bara_webbplatser=True, meddela=meddelanden.append)
    ur_cachen = {variant: summor(rot / "site" / variant) for variant in ("public", "intranet")}
    återanvända = [int(m.split(", ")[1].split()[0]) for m in meddelanden if "återanvändes" in m]
    assert len(återanvända) == 2 and min(återanvända) > 90, meddelanden  # the cache was really used
    sida = (
        rot
        / "site"
        / "intranet"
        / "styrdokument"
        / "ekonomi"
        / "anvisning-for-representation-och-gavor"
        / "index.html"
    ).read_text(encoding="utf-8")
    assert "Jubileer" in sida and "representation, gåvor och jubileer" in sida
    sökindex = sok.läs_index(rot / "site" / "intranet")
    assert any("Vid jubileer gäller samma belopp" in post["content"] for post in sökindex)

    bygg(rot, bara_webbplatser=True, från_början=True)
    for variant, före in ur_cachen.items():
        efter = summor(rot / "site" / variant)
        assert före.keys() == efter.keys()
        olika = sorted(k for k in före if före[k] != efter[k])
        assert not olika, f"{variant}: {len(olika)} filer skiljer sig, t.ex. {olika[:5]}"


def test_sida_med_varning_sparas_inte_så_att_strict_fortfarande_slår_till(skrapkommun: Path):
    """A page that made the site engine warn is never taken from the cache: the warning, and
    --strict's refusal, come back on every build."""
    (skrapkommun / "content" / "styrdokument" / "policy-for-test.md").write_text(
        (FALL / "styrdokument" / "okand-nyckel.md")
        .read_text(encoding="utf-8")
        .replace("galler_for", "gäller_för")
        + "\nSe [rubriken som saknas](#finns-inte).\n",
        encoding="utf-8",
    )
    bygg(skrapkommun, bara_webbplatser=True)
    with pytest.raises(StyrdokFel):
        bygg(skrapkommun, bara_webbplatser=True, strikt=True)


def test_egen_hook_stänger_av_sidcachen(tmp_path: Path):
    """Code the cache cannot see into (a project's own page hook) turns it off: the hook's
    change appears once, never twice, however many builds."""
    rot = kopiera_projekt(tmp_path / "projekt")
    (rot / "hooks" / "egen.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    return output.replace('</body>', '<p class=\"egen\">Egen rad</p></body>')\n",
        encoding="utf-8",
    )
    konfig = rot / "mkdocs.yml"
    konfig.write_text(
        konfig.read_text(encoding="utf-8").replace(
            "  - hooks/styrdok_hooks.py\n", "  - hooks/styrdok_hooks.py\n  - hooks/egen.py\n"
        ),
        encoding="utf-8",
    )
    meddelanden: list[str] = []
    for _ in range(2):
        bygg(rot, bara_webbplatser=True, meddela=meddelanden.append)
    assert (rot / "site" / "public" / "index.html").read_text(encoding="utf-8").count(
        "Egen rad"
    ) == 1
    assert (
        sum("sidcachen används inte" in m and "egen" in m for m in meddelanden) == 4
    )  # 2 sites × 2 builds


def test_ändrad_plugininställning_gör_om_sidorna(tmp_path: Path):
    """Every plugin's settings are part of the key: a project that turns the theme's own
    search on (styrdok's sites have none, they are searched with Pagefind) changes every
    page's settings, so nothing may come from the cache."""
    rot = kopiera_projekt(tmp_path / "projekt")
    bygg(rot, bara_webbplatser=True)
    konfig = rot / "mkdocs.yml"
    text = konfig.read_text(encoding="utf-8")
    assert "\nplugins: []\n" in text
    konfig.write_text(
        text.replace("\nplugins: []\n", "\nplugins:\n  - search:\n      lang: sv\n"),
        encoding="utf-8",
    )
    meddelanden: list[str] = []
    bygg(rot, bara_webbplatser=True, meddela=meddelanden.append)
    återanvända = [m for m in meddelanden if "återanvändes" in m]
    assert len(återanvända) == 2 and all(m.endswith(" 0 återanvändes") for m in återanvända), (
        återanvända
    )
    assert (rot / "site" / "public" / "search" / "search_index.json").is_file()


def test_samma_bytes_oavsett_pythons_hashfrö(tmp_path: Path):
    """Two builds in processes with different hash seeds (the order a set or a dict of
    strings is walked in may differ between them) give the same bytes: nothing published
    depends on the order of a set."""
    import os
    import subprocess
    import sys

    webbplatser = {}
    for frö in ("1", "2"):
        rot = kopiera_projekt(tmp_path / f"frö-{frö}")
        miljö = {**os.environ, "PYTHONHASHSEED": frö}
        körning = subprocess.run(
            [sys.executable, "-m", "styrdok", "-C", str(rot), "build", "--bara-webbplatser"],
            env=miljö,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert körning.returncode == 0, körning.stderr[-2000:]
        webbplatser[frö] = {v: summor(rot / "site" / v) for v in ("public", "intranet")}
    for variant in ("public", "intranet"):
        ett, två = webbplatser["1"][variant], webbplatser["2"][variant]
        assert ett.keys() == två.keys()
        olika = sorted(k for k in ett if ett[k] != två[k])
        assert not olika, f"{variant}: {len(olika)} filer skiljer sig, t.ex. {olika[:5]}"
