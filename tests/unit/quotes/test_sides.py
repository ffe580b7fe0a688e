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


def test_organisation_title_takes_the_country_named_with_it_earlier(quotes: Extract) -> None:
    text = (
        "Chile's Foreign Ministry rejected the report on Friday.\n\n"
        "Foreign Ministry spokesman Pablo Rojas said the visit would go ahead. "
        "Mining Minister Ana Soto said the mine was safe, citing Chile's Mining Ministry data."
    )
    event = containing(quotes(text), "visit would go ahead")
    assert event.speaker is not None and event.speaker.affiliation == "Chile"


def test_minister_title_links_to_the_ministry(quotes: Extract) -> None:
    text = (
        "Zambia's Health Ministry said on Monday that the outbreak had been contained.\n\n"
        '"New cases are falling every day," Health Minister Grace Mwale told reporters.'
    )
    event = containing(quotes(text), "New cases")
    assert event.speaker is not None and event.speaker.name == "Grace Mwale"
    assert event.speaker.affiliation == "Zambia"


def test_a_speakers_side_holds_for_all_their_quotes(quotes: Extract) -> None:
    text = (
        "Indonesia's chief negotiator, Budi Santoso, said the deal was a failure.\n\n"
        '"The funds are far too small," Santoso said.'
    )
    event = containing(quotes(text), "far too small")
    assert event.speaker is not None and event.speaker.name == "Budi Santoso"
    assert event.speaker.affiliation == "Indonesia"


def test_a_place_named_after_a_country_is_not_that_country(quotes: Extract) -> None:
    governor = containing(quotes("New Mexico Gov. Susana Martinez said the plan was a failure."), "plan")
    official = containing(quotes("A North American trade official said the deal was dead."), "deal")
    assert governor.speaker is not None and governor.speaker.affiliation != "Mexico"
    assert official.speaker is not None and official.speaker.affiliation != "United States"
    minister = containing(quotes("Mexico's economy secretary said the deal was dead."), "deal")
    assert minister.speaker is not None and minister.speaker.affiliation == "Mexico"
