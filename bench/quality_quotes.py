"""Score `extract_quotes` on PolNeAR dev exactly as ../shared/EVAL.md defines it.

Usage: .venv/bin/python bench/quality_quotes.py [--split dev]
Prints direct and all-attribution precision/recall/F1 and speaker accuracy, then the same
for textacy's `direct_quotations` (the reference floor) when textacy is installed
(`.venv/bin/pip install textacy==0.13.0`; a bench-only dependency).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.polnear_score import Prediction, Tally, articles, read_gold, score_article, totals  # noqa: E402
from services.common.nlp import load_nlp  # noqa: E402
from services.quotes.extract import extract_quotes  # noqa: E402

POLNEAR = REPO.parent / "shared" / "data" / "polnear"
TEXTACY_FLOOR = "textacy not installed, reference floor from EVAL/issue: direct F1≈0.43, all≈0.18"


def ours(doc: Doc, stem: str) -> list[Prediction]:
    return [
        Prediction(
            (e.content.start, e.content.end),
            (e.speaker_mention.start, e.speaker_mention.end) if e.speaker_mention else None,
        )
        for e in extract_quotes(doc, article_id=stem)
    ]


def textacy_predictions(doc: Doc, stem: str) -> list[Prediction]:
    """textacy's direct_quotations; it raises on unbalanced quote marks, which counts as no quotes."""
    from textacy.extract.triples import direct_quotations  # type: ignore[import-not-found]

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return []
    predictions = []
    for triple in triples:
        content = (triple.content[0].idx, triple.content[-1].idx + len(triple.content[-1]))
        speaker = (triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1])) if triple.speaker else None
        predictions.append(Prediction(content, speaker))
    return predictions


def score_split(split: str = "dev", extractor: Callable[[Doc, str], list[Prediction]] = ours) -> tuple[Tally, Tally]:
    """(all attributions, direct subset) totals of `extractor` on one PolNeAR split."""
    nlp = load_nlp()
    items = [(stem, text, ann) for stem, text, ann in articles(POLNEAR / split) if ann is not None]
    results = []
    for (stem, text, ann), doc in zip(items, nlp.pipe(t for _, t, _ in items), strict=True):
        assert ann is not None
        results.append(score_article(extractor(doc, stem), read_gold(ann, text), text))
    return totals(results)


def _textacy_installed() -> bool:
    try:
        import textacy  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def _row(name: str, tally: Tally) -> str:
    return (
        f"{name:8s} P={tally.precision:.3f} R={tally.recall:.3f} F1={tally.f1:.3f} "
        f"(pred {tally.predicted}, gold {tally.gold}, matched {tally.matched}) "
        f"speaker acc={tally.speaker_accuracy:.3f} ({tally.speaker_correct}/{tally.speaker_total})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    everything, direct = score_split(args.split)
    print("ours (extract_quotes)")
    print(_row("direct", direct))
    print(_row("all", everything))
    if not _textacy_installed():
        print(TEXTACY_FLOOR)
        return
    everything, direct = score_split(args.split, textacy_predictions)
    print("textacy direct_quotations (reference floor)")
    print(_row("direct", direct))
    print(_row("all", everything))


if __name__ == "__main__":
    main()
