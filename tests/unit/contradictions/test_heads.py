import pytest

from services.contradictions.heads import head_noun


@pytest.mark.parametrize(("text", "noun"), [
    ("that the cholera outbreak in the north of the country has been contained", "outbreak"),
    ('"The cholera outbreaks are not contained,"', "outbreak"),
    ("Iran denied it shipped any drones to the rebels.", "drone"),
    ("the agreement as \"a genuine breakthrough\"", "agreement"),
    ("that the promised funds were \"far too small\"", "fund"),
])
def test_head_noun_is_the_lemma_the_claim_is_about(text: str, noun: str) -> None:
    assert head_noun(text) == noun


def test_generic_nouns_and_nounless_claims_have_no_head() -> None:
    assert head_noun("People said things.") is None
    assert head_noun("He was happy") is None
    assert head_noun("  ") is None
