"""The building blocks of every source model: the strict base class and the value types
that accept what people write (``paragraf: 60``, ``ersätter: EKFS 2019:2``, ``§ 60``)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Modell(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=False, use_attribute_docstrings=True
    )


def _som_lista(värde: Any) -> Any:
    """Let a single value stand for a one-element list (``ersätter: EKFS 2019:2``)."""
    if värde is None:
        return []
    if isinstance(värde, (str, int)):
        return [värde]
    return värde


def _som_text(värde: Any) -> Any:
    """Accept numbers where text is meant (``paragraf: 60``, ``diarienummer: 123``)."""
    if isinstance(värde, bool):
        return värde
    if isinstance(värde, (int, float)):
        return str(värde)
    return värde


def _paragraf(värde: Any) -> Any:
    värde = _som_text(värde)
    if isinstance(värde, str):
        värde = värde.strip().removeprefix("§").strip()
    return värde


Text = Annotated[str, BeforeValidator(_som_text), Field(min_length=1)]


Lista = Annotated[list[Text], BeforeValidator(_som_lista)]


Paragraf = Annotated[str, BeforeValidator(_paragraf), Field(pattern=r"^\d+[a-z]?$")]


ID_MÖNSTER = r"^[a-z0-9][a-z0-9_-]*$"
