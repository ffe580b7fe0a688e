"""Claims built from quotes: who said it, for which side, about what, and how they judged it."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from schemas.articles import Article
from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent, ContradictionKind, QuoteEvent
from services.common.countries import canonical_country, canonical_name
from services.contradictions.polarity import Evaluation, evaluation
from services.contradictions.speakers import entity_speaker
from services.contradictions.subjects import topic_of

_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?][\"”\u2019']?(?=\s)|\n")
_NOT_ASSERTED = re.compile(r"^\W*(?:if|unless|whether|why|how|what|when|who|should|would|could)\b", re.IGNORECASE)
_ASKING_CUES = ("ask", "wonder", "question", "inquir")
TOPIC_CONTEXT = 300  # characters of a quote's sentence, each side, read for its topic


@dataclass(frozen=True)
class QuoteClaim:
    """A quote seen as a claim: its side is the country or organisation it speaks for."""

    claim: Claim
    side: str | None
    sentence: tuple[int, int]
    topic: str | None
    content: str  # the quote's content as extracted (the claim's text may be trimmed of punctuation)
    cue: str | None = None
    direct: bool = False

    @functools.cached_property
    def judgement(self) -> Evaluation:
        """How the content judges (VADER); computed when a detector first asks, as few do."""
        return evaluation(self.content)


def is_assertion(content: str, cue: str | None) -> bool:
    """False for questions, reported questions, conditionals and hypotheticals: "if ...",
    "whether ...", a content ending in "?", or a cue of asking ("asked", "wondered")."""
    if content.rstrip(" \"”\u2019'").endswith("?") or _NOT_ASSERTED.match(content):
        return False
    return cue is None or not cue.lower().startswith(_ASKING_CUES)


class SentenceIndex:
    """The sentence spans of one text, found once; lookups by bisection."""

    def __init__(self, text: str) -> None:
        self.spans = sentences(text)
        self._starts = [s for s, _ in self.spans]

    def index_of(self, offset: int) -> int:
        """The number of the sentence holding `offset` (the one before it, between sentences)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or sentences) around text[start:end]."""
        if not self.spans:
            return start, end
        first, last = self.spans[self.index_of(start)], self.spans[self.index_of(max(start, end - 1))]
        return min(first[0], start), max(last[1], end)


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans of `text` (same splitter as `sentence_bounds`), blank ones dropped."""
    spans, left = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((left, match.end()))
        left = match.end()
    spans.append((left, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]


def side_of(speaker: Speaker | None) -> str | None:
    """The side a speaker speaks for: the canonical affiliation, else a country speaker's name."""
    if speaker is None:
        return None
    if speaker.affiliation:
        return canonical_name(speaker.affiliation)
    return canonical_country(speaker.name) or canonical_name(speaker.name)


def gist(text: str, words: int = 14) -> str:
    """The first `words` words of a claim, quote marks and end punctuation trimmed, for explanations."""
    kept = text.strip(" \"\u201c\u201d'.,").split()
    return " ".join(kept[:words]) + (" ..." if len(kept) > words else "")


def span_claim(article: Article, start: int, end: int, speaker: Speaker | None) -> Claim:
    """A claim over article.text[start:end], whitespace trimmed, offsets kept exact."""
    while start < end and article.text[start].isspace():
        start += 1
    while end > start and article.text[end - 1].isspace():
        end -= 1
    return Claim(article_id=article.id, start=start, end=end, text=article.text[start:end],
                 speaker=speaker, source=article.source)


def quote_claim(article: Article, quote: QuoteEvent, index: SentenceIndex | None = None) -> QuoteClaim:
    """Build the claim of one quote; its topic is the one its content names, else its sentence's.

    The content comes first: in "X called the agreement a breakthrough and said the
    negotiations were productive" the first quote is about the deal, not the talks.
    """
    content = quote.content
    speaker = entity_speaker(quote.speaker)
    claim = span_claim(article, content.start, content.end, speaker)
    index = index or SentenceIndex(article.text)
    sentence = index.around(content.start, content.end)
    around = max(sentence[0], content.start - TOPIC_CONTEXT), min(sentence[1], content.end + TOPIC_CONTEXT)
    topic = topic_of(content.text) or topic_of(article.text[around[0]:around[1]])
    return QuoteClaim(claim=claim, side=side_of(speaker), sentence=sentence, topic=topic,
                      content=content.text, cue=quote.cue.text if quote.cue else None,
                      direct=quote.direct)


def quote_claims(article: Article, quotes: Sequence[QuoteEvent],
                 index: SentenceIndex | None = None) -> list[QuoteClaim]:
    """Claims for the quotes of `article` with non-empty content, in text order.

    Raises ValueError when a quote belongs to another article or its offsets do not
    index `article.text`: mismatched inputs are a caller bug, not something to guess around.
    """
    claims = []
    index = index or SentenceIndex(article.text)
    for quote in sorted(quotes, key=lambda q: (q.content.start, q.content.end)):
        if quote.article_id != article.id:
            raise ValueError(f"quote {quote.event_id} belongs to {quote.article_id}, not {article.id}")
        content = quote.content
        if article.text[content.start:content.end] != content.text:
            raise ValueError(f"quote {quote.event_id} content does not match the article text")
        if content.text.strip() and is_assertion(content.text, quote.cue.text if quote.cue else None):
            claims.append(quote_claim(article, quote, index))
    return claims


class ArticleClaims(NamedTuple):
    """An article's sentences and the claims of its quotes, read once for every detector."""

    sentences: SentenceIndex
    claims: list[QuoteClaim]


def read_claims(article: Article, quotes: Sequence[QuoteEvent]) -> ArticleClaims:
    index = SentenceIndex(article.text)
    return ArticleClaims(index, quote_claims(article, quotes, index))


def known_speakers(quotes: Sequence[QuoteEvent]) -> dict[str, Speaker]:
    """Speakers of the article's quotes by full name and by surname, to resolve bare names."""
    directory: dict[str, Speaker] = {}
    for quote in quotes:
        if quote.speaker is not None:
            directory.setdefault(quote.speaker.name.split()[-1], quote.speaker)
            directory[quote.speaker.name] = quote.speaker
    return directory


def resolve_speaker(name: str, directory: dict[str, Speaker]) -> Speaker:
    """The quoted speaker `name` refers to (full name or surname), else a bare speaker."""
    found = directory.get(name) or directory.get(name.split()[-1])
    if found is not None:
        return found
    return Speaker(name=name, affiliation=canonical_country(name))


def contradiction(article: Article, kind: ContradictionKind, subject: str, pair: tuple[Claim, Claim],
                  confidence: float, explanation: str) -> ContradictionEvent:
    """A contradiction event with its deterministic, order-independent id."""
    first, second = pair
    return ContradictionEvent(
        event_id=ContradictionEvent.make_id(kind, first, second), article_id=article.id, kind=kind,
        subject=subject, claims=(first, second), confidence=round(min(1.0, max(0.0, confidence)), 4),
        explanation=explanation)
