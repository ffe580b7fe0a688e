"""Cross-article detection: a new claim against the remembered claims on its subject."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from schemas.events import Claim, ContradictionEvent
from schemas.internal import SubjectClaim
from services.contradictions.claims import side_of
from services.contradictions.compare import Judge
from services.contradictions.features import content_words, tokens
from services.contradictions.polarity import evaluation

CROSS_THRESHOLD = 0.8
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
    return len(content_words(tokens(first)) & content_words(tokens(second)))


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


def cross_contradictions(new: SubjectClaim, prior: Sequence[SubjectClaim], *,
                         judge: Judge) -> list[ContradictionEvent]:
    """Events for each remembered claim on the same subject, from another source, that `new` opposes.

    Two ways to oppose: the claims evaluate the subject oppositely (see `_opposed_evaluations`),
    or they share at least `MIN_SHARED_WORDS` content words and the judge scores the pair at
    least `CROSS_THRESHOLD`. The threshold is stricter than `compare.THRESHOLD` because claims
    on one subject are mostly unrelated statements, where the judge's false-positive rate is
    far above its rate on curated pairs. Per side (affiliation or speaker) of the remembered
    claims only the strongest event is kept, so one new claim never floods a subject.
    """
    events: dict[str | None, ContradictionEvent] = {}
    for old in prior:
        if old.subject != new.subject or not other_source(old.claim, new.claim):
            continue
        evaluative = _opposed_evaluations(old, new)
        judged = 0.0
        if _shared_words(old.claim.text, new.claim.text) >= MIN_SHARED_WORDS:
            judged = judge(old.claim.text, new.claim.text)
            judged = judged if judged >= CROSS_THRESHOLD else 0.0
        if not evaluative and not judged:
            continue
        how = "evaluates it oppositely to" if evaluative >= judged else "contradicts"
        event = ContradictionEvent(
            event_id=ContradictionEvent.make_id("cross-article", old.claim, new.claim),
            article_id=new.claim.article_id, kind="cross-article", subject=new.subject,
            claims=(old.claim, new.claim), confidence=round(min(1.0, max(evaluative, judged)), 4),
            explanation=f"On {new.subject}: {_who(new.claim)} {how} {_who(old.claim)}")
        side = side_of(old.claim.speaker)
        if side not in events or event.confidence > events[side].confidence:
            events[side] = event
    return sorted(events.values(), key=lambda e: -e.confidence)


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
