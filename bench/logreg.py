"""Logistic regression for the contradiction models: fit, score out of fold, pick a threshold, save.

Shared by `bench/train_pairs.py` (within one article) and `bench/train_article_position.py` (across
outlets). numpy only; the saved JSON is what `services.contradictions.pair_model` loads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

L2 = 1.0
TARGET_PRECISION = 0.6
FALLBACK_PRECISION = 0.25  # at least one alert in four right, when 0.6 is out of reach
MIN_CHOSEN = 20
FOLDS = 5


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Logistic regression weights and bias by Newton's method (bias not regularised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    scores = np.zeros(len(y))
    fold_of = groups % FOLDS
    for fold in range(FOLDS):
        test = fold_of == fold
        w, b = fit(x[~test], y[~test])
        scores[test] = 1 / (1 + np.exp(-(x[test] @ w + b)))
    return scores


def pick_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The lowest threshold whose out-of-fold precision reaches TARGET_PRECISION over at least
    `MIN_CHOSEN` pairs; where none does, the lowest reaching FALLBACK_PRECISION; where none does
    either, 1.0: the model then reports nothing, since most of what it would report is wrong."""
    grid = [round(float(t), 2) for t in np.arange(0.05, 0.96, 0.01)]
    enough = [t for t in grid if (scores >= t).sum() >= MIN_CHOSEN]
    for wanted in (TARGET_PRECISION, FALLBACK_PRECISION):
        reaching = [t for t in enough if y[scores >= t].mean() >= wanted]
        if reaching:
            return reaching[0]
    return 1.0


def report(scores: np.ndarray, y: np.ndarray, threshold: float) -> None:
    print(f"candidate pairs {len(y)}, positive {int(y.sum())}")
    print("out-of-fold reliability (band: pairs, share positive):")
    for low, high in zip((0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), (0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
                         strict=True):
        inside = (scores >= low) & (scores < high)
        share = y[inside].mean() if inside.any() else 0.0
        print(f"  {low:.1f}-{min(high, 1.0):.1f}  {int(inside.sum()):6d}  {share:.3f}")
    chosen = scores >= threshold
    print(f"threshold {threshold}: {int(chosen.sum())} pairs, precision {y[chosen].mean() if chosen.any() else 0:.3f},"
          f" recall {(y[chosen].sum() / max(y.sum(), 1)):.3f}")


def fit_and_save(x: np.ndarray, y: np.ndarray, groups: np.ndarray, features: Sequence[str], path: Path | None,
                 trained_on: str, pick_on: np.ndarray | None = None) -> None:
    """Report the out-of-fold reliability, fit on everything, print the weights and, with a `path`,
    write the model (features, weights, bias, threshold, provenance) there. `pick_on` (a mask)
    chooses the threshold on some rows only; the probabilities stay fitted on all of them."""
    scores = out_of_fold(x, y, groups)
    chosen = np.ones(len(y), dtype=bool) if pick_on is None else pick_on
    threshold = pick_threshold(scores[chosen], y[chosen])
    if pick_on is not None:
        print(f"threshold picked on {int(chosen.sum())} of {len(y)} rows:")
        report(scores[chosen], y[chosen], threshold)
    report(scores, y, threshold)
    weights, bias = fit(x, y)
    for name, weight in zip(features, weights, strict=True):
        print(f"  {name:<18} {weight:+.3f}")
    print(f"  {'bias':<18} {bias:+.3f}")
    if path is not None:
        path.write_text(json.dumps({
            "features": list(features), "weights": [round(float(w), 5) for w in weights],
            "bias": round(bias, 5), "threshold": threshold, "l2": L2, "trained_on": trained_on,
            "fitted_at": datetime.now(UTC).date().isoformat(),
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")
