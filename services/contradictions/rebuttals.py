"""Rebuttals and contrary evidence stated in one sentence of an article.

Recognised wordings (English, rule-based):
- rebuttal: "contrary to <X> reports, <speaker> said ...", "<speaker> denied / rejected /
  dismissed / refuted <X> reports (claims, allegations, rumours) that ...". The reported
  side may have no quote of its own: its claim is the reported span, or what those reports
  said where another sentence says it (`reporters`); its speaker the words before the
  report noun ("South Korean media"), its affiliation a country named there. A denial
  that only points back ("denied the report", "rejected those claims") denies what the
  sentence before reported (`antecedents`). A bare "X denied that ..." or "denied a news
  report" names no other party and is not reported.
Claims held against contrary evidence are in `evidence`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.articles import Article
from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent, QuoteEvent
from services.contradictions.antecedents import Before, denied_antecedent, points_back
from services.contradictions.calibration import rule_confidence
from services.contradictions.claims import (
    contradiction,
    gist,
    resolve_speaker,
    side_of,
    span_claim,
)
from services.contradictions.reporters import REPORT_NOUN, THAT_CLAUSE, reported_speaker, what_was_reported
from services.contradictions.speakers import entity_speaker
from services.contradictions.subjects import topic_of

# "dismissed as false the ministry's claim that ...": the verdict is not part of who reported it.
_AS_VERDICT = r"(?:as\s+(?:false|untrue|baseless|unfounded|groundless|fake|nonsense|wrong|inaccurate|absurd)\s+)?"
_CONTRARY = re.compile(rf"\b[Cc]ontrary to (?P<reported>(?:[\w'\u2019.-]+\s+){{0,4}}?{REPORT_NOUN})\b,?\s*")
_DENIAL = re.compile(
    r"(?P<denier>\b(?:[Tt]he\s+(?:[A-Z][\w.'\u2019-]*\s+){0,3}[a-z][\w-]*|[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}))"
    r"(?:\s+(?:has|have|had|also|flatly|quickly))*"
    r"\s+(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|refutes|disputed|disputes)\s+"
    rf"{_AS_VERDICT}(?P<reported>(?:[\w'\u2019.-]+\s+){{0,4}}?{REPORT_NOUN})\b")
_DENYING_CUE = re.compile(r"^(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted|refutes|disputed"
                          r"|disputes|debunked)$", re.IGNORECASE)
# What may follow a report noun without being its content: the denier's verdict ("as absurd"), a time.
_NOT_CONTENT = r"(?:as|on|this|last|earlier|later|yesterday|today|tonight)\b"
_BEFORE_NOT_CONTENT = re.compile(rf"\s+{_NOT_CONTENT}", re.IGNORECASE)
_REPORTED_CONTENT = re.compile(
    rf"^{_AS_VERDICT}(?P<reported>(?:[\w'\u2019.-]+\s+){{0,5}}?{REPORT_NOUN})\b,?\s+(?:that\s+)?(?!{_NOT_CONTENT})(?P<claim>\S.*)$",
    re.DOTALL)
# "neither confirmed nor denied the rumor", "did not deny the report": no denial.
_NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never|nor|neither|refused\s+to|declined\s+to)|n['\u2019]t)\s+(?:\w+\s+)?$",
                             re.IGNORECASE)
_THAT_OBJECT = re.compile(r"\bthat\s+(?:[\w'\u2019-]+\s+){0,6}?(?:a|an|the|any)\s+(?P<object>[\w-]+)")
_NEGATED_OBJECTS = (  # the indefinite object first: "did not give the king a watch" -> watch
    re.compile(r"\b(?:not|never|n't)\s+(?:[\w'\u2019-]+\s+){0,5}?(?:a|an|any)\s+(?P<object>[\w-]+)"),
    re.compile(r"\b(?:not|never|n't)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:the|his|her|their)\s+(?P<object>[\w-]+)"),
)
_SPEAKER_BEFORE = re.compile(r"(?P<name>\b[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s+"
                             r"(?:said|says|told|insisted|added|stressed|gave)\b")


def rebuttal_subject(denial: str, reported: str, sentence: str) -> str:
    """The thing denied: the object of the negated verb ('did not leave Kim a CD' -> CD), else
    the first object in the reported 'that' clause ('reports that it paid a ransom' -> ransom)."""
    for pattern in _NEGATED_OBJECTS:
        match = pattern.search(denial)
        if match:
            return match.group("object")
    match = _THAT_OBJECT.search(reported)
    return match.group("object") if match else topic_of(sentence) or "report"


def _quote_in(quotes: Sequence[QuoteEvent], start: int, end: int) -> QuoteEvent | None:
    inside = [q for q in quotes if q.content.start >= start and q.content.end <= end and q.speaker]
    return max(inside, key=lambda q: q.content.end - q.content.start, default=None)


def _denier_claim(article: Article, quotes: Sequence[QuoteEvent], start: int, end: int,
                  directory: dict[str, Speaker]) -> Claim | None:
    quote = _quote_in(quotes, start, end)
    if quote is not None:
        return span_claim(article, quote.content.start, quote.content.end, quote.speaker)
    named = _SPEAKER_BEFORE.search(article.text, start, end)
    if named is None:
        return None
    return span_claim(article, named.end(), end, resolve_speaker(named.group("name"), directory))


def _distinct_sides(first: Claim, second: Claim) -> bool:
    sides = side_of(first.speaker), side_of(second.speaker)
    return None in sides or sides[0] != sides[1]


def rebuttals_in(article: Article, sentence: tuple[int, int], quotes: Sequence[QuoteEvent],
                 directory: dict[str, Speaker], reports: Sequence[QuoteEvent],
                 before: Before | None = None) -> list[ContradictionEvent]:
    """Rebuttal events stated in one sentence of `article`; `quotes` are the sentence's quotes,
    `reports` the article's `reporting_quotes`, `before` the sentence before with its quotes."""
    start, end = sentence
    text = article.text
    found: list[ContradictionEvent] = []
    for match in _CONTRARY.finditer(text, start, end):
        reporters = reported_speaker(match.group("reported"))
        reported = (what_was_reported(article, reports, reporters, sentence)
                    or span_claim(article, match.start("reported"), match.end("reported"), reporters))
        denial = _denier_claim(article, quotes, match.end(), end, directory)
        if denial is not None and _distinct_sides(reported, denial):
            found.append(_rebuttal(article, reported, denial, text[start:end]))
    from_quotes = _denied_reports(article, quotes, sentence, before)
    for match in _DENIAL.finditer(text, start, end):
        if any(_overlaps(e.claims[1], match.start("reported"), match.end("reported")) for e in from_quotes):
            continue  # the quote extractor found this denial: one event for it, with its spans
        clause = THAT_CLAUSE.match(text, match.end("reported"), end)
        reported = span_claim(article, clause.end() if clause else match.start("reported"), end,
                              reported_speaker(match.group("reported")))
        speaker = entity_speaker(resolve_speaker(match.group("denier"), directory))
        quote = _quote_in(quotes, start, end)
        denial = (span_claim(article, quote.content.start, quote.content.end, quote.speaker)
                  if quote is not None and quote.content.end <= match.start("reported")
                  else span_claim(article, match.start("denier"), match.start("reported"), speaker))
        named = reported.speaker is not None or clause is not None  # who reported it, or what
        if not named and points_back(match.group("reported")):
            earlier = denied_antecedent(article, match.start("denier"), quotes, before, denial.speaker)
            reported, named = (earlier, True) if earlier is not None else (reported, False)
        if named and denial.speaker is not None and _distinct_sides(reported, denial):
            found.append(_rebuttal(article, reported, denial, text[start:end]))
    return [*found, *from_quotes]


def _overlaps(claim: Claim, start: int, end: int) -> bool:
    return claim.start < end and start < claim.end


def _denied_reports(article: Article, quotes: Sequence[QuoteEvent], sentence: tuple[int, int],
                    before: Before | None) -> list[ContradictionEvent]:
    """'X denied a Daily Herald report that Y', found by the quote extractor as X's quote
    'a Daily Herald report that Y' with the cue 'denied': Y (the Daily Herald's, or nobody's when
    the report names no outlet) against X's denial (the cue through the report's noun). A quote
    'the report' (X denied the report) takes what the report said from before (`antecedents`)."""
    start, end = sentence
    found = []
    for quote in quotes:
        cue, content = quote.cue, quote.content
        if cue is None or not start <= content.start < end or not _DENYING_CUE.match(cue.text):
            continue
        match = _REPORTED_CONTENT.match(content.text)
        denier = entity_speaker(quote.speaker)
        negated = _NEGATED_BEFORE.search(article.text, max(0, cue.start - 40), cue.start)
        if denier is None or cue.start > content.start or negated:
            continue
        if match is not None:
            reported: Claim | None = span_claim(article, content.start + match.start("claim"), content.end,
                                                reported_speaker(match.group("reported")))
            denial = span_claim(article, cue.start, content.start + match.end("reported"), denier)
        elif points_back(_BEFORE_NOT_CONTENT.split(content.text, 1)[0]):  # "dismissed that report as absurd"
            reported = denied_antecedent(article, cue.start, quotes, before, denier)
            denial = span_claim(article, cue.start, content.end, denier)
        else:
            continue
        if reported is not None and _distinct_sides(reported, denial):
            found.append(_rebuttal(article, reported, denial, article.text[start:end]))
    return found


def _rebuttal(article: Article, reported: Claim, denial: Claim, sentence: str) -> ContradictionEvent:
    subject = rebuttal_subject(denial.text, reported.text, sentence)
    who = denial.speaker.name if denial.speaker else "someone"
    whom = f"{reported.speaker.name} reported" if reported.speaker else "was reported"
    about = "" if subject == "report" else f" about the {subject}"
    if subject == "report":
        subject = gist(reported.text, 6)
    if re.fullmatch(rf"(?:[\w'\u2019.-]+\s+){{0,5}}?{REPORT_NOUN}", reported.text):  # only "media reports"
        explanation = f"{who} denies what {whom}{about}, saying \"{gist(denial.text)}\""
    else:
        explanation = f"{who} denies what {whom}{about}: \"{gist(reported.text)}\""
    return contradiction(article, "rebuttal", subject, (reported, denial), rule_confidence("rebuttal"),
                         explanation)
