"""One spaCy pipeline for every quote unit test, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from schemas.events import QuoteEvent
from services.common.nlp import load_nlp
from services.quotes.extract import extract_quotes


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def quotes(nlp: Language) -> Callable[[str], list[QuoteEvent]]:
    """Extract the quotes of a short text."""

    def run(text: str) -> list[QuoteEvent]:
        return extract_quotes(nlp(text), article_id="unit")

    return run


def containing(events: list[QuoteEvent], words: str) -> QuoteEvent:
    """The one event whose content contains `words` (fails the test otherwise)."""
    found = [e for e in events if words in e.content.text]
    assert len(found) == 1, f"{words!r} in {[e.content.text for e in events]}"
    return found[0]
