from collections.abc import Callable

from schemas.events import QuoteEvent
from tests.unit.quotes.conftest import containing

Extract = Callable[[str], list[QuoteEvent]]


def test_said_that(quotes: Extract) -> None:
    event = containing(quotes("Judge Ellen Park said that the hearing would resume in May."), "hearing")
    assert not event.direct
    assert event.content.text == "that the hearing would resume in May"
    assert event.speaker is not None and event.speaker.name == "Ellen Park"


def test_told_reporters(quotes: Extract) -> None:
    event = containing(quotes("Coach Rob Adams told reporters the team had never played better."), "team")
    assert event.cue is not None and event.cue.text == "told"
    assert event.speaker is not None and event.speaker.name == "Rob Adams"


def test_according_to(quotes: Extract) -> None:
    event = containing(quotes("According to the ministry, the new rail line will cost $2 billion."), "rail line")
    assert event.speaker_mention is not None and event.speaker_mention.text == "the ministry"


def test_stance_verbs(quotes: Extract) -> None:
    for verb in ("insisted", "warned", "argued", "denied"):
        event = containing(quotes(f"Senator Ruth Lang {verb} that the bill was unfair to farmers."), "unfair")
        assert event.cue is not None and event.cue.text == verb


def test_described_as_with_partial_quote(quotes: Extract) -> None:
    event = containing(quotes('Ruth Lang described the meeting as "very useful" for both sides.'), "very useful")
    assert not event.direct
    assert event.content.text.startswith("the meeting as")


def test_content_then_cue(quotes: Extract) -> None:
    event = containing(quotes("The factory will close next year, the company said."), "factory")
    assert event.content.text == "The factory will close next year"
    assert event.speaker_mention is not None and event.speaker_mention.text == "the company"


def test_in_a_statement(quotes: Extract) -> None:
    text = "In a statement, the Health Ministry said the outbreak was under control."
    event = containing(quotes(text), "outbreak")
    assert event.speaker is not None and event.speaker.name == "Health Ministry"
