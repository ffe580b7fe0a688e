"""Where the article's layout bounds an attribution: paragraphs, the headline, the dateline.

- Reported content stays inside the paragraph of its cue: it never crosses a
  blank line (a quotation may, when the next paragraph reopens it; see
  services.quotes.quotemarks).
- A headline is the first line of the text when it stands alone before a blank
  line and ends with no sentence punctuation ("Ministry denies warship visit was
  cancelled"). Headlinese drops articles and auxiliaries, so its parse is poor,
  and it restates the lead paragraph anyway: it yields no reported speech
  (quotation marks in it are still read).
- A dateline opens a paragraph with a city in capitals, an optional place and
  date, an optional agency in brackets and a dash: "LUSAKA (Northern Ledger) -",
  "HEMPSTEAD, N.Y., Sept. 26 (UPI) —", "WASHINGTON --". It is never a speaker.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from spacy.tokens import Doc, Token

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+)*"  # the city, in capitals
    r"(?:,[^\n()\u2014\u2013]{1,40}?)?"  # ", N.Y., Sept. 26"
    r"(?: ?\([^()\n]{1,40}\))?"  # "(Agency)"
    r" (?:--?|[\u2014\u2013\u2015]) "  # the dash, spaced
)
MAX_HEADLINE_WORDS = 20
MAX_DATELINE_TOKENS = 16


@lru_cache(maxsize=4)
def _breaks(text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the blank lines of `text`: computed once per text (str hashes are cached)."""
    found = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    return [start for start, _ in found], [end for _, end in found]


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """Characters of the paragraph (between blank lines) holding position `pos`."""
    starts, ends = _breaks(text)
    before = bisect.bisect_right(ends, pos) - 1
    after = bisect.bisect_right(starts, pos)
    return (ends[before] if before >= 0 else 0), (starts[after] if after < len(starts) else len(text))


def clip_to_paragraph(text: str, content: tuple[int, int], anchor: int) -> tuple[int, int] | None:
    """`content` cut to the paragraph of `anchor` (the cue), or None when nothing of it is left."""
    start, end = paragraph_of(text, anchor)
    clipped = (max(content[0], start), min(content[1], end))
    while clipped[1] > clipped[0] and text[clipped[1] - 1].isspace():
        clipped = (clipped[0], clipped[1] - 1)
    return clipped if clipped[1] > clipped[0] else None


def headline_end(text: str) -> int:
    """End of the headline line at the top of `text`, or 0 when the text opens with no headline."""
    first = text.lstrip()
    offset = len(text) - len(first)
    line = first.split("\n", 1)[0].rstrip()
    rest = first[len(line) :]
    stands_alone = _BLANK_LINE.match(rest) is not None
    if not line or not stands_alone or line[-1] in ".!?:;\"'\u201d\u2019" or len(line.split()) > MAX_HEADLINE_WORDS:
        return 0
    return offset + len(line)


def dateline_end(text: str, pos: int) -> int:
    """End of the dateline opening the line that holds `pos` (its start when there is none)."""
    start = text.rfind("\n", 0, pos) + 1
    match = _DATELINE.match(text, start)
    return match.end() if match else start


def without_datelines(text: str) -> str:
    """`text` with every line's opening dateline blanked out (offsets kept): the place a story
    was filed from is not one of its parties."""
    chars = list(text)
    for start in [0, *(m.end() for m in re.finditer("\n", text))]:
        match = _DATELINE.match(text, start)
        if match:
            chars[match.start():match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


def in_dateline(token: Token) -> bool:
    """Whether `token` lies in the dateline that opens its line (looks at a few tokens only)."""
    doc, first = token.doc, token.i
    while first > 0 and token.i - first < MAX_DATELINE_TOKENS and "\n" not in doc[first - 1].text_with_ws:
        first -= 1
    if first > 0 and "\n" not in doc[first - 1].text_with_ws:
        return False
    match = _DATELINE.match(doc[first : first + 2 * MAX_DATELINE_TOKENS].text)
    return match is not None and token.idx - doc[first].idx < match.end()


@lru_cache(maxsize=1)  # a Doc hashes by identity: this remembers the latest doc only
def _sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """The token starts and ends of `doc`'s sentences, found once per doc."""
    spans = [(sent.start, sent.end) for sent in doc.sents]
    return [start for start, _ in spans], [end for _, end in spans]


def sentence_of(token: Token) -> tuple[int, int]:
    """The token range of the sentence holding `token`: `token.sent` by bisection, since spaCy
    walks the whole sentence on every `token.sent`, which is slow in a very long one."""
    starts, ends = _sentences(token.doc)
    k = bisect.bisect_right(starts, token.i) - 1
    return starts[k], ends[k]
