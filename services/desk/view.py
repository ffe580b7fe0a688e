"""A contradiction event as the page shows it: plain data, built once when the alert arrives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from schemas.events import Claim, ContradictionEvent
from services.desk.context import context_window


@dataclass(frozen=True)
class ArticleText:
    """What the desk keeps of an article: its text, where its sentences are, and who published it."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class ClaimView:
    speaker: str | None
    side: str | None
    outlet: str | None
    article_id: str
    title: str | None
    quote: str
    before: str  # article text before the quote ("" when the article is not at hand)
    after: str
    clipped_before: bool
    clipped_after: bool
    in_context: bool  # False: the article text was not available, `quote` is the claim alone


@dataclass(frozen=True)
class AlertView:
    event_id: str
    kind: str
    subject: str
    confidence: float
    explanation: str
    # ISO 8601, UTC: the alert's Kafka timestamp. The workers give their outputs the timestamp of
    # the raw article behind them, so this is when the article that revealed the alert came in,
    # the pipeline's latency (usually well under a second) before the alert itself.
    arrived_at: str
    article_id: str
    claims: tuple[ClaimView, ClaimView]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


ArticleLookup = Callable[[str], ArticleText | None]


def alert_view(event: ContradictionEvent, arrived_at: datetime, article: ArticleLookup) -> AlertView:
    """The view of `event`; `article(id)` gives the cached text of an article, or None."""
    first, second = event.claims
    return AlertView(
        event_id=event.event_id,
        kind=event.kind,
        subject=event.subject,
        confidence=round(event.confidence, 3),
        explanation=event.explanation,
        arrived_at=arrived_at.isoformat(timespec="seconds"),
        article_id=event.article_id,
        claims=(claim_view(first, article(first.article_id)), claim_view(second, article(second.article_id))),
    )


def claim_view(claim: Claim, article: ArticleText | None) -> ClaimView:
    """One side of the alert; shown in context only when the article's text still holds the claim."""
    speaker = claim.speaker
    context = None
    if article is not None and article.text[claim.start:claim.end] == claim.text:
        context = context_window(article.text, article.sentences, claim.start, claim.end)
    return ClaimView(
        speaker=speaker.name if speaker else None,
        side=speaker.affiliation if speaker else None,
        outlet=claim.source or (article.source if article else None),
        article_id=claim.article_id,
        title=article.title if article else None,
        quote=context.quote if context else claim.text,
        before=context.before if context else "",
        after=context.after if context else "",
        clipped_before=context.clipped_before if context else False,
        clipped_after=context.clipped_after if context else False,
        in_context=context is not None,
    )
