from collections.abc import Callable

from schemas.events import QuoteEvent
from tests.unit.quotes.conftest import containing

Extract = Callable[[str], list[QuoteEvent]]


def test_quote_then_cue(quotes: Extract) -> None:
    event = containing(quotes('"The harvest was the best in a decade," Maria Lopez said on Monday.'), "harvest")
    assert event.direct
    assert event.content.text == '"The harvest was the best in a decade,"'
    assert event.cue is not None and event.cue.text == "said"
    assert event.speaker_mention is not None and event.speaker_mention.text == "Maria Lopez"


def test_cue_then_quote_with_curly_marks(quotes: Extract) -> None:
    event = containing(quotes("Mayor Tom Becker said, “We will rebuild the bridge by spring.”"), "rebuild")
    assert event.direct and event.speaker is not None and event.speaker.name == "Tom Becker"


def test_quote_split_around_cue_is_one_event(quotes: Extract) -> None:
    events = quotes('"We had long talks," Anna Berg said, "about the price of grain and the new port."')
    assert len(events) == 1
    assert events[0].content.text.startswith('"We had') and events[0].content.text.endswith('port."')


def test_multi_sentence_quote_after_attribution(quotes: Extract) -> None:
    text = (
        '"The vote was fair," Peter Holm told reporters in Oslo. "We counted every ballot twice. '
        'Nobody has shown us a single error."'
    )
    event = containing(quotes(text), "vote was fair")
    assert event.content.text.endswith('error."')


def test_quote_introduced_by_colon(quotes: Extract) -> None:
    event = containing(quotes('The minister, Lena Vik, said: "The budget will be balanced next year."'), "budget")
    assert event.speaker is not None and event.speaker.name == "Lena Vik"


def test_uncued_quote_belongs_to_last_speaker(quotes: Extract) -> None:
    text = (
        '"Our factory will open in June," Carlos Mendes said.\n\n'
        '"It will employ four hundred people from the valley."'
    )
    event = containing(quotes(text), "four hundred")
    assert event.direct and event.cue is None
    assert event.speaker is not None and event.speaker.name == "Carlos Mendes"


def test_nested_quote_stays_inside(quotes: Extract) -> None:
    text = "\"They kept shouting 'no more taxes' at the rally,\" Jan Kowal said."
    events = quotes(text)
    assert len(events) == 1 and "'no more taxes'" in events[0].content.text


def test_scare_quote_is_not_a_statement(quotes: Extract) -> None:
    assert quotes('The so-called "reform" passed the council without debate.') == []
