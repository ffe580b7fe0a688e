"""Within-article detection: the pure functions the contradiction worker calls per article."""

from __future__ import annotations

from collections.abc import Sequence

from schemas.articles import Article
from schemas.events import ContradictionEvent, QuoteEvent
from schemas.internal import SubjectClaim
from services.contradictions.claims import known_speakers, quote_claims, sentences
from services.contradictions.evaluative import evaluative_contradictions
from services.contradictions.rebuttals import evidence_in, rebuttals_in
from services.contradictions.subjects import story_parties, subject_key, topics_in


def find_contradictions(article: Article, quotes: Sequence[QuoteEvent]) -> list[ContradictionEvent]:
    """Evaluative, rebuttal and evidence contradictions within one article.

    `quotes` are the article's quotes (direct and reported) with resolved speakers;
    rebuttals and evidence are also found from the text alone, but only quotes give
    the sides an evaluative contradiction needs. Each pair of claims is reported once.
    Raises ValueError when a quote does not belong to `article`.
    """
    claims = quote_claims(article, quotes)
    events = evaluative_contradictions(article, claims, story_parties(article.text))
    directory = known_speakers(quotes)
    for sentence in sentences(article.text):
        events.extend(rebuttals_in(article, sentence, quotes, directory))
        events.extend(evidence_in(article, sentence, directory))
    unique = {event.event_id: event for event in events}
    return sorted(unique.values(), key=lambda e: (e.claims[0].start, e.claims[1].start, e.kind))


def subject_claims(article: Article, quotes: Sequence[QuoteEvent]) -> list[SubjectClaim]:
    """The article's quote claims keyed by subject, for cross-article comparison.

    A quote's subject is the topic it (or its sentence) names, else the topic the
    article names most; quotes in an article naming no topic are not kept.
    """
    parties = story_parties(article.text)
    dominant = topics_in(article.text).most_common(1)
    fallback = dominant[0][0] if dominant else None
    kept = []
    for claim in quote_claims(article, quotes):
        topic = claim.topic or fallback
        if topic is None:
            continue
        kept.append(SubjectClaim(subject=subject_key(topic, parties), claim=claim.claim,
                                 polarity=max(-1.0, min(1.0, claim.judgement.polarity)),
                                 published_at=article.published_at))
    return kept
