"""The parse's CPU time is counted apart from what the caller does with each doc."""

from __future__ import annotations

import time
from collections.abc import Iterator

import spacy
from spacy.tokens import Doc

from services.common.nlp import cpu_counted


def _burn(seconds: float) -> None:
    started = time.thread_time()
    while time.thread_time() - started < seconds:
        pass


def test_counts_the_parse_and_not_the_caller() -> None:
    nlp = spacy.blank("en")

    def slow_parse(texts: list[str]) -> Iterator[Doc]:
        for doc in nlp.pipe(texts):
            _burn(0.02)
            yield doc

    counted: list[float] = []
    texts = ["One text.", "Another text.", "A third."]
    for doc, text in zip(cpu_counted(slow_parse(texts), counted.append), texts, strict=True):
        assert doc.text == text
        _burn(0.05)  # the caller's own work, after each doc
    assert len(counted) == len(texts) + 1  # one reading per doc, and one for the end
    assert 0.06 <= sum(counted) < 0.06 + 0.1
