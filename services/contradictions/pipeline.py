"""The contradiction worker's two steps as pure functions, shared by its agents and `analyze`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.events import ContradictionEvent, QuoteEvent
from schemas.internal import SubjectClaim
from services.contradictions.claims import read_claims
from services.contradictions.cross import cross_contradictions, remember, within_age
from services.contradictions.detect import find_contradictions, subject_claims
from services.contradictions.pair_model import PairModel


def within_article(article: Article, quotes: Sequence[QuoteEvent], doc: Doc | None, *,
                   work: Counter[str] | None = None) -> tuple[list[ContradictionEvent], list[SubjectClaim]]:
    """Contradictions inside one article, and the claims to compare with other articles.

    `doc` is the article's parse (a bundle's, decoded; or the caller's own); `work` counts what
    was looked at and the bounds hit (see `detect.find_contradictions`).
    """
    read = read_claims(article, quotes)
    return (find_contradictions(article, quotes, doc=doc, work=work, read=read),
            subject_claims(article, doc=doc, sentences=read.sentences))


def across_articles(
    claim: SubjectClaim, prior: Sequence[SubjectClaim], *, model: PairModel,
    max_claims: int, max_age_seconds: float,
) -> tuple[list[ContradictionEvent], list[SubjectClaim]]:
    """Cross-article contradictions of a new claim against the remembered claims of its story key
    that are not too old for it (`cross.within_age`), and the memory with the claim added."""
    current = [c for c in within_age([*prior, claim], max_age_seconds) if c is not claim]
    found = cross_contradictions(claim, current, model=model)
    kept = remember(prior, claim, max_claims=max_claims, max_age_seconds=max_age_seconds)
    return found, kept
