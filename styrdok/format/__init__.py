"""Writers that turn a :class:`styrdok.vy.DokumentVy` into PDF and Word files.

* :func:`styrdok.writers.pdf.render_pdf` – tagged PDF/UA-1 via WeasyPrint.
* :func:`styrdok.writers.docx.render_docx` – .docx via python-docx.
* :func:`styrdok.writers.batch.render_alla` – many documents, cached and in parallel.

Both single-document writers take ``mallar``, the templates root (the folder that
holds ``pdf/`` and ``word/``), and raise :class:`styrdok.diagnostics.StyrdokFel`
for every mistake the user can make. Their output is byte-identical for the same
input, so that builds are reproducible and the cache in ``batch`` can be trusted.
"""
