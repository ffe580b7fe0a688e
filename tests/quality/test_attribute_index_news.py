"""On real news, the workers' parse equals the stock en_core_web_sm parse token for token.

`load_nlp` swaps the attribute_ruler's match step for an index (services/common/
attribute_index.py); this checks the whole annotation on 200 FNC-1 bodies
(../shared, research-only, read in place) and skips without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from bench.bench_articles import load_texts
from services.common.nlp import MODEL_PACKAGE, load_nlp

ARTICLES = 200


@pytest.mark.slow
def test_worker_parse_equals_stock_parse_on_news(shared_dir: Path) -> None:
    texts, source = load_texts(ARTICLES, shared_dir / "data" / "fnc-1")
    assert "FNC-1" in source, f"expected FNC-1 bodies, got {source}"

    def annotations(nlp: spacy.language.Language) -> list[tuple[str, ...]]:
        return [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_, str(t.head.i), t.ent_iob_, t.ent_type_)
                for doc in nlp.pipe(texts) for t in doc]

    ours, stock = annotations(load_nlp()), annotations(spacy.load(MODEL_PACKAGE))
    assert len(ours) == len(stock) > 50_000
    differing = [(i, a, b) for i, (a, b) in enumerate(zip(ours, stock, strict=True)) if a != b]
    assert not differing, f"{len(differing)} tokens differ, first: {differing[:3]}"
