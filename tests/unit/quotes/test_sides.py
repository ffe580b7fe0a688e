from collections.abc import Callable

from schemas.events import QuoteEvent
from services.quotes.sides import gazetteer_side
from tests.unit.quotes.conftest import containing

Extract = Callable[[str], list[QuoteEvent]]


def test_country_in_the_mention_wins(quotes: Extract) -> None:
    event = containing(quotes("US Trade Representative Jane Holt said tariffs would stay."), "tariffs")
    assert event.speaker is not None and event.speaker.affiliation == "United States"


def test_side_from_an_earlier_mention(quotes: Extract) -> None:
    text = "French Foreign Minister Paul Dubois arrived late. Dubois said the deal was dead."
    event = containing(quotes(text), "deal")
    assert event.speaker is not None and event.speaker.affiliation == "France"


def test_office_in_the_mention_uses_the_gazetteer(quotes: Extract) -> None:
    event = containing(quotes("State Department spokesman Tim Ward said the embassy would reopen."), "embassy")
    assert event.speaker is not None and event.speaker.affiliation == "United States"


def test_media_of_a_country(quotes: Extract) -> None:
    event = containing(quotes("South Korean media reported that the summit had been delayed."), "summit")
    assert event.speaker is not None and event.speaker.affiliation == "South Korea"


def test_gazetteer() -> None:
    assert gazetteer_side("Xinhua") == "China"
    assert gazetteer_side("the Kremlin") == "Russia"
    assert gazetteer_side("the White House") == "United States"
    assert gazetteer_side("Acme Corp") is None
