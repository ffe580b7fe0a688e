import json
from importlib import resources

import pytest

from services.contradictions.compare import (
    THRESHOLD,
    judge_from_json,
    judge_pair,
    load_judge,
)
from services.contradictions.features import focus, pair_features, tokens


def test_tokens_split_contractions() -> None:
    assert tokens("He didn't go") == ["he", "did", "n't", "go"]


def test_features_see_negation_and_refutes() -> None:
    features = pair_features("Iran shipped drones.", "Iran denies it shipped drones, calling the report fake.")
    assert features["refute_b"] > 0
    assert features["coverage_a"] > 0.5


def test_focus_keeps_short_text_and_picks_relevant_sentences_of_long_text() -> None:
    assert focus("a", "short") == "short"
    body = " ".join(["Unrelated filler sentence about weather."] * 20) + " Iran shipped no drones at all."
    assert "drones" in focus("Iran shipped drones", body)


def test_committed_model_loads_and_scores_in_range() -> None:
    judge = load_judge()
    assert load_judge() is judge
    for a, b in (("Iran shipped drones.", "Iran did not ship drones, it was a hoax."),
                 ("Iran shipped drones.", "Iran shipped drones to the rebels.")):
        decided, score = judge_pair(judge, a, b)
        assert 0.0 <= score <= 1.0
        assert decided == (score >= THRESHOLD)


def test_committed_model_orders_a_denial_above_an_agreement() -> None:
    judge = load_judge()
    a = "Apple will hold a launch event in February."
    assert judge(a, "Apple denies rumours: there will be no event in February, the report is false.") > judge(
        a, "Apple confirms it will hold a launch event in February.")


def test_committed_model_is_small_json() -> None:
    text = resources.files("services.contradictions").joinpath("compare_model.json").read_text("utf-8")
    assert len(text.encode()) < 1_000_000
    json.loads(text)


def test_unknown_model_format_is_rejected() -> None:
    with pytest.raises(ValueError, match="not a"):
        judge_from_json({"format": "pickle"})


def test_refute_stems_and_phrases_catch_inflections_and_retreats() -> None:
    features = pair_features("Bale will play Jobs.", "Bale pulls out; the story was a hoaxer's prank.")
    assert features["stem_b"] > 0 and features["stem_any_b"] == 1.0
    assert features["phrase_b"] > 0
    plain = pair_features("Bale will play Jobs.", "Bale will play Jobs in the film.")
    assert plain["stem_b"] == 0 and plain["phrase_b"] == 0


def test_long_body_counts_refutes_over_the_whole_text() -> None:
    body = " ".join(["Bale met the director on Monday."] * 15) + " Insiders say the report was made up."
    features = pair_features("Bale will play Jobs.", body)
    assert features["long_b"] == 1.0
    assert features["phrase_body"] > 0


def test_questions_and_leading_no_are_features() -> None:
    features = pair_features("Hefner is dead.", "No, Hefner is not dead?")
    assert features["question_end_b"] == 1.0
    assert features["starts_with_no_b"] == 1.0
