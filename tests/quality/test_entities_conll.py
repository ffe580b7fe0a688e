"""Entities on CoNLL-2003 dev (../shared, research-only): not worse than plain spaCy.

Scored exactly as ../shared/EVAL.md defines, by bench/quality_entities.py; skipped
when the research data is not beside the checkout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.quality_entities import evaluate

TOLERANCE = 0.01  # F1 points ours may trail the reference by


@pytest.mark.slow
def test_entities_not_worse_than_plain_spacy_on_conll_dev(shared_dir: Path) -> None:
    scores = evaluate(shared_dir / "data" / "conll2003" / "dev.txt")
    ours, reference = scores["ours"], scores["reference"]
    assert ours.gold == reference.gold > 5000, "the dev file did not parse as CoNLL-2003"
    assert ours.f1 >= reference.f1 - TOLERANCE, (
        f"ours F1 {ours.f1:.4f} (P {ours.precision:.4f}, R {ours.recall:.4f}) vs reference F1 {reference.f1:.4f}"
    )
