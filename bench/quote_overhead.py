"""How much time quote extraction adds to the spaCy parse of the same articles.

Usage: .venv/bin/python bench/quote_overhead.py [--split dev] [--limit N]
Prints spaCy time, extraction time and the overhead in percent (target <= 15%).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.common.nlp import load_nlp  # noqa: E402
from services.quotes.extract import extract_quotes  # noqa: E402

POLNEAR = REPO.parent / "shared" / "data" / "polnear"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    paths = sorted((POLNEAR / args.split / "text").glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = load_nlp()
    nlp("warm up the pipeline once.")
    parse_seconds = extract_seconds = 0.0
    events = 0
    for path, text in zip(paths, texts, strict=True):
        started = time.perf_counter()
        doc = nlp(text)
        parsed = time.perf_counter()
        events += len(extract_quotes(doc, article_id=path.stem))
        extract_seconds += time.perf_counter() - parsed
        parse_seconds += parsed - started
    print(f"articles {len(texts)}, quote events {events}")
    print(f"spaCy {parse_seconds:.2f}s, extract_quotes {extract_seconds:.2f}s")
    print(f"overhead {100 * extract_seconds / parse_seconds:.1f}% of spaCy time (target <= 15%)")


if __name__ == "__main__":
    main()
