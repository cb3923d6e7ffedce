"""The page list: every page type the browser tests check exists in both built sites."""

from __future__ import annotations

from . import hjalp


def test_obligatoriska_sidor_finns(webbplatser):
    saknas = [
        s.id + " (" + (s.spec.mönster or "404.html") + ")"
        for s in webbplatser.alla_sidor()
        if s.spec.obligatorisk and s.fil is None
    ]
    assert not saknas, "sidor som webbläsartesterna kräver saknas i bygget: " + ", ".join(saknas)


def test_alla_sidtyper_finns(webbplatser):
    saknas = [
        s.id + " (" + s.spec.mönster + ")"
        for s in webbplatser.alla_sidor()
        if s.spec.namn in hjalp.KOMMANDE and s.fil is None
    ]
    assert not saknas, "sidtyper som ännu saknas i bygget: " + ", ".join(saknas)
