from services.quotes.quotemarks import find_quotes


def texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_straight_and_curly_marks() -> None:
    assert texts('She said "yes, fine." Then “no, never,” he said.') == ['"yes, fine."', "“no, never,”"]


def test_doubled_single_quotes() -> None:
    assert texts("''We will win,'' Mr. Lamb said.") == ["''We will win,''"]


def test_multi_paragraph_quote_is_one_span() -> None:
    text = '"The first part of it.\n\n"The second part," she said.'
    assert texts(text) == [text[: text.index(",") + 2]]


def test_unbalanced_mark_ends_at_paragraph_end() -> None:
    text = 'He said "this never closes\n\nNext paragraph.'
    assert texts(text) == ['"this never closes']


def test_stray_closing_mark_is_ignored() -> None:
    assert texts("A stray ” mark and nothing else.") == []
