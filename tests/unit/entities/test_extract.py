"""extract_entities on hand-built docs: grouping, naming, trimming, labels and ids."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from schemas.events import EntityEvent
from services.entities.extract import extract_entities
from tests.unit.entities.conftest import MakeDoc


def _names(events: list[EntityEvent]) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.label, [m.text for m in e.mentions]) for e in events]


def test_country_aliases_are_one_entity(make_doc: MakeDoc) -> None:
    doc = make_doc(
        "The/B-GPE United/I-GPE States/I-GPE and/O U.S./B-GPE officials/O said/O the/O US/B-GPE would/O stay/O ./O"
    )
    events = extract_entities(doc, article_id="a1")
    assert _names(events) == [("United States", "GPE", ["United States", "U.S.", "US"])]


def test_country_label_is_the_majority_label(make_doc: MakeDoc) -> None:
    doc = make_doc("U.S./B-ORG and/O US/B-GPE and/O America/B-GPE")
    (event,) = extract_entities(doc, article_id="a1")
    assert (event.name, event.label) == ("United States", "GPE")


def test_surname_after_full_name_joins_the_person(make_doc: MakeDoc) -> None:
    doc = make_doc(
        "Mike/B-PERSON Pompeo/I-PERSON met/O Kim/B-PERSON Jong/I-PERSON Un/I-PERSON ./O "
        "Pompeo/B-PERSON thanked/O Kim/B-PERSON ./O"
    )
    events = extract_entities(doc, article_id="a1")
    assert _names(events) == [
        ("Mike Pompeo", "PERSON", ["Mike Pompeo", "Pompeo"]),
        ("Kim Jong Un", "PERSON", ["Kim Jong Un", "Kim"]),
    ]


def test_surname_in_a_headline_joins_the_full_name_that_follows(make_doc: MakeDoc) -> None:
    doc = make_doc("Pompeo/B-PERSON visits/O ./O Mike/B-PERSON Pompeo/I-PERSON arrived/O")
    (event,) = extract_entities(doc, article_id="a1")
    assert event.name == "Mike Pompeo"
    assert [m.text for m in event.mentions] == ["Pompeo", "Mike Pompeo"]


def test_shared_surname_joins_the_most_recent_full_name(make_doc: MakeDoc) -> None:
    doc = make_doc("George/B-PERSON Bush/I-PERSON and/O Jeb/B-PERSON Bush/I-PERSON met/O ./O Bush/B-PERSON spoke/O")
    events = extract_entities(doc, article_id="a1")
    assert _names(events) == [
        ("George Bush", "PERSON", ["George Bush"]),
        ("Jeb Bush", "PERSON", ["Jeb Bush", "Bush"]),
    ]


def test_mislabelled_surname_joins_the_person(make_doc: MakeDoc) -> None:
    doc = make_doc("Phil/B-PERSON Simmons/I-PERSON took/O four/O ./O Simmons/B-ORG batted/O")
    (event,) = extract_entities(doc, article_id="a1")
    assert (event.name, event.label) == ("Phil Simmons", "PERSON")
    assert [m.text for m in event.mentions] == ["Phil Simmons", "Simmons"]


def test_possessive_and_leading_the_are_trimmed(make_doc: MakeDoc) -> None:
    doc = make_doc("Mike/B-PERSON Pompeo/I-PERSON 's/I-PERSON trip/O to/O the/B-ORG European/I-ORG Union/I-ORG")
    events = extract_entities(doc, article_id="a1")
    assert _names(events) == [
        ("Mike Pompeo", "PERSON", ["Mike Pompeo"]),
        ("European Union", "ORG", ["European Union"]),
    ]


def test_a_mention_that_is_only_an_article_is_dropped(make_doc: MakeDoc) -> None:
    assert extract_entities(make_doc("The/B-ORG end/O"), article_id="a1") == []


def test_mention_text_matches_the_doc_offsets(make_doc: MakeDoc) -> None:
    doc = make_doc("In/O the/B-GPE U.S./I-GPE ,/O Mike/B-PERSON Pompeo/I-PERSON 's/I-PERSON aides/O")
    for event in extract_entities(doc, article_id="a1"):
        for mention in event.mentions:
            assert doc.text[mention.start : mention.end] == mention.text


def test_numeric_and_temporal_labels_are_dropped(make_doc: MakeDoc) -> None:
    doc = make_doc("On/O Friday/B-DATE ,/O 3,000/B-CARDINAL people/O paid/O $/B-MONEY 5/I-MONEY in/O Paris/B-GPE")
    events = extract_entities(doc, article_id="a1")
    assert _names(events) == [("France", "GPE", ["Paris"])]


def test_same_text_under_different_labels_stays_apart(make_doc: MakeDoc) -> None:
    doc = make_doc("Jordan/B-PERSON scored/O in/O Jordan/B-GPE")
    events = extract_entities(doc, article_id="a1")
    assert [(e.name, e.label) for e in events] == [("Jordan", "PERSON"), ("Jordan", "GPE")]


def test_demonyms_stay_groups_of_people(make_doc: MakeDoc) -> None:
    doc = make_doc("North/B-NORP Korean/I-NORP officials/O")
    (event,) = extract_entities(doc, article_id="a1")
    assert (event.name, event.label) == ("North Korean", "NORP")


def test_whitespace_inside_a_name_is_tidied() -> None:
    words = ["The", "New", "\n", "York", "Times", "'s", "story"]
    spaces = [True, True, False, True, False, True, False]
    tags = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, ents=tags)
    (event,) = extract_entities(doc, article_id="a1")
    assert event.name == "New York Times"
    assert [m.text for m in event.mentions] == ["New \nYork Times"]


def test_events_are_sorted_by_first_mention_with_deterministic_ids(make_doc: MakeDoc) -> None:
    doc = make_doc("Reuters/B-ORG quoted/O Mike/B-PERSON Pompeo/I-PERSON and/O Reuters/B-ORG")
    first = extract_entities(doc, article_id="a1")
    again = extract_entities(doc, article_id="a1")
    assert first == again
    assert [e.name for e in first] == ["Reuters", "Mike Pompeo"]
    assert first[0].event_id == EntityEvent.make_id("a1", "ORG", "Reuters")
    assert first[0].event_id != extract_entities(doc, article_id="a2")[0].event_id


def test_a_doc_without_entities_gives_no_events(make_doc: MakeDoc) -> None:
    assert extract_entities(make_doc("nothing/O here/O"), article_id="a1") == []
