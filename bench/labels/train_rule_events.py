"""The rule events (rebuttal, evaluative, evidence) that the within-article code raises on *train* articles,
for judging by reading (never dev or test articles).

    .venv/bin/python -m bench.labels.train_rule_events [--shared ../shared] [--all]

Runs `find_contradictions` on the 840 PolNeAR train articles (ids `pn-<stem>`) and the FNC-1 train
bodies (`fnctrain-<Body ID>`), as `train-events-judged.jsonl` names them, and prints each rule event
that file has not judged yet (every one with `--all`): its claims with some context before them,
and the explanation. Then it lists the judged rule events the code no longer raises. A reader
appends a line per new event to `train-events-judged.jsonl` (`right` and a one-sentence `why`);
`bench/calibrate_rules.py` turns them into the rules' confidence. Parses are cached
(`bench/parsed_articles.py`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.calibrate_rules import JUDGED, RULE_KINDS
from bench.labels.cross_train_events import train_bodies
from bench.parsed_articles import parsed
from bench.quality_news import SHARED
from schemas.articles import Article
from schemas.events import ContradictionEvent
from services.contradictions.detect import find_contradictions

CONTEXT = 300  # characters shown before the first claim

Key = tuple[str, tuple[tuple[int, int], ...]]


def train_articles(shared: Path) -> list[Article]:
    """PolNeAR train articles, then FNC-1 train bodies, with the ids the judged file uses."""
    texts = sorted((shared / "data" / "polnear" / "train" / "text").glob("*.txt"))
    articles = [Article(id=f"pn-{path.stem}", text=path.read_text(encoding="utf-8")) for path in texts]
    return articles + [Article(id=id_, text=body) for id_, body in train_bodies(shared).items()]


def rule_events(articles: Sequence[Article]) -> Iterator[ContradictionEvent]:
    for item in parsed(articles):
        for event in find_contradictions(item.article, item.quotes, doc=item.doc):
            if event.kind in RULE_KINDS:
                yield event


def key_of(article: str, claims: Sequence[Sequence[int]]) -> Key:
    return article, tuple(sorted((int(start), int(end)) for start, end in claims))


def show(event: ContradictionEvent, text: str) -> str:
    first = min(c.start for c in event.claims)
    claims = [[c.start, c.end] for c in event.claims]
    lines = [json.dumps({"article": event.article_id, "kind": event.kind, "claims": claims}),
             f"  context: ...{text[max(0, first - CONTEXT):first]!r}"]
    lines += [f"  claim {n} ({c.speaker.name if c.speaker else 'no speaker'}): {c.text!r}"
              for n, c in enumerate(event.claims, start=1)]
    return "\n".join([*lines, f"  why: {event.explanation}"])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--all", action="store_true", help="print judged events too")
    args = parser.parse_args(argv)
    judged: dict[Key, dict[str, Any]] = {}
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            judged[key_of(row["article"], row["claims"])] = row
    articles = train_articles(args.shared)
    texts = {a.id: a.text for a in articles}
    raised: set[Key] = set()
    for event in rule_events(articles):
        key = key_of(event.article_id, [[c.start, c.end] for c in event.claims])
        raised.add(key)
        if args.all or key not in judged:
            print(show(event, texts[event.article_id]), "\n")
    gone = [row for key, row in judged.items() if row["kind"] in RULE_KINDS and key not in raised]
    print(f"{len(raised)} rule events raised, {len(raised - judged.keys())} not judged yet; "
          f"{len(gone)} judged rule events no longer raised:")
    for row in gone:
        print(" ", json.dumps({"article": row["article"], "kind": row["kind"], "claims": row["claims"]}))


if __name__ == "__main__":
    main()
