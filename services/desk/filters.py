"""The page's filters, read from its URL query: kind, minimum confidence, subject or speaker search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import get_args

from schemas.events import ContradictionKind
from services.desk.view import AlertView

KINDS: tuple[str, ...] = get_args(ContradictionKind)
MAX_SEARCH_CHARS = 200


class FilterError(ValueError):
    """A query value the desk cannot filter by."""


@dataclass(frozen=True)
class AlertFilter:
    kinds: frozenset[str] = frozenset()  # empty: every kind
    min_confidence: float = 0.0
    search: str = ""  # case-insensitive, in the subject or either speaker's name

    def matches(self, alert: AlertView) -> bool:
        if self.kinds and alert.kind not in self.kinds:
            return False
        if alert.confidence < self.min_confidence:
            return False
        if not self.search:
            return True
        names = [alert.subject, *(claim.speaker or "" for claim in alert.claims)]
        return any(self.search in name.casefold() for name in names)


def parse_filter(kinds: Iterable[str], query: Mapping[str, str]) -> AlertFilter:
    """The filter of a URL with `kind` (repeatable), `min` (0 to 1) and `q`; FilterError when invalid."""
    chosen = frozenset(kind for kind in kinds if kind)
    unknown = sorted(chosen - set(KINDS))
    if unknown:
        raise FilterError(f"unknown kind {unknown[0]!r}; use {', '.join(KINDS)}")
    raw_min = query.get("min", "").strip()
    try:
        minimum = float(raw_min) if raw_min else 0.0
    except ValueError:
        minimum = -1.0
    if not 0.0 <= minimum <= 1.0:
        raise FilterError(f"min={raw_min!r} is not a confidence from 0 to 1")
    search = " ".join(query.get("q", "").split()).casefold()
    if len(search) > MAX_SEARCH_CHARS:
        raise FilterError(f"search is longer than {MAX_SEARCH_CHARS} characters")
    return AlertFilter(kinds=chosen, min_confidence=minimum, search=search)
