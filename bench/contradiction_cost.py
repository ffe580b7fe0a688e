"""CPU time of the contradiction worker's core per article on FNC-1 test bodies; printed, never asserted.

    .venv/bin/python -m bench.contradiction_cost [--shared ../shared]

Runs what the worker runs per article after decoding its bundle (within-article detection,
story claims, cross-article comparison against the claims table) over the 429 bodies of the
FNC-1 story clusters, in Body ID order, and prints CPU milliseconds per article. The parse is
cached and not counted: the worker reads the quote worker's parse. Decoding and Kafka are not
counted either; `make bench` measures the whole worker.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from bench.news_scoring import read_story_clusters
from bench.parsed_articles import parsed
from schemas.articles import Article
from schemas.internal import SubjectClaim
from services.contradictions.pipeline import across_articles, within_article
from services.contradictions.positions import load_cross_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "fnc-1").is_dir():
        print(f"contradiction core: skipped, no FNC-1 data under {args.shared}")
        return
    clusters = read_story_clusters(args.shared / "data" / "fnc-1")
    items = list(parsed([Article(id=f"fnc-{b}", text=body, source=f"outlet-{b}") for b, body in clusters.articles]))
    model = load_cross_model()
    memory: dict[str, list[SubjectClaim]] = defaultdict(list)
    started = time.process_time()
    for item in items:
        _, claims = within_article(item.article, item.quotes, item.doc)
        for claim in claims:
            _, memory[claim.subject] = across_articles(claim, memory[claim.subject], model=model, max_claims=50,
                                                       max_age_seconds=7 * 86400)
    spent = time.process_time() - started
    print(f"contradiction core: {1000 * spent / len(items):.1f} CPU ms per article over {len(items)} "
          "FNC-1 bodies (target <= 20, parse and Kafka not counted)")


if __name__ == "__main__":
    main()
