"""The kinds of content, one package each (styrdokument, sidor, kvalitetsgarantier, mal,
sammantraden), each with one object ``SLAG`` that fulfils :class:`styrdok.karna.slag.Slag`.
The composition root ``styrdok/bygg.py`` names them; kinds never import each other."""
