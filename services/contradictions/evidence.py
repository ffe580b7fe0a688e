"""Claims held against contrary evidence stated in the same sentence.

Recognised wordings (English, rule-based), with `<speaker> said / insisted / gave
assurances / maintained ... that <claim>`:
- "<speaker> ... that <claim>, despite | in spite of | even as | although | even though <evidence>";
- "Despite | In spite of | Although ... <evidence>, <speaker> ... that <claim>".
The evidence is a noun phrase of up to three modifiers and an evidence noun. Direct
evidence (images, footage, data, documents ...) after "despite" / "in spite of" stands
alone, as in "despite satellite images of new halls"; report-like nouns (reports, figures,
studies, tests ...) and every clause after "even as" / "although", or before the claim,
also need a verb of showing within a few words ("reports showing", "figures released on
Monday suggest"), since "despite reports of unrest" or "although the data are old" state
no contrary finding. Limits: the speaker must be a capitalised name; one sentence only.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent
from services.contradictions.calibration import rule_confidence
from services.contradictions.claims import contradiction, gist, resolve_speaker, span_claim
from services.contradictions.heads import head_noun
from services.contradictions.subjects import topic_of

DIRECT_NOUNS = ("images", "imagery", "evidence", "photos", "photographs", "footage", "data", "documents",
                "records", "findings", "pictures", "intelligence")
REPORT_NOUNS = ("reports", "report", "figures", "statistics", "studies", "study", "surveys", "survey",
                "tests", "results", "measurements", "readings", "analysis", "analyses", "assessments",
                "assessment", "inspections", "audits", "audit", "estimates", "scans", "samples")
_NOUNS = "|".join(sorted(DIRECT_NOUNS + REPORT_NOUNS, key=len, reverse=True))
_CONCESSIVE = r"despite|in spite of|even as|although|even though"
_EVIDENCE = re.compile(
    rf"\b(?P<conn>{_CONCESSIVE})\s+(?P<evidence>(?:[\w'\u2019-]+\s+){{0,3}}?(?P<noun>{_NOUNS})\b)"
    r"(?P<rest>[^;]*)", re.IGNORECASE)
_SHOWING = re.compile(
    r"^(?:[\s,]+[\w'\u2019-]+){0,5}?\s+(?:that\s+|which\s+)?(?:showing|shows?|showed|shown|indicating"
    r"|indicates?|indicated|suggesting|suggests?|suggested|revealing|reveals?|revealed|pointing to"
    r"|points? to|pointed to|confirming|confirms?|confirmed|documenting|found|finding|detailing)\b",
    re.IGNORECASE)
_ASSURANCE = re.compile(
    r"(?P<name>\b[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s+(?:said|says|insisted|insists|assured"
    r"|gave assurances|claimed|claims|maintained|maintains|told reporters|argued|stressed)"
    r"(?:\s+\w+){0,3}?\s+that\s+")
_TRAILING = " \t\n,;:.!?-\u2013\u2014"


def _trimmed(article: Article, start: int, end: int, speaker: Speaker | None) -> Claim:
    while end > start and article.text[end - 1] in _TRAILING:
        end -= 1
    return span_claim(article, start, end, speaker)


def _needs_showing(match: re.Match[str], preposed: bool) -> bool:
    direct_conn = match.group("conn").lower() in ("despite", "in spite of")
    return preposed or not direct_conn or match.group("noun").lower() in REPORT_NOUNS


def _event(article: Article, claim: Claim, evidence: Claim, doc: Doc | None) -> ContradictionEvent:
    subject = (topic_of(claim.text) or topic_of(evidence.text)
               or head_noun(doc, claim.start, claim.end) or "claim")
    who = claim.speaker.name if claim.speaker else "someone"
    explanation = f'{who} says "{gist(claim.text)}", against "{gist(evidence.text)}"'
    return contradiction(article, "evidence", subject, (claim, evidence), rule_confidence("evidence"), explanation)


def evidence_in(article: Article, sentence: tuple[int, int], directory: dict[str, Speaker],
                doc: Doc | None = None) -> list[ContradictionEvent]:
    """Evidence events: an attributed claim held despite contrary images, data or reports (`doc`: its parse)."""
    start, end = sentence
    text = article.text
    found = []
    for match in _EVIDENCE.finditer(text, start, end):
        before = list(_ASSURANCE.finditer(text, start, match.start()))
        after = None if before else _ASSURANCE.search(text, match.end("noun"), end)
        if (not before and after is None) or (
                _needs_showing(match, after is not None) and not _SHOWING.match(match.group("rest"))):
            continue
        assurance = before[-1] if before else after
        assert assurance is not None
        speaker = resolve_speaker(assurance.group("name"), directory)
        if before:
            claim = _trimmed(article, assurance.end(), match.start(), speaker)
            evidence = _trimmed(article, match.start("evidence"), end, None)
        else:
            claim = _trimmed(article, assurance.end(), end, speaker)
            evidence = _trimmed(article, match.start("evidence"), assurance.start(), None)
        if claim.text and evidence.text:
            found.append(_event(article, claim, evidence, doc))
    return found
