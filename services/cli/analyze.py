"""`counterclaim analyze` and `counterclaim compare`: the scored contract, no Kafka (see EVAL.md)."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO

from pydantic import BaseModel, ValidationError

from schemas.articles import Article
from schemas.internal import SubjectClaim
from services.common.nlp import FULL_PARSE, load_nlp, parse_texts
from services.common.settings import Settings
from services.contradictions.compare import judge_pair, load_judge
from services.contradictions.pipeline import across_articles, within_article
from services.contradictions.positions import load_cross_model
from services.entities.extract import extract_entities
from services.quotes.extract import extract_quotes

log = logging.getLogger(__name__)
BATCH = 32


def analyze(lines: Iterable[str], out: IO[str], settings: Settings) -> int:
    """Write every event the workers would publish for the articles in `lines`; returns bad-line count."""
    nlp = load_nlp(FULL_PARSE)  # one parse serves both cores: NER does not read the parser's output
    model = load_cross_model()
    memory: dict[str, list[SubjectClaim]] = defaultdict(list)
    bad = 0
    articles = _valid_articles(lines)
    while batch := list(islice(articles, BATCH)):
        good = [a for a in batch if isinstance(a, Article)]
        bad += len(batch) - len(good)
        for article, doc in zip(good, parse_texts(nlp, [a.text for a in good]), strict=True):
            quotes = extract_quotes(doc, article_id=article.id)
            events: list[BaseModel] = [*extract_entities(doc, article_id=article.id), *quotes]
            found, claims = within_article(article, quotes, doc)
            events += found
            for claim in claims:
                crossed, memory[claim.subject] = across_articles(
                    claim, memory[claim.subject], model=model, max_claims=settings.claim_memory,
                    max_age_seconds=settings.claim_max_age_seconds)
                events += crossed
            out.writelines(event.model_dump_json() + "\n" for event in events)
        out.flush()
    return bad


def compare(lines: Iterable[str], out: IO[str]) -> int:
    """Judge each `{"id", "a", "b"}` pair: does b contradict, deny or undermine a?"""
    judge = load_judge()
    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pair = json.loads(line)
            pair_id, a, b = str(pair["id"]), str(pair["a"]), str(pair["b"])
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            log.error("line %d: expected {\"id\", \"a\", \"b\"}: %s", number, error)
            bad += 1
            continue
        contradiction, score = judge_pair(judge, a, b)
        out.write(json.dumps({"id": pair_id, "contradiction": contradiction, "score": score}) + "\n")
    out.flush()
    return bad


def _valid_articles(lines: Iterable[str]) -> Iterator[Article | None]:
    hinted = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield Article.model_validate_json(line)
        except ValidationError as error:
            log.error("line %d: not a valid article: %s", number, error.errors()[0]["msg"])
            if not hinted and error.errors()[0]["type"] == "json_invalid":
                hinted = True
                log.error('analyze reads one JSON article per line ({"id": ..., "text": ...}); '
                          "for a story in plain text, pass it as --input STORY.txt")
            yield None
