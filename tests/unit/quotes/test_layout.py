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


def test_a_headline_set_off_by_one_line_break_is_not_the_content_of_a_datelined_cue(quotes: Extract) -> None:
    # The parser runs "Leaders split over summit" through the dateline into the sentence and
    # hangs it on "called" as a clause; the content is what Joly called the summit.
    story = ("Leaders split over summit\nOTTAWA (Wire) - Canada's foreign minister Melanie Joly called the "
             "summit \"a historic success\" on Friday.")
    event = containing(quotes(story), "a historic success")
    assert event.content.text == 'the summit "a historic success"'
    assert event.speaker is not None and event.speaker.name == "Melanie Joly"
