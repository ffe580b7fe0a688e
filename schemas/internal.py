"""Topics between workers and the failure topic: not for end users, still versioned."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from pydantic import Field, model_validator

from schemas.articles import Article
from schemas.common import Frozen
from schemas.events import Claim, QuoteEvent

INTERNAL_SCHEMA_VERSION: Final = 1
# A bundle carries the text, its quotes and its parse (about 3.5 times the text), so its
# size limit is this many times the article limit; its topic is created to allow it.
BUNDLE_SIZE_FACTOR: Final = 8
# delivery_failed: `counterclaim notify` gave up on a webhook (after its retries, or on a refusal).
# too_slow: a worker spent more than its per-article time budget on it.
FailureReason = Literal["invalid_utf8", "invalid_json", "invalid_schema", "empty_text", "too_large",
                        "too_slow", "delivery_failed"]


class QuotedArticle(Frozen):
    """An article with all its quotes and its parse, from the quote worker to the others.

    One message per article, so the contradiction worker sees an article's quotes
    together and never waits for stragglers, and the entity worker reads the parse
    instead of parsing again: each article is parsed once in the whole pipeline.
    """

    type: Literal["quoted-article"] = "quoted-article"
    schema_version: Literal[1] = INTERNAL_SCHEMA_VERSION
    article: Article
    quotes: tuple[QuoteEvent, ...]
    parse: str = Field(
        min_length=1,
        description="The quote worker's spaCy parse of the text (tokens, lemmas, tags, dependencies, "
        "entities): DocBin bytes (msgpack), base64.",
    )


class SubjectClaim(Frozen):
    """A claim re-keyed by its subject, so cross-article comparison sees all claims on a subject."""

    type: Literal["subject-claim"] = "subject-claim"
    schema_version: Literal[1] = INTERNAL_SCHEMA_VERSION
    subject: str = Field(description="The story key this copy is filed under: one of `story_entities`.")
    claim: Claim
    polarity: float = Field(ge=-1.0, le=1.0)
    published_at: datetime | None = None
    story_entities: tuple[str, ...] = Field(default=(), description="The article's salient entities.")
    story_terms: tuple[str, ...] = Field(default=(), description="The article's salient content lemmas.")
    article_refutes: bool = Field(default=False, description="Whether the article refutes something (a hoax, "
                                  "a denial) in its own words or a quote.")
    article_position: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="How likely the article disputes the claim its story is about (the article-position "
                    "model); None in messages written before positions were carried, which never alert.")


class StoryClaims(Frozen):
    """An article's claims filed under one story key: one message per article and key on the
    subject-claims topic (version 1 carried one `SubjectClaim` per message)."""

    type: Literal["story-claims"] = "story-claims"
    schema_version: Literal[2] = 2
    subject: str = Field(description="The story key, also the message key: one of the claims' `story_entities`.")
    claims: tuple[SubjectClaim, ...] = Field(min_length=1, description="The article's claims filed under "
                                             "`subject`, in text order.")

    @model_validator(mode="after")
    def _one_subject(self) -> StoryClaims:
        if any(c.subject != self.subject for c in self.claims):
            raise ValueError("every claim must be filed under the message's subject")
        return self


class DeadLetter(Frozen):
    """An input a worker could not accept, with where it came from and why."""

    type: Literal["dead-letter"] = "dead-letter"
    schema_version: Literal[1] = INTERNAL_SCHEMA_VERSION
    event_id: str
    worker: str
    reason: FailureReason
    detail: str
    topic: str
    partition: int
    offset: int
    key: str | None = None
    payload_base64: str = Field(description="The original bytes, or their first `payload_limit` bytes.")
    payload_size: int = Field(ge=0)
    payload_truncated: bool
    failed_at: datetime
