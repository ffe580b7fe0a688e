"""spaCy objects rebuilt after a number of articles, so a long-running worker's memory stays level.

A spaCy vocabulary keeps every string and lexeme it has ever seen. Over 1,440 FNC-1
bodies the parser's vocabulary took ~8 new strings per article after the first 160
(87,723 -> 98,333 from body 160 to 1,440), with no sign of stopping: names, numbers and misspellings keep
coming. spaCy's answer for long-running services is a memory zone or a reload. A zone
frees what it added for every thread at once, and an article abandoned over its
budget (budget.py) may still be parsing in another thread, so workers reload instead:
the abandoned thread keeps the object it started with.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

# ~75,000 new strings (~10 MB) at most between rebuilds. A rebuild costs 0.3 CPU s for the
# parser's model (0.06 s for a blank vocabulary) and a few cold caches: ~0.2% of the parse
# time of 10,000 articles, once every ~10 minutes per instance at full speed.
REFRESH_AFTER_ARTICLES = 10_000


class Refreshed(Generic[T]):
    """An object from `build`, built anew once `after` articles have used it."""

    def __init__(self, build: Callable[[], T], *, after: int = REFRESH_AFTER_ARTICLES, name: str = "") -> None:
        self._build = build
        self._after = after
        self._name = name
        self._lock = threading.Lock()
        self._current = build()
        self._used = 0

    def take(self, articles: int) -> T:
        """The object to use for the next `articles` articles (thread-safe)."""
        with self._lock:
            if self._used >= self._after:
                log.info("rebuilding the %s after %d articles, so that its memory does not keep growing",
                         self._name or "spaCy object", self._used)
                self._current, self._used = self._build(), 0
            self._used += articles
            return self._current
