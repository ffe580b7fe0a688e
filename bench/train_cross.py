"""Fit the cross-article position model on Emergent headline pairs (never on FNC-1).

    .venv/bin/python -m bench.train_cross [--shared ../shared] [--write]

Emergent gives, for each of 300 rumoured claims, article headlines that are `for`,
`against` or `observing` it. Two headlines of one claim, one for and one against,
take opposed positions on the same proposition (positive); two for, two against, or
any observing one do not (negative). The model is a logistic regression over
`positions.FEATURES`, scored out-of-fold with folds grouped by claim; the threshold
is the lowest whose out-of-fold precision reaches 0.6. `--write` saves
`services/contradictions/cross_model.json`. FNC-1 (built from Emergent) is the
measurement set and is never read here.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

import numpy as np

from bench.logreg import fit_and_save
from services.contradictions.positions import CROSS_MODEL_FILE, FEATURES, position_features

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def emergent_rows(shared: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, claim number) of every pair of headlines of one Emergent claim."""
    with (shared / "data" / "emergent" / "url-versions-2015-06-14-clean.csv").open(encoding="utf-8") as handle:
        by_claim: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in csv.DictReader(handle):
            by_claim[row["claimId"]].append((row["articleHeadline"], row["articleHeadlineStance"]))
    rows, gold, groups = [], [], []
    for number, claim in enumerate(sorted(by_claim)):
        for (a, stance_a), (b, stance_b) in combinations(by_claim[claim], 2):
            features = position_features(a, b)
            rows.append([features[f] for f in FEATURES])
            gold.append({stance_a, stance_b} == {"for", "against"})
            groups.append(number)
    return np.asarray(rows, dtype=float), np.asarray(gold, dtype=float), np.asarray(groups)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--write", action="store_true", help=f"save the model to {CROSS_MODEL_FILE.name}")
    args = parser.parse_args(argv)
    x, y, groups = emergent_rows(args.shared)
    fit_and_save(x, y, groups, FEATURES, CROSS_MODEL_FILE if args.write else None,
                 f"Emergent headline pairs: {len(set(groups.tolist()))} claims, {len(y)} pairs, {int(y.sum())} opposed")


if __name__ == "__main__":
    main()
