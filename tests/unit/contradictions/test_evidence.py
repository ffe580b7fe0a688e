from spacy.language import Language

from schemas.events import ContradictionEvent
from services.contradictions.detect import find_contradictions
from tests.unit.contradictions.builders import article, quote


def _exact(event: ContradictionEvent, text: str) -> None:
    for claim in event.claims:
        assert text[claim.start:claim.end] == claim.text


def test_reports_showing_the_contrary(nlp: Language) -> None:
    doc = article("Kenya's Water Minister Peter Otieno insisted on Sunday that the Kalemba dam is completely "
                  "safe, despite inspection reports showing widening cracks in its main wall.")
    (event,) = find_contradictions(doc, [quote(doc, "Kalemba", "Peter Otieno", "Kenya")], doc=nlp(doc.text))
    assert event.kind == "evidence"
    assert event.subject == "dam"
    claim, evidence = event.claims
    assert claim.text == "the Kalemba dam is completely safe"
    assert claim.speaker is not None and claim.speaker.name == "Peter Otieno"
    assert evidence.text == "inspection reports showing widening cracks in its main wall"
    assert event.explanation == ('Peter Otieno says "the Kalemba dam is completely safe", '
                                 'against "inspection reports showing widening cracks in its main wall"')
    _exact(event, doc.text)


def test_even_as_and_although_clauses_need_a_verb_of_showing() -> None:
    doc = article("Lee said that exports are booming, even as official figures released on Monday suggest a slump.")
    (event,) = find_contradictions(doc, [])
    assert event.claims[0].text == "exports are booming"
    assert event.claims[1].text.startswith("official figures released")
    assert find_contradictions(article("Lee said that exports are booming, although the data are old."), []) == []


def test_preposed_evidence_before_the_claim() -> None:
    doc = article("Despite satellite images showing new trenches, General Ito insisted that no troops had moved.")
    (event,) = find_contradictions(doc, [])
    claim, evidence = event.claims
    assert claim.text == "no troops had moved"
    assert evidence.text == "satellite images showing new trenches"
    _exact(event, doc.text)


def test_reports_of_something_are_not_contrary_evidence() -> None:
    doc = article("Lee said that the election was calm, despite reports of unrest in the north.")
    assert find_contradictions(doc, []) == []
