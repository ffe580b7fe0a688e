import pytest
from spacy.language import Language

from services.common.docs import blank_vocab, decode_doc, encode_doc
from services.contradictions.heads import head_noun


@pytest.mark.parametrize(("sentence", "claim", "noun"), [
    ("The ministry said that the cholera outbreak in the north of the country has been contained.",
     "that the cholera outbreak in the north of the country has been contained", "outbreak"),
    ('"The cholera outbreaks are not contained," a doctor said.', '"The cholera outbreaks are not contained,"',
     "outbreak"),
    ("Iran denied it shipped any drones to the rebels.", "Iran denied it shipped any drones to the rebels.", "drone"),
    ('Donovan described the agreement as "a genuine breakthrough".', 'the agreement as "a genuine breakthrough"',
     "agreement"),
    ('He said that the promised funds were "far too small".', 'that the promised funds were "far too small"',
     "fund"),
])
def test_head_noun_is_the_lemma_the_claim_is_about(nlp: Language, sentence: str, claim: str, noun: str) -> None:
    start = sentence.index(claim)
    assert head_noun(nlp(sentence), start, start + len(claim)) == noun


def test_generic_nouns_and_nounless_claims_have_no_head(nlp: Language) -> None:
    for text in ("People said things.", "He was happy"):
        assert head_noun(nlp(text), 0, len(text)) is None
    assert head_noun(nlp("  x"), 0, 2) is None
    assert head_noun(None, 0, 10) is None


def test_the_shipped_parse_gives_the_same_heads_without_a_model(nlp: Language) -> None:
    sentence = "The ministry said that the cholera outbreak has been contained."
    shipped = decode_doc(encode_doc(nlp(sentence)), blank_vocab())
    assert shipped.text == sentence
    assert head_noun(shipped, 18, len(sentence) - 1) == head_noun(nlp(sentence), 18, len(sentence) - 1) == "outbreak"
