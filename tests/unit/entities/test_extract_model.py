"""extract_entities on the worker's real pipeline (tok2vec + ner, no parser)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from services.common.nlp import load_nlp
from services.entities.extract import extract_entities

TEXT = (
    "Secretary of State Mike Pompeo's visit to Pyongyang ended on Saturday. "
    "Pompeo said the United States was pleased, and the U.S. would keep talking. "
    "North Korean officials called the talks regrettable."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(("ner",))  # NER alone: the extractor must not need the parser


def test_runs_without_the_parser(nlp: Language) -> None:
    assert "parser" not in nlp.pipe_names
    events = extract_entities(nlp(TEXT), article_id="story")
    by_name = {e.name: e for e in events}
    assert [m.text for m in by_name["Mike Pompeo"].mentions] == ["Mike Pompeo", "Pompeo"]
    assert by_name["Mike Pompeo"].label == "PERSON"
    assert [m.text for m in by_name["United States"].mentions] == ["United States", "U.S."]
    assert "Saturday" not in by_name


def test_offsets_index_the_text(nlp: Language) -> None:
    for event in extract_entities(nlp(TEXT), article_id="story"):
        assert event.article_id == "story"
        for mention in event.mentions:
            assert TEXT[mention.start : mention.end] == mention.text
