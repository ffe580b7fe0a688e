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
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench.logreg import fit_and_save
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


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--write", action="store_true", help=f"save the model to {MODEL_FILE.name}")
    args = parser.parse_args(argv)
    x, y, groups = training_rows(args.shared)
    fit_and_save(x, y, groups, FEATURES, MODEL_FILE if args.write else None,
                 f"{LABELS.relative_to(REPO)}: {len(set(groups.tolist()))} articles, {len(y)} pairs, "
                 f"{int(y.sum())} positive")


if __name__ == "__main__":
    main()
