"""Who said what in an article: the pure core of the quote worker.

`extract_quotes(doc, article_id=...)` joins two finders: quotation marks tied to
their nearest cue (services.quotes.direct) and reported speech from the parse
(services.quotes.attributions). Where both find the same statement, the quote
wins; a short quote inside a longer paraphrase ('described the talks as
"productive"') stays part of the paraphrase. Speakers are then resolved in
reading order, so pronouns and "the statement" can refer back; a side found for
a speaker once holds for all of their quotes in the article.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from schemas.common import Span, Speaker
from schemas.events import QuoteEvent
from services.quotes.attributions import Found, find_reported
from services.quotes.direct import DirectQuote, attribute_quotes, quoted_tokens
from services.quotes.quotemarks import QuoteSpan, find_quotes
from services.quotes.sides import mention_side
from services.quotes.speakers import SpeakerResolver, mention_span

PARTIAL_SHARE = 0.7  # a quote below this share of an enclosing paraphrase is only part of it
SLACK = 3  # characters a paraphrase may stop short of the closing quote mark
INHERIT_WITHIN = 1500  # characters: how far back a cue-less quote looks for the last speaker


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    cue: Token | None
    source: Token | None
    direct: bool


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _snap(content: tuple[int, int], marks: list[QuoteSpan], mark_starts: list[int]) -> tuple[int, int]:
    """Widen a paraphrase to the quote marks it cuts through at either edge. `marks` are in text
    order (`find_quotes`), `mark_starts` their starts: only marks starting from `SLACK` before the
    paraphrase to its end can apply, so only those are looked at."""
    start, end = content
    first = bisect.bisect_left(mark_starts, start - SLACK)
    last = bisect.bisect_left(mark_starts, end, lo=first)
    for mark in marks[first:last]:
        if mark.start < start < mark.end <= end and start - mark.start <= SLACK:
            start = mark.start
        if start <= mark.start < end < mark.end and mark.end - end <= SLACK:
            end = mark.end
    return start, end


def _overlap_index(quotes: list[DirectQuote]) -> Callable[[int, int], list[int]]:
    """A lookup of the quotes that overlap a span, in their list order: bisection on the starts,
    then back only as far as an earlier quote can still reach, so each lookup costs the quotes
    it finds (plus a logarithm), not the article's number of quotes."""
    order = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
    starts = [quotes[i].start for i in order]
    reach: list[int] = []  # reach[k]: the furthest end among order[0..k]
    for i in order:
        reach.append(max(quotes[i].end, reach[-1] if reach else 0))

    def overlapping(start: int, end: int) -> list[int]:
        found = []
        k = bisect.bisect_left(starts, end) - 1
        while k >= 0 and reach[k] > start:
            if quotes[order[k]].end > start:
                found.append(order[k])
            k -= 1
        return sorted(found)

    return overlapping


def _reconcile(quotes: list[DirectQuote], reported: list[Found], marks: list[QuoteSpan]) -> list[_Candidate]:
    """Quotes and paraphrases, each statement once."""
    partial: set[int] = set()
    kept_reported: list[Found] = []
    overlapping = _overlap_index(quotes)
    mark_starts = [mark.start for mark in marks]
    for found in reported:
        found = replace(found, content=_snap(found.content, marks, mark_starts))
        start, end = found.content
        duplicate = False
        for index in overlapping(start, end):
            quote = quotes[index]
            shared = _overlap(found.content, (quote.start, quote.end))
            if not shared:
                continue
            own_cue_inside = quote.cue is not None and start <= quote.cue.idx < end
            inside = quote.start >= start and quote.end <= end + SLACK
            if own_cue_inside or (not inside and shared >= 0.5 * (end - start)):
                duplicate = True
            elif inside and quote.end - quote.start <= PARTIAL_SHARE * (end - start):
                partial.add(index)
            elif shared >= 0.5 * (end - start):
                duplicate = True
        if not duplicate:
            kept_reported.append(found)
    candidates = [
        _Candidate(q.start, q.end, q.cue, q.source, True)
        for i, q in enumerate(quotes)
        if i not in partial and (q.cue is not None or q.standalone)
    ]
    candidates += [_Candidate(f.content[0], f.content[1], f.cue, f.source, False) for f in kept_reported]
    return sorted(candidates, key=lambda c: (c.start, -c.end))


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _build_events(
    doc: Doc, text: str, article_id: str, candidates: list[_Candidate], quoted: Callable[[Token], bool]
) -> list[QuoteEvent]:
    resolver = SpeakerResolver(doc, quoted)
    events: list[QuoteEvent] = []
    seen: set[tuple[int, int]] = set()
    last: tuple[int, Speaker, Span | None] | None = None
    for cand in candidates:
        if (cand.start, cand.end) in seen:
            continue
        seen.add((cand.start, cand.end))
        mention = speaker = None
        if cand.source is not None:
            words = mention_span(cand.source)
            name = resolver.resolve(words, cand.source)
            side = mention_side(words, resolver.ents_in, resolver.orgs) or resolver.context_side(name)
            speaker = Speaker(name=name, affiliation=side)
            resolver.remember(cand.source, name, side)
            mention = _span(text, words.start_char, words.end_char)
        elif cand.cue is None and last is not None and cand.start - last[0] <= INHERIT_WITHIN:
            _, speaker, mention = last
        if speaker is not None:
            last = (cand.end, speaker, mention)
        cue = _span(text, cand.cue.idx, cand.cue.idx + len(cand.cue.text)) if cand.cue is not None else None
        content = _span(text, cand.start, cand.end)
        events.append(
            QuoteEvent(
                event_id=QuoteEvent.make_id(article_id, content),
                article_id=article_id,
                content=content,
                cue=cue,
                speaker_mention=mention,
                speaker=speaker,
                direct=cand.direct,
            )
        )
    return _share_sides(events)


def _share_sides(events: list[QuoteEvent]) -> list[QuoteEvent]:
    """A speaker's side, once known anywhere in the article, holds for all their quotes.

    The per-article map is speaker name -> the first side found for that name.
    """
    sides: dict[str, str] = {}
    for event in events:
        if event.speaker is not None and event.speaker.affiliation is not None:
            sides.setdefault(event.speaker.name, event.speaker.affiliation)
    return [
        event.model_copy(update={"speaker": Speaker(name=event.speaker.name, affiliation=sides[event.speaker.name])})
        if event.speaker is not None and event.speaker.affiliation is None and event.speaker.name in sides
        else event
        for event in events
    ]


def extract_quotes(doc: Doc, *, article_id: str) -> list[QuoteEvent]:
    """Every attributed statement of `doc`, sorted by content start, one event per content span.

    `doc` must come from the full pipeline (parser, lemmatizer, ner). Pure: no
    I/O and no state kept between calls; odd input (no text, unbalanced quote
    marks) yields fewer events, never an exception.
    """
    text = doc.text
    if not text.strip():
        return []
    quotes = find_quotes(text)
    inside = quoted_tokens(doc, quotes)
    direct = attribute_quotes(doc, text, quotes, inside)
    reported = find_reported(doc, text, set(inside))
    return _build_events(doc, text, article_id, _reconcile(direct, reported, quotes), lambda t: t.i in inside)
