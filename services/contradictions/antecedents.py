"""What "denied the report" denies: the report an earlier sentence gave.

News often says what was reported, then in the next sentence that someone denied it:
"The Financial Times reported that BuzzFeed missed its targets. BuzzFeed denied the report,
saying ...". The denial names no content ("the report", "those claims", "the accusation"), so the
content is found before it: the last quote (not the denier's own) in the denial's sentence
before the denial, else in the sentence before. A sentence without such a quote gives nothing:
taken whole as the report, the sentence before was right 4 times in 14 on train articles (it is
often the denier's own side, or a fragment where the splitter cut at "Mr."), against about two
in three for a quote. Limits: one sentence back only (a report stated further away is not
found), and no check that the quote is the thing denied rather than its neighbour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from schemas.articles import Article
from schemas.common import Speaker
from schemas.events import Claim, QuoteEvent
from services.contradictions.claims import is_assertion, span_claim
from services.contradictions.reporters import REPORT_NOUN, THAT_CLAUSE
from services.contradictions.speakers import entity_speaker, same_speaker

# "the report", "those allegations", "these unfounded claims": a report named only by pointing back.
_POINTING_BACK = re.compile(rf"(?:the|those|these|such|this|that)\s+(?:[\w'\u2019-]+\s+){{0,2}}?{REPORT_NOUN}",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Before:
    """The sentence before a denial's sentence (its span), and the quotes whose content starts there."""

    span: tuple[int, int]
    quotes: Sequence[QuoteEvent]


def points_back(phrase: str) -> bool:
    """True when `phrase` ('the report', 'those claims') names a report by pointing back to it."""
    return _POINTING_BACK.fullmatch(phrase.strip()) is not None


def denied_antecedent(article: Article, denial_start: int, here: Sequence[QuoteEvent], before: Before | None,
                      denier: Speaker | None) -> Claim | None:
    """The claim a pointing-back denial at `denial_start` denies (see the module docstring);
    `here` are the quotes of the denial's own sentence."""
    found = _last_of_another(here, denier, denial_start)
    if found is None and before is not None:
        found = _last_of_another(before.quotes, denier, denial_start)
    if found is None:
        return None
    clause = THAT_CLAUSE.match(article.text, found.content.start, found.content.end)
    return span_claim(article, clause.end() if clause else found.content.start, found.content.end,
                      entity_speaker(found.speaker))


def _last_of_another(quotes: Sequence[QuoteEvent], denier: Speaker | None, until: int) -> QuoteEvent | None:
    """The quote ending last before `until` that asserts something and is not the denier's."""
    others = [q for q in quotes if q.content.end <= until and q.content.text.strip()
              and is_assertion(q.content.text, q.cue.text if q.cue else None)
              and not same_speaker(entity_speaker(q.speaker), denier)]
    return max(others, key=lambda q: q.content.end, default=None)
