"""Fit the within-article pair model on our labels of PolNeAR *train* articles.

    .venv/bin/python -m bench.train_pairs [--shared ../shared] [--write]

Labels: `bench/labels/polnear-train-contradictions.jsonl`, made for Counterclaim by reading
PolNeAR train articles, in the format of the dev labels (see bench/labels/README.md).
Each article goes through spaCy, the quote extractor and `opposition.judge_pairs`; a
candidate pair is positive when it matches a labelled pair as EVAL.md matches events.
The model is an L2-regularised logistic regression (numpy, Newton steps). The script
prints its out-of-fold reliability (5 folds grouped by article) and the threshold whose
out-of-fold precision reaches `TARGET_PRECISION` with the most recall; `--write` saves
`services/contradictions/pair_model.json`. PolNeAR dev is never read here.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bench.news_scoring import LabelledPair, matches, read_within_labels
from bench.parsed_articles import parsed
from schemas.articles import Article
from services.contradictions.claims import SentenceIndex, quote_claims
from services.contradictions.opposition import judge_pairs
from services.contradictions.pair_model import MODEL_FILE, PairModel
from services.contradictions.pairs import FEATURES

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "bench" / "labels" / "polnear-train-contradictions.jsonl"
SHARED = REPO.parent / "shared"
L2 = 1.0
TARGET_PRECISION = 0.6
FALLBACK_PRECISION = 0.25  # at least one alert in four right, when 0.6 is out of reach
MIN_CHOSEN = 20
FOLDS = 5


def training_rows(shared: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, article number) of every candidate pair in the labelled train articles."""
    labels = read_within_labels(LABELS)
    text_dir = shared / "data" / "polnear" / "train" / "text"
    articles = [Article(id=name, text=(text_dir / f"{name}.txt").read_text(encoding="utf-8"))
                for name in labels.articles]
    dummy = PairModel(FEATURES, tuple(0.0 for _ in FEATURES), 0.0, 1.0)
    by_article: dict[str, list[LabelledPair]] = {}
    for pair in labels.pairs:
        by_article.setdefault(pair.article, []).append(pair)
    rows, gold, groups = [], [], []
    for number, item in enumerate(parsed(articles)):
        index = SentenceIndex(item.article.text)
        claims = quote_claims(item.article, item.quotes, index)
        for judged in judge_pairs(item.article, claims, item.doc, dummy, index):
            event = {"claims": [judged.first.claim.claim.model_dump(), judged.second.claim.claim.model_dump()]}
            rows.append([judged.features[f] for f in FEATURES])
            gold.append(any(matches(event, p) for p in by_article.get(item.article.id, ())))
            groups.append(number)
    return np.asarray(rows, dtype=float), np.asarray(gold, dtype=float), np.asarray(groups)


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


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--write", action="store_true", help=f"save the model to {MODEL_FILE.name}")
    args = parser.parse_args(argv)
    x, y, groups = training_rows(args.shared)
    scores = out_of_fold(x, y, groups)
    threshold = pick_threshold(scores, y)
    report(scores, y, threshold)
    weights, bias = fit(x, y)
    for name, weight in zip(FEATURES, weights, strict=True):
        print(f"  {name:<18} {weight:+.3f}")
    print(f"  {'bias':<18} {bias:+.3f}")
    if args.write:
        MODEL_FILE.write_text(json.dumps({
            "features": list(FEATURES), "weights": [round(float(w), 5) for w in weights],
            "bias": round(bias, 5), "threshold": threshold, "l2": L2,
            "trained_on": f"{LABELS.relative_to(REPO)}: {len(set(groups.tolist()))} articles, {len(y)} pairs, "
                          f"{int(y.sum())} positive",
            "fitted_at": datetime.now(UTC).date().isoformat(),
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()
