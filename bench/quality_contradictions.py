"""Contradiction quality on ../shared data, scored as EVAL.md defines; printed, never asserted.

    .venv/bin/python -m bench.quality_contradictions [--shared ../shared] [--articles 500]

Each figure is printed next to the negation-word floor (b contains a negation
word). The judge is trained on Emergent only (`bench.train_compare`), so Emergent is
scored by nested cross-validation grouped by claim, while ClaimDiff-weak and FNC-1
are scored with the committed judge, which never saw them. FNC-1 was built from
Emergent and about half of its test headlines are Emergent article headlines the
judge was trained on (with their stance towards another claim, not towards the FNC
body), so FNC-1 is also printed over the pairs whose headline Emergent lacks. The spurious-contradiction
rate runs FNC-1 test bodies through spaCy, the quote extractor and `find_contradictions`.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from schemas.articles import Article
from schemas.events import ContradictionEvent
from services.common.nlp import FULL_PARSE, load_nlp
from services.contradictions.compare import THRESHOLD, load_judge
from services.contradictions.detect import find_contradictions

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_NEGATION = re.compile(r"\b(?:not|no|never|none|nothing|nobody|neither|nor|cannot)\b|n't\b", re.IGNORECASE)
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    gold: bool
    group: str


def claimdiff_pairs(shared: Path) -> list[Pair]:
    items = json.loads((shared / "data/claimdiff/ClaimDiff-weak-train.json").read_text("utf-8"))["data"]
    return [Pair(i["claim_a"], i["claim_b"], i["relation"] == 1, "cd:" + i["topic"]) for i in items]


def emergent_pairs(shared: Path) -> list[Pair]:
    with (shared / "data/emergent/url-versions-2015-06-14-clean.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [Pair(r["claimHeadline"], r["articleHeadline"], r["articleHeadlineStance"] == "against",
                 "em:" + r["claimId"]) for r in rows]


def fnc_bodies(shared: Path) -> dict[str, str]:
    with (shared / "data/fnc-1/competition_test_bodies.csv").open(encoding="utf-8") as handle:
        return {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}


def fnc_pairs(shared: Path) -> list[Pair]:
    bodies = fnc_bodies(shared)
    with (shared / "data/fnc-1/competition_test_stances.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Stance"] != "unrelated"]
    return [Pair(r["Headline"], bodies[r["Body ID"]], r["Stance"] == "disagree", "fnc:" + r["Body ID"])
            for r in rows]


def fnc_unseen(fnc: Sequence[Pair], emergent: Sequence[Pair]) -> list[Pair]:
    """The FNC-1 pairs whose headline is not an Emergent headline (the judge's training text)."""
    seen = {p.b.strip().lower() for p in emergent} | {p.a.strip().lower() for p in emergent}
    return [p for p in fnc if p.a.strip().lower() not in seen]


def negation_floor(pair: Pair) -> float:
    return 1.0 if _NEGATION.search(pair.b) else 0.0


def roc_auc(gold: Sequence[bool], scores: Sequence[float]) -> float:
    """Mann-Whitney ROC AUC with tied scores averaged."""
    y, s = np.asarray(gold, dtype=bool), np.asarray(scores, dtype=float)
    order = s.argsort(kind="mergesort")
    ranks = np.empty(len(s))
    sorted_scores = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positives, negatives = int(y.sum()), int((~y).sum())
    if not positives or not negatives:
        return float("nan")
    return float((ranks[y].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def scores_of(gold: Sequence[bool], scores: Sequence[float], threshold: float) -> dict[str, float]:
    predicted = [s >= threshold for s in scores]
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    precision = tp / max(sum(predicted), 1)
    recall = tp / max(sum(gold), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {"precision": precision, "recall": recall, "f1": f1, "auc": roc_auc(gold, scores)}


def line(name: str, ours: dict[str, float], floor: dict[str, float], target: str) -> str:
    return (f"{name:<28} P {ours['precision']:.3f} R {ours['recall']:.3f} F1 {ours['f1']:.3f} "
            f"AUC {ours['auc']:.3f} | floor F1 {floor['f1']:.3f} AUC {floor['auc']:.3f} | target {target}")


def report_pairs(name: str, pairs: Sequence[Pair], scores: Sequence[float], target: str) -> dict[str, float]:
    gold = [p.gold for p in pairs]
    ours = scores_of(gold, scores, THRESHOLD)
    print(line(name, ours, scores_of(gold, [negation_floor(p) for p in pairs], 0.5), target), flush=True)
    return ours


def out_of_fold(pairs: Sequence[Pair]) -> list[float]:
    """Scores of the pairs the judge is trained on, from models that never saw their claim."""
    from bench.train_compare import cross_validated_scores

    return cross_validated_scores(pairs)


def within_article_events(bodies: Sequence[tuple[str, str]]) -> list[ContradictionEvent] | None:
    """Within-article events for (id, text) articles through the real quote extractor, or None
    when services.quotes.extract is not importable."""
    try:
        from services.quotes.extract import extract_quotes
    except ImportError:
        return None
    nlp = load_nlp(FULL_PARSE)
    events: list[ContradictionEvent] = []
    for (body_id, text), doc in zip(bodies, nlp.pipe(text for _, text in bodies), strict=True):
        article = Article(id=f"fnc-{body_id}", text=text)
        events += find_contradictions(article, extract_quotes(doc, article_id=article.id), doc=doc)
    return events


def spurious_rate(shared: Path, limit: int) -> tuple[int, int] | None:
    """(contradiction events, articles) over the first `limit` FNC-1 test bodies, or None without quotes."""
    bodies = [(k, v) for k, v in fnc_bodies(shared).items() if v.strip()][:limit]
    events = within_article_events(bodies)
    return None if events is None else (len(events), len(bodies))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args(argv)
    judge = load_judge()
    claimdiff, emergent, fnc = claimdiff_pairs(SHARED), emergent_pairs(SHARED), fnc_pairs(SHARED)
    report_pairs("ClaimDiff-weak (held out)", claimdiff, [judge(p.a, p.b) for p in claimdiff],
                 "F1>=0.50 AUC>=0.80")
    report_pairs("Emergent against (nested CV)", emergent, out_of_fold(emergent), "F1>=0.85")
    fnc_scores = {id(p): judge(p.a, p.b) for p in fnc}
    report_pairs("FNC-1 disagree (held out)", fnc, list(fnc_scores.values()), "F1>=0.40")
    unseen = fnc_unseen(fnc, emergent)
    report_pairs(f"  headlines unseen (n={len(unseen)})", unseen, [fnc_scores[id(p)] for p in unseen], "-")
    rate = spurious_rate(SHARED, args.articles)
    if rate is None:
        print("spurious within-article: services.quotes.extract not importable, not measured")
    else:
        events, articles = rate
        print(f"spurious within-article: {events} events / {articles} FNC-1 bodies = "
            f"{20 * events / max(articles, 1):.2f} per 20 articles (target < 1)")


if __name__ == "__main__":
    main()
