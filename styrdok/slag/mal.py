"""Placeholder: this kind is not implemented yet."""

from . import TomtSlag

SLAG = TomtSlag(namn="mal")
