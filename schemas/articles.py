"""The input topic: raw articles as newsrooms and analysts publish them."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, field_validator

ARTICLE_SCHEMA_VERSION: Final = 1
ARTICLE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,255}$"


class Article(BaseModel):
    """A raw article on `raw-articles`, keyed by `id`.

    Unknown fields are ignored so that producers may add their own metadata.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(pattern=ARTICLE_ID_PATTERN, description="Stable article id; also the message key.")
    text: str = Field(min_length=1, description="The full article text; all offsets index into it.")
    title: str | None = None
    source: str | None = Field(default=None, description="The outlet or desk that published it.")
    url: str | None = None
    published_at: datetime | None = Field(
        default=None, description="Publication time (ISO 8601); used for end-to-end lag."
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("text is blank")
        return text
