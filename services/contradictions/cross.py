"""Cross-article detection: a new claim against the remembered claims on its subject."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from schemas.events import Claim, ContradictionEvent
from schemas.internal import SubjectClaim
from services.contradictions.claims import side_of
from services.contradictions.compare import Judge
from services.contradictions.features import content_words, tokens
from services.contradictions.negation import flipped_words
from services.contradictions.polarity import evaluation

CROSS_THRESHOLD = 0.8
FLIP_THRESHOLD = 0.5
MIN_SHARED_WORDS = 2
OPPOSED_POLARITY = 0.5


def other_source(first: Claim, second: Claim) -> bool:
    """True when the claims come from different outlets (different articles when neither has one)."""
    if first.article_id == second.article_id:
        return False
    if first.source is None and second.source is None:
        return True
    return first.source != second.source


def _who(claim: Claim) -> str:
    speaker = claim.speaker.name if claim.speaker else "an unattributed claim"
    return f"{speaker} ({claim.source})" if claim.source else speaker


def _shared_words(first: str, second: str) -> int:
    return len(_content_words(first) & _content_words(second))


@functools.lru_cache(maxsize=4096)  # a remembered claim is compared with every new one on its subject
def _content_words(text: str) -> frozenset[str]:
    return frozenset(content_words(tokens(text)))


def _opposed_evaluations(old: SubjectClaim, new: SubjectClaim) -> float:
    """0, or 0.5 + half the weaker polarity when two sides judge the subject with domain
    evaluative words and opposed polarity of at least `OPPOSED_POLARITY`."""
    sides = side_of(old.claim.speaker), side_of(new.claim.speaker)
    if None in sides or sides[0] == sides[1]:
        return 0.0
    weaker = min(abs(old.polarity), abs(new.polarity))
    if old.polarity * new.polarity >= 0 or weaker < OPPOSED_POLARITY:
        return 0.0
    if not (evaluation(old.claim.text).evaluative and evaluation(new.claim.text).evaluative):
        return 0.0
    return 0.5 + 0.5 * weaker


def _score(old: SubjectClaim, new: SubjectClaim, judge: Judge) -> tuple[float, str]:
    """How strongly `new` opposes `old` (0 when it does not), and how, in words."""
    evaluative = _opposed_evaluations(old, new)
    judged = 0.0
    if _shared_words(old.claim.text, new.claim.text) >= MIN_SHARED_WORDS:
        judged = judge(old.claim.text, new.claim.text)
        flipped = flipped_words(old.claim.text, new.claim.text)
        judged = judged if judged >= (FLIP_THRESHOLD if flipped else CROSS_THRESHOLD) else 0.0
    if evaluative >= judged:
        return evaluative, "evaluates it oppositely to"
    return judged, "contradicts"


def _publication(claims: Sequence[SubjectClaim]) -> tuple[float, str]:
    """Sort key of an article: its publication time (undated first), then its id."""
    published = claims[0].published_at
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (published.timestamp() if published else float("-inf"), claims[0].claim.article_id)


def _canonical(new: SubjectClaim, mine: Sequence[SubjectClaim], theirs: Sequence[SubjectClaim],
               judge: Judge) -> tuple[SubjectClaim, SubjectClaim, float, str] | None:
    """The one contradicting pair of two articles: the first claim (in text order) of the later
    article that opposes any claim of the earlier one, with the claim it opposes most. None as
    soon as it is clear that the pair cannot include `new`, one of `mine`, to spare the judge."""
    later, earlier = sorted((mine, theirs), key=_publication, reverse=True)
    for claim in sorted(later, key=lambda c: (c.claim.start, c.claim.end)):
        scored = [(_score(old, claim, judge), old) for old in sorted(earlier, key=lambda c: c.claim.start)]
        (score, how), partner = max(scored, key=lambda item: item[0][0])
        if score > 0:
            return claim, partner, score, how
        if claim is new:
            return None
    return None


def cross_contradictions(new: SubjectClaim, prior: Sequence[SubjectClaim], *,
                         judge: Judge) -> list[ContradictionEvent]:
    """Events for remembered articles on the same subject, from another source, that `new` opposes.

    Three ways to oppose: the claims evaluate the subject oppositely (see `_opposed_evaluations`);
    they share at least `MIN_SHARED_WORDS` content words and the judge scores the pair at least
    `CROSS_THRESHOLD`, stricter than `compare.THRESHOLD` because claims on one subject are mostly
    unrelated statements, where the judge's false-positive rate is far above its rate on curated
    pairs; or they share those words, one negates a word the other asserts (see `negation`), and
    the judge scores at least `FLIP_THRESHOLD`, the usual decision threshold, since a negation
    flip already shows the claims are about the same thing.

    Two articles yield at most one event per subject, whichever claim arrives: the pair chosen by
    `_canonical` over the claims of both articles known so far, reported only when `new` is in it.
    So an article's later claims, and republished articles, add no event, provided each article's
    claims arrive in text order and the earlier-published article is complete when the later one
    arrives (as when outlets publish one after another).
    """
    known = {(c.claim.article_id, c.claim.start, c.claim.end): c for c in prior if c.subject == new.subject}
    known[(new.claim.article_id, new.claim.start, new.claim.end)] = new
    by_article: dict[str, list[SubjectClaim]] = {}
    for claim in known.values():
        by_article.setdefault(claim.claim.article_id, []).append(claim)
    mine = by_article.pop(new.claim.article_id)
    events = []
    for article_id in sorted(by_article):
        theirs = by_article[article_id]
        if not other_source(theirs[0].claim, new.claim):
            continue
        found = _canonical(new, mine, theirs, judge)
        if found is None or new not in found[:2]:
            continue
        first, second, score, how = found
        old = second if first is new else first
        events.append(ContradictionEvent(
            event_id=ContradictionEvent.make_id("cross-article", old.claim, new.claim),
            article_id=new.claim.article_id, kind="cross-article", subject=new.subject,
            claims=(old.claim, new.claim), confidence=round(min(1.0, score), 4),
            explanation=f"On {new.subject}: {_who(new.claim)} {how} {_who(old.claim)}"))
    return sorted(events, key=lambda e: -e.confidence)


def remember(prior: Sequence[SubjectClaim], new: SubjectClaim, *, max_claims: int,
             max_age_seconds: float, now: datetime) -> list[SubjectClaim]:
    """The claims to keep for a subject after `new` arrives: oldest first, at most `max_claims`.

    Claims published more than `max_age_seconds` before `now` are dropped; claims
    without a publication time are never aged out, only pushed out by newer ones.
    Re-delivering a claim (same article and offsets) replaces it instead of adding it.
    """
    if max_claims < 1:
        raise ValueError("max_claims must be at least 1")
    cutoff = now - timedelta(seconds=max_age_seconds)
    key = (new.claim.article_id, new.claim.start, new.claim.end)

    def fresh(item: SubjectClaim) -> bool:
        published = item.published_at
        if published is None:
            return True
        if (published.tzinfo is None) != (cutoff.tzinfo is None):
            published = published.replace(tzinfo=cutoff.tzinfo)
        return published >= cutoff

    kept = [c for c in prior if (c.claim.article_id, c.claim.start, c.claim.end) != key and fresh(c)]
    kept.append(new)
    return kept[-max_claims:]
