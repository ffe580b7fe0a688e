from collections.abc import Callable

from spacy.language import Language

from schemas.events import QuoteEvent
from services.quotes.extract import extract_quotes

Extract = Callable[[str], list[QuoteEvent]]

ODD_TEXTS = ["", "   \n\n ", '"', '“”', 'He said "', '" " " "', "said said said.", "”Backwards“ he said.", "a" * 5000]


def test_odd_input_never_raises(quotes: Extract) -> None:
    for text in ODD_TEXTS:
        quotes(text)


def test_unbalanced_quote_does_not_drop_the_article(quotes: Extract) -> None:
    text = 'Mia Roth said "the plan is broken.\n\nLater, Tom Fry said the plan would survive.'
    assert any("survive" in e.content.text for e in quotes(text))


def test_events_are_sorted_unique_and_offsets_hold(nlp: Language) -> None:
    text = (
        '"We will appeal," Dana Cole said. She said the ruling ignored the evidence.\n\n'
        "According to the court, the ruling is final."
    )
    events = extract_quotes(nlp(text), article_id="a1")
    starts = [e.content.start for e in events]
    assert starts == sorted(starts)
    assert len({(e.content.start, e.content.end) for e in events}) == len(events)
    for event in events:
        for span in (event.content, event.cue, event.speaker_mention):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert event.event_id == QuoteEvent.make_id("a1", event.content)


def test_deterministic(nlp: Language) -> None:
    doc = nlp('"It is over," Sam Reed said.')
    assert extract_quotes(doc, article_id="x") == extract_quotes(doc, article_id="x")
