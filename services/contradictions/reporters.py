"""Who reported what: the reporters a rebuttal names, and what they said where the article says it.

"South Korean media reports" names South Korean media (South Korea); "a newspaper's report"
names nobody. When a rebuttal says "contrary to Brazilian media reports" and another sentence
says "Several Brazilian newspapers reported that ...", that content is what was reported: a
quote with a reporting cue whose speaker is on the reporters' side (same country or
organisation), the nearest one. Used by `rebuttals`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.articles import Article
from schemas.common import Speaker
from schemas.events import Claim, QuoteEvent
from services.common.countries import canonical_country
from services.contradictions.claims import side_of, span_claim
from services.contradictions.speakers import entity_speaker
from services.contradictions.subjects import countries_in

REPORT_NOUN = (r"(?:reports?|reporting|claims?|allegations?|accusations?|accounts?|rumou?rs?"
               r"|suggestions?|assertions?|speculation)")
_REPORT_WORDS = re.compile(rf"\b(?:a|an|the|these|those|such|{REPORT_NOUN})\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
THAT_CLAUSE = re.compile(r"\s*,?\s*that\s+")  # used with match(text, pos): no "^", which only matches at 0
_NAMELESS = frozenset({"news", "media", "press", "recent", "earlier", "new", "unconfirmed", "some", "many",
                       "several", "widespread", "initial", "false", "online", "social", "local"})
_REPORTING_CUE = re.compile(r"^(?:reported|reports|report|reporting)$", re.IGNORECASE)


def reported_speaker(phrase: str) -> Speaker | None:
    """Who made a report: 'South Korean media reports' -> South Korean media (South Korea);
    None when the phrase names nobody ('a newspaper's report': no entity)."""
    name = " ".join(_REPORT_WORDS.sub(" ", _POSSESSIVE.sub("", phrase)).split())
    if not name or all(word.lower() in _NAMELESS for word in name.split()):
        return None
    countries = countries_in(name)
    affiliation = next(iter(countries), None) or canonical_country(name)
    if canonical_country(name) not in (None, name):  # 'Israeli reports' are Israeli media's
        name = f"{name} media"
    elif not any(word[:1].isupper() for word in name.split()):
        return None  # 'newspaper', 'tabloid': a kind of outlet, not a named one
    return entity_speaker(Speaker(name=name, affiliation=affiliation))


def reporting_quotes(quotes: Sequence[QuoteEvent]) -> list[QuoteEvent]:
    """The quotes that say what someone reported ("Brazilian newspapers reported that ...")."""
    return [q for q in quotes if q.cue is not None and q.speaker is not None and _REPORTING_CUE.match(q.cue.text)]


def what_was_reported(article: Article, reports: Sequence[QuoteEvent], reporters: Speaker | None,
                      sentence: tuple[int, int]) -> Claim | None:
    """What `reporters` reported, where another sentence says it: the content of the nearest
    reporting quote whose speaker is on their side, under their name (the one the rebuttal
    uses); None when their side is unknown or no such quote exists."""
    side = side_of(reporters)
    if side is None:
        return None
    start, end = sentence
    same_side = [q for q in reports
                 if not start <= q.content.start < end and side_of(entity_speaker(q.speaker)) == side]
    if not same_side:
        return None
    quote = min(same_side, key=lambda q: abs(q.content.start - start))
    clause = THAT_CLAUSE.match(article.text, quote.content.start, quote.content.end)
    return span_claim(article, clause.end() if clause else quote.content.start, quote.content.end, reporters)
