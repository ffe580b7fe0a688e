import pytest

from services.contradictions.claims import SentenceIndex, is_assertion, quote_claims
from tests.unit.contradictions.builders import article, quote


@pytest.mark.parametrize(("content", "cue"), [
    ("Is the deal dead?", "said"),
    ("whether the minister knew about the payments", "asked"),
    ("if the talks fail, sanctions will follow", "said"),
    ("why the report was delayed", "wondered"),
    ("the figures were wrong", "asked"),
])
def test_questions_conditionals_and_reported_questions_are_not_claims(content: str, cue: str) -> None:
    assert not is_assertion(content, cue)


@pytest.mark.parametrize("content", ["the deal is dead", "that the figures were wrong", "We will never agree."])
def test_statements_are_claims(content: str) -> None:
    assert is_assertion(content, "said")
    assert is_assertion(content, None)


def test_a_claim_whose_speaker_is_a_weekday_keeps_its_text_but_no_speaker() -> None:
    doc = article("Wednesday said the bridge was safe. Engineers said it was not.")
    (claim, other) = quote_claims(doc, [quote(doc, "the bridge was safe", "Wednesday"),
                                        quote(doc, "it was not", "Engineers")])
    assert claim.claim.text == "the bridge was safe" and claim.claim.speaker is None
    assert other.claim.speaker is not None and other.claim.speaker.name == "Engineers"


def test_a_question_quote_is_not_a_claim() -> None:
    doc = article('"Is the deal dead?" the senator said. The minister said the deal is alive.')
    claims = quote_claims(doc, [quote(doc, "Is the deal dead?", "the senator"),
                                quote(doc, "the deal is alive", "the minister")])
    assert [c.claim.text for c in claims] == ["the deal is alive"]


def test_sentence_index_finds_the_sentence_of_an_offset() -> None:
    text = "One sentence here. Another one there.\nA third."
    index = SentenceIndex(text)
    assert [text[s:e] for s, e in index.spans] == ["One sentence here.", "Another one there.", "A third."]
    assert index.index_of(text.index("Another")) == 1
    assert index.index_of(text.index("third")) == 2
    assert text[slice(*index.around(text.index("one there"), text.index("one there") + 3))] == "Another one there."
