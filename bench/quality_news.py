"""Contradictions in real news (../shared/EVAL.md): PolNeAR dev within articles, FNC-1 across outlets.

    .venv/bin/python -m bench.quality_news [--shared ../shared] [--save-events DIR] [--only within|across]

Each set goes through one in-process `counterclaim analyze` run (the code the CLI runs),
then is scored by `bench.news_scoring`. Printed, never asserted; figures go in the README.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.news_scoring import (
    cross_article_scores,
    cross_reliability,
    read_story_clusters,
    read_within_labels,
    reliability,
    within_article_scores,
)
from services.cli.analyze import analyze
from services.common.settings import load_settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WITHIN_TARGETS = {"recall_high": ">= 0.60", "recall_all": ">= 0.35", "precision_lb": ">= 0.60",
                  "spurious_per_clean_article": "<= 0.10"}
CROSS_TARGETS = {"precision": ">= 0.60", "headline_recall": ">= 0.40", "off_story_share": "<= 0.02"}


def run_analyze(articles: Sequence[dict[str, str]]) -> list[dict[str, Any]]:
    """Every event `counterclaim analyze` prints for `articles`, parsed back from JSON."""
    out = io.StringIO()
    analyze((json.dumps(a) for a in articles), out, load_settings())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def polnear_articles(shared: Path, names: Sequence[str]) -> list[dict[str, str]]:
    text_dir = shared / "data" / "polnear" / "dev" / "text"
    return [{"id": name, "text": (text_dir / f"{name}.txt").read_text(encoding="utf-8")} for name in names]


def _analyzed(title: str, articles: Sequence[dict[str, str]]) -> list[dict[str, Any]]:
    started = time.perf_counter()
    events = run_analyze(articles)
    print(f"{title} ({len(articles)} articles, {time.perf_counter() - started:.0f} s):")
    return events


def _table(figures: dict[str, float], targets: dict[str, str]) -> None:
    for name, value in figures.items():
        print(f"  {name:<28} {value:8.3f}   {('target ' + targets[name]) if name in targets else ''}")


def within(shared: Path, save: Path | None) -> None:
    labels = read_within_labels(shared / "data" / "contradictions" / "polnear-dev.jsonl")
    events = _analyzed("PolNeAR dev, within one article", polnear_articles(shared, labels.articles))
    _table(within_article_scores(labels, events), WITHIN_TARGETS)
    print("  reliability (confidence band: events, precision_lb):")
    for band, count, precision in reliability(labels, events):
        print(f"    {band}  {count:4d}  {precision:.3f}")
    confident = [e for e in events if e.get("type") == "contradiction" and e["confidence"] >= 0.8]
    lb = within_article_scores(labels, confident)["precision_lb"]
    print(f"  precision_lb at confidence >= 0.8: {lb:.3f} over {len(confident)} events   target >= 0.70")
    if save is not None:
        _save(save / "polnear-dev.jsonl", events)


def across(shared: Path, save: Path | None) -> None:
    clusters = read_story_clusters(shared / "data" / "fnc-1")
    articles = [{"id": f"fnc-{b}", "text": body, "source": f"outlet-{b}"} for b, body in clusters.articles]
    events = _analyzed("FNC-1 story clusters, across outlets", articles)
    _table(cross_article_scores(clusters, events), CROSS_TARGETS)
    print("  reliability (confidence band: alerts, precision):")
    for band, count, precision in cross_reliability(clusters, events):
        print(f"    {band}  {count:4d}  {precision:.3f}")
    if save is not None:
        _save(save / "fnc-clusters.jsonl", events)


def _save(path: Path, events: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(e) + "\n" for e in events if e.get("type") == "contradiction"),
                    encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--save-events", type=Path, default=None,
                        help="also write the contradiction events of each set here")
    parser.add_argument("--only", choices=("within", "across"), default=None,
                        help="measure one set only: PolNeAR within articles, or FNC-1 across outlets")
    args = parser.parse_args(argv)
    if not (args.shared / "EVAL.md").exists():
        sys.exit(f"{args.shared}: no ../shared data here; nothing to measure")
    if args.only != "across":
        within(args.shared, args.save_events)
    if args.only != "within":
        across(args.shared, args.save_events)


if __name__ == "__main__":
    main()
