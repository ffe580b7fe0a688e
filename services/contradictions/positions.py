"""Refuting words, and the cross-article model that says whether two articles' positions oppose.

`refutes`: whether a text holds a refuting word ("hoax", "denied", "false"; the stems in
`refutes.json`, chosen on Emergent headlines by `bench/build_refutes.py`). The cross-article
model (`cross_model.json`, fitted by `bench/train_article_position.py` on FNC-1 train bodies
we labelled) turns two articles' positions (`article_position`) into one probability that
they take opposed positions on their story.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path

from services.contradictions.features import tokens
from services.contradictions.pair_model import PairModel, load_pair_model

CROSS_MODEL_FILE = Path(__file__).with_name("cross_model.json")
REFUTES_FILE = Path(__file__).with_name("refutes.json")


@functools.lru_cache(maxsize=65536)  # news repeats its words: most calls are a lookup
def stem(word: str) -> str:
    """A crude English stem, enough to fold inflections of the refuting words: denies, denied -> deny."""
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


@functools.cache
def refuting_stems() -> frozenset[str]:
    return frozenset(json.loads(REFUTES_FILE.read_text(encoding="utf-8"))["stems"])


def has_refuting_word(words: Iterable[str]) -> bool:
    """True when one of `words` (lower-cased tokens) is a refuting word (`refutes.json`)."""
    refuting = refuting_stems()
    return any(stem(w) in refuting for w in words)


def refutes(text: str) -> bool:
    """True when `text` holds a refuting word ("hoax", "denied", "false"; `refutes.json`)."""
    return has_refuting_word(tokens(text))


def load_cross_model() -> PairModel:
    """The shipped cross-article model, read once per process."""
    return load_pair_model(CROSS_MODEL_FILE)
