"""Contradictions in real news, scored exactly as ../shared/EVAL.md defines (skipped without the data).

Met targets are asserted; unmet ones are strict xfails carrying the measured figure, so meeting
one fails the run until its mark is removed. Figures of 2026-11-30; see docs/contradictions.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.news_scoring import cross_article_scores, read_story_clusters, read_within_labels, within_article_scores
from bench.quality_news import polnear_articles, run_analyze

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def polnear(shared_dir: Path) -> dict[str, float]:
    labels = read_within_labels(shared_dir / "data" / "contradictions" / "polnear-dev.jsonl")
    return within_article_scores(labels, run_analyze(polnear_articles(shared_dir, labels.articles)))


@pytest.fixture(scope="module")
def clusters(shared_dir: Path) -> dict[str, float]:
    stories = read_story_clusters(shared_dir / "data" / "fnc-1")
    articles: list[dict[str, Any]] = [{"id": f"fnc-{b}", "text": body, "source": f"outlet-{b}"}
                                      for b, body in stories.articles]
    return cross_article_scores(stories, run_analyze(articles))


def test_few_alerts_in_articles_without_contradictions(polnear: dict[str, float]) -> None:
    assert polnear["spurious_per_clean_article"] <= 0.10


@pytest.mark.xfail(strict=True, reason="measured 0.00: the pair model never reaches its precision floor, so "
                   "within-article alerts come from the rules only, which PolNeAR's wordings rarely match")
def test_polnear_recall_high(polnear: dict[str, float]) -> None:
    assert polnear["recall_high"] >= 0.60


@pytest.mark.xfail(strict=True, reason="measured 0.00 (see test_polnear_recall_high)")
def test_polnear_recall_all_and_precision(polnear: dict[str, float]) -> None:
    assert polnear["recall_all"] >= 0.35 and polnear["precision_lb"] >= 0.60


def test_cross_article_alerts_stay_on_their_story(clusters: dict[str, float]) -> None:
    assert clusters["alerts"] > 0
    assert clusters["off_story_share"] <= 0.02


def test_cross_article_alerts_cover_contested_headlines(clusters: dict[str, float]) -> None:
    assert clusters["headline_recall"] >= 0.40


def test_cross_article_alerts_beat_random_pairs_within_a_story(clusters: dict[str, float]) -> None:
    assert clusters["precision"] > 0.30  # EVAL.md: random pairs inside a story are right 30% of the time


def test_cross_article_precision_target(clusters: dict[str, float]) -> None:
    assert clusters["precision"] >= 0.60
