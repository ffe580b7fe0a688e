"""Within-article detection: the pure functions the contradiction worker calls per article."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.events import ContradictionEvent, QuoteEvent
from schemas.internal import SubjectClaim
from services.contradictions.claims import QuoteClaim, known_speakers, quote_claims, sentences
from services.contradictions.evaluative import evaluative_contradictions
from services.contradictions.evidence import evidence_in
from services.contradictions.heads import head_noun
from services.contradictions.rebuttals import rebuttals_in
from services.contradictions.subjects import fallback_key, story_parties, subject_key, topic_of, topics_in


def find_contradictions(article: Article, quotes: Sequence[QuoteEvent], *,
                        doc: Doc | None = None) -> list[ContradictionEvent]:
    """Evaluative, rebuttal and evidence contradictions within one article.

    `quotes` are the article's quotes (direct and reported) with resolved speakers;
    `doc` is the quote worker's parse of the text, for head-noun subjects (none without it);
    rebuttals and evidence are also found from the text alone, but only quotes give
    the sides an evaluative contradiction needs. Each pair of claims is reported once.
    Raises ValueError when a quote does not belong to `article`.
    """
    claims = quote_claims(article, quotes)
    events = evaluative_contradictions(article, claims, story_parties(article.text), doc)
    directory = known_speakers(quotes)
    for sentence in sentences(article.text):
        events.extend(rebuttals_in(article, sentence, quotes, directory))
        events.extend(evidence_in(article, sentence, directory, doc))
    unique = {event.event_id: event for event in events}
    return sorted(unique.values(), key=lambda e: (e.claims[0].start, e.claims[1].start, e.kind))


def claim_subject(article: Article, claim: QuoteClaim, parties: tuple[str, ...],
                  dominant: str | None, doc: Doc | None) -> str | None:
    """The cross-article key of one claim, first rule that applies:
    1. the topic its content (else its sentence) names: 'talks: North Korea / United States';
    2. its head noun (see `heads.head_noun`) with the article's main country: 'outbreak: Zambia',
       or the topic's key when the noun is a topic word;
    3. the topic the article names most, with the story's parties;
    else None (not stored): a claim with no noun in an article naming no topic and no country.
    """
    if claim.topic is not None:
        return subject_key(claim.topic, parties)
    noun = head_noun(doc, claim.claim.start, claim.claim.end)
    if noun is not None:
        topic = topic_of(noun)
        key = subject_key(topic, parties) if topic else fallback_key(noun, article.text)
        if key is not None:
            return key
    return None if dominant is None else subject_key(dominant, parties)


def subject_claims(article: Article, quotes: Sequence[QuoteEvent], *,
                   doc: Doc | None = None) -> list[SubjectClaim]:
    """The article's quote claims keyed by subject (see `claim_subject`), for cross-article comparison.

    `doc` is the article's parse; without it, claims that name no topic are not keyed by head noun.
    """
    parties = story_parties(article.text)
    dominant = topics_in(article.text).most_common(1)
    fallback = dominant[0][0] if dominant else None
    kept = []
    for claim in quote_claims(article, quotes):
        subject = claim_subject(article, claim, parties, fallback, doc)
        if subject is None:
            continue
        kept.append(SubjectClaim(subject=subject, claim=claim.claim,
                                 polarity=max(-1.0, min(1.0, claim.judgement.polarity)),
                                 published_at=article.published_at))
    return kept
