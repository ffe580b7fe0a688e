"""Within-article contradictions between attributed claims, judged pair by pair.

Candidates are the pairs of claims by different speakers ("Trump" and "Donald Trump" are
one) within `WINDOW` claims of each other, so the work per article is linear in its
claims. Each candidate gets one probability from the pair model (`pair_model`), and
the pairs at or above its threshold become events. The kind says how they oppose: a
denial word makes it a `rebuttal`, opposed polarity an `evaluative`, anything else
(numbers, negation, incompatible accounts) `factual`. The subject and the explanation
are made of the claims' own words.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.events import ContradictionEvent, ContradictionKind
from services.contradictions.claims import QuoteClaim, SentenceIndex, contradiction, gist
from services.contradictions.pair_model import PairModel
from services.contradictions.pairs import ClaimView, claim_view, entity_counts, pair_features
from services.contradictions.speakers import same_speaker

WINDOW = 40  # a claim is paired with at most this many claims after it


@dataclass(frozen=True)
class Judged:
    first: ClaimView
    second: ClaimView
    features: dict[str, float]
    probability: float


def candidate_pairs(views: Sequence[ClaimView]) -> Iterator[tuple[ClaimView, ClaimView]]:
    """Pairs of claims by different speakers, each within `WINDOW` claims of the other; claims
    whose texts overlap are one statement found twice, never a pair."""
    for i, first in enumerate(views):
        for second in views[i + 1:i + 1 + WINDOW]:
            if second.claim.claim.start < first.claim.claim.end:
                continue
            if not same_speaker(first.claim.claim.speaker, second.claim.claim.speaker):
                yield first, second


def judge_pairs(article: Article, claims: Sequence[QuoteClaim], doc: Doc, model: PairModel,
                index: SentenceIndex | None = None) -> list[Judged]:
    """Every candidate pair of `claims` with its features and probability, in text order."""
    index = index or SentenceIndex(article.text)
    named = entity_counts(doc)
    views = [claim_view(c, doc, index.index_of(c.claim.start), named) for c in claims]
    judged = []
    for first, second in candidate_pairs(views):
        between = article.text[first.claim.claim.end:second.claim.claim.start]
        features = pair_features(first, second, between)
        judged.append(Judged(first, second, features, model.probability(features)))
    return judged


def kind_of(pair: Judged) -> ContradictionKind:
    if pair.features["denial"]:
        return "rebuttal"
    if pair.features["opposed"] >= 0.3:
        return "evaluative"
    return "factual"


def _who(view: ClaimView) -> str:
    speaker = view.claim.claim.speaker
    if speaker is None:
        return "an unattributed claim"
    return f"{speaker.name} ({view.claim.side})" if view.claim.side and view.claim.side != speaker.name \
        else speaker.name


def subject_of(pair: Judged) -> str:
    """What both claims are about: the entities both name, else the words both use, in the
    order the first claim uses them (at most three)."""
    text = pair.first.claim.claim.text.lower()
    shared = pair.first.entities & pair.second.entities or pair.first.lemmas & pair.second.lemmas
    ordered = sorted(shared, key=lambda word: (text.find(word) if word in text else len(text), word))
    return " ".join(ordered[:3]) or "the same matter"


def explain(pair: Judged, kind: ContradictionKind) -> str:
    """The opposition in the claims' words: who says what, against whom."""
    first, second = pair.first, pair.second
    if kind == "rebuttal" and not first.denial:
        return f"{_who(second)} denies or disputes what {_who(first)} says: \"{gist(first.claim.claim.text)}\"" \
            f" — against \"{gist(second.claim.claim.text)}\""
    verb = {"evaluative": "judges it oppositely to", "factual": "gives a different account from",
            "rebuttal": "disputes"}[kind]
    return (f"{_who(second)} \"{gist(second.claim.claim.text)}\" {verb} "
            f"{_who(first)} \"{gist(first.claim.claim.text)}\"")


def opposed_claims(article: Article, claims: Sequence[QuoteClaim], doc: Doc, model: PairModel,
                   index: SentenceIndex | None = None) -> list[ContradictionEvent]:
    """Events for the pairs the model puts at or above its threshold, most probable first; none,
    without judging, when the threshold is 1 (a model too weak to report anything)."""
    if model.threshold >= 1.0:
        return []
    events = []
    for pair in judge_pairs(article, claims, doc, model, index):
        if pair.probability < model.threshold:
            continue
        kind = kind_of(pair)
        events.append(contradiction(article, kind, subject_of(pair),
                                    (pair.first.claim.claim, pair.second.claim.claim),
                                    pair.probability, explain(pair, kind)))
    return sorted(events, key=lambda e: -e.confidence)
