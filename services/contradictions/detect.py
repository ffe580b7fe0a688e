"""Within-article detection: the pure functions the contradiction worker calls per article."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.events import ContradictionEvent, QuoteEvent
from schemas.internal import SubjectClaim
from services.contradictions.antecedents import Before
from services.contradictions.article_position import dispute_probability, load_position_model, position_features
from services.contradictions.claims import ArticleClaims, SentenceIndex, known_speakers, read_claims
from services.contradictions.evaluative import evaluative_contradictions
from services.contradictions.evidence import evidence_in
from services.contradictions.opposition import opposed_claims
from services.contradictions.pair_model import PairModel, load_pair_model
from services.contradictions.polarity import polarity
from services.contradictions.rebuttals import rebuttals_in
from services.contradictions.reporters import reporting_quotes
from services.contradictions.speakers import same_speaker
from services.contradictions.story import lead_claim, salient_entities, salient_terms
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
    reports = reporting_quotes(quotes)
    by_sentence: dict[int, list[QuoteEvent]] = defaultdict(list)
    for quote in quotes:
        by_sentence[index.index_of(quote.content.start)].append(quote)
    work["sentences"] += len(index.spans)
    for number, sentence in enumerate(index.spans):
        here = by_sentence.get(number, [])
        work["quote_checks"] += len(here)
        before = Before(index.spans[number - 1], by_sentence.get(number - 1, [])) if number else None
        events.extend(rebuttals_in(article, sentence, here, directory, reports, before))
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


def subject_claims(article: Article, *, doc: Doc | None = None,
                   sentences: SentenceIndex | None = None) -> list[SubjectClaim]:
    """The article's lead claim (`story.lead_claim`), filed under every salient entity of its
    story (see `story`), carrying the article's position: how likely it disputes its story
    (`article_position`). A cross-article event pairs two articles' lead claims, so the lead is
    all that other articles need to remember. None without `doc` (the parse names the entities),
    when the article names no entity, or when it has no text past a dateline. `sentences` is
    the article's `SentenceIndex` when the caller has it already.
    """
    if doc is None:
        return []
    entities = salient_entities(doc, outlet=article.source)
    if not entities:
        return []
    lead = lead_claim(article, sentences or SentenceIndex(article.text), doc)
    if lead is None:
        return []
    terms = salient_terms(doc, outlet=article.source)
    features = position_features(article.text)
    position = dispute_probability(features, load_position_model())
    value = max(-1.0, min(1.0, polarity(lead.text)))
    return [SubjectClaim(subject=key, claim=lead, polarity=value, published_at=article.published_at,
                         story_entities=entities, story_terms=terms,
                         article_refutes=features["any_refute"] > 0, article_position=position)
            for key in entities]
