"""The pair model: one calibrated probability that two claims of an article contradict.

A logistic regression over `pairs.FEATURES`, fitted by `bench/train_pairs.py` on our own
labels of PolNeAR *train* articles (`bench/labels/`), never on dev. Logistic regression's
output is itself a probability; the training script prints its reliability on held-out
folds. `threshold` is the probability above which a pair is reported, chosen on the
training folds. The weights ship in `pair_model.json` beside this file.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("pair_model.json")


@dataclass(frozen=True)
class PairModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: Mapping[str, float]) -> float:
        """P(contradiction) for one pair's feature values (missing features count as 0)."""
        z = self.bias + sum(w * values.get(name, 0.0) for name, w in zip(self.features, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_from(data: Mapping[str, object]) -> PairModel:
    """A model from its JSON form; raises ValueError when the form is not a pair model."""
    try:
        features = tuple(str(f) for f in data["features"])  # type: ignore[attr-defined]
        weights = tuple(float(w) for w in data["weights"])  # type: ignore[attr-defined]
        model = PairModel(features, weights, float(data["bias"]), float(data["threshold"]))  # type: ignore[arg-type]
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a pair model: {error}") from error
    if len(features) != len(weights):
        raise ValueError("pair model: one weight per feature expected")
    return model


@functools.cache
def load_pair_model(path: Path = MODEL_FILE) -> PairModel:
    """The shipped model, read once per process."""
    return model_from(json.loads(path.read_text(encoding="utf-8")))
