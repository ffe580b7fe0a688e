"""Direct quotations: each quoted span tied to the nearest cue of its sentence.

A quote's cue is the cue verb (or "according to") outside quotation marks that
is nearest to it within the sentences the quote starts and ends in, or in the
sentence that introduces it with a colon. Quotes split around their cue
('"We had many hours," X said, "of talks"') and quotes that carry on after the
attribution in the same paragraph become one quote from the first mark to the
last, as PolNeAR annotates them. Quotes with no cue are kept only when they
stand alone as a sentence; the caller gives them the last speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from services.quotes.attributions import according_to_source, source_of
from services.quotes.cues import is_according_to, is_cue_verb
from services.quotes.layout import sentence_of
from services.quotes.quotemarks import QuoteSpan

MIN_STANDALONE_WORDS = 4
MAX_ATTRIBUTION_CHARS = 200
MAX_STRAY_WORDS = 2
MAX_CUE_AFTER = 8  # tokens of the next sentence searched for a trailing cue
MAX_FRAME_TOKENS = 150  # a quote's cue is looked for at most this far before or after it in its sentence


@dataclass(frozen=True)
class DirectQuote:
    start: int
    end: int
    cue: Token | None
    source: Token | None
    standalone: bool


def quoted_tokens(doc: Doc, quotes: list[QuoteSpan]) -> dict[int, int]:
    """Token index -> index of the quote it lies in (quote marks included)."""
    inside: dict[int, int] = {}
    q = 0
    for token in doc:
        while q < len(quotes) and quotes[q].end <= token.idx:
            q += 1
        if q < len(quotes) and quotes[q].start <= token.idx < quotes[q].end:
            inside[token.i] = q
    return inside


def _token_bounds(doc: Doc, quote: QuoteSpan) -> tuple[int, int] | None:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _frame(doc: Doc, text: str, first: int, last: int) -> tuple[int, int]:
    """Token range of the sentences around a quote, within its paragraph(s).

    The paragraph before counts too when it ends with the colon introducing the quote.
    """
    begin, end = max(sentence_of(doc[first])[0], first - MAX_FRAME_TOKENS), \
        min(sentence_of(doc[last])[1], last + 1 + MAX_FRAME_TOKENS)
    para_start = text.rfind("\n", 0, doc[first].idx) + 1
    before = text[:para_start].rstrip()
    if before.endswith(":"):
        para_start = text.rfind("\n", 0, len(before)) + 1
    para_end = text.find("\n", doc[last].idx)
    para_end = len(text) if para_end < 0 else para_end
    while begin < first and doc[begin].idx < para_start:
        begin += 1
    while end > last + 1 and doc[end - 1].idx >= para_end:
        end -= 1
    return begin, end


def _nearest_cue(doc: Doc, first: int, last: int, frame: tuple[int, int], inside: dict[int, int]) -> Token | None:
    """The nearest cue verb outside quotes; "according to" only when there is no verb."""
    best: tuple[int, int, Token] | None = None
    for i in range(*frame):
        if i in inside:
            continue
        token = doc[i]
        verb = is_cue_verb(token)
        if verb or is_according_to(token):
            rank = (0 if verb else 1, first - i if i < first else i - last)
            if best is None or rank < best[:2]:
                best = (*rank, token)
    return best[2] if best else None


def _cue_after(doc: Doc, text: str, last: int, inside: dict[int, int]) -> Token | None:
    """A cue opening the next sentence of the paragraph when the quote ended its own ('?" he asked.').

    Only a cue with no clause of its own counts: 'Trump said the plan failed.' is a new statement.
    """
    nxt = sentence_of(doc[last])[1]
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    if nxt >= len(doc) or "\n" in text[doc[last].idx : doc[nxt].idx]:
        return None
    for token in doc[nxt : min(sentence_of(doc[nxt])[1], nxt + MAX_CUE_AFTER)]:
        if token.i in inside:
            return None
        if is_cue_verb(token) and not any(c.dep_ in ("ccomp", "dobj") for c in token.children):
            return token
    return None


def _adjacent(doc: Doc, first: int, last: int, cue: Token, source: Token | None) -> bool:
    """Only the cue's own words (its source, modifiers, punctuation) lie between quote and cue."""
    between = range(last + 1, cue.i) if cue.i > last else range(cue.i + 1, first)
    clauses = [c for c in cue.children if c.dep_ in ("ccomp", "conj", "advcl")]

    def own(token: Token) -> bool:  # in the cue's subtree less its clause children, or the source's
        in_cue = (token == cue or cue.is_ancestor(token)) and token not in clauses
        return in_cue or (source is not None and (token == source or source.is_ancestor(token)))

    strays = 0
    for i in between:
        token = doc[i]
        if not token.is_punct and not token.is_space and not own(token):
            strays += 1
            if strays > MAX_STRAY_WORDS:
                return False
    return True


def _source(doc: Doc, text: str, cue: Token, first: int, last: int, inside: dict[int, int]) -> Token | None:
    """The cue's parsed source, else the noun heading the words between quote and cue."""
    source = according_to_source(cue) if is_according_to(cue) else source_of(cue, text)
    if source is not None and source.i not in inside:
        return source
    between = range(last + 1, cue.i) if cue.i > last else range(cue.i + 1, first)
    if cue.i > last and not len(between):
        between = range(cue.i + 1, min(sentence_of(cue)[1], cue.i + 6))  # "..." said Pompeo
    heads = [
        doc[i] for i in between
        if doc[i].pos_ in ("NOUN", "PROPN", "PRON") and doc[i].head.i not in between and i not in inside
    ]
    return heads[0] if heads else None


def attribute_quotes(doc: Doc, text: str, quotes: list[QuoteSpan], inside: dict[int, int]) -> list[DirectQuote]:
    found: list[DirectQuote] = []
    for quote in quotes:
        bounds = _token_bounds(doc, quote)
        if bounds is None or quote.end - quote.start < 3:
            continue
        first, last = bounds[0], bounds[1] - 1
        cue = _nearest_cue(doc, first, last, _frame(doc, text, first, last), inside)
        cue = cue or _cue_after(doc, text, last, inside)
        source = _source(doc, text, cue, first, last, inside) if cue else None
        if cue is not None and not _adjacent(doc, first, last, cue, source):
            cue = source = None
        opens_sentence = all(t.is_punct or t.is_space for t in doc[sentence_of(doc[first])[0] : first])
        words = sum(1 for t in doc[first : last + 1] if t.is_alpha)
        standalone = opens_sentence and words >= MIN_STANDALONE_WORDS
        if words < MIN_STANDALONE_WORDS and not any(c in text[quote.end - 3 : quote.end] for c in ",.?!"):
            cue = source = None  # a quoted phrase, not a statement
        found.append(DirectQuote(quote.start, quote.end, cue, source, standalone))
    return _merge_continuations(text, found)


def _continues(text: str, prev: DirectQuote, quote: DirectQuote) -> bool:
    """`quote` may carry on `prev`: same paragraph, close by, `prev` ends on punctuation."""
    between = text[prev.end : quote.start]
    closing = text[max(prev.start, prev.end - 3) : prev.end]
    return "\n" not in between and len(between) < MAX_ATTRIBUTION_CHARS and any(c in closing for c in ",.?!")


def _merge_continuations(text: str, quotes: list[DirectQuote]) -> list[DirectQuote]:
    """Join a quote to the one before it when only their shared attribution lies between."""
    merged: list[DirectQuote] = []
    for quote in quotes:
        prev = merged[-1] if merged else None
        if prev is not None and prev.cue is not None and _continues(text, prev, quote):
            cue_between = prev.end <= prev.cue.idx < quote.start
            shares_cue = quote.cue is None or quote.cue.i == prev.cue.i
            if cue_between and shares_cue and (quote.cue is not None or quote.standalone):
                merged[-1] = replace(prev, end=quote.end)
                continue
        merged.append(quote)
    return merged
