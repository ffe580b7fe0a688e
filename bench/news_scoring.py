"""Scoring of contradiction events on real news, exactly as ../shared/EVAL.md defines it.

Pure functions over labels and events (dicts as `counterclaim analyze` prints them), so the
scoring is unit-tested without spaCy; `bench.quality_news` runs `analyze` and prints them.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

csv.field_size_limit(sys.maxsize)
Event = Mapping[str, Any]
Span = tuple[int, int]


@dataclass(frozen=True)
class LabelledPair:
    article: str
    a: Span
    b: Span
    confidence: str  # high | medium
    kind: str


@dataclass(frozen=True)
class WithinLabels:
    articles: tuple[str, ...]  # every labelled article, sorted
    clean: frozenset[str]  # the articles labelled {"none": true}
    pairs: tuple[LabelledPair, ...]


def read_within_labels(path: Path) -> WithinLabels:
    """PolNeAR-format contradiction labels (one JSON object per line)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = tuple(LabelledPair(r["article"], tuple(r["a_content"]), tuple(r["b_content"]),  # type: ignore[arg-type]
                               r["confidence"], r["kind"]) for r in rows if not r.get("none"))
    return WithinLabels(articles=tuple(sorted({r["article"] for r in rows})),
                        clean=frozenset(r["article"] for r in rows if r.get("none")), pairs=pairs)


def _overlaps(claim: Event, article: str, span: Span) -> bool:
    return claim["article_id"] == article and claim["start"] < span[1] and span[0] < claim["end"]


def matches(event: Event, pair: LabelledPair) -> bool:
    """One claim overlaps one labelled content by a character, and the other claim the other."""
    first, second = event["claims"]
    return ((_overlaps(first, pair.article, pair.a) and _overlaps(second, pair.article, pair.b))
            or (_overlaps(first, pair.article, pair.b) and _overlaps(second, pair.article, pair.a)))


def within_article_scores(labels: WithinLabels, events: Iterable[Event]) -> dict[str, float]:
    """recall_high, recall_all, precision_lb and spurious_per_clean_article (EVAL.md).

    "Events in labelled articles" are the events of every labelled article, the clean ones too.
    """
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.get("type") == "contradiction" and event["article_id"] in labels.articles:
            by_article[event["article_id"]].append(event)
    found = [any(matches(e, p) for e in by_article[p.article]) for p in labels.pairs]
    high = [hit for hit, p in zip(found, labels.pairs, strict=True) if p.confidence == "high"]
    pairs_by_article: dict[str, list[LabelledPair]] = defaultdict(list)
    for pair in labels.pairs:
        pairs_by_article[pair.article].append(pair)
    labelled_events = [e for article in labels.articles for e in by_article[article]]
    right = sum(any(matches(e, p) for p in pairs_by_article[e["article_id"]]) for e in labelled_events)
    return {
        "recall_high": sum(high) / max(len(high), 1),
        "recall_all": sum(found) / max(len(found), 1),
        "precision_lb": right / max(len(labelled_events), 1),
        "events": float(len(labelled_events)),
        "spurious_per_clean_article": sum(len(by_article[a]) for a in labels.clean) / max(len(labels.clean), 1),
    }


def reliability(labels: WithinLabels, events: Iterable[Event],
                bands: Sequence[float] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)) -> list[tuple[str, int, float]]:
    """(band, events, precision) of the events in labelled articles, per confidence band."""
    pairs_by_article: dict[str, list[LabelledPair]] = defaultdict(list)
    for pair in labels.pairs:
        pairs_by_article[pair.article].append(pair)
    scored = [(e["confidence"], any(matches(e, p) for p in pairs_by_article[e["article_id"]]))
              for e in events if e.get("type") == "contradiction" and e["article_id"] in labels.articles]
    rows = []
    for low, high in pairwise(bands):
        inside = [right for confidence, right in scored if low <= confidence < high]
        rows.append((f"{low:.1f}-{min(high, 1.0):.1f}", len(inside), sum(inside) / max(len(inside), 1)))
    return rows


@dataclass(frozen=True)
class StoryClusters:
    articles: tuple[tuple[str, str], ...]  # (Body ID, body), increasing Body ID
    positives: frozenset[frozenset[str]]  # article ids
    negatives: frozenset[frozenset[str]]
    contested: Mapping[str, frozenset[frozenset[str]]]  # headline -> its positive pairs
    component: Mapping[str, int]  # article id -> story component


def read_story_clusters(fnc_dir: Path) -> StoryClusters:
    """FNC-1 test bodies grouped into stories as EVAL.md 'across outlets' defines."""
    with (fnc_dir / "competition_test_bodies.csv").open(encoding="utf-8") as handle:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    with (fnc_dir / "competition_test_stances.csv").open(encoding="utf-8") as handle:
        stances = list(csv.DictReader(handle))
    by_headline: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in stances:
        by_headline[row["Headline"]][row["Stance"]].add(row["Body ID"])
    chosen: set[str] = set()
    positives: set[frozenset[str]] = set()
    negatives: set[frozenset[str]] = set()
    contested: dict[str, frozenset[frozenset[str]]] = {}
    for headline, stance in by_headline.items():
        agree, disagree = stance["agree"], stance["disagree"]
        if agree and disagree:
            chosen |= agree | disagree
            pairs = frozenset(frozenset((f"fnc-{a}", f"fnc-{d}")) for a in agree for d in disagree)
            contested[headline] = pairs
            positives |= pairs
        elif len(agree) >= 2:
            chosen |= agree
        for same in (agree, disagree):
            negatives |= {frozenset((f"fnc-{x}", f"fnc-{y}")) for x, y in combinations(sorted(same), 2)}
    ids = {f"fnc-{b}" for b in chosen}
    return StoryClusters(
        articles=tuple((b, bodies[b]) for b in sorted(chosen, key=int)),
        positives=frozenset(positives), negatives=frozenset(p for p in negatives - positives if p <= ids),
        contested=contested, component=_components(stances))


def connected(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each node of `links` mapped to the root of its connected component (union-find)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in links:
        parent[root(first)] = root(second)
    return {node: root(node) for node in list(parent)}


def _components(stances: Sequence[Mapping[str, str]]) -> dict[str, int]:
    roots = connected(("h:" + row["Headline"], "b:fnc-" + row["Body ID"])
                      for row in stances if row["Stance"] != "unrelated")
    numbers = {r: i for i, r in enumerate(sorted(set(roots.values())))}
    return {node[2:]: numbers[r] for node, r in roots.items() if node.startswith("b:")}


def cross_article_scores(clusters: StoryClusters, events: Iterable[Event]) -> dict[str, float]:
    """precision, pair_recall, headline_recall and off_story over predicted article pairs."""
    predicted = {frozenset((e["claims"][0]["article_id"], e["claims"][1]["article_id"]))
                 for e in events if e.get("type") == "contradiction"
                 and e["claims"][0]["article_id"] != e["claims"][1]["article_id"]}
    right = predicted & clusters.positives
    off = [p for p in predicted if len({clusters.component.get(a, -1 - i) for i, a in enumerate(sorted(p))}) > 1]
    return {
        "alerts": float(len(predicted)),
        "precision": len(right) / max(len(predicted), 1),
        "pair_recall": len(right) / max(len(clusters.positives), 1),
        "headline_recall": sum(bool(pairs & right) for pairs in clusters.contested.values())
        / max(len(clusters.contested), 1),
        "known_negatives": float(len(predicted & clusters.negatives)),
        "off_story": float(len(off)),
        "off_story_share": len(off) / max(len(predicted), 1),
    }


def cross_reliability(clusters: StoryClusters, events: Iterable[Event],
                      bands: Sequence[float] = (0.0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0001)) -> list[tuple[str, int, float]]:
    """(band, alerts, precision) of the cross-article alerts, per confidence band."""
    best: dict[frozenset[str], float] = {}
    for e in events:
        if e.get("type") != "contradiction":
            continue
        pair = frozenset((e["claims"][0]["article_id"], e["claims"][1]["article_id"]))
        if len(pair) == 2:
            best[pair] = max(best.get(pair, 0.0), e["confidence"])
    rows = []
    for low, high in pairwise(bands):
        inside = [pair in clusters.positives for pair, confidence in best.items() if low <= confidence < high]
        rows.append((f"{low:.1f}-{min(high, 1.0):.1f}", len(inside), sum(inside) / max(len(inside), 1)))
    return rows
