"""The stress set (bench/stress_articles.py) through the quote and contradiction cores, as a property:
the work done, counted rather than timed, stays proportional to the article. Times per KB are
printed by `bench/stress.py`, never asserted here."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from bench.stress_articles import stress_set
from schemas.articles import Article
from services.common.intake import MAX_TEXT_CHARS
from services.common.nlp import load_nlp
from services.contradictions.detect import MAX_EVENTS, find_contradictions, subject_claims
from services.contradictions.evaluative import MAX_PER_SIDE
from services.contradictions.story import SALIENT_ENTITIES
from services.contradictions.subjects import TOPICS
from services.quotes.extract import extract_quotes

SET = list(stress_set(MAX_TEXT_CHARS - 1000))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.parametrize(("name", "text"), SET, ids=[name for name, _ in SET])
def test_work_stays_proportional_to_the_article(nlp: Language, name: str, text: str) -> None:
    doc = nlp(text)
    article = Article(id=f"stress-{name}", text=text)
    quotes = extract_quotes(doc, article_id=article.id)
    assert all(text[q.content.start:q.content.end] == q.content.text for q in quotes)
    work: Counter[str] = Counter()
    events = find_contradictions(article, quotes, doc=doc, work=work)
    assert work["quote_checks"] == len(quotes)  # each quote is looked at in its own sentence, once
    assert 0 < work["sentences"] <= len(text)
    assert work["pairs"] <= MAX_PER_SIDE ** 2 * len(TOPICS)  # bounded, whatever the article's size
    assert len(events) <= MAX_EVENTS
    assert all(text[c.start:c.end] == c.text for e in events for c in e.claims)
    story = subject_claims(article, doc=doc)
    assert len(story) <= SALIENT_ENTITIES  # one lead claim per salient entity


def test_an_article_past_the_event_bound_says_so() -> None:
    name, text = SET[1]
    doc = load_nlp()(text)
    article = Article(id=name, text=text)
    work: Counter[str] = Counter()
    assert len(find_contradictions(article, extract_quotes(doc, article_id=name), doc=doc, work=work)) == MAX_EVENTS
    assert work["bounded"] >= 1
