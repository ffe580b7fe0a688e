from services.contradictions.subjects import (
    countries_in,
    story_parties,
    subject_key,
    topic_of,
)


def test_talk_synonyms_are_one_subject() -> None:
    for text in ("the talks", "the negotiations", "many conversations", "our discussions", "the discussion"):
        assert topic_of(text) == "talks", text


def test_talks_take_priority_over_their_modifier() -> None:
    assert topic_of("in denuclearization talks") == "talks"


def test_no_topic() -> None:
    assert topic_of("The weather was fine.") is None


def test_country_aliases_are_merged() -> None:
    found = countries_in("The US and the United States' envoy met North Korean officials in Pyongyang.")
    assert found["United States"] == 2
    assert found["North Korea"] == 2


def test_places_that_hold_a_country_alias_are_not_that_country() -> None:
    found = countries_in("North American leaders met in New Mexico. Mexico's envoy and Latin American "
                         "ministers came. South Sudan and Sudan signed.")
    assert found == {"Mexico": 1, "South Sudan": 1, "Sudan": 1}


def test_story_parties_are_sorted_and_bounded() -> None:
    text = "Pyongyang said. Washington said. The U.S. said. Tokyo said. North Korea said."
    assert story_parties(text) == ("North Korea", "United States")


def test_subject_key() -> None:
    assert subject_key("talks", ("North Korea", "United States")) == "talks: North Korea / United States"
    assert subject_key("talks", ()) == "talks"


def test_deal_and_plan_synonyms_include_plurals() -> None:
    for text in ("the agreement", "both accords", "the treaties", "a pact", "the deals"):
        assert topic_of(text) == "deal", text
    for text in ("the proposal", "their plans", "a new framework", "the road map"):
        assert topic_of(text) == "plan", text
