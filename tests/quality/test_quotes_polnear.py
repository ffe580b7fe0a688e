"""PolNeAR dev targets for the quote extractor, scored exactly as ../shared/EVAL.md defines.

Slow (parses 84 articles, about 20 s); skipped when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.polnear_score import Tally
from bench.quality_quotes import score_split
from services.common.nlp import load_nlp
from services.quotes.extract import extract_quotes

DIRECT_F1 = 0.80
ALL_F1 = 0.55
SPEAKER_ACCURACY = 0.92


@pytest.fixture(scope="module")
def dev_scores(shared_dir: Path) -> tuple[Tally, Tally]:
    return score_split("dev")


@pytest.mark.slow
def test_direct_quotes_f1(dev_scores: tuple[Tally, Tally]) -> None:
    assert dev_scores[1].f1 >= DIRECT_F1


@pytest.mark.slow
def test_all_attributions_f1(dev_scores: tuple[Tally, Tally]) -> None:
    assert dev_scores[0].f1 >= ALL_F1


@pytest.mark.slow
def test_speaker_accuracy_on_matched_quotes(dev_scores: tuple[Tally, Tally]) -> None:
    assert dev_scores[0].speaker_accuracy >= SPEAKER_ACCURACY


@pytest.mark.slow
def test_no_crash_on_any_train_article(shared_dir: Path) -> None:
    nlp = load_nlp()
    paths = sorted((shared_dir / "data" / "polnear" / "train" / "text").glob("*.txt"))
    assert len(paths) == 840
    texts = (p.read_text(encoding="utf-8") for p in paths)
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=32), strict=True):
        for event in extract_quotes(doc, article_id=path.stem):
            assert doc.text[event.content.start : event.content.end] == event.content.text
