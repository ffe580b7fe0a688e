"""Which story an article tells, and what its outlet itself asserts, for cross-article use.

A story is named by the article's salient entities (the people, organisations and places
it names most, people by surname) and its salient terms (its content lemmas of highest
tf-idf, with document frequencies counted on training text: `idf.json`, built by
`bench/build_idf.py`). Two articles tell the same story when they share a salient entity
and the cosine of their salient terms, weighted by idf, is at least `SAME_STORY`: shared
specific words count, shared broad ones ("election", "said", "talks") count for little.
`SAME_STORY` was chosen on train text: on FNC-1 train bodies whose positions we labelled,
0.3 kept only 77 of 200 opposed same-claim pairs, and every pair of different components
that 0.25 lets in (14) was one story; on 840 PolNeAR train articles 0.25 and 0.3 alert alike
(1 cross-article event), while 0.2 alerts 5 times, mostly across unrelated campaign stories.
What the outlet asserts in its own voice is its lead claim: the text's first sentence that
states something (its headline line, where the text starts with its headline; offsets must
index the text, so a title given apart from it is not used), passing over a dateline, a
question or a verbless hook ("Nope."). That is the claim a cross-article event shows, for
display only: the article's position on its story is read from its whole text
(`article_position`).
Limits: English; entity names as the small model finds them; no time window here (the
caller ages claims out).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.common import Speaker
from schemas.events import Claim
from services.contradictions.claims import SentenceIndex, is_assertion, span_claim
from services.contradictions.pairs import CONTENT_POS, ENTITY_LABELS, entity_key
from services.quotes.layout import dateline_end

SALIENT_ENTITIES = 4
SALIENT_TERMS = 30
SAME_STORY = 0.25
LEAD_SENTENCES = 3  # where an outlet states its story: a headline line, a dateline, a lead
_EDITORS_LINE = re.compile(r"(?:update[ds]?|editor['\u2019]?s note|correction|clarification)\b", re.IGNORECASE)
IDF_FILE = Path(__file__).with_name("idf.json")


@functools.cache
def _idf_table() -> tuple[dict[str, float], float]:
    data = json.loads(IDF_FILE.read_text(encoding="utf-8"))
    return data["idf"], float(data["max_idf"])


def idf(term: str) -> float:
    """How specific a lemma is: log(documents / documents using it) on training text."""
    table, highest = _idf_table()
    return table.get(term, highest)


def term_lemmas(doc: Doc) -> list[str]:
    """The lowercased lemmas of the content words of `doc`, in order, repeats kept."""
    return [t.lemma_.lower() for t in doc if t.pos_ in CONTENT_POS and not t.is_stop and len(t.text) > 1
            and any(c.isalnum() for c in t.text)]


def _outlet_words(outlet: str | None) -> frozenset[str]:
    return frozenset((outlet or "").lower().split())


def salient_entities(doc: Doc, limit: int = SALIENT_ENTITIES, *, outlet: str | None = None) -> tuple[str, ...]:
    """The entities the article names most, most named first (ties: the first named first);
    the outlet's own name (in a dateline or byline) is not part of its story."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    own = _outlet_words(outlet)
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            key = entity_key(ent.text, ent.label_)
            if key and not set(key.split()) <= own:
                counts[key] += 1
                first.setdefault(key, ent.start)
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k]))
    return tuple(ranked[:limit])


def salient_terms(doc: Doc, limit: int = SALIENT_TERMS, *, outlet: str | None = None) -> tuple[str, ...]:
    """The `limit` lemmas of highest tf-idf in `doc`, highest first, the outlet's name left out."""
    own = _outlet_words(outlet)
    counts = Counter(term for term in term_lemmas(doc) if term not in own)
    return tuple(sorted(counts, key=lambda t: (-counts[t] * idf(t), t))[:limit])


def story_similarity(first: Sequence[str], second: Sequence[str]) -> float:
    """Cosine of two sets of salient terms, each term weighted by its idf."""
    shared = sum(idf(t) ** 2 for t in set(first) & set(second))
    norm = math.sqrt(sum(idf(t) ** 2 for t in set(first)) * sum(idf(t) ** 2 for t in set(second)))
    return shared / norm if norm else 0.0


def same_story(first: Sequence[str], second: Sequence[str], first_terms: Sequence[str],
               second_terms: Sequence[str]) -> bool:
    """Two articles' salient entities and terms name one story (see the module docstring)."""
    return bool(set(first) & set(second)) and story_similarity(first_terms, second_terms) >= SAME_STORY


def lead_claim(article: Article, index: SentenceIndex, doc: Doc | None = None) -> Claim | None:
    """What the outlet asserts under its own name (the speaker is the outlet, when the article
    names it): the first of its first `LEAD_SENTENCES` sentences, datelines left out, that
    states something: not a question or an editor's line ("Update at 5:38 p.m."), and with a
    verb where `doc` (its parse) is given, so not "Nope." or "The Tampa, Fla." (a sentence cut
    at an abbreviation).
    When none does, the first that is not empty."""
    outlet = Speaker(name=article.source) if article.source else None
    candidates = [span_claim(article, max(start, dateline_end(article.text, start)), end, outlet)
                  for start, end in index.spans[:LEAD_SENTENCES]]
    candidates = [claim for claim in candidates if claim.text]
    stating = (claim for claim in candidates if _states_something(claim, doc))
    return next(stating, candidates[0] if candidates else None)


def _states_something(claim: Claim, doc: Doc | None) -> bool:
    if not is_assertion(claim.text, None) or _EDITORS_LINE.match(claim.text):
        return False
    words = doc.char_span(claim.start, claim.end, alignment_mode="expand") if doc is not None else None
    return words is None or any(token.pos_ in ("VERB", "AUX") for token in words)
