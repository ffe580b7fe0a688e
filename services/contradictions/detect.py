"""Within-article detection: the pure functions the contradiction worker calls per article."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.events import ContradictionEvent, QuoteEvent
from schemas.internal import SubjectClaim
from services.contradictions.article_position import dispute_probability, load_position_model
from services.contradictions.claims import ArticleClaims, known_speakers, read_claims
from services.contradictions.evaluative import evaluative_contradictions
from services.contradictions.evidence import evidence_in
from services.contradictions.opposition import opposed_claims
from services.contradictions.pair_model import PairModel, load_pair_model
from services.contradictions.pairs import has_negation
from services.contradictions.polarity import polarity
from services.contradictions.positions import refutes
from services.contradictions.rebuttals import rebuttals_in
from services.contradictions.speakers import same_speaker
from services.contradictions.story import outlet_claims, salient_entities, salient_terms
from services.contradictions.subjects import story_parties
from services.quotes.layout import without_datelines

MAX_EVENTS = 20  # per article; an article past it keeps its most confident events


def find_contradictions(article: Article, quotes: Sequence[QuoteEvent], *, doc: Doc | None = None,
                        model: PairModel | None = None, work: Counter[str] | None = None,
                        read: ArticleClaims | None = None) -> list[ContradictionEvent]:
    """Contradictions within one article, each pair of claims once, in text order (at most
    `MAX_EVENTS`: the most confident).

    Two ways in, one score each: pairs of attributed claims judged by the pair model
    (`opposition`; needs `doc`, the quote worker's parse), and the wordings the rules
    recognise (`evaluative`, `rebuttals`, `evidence`). A pair whose two speakers are one
    entity under two names is dropped. `quotes` are the article's quotes with resolved
    speakers. Raises ValueError when a quote does not belong to `article`.

    The work is linear in the article: sentences are split once, each quote is looked at in its
    own sentence only, and every pairing is bounded. `work`, when given, counts what was looked
    at ("sentences", "quote_checks", "pairs") and the bounds hit ("bounded"), so tests can hold
    the work to the size of the input without timing it. `read` is `read_claims(article, quotes)`
    when the caller has it already.
    """
    work = Counter() if work is None else work
    index, claims = read or read_claims(article, quotes)
    parties = story_parties(without_datelines(article.text))
    events = evaluative_contradictions(article, claims, parties, doc, work=work)
    directory = known_speakers(quotes)
    by_sentence: dict[int, list[QuoteEvent]] = defaultdict(list)
    for quote in quotes:
        by_sentence[index.index_of(quote.content.start)].append(quote)
    work["sentences"] += len(index.spans)
    for number, sentence in enumerate(index.spans):
        here = by_sentence.get(number, [])
        work["quote_checks"] += len(here)
        events.extend(rebuttals_in(article, sentence, here, directory))
        events.extend(evidence_in(article, sentence, directory, doc))
    if doc is not None:
        events.extend(opposed_claims(article, claims, doc, model or load_pair_model(), index))
    best: dict[tuple[tuple[int, int], ...], ContradictionEvent] = {}
    for event in events:
        first, second = event.claims
        if same_speaker(first.speaker, second.speaker):
            continue
        key = tuple(sorted(((first.start, first.end), (second.start, second.end))))
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    ranked = sorted(best.values(), key=lambda e: (-e.confidence, e.claims[0].start, e.claims[1].start))
    work["bounded"] += len(ranked) > MAX_EVENTS
    return sorted(ranked[:MAX_EVENTS], key=lambda e: (e.claims[0].start, e.claims[1].start, e.kind))


MAX_STORY_QUOTES = 5


def subject_claims(article: Article, quotes: Sequence[QuoteEvent], *,
                   doc: Doc | None = None, read: ArticleClaims | None = None) -> list[SubjectClaim]:
    """The article's claims for cross-article comparison, each filed under every salient entity
    of the article's story (see `story`): what the outlet asserts (headline, lead, refuting
    sentences) and up to `MAX_STORY_QUOTES` quotes that refute or negate something. Each
    carries the article's position: how likely it disputes its story (`article_position`). None without
    `doc` (the parse names the entities) or when the article names no entity. `read` as in
    `find_contradictions`.
    """
    if doc is None:
        return []
    entities = salient_entities(doc, outlet=article.source)
    terms = salient_terms(doc, outlet=article.source)
    if not entities:
        return []
    index, claims_of_quotes = read or read_claims(article, quotes)
    quoted = [c.claim for c in claims_of_quotes
              if c.claim.speaker is not None and (refutes(c.claim.text) or has_negation(c.claim.text))]
    outlet = outlet_claims(article, index)
    claims = sorted({(c.start, c.end): c for c in [*outlet, *quoted[:MAX_STORY_QUOTES]]}.values(),
                    key=lambda c: (c.start, c.end))
    refuting = any(refutes(c.text) for c in claims)
    position = dispute_probability(article.text, load_position_model())
    polarities = [max(-1.0, min(1.0, polarity(claim.text))) for claim in claims]
    return [SubjectClaim(subject=key, claim=claim, polarity=value,
                         published_at=article.published_at, story_entities=entities, story_terms=terms,
                         article_refutes=refuting, article_position=position)
            for claim, value in zip(claims, polarities, strict=True) for key in entities]
