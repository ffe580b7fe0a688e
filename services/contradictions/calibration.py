"""The confidence of an event found by a rule: how often that rule was right on judged train data.

`rule_confidence.json` (written by `bench/calibrate_rules.py` from `bench/labels/`) holds, per
kind of rule event, how many were judged and how many were right; the confidence is the
posterior mean under a uniform prior, (right + 1) / (judged + 2), so a rule never judged gets
0.5, and one judged right 33 times in 42 gets 0.77. Limits: one figure per kind, not per event;
small samples.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rule_confidence.json")


@functools.cache
def _counts(path: Path = RULES_FILE) -> dict[str, tuple[int, int]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {kind: (int(c["right"]), int(c["judged"])) for kind, c in data["kinds"].items()}


def rule_confidence(kind: str) -> float:
    """The calibrated probability that an event of this rule kind is right."""
    right, judged = _counts().get(kind, (0, 0))
    return round((right + 1) / (judged + 2), 4)
