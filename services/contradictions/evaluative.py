"""Evaluative contradictions: two sides judge the same subject with opposed polarity.

A claim takes part only when it has a side (affiliation, or a country speaker),
at least one domain evaluative cue (see `polarity.DOMAIN_LEXICON`), a polarity of
at least `MIN_POLARITY` in size, and a subject: the topic it names (see
`subjects.TOPICS`), else its head noun (see `heads.head_noun`; "the funds were far
too small" is about funds), mapped to its topic when it is a topic word.
The two sides must be the story's two parties (the countries it names most, datelines left
out), so that both claims are about the same act between the same parties, not merely the
same topic word.
One event per subject and pair of sides: the strongest opposed pair, preferring quotes
whose evaluative words sit next to the words naming the subject. The key names the
two sides when both are countries, else the story's parties.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.events import ContradictionEvent
from services.common.countries import canonical_country
from services.contradictions.calibration import rule_confidence
from services.contradictions.claims import QuoteClaim, contradiction
from services.contradictions.heads import head_noun
from services.contradictions.polarity import cue_offsets
from services.contradictions.subjects import TOPICS, subject_key, topic_of, topic_offsets

MIN_POLARITY = 0.25
MAX_PER_SIDE = 20
NEAR = 60


def _eligible(claim: QuoteClaim) -> bool:
    return (claim.side is not None and claim.judgement.evaluative
            and abs(claim.judgement.polarity) >= MIN_POLARITY)


def subject_of(claim: QuoteClaim, doc: Doc | None) -> str | None:
    """The claim's topic, else its head noun in `doc` (as its topic when the noun is a topic word)."""
    if claim.topic is not None:
        return claim.topic
    noun = head_noun(doc, claim.claim.start, claim.claim.end)
    return None if noun is None else topic_of(noun) or noun


def _subject_offsets(text: str, subject: str) -> list[int]:
    if subject in TOPICS:
        return topic_offsets(text, subject)
    return [m.start() for m in re.finditer(rf"\b{re.escape(subject)}", text, re.IGNORECASE)]


def _parties(first: QuoteClaim, second: QuoteClaim, story: tuple[str, ...]) -> tuple[str, ...]:
    sides = (first.side or "", second.side or "")
    if all(canonical_country(side) == side for side in sides):
        return tuple(sorted(sides))
    return story


def _strongest_opposed(first: list[QuoteClaim], second: list[QuoteClaim],
                       subject: str) -> tuple[QuoteClaim, QuoteClaim] | None:
    pairs = [(a, b) for a in first for b in second if a.judgement.polarity * b.judgement.polarity < 0]
    if not pairs:
        return None
    return max(pairs, key=lambda p: _weight(p[0], subject) * _weight(p[1], subject))


def _strongest(claims: list[QuoteClaim], work: Counter[str]) -> list[QuoteClaim]:
    work["bounded"] += len(claims) > MAX_PER_SIDE
    return sorted(claims, key=lambda c: -abs(c.judgement.polarity))[:MAX_PER_SIDE]


def _weight(claim: QuoteClaim, subject: str) -> float:
    """How squarely a quote judges its topic: polarity size, doubled when an evaluative cue sits
    within `NEAR` characters of a word naming the topic in the quote ('productive conversations'),
    divided by the square root of its length in words, so a compact verdict beats a long quote
    that also mentions the topic."""
    text = claim.claim.text
    near = any(abs(c - t) <= NEAR for c in cue_offsets(text) for t in _subject_offsets(text, subject))
    return abs(claim.judgement.polarity) * (2.0 if near else 1.0) / math.sqrt(max(len(text.split()), 1))


def _describe(claim: QuoteClaim) -> str:
    who = claim.claim.speaker.name if claim.claim.speaker else "someone"
    side = f"{claim.side} ({who})" if claim.side and claim.side != who else who
    return f"{side} calls it {', '.join(claim.judgement.cues[:2])}"


def evaluative_contradictions(article: Article, claims: Sequence[QuoteClaim], parties: tuple[str, ...],
                              doc: Doc | None = None, *, work: Counter[str] | None = None) -> list[ContradictionEvent]:
    """Opposed evaluations of one subject by different sides of `article` (`doc`: its parse).
    Each side keeps its `MAX_PER_SIDE` strongest verdicts on a subject, so pairing is bounded."""
    work = Counter() if work is None else work
    by_topic: dict[str, dict[str, list[QuoteClaim]]] = {}
    for claim in filter(_eligible, claims):
        subject = subject_of(claim, doc)
        if subject is not None and claim.side is not None:
            by_topic.setdefault(subject, {}).setdefault(claim.side, []).append(claim)
    events = []
    for topic, by_side in sorted(by_topic.items()):
        for side_a, side_b in combinations(sorted(by_side), 2):
            if side_a not in parties or side_b not in parties:
                continue  # a topic word alone is no shared matter: the two sides must be its parties
            first, second = _strongest(by_side[side_a], work), _strongest(by_side[side_b], work)
            work["pairs"] += len(first) * len(second)
            pair = _strongest_opposed(first, second, topic)
            if pair is None:
                continue
            positive, negative = sorted(pair, key=lambda c: -c.judgement.polarity)
            explanation = f"On the {topic}: {_describe(positive)}; {_describe(negative)}"
            events.append(contradiction(article, "evaluative", subject_key(topic, _parties(*pair, parties)),
                                        (positive.claim, negative.claim), rule_confidence("evaluative"),
                                        explanation))
    return events
