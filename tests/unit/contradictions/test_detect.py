import pytest
from spacy.language import Language

from schemas.events import ContradictionEvent
from services.contradictions.detect import find_contradictions, subject_claims
from tests.unit.contradictions.builders import article, quote

TALKS = (
    "France and Iran held two days of talks in Geneva. "
    '"These were productive, good faith negotiations," French envoy Anne Roy said on Friday. '
    "Iran's foreign ministry, however, called the discussions \"regrettable\" and the French demands worrisome."
)


def _claims_are_exact(event: ContradictionEvent, text: str) -> None:
    for claim in event.claims:
        assert text[claim.start:claim.end] == claim.text
    assert event.event_id == ContradictionEvent.make_id(event.kind, *event.claims)
    assert 0.0 <= event.confidence <= 1.0
    assert event.explanation


def test_evaluative_contradiction_between_sides() -> None:
    doc = article(TALKS)
    quotes = [quote(doc, "These were productive, good faith negotiations,", "Anne Roy", "France"),
              quote(doc, '"regrettable"', "Iranian foreign ministry", "Iran")]
    (event,) = find_contradictions(doc, quotes)
    assert event.kind == "evaluative"
    assert event.subject == "talks: France / Iran"
    assert [c.speaker.affiliation for c in event.claims if c.speaker] == ["France", "Iran"]
    assert event.article_id == doc.id
    _claims_are_exact(event, doc.text)


def test_one_side_praising_and_regretting_is_no_contradiction() -> None:
    doc = article(TALKS)
    quotes = [quote(doc, "These were productive, good faith negotiations,", "Anne Roy", "France"),
              quote(doc, '"regrettable"', "Anne Roy", "France")]
    assert find_contradictions(doc, quotes) == []


def test_descriptive_quotes_are_not_evaluations() -> None:
    doc = article('France and Iran held talks. "We met for six hours," Roy said. '
                  '"The talks ended at noon," an Iranian official said.')
    quotes = [quote(doc, "We met for six hours,", "Roy", "France"),
              quote(doc, "The talks ended at noon,", "Iranian official", "Iran")]
    assert find_contradictions(doc, quotes) == []


def test_rebuttal_against_reports_without_their_own_quote() -> None:
    doc = article("The minister met the king. Contrary to Japanese media reports, spokesman Ken Ito said "
                  "the minister did not give the king a watch.")
    quotes = [quote(doc, "the minister did not give the king a watch", "Ken Ito", "Foreign Ministry",
                    direct=False)]
    (event,) = find_contradictions(doc, quotes)
    assert event.kind == "rebuttal"
    assert event.subject == "watch"
    reported, denial = event.claims
    assert reported.text == "Japanese media reports"
    assert reported.speaker is not None and reported.speaker.name == "Japanese media"
    assert reported.speaker.affiliation == "Japan"
    assert denial.speaker is not None and denial.speaker.name == "Ken Ito"
    _claims_are_exact(event, doc.text)


def test_denied_reports_is_a_rebuttal_even_without_quotes() -> None:
    doc = article("Tehran has denied Israeli reports that it shipped drones to the rebels.")
    (event,) = find_contradictions(doc, [])
    assert event.kind == "rebuttal"
    assert event.claims[0].speaker is not None and event.claims[0].speaker.affiliation == "Israel"
    _claims_are_exact(event, doc.text)


def test_a_common_noun_can_deny() -> None:
    doc = article("The Foreign Ministry spokesman flatly rejected Russian claims that troops had crossed the border.")
    (event,) = find_contradictions(doc, [])
    reported, denial = event.claims
    assert reported.speaker is not None and reported.speaker.affiliation == "Russia"
    assert denial.text == "The Foreign Ministry spokesman flatly rejected"


def test_bare_denial_names_no_other_party() -> None:
    doc = article("The company denied that it had broken the law.")
    assert find_contradictions(doc, []) == []


def test_claim_against_contrary_evidence() -> None:
    doc = article("Roy insisted that Iran is still honouring the deal despite satellite images showing new "
                  "centrifuge halls.")
    quotes = [quote(doc, "Iran", "Anne Roy", "France")]
    (event,) = find_contradictions(doc, quotes)
    assert event.kind == "evidence"
    assert event.claims[0].text == "Iran is still honouring the deal"
    assert event.claims[0].speaker is not None and event.claims[0].speaker.name == "Anne Roy"
    assert event.claims[1].text.startswith("satellite images")
    _claims_are_exact(event, doc.text)


def test_quotes_of_another_article_are_rejected() -> None:
    doc, other = article(TALKS), article(TALKS, article_id="other")
    with pytest.raises(ValueError, match="belongs to"):
        find_contradictions(doc, [quote(other, "productive", "Roy", "France")])


def test_quote_topic_comes_from_its_own_words_before_its_sentence() -> None:
    doc = article('Australia and Indonesia reached a deal. Minister Jo Lee called the agreement "a genuine '
                  'breakthrough" and said the negotiations were long. Indonesia\'s envoy called the same '
                  'agreement "deeply disappointing".')
    quotes = [quote(doc, 'the agreement "a genuine breakthrough"', "Jo Lee", "Australia", direct=False),
              quote(doc, 'the same agreement "deeply disappointing"', "Budi Santoso", "Indonesia", direct=False)]
    (event,) = find_contradictions(doc, quotes)
    assert event.kind == "evaluative"
    assert event.subject == "deal: Australia / Indonesia"


def test_evaluative_subject_falls_back_to_the_head_noun(nlp: Language) -> None:
    doc = article('Chile and Peru disagree. "The new pipeline is a breakthrough," said Ana Diaz. '
                  '"The pipeline is a failure," said Peru\'s minister.')
    quotes = [quote(doc, "The new pipeline is a breakthrough,", "Ana Diaz", "Chile"),
              quote(doc, "The pipeline is a failure,", "Peruvian minister", "Peru")]
    (event,) = find_contradictions(doc, quotes, doc=nlp(doc.text))
    assert event.subject == "pipeline: Chile / Peru"
    assert [c.speaker.affiliation for c in event.claims if c.speaker] == ["Chile", "Peru"]


def test_the_lead_claim_is_filed_under_each_salient_entity(nlp: Language) -> None:
    text = ("Zambia says cholera outbreak contained\n"
            "LUSAKA - Zambia's Health Ministry said the cholera outbreak in Kasama has been contained. "
            "Doctors in Kasama said the ministry's claim was false. Zambia will keep vaccination teams there.")
    doc = article(text)
    claims = subject_claims(doc, doc=nlp(text))
    entities = claims[0].story_entities
    assert set(entities) >= {"zambia", "kasama"}
    assert {c.subject for c in claims} == set(entities)
    assert {c.claim.text for c in claims} == {"Zambia says cholera outbreak contained"}
    assert all(c.article_refutes and c.claim.source == "Wire" and c.claim.speaker is not None
               and c.claim.speaker.name == "Wire" for c in claims)  # what the outlet asserts, under its name
    assert "cholera" in claims[0].story_terms


def test_no_story_claims_without_a_parse_or_an_entity_named_twice(nlp: Language) -> None:
    doc = article('"The cholera outbreak has been contained," the minister said.')
    assert subject_claims(doc, doc=nlp(doc.text)) == []
    assert subject_claims(doc) == []
