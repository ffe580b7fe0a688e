"""The events the workers publish: entities, quotes, contradictions."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import Field

from schemas.common import Frozen, Span, Speaker, deterministic_id

EVENT_SCHEMA_VERSION: Final = 1
ContradictionKind = Literal["evaluative", "rebuttal", "factual", "evidence", "cross-article"]


class EntityEvent(Frozen):
    """One named entity of an article, with every mention of it."""

    type: Literal["entity"] = "entity"
    schema_version: Literal[1] = EVENT_SCHEMA_VERSION
    event_id: str
    article_id: str
    name: str = Field(description="Canonical name: 'US', 'U.S.' and 'United States' are one entity.")
    label: str = Field(description="spaCy label: PERSON, ORG, GPE, NORP, LOC, ...")
    mentions: tuple[Span, ...]

    @staticmethod
    def make_id(article_id: str, label: str, name: str) -> str:
        return deterministic_id("entity", article_id, label, name)


class QuoteEvent(Frozen):
    """Who said what: one attributed statement, direct or reported."""

    type: Literal["quote"] = "quote"
    schema_version: Literal[1] = EVENT_SCHEMA_VERSION
    event_id: str
    article_id: str
    content: Span
    cue: Span | None = None
    speaker_mention: Span | None = Field(
        default=None, description="The words naming the speaker in this attribution, a pronoun included."
    )
    speaker: Speaker | None = None
    direct: bool

    @staticmethod
    def make_id(article_id: str, content: Span) -> str:
        return deterministic_id("quote", article_id, content.start, content.end)


class Claim(Frozen):
    """One side of a contradiction: a statement located in an article."""

    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    speaker: Speaker | None = None
    source: str | None = Field(default=None, description="The outlet that published the article.")


class ContradictionEvent(Frozen):
    """Two claims that oppose each other, explained and scored."""

    type: Literal["contradiction"] = "contradiction"
    schema_version: Literal[1] = EVENT_SCHEMA_VERSION
    event_id: str
    article_id: str = Field(description="The article whose arrival revealed the contradiction.")
    kind: ContradictionKind
    subject: str
    claims: tuple[Claim, Claim]
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str

    @staticmethod
    def make_id(kind: str, first: Claim, second: Claim) -> str:
        """Order-independent: the same pair of claims is never alerted twice."""
        keys = sorted((c.article_id, c.start, c.end) for c in (first, second))
        return deterministic_id("contradiction", kind, keys)
