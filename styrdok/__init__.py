"""styrdok – kommunens styrdokument, författningssamling och mål som webbplats, Word och PDF."""

__version__ = "0.1.0"
