"""The claim-pair judgement: does b contradict, deny or undermine a? A score in [0, 1].

The committed artefact `compare_model.json` is a logistic regression over
`features.pair_features`, applied in both directions (see `LinearJudge.__call__`),
trained on Emergent by `bench/train_compare.py` (weights only, JSON, no pickle);
inference is a sparse dot product, no scikit-learn needed. The training script
folds its chosen decision threshold into the bias, so the decision threshold is
always `THRESHOLD` = 0.5: `judge_pair` answers `score >= 0.5`.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Protocol

from services.contradictions.features import HASH_BUCKETS, focus, pair_features

MODEL_FILE = "compare_model.json"
MODEL_FORMAT = "counterclaim-compare-logreg-v1"
THRESHOLD = 0.5


class Judge(Protocol):
    """Any callable scoring (a, b) in [0, 1]; positional, so a plain lambda is a Judge."""

    def __call__(self, a: str, b: str, /) -> float: ...


@dataclass(frozen=True)
class LinearJudge:
    """Logistic regression over named sparse features."""

    bias: float
    weights: dict[str, float]

    def __call__(self, a: str, b: str) -> float:
        """Contradiction is symmetric: b contradicts a when b denies a, and also when a itself
        denies what b reports ("the story is a hoax" against a body telling it). The score is
        the larger of both readings; a long b is read through its sentences nearest to a."""
        return max(self.probability(a, b), self.probability(focus(a, b), a))

    def probability(self, a: str, b: str) -> float:
        """The model's probability that b denies or undermines a, one direction only."""
        features = pair_features(a, b)
        logit = self.bias + sum(value * self.weights.get(name, 0.0) for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


def judge_from_json(document: dict[str, object]) -> LinearJudge:
    """Build a judge from the artefact's JSON; raises ValueError on a format it does not know."""
    if document.get("format") != MODEL_FORMAT or document.get("hash_buckets") != HASH_BUCKETS:
        raise ValueError(f"not a {MODEL_FORMAT} model with {HASH_BUCKETS} hash buckets")
    weights = document["weights"]
    bias = document["bias"]
    if not isinstance(weights, dict) or not isinstance(bias, int | float):
        raise TypeError("model weights must be an object and bias a number")
    return LinearJudge(bias=float(bias), weights={str(k): float(v) for k, v in weights.items()})


@functools.cache
def load_judge() -> LinearJudge:
    """The committed judge, read from the package once per process."""
    text = resources.files("services.contradictions").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return judge_from_json(json.loads(text))


def judge_pair(judge: Judge, a: str, b: str) -> tuple[bool, float]:
    """The `compare` answer for one pair: (score >= THRESHOLD, score)."""
    score = judge(a, b)
    return score >= THRESHOLD, score
