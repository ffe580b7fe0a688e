"""On real news, the workers' parse equals the stock en_core_web_sm parse token for token.

`load_nlp` computes differently from stock spaCy: an index for the attribute_ruler's match
step (services/common/attribute_index.py) and numpy's BLAS instead of BLIS for the layers'
matrix products, whose sums round differently in the last bits. This checks the whole
annotation on 200 FNC-1 bodies and the 84 PolNeAR dev articles (../shared, research-only, read in
place) and skips without them; `bench/parse_identity.py` runs the same check on ~1,900 texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from bench.bench_articles import load_texts
from bench.parse_identity import token_annotations
from bench.polnear_score import articles
from services.common.nlp import MODEL_PACKAGE, load_nlp

FNC_BODIES = 200
POLNEAR_DEV_ARTICLES = 84


@pytest.mark.slow
def test_worker_parse_equals_stock_parse_on_news(shared_dir: Path) -> None:
    texts, source = load_texts(FNC_BODIES, shared_dir / "data" / "fnc-1")
    assert "FNC-1" in source, f"expected FNC-1 bodies, got {source}"
    polnear = [text for _, text, _ in articles(shared_dir / "data" / "polnear" / "dev")]
    assert len(polnear) == POLNEAR_DEV_ARTICLES
    texts += polnear

    def annotations(nlp: spacy.language.Language) -> list[tuple[str, ...]]:
        return [token for doc in nlp.pipe(texts) for token in token_annotations(doc)]

    ours, stock = annotations(load_nlp()), annotations(spacy.load(MODEL_PACKAGE))
    assert len(ours) == len(stock) > 100_000
    differing = [(i, a, b) for i, (a, b) in enumerate(zip(ours, stock, strict=True)) if a != b]
    assert not differing, f"{len(differing)} tokens differ, first: {differing[:3]}"
