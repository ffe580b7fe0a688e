"""Does the workers' parse (`load_nlp`) annotate real news exactly as stock spaCy does?

    .venv/bin/python -m bench.parse_identity [--fnc 1000] [--polnear 1000]

Parses FNC-1 bodies and PolNeAR articles (../shared, read in place) with `load_nlp` and
with `spacy.load` as the model ships, and compares every token's text, POS, tag, lemma,
morphology, dependency, head and entity. Prints the counts, each model's CPU ms per
article and the first differing tokens. `load_nlp` differs from stock in how it computes,
not what: an indexed attribute_ruler match and numpy's BLAS instead of BLIS, whose sums
round differently in the last bits, so a near tie between two labels could flip; this is
the check that none does on the data we have.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bench.bench_articles import FNC, load_texts
from bench.polnear_score import articles
from services.common.nlp import MODEL_PACKAGE, load_nlp, parse_texts

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"

Annotation = tuple[str, ...]


def token_annotations(doc: Doc) -> list[Annotation]:
    """Everything the parse says of each token: text, POS, tag, lemma, morphology, dependency, head, entity."""
    return [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_, str(t.head.i), t.ent_iob_, t.ent_type_)
            for t in doc]


def parsed_annotations(nlp: Language, texts: list[str], cpu: list[float]) -> Iterator[list[Annotation]]:
    """Each text's token annotations; adds the parse's CPU seconds to `cpu`."""
    started = time.process_time()
    for doc in parse_texts(nlp, texts):
        cpu[0] += time.process_time() - started
        yield token_annotations(doc)
        started = time.process_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fnc", type=int, default=1000, help="FNC-1 bodies to compare")
    parser.add_argument("--polnear", type=int, default=1000, help="PolNeAR articles to compare (train, then dev)")
    args = parser.parse_args()
    texts, source = load_texts(args.fnc, FNC)
    polnear = [text for split in ("train", "dev") for _, text, _ in articles(POLNEAR / split)][: args.polnear]
    texts += polnear
    print(f"{source}; {len(polnear)} PolNeAR articles")
    ours, stock = load_nlp(), spacy.load(MODEL_PACKAGE)
    cpu_ours, cpu_stock = [0.0], [0.0]
    tokens, differing_docs, differing = 0, 0, []
    pairs = zip(parsed_annotations(ours, texts, cpu_ours), parsed_annotations(stock, texts, cpu_stock), strict=True)
    for index, (mine, theirs) in enumerate(pairs):
        assert len(mine) == len(theirs), f"text {index}: {len(mine)} tokens against {len(theirs)}"
        tokens += len(mine)
        here = [(index, i, a, b) for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]
        differing_docs += bool(here)
        differing += here
    n = len(texts)
    print(f"{n} texts, {tokens} tokens: {len(differing)} tokens differ in {differing_docs} texts")
    print(f"CPU ms per text: load_nlp {cpu_ours[0] * 1000 / n:.1f}, stock {cpu_stock[0] * 1000 / n:.1f}")
    for index, position, our_token, stock_token in differing[:10]:
        print(f"  text {index} token {position}:\n    ours  {our_token}\n    stock {stock_token}")


if __name__ == "__main__":
    main()
