"""The mission story: every statement the contradiction engine needs, with speaker and side.

The story is read from ../shared through the `mission_story` fixture; no text of
it is kept in the repository beyond the short key phrases searched for here.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from schemas.events import QuoteEvent
from services.common.nlp import load_nlp
from services.quotes.extract import extract_quotes


@pytest.fixture(scope="module")
def events(mission_story: str) -> list[QuoteEvent]:
    nlp: Language = load_nlp()
    return extract_quotes(nlp(mission_story), article_id="mission")


def _with(events: list[QuoteEvent], phrase: str) -> list[QuoteEvent]:
    found = [e for e in events if phrase in e.content.text]
    assert found, f"no quote contains {phrase!r}"
    return found


@pytest.mark.parametrize("phrase", ["productive conversations", "made progress on almost", "progress in every"])
def test_pompeo_progress_quotes(events: list[QuoteEvent], phrase: str) -> None:
    for event in _with(events, phrase):
        assert event.direct
        assert event.speaker is not None and event.speaker.name == "Mike Pompeo"
        assert event.speaker.affiliation == "United States"


def test_pompeo_described_talks_as_productive(events: list[QuoteEvent]) -> None:
    event = _with(events, "negotiations as")[0]
    assert event.speaker is not None and event.speaker.name == "Mike Pompeo"
    assert event.speaker.affiliation == "United States"


@pytest.mark.parametrize("phrase", ["regrettable", "fatally mistaken"])
def test_kcna_statement(events: list[QuoteEvent], phrase: str) -> None:
    for event in _with(events, phrase):
        assert event.speaker is not None
        assert event.speaker.name in {"KCNA", "North Korea"}
        assert event.speaker.affiliation == "North Korea"


def test_worrisome_is_north_korea(events: list[QuoteEvent]) -> None:
    event = _with(events, "worrisome")[0]
    assert event.speaker_mention is not None and event.speaker_mention.text == "The country"
    assert event.speaker is not None and event.speaker.name == "North Korea"
    assert event.speaker.affiliation == "North Korea"


def test_nauert_denies_the_cd(events: list[QuoteEvent]) -> None:
    event = _with(events, "did not leave Kim a CD")[0]
    assert not event.direct
    assert event.cue is not None and event.cue.text == "said"
    assert event.speaker is not None and event.speaker.name == "Heather Nauert"
    assert event.speaker.affiliation == "United States"


def test_every_pompeo_quote_resolves_to_him(events: list[QuoteEvent]) -> None:
    pompeo = [e for e in events if e.speaker_mention is not None and "Pompeo" in e.speaker_mention.text]
    assert len(pompeo) >= 4
    assert all(e.speaker is not None and e.speaker.name == "Mike Pompeo" for e in pompeo)
