"""Does the entity worker's NER-only pipeline find the same entities as the full pipeline?

    .venv/bin/python bench/ner_identity.py [--articles 300]

Compares `doc.ents` (start, end, label) of NER_ONLY against every component, on the
benchmark articles, and prints the articles that differ with the differing spans.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_articles import load_texts
from services.common.nlp import FULL_PARSE, load_nlp

NER_ONLY = ("ner",)  # the entity worker's pipeline before it read the quote worker's parse

Entity = tuple[int, int, str]


def entities(keep: tuple[str, ...], texts: list[str]) -> list[set[Entity]]:
    nlp = load_nlp(keep)
    return [{(e.start_char, e.end_char, e.label_) for e in doc.ents} for doc in nlp.pipe(texts)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    texts, source = load_texts(args.articles)
    full, ours = entities(FULL_PARSE, texts), entities(NER_ONLY, texts)
    differing = [i for i, (a, b) in enumerate(zip(full, ours, strict=True)) if a != b]
    total = sum(len(a) for a in full)
    changed = sum(len(full[i] ^ ours[i]) for i in differing)
    print(f"{source}: {len(differing)} of {len(texts)} articles differ; {changed} differing spans "
          f"(full pipeline: {total} entities)")
    for i in differing:
        for start, end, label in sorted(full[i] - ours[i]):
            print(f"  article {i} full only: {label} {texts[i][start:end]!r}")
        for start, end, label in sorted(ours[i] - full[i]):
            print(f"  article {i} NER-only only: {label} {texts[i][start:end]!r}")


if __name__ == "__main__":
    main()
