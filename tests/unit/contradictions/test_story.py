from spacy.language import Language

from services.contradictions.calibration import rule_confidence
from services.contradictions.claims import SentenceIndex
from services.contradictions.positions import refutes, stem
from services.contradictions.story import (
    idf,
    lead_claim,
    salient_entities,
    salient_terms,
    same_story,
    story_similarity,
)
from tests.unit.contradictions.builders import article

ZAMBIA = ("Zambia cholera outbreak contained\nZambia's Health Ministry said the cholera outbreak in Kasama "
          "has been contained. Doctors in Kasama said the claim was false. Vaccination teams stay in Zambia.")


def test_salient_entities_are_the_most_named_first(nlp: Language) -> None:
    assert salient_entities(nlp(ZAMBIA))[:2] == ("zambia", "kasama")


def test_salient_terms_prefer_specific_words(nlp: Language) -> None:
    terms = salient_terms(nlp(ZAMBIA))
    assert "cholera" in terms[:5]
    assert idf("cholera") > idf("say") and idf("cholera") > idf("election")


def test_a_shared_broad_word_is_not_one_story() -> None:
    assert story_similarity(("cholera", "outbreak", "kasama"), ("cholera", "outbreak", "zambia")) > 0.5
    broad = story_similarity(("election", "vote", "campaign", "wildfire"), ("election", "say", "ballot", "cholera"))
    assert broad < 0.3
    assert not same_story(("zambia",), ("peru",), ("cholera", "outbreak"), ("cholera", "outbreak"))
    assert same_story(("zambia",), ("zambia", "kasama"), ("cholera", "outbreak", "kasama"),
                      ("cholera", "outbreak", "kasama"))


def test_the_lead_claim_is_the_headline_line_without_its_dateline() -> None:
    lead = lead_claim(article(ZAMBIA), SentenceIndex(ZAMBIA))
    assert lead is not None and lead.text == "Zambia cholera outbreak contained"
    wire = "LUSAKA (Reuters) - The cholera outbreak in Kasama has been contained, the ministry said."
    lead = lead_claim(article(wire), SentenceIndex(wire))
    assert lead is not None and lead.text.startswith("The cholera outbreak in Kasama")
    assert wire[lead.start:lead.end] == lead.text


def test_refuting_words_fold_their_inflections() -> None:
    assert stem("denied") == stem("denies") == "deny"
    assert refutes("The photo is a hoax.") and refutes("The ministry denied it.")
    assert not refutes("The ministry said it was contained.")


def test_rule_confidence_is_the_smoothed_share_judged_right() -> None:
    assert 0.5 < rule_confidence("rebuttal") < 1.0
    assert rule_confidence("never-judged") == 0.5


def test_the_lead_claim_passes_over_questions_and_verbless_hooks(nlp: Language) -> None:
    for hook in ("Nope.", "What did you do this weekend?", "Update at 5:38 p.m.", "The Tampa, Fla."):
        text = f"{hook} The cholera outbreak in Kasama has been contained, the ministry said. Doctors disagree."
        lead = lead_claim(article(text), SentenceIndex(text), nlp(text))
        assert lead is not None and lead.text.startswith("The cholera outbreak in Kasama"), hook
    alone = "Nope."
    lead = lead_claim(article(alone), SentenceIndex(alone), nlp(alone))
    assert lead is not None and lead.text == "Nope."  # nothing better: the first sentence
