"""The indexed attribute_ruler match step finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from services.common.attribute_index import IndexedMatcher, speed_up_attribute_ruler
from services.common.nlp import MODEL_PACKAGE, load_nlp

# Written to reach the model's exception patterns: contractions, "gonna", "y'all",
# "ain't", "nothin'", existential "there", auxiliaries, object pronouns, spaces.
TEXTS = [
    "Y'all ain't gonna believe it: there were nothin' but rumours, and let's be honest, she didn't care.",
    "The minister said he'd have gone if they had asked him.  We've got ta see it, but I'm not sure.",
    "Whether or not the talks resume, officials who have met him say it was productive.\n\nIt's over.",
    "Do you know what that means? Give it to me, they told us, because we will not wait.",
]


def attribute_ruler(nlp: Language) -> AttributeRuler:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return ruler


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(MODEL_PACKAGE)


@pytest.fixture(scope="module")
def fast() -> Language:
    return load_nlp()


def test_load_nlp_uses_the_indexed_match_step(fast: Language) -> None:
    assert isinstance(attribute_ruler(fast).match, IndexedMatcher)


def test_same_matches_as_spacys_matcher(stock: Language) -> None:
    ruler = attribute_ruler(stock)
    indexed = IndexedMatcher(ruler)
    for doc in stock.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer"]):
        expected = ruler.match(doc)
        assert indexed(doc) == expected
        assert len(expected) > len(doc)  # the tag map matches every token, exceptions add more


def test_same_annotations_as_the_stock_pipeline(stock: Language, fast: Language) -> None:
    def annotations(nlp: Language) -> list[list[tuple[str, str, str, str]]]:
        return [[(t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in doc] for doc in nlp.pipe(TEXTS)]

    assert annotations(fast) == annotations(stock)


def test_a_pattern_it_cannot_index_keeps_spacys_matcher(stock: Language) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "talks", "OP": "+"}]], {"LEMMA": "talk"})
    speed_up_attribute_ruler(nlp)
    assert not isinstance(attribute_ruler(nlp).match, IndexedMatcher)
