"""Cross-article detection: a new claim against the remembered claims of its story."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from schemas.events import Claim, ContradictionEvent
from schemas.internal import SubjectClaim
from services.contradictions.claims import gist
from services.contradictions.pair_model import PairModel
from services.contradictions.story import same_story

CROSS_FEATURES = ("position_gap", "position_high", "position_low", "position_opposed")


def other_source(first: Claim, second: Claim) -> bool:
    """True when the claims come from different outlets (different articles when neither has one)."""
    if first.article_id == second.article_id:
        return False
    if first.source is None and second.source is None:
        return True
    return first.source != second.source


def _who(claim: Claim) -> str:
    """The speaker and outlet of a claim; an outlet's own assertion is the outlet's."""
    outlet = claim.source or f"article {claim.article_id}"
    return f"{claim.speaker.name} ({outlet})" if claim.speaker and claim.speaker.name != outlet else outlet


def pair_position_features(first: float, second: float) -> dict[str, float]:
    """The cross-article model's features of two articles' positions (`article_position`)."""
    high, low = max(first, second), min(first, second)
    return {"position_gap": high - low, "position_high": high, "position_low": low,
            "position_opposed": high * (1 - low)}


def _score(one: SubjectClaim, other: SubjectClaim, model: PairModel) -> float:
    """The probability that two articles of one story take opposed positions, from how likely
    each is to dispute the story's claim; 0 below the model's threshold, or when a position is
    unknown (claims of subject-claims messages written before positions were carried)."""
    if one.article_position is None or other.article_position is None:
        return 0.0
    probability = model.probability(pair_position_features(one.article_position, other.article_position))
    return probability if probability >= model.threshold else 0.0


def story_key(first: SubjectClaim, second: SubjectClaim) -> str | None:
    """The one key under which two articles' claims are compared: the first salient entity both
    share (None when they share none). Each claim is filed under every salient entity of its
    article, so two articles of one story meet under several keys; only this one reports."""
    shared = set(first.story_entities) & set(second.story_entities)
    return min(shared) if shared else None


def _publication(claims: Sequence[SubjectClaim]) -> tuple[float, str]:
    """Sort key of an article: its publication time (undated first), then its id."""
    published = claims[0].published_at
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (published.timestamp() if published else float("-inf"), claims[0].claim.article_id)


def _canonical(mine: Sequence[SubjectClaim], theirs: Sequence[SubjectClaim],
               model: PairModel) -> tuple[SubjectClaim, SubjectClaim, float] | None:
    """The one pair of two opposed articles: each article's first claim (its headline or lead,
    where an outlet states its position), with the later-published article's first; None when
    the articles' positions are not opposed. The positions are the articles', so the pair is
    the same whichever claims of either article are known yet."""
    later, earlier = sorted((mine, theirs), key=_publication, reverse=True)
    score = _score(later[0], earlier[0], model)
    if score == 0:
        return None
    return _first(later), _first(earlier), score


def _first(claims: Sequence[SubjectClaim]) -> SubjectClaim:
    return min(claims, key=lambda c: (c.claim.start, c.claim.end))


def cross_contradictions(new: SubjectClaim, prior: Sequence[SubjectClaim], *,
                         model: PairModel) -> list[ContradictionEvent]:
    """Events for remembered articles of the same story, from another outlet, whose position on
    the story is opposed to that of `new`'s article.

    Same story: the two articles' salient entities and terms agree (`story.same_story`); one
    shared broad word is never enough. Opposed positions: one article disputes the claim the
    story is about and the other asserts it (`article_position`), as the cross-article model
    scores the two positions, at least at its threshold. Two articles yield at most one event,
    whichever claim arrives and under whichever key: the pair of their first claims
    (`_canonical`), reported only when `new` is one of them and only under `story_key`. So an
    article's later claims, and republished articles, add no event, provided each article's
    claims arrive in text order.
    """
    known = {(c.claim.article_id, c.claim.start, c.claim.end): c for c in prior if c.subject == new.subject}
    known[(new.claim.article_id, new.claim.start, new.claim.end)] = new
    by_article: dict[str, list[SubjectClaim]] = {}
    for claim in known.values():
        by_article.setdefault(claim.claim.article_id, []).append(claim)
    mine = by_article.pop(new.claim.article_id)
    if _first(mine) is not new:
        return []  # an event pairs the articles' first claims: a later claim of an article adds none
    events = []
    for article_id in sorted(by_article):
        theirs = by_article[article_id]
        other = theirs[0]
        if not other_source(other.claim, new.claim) or story_key(new, other) != new.subject:
            continue
        if not same_story(new.story_entities, other.story_entities, new.story_terms, other.story_terms):
            continue
        found = _canonical(mine, theirs, model)
        if found is None:
            continue
        events.append(_event(new, found[0], found[1], found[2]))
    return sorted(events, key=lambda e: -e.confidence)


def _event(new: SubjectClaim, first: SubjectClaim, second: SubjectClaim, score: float) -> ContradictionEvent:
    """The event of one pair, its claims in a fixed order (by article id, then offset), so the
    same pair always reads the same way whichever article arrived first."""
    one, two = sorted((first.claim, second.claim), key=lambda c: (c.article_id, c.start))
    return ContradictionEvent(
        event_id=ContradictionEvent.make_id("cross-article", one, two),
        article_id=new.claim.article_id, kind="cross-article", subject=new.subject,
        claims=(one, two), confidence=round(min(1.0, score), 4),
        explanation=f"{_who(one)}: \"{gist(one.text)}\", against {_who(two)}: \"{gist(two.text)}\"")


def _timestamp(claim: SubjectClaim) -> float | None:
    published = claim.published_at
    if published is None:
        return None
    return (published if published.tzinfo else published.replace(tzinfo=UTC)).timestamp()


def within_age(claims: Sequence[SubjectClaim], max_age_seconds: float) -> list[SubjectClaim]:
    """The claims published at most `max_age_seconds` before the newest dated one among them.

    Age is measured in publication time, not by the clock, so an archive replayed today gives
    the same events as when it was live. Undated claims are never aged out.
    """
    stamps = [_timestamp(c) for c in claims]
    dated = [s for s in stamps if s is not None]
    if not dated:
        return list(claims)
    cutoff = max(dated) - max_age_seconds
    return [c for c, s in zip(claims, stamps, strict=True) if s is None or s >= cutoff]


def remember(prior: Sequence[SubjectClaim], new: SubjectClaim, *, max_claims: int,
             max_age_seconds: float) -> list[SubjectClaim]:
    """The claims to keep for a subject after `new` arrives: oldest first, at most `max_claims`,
    none aged out by `within_age`. Re-delivering a claim (same article and offsets) replaces it
    instead of adding it; claims without a publication time are only pushed out by newer ones.
    """
    if max_claims < 1:
        raise ValueError("max_claims must be at least 1")
    key = (new.claim.article_id, new.claim.start, new.claim.end)
    kept = [c for c in prior if (c.claim.article_id, c.claim.start, c.claim.end) != key]
    older = [c for c in within_age([*kept, new], max_age_seconds) if c is not new]
    return [*older[max(0, len(older) - max_claims + 1):], new]
