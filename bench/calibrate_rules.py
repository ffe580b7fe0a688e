"""Count how often each kind of rule event was right on judged train data; write rule_confidence.json.

    .venv/bin/python -m bench.calibrate_rules [--write]

Reads `bench/labels/train-events-judged.jsonl` (events on PolNeAR and FNC-1 *train* articles,
judged by reading them; see bench/labels/README.md). Pair-model events (kind `factual` there)
are calibrated by the model itself and are not counted here.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from services.contradictions.calibration import RULES_FILE

JUDGED = Path(__file__).resolve().parent / "labels" / "train-events-judged.jsonl"
RULE_KINDS = ("rebuttal", "evaluative", "evidence")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"save the counts to {RULES_FILE.name}")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()]
    judged, right = Counter(r["kind"] for r in rows), Counter(r["kind"] for r in rows if r["right"])
    kinds = {kind: {"judged": judged[kind], "right": right[kind]} for kind in RULE_KINDS}
    for kind, counts in kinds.items():
        confidence = (counts["right"] + 1) / (counts["judged"] + 2)
        print(f"{kind:<11} judged {counts['judged']:3d}  right {counts['right']:3d}  confidence {confidence:.2f}")
    if args.write:
        RULES_FILE.write_text(json.dumps({"source": str(JUDGED.name), "kinds": kinds}, indent=2) + "\n",
                              encoding="utf-8")
        print(f"wrote {RULES_FILE}")


if __name__ == "__main__":
    main()
