"""The JSON Schema files are generated from the models, and the models hold their promises."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from schemas.articles import Article
from schemas.common import Span, Speaker
from schemas.events import Claim, ContradictionEvent, QuoteEvent
from schemas.internal import StoryClaims, SubjectClaim
from schemas.topics import SCHEMA_DIR, TOPIC_MODELS, render_schema, schema_path


@pytest.mark.parametrize("role", sorted(TOPIC_MODELS))
def test_schema_file_matches_the_model(role: str) -> None:
    path = schema_path(role)
    assert path.is_file(), f"{path} is missing: run `make schemas`"
    assert path.read_text(encoding="utf-8") == render_schema(role), f"{path} is stale: run `make schemas`"


def test_no_stray_schema_files() -> None:
    expected = {schema_path(role).name for role in TOPIC_MODELS}
    assert {p.name for p in SCHEMA_DIR.glob("*.json")} == expected


def test_events_are_frozen_and_reject_unknown_fields() -> None:
    span = Span(start=0, end=3, text="abc")
    with pytest.raises(ValidationError):
        span.start = 1  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Span.model_validate({"start": 0, "end": 3, "text": "abc", "extra": 1})
    with pytest.raises(ValidationError):
        Span(start=5, end=3, text="")


def test_article_validation() -> None:
    assert Article.model_validate({"id": "a-1", "text": "x", "vendor_field": 1}).id == "a-1"
    for bad in ({"id": "a", "text": "   "}, {"id": "", "text": "x"}, {"id": "has space", "text": "x"}, {"text": "x"}):
        with pytest.raises(ValidationError):
            Article.model_validate(bad)


def test_event_ids_are_deterministic_and_pair_order_free() -> None:
    span = Span(start=4, end=9, text="hello")
    assert QuoteEvent.make_id("a", span) == QuoteEvent.make_id("a", span)
    assert QuoteEvent.make_id("a", span) != QuoteEvent.make_id("b", span)
    first = Claim(article_id="a", start=0, end=5, text="hello")
    second = Claim(article_id="b", start=7, end=12, text="world")
    assert ContradictionEvent.make_id("evaluative", first, second) == ContradictionEvent.make_id(
        "evaluative", second, first)
    assert ContradictionEvent.make_id("evaluative", first, second) != ContradictionEvent.make_id(
        "rebuttal", first, second)


def test_schema_files_are_valid_json_with_ids() -> None:
    for role in TOPIC_MODELS:
        schema = json.loads(schema_path(role).read_text(encoding="utf-8"))
        assert schema["$id"].endswith(schema_path(role).name)


def test_story_claims_hold_claims_of_their_own_subject_only() -> None:
    claim = Claim(article_id="a", start=0, end=4, text="Said", speaker=Speaker(name="Ann"), source="X")
    filed = SubjectClaim(subject="zambia", claim=claim, polarity=0.0)
    message = StoryClaims(subject="zambia", claims=(filed,))
    assert StoryClaims.model_validate_json(message.model_dump_json()) == message
    with pytest.raises(ValidationError, match="subject"):
        StoryClaims(subject="kasama", claims=(filed,))
    with pytest.raises(ValidationError):
        StoryClaims(subject="zambia", claims=())
