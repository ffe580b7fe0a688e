"""Hand-built articles and quotes for the contradiction unit tests."""

from __future__ import annotations

from datetime import datetime

from schemas.articles import Article
from schemas.common import Span, Speaker
from schemas.events import QuoteEvent


def article(text: str, *, article_id: str = "a1", source: str | None = "Wire",
            published_at: datetime | None = None) -> Article:
    return Article(id=article_id, text=text, source=source, published_at=published_at)


def quote(doc: Article, content: str, name: str, affiliation: str | None = None, *,
          direct: bool = True, occurrence: int = 0, cue: str | None = None) -> QuoteEvent:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(content, start + 1)
    span = Span(start=start, end=start + len(content), text=content)
    cue_span = None
    if cue is not None:
        at = doc.text.rindex(cue, 0, start) if cue in doc.text[:start] else doc.text.index(cue, span.end)
        cue_span = Span(start=at, end=at + len(cue), text=cue)
    return QuoteEvent(event_id=QuoteEvent.make_id(doc.id, span), article_id=doc.id, content=span, cue=cue_span,
                      speaker=Speaker(name=name, affiliation=affiliation), direct=direct)
