"""Choose the refuting words that mark an outlet's position against a story, from Emergent headlines.

    .venv/bin/python -m bench.build_refutes [--shared ../shared]

Candidates: `features.REFUTES` (hoax, fake, denied, debunked, ...), folded to a crude stem
(`positions.stem`: "denies", "denied" -> "deny"). A stem is kept when, among the Emergent article
headlines that use it, the share that are `against` their claim, smoothed as
(against + 1) / (uses + 2), is at least `MIN_SHARE`: a word that as often marks a report of
a rumour as its refutation ("actually", "questions", "conspiracy") is not a position.
Writes services/contradictions/refutes.json. FNC-1 is never read here.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from services.contradictions.features import REFUTES, tokens
from services.contradictions.positions import REFUTES_FILE, stem

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
MIN_SHARE = 0.6


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    candidates = {stem(word) for word in REFUTES}
    uses: Counter[str] = Counter()
    against: Counter[str] = Counter()
    with (args.shared / "data" / "emergent" / "url-versions-2015-06-14-clean.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            found = {stem(w.lower()) for w in tokens(row["articleHeadline"])} & candidates
            uses.update(found)
            if row["articleHeadlineStance"] == "against":
                against.update(found)
    kept = sorted(s for s in candidates if (against[s] + 1) / (uses[s] + 2) >= MIN_SHARE)
    for word in kept:
        print(f"  {word:<14} used {uses[word]:3d}  against {against[word]:3d}")
    REFUTES_FILE.write_text(json.dumps({
        "source": "Emergent article headlines (bench/build_refutes.py): stems of features.REFUTES whose "
                  f"smoothed share of 'against' headlines is at least {MIN_SHARE}",
        "stems": kept}, indent=2) + "\n", encoding="utf-8")
    print(f"{len(kept)} of {len(candidates)} stems kept -> {REFUTES_FILE}")


if __name__ == "__main__":
    main()
