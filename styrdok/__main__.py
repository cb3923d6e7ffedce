from styrdok.cli import kommando

kommando()
