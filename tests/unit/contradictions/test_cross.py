from datetime import UTC, datetime, timedelta

import pytest

from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent
from schemas.internal import SubjectClaim
from services.contradictions.cross import (
    CROSS_FEATURES,
    cross_contradictions,
    other_source,
    remember,
    story_key,
    within_age,
)
from services.contradictions.pair_model import PairModel
from services.contradictions.positions import load_cross_model

NOW = datetime(2026, 1, 10, tzinfo=UTC)
OUTBREAK = ("zambia", "kasama")
OUTBREAK_TERMS = ("cholera", "outbreak", "contain", "vaccination", "kasama", "case", "village")


def _claim(article_id: str, text: str, *, source: str | None = "A", subject: str = "kasama",
           age_hours: float | None = 1.0, start: int = 0, position: float | None = 0.05,
           entities: tuple[str, ...] = OUTBREAK, terms: tuple[str, ...] = OUTBREAK_TERMS) -> SubjectClaim:
    claim = Claim(article_id=article_id, start=start, end=start + len(text), text=text,
                  speaker=Speaker(name=f"Someone of {source}"), source=source)
    published = None if age_hours is None else NOW - timedelta(hours=age_hours)
    return SubjectClaim(subject=subject, claim=claim, polarity=0.0, published_at=published,
                        story_entities=entities, story_terms=terms, article_position=position)


def fixed(probability: float, threshold: float = 0.5) -> PairModel:
    """A model that gives every pair `probability` (bias only)."""
    import math

    return PairModel(CROSS_FEATURES, tuple(0.0 for _ in CROSS_FEATURES), math.log(probability / (1 - probability)),
                     threshold)


ASSERTS = "The cholera outbreak in the north has been contained."
REFUTES = "Doctors said reports that the cholera outbreak was contained are false."


def test_other_source_rules() -> None:
    a, b = _claim("x", "t").claim, _claim("y", "t").claim
    assert not other_source(a, b)  # same outlet
    assert other_source(a, _claim("y", "t", source="B").claim)
    assert other_source(_claim("x", "t", source=None).claim, _claim("y", "t", source=None).claim)
    assert not other_source(_claim("x", "t", source=None).claim, _claim("x", "t", source=None).claim)


def test_opposed_positions_on_one_story_give_one_event() -> None:
    old, new = _claim("x", ASSERTS), _claim("y", REFUTES, source="B", position=0.9)
    (event,) = cross_contradictions(new, [old], model=fixed(0.9))
    assert event.kind == "cross-article" and event.article_id == "y" and event.subject == "kasama"
    assert event.claims == (old.claim, new.claim)
    assert event.event_id == ContradictionEvent.make_id("cross-article", new.claim, old.claim)
    assert event.confidence == pytest.approx(0.9)
    assert "false" in event.explanation and "contained" in event.explanation


def test_the_explanation_reads_the_same_whichever_article_came_first() -> None:
    one, two = _claim("x", ASSERTS), _claim("y", REFUTES, source="B", position=0.9)
    (forward,) = cross_contradictions(two, [one], model=fixed(0.9))
    (backward,) = cross_contradictions(one, [two], model=fixed(0.9))
    assert forward.claims == backward.claims and forward.explanation == backward.explanation


def test_same_outlet_an_unknown_position_or_a_weak_pair_give_nothing() -> None:
    new = _claim("y", REFUTES, source="B", position=0.9)
    assert cross_contradictions(new, [_claim("x", ASSERTS, source="B")], model=fixed(0.9)) == []
    assert cross_contradictions(new, [_claim("x", ASSERTS, position=None)], model=fixed(0.9)) == []
    assert cross_contradictions(new, [_claim("x", ASSERTS)], model=fixed(0.1)) == []


def test_one_shared_entity_and_a_broad_word_are_not_one_story() -> None:
    other_story = _claim("x", "The election outbreak of violence was contained, police said.",
                         entities=("zambia", "lusaka"), terms=("election", "police", "violence", "vote", "ballot"))
    new = _claim("y", REFUTES, source="B", position=0.9)
    assert cross_contradictions(new, [other_story], model=fixed(0.9)) == []


def test_two_articles_meet_under_one_key_only() -> None:
    old, new = _claim("x", ASSERTS), _claim("y", REFUTES, source="B", position=0.9)
    assert story_key(old, new) == "kasama"
    filed_under_zambia = new.model_copy(update={"subject": "zambia"})
    assert cross_contradictions(filed_under_zambia, [old.model_copy(update={"subject": "zambia"})],
                                model=fixed(0.9)) == []
    filed_under_kasama = new.model_copy(update={"subject": "kasama"})
    assert len(cross_contradictions(filed_under_kasama, [old.model_copy(update={"subject": "kasama"})],
                                    model=fixed(0.9))) == 1


def test_shipped_model_alerts_only_when_one_article_disputes_and_the_other_asserts() -> None:
    model = load_cross_model()
    old = _claim("x", "Iran shipped drones to the rebels last week.", subject="kasama")
    new = _claim("y", "Iran denied it shipped any drones to the rebels, calling the report false.",
                 source="B", subject="kasama", position=0.9)
    (event,) = cross_contradictions(new, [old], model=model)
    assert model.threshold <= event.confidence <= 1.0
    both_dispute = old.model_copy(update={"article_position": 0.85})
    assert cross_contradictions(new, [both_dispute], model=model) == []
    both_assert = new.model_copy(update={"article_position": 0.1})
    assert cross_contradictions(both_assert, [old], model=model) == []


def test_remember_bounds_count_and_age() -> None:
    old = _claim("old", "t", age_hours=48)
    undated = _claim("undated", "t", age_hours=None)
    recent = [_claim(f"r{i}", "t") for i in range(3)]
    kept = remember([old, undated, *recent], _claim("new", "t"), max_claims=3,
                    max_age_seconds=24 * 3600)
    assert [c.claim.article_id for c in kept] == ["r1", "r2", "new"]
    kept = remember([old, undated], _claim("new", "t"), max_claims=5, max_age_seconds=24 * 3600)
    assert [c.claim.article_id for c in kept] == ["undated", "new"]


def test_age_is_measured_from_the_storys_newest_claim_not_the_clock() -> None:
    # An archive from years ago keeps all of a day's claims: nothing is stale relative to itself.
    archive = [_claim(f"a{i}", "t", age_hours=24 * 365 * 3 + i) for i in range(4)]
    kept = remember(archive[1:], archive[0], max_claims=10, max_age_seconds=24 * 3600)
    assert [c.claim.article_id for c in kept] == ["a1", "a2", "a3", "a0"]
    later = _claim("later", "t", age_hours=24 * 365 * 3 - 48)
    assert [c.claim.article_id for c in within_age([*archive, later], 24 * 3600)] == ["later"]


def test_remember_replaces_a_redelivered_claim() -> None:
    first = _claim("x", "t")
    kept = remember([first], first, max_claims=5, max_age_seconds=3600 * 24)
    assert kept == [first]


def test_remember_survives_json_round_trip() -> None:
    kept = remember([], _claim("x", "t"), max_claims=2, max_age_seconds=60)
    restored = [SubjectClaim.model_validate(c.model_dump(mode="json")) for c in kept]
    assert restored == kept


def test_remember_rejects_empty_memory() -> None:
    with pytest.raises(ValueError, match="max_claims"):
        remember([], _claim("x", "t"), max_claims=0, max_age_seconds=60)


def _stream(claims: list[SubjectClaim]) -> list[ContradictionEvent]:
    """Feed claims one by one, as the worker does, remembering each."""
    memory: list[SubjectClaim] = []
    events = []
    for claim in claims:
        events += cross_contradictions(claim, memory, model=fixed(0.9))
        memory = remember(memory, claim, max_claims=50, max_age_seconds=1e9)
    return events


def test_two_articles_yield_one_event_however_their_claims_arrive() -> None:
    ledger = [_claim("ledger", text, subject="kasama", start=start, age_hours=30)
              for start, text in ((0, "The outbreak has been contained."), (40, "The outbreak is contained now."))]
    courier = [_claim("courier", text, source="B", subject="kasama", start=start, age_hours=5, position=0.9)
               for start, text in ((0, "Reports the outbreak was contained are false."),
                                   (50, "The outbreak is not contained."))]
    first = _stream([*ledger, *courier])
    assert len(first) == 1
    assert {c.article_id for c in first[0].claims} == {"ledger", "courier"}
    republished = _stream([*ledger, *courier, *ledger, *courier])
    assert {e.event_id for e in republished} == {first[0].event_id}
