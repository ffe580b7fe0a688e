"""Generated articles that stress the quote and contradiction code: size, counts and odd text.

Shared by `tests/unit/test_stress.py` (work counters, never times) and `bench/stress.py`
(time per KB against bare spaCy). Deterministic: the same set every run.
"""

from __future__ import annotations

from collections.abc import Iterator

QUOTE_SENTENCE = ('"The talks were productive," Pompeo said. KCNA called them "regrettable." '
                  "Nauert denied the report that he left a CD. ")


def repeated(size: int) -> str:
    """Quote sentences repeated up to `size` characters (the issue's stalling article)."""
    return (QUOTE_SENTENCE * (size // len(QUOTE_SENTENCE) + 1))[:size]


def many_quotes(count: int) -> str:
    """`count` short attributed quotes by a handful of speakers."""
    names = ("Ana Ruiz", "Tom Reyes", "the ministry", "KCNA", "Mark Lee")
    return " ".join(f'"Point {i} stands," {names[i % len(names)]} said.' for i in range(count))


def one_long_sentence(size: int) -> str:
    """One sentence of `size` characters: commas and quotes, no full stop until the end."""
    unit = 'and the minister said "the plan works", while critics said it "fails", '
    return "Officials said " + (unit * (size // len(unit) + 1))[:size] + "everyone agreed."


def odd_marks() -> str:
    """Unbalanced, nested and mixed quotation marks."""
    parts = ['"He said \u201cshe said \u2018no\u2019\u201d and left," Ruiz said. ',
             "\u201cUnclosed quote by Lee said. ", '"Straight then \u201dcurly\u201c reversed," said Reyes. ',
             "\u00abGuillemets\u00bb, said Dupont. \u201e German low \u201c said Weber. ",
             '"""" """ "\u201c\u201d\u2019 ']
    return "".join(parts) * 40


def odd_text() -> str:
    """Zero-width characters, emoji and right-to-left text around quotes."""
    parts = ['"Peace\u200b talks\u200d are \U0001F600 productive," Ruiz said. ',
             "\u05d0\u05de\u05e8 \u05d4\u05e9\u05e8 "
             "\"\u05d4\u05e9\u05d9\u05d7\u05d5\u05ea \u05e0\u05db\u05e9\u05dc\u05d5\" said Cohen. ",
             "\u0627\u0644\u0648\u0632\u064a\u0631 said \"\u200fno deal\u200e\" on Friday. ",
             '\ufeff"Family \U0001F468\u200d\U0001F469\u200d\U0001F467 first," Lee said. ']
    return "".join(parts) * 40


def stress_set(limit: int) -> Iterator[tuple[str, str]]:
    """(name, text) of every stress article; the largest is `limit` characters."""
    for size in (4_000, 64_000, limit):
        yield f"repeated-{size}", repeated(size)
    yield "3000-quotes", many_quotes(3000)
    yield "one-100k-sentence", one_long_sentence(100_000)
    yield "odd-quote-marks", odd_marks()
    yield "zero-width-emoji-rtl", odd_text()
