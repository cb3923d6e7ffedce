"""Drawings in a Word part: pictures (DrawingML and the older VML), text boxes, and
charts and SmartArt, which become placeholders. Part of :class:`~.lasare.Läsare`."""

from __future__ import annotations

from styrdok.slag.styrdokument.importera.block import Bild, Segment
from styrdok.slag.styrdokument.importera.paket import R, w

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"


class Ritningar:
    """Needs ``relationer``, ``noteringar``, ``block``, ``_pstil`` and ``_extra`` (the
    blocks read from text boxes, placed after the paragraph that holds them)."""

    def _ritning(self, ritning, ut: list[Segment]) -> None:
        docpr = ritning.find(f".//{{{WP}}}docPr")
        alt = ""
        if docpr is not None:
            alt = (docpr.get("descr") or docpr.get("title") or "").strip()
        data = ritning.find(f".//{{{A}}}graphicData")
        uri = data.get("uri", "") if data is not None else ""
        if uri.endswith("/chart"):
            ut.append(Segment(objekt="ett diagram", text=alt))
            return
        if uri.endswith("/diagram"):
            ut.append(Segment(objekt="en SmartArt-grafik", text=alt))
            return
        hittat = self._textrutor(ritning)
        for blip in ritning.iter(f"{{{A}}}blip"):
            rid = blip.get(f"{{{R}}}embed") or blip.get(f"{{{R}}}link") or ""
            ut.append(Segment(bild=self._bild(rid, alt)))
            hittat = True
        if not hittat:
            self.noteringar["ritobjekt (former, linjer) togs inte med"] += 1

    def _vml(self, el, ut: list[Segment], objekt: bool) -> None:
        hittat = self._textrutor(el)
        for bild in el.iter(f"{{{V}}}imagedata"):
            form = bild.getparent()
            alt = (form.get("alt") or bild.get(f"{{{OFFICE}}}title") or "").strip()
            ut.append(Segment(bild=self._bild(bild.get(f"{{{R}}}id", ""), alt)))
            hittat = True
            if objekt:
                self.noteringar["inbäddade objekt (t.ex. Excel) fördes över som bild"] += 1
        if not hittat:
            self.noteringar["ritobjekt (former, linjer) togs inte med"] += 1

    def _textrutor(self, el) -> bool:
        rutor = [t for t in el.iter(w("txbxContent")) if not _har_förfader(t, el, w("txbxContent"))]
        for ruta in rutor:
            self.noteringar["text i textrutor fördes över som vanliga stycken"] += 1
            sparad = self._pstil, self._extra
            self._extra = []
            block = self.block(ruta)
            self._pstil, self._extra = sparad[0], sparad[1] + block
        return bool(rutor)

    def _bild(self, rid: str, alt: str) -> Bild:
        mål, extern = self.relationer.get(rid, ("", False))
        if extern or not mål:
            return Bild(None, alt, mål)
        return Bild(mål, alt)


def _har_förfader(el, gräns, tagg: str) -> bool:
    förälder = el.getparent()
    while förälder is not None and förälder is not gräns:
        if förälder.tag == tagg:
            return True
        förälder = förälder.getparent()
    return False
