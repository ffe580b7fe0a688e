"""Hand-built docs: words and IOB entity tags, no model needed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.tokens import Doc

MakeDoc = Callable[[str], Doc]


@pytest.fixture(scope="module")
def make_doc() -> MakeDoc:
    """A doc from "word/TAG word ..." notation: `Mike/B-PERSON Pompeo/I-PERSON said`.

    Words are separated by one space, except that a word starting with "'" or a
    punctuation mark is attached to the word before it (like "Pompeo's" or "it.").
    """
    vocab = spacy.blank("en").vocab

    def build(notation: str) -> Doc:
        words: list[str] = []
        tags: list[str] = []
        for item in notation.split():
            word, _, tag = item.partition("/")
            words.append(word)
            tags.append(tag or "O")
        spaces = [nxt[0] not in "'.,;:!?\u2019" for nxt in words[1:]] + [False]
        return Doc(vocab, words=words, spaces=spaces, ents=tags)

    return build
