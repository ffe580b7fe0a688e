from collections.abc import Callable

from schemas.events import QuoteEvent
from tests.unit.quotes.conftest import containing

Extract = Callable[[str], list[QuoteEvent]]


def test_surname_resolves_to_full_name(quotes: Extract) -> None:
    text = "Finance Minister Karl Brandt met bankers on Tuesday. Brandt said the rates would fall."
    event = containing(quotes(text), "rates")
    assert event.speaker_mention is not None and event.speaker_mention.text == "Brandt"
    assert event.speaker is not None and event.speaker.name == "Karl Brandt"


def test_pronoun_resolves_to_last_person_subject(quotes: Extract) -> None:
    text = 'Karl Brandt visited the port on Monday. "The cranes are too old," he said.'
    event = containing(quotes(text), "cranes")
    assert event.speaker_mention is not None and event.speaker_mention.text == "he"
    assert event.speaker is not None and event.speaker.name == "Karl Brandt"


def test_statement_resolves_to_the_agency_that_carried_it(quotes: Extract) -> None:
    text = (
        '"The drills are a provocation," said a statement carried by state news agency KCNA.\n\n'
        'The statement added that the talks were "useless."'
    )
    events = quotes(text)
    for event in events:
        assert event.speaker is not None and event.speaker.name == "KCNA"
        assert event.speaker.affiliation == "North Korea"


def test_group_source_keeps_its_words(quotes: Extract) -> None:
    event = containing(quotes("Researchers said the glacier had shrunk by a third."), "glacier")
    assert event.speaker is not None and event.speaker.name == "Researchers"


def test_relative_pronoun_mention_resolves_to_antecedent(quotes: Extract) -> None:
    text = "The report was praised by Karl Brandt, who said it was long overdue."
    event = containing(quotes(text), "overdue")
    assert event.speaker_mention is not None and event.speaker_mention.text == "who"
    assert event.speaker is not None and event.speaker.name == "Karl Brandt"


def test_participle_cue_takes_the_subject_of_the_reporting_clause(quotes: Extract) -> None:
    text = "Senator Ruth Lang said she did not believe the plan would work, arguing that it was too costly."
    event = containing(quotes(text), "too costly")
    assert event.speaker_mention is not None and event.speaker_mention.text == "Senator Ruth Lang"
    said = [e for e in quotes(text) if e.content.text.startswith("she did not")]
    assert said and "too costly" not in said[0].content.text


def test_responded_by_saying(quotes: Extract) -> None:
    event = containing(quotes("Mayor Tom Reed responded on Tuesday by saying the budget was balanced."), "budget")
    assert event.speaker is not None and event.speaker.name == "Tom Reed"


def test_cue_in_the_sentence_after_a_question(quotes: Extract) -> None:
    text = 'Karl Brandt spoke first. "Does anybody know what the plan is?" Ruth Lang asked. "Nobody does."'
    event = containing(quotes(text), "anybody know")
    assert event.speaker_mention is not None and event.speaker_mention.text == "Ruth Lang"
