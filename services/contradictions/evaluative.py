"""Evaluative contradictions: two sides judge the same subject with opposed polarity.

A claim takes part only when it has a side (affiliation, or a country speaker),
a topic (see `subjects.TOPICS`), at least one domain evaluative cue (see
`polarity.DOMAIN_LEXICON`) and a polarity of at least `MIN_POLARITY` in size.
One event per topic and pair of sides: the strongest opposed pair, preferring quotes
whose evaluative words sit next to the words naming the topic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations

from schemas.articles import Article
from schemas.events import ContradictionEvent
from services.contradictions.claims import QuoteClaim, contradiction
from services.contradictions.polarity import cue_offsets
from services.contradictions.subjects import subject_key, topic_offsets

MIN_POLARITY = 0.25
NEAR = 60


def _eligible(claim: QuoteClaim) -> bool:
    return (claim.side is not None and claim.topic is not None and claim.judgement.evaluative
            and abs(claim.judgement.polarity) >= MIN_POLARITY)


def _strongest_opposed(first: list[QuoteClaim], second: list[QuoteClaim]) -> tuple[QuoteClaim, QuoteClaim] | None:
    pairs = [(a, b) for a in first for b in second if a.judgement.polarity * b.judgement.polarity < 0]
    if not pairs:
        return None
    return max(pairs, key=lambda p: _weight(p[0]) * _weight(p[1]))


def _weight(claim: QuoteClaim) -> float:
    """How squarely a quote judges its topic: polarity size, doubled when an evaluative cue sits
    within `NEAR` characters of a word naming the topic in the quote ('productive conversations'),
    divided by the square root of its length in words, so a compact verdict beats a long quote
    that also mentions the topic."""
    text, topic = claim.claim.text, claim.topic or ""
    near = any(abs(c - t) <= NEAR for c in cue_offsets(text) for t in topic_offsets(text, topic))
    return abs(claim.judgement.polarity) * (2.0 if near else 1.0) / math.sqrt(max(len(text.split()), 1))


def _describe(claim: QuoteClaim) -> str:
    who = claim.claim.speaker.name if claim.claim.speaker else "someone"
    side = f"{claim.side} ({who})" if claim.side and claim.side != who else who
    return f"{side} calls it {', '.join(claim.judgement.cues[:2])}"


def evaluative_contradictions(article: Article, claims: Sequence[QuoteClaim],
                              parties: tuple[str, ...]) -> list[ContradictionEvent]:
    """Opposed evaluations of one topic by different sides of `article`."""
    by_topic: dict[str, dict[str, list[QuoteClaim]]] = {}
    for claim in filter(_eligible, claims):
        assert claim.topic is not None and claim.side is not None
        by_topic.setdefault(claim.topic, {}).setdefault(claim.side, []).append(claim)
    events = []
    for topic, by_side in sorted(by_topic.items()):
        for side_a, side_b in combinations(sorted(by_side), 2):
            pair = _strongest_opposed(by_side[side_a], by_side[side_b])
            if pair is None:
                continue
            positive, negative = sorted(pair, key=lambda c: -c.judgement.polarity)
            strength = min(abs(positive.judgement.polarity), abs(negative.judgement.polarity))
            explanation = f"On the {topic}: {_describe(positive)}; {_describe(negative)}"
            events.append(contradiction(article, "evaluative", subject_key(topic, parties),
                                        (positive.claim, negative.claim), 0.5 + 0.5 * strength,
                                        explanation))
    return events
