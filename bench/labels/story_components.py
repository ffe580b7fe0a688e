"""Group the FNC-1 *train* bodies nobody has labelled yet into stories, for reading (never test bodies).

    .venv/bin/python -m bench.labels.story_components [--shared ../shared] [--out FILE]

The first stance labels (`fnc-train-stances.jsonl`) cover the bodies that the alerts of one
morning's code linked. This groups the other train bodies the way the contradiction worker
groups articles into stories: two bodies are linked when the shipped story test says they tell
one story (`story.same_story`: a shared salient entity and idf-weighted terms at least
`SAME_STORY` alike), and the links' connected components of two or more bodies are written one
per line, numbered from `FIRST_COMPONENT` so they never collide with the first file's. A reader
then labels them with `CROSS-GUIDE.md` (`show_bodies.py --components FILE --component N`).
Ids only: the bodies stay in ../shared under FNC-1's terms.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

from bench.labels.cross_train_events import components, train_bodies
from bench.parsed_articles import parsed
from bench.quality_news import SHARED
from schemas.articles import Article
from services.contradictions.story import salient_entities, salient_terms, same_story

STANCES = Path(__file__).with_name("fnc-train-stances.jsonl")
OUT = Path(__file__).with_name("fnc-train-story-components.jsonl")
FIRST_COMPONENT = 1000


def story_links(stories: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> list[tuple[str, str]]:
    """Pairs of articles that the story test puts in one story; `stories` maps an article to its
    (salient entities, salient terms)."""
    by_entity: dict[str, list[str]] = {}
    for article, (entities, _terms) in stories.items():
        for entity in entities:
            by_entity.setdefault(entity, []).append(article)
    candidates = {tuple(sorted(pair)) for group in by_entity.values() for pair in combinations(group, 2)}
    return sorted((a, b) for a, b in candidates
                  if same_story(stories[a][0], stories[b][0], stories[a][1], stories[b][1]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    labelled = {json.loads(line)["article"] for line in STANCES.read_text(encoding="utf-8").splitlines()}
    articles = [Article(id=article, text=body) for article, body in train_bodies(args.shared).items()
                if article not in labelled]
    stories = {item.article.id: (salient_entities(item.doc), salient_terms(item.doc)) for item in parsed(articles)}
    groups = components(story_links(stories))
    args.out.write_text("".join(json.dumps({"component": FIRST_COMPONENT + n, "articles": ids}) + "\n"
                                for n, ids in enumerate(groups)), encoding="utf-8")
    sizes = [len(ids) for ids in groups]
    print(f"{len(articles)} unlabelled train bodies; {len(groups)} stories of two or more ({sum(sizes)} bodies, "
          f"largest {max(sizes, default=0)}) -> {args.out}")


if __name__ == "__main__":
    main()
