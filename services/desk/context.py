"""The quoted words in a few sentences of their article: what the desk shows around each claim."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

AROUND_SENTENCES = 1  # sentences shown before and after the ones holding the quote
MAX_SIDE_CHARS = 400  # a long sentence is cut to this much on each side of the quote
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Context:
    """`before + quote + after` is the passage; `clipped_*` says text was left out at that end."""

    before: str
    quote: str
    after: str
    clipped_before: bool
    clipped_after: bool


def context_window(text: str, sentences: Sequence[tuple[int, int]], start: int, end: int, *,
                   around: int = AROUND_SENTENCES, max_side_chars: int = MAX_SIDE_CHARS) -> Context | None:
    """`text[start:end]` with the sentences that hold it and `around` more on each side.

    `sentences` are (start, end) character spans in text order, from the article's parse;
    with none, the whole text counts as one sentence. Returns None when the span is not
    inside the text. Runs of whitespace (paragraph breaks) become single spaces.
    """
    if not 0 <= start <= end <= len(text):
        return None
    spans = list(sentences) or [(0, len(text))]
    first = max((i for i, (s, _) in enumerate(spans) if s <= start), default=0)
    last = max(first, max((i for i, (s, _) in enumerate(spans) if s < end), default=first))
    low = min(spans[max(0, first - around)][0], start)
    high = max(spans[min(len(spans) - 1, last + around)][1], end)
    before, after = text[low:start], text[end:high]
    clip_before = len(before) > max_side_chars
    clip_after = len(after) > max_side_chars
    if clip_before:
        before = _from_word(before[-max_side_chars:])
    if clip_after:
        after = _to_word(after[:max_side_chars])
    return Context(before=_squash(before).lstrip(), quote=_squash(text[start:end]), after=_squash(after).rstrip(),
                   clipped_before=clip_before or low > 0, clipped_after=clip_after or high < len(text))


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text)


def _from_word(text: str) -> str:
    """Drop a partial first word."""
    cut = text.find(" ")
    return text[cut:] if 0 <= cut < len(text) - 1 else text


def _to_word(text: str) -> str:
    """Drop a partial last word."""
    cut = text.rfind(" ")
    return text[:cut + 1] if cut > 0 else text
