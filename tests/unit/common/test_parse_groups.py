"""spaCy gets an article batch in groups bounded by count and by characters, so memory has a ceiling."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from services.common.nlp import PIPE_BATCH_CHARS, PIPE_BATCH_SIZE, parse_texts


class RecordingNlp:
    """Tokenizes like a blank English pipeline and records each group `pipe` is given."""

    def __init__(self) -> None:
        self.blank = spacy.blank("en")
        self.groups: list[list[str]] = []

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        group = list(texts)
        assert batch_size == len(group)
        self.groups.append(group)
        return iter([self.blank.make_doc(text) for text in group])


def _parse(texts: list[str]) -> tuple[list[str], list[list[str]]]:
    nlp = RecordingNlp()
    docs = list(parse_texts(cast(Language, nlp), texts))
    return [doc.text for doc in docs], nlp.groups


def test_short_texts_go_in_groups_of_the_batch_size_in_order() -> None:
    texts = [f"Text number {i}." for i in range(PIPE_BATCH_SIZE * 2 + 3)]
    parsed, groups = _parse(texts)
    assert parsed == texts
    assert [len(group) for group in groups] == [PIPE_BATCH_SIZE, PIPE_BATCH_SIZE, 3]


def test_long_texts_split_a_group_by_characters() -> None:
    third = "word " * (PIPE_BATCH_CHARS // 15)  # three fit, a fourth does not
    texts = [third, third, third, third, "short"]
    parsed, groups = _parse(texts)
    assert parsed == texts
    assert [len(group) for group in groups] == [3, 2]
    assert all(sum(map(len, group)) <= PIPE_BATCH_CHARS for group in groups)


def test_a_text_longer_than_the_cap_goes_alone() -> None:
    huge = "word " * PIPE_BATCH_CHARS
    parsed, groups = _parse(["before", huge, "after"])
    assert parsed == ["before", huge, "after"]
    assert groups == [["before"], [huge], ["after"]]
