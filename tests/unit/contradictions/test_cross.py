from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent
from schemas.internal import SubjectClaim
from services.contradictions.compare import load_judge
from services.contradictions.cross import cross_contradictions, other_source, remember

NOW = datetime(2026, 1, 10, tzinfo=UTC)


def _claim(article_id: str, text: str, polarity: float = 0.0, *, source: str | None = "A",
           subject: str = "talks: Iran", age_hours: float | None = 1.0, start: int = 0,
           side: str | None = None) -> SubjectClaim:
    speaker = Speaker(name=f"Someone of {side or source}", affiliation=side or source)
    claim = Claim(article_id=article_id, start=start, end=start + len(text), text=text,
                  speaker=speaker, source=source)
    published = None if age_hours is None else NOW - timedelta(hours=age_hours)
    return SubjectClaim(subject=subject, claim=claim, polarity=polarity, published_at=published)


def always(score: float) -> Callable[[str, str], float]:
    return lambda a, b: score


def test_other_source_rules() -> None:
    a, b = _claim("x", "t").claim, _claim("y", "t").claim
    assert not other_source(a, b)  # same outlet
    assert other_source(a, _claim("y", "t", source="B").claim)
    assert other_source(_claim("x", "t", source=None).claim, _claim("y", "t", source=None).claim)
    assert not other_source(_claim("x", "t", source=None).claim, _claim("x", "t", source=None).claim)


def test_judge_above_threshold_gives_cross_article_event() -> None:
    old, new = _claim("x", "Iran shipped drones."), _claim("y", "Iran did not ship drones.", source="B")
    (event,) = cross_contradictions(new, [old], judge=always(0.9))
    assert event.kind == "cross-article"
    assert event.article_id == "y"
    assert event.claims == (old.claim, new.claim)
    assert event.event_id == ContradictionEvent.make_id("cross-article", new.claim, old.claim)
    assert event.confidence == pytest.approx(0.9)


def test_same_source_other_subject_or_low_score_give_nothing() -> None:
    new = _claim("y", "Iran did not ship drones.", source="B")
    assert cross_contradictions(new, [_claim("x", "Iran shipped drones.", source="B")], judge=always(0.9)) == []
    assert cross_contradictions(new, [_claim("x", "t", subject="deal: Iran")], judge=always(0.9)) == []
    assert cross_contradictions(new, [_claim("x", "Iran shipped drones.")], judge=always(0.1)) == []


def test_real_judge_finds_a_denial_across_outlets() -> None:
    old = _claim("x", "Iran shipped drones to the rebels last week.")
    new = _claim("y", "Iran denied it shipped any drones to the rebels, calling the report false.", source="B")
    (event,) = cross_contradictions(new, [old], judge=load_judge())
    assert event.confidence >= 0.8


def test_opposed_evaluations_contradict_even_when_the_judge_is_unsure() -> None:
    old = _claim("x", "The talks were productive.", 0.7)
    new = _claim("y", "The talks were regrettable.", -0.6, source="B")
    (event,) = cross_contradictions(new, [old], judge=always(0.1))
    assert event.confidence == pytest.approx(0.8)


def test_one_side_changing_its_verdict_is_not_an_evaluative_contradiction() -> None:
    old = _claim("x", "The talks were productive.", 0.7, side="Iran")
    new = _claim("y", "The talks were regrettable.", -0.6, source="B", side="Iran")
    assert cross_contradictions(new, [old], judge=always(0.1)) == []


def test_only_the_strongest_event_per_remembered_side() -> None:
    olds = [_claim("x", "The talks were productive.", 0.7, start=0),
            _claim("x", "The talks were very productive.", 0.9, start=50)]
    new = _claim("y", "The talks were regrettable.", -0.8, source="B")
    (event,) = cross_contradictions(new, olds, judge=always(0.1))
    assert event.claims[0] == olds[1].claim


def test_opposed_plain_sentiment_is_not_an_evaluation_of_the_subject() -> None:
    old = _claim("x", "Great to see everyone here.", 0.7)
    new = _claim("y", "Three people were killed.", -0.7, source="B")
    assert cross_contradictions(new, [old], judge=always(0.1)) == []


def test_judge_needs_shared_words_and_a_strict_score() -> None:
    old = _claim("x", "Iran shipped drones.")
    assert cross_contradictions(_claim("y", "Oil prices fell.", source="B"), [old], judge=always(0.99)) == []
    denied = _claim("y", "Iran denied it shipped drones.", source="B")
    assert cross_contradictions(denied, [old], judge=always(0.6)) == []


def test_remember_bounds_count_and_age() -> None:
    old = _claim("old", "t", age_hours=48)
    undated = _claim("undated", "t", age_hours=None)
    recent = [_claim(f"r{i}", "t") for i in range(3)]
    kept = remember([old, undated, *recent], _claim("new", "t"), max_claims=3,
                    max_age_seconds=24 * 3600, now=NOW)
    assert [c.claim.article_id for c in kept] == ["r1", "r2", "new"]
    kept = remember([old, undated], _claim("new", "t"), max_claims=5, max_age_seconds=24 * 3600, now=NOW)
    assert [c.claim.article_id for c in kept] == ["undated", "new"]


def test_remember_replaces_a_redelivered_claim() -> None:
    first = _claim("x", "t")
    kept = remember([first], first, max_claims=5, max_age_seconds=3600 * 24, now=NOW)
    assert kept == [first]


def test_remember_survives_json_round_trip() -> None:
    kept = remember([], _claim("x", "t", 0.5), max_claims=2, max_age_seconds=60, now=NOW)
    restored = [SubjectClaim.model_validate(c.model_dump(mode="json")) for c in kept]
    assert restored == kept


def test_remember_rejects_empty_memory() -> None:
    with pytest.raises(ValueError, match="max_claims"):
        remember([], _claim("x", "t"), max_claims=0, max_age_seconds=60, now=NOW)


def test_a_negation_flip_needs_only_the_ordinary_judge_threshold() -> None:
    old = _claim("x", "The cholera outbreak has been contained.", subject="outbreak: Zambia")
    new = _claim("y", "The cholera outbreak is not contained.", source="B", subject="outbreak: Zambia")
    (event,) = cross_contradictions(new, [old], judge=always(0.6))
    assert event.confidence == pytest.approx(0.6)
    assert cross_contradictions(new, [old], judge=always(0.4)) == []


def _stream(claims: list[SubjectClaim]) -> list[ContradictionEvent]:
    """Feed claims one by one, as the worker does, remembering each."""
    memory: list[SubjectClaim] = []
    events = []
    for claim in claims:
        events += cross_contradictions(claim, memory, judge=always(0.6))
        memory = remember(memory, claim, max_claims=50, max_age_seconds=1e9, now=NOW)
    return events


def test_two_articles_yield_one_event_however_their_claims_arrive() -> None:
    subject = "outbreak: Zambia"
    ledger = [_claim("ledger", text, subject=subject, start=start, age_hours=30)
              for start, text in ((0, "The outbreak has been contained."), (40, "The outbreak is contained now."))]
    courier = [_claim("courier", text, source="B", subject=subject, start=start, age_hours=5)
               for start, text in ((0, "The outbreak has not been contained."), (50, "The outbreak is not contained."))]
    first = _stream([*ledger, *courier])
    assert len(first) == 1
    assert {c.article_id for c in first[0].claims} == {"ledger", "courier"}
    republished = _stream([*ledger, *courier, *ledger, *courier])
    assert {e.event_id for e in republished} == {first[0].event_id}
