"""Building blocks shared by every event: spans, speakers and deterministic ids."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Frozen(BaseModel):
    """Immutable, strict-shaped model: unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Frozen):
    """A character span of an article's text: `text == article.text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class Speaker(Frozen):
    """Who a statement resolves to, and the country or organisation they speak for."""

    name: str
    affiliation: str | None = None


def deterministic_id(kind: str, *parts: Any) -> str:
    """A stable id for an event: the same inputs always give the same id.

    Reprocessing an article (at-least-once delivery) therefore yields
    byte-identical events, so duplicates are harmless downstream.
    """
    blob = json.dumps([kind, *parts], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]
