from spacy.language import Language

from services.contradictions.claims import SentenceIndex, quote_claims
from services.contradictions.detect import find_contradictions
from services.contradictions.opposition import candidate_pairs, judge_pairs, opposed_claims
from services.contradictions.pair_model import PairModel, load_pair_model
from services.contradictions.pairs import FEATURES, claim_view, entity_counts
from tests.unit.contradictions.builders import article, quote

ACCUSED = ("Senator Ann Wells said Governor Tom Reyes took bribes from the port authority. "
           "Reyes denied that he took any bribes from the port authority. "
           "Donald Trump said the port deal was a disaster. Trump said the port deal was a disaster again.")


def _views(nlp: Language, text: str, quotes: list[tuple[str, str]]) -> list:  # type: ignore[type-arg]
    doc = article(text)
    parsed = nlp(text)
    claims = quote_claims(doc, [quote(doc, content, name) for content, name in quotes])
    index = SentenceIndex(text)
    return [claim_view(c, parsed, index.index_of(c.claim.start), entity_counts(parsed)) for c in claims]


def test_a_speaker_under_two_names_is_never_paired_with_itself(nlp: Language) -> None:
    views = _views(nlp, ACCUSED, [("the port deal was a disaster", "Donald Trump"),
                                  ("the port deal was a disaster again", "Trump")])
    assert list(candidate_pairs(views)) == []


def test_overlapping_claims_are_one_statement_not_a_pair(nlp: Language) -> None:
    text = "Wells said the port deal was corrupt and rushed. Reyes said otherwise."
    views = _views(nlp, text, [("the port deal was corrupt and rushed", "Ann Wells"),
                               ("corrupt and rushed", "Tom Reyes")])
    assert list(candidate_pairs(views)) == []


def test_a_denial_of_an_accusation_has_the_features_of_a_rebuttal(nlp: Language) -> None:
    doc = article(ACCUSED)
    quotes = [quote(doc, "Governor Tom Reyes took bribes from the port authority", "Ann Wells"),
              quote(doc, "that he took any bribes from the port authority", "Tom Reyes", cue="denied")]
    (pair,) = judge_pairs(doc, quote_claims(doc, quotes), nlp(ACCUSED), load_pair_model())
    assert pair.features["denial"] == 1.0 and pair.features["denial_later"] == 1.0
    assert pair.features["overlap"] > 0.3
    assert pair.features["addressed"] == 1.0 and pair.features["near"] == 1.0


def test_pairs_at_or_above_the_threshold_become_explained_events(nlp: Language) -> None:
    doc = article(ACCUSED)
    quotes = [quote(doc, "Governor Tom Reyes took bribes from the port authority", "Ann Wells"),
              quote(doc, "that he took any bribes from the port authority", "Tom Reyes", cue="denied")]
    claims = quote_claims(doc, quotes)
    always = PairModel(FEATURES, tuple(0.0 for _ in FEATURES), 5.0, 0.5)
    never = PairModel(FEATURES, tuple(0.0 for _ in FEATURES), -5.0, 0.5)
    (event,) = opposed_claims(doc, claims, nlp(ACCUSED), always)
    assert event.kind == "rebuttal"
    assert "Tom Reyes" in event.explanation and "took bribes from the port authority" in event.explanation
    assert event.subject == "bribe port authority"
    assert 0.99 < event.confidence <= 1.0
    assert opposed_claims(doc, claims, nlp(ACCUSED), never) == []


def test_shipped_model_gives_a_probability_and_threshold() -> None:
    model = load_pair_model()
    assert model.features == FEATURES
    assert 0.0 < model.threshold <= 1.0  # 1.0: too weak to reach its precision floor, it reports nothing
    assert 0.0 < model.probability({}) < 0.5


def test_one_shared_topic_word_between_two_unrelated_stories_is_no_contradiction(nlp: Language) -> None:
    text = ("Canada's minister said the election in Ontario was a historic success. "
            "In Peru, a Mexican observer called the election a humiliating failure.")
    doc = article(text)
    quotes = [quote(doc, "the election in Ontario was a historic success", "Mark Lee", "Canada"),
              quote(doc, "the election a humiliating failure", "Ana Ruiz", "Mexico")]
    assert find_contradictions(doc, quotes, doc=nlp(text)) == []


def test_opposed_verdicts_of_the_story_parties_on_one_summit_are_a_contradiction(nlp: Language) -> None:
    text = ("Canada and Mexico ended their summit in Ottawa. Canada's minister called the summit "
            "\"a historic success\". Mexico's minister called the summit \"a humiliating failure\".")
    doc = article(text)
    quotes = [quote(doc, '"a historic success"', "Mark Lee", "Canada"),
              quote(doc, '"a humiliating failure"', "Ana Ruiz", "Mexico")]
    (event,) = find_contradictions(doc, quotes, doc=nlp(text))
    assert event.kind == "evaluative" and event.subject == "summit: Canada / Mexico"


def test_the_place_a_story_was_filed_from_is_not_a_party(nlp: Language) -> None:
    text = ("SINGAPORE (Wire) - Australia and Indonesia judged the deal reached in Singapore differently. "
            "Australia's minister called the deal \"a breakthrough\". Indonesia's envoy called the deal \"a failure\".")
    doc = article(text)
    quotes = [quote(doc, '"a breakthrough"', "Claire Donovan", "Australia"),
              quote(doc, '"a failure"', "Budi Santoso", "Indonesia")]
    (event,) = find_contradictions(doc, quotes, doc=nlp(text))
    assert event.subject == "deal: Australia / Indonesia"
