"""A model of the claims table's changelog: bytes written per article as story keys fill.

    .venv/bin/python -m bench.changelog_model [--articles 1000] [--batch 16]

Replays the contradiction worker's cross-article memory (`subject_claims`, then `remember` per
story key, as the across agent does) over FNC-1 bodies in order, without Kafka. Each batch of
`--batch` articles writes every key it touched once, the key's whole list of remembered claims
as JSON (what Faust sends to the table's changelog). Prints the bytes written per article over
successive stretches of the stream, and the table's size at the end.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from bench.bench_articles import load_texts
from bench.parsed_articles import parsed
from schemas.articles import Article
from schemas.internal import SubjectClaim
from services.common.settings import load_settings
from services.contradictions.cross import remember
from services.contradictions.detect import subject_claims

STRETCHES = (100, 300, 1000, 3000)


def _bytes(claims: Sequence[SubjectClaim]) -> int:
    return len(json.dumps([c.model_dump(mode="json") for c in claims]).encode())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=16, help="articles per batch (COUNTERCLAIM_BATCH_SIZE)")
    args = parser.parse_args(argv)
    settings = load_settings({})
    texts, source = load_texts(args.articles)
    articles = [Article(id=f"fnc-{number}", text=text, source=f"outlet-{number}") for number, text in enumerate(texts)]
    memory: dict[str, list[SubjectClaim]] = {}
    written: list[int] = []  # bytes written to the changelog by each article's batch, per article
    items = list(parsed(articles))
    for batch in (items[i:i + args.batch] for i in range(0, len(items), args.batch)):
        touched: set[str] = set()
        for item in batch:
            for claim in subject_claims(item.article, doc=item.doc):
                memory[claim.subject] = remember(memory.get(claim.subject, []), claim,
                                                 max_claims=settings.claim_memory,
                                                 max_age_seconds=settings.claim_max_age_seconds)
                touched.add(claim.subject)
        size = sum(_bytes(memory[key]) for key in touched)
        written += [size // len(batch)] * len(batch)
    print(f"{len(articles)} articles from {source}, batches of {args.batch}, "
          f"{settings.claim_memory} claims per key at most")
    start = 0
    for end in (s for s in STRETCHES if s <= len(written)):
        stretch = written[start:end]
        print(f"  articles {start + 1}-{end}: {sum(stretch) / len(stretch) / 1000:.1f} KB of changelog per article")
        start = end
    claims = sum(len(kept) for kept in memory.values())
    total = sum(_bytes(kept) for kept in memory.values())
    print(f"  table at the end: {len(memory)} keys, {claims} claims, {total / 1e6:.1f} MB of JSON")


if __name__ == "__main__":
    main()
