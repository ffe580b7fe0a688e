"""The quoted words in a few sentences of their article."""

from __future__ import annotations

from services.desk.context import context_window

TEXT = "First one. The minister said the talks were \"productive\" today. Third here. Fourth last."


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as a parse gives them (here: split after each '. ')."""
    spans, start = [], 0
    for index, char in enumerate(text):
        if char == "." and (index + 1 == len(text) or text[index + 1] == " "):
            spans.append((start, index + 1))
            start = index + 2
    return spans


def span_of(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def test_the_quote_comes_with_one_sentence_either_side_and_is_marked_exactly() -> None:
    start, end = span_of('"productive"')
    window = context_window(TEXT, sentences(TEXT), start, end)
    assert window is not None
    assert window.quote == '"productive"'
    assert window.before == "First one. The minister said the talks were "
    assert window.after == " today. Third here."
    assert (window.clipped_before, window.clipped_after) == (False, True)


def test_at_the_article_start_there_is_nothing_before_and_nothing_is_clipped_there() -> None:
    window = context_window(TEXT, sentences(TEXT), 0, len("First one."))
    assert window is not None
    assert window.before == "" and not window.clipped_before
    assert window.after.startswith(" The minister said")


def test_a_quote_across_sentences_keeps_both_and_their_neighbours() -> None:
    start = TEXT.index("today.")
    end = TEXT.index("Third here.") + len("Third here.")
    window = context_window(TEXT, sentences(TEXT), start, end, around=0)
    assert window is not None
    assert window.quote == "today. Third here."
    assert window.before.startswith("The minister")
    assert window.after == ""


def test_paragraph_breaks_become_spaces() -> None:
    text = "Title line\n\nShe said \"no\".\n\nNext paragraph."
    start = text.index('"no"')
    window = context_window(text, [(0, 10), (12, 26), (28, len(text))], start, start + 4)
    assert window is not None
    assert window.before == "Title line She said "
    assert window.after == ". Next paragraph."


def test_long_sentences_are_cut_on_a_word_boundary_and_say_so() -> None:
    text = "word " * 300 + "QUOTE" + " more" * 300
    start = text.index("QUOTE")
    window = context_window(text, [(0, len(text))], start, start + 5, max_side_chars=50)
    assert window is not None
    assert window.clipped_before and window.clipped_after
    assert 40 <= len(window.before) <= 50 and window.before.startswith("word")
    assert 40 <= len(window.after) <= 50 and window.after.endswith("more")


def test_without_sentences_the_text_is_one_sentence() -> None:
    start, end = span_of("Third")
    window = context_window(TEXT, [], start, end)
    assert window is not None
    assert window.before + window.quote + window.after == TEXT


def test_a_span_outside_the_text_has_no_context() -> None:
    assert context_window(TEXT, sentences(TEXT), 10, len(TEXT) + 5) is None
    assert context_window(TEXT, sentences(TEXT), 8, 4) is None
