import pytest

from services.contradictions.article_position import (
    LEAD_SENTENCES,
    dispute_probability,
    load_position_model,
    position_features,
)
from services.contradictions.features import sentences

DEBUNKS = ("Reports that the cholera outbreak in Kasama has been contained are false, doctors said. "
           "The ministry's claim is a hoax, according to two clinics.")
ASSERTS = ("The cholera outbreak in Kasama has been contained, the health ministry said on Tuesday. "
           "Vaccination teams reached every village.")


def test_features_are_shares_of_lead_and_body_sentences() -> None:
    text = "The photo is a hoax. The man is real.\nHe lives in Ohio. Is it true? Nobody knows."
    assert len(sentences(text)) == 5
    features = position_features(text)
    assert features["lead_refute"] == pytest.approx(1 / LEAD_SENTENCES)
    assert features["body_refute"] == pytest.approx(1 / 5)
    assert features["body_question"] == pytest.approx(1 / 5)
    assert features["any_refute"] == 1.0
    assert features["word:hoax"] == 1.0 and "word:ohio" in features and "word:know" not in features


def test_an_article_without_sentences_has_no_cues() -> None:
    features = position_features("")
    assert features["any_refute"] == 0.0 and features["lead_refute"] == 0.0


def test_shipped_model_reads_a_debunking_article_as_disputing() -> None:
    model = load_position_model()
    debunks, asserts = (dispute_probability(position_features(text), model) for text in (DEBUNKS, ASSERTS))
    assert debunks > 0.5 > asserts
