"""Build the inverse document frequencies that weigh story terms: services/contradictions/idf.json.

    .venv/bin/python -m bench.build_idf [--shared ../shared]

Counted over training text only: the 840 PolNeAR train articles and the 1,683 FNC-1 *train*
bodies (never PolNeAR dev or FNC-1 test), as lowercased lemmas of nouns, proper nouns, verbs,
adjectives and numbers, one count per document. Lemmas seen in fewer than `MIN_DF` documents
are left out; `story.idf` gives any lemma not in the table the highest weight.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.parsed_articles import parsed
from schemas.articles import Article
from services.contradictions.story import IDF_FILE, term_lemmas

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
MIN_DF = 3
csv.field_size_limit(sys.maxsize)


def training_articles(shared: Path) -> list[Article]:
    articles = [Article(id=f"pn-{p.stem}", text=p.read_text(encoding="utf-8"))
                for p in sorted((shared / "data" / "polnear" / "train" / "text").glob("*.txt"))]
    with (shared / "data" / "fnc-1" / "train_bodies.csv").open(encoding="utf-8") as handle:
        articles += [Article(id=f"fnc-train-{r['Body ID']}", text=r["articleBody"])
                     for r in csv.DictReader(handle) if r["articleBody"].strip()]
    return articles


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    articles = training_articles(args.shared)
    df: Counter[str] = Counter()
    for item in parsed(articles):
        df.update(set(term_lemmas(item.doc)))
    total = len(articles)
    table = {term: round(math.log(total / n), 2) for term, n in sorted(df.items()) if n >= MIN_DF}
    IDF_FILE.write_text(json.dumps({"documents": total, "min_df": MIN_DF, "max_idf": round(math.log(total), 2),
                                    "idf": table}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(table)} lemmas from {total} training documents -> {IDF_FILE}")


if __name__ == "__main__":
    main()
