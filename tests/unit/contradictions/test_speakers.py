import pytest

from schemas.common import Speaker
from services.contradictions.speakers import entity_speaker, same_speaker


@pytest.mark.parametrize("name", ["Wednesday", "every", "All this", "woman's", "the newspaper's", "200",
                                  "they", "Two weeks"])
def test_words_that_name_no_entity_are_no_speaker(name: str) -> None:
    assert entity_speaker(Speaker(name=name)) is None


@pytest.mark.parametrize("name", ["Donald Trump", "KCNA", "the State Department", "Doctors", "Mr. Pompeo",
                                  "South Korean media"])
def test_names_of_people_organisations_and_groups_stay_speakers(name: str) -> None:
    speaker = Speaker(name=name, affiliation="X")
    assert entity_speaker(speaker) == speaker


def test_no_speaker_stays_none() -> None:
    assert entity_speaker(None) is None


@pytest.mark.parametrize(("first", "second"), [
    ("Donald Trump", "Trump"), ("Trump", "Mr. Trump"), ("Donald J. Trump", "Donald Trump"),
    ("the Clinton campaign", "Clinton's campaign"), ("US", "United States"), ("KCNA", "KCNA"),
])
def test_one_entity_under_two_names_is_one_speaker(first: str, second: str) -> None:
    assert same_speaker(Speaker(name=first), Speaker(name=second))


@pytest.mark.parametrize(("first", "second"), [
    ("Donald Trump", "Hillary Clinton"), ("Bill Clinton", "Hillary Clinton"), ("KCNA", "the State Department"),
])
def test_different_entities_are_different_speakers(first: str, second: str) -> None:
    assert not same_speaker(Speaker(name=first), Speaker(name=second))


def test_an_unknown_speaker_is_never_the_same_as_another() -> None:
    assert not same_speaker(None, Speaker(name="Trump"))
    assert not same_speaker(None, None)
