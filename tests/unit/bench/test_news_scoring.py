"""The EVAL.md scoring of contradictions in real news, on hand-made labels and events."""

from __future__ import annotations

from typing import Any

import pytest

from bench.news_scoring import (
    LabelledPair,
    StoryClusters,
    WithinLabels,
    cross_article_scores,
    cross_reliability,
    matches,
    reliability,
    within_article_scores,
)


def event(article: str, a: tuple[int, int], b: tuple[int, int], confidence: float = 0.5,
          other_article: str | None = None) -> dict[str, Any]:
    return {"type": "contradiction", "article_id": article, "confidence": confidence,
            "claims": [{"article_id": article, "start": a[0], "end": a[1]},
                       {"article_id": other_article or article, "start": b[0], "end": b[1]}]}


LABELS = WithinLabels(
    articles=("a1", "a2", "clean"), clean=frozenset({"clean"}),
    pairs=(LabelledPair("a1", (0, 10), (50, 60), "high", "rebuttal"),
           LabelledPair("a1", (0, 10), (80, 90), "medium", "factual"),
           LabelledPair("a2", (5, 15), (30, 40), "high", "evaluative")))


def test_an_event_matches_when_each_claim_overlaps_one_content_by_a_character() -> None:
    pair = LABELS.pairs[0]
    assert matches(event("a1", (9, 20), (59, 70)), pair)
    assert matches(event("a1", (55, 56), (0, 1)), pair)  # either order
    assert not matches(event("a1", (10, 20), (59, 70)), pair)  # touching is not overlapping
    assert not matches(event("a2", (0, 10), (50, 60)), pair)  # another article
    assert not matches(event("a1", (0, 10), (50, 60), other_article="a9"), pair)  # a claim elsewhere


def test_within_article_scores() -> None:
    events = [event("a1", (0, 10), (50, 60)), event("a1", (20, 30), (40, 45)), event("clean", (0, 1), (2, 3)),
              {"type": "quote", "article_id": "a1"}]
    scores = within_article_scores(LABELS, events)
    assert scores["recall_high"] == pytest.approx(1 / 2)
    assert scores["recall_all"] == pytest.approx(1 / 3)
    assert scores["precision_lb"] == pytest.approx(1 / 3)  # events of the clean article count too
    assert scores["spurious_per_clean_article"] == pytest.approx(1.0)


def test_reliability_gives_precision_per_confidence_band() -> None:
    rows = {band: (n, p) for band, n, p in reliability(
        LABELS, [event("a1", (0, 10), (50, 60), 0.85), event("a1", (20, 30), (40, 45), 0.82)])}
    assert rows["0.8-0.9"] == (2, 0.5)
    assert rows["0.5-0.6"] == (0, 0.0)


CLUSTERS = StoryClusters(
    articles=(("1", "x"), ("2", "y"), ("3", "z"), ("4", "w")),
    positives=frozenset({frozenset({"fnc-1", "fnc-2"})}), negatives=frozenset({frozenset({"fnc-1", "fnc-3"})}),
    contested={"h": frozenset({frozenset({"fnc-1", "fnc-2"})}), "g": frozenset({frozenset({"fnc-3", "fnc-9"})})},
    component={"fnc-1": 0, "fnc-2": 0, "fnc-3": 0, "fnc-4": 1})


def test_cross_article_scores_count_article_pairs_once() -> None:
    events = [event("fnc-1", (0, 1), (0, 1), 0.3, "fnc-2"), event("fnc-2", (5, 6), (7, 8), 0.6, "fnc-1"),
              event("fnc-3", (0, 1), (0, 1), 0.3, "fnc-1"), event("fnc-4", (0, 1), (0, 1), 0.3, "fnc-1"),
              event("fnc-1", (0, 1), (2, 3))]  # within one article: not an article pair
    scores = cross_article_scores(CLUSTERS, events)
    assert scores["alerts"] == 3
    assert scores["precision"] == pytest.approx(1 / 3)
    assert scores["headline_recall"] == pytest.approx(1 / 2)
    assert scores["known_negatives"] == 1 and scores["off_story"] == 1
    rows = {band: (n, p) for band, n, p in cross_reliability(CLUSTERS, [*events, {"type": "entity"}])}
    assert rows["0.5-0.8"] == (1, 1.0) and rows["0.3-0.5"] == (2, 0.0)
