"""Do two outlets take opposed positions on one proposition? Features of a claim pair across articles.

Symmetric features of two short claims (headlines, leads, quotes):
- refute_xor / refute_both: a refuting word ("hoax", "denied", "false"; the stems in
  `refutes.json`, chosen on Emergent by `bench/build_refutes.py`) in exactly one / in both;
- negation_xor: a negation in exactly one; rumour_xor: a hedge ("reportedly", "claims") in
  exactly one, as when one outlet reports a rumour that the other refutes;
- overlap / shared: Jaccard and count (capped at 5, scaled to 1) of shared content words,
  so that the two claims are about the same proposition, not merely the same story;
- opposed: how strongly their VADER polarities have opposite signs; question: either is a question.
The cross-article model (`cross_model.json`, fitted by `bench/train_cross.py` on Emergent
headline pairs) turns them into one probability.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from services.contradictions.features import NEGATIONS, RUMOURS, content_words, polarity, tokens
from services.contradictions.pair_model import PairModel, load_pair_model

CROSS_MODEL_FILE = Path(__file__).with_name("cross_model.json")
REFUTES_FILE = Path(__file__).with_name("refutes.json")
FEATURES = ("refute_xor", "refute_both", "negation_xor", "rumour_xor", "overlap", "shared", "opposed",
            "question", "refute_shared")


def stem(word: str) -> str:
    """A crude English stem, enough to fold inflections of the refuting words: denies, denied -> deny."""
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


@functools.cache
def _refuting_stems() -> frozenset[str]:
    return frozenset(json.loads(REFUTES_FILE.read_text(encoding="utf-8"))["stems"])


@functools.lru_cache(maxsize=4096)  # a remembered claim is compared with every new one in its story
def _reading(text: str) -> tuple[frozenset[str], bool, bool, bool, bool]:
    words = [w.lower() for w in tokens(text)]
    refuting = _refuting_stems()
    return (frozenset(content_words(words)), any(stem(w) in refuting for w in words),
            any(w in NEGATIONS for w in words),
            any(w in RUMOURS for w in words), text.rstrip(" \"'\u201d").endswith("?"))


@functools.lru_cache(maxsize=4096)
def _polarity(text: str) -> float:
    """VADER polarity, apart from `_reading`: most texts are only asked whether they refute."""
    return polarity(text)


def refutes(text: str) -> bool:
    """True when `text` holds a refuting word ("hoax", "denied", "false"; `refutes.json`)."""
    return _reading(text)[1]


def position_features(a: str, b: str) -> dict[str, float]:
    """The features of the pair (a, b); the same values for (b, a)."""
    words_a, refute_a, negated_a, rumour_a, question_a = _reading(a)
    words_b, refute_b, negated_b, rumour_b, question_b = _reading(b)
    polarity_a, polarity_b = _polarity(a), _polarity(b)
    union = words_a | words_b
    shared = len(words_a & words_b)
    return {
        "refute_xor": float(refute_a != refute_b),
        "refute_both": float(refute_a and refute_b),
        "negation_xor": float(negated_a != negated_b),
        "rumour_xor": float(rumour_a != rumour_b),
        "overlap": shared / len(union) if union else 0.0,
        "shared": min(shared, 5) / 5,
        "opposed": max(0.0, -polarity_a * polarity_b) ** 0.5,
        "question": float(question_a or question_b),
        "refute_shared": float(refute_a != refute_b) * min(shared, 5) / 5,
    }


def load_cross_model() -> PairModel:
    """The shipped cross-article model, read once per process."""
    return load_pair_model(CROSS_MODEL_FILE)
