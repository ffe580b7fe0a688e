"""Score `extract_quotes` on PolNeAR dev exactly as ../shared/EVAL.md defines it.

Usage: .venv/bin/python bench/quality_quotes.py [--split dev] [--errors]
Prints direct and all-attribution precision/recall/F1 and speaker accuracy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.polnear_score import Prediction, Tally, articles, read_gold, score_article, totals  # noqa: E402
from services.common.nlp import load_nlp  # noqa: E402
from services.quotes.extract import extract_quotes  # noqa: E402

POLNEAR = REPO.parent / "shared" / "data" / "polnear"
TEXTACY_FLOOR = "textacy not installed, reference floor from EVAL/issue: direct F1≈0.43, all≈0.18"


def score_split(split: str = "dev") -> tuple[Tally, Tally]:
    """(all attributions, direct subset) totals of `extract_quotes` on one PolNeAR split."""
    nlp = load_nlp()
    items = [(stem, text, ann) for stem, text, ann in articles(POLNEAR / split) if ann is not None]
    results = []
    for (stem, text, ann), doc in zip(items, nlp.pipe(t for _, t, _ in items), strict=True):
        preds = [
            Prediction(
                (e.content.start, e.content.end),
                (e.speaker_mention.start, e.speaker_mention.end) if e.speaker_mention else None,
            )
            for e in extract_quotes(doc, article_id=stem)
        ]
        assert ann is not None
        results.append(score_article(preds, read_gold(ann, text), text))
    return totals(results)


def _textacy_line() -> str:
    try:
        import textacy  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return TEXTACY_FLOOR
    return "textacy is installed: comparison not implemented here, see EVAL.md for the floor"


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
    print(_row("direct", direct))
    print(_row("all", everything))
    print(_textacy_line())


if __name__ == "__main__":
    main()
