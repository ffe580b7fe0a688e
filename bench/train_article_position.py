"""Fit the article-position model and the cross-article model on FNC-1 *train* bodies we labelled.

    .venv/bin/python -m bench.train_article_position [--shared ../shared] [--write]

`bench/labels/fnc-train-stances.jsonl` (561 bodies that one morning's alerts linked) and
`bench/labels/fnc-train-story-stances.jsonl` (646 more, the other train bodies grouped into
stories by the story test) give the position of FNC-1 train bodies on the claim of their story
(agree, disagree, discuss, other), read by hand (`bench/labels/CROSS-GUIDE.md`).
1. The article-position model (`services/contradictions/article_position.py`): P(disagree)
   over the agree and disagree bodies; its lead-stem vocabulary is every stem used in the
   leads of at least `MIN_SHARE` of all 1,683 train bodies (chosen without labels).
2. The cross-article model: P(two articles of one story take opposed positions) from their
   two positions (gap, higher, lower), fitted on every pair of labelled bodies linked in one
   story component, with each body's position scored out of fold. A pair is positive when
   both have the same claim and one agrees while the other disagrees; `discuss` bodies
   stay in as negatives, as they come in real news, so the probability is calibrated on
   them. Its threshold is the lowest whose out-of-fold precision reaches 0.6
   (`bench.logreg.pick_threshold`) over the pairs of bodies that take a side (agree or
   disagree), the population EVAL.md's FNC-1 story clusters are made of.
Folds are grouped by story component. `--write` saves both models. FNC-1 test is never read.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

import numpy as np

from bench.labels.cross_train_events import train_bodies
from bench.logreg import FOLDS, fit, fit_and_save
from services.contradictions.article_position import (
    CUES,
    POSITION_MODEL_FILE,
    WORD,
    lead_stems,
    position_features,
)
from services.contradictions.cross import CROSS_FEATURES, pair_position_features
from services.contradictions.positions import CROSS_MODEL_FILE, refutes

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LABELS = tuple(Path(__file__).with_name("labels") / name
               for name in ("fnc-train-stances.jsonl", "fnc-train-story-stances.jsonl"))
MIN_SHARE = 0.02


def feature_names(bodies: Sequence[str]) -> tuple[str, ...]:
    spread: Counter[str] = Counter()
    for body in bodies:
        spread.update(lead_stems(body))
    vocabulary = sorted(s for s, n in spread.items() if n >= MIN_SHARE * len(bodies) and not s.isdigit())
    cues = [f"{part}_{cue}" for part in ("lead", "body") for cue in CUES]
    return (*cues, "any_refute", *(WORD + s for s in vocabulary))


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    positive, negative = scores[y == 1], scores[y == 0]
    wins = (positive[:, None] > negative[None, :]).sum() + 0.5 * (positive[:, None] == negative[None, :]).sum()
    return float(wins / max(len(positive) * len(negative), 1))


SIDES = ("agree", "disagree")


def out_of_fold_positions(x: np.ndarray, stances: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """P(disagree) of every body, discuss and other ones too, from the model fitted on the other folds."""
    decided = np.isin(stances, SIDES)
    scores = np.zeros(len(stances))
    for fold in range(FOLDS):
        held = groups % FOLDS == fold
        w, b = fit(x[decided & ~held], (stances[decided & ~held] == "disagree").astype(float))
        scores[held] = 1 / (1 + np.exp(-(x[held] @ w + b)))
    return scores


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--write", action="store_true", help="save both models beside their modules")
    args = parser.parse_args(argv)
    bodies = train_bodies(args.shared)
    labels = [json.loads(line) for path in LABELS
              for line in path.read_text(encoding="utf-8").splitlines()]
    names = feature_names(list(bodies.values()))
    x = np.asarray([[row.get(n, 0.0) for n in names]
                    for row in (position_features(bodies[label["article"]]) for label in labels)])
    stances = np.asarray([label["stance"] for label in labels])
    groups = np.asarray([label["component"] for label in labels])
    positions = out_of_fold_positions(x, stances, groups)
    decided = np.isin(stances, SIDES)
    y = (stances[decided] == "disagree").astype(float)
    rule = np.asarray([float(refutes(bodies[label["article"]])) for label in labels])[decided]
    print(f"article positions: {len(labels)} bodies, vocabulary {len(names) - 13} lead stems; out-of-fold AUC "
          f"disagree vs agree: model {auc(positions[decided], y):.3f}, a refuting word anywhere {auc(rule, y):.3f}")
    fit_and_save(x[decided], y, groups[decided], names, POSITION_MODEL_FILE if args.write else None,
                 f"FNC-1 train bodies labelled by reading: {int(decided.sum())} agree/disagree, "
                 f"{int(y.sum())} disagree")

    rows, gold, pair_groups, sided = [], [], [], []
    for i, j in combinations(range(len(labels)), 2):
        first, second = labels[i], labels[j]
        if first["component"] != second["component"]:
            continue
        features = pair_position_features(float(positions[i]), float(positions[j]))
        rows.append([features[f] for f in CROSS_FEATURES])
        gold.append(first["claim_id"] is not None and first["claim_id"] == second["claim_id"]
                    and {first["stance"], second["stance"]} == {"agree", "disagree"})
        pair_groups.append(first["component"])
        sided.append(first["stance"] in SIDES and second["stance"] in SIDES)
    print("\ncross-article model:")
    fit_and_save(np.asarray(rows), np.asarray(gold, dtype=float), np.asarray(pair_groups), CROSS_FEATURES,
                 CROSS_MODEL_FILE if args.write else None,
                 f"pairs of FNC-1 train bodies in one story component: {len(gold)} pairs, {sum(gold)} opposed",
                 pick_on=np.asarray(sided))


if __name__ == "__main__":
    main()
