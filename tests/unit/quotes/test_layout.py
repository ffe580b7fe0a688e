from collections.abc import Callable

from schemas.events import QuoteEvent
from services.quotes.layout import clip_to_paragraph, dateline_end, headline_end
from tests.unit.quotes.conftest import containing

Extract = Callable[[str], list[QuoteEvent]]

STORY = (
    "Council denies bridge tender was rigged\n\n"
    "OSLO (Fjord Wire) - Norway's Transport Ministry said on Monday that the tender was fair.\n\n"
    "The ministry said the bridge would open in May."
)


def test_headline_yields_no_reported_speech_and_nothing_crosses_a_blank_line(quotes: Extract) -> None:
    events = quotes(STORY)
    assert events and all("\n\n" not in e.content.text for e in events)
    assert all(e.content.start > STORY.index("\n\n") for e in events)


def test_dateline_is_never_the_speaker(quotes: Extract) -> None:
    event = containing(quotes(STORY), "tender was fair")
    assert event.speaker_mention is not None and "OSLO" not in event.speaker_mention.text
    assert event.speaker is not None and event.speaker.name in ("Transport Ministry", "Norway's Transport Ministry")
    assert event.speaker.affiliation == "Norway"


def test_the_ministry_is_the_ministry_named_earlier(quotes: Extract) -> None:
    event = containing(quotes(STORY), "bridge would open")
    assert event.speaker is not None and event.speaker.name == "Transport Ministry"
    assert event.speaker.affiliation == "Norway"


def test_layout_helpers() -> None:
    assert headline_end(STORY) == STORY.index("\n")
    assert headline_end("A full sentence ends here.\n\nNext.") == 0
    for line in ("OSLO (Fjord Wire) - Text", "HEMPSTEAD, N.Y., Sept. 26 (UPI) \u2014 Text", "WASHINGTON -- Text"):
        assert line[dateline_end(line, 3) :] == "Text"
    assert dateline_end("U.S.-backed forces - Text", 3) == 0
    assert clip_to_paragraph("ab cd\n\nef", (3, 9), 3) == (3, 5)
