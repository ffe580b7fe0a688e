"""The word lists the contradiction rules read, loaded from `lexicons.json` (which says where
they come from and how they were checked). Loaded once, on first use."""

from __future__ import annotations

import functools
import json
from pathlib import Path

_FILE = Path(__file__).with_name("lexicons.json")


@functools.cache
def _lists() -> dict[str, tuple[str, ...]]:
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    return {name: tuple(words) for name, words in data.items() if isinstance(words, list)}


def denial() -> tuple[str, ...]:
    """Words and phrases (regular-expression fragments) that deny or refute a statement."""
    return _lists()["denial"]


def contention_cues() -> tuple[str, ...]:
    """Prefixes of attribution cues that present a statement as a reply or a dispute."""
    return _lists()["contention_cues"]


def negators() -> frozenset[str]:
    return frozenset(_lists()["negators"])
