"""How far structure and wording take within-article contradictions, with perfect attributions.

    .venv/bin/python -m bench.within_baselines [--shared ../shared]

Reads our labels of PolNeAR *train* articles (`bench/labels/polnear-train-contradictions.jsonl`)
and each article's gold attributions (its first `.ann` file), so no extraction error is counted:
every candidate is a pair of gold contents from two different source texts. Each baseline picks
pairs by a rule and is scored as EVAL.md scores events (a pair is right when its two contents
overlap the two contents of a labelled pair). PolNeAR dev is never read here. The figures show
what a judge without meaning can reach: if these stay far from 0.6 precision, so does any
detector built on the same cues.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from bench.news_scoring import LabelledPair, matches, read_within_labels
from bench.polnear_score import GoldAttribution, read_gold

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "bench" / "labels" / "polnear-train-contradictions.jsonl"
CONTRAST = re.compile(r"\b(?:but|however|while|whereas|though|although|yet|instead|contrary|false|not true)\b", re.I)
REFUTING_CUE = re.compile(r"\b(?:den(?:y|ied|ies|ying)|disput\w*|dismiss\w*|reject\w*|refut\w*|rebut\w*|contradict\w*"
                          r"|push(?:ed|ing)? back|counter\w*|disagree\w*|criticiz\w*|accus\w*|slam\w*|blast\w*"
                          r"|attack\w*|(?:fired|shot|hit) back)\b", re.I)
Pair = tuple[GoldAttribution, GoldAttribution]


def _source(text: str, gold: GoldAttribution) -> str | None:
    return text[gold.source[0]:gold.source[1]].lower() if gold.source else None


def candidates(text: str, gold: Sequence[GoldAttribution]) -> Iterator[tuple[int, Pair]]:
    """(distance in attributions, pair) for every pair of sourced, disjoint contents from two source texts."""
    for i, first in enumerate(gold):
        for j in range(i + 1, len(gold)):
            second = gold[j]
            one, two = _source(text, first), _source(text, second)
            if one and two and one != two and first.content[1] <= second.content[0]:
                yield j - i, (first, second)


def _between(text: str, pair: Pair) -> str:
    first, second = pair
    cue = text[second.cue[0]:second.cue[1]] if second.cue else ""
    return text[first.content[1]:second.content[0]] + " " + cue


RULES: dict[str, Callable[[str, int, Pair], bool]] = {
    "every candidate pair": lambda text, distance, pair: True,
    "adjacent attributions": lambda text, distance, pair: distance == 1,
    "adjacent, contrast word between": lambda text, distance, pair: distance == 1
    and CONTRAST.search(_between(text, pair)) is not None,
    "within 3, refuting cue or word between": lambda text, distance, pair: distance <= 3
    and REFUTING_CUE.search(_between(text, pair)) is not None,
    "adjacent, refuting cue or word between": lambda text, distance, pair: distance == 1
    and REFUTING_CUE.search(_between(text, pair)) is not None,
}


def _event(article: str, pair: Pair) -> dict[str, object]:
    return {"claims": [{"article_id": article, "start": g.content[0], "end": g.content[1]} for g in pair]}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args(argv)
    split = args.shared / "data" / "polnear" / "train"
    labels = read_within_labels(LABELS)
    by_article: dict[str, list[LabelledPair]] = {}
    for labelled in labels.pairs:
        by_article.setdefault(labelled.article, []).append(labelled)
    picked = {name: [0, 0] for name in RULES}
    found: dict[str, set[LabelledPair]] = {name: set() for name in RULES}
    for article in labels.articles:
        text = (split / "text" / f"{article}.txt").read_text(encoding="utf-8")
        ann = min((split / "attributions").glob(f"{article}_*.ann"))
        gold = sorted(read_gold(ann, text), key=lambda g: g.content)
        for distance, pair in candidates(text, gold):
            hits = [p for p in by_article.get(article, ()) if matches(_event(article, pair), p)]
            for name, rule in RULES.items():
                if rule(text, distance, pair):
                    picked[name][0] += 1
                    picked[name][1] += bool(hits)
                    found[name].update(hits)
    print(f"{LABELS.relative_to(REPO)}: {len(labels.articles)} train articles, {len(labels.pairs)} labelled "
          "pairs; gold attributions")
    print(f"  {'rule':42s} {'pairs':>7s} {'right':>6s} {'precision':>9s} {'recall':>7s}")
    for name, (count, right) in picked.items():
        print(f"  {name:42s} {count:7d} {right:6d} {right / max(count, 1):9.3f} "
              f"{len(found[name]) / max(len(labels.pairs), 1):7.3f}")


if __name__ == "__main__":
    main()
