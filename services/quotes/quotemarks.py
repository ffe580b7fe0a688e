"""Finding quotation spans by scanning quote marks, paragraph by paragraph.

Double quotes only: straight `"`, curly “ ”, and the doubled single `''` some
papers use. Single quotes are left alone (they are mostly apostrophes or
quotes nested inside a double quote). Spans include their marks.

Limits, chosen so that odd input never fails:
- a quote left open at the end of a paragraph continues when the next
  paragraph opens with a quote mark (the press convention for multi-paragraph
  quotes), else it ends at the end of its paragraph;
- a closing mark with nothing open is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE, EITHER = "open", "close", "either"
_MARK = re.compile(r"''|[\"“”„]")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # index of the opening mark
    end: int  # one past the closing mark (or the end of the paragraph when unclosed)
    closed: bool


def _kind(text: str, match: re.Match[str]) -> str:
    mark = match.group()
    if mark in "“„":
        return OPEN
    if mark == "”":
        return CLOSE
    before = text[match.start() - 1] if match.start() > 0 else " "
    after = text[match.end()] if match.end() < len(text) else " "
    if (before.isspace() or before in "([{—\u2013-:") and not after.isspace():
        return OPEN
    if after.isspace() or after in ".,;:!?)]}—\u2013-":
        return CLOSE
    return EITHER


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [
        (line.start(), line.start() + len(line.group().rstrip()))
        for line in re.finditer(r"[^\n]+", text)
        if line.group().strip()
    ]


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[QuoteSpan], int | None]:
    """Closed quotes of one paragraph, and where a quote left open began (if any)."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for match in _MARK.finditer(text, start, end):
        kind = _kind(text, match)
        if open_at is None and kind in (OPEN, EITHER):
            open_at = match.start()
        elif open_at is not None and kind in (CLOSE, EITHER):
            spans.append(QuoteSpan(open_at, match.end(), True))
            open_at = None
    return spans, open_at


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every double-quoted span of `text`, in order, never overlapping."""
    spans: list[QuoteSpan] = []
    carried: int | None = None  # start of a quote continuing from an earlier paragraph
    paragraphs = _paragraphs(text)
    for index, (start, end) in enumerate(paragraphs):
        found, open_at = _scan_paragraph(text, start, end)
        if carried is not None:
            if found and found[0].start == start:
                found[0] = QuoteSpan(carried, found[0].end, True)
            elif not found and open_at == start:
                open_at = carried
            else:
                spans.append(QuoteSpan(carried, paragraphs[index - 1][1], False))
            carried = None
        spans.extend(found)
        if open_at is not None:
            next_opens = index + 1 < len(paragraphs) and text[paragraphs[index + 1][0]] in "\"“„'"
            if next_opens:
                carried = open_at
            else:
                spans.append(QuoteSpan(open_at, end, False))
    if carried is not None and paragraphs:
        spans.append(QuoteSpan(carried, paragraphs[-1][1], False))
    return spans
