"""Speaker errors of `extract_quotes` on PolNeAR, grouped by kind (research only: prints to stdout).

Usage: .venv/bin/python bench/quote_speaker_errors.py [--split dev] [--show N]
For every matched quote whose gold has a Source but whose `speaker_mention`
misses it, prints a category (no mention, inherited from the last speaker,
pronoun, wrong name...) and, with --show, that many examples per category.
Nothing is written to disk: the corpus is research-only.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.polnear_score import Prediction, articles, match, read_gold  # noqa: E402
from schemas.events import QuoteEvent  # noqa: E402
from services.common.nlp import load_nlp  # noqa: E402
from services.quotes.extract import extract_quotes  # noqa: E402

POLNEAR = REPO.parent / "shared" / "data" / "polnear"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "him", "her"}


def category(event: QuoteEvent, gold_source: str) -> str:
    kind = "direct" if event.direct else "reported"
    if event.speaker_mention is None:
        return f"{kind}: no mention" + (" (no cue)" if event.cue is None else " (cue)")
    if event.cue is None:
        return f"{kind}: inherited wrong speaker"
    said = event.speaker_mention.text.lower()
    if said in PRONOUNS:
        return f"{kind}: pronoun mention, gold elsewhere"
    if gold_source.lower() in PRONOUNS:
        return f"{kind}: gold is a pronoun, named other"
    return f"{kind}: other mention"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--show", type=int, default=3)
    args = parser.parse_args()
    nlp = load_nlp()
    items = [(s, t, a) for s, t, a in articles(POLNEAR / args.split) if a is not None]
    groups: dict[str, list[str]] = defaultdict(list)
    for (stem, text, ann), doc in zip(items, nlp.pipe(t for _, t, _ in items), strict=True):
        assert ann is not None
        events = extract_quotes(doc, article_id=stem)
        gold = read_gold(ann, text)
        preds = [Prediction((e.content.start, e.content.end), None) for e in events]
        for i, j in match(preds, gold):
            src, mention = gold[j].source, events[i].speaker_mention
            if src is None or (mention is not None and min(mention.end, src[1]) - max(mention.start, src[0]) >= 1):
                continue
            event = events[i]
            cat = category(event, text[src[0] : src[1]])
            ctx_start = max(0, min(src[0], event.content.start) - 80)
            ctx_end = min(len(text), max(src[1], event.content.end) + 40)
            groups[cat].append(
                f"  {stem[:40]} gold={text[src[0]:src[1]]!r} pred={mention.text if mention else None!r} "
                f"cue={event.cue.text if event.cue else None!r} speaker={event.speaker}\n"
                f"    ...{' '.join(text[ctx_start:ctx_end].split())[:600]}"
            )
    for cat, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(rows):3d} {cat}")
        for row in rows[: args.show]:
            print(row)


if __name__ == "__main__":
    main()
