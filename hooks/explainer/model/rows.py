"""The base of every data model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Row(BaseModel):
    """Unknown keys are mistakes, not silently ignored; rows never change once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)
