"""An article's position on its story: how likely it is to dispute the claim the story is about.

One probability per article, from its whole text: the word stems of its lead (first
`LEAD_SENTENCES` sentences, limited to a vocabulary of stems common in news leads, chosen
without labels) and the share of lead and body sentences with a refuting word
(`refutes.json`), a denial phrase, a negation, a rumour word, a hedge, a question. A
logistic regression (`article_position.json`), fitted by `bench/train_article_position.py`
on FNC-1 *train* bodies whose position we labelled by reading them
(`bench/labels/fnc-train-stances.jsonl` and `fnc-train-story-stances.jsonl`: agree 0,
disagree 1). Two articles of one story oppose each other when one disputes and the other
asserts (`cross_model.json` turns the two positions into the probability that the pair is
right).

Limits: English and lexical. "Disputing" is relative to the rumour a story is about: an
article that reports a denial as news reads as disputing, and one that airs a claim and its
denial evenly lands in between.
"""

from __future__ import annotations

import functools
from pathlib import Path

from services.contradictions.features import HEDGES, NEGATIONS, REFUTE_PHRASES, RUMOURS, sentences, tokens
from services.contradictions.pair_model import PairModel, load_pair_model
from services.contradictions.positions import has_refuting_word, stem

POSITION_MODEL_FILE = Path(__file__).with_name("article_position.json")
LEAD_SENTENCES = 3
WORD = "word:"
CUES = ("refute", "phrase", "negation", "rumour", "hedge", "question")


def lead_stems(text: str) -> frozenset[str]:
    """The stems of the words of the article's lead."""
    return _stems(sentences(text)[:LEAD_SENTENCES])


def _stems(parts: list[str]) -> frozenset[str]:
    return frozenset(stem(w) for s in parts for w in tokens(s))


def _cues(sentence: str) -> tuple[bool, ...]:
    words = tokens(sentence)
    return (has_refuting_word(words),
            REFUTE_PHRASES.search(sentence.lower().replace("\u2019", "'")) is not None,
            any(w in NEGATIONS for w in words), any(w in RUMOURS for w in words),
            any(w in HEDGES for w in words), sentence.rstrip(" \"'\u201d").endswith("?"))


def position_features(text: str) -> dict[str, float]:
    """`lead_<cue>` and `body_<cue>`: the share of lead and body sentences with each cue;
    `any_refute`: a refuting word anywhere; `word:<stem>`: each stem of the lead."""
    parts = sentences(text)
    cues = [_cues(s) for s in parts]
    values: dict[str, float] = {}
    for part, rows in (("lead", cues[:LEAD_SENTENCES]), ("body", cues)):
        for number, name in enumerate(CUES):
            values[f"{part}_{name}"] = sum(row[number] for row in rows) / max(len(rows), 1)
    values["any_refute"] = float(values["body_refute"] > 0)
    values.update({WORD + s: 1.0 for s in _stems(parts[:LEAD_SENTENCES])})
    return values


def dispute_probability(features: dict[str, float], model: PairModel) -> float:
    """P(the article disputes the claim its story is about), from its `position_features`."""
    return round(model.probability(features), 4)


@functools.cache
def load_position_model() -> PairModel:
    """The shipped article-position model, read once per process."""
    return load_pair_model(POSITION_MODEL_FILE)
