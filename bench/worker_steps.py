"""CPU per article of each step of each worker, in one process, without Kafka.

    .venv/bin/python -m bench.worker_steps [--articles 200]

Runs the steps the three workers run on the bench articles (FNC-1 bodies when present),
one step at a time over all articles, and prints CPU ms per article for each: what the
workers' own cost around the parse is made of. Producing and consuming (aiokafka, the
broker) are not in it; `bench/pipeline.py` measures those as whole processes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

import spacy

from bench.bench_articles import load_texts
from schemas.articles import Article
from schemas.internal import QuotedArticle, StoryClaims, SubjectClaim
from services.common.docs import blank_vocab, decode_doc, encode_doc
from services.common.nlp import FULL_PARSE, MODEL_PACKAGE, PIPE_BATCH_CHARS, PIPE_BATCH_SIZE, load_nlp, parse_texts
from services.contradictions.pipeline import across_articles, within_article
from services.contradictions.positions import load_cross_model
from services.entities.extract import extract_entities
from services.quotes.extract import extract_quotes

T = TypeVar("T")
R = TypeVar("R")


def timed(rows: list[tuple[str, float]], label: str, count: int, step: Callable[[], T]) -> T:
    """Run `step`, append its CPU ms per article to `rows`, return its result."""
    started = time.process_time()
    result = step()
    rows.append((label, (time.process_time() - started) * 1000 / count))
    return result


def each(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    return [function(item) for item in items]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    texts, source = load_texts(args.articles)
    n = len(texts)
    raw = [Article(id=f"a{i}", text=text).model_dump_json().encode() for i, text in enumerate(texts)]
    stock, nlp, vocab = spacy.load(MODEL_PACKAGE), load_nlp(FULL_PARSE), blank_vocab()
    for model in (stock, nlp):
        list(model.pipe(texts[:8], batch_size=PIPE_BATCH_SIZE))
    rows: list[tuple[str, float]] = []
    timed(rows, "bare parse (stock model, nlp.pipe batch 64)", n, lambda: list(stock.pipe(texts, batch_size=64)))
    articles = timed(rows, "quotes: decode and validate article JSON", n,
                     lambda: each(Article.model_validate_json, raw))
    docs = timed(rows, f"quotes: parse (load_nlp, parse_texts: {PIPE_BATCH_SIZE} texts, {PIPE_BATCH_CHARS} chars)", n,
                 lambda: list(parse_texts(nlp, [a.text for a in articles])))
    quotes = timed(rows, "quotes: extract_quotes", n,
                   lambda: [extract_quotes(d, article_id=a.id) for a, d in zip(articles, docs, strict=True)])
    parses = timed(rows, "quotes: encode parse (DocBin, base64)", n, lambda: each(encode_doc, docs))
    bundles = [QuotedArticle(article=a, quotes=tuple(q), parse=p)
               for a, q, p in zip(articles, quotes, parses, strict=True)]
    quote_json = timed(rows, "quotes: quote events to JSON", n,
                       lambda: [[q.model_dump_json().encode() for q in qs] for qs in quotes])
    encoded = timed(rows, "quotes: bundle to JSON", n, lambda: [b.model_dump_json().encode() for b in bundles])
    timed(rows, "entities + contradictions: bundle JSON decode and validate (each)", n,
          lambda: each(QuotedArticle.model_validate_json, encoded))
    decoded = timed(rows, "entities + contradictions: decode parse (each)", n,
                    lambda: [decode_doc(b.parse, vocab) for b in bundles])
    pairs = list(zip(bundles, decoded, strict=True))
    entities = timed(rows, "entities: extract_entities", n,
                     lambda: [extract_entities(d, article_id=b.article.id) for b, d in pairs])
    entity_json = timed(rows, "entities: events to JSON", n,
                        lambda: [[e.model_dump_json().encode() for e in es] for es in entities])
    found = timed(rows, "contradictions: within_article", n,
                  lambda: [within_article(b.article, b.quotes, d) for b, d in pairs])
    claims = [c for _, cs in found for c in cs]
    filed = [StoryClaims(subject=key, claims=tuple(c for c in cs if c.subject == key))
             for _, cs in found for key in dict.fromkeys(c.subject for c in cs)]
    encoded_claims = timed(rows, "contradictions: subject claims to JSON", n,
                           lambda: [message.model_dump_json().encode() for message in filed])
    model, memory = load_cross_model(), dict[str, list[SubjectClaim]]()

    def across() -> None:
        for data in encoded_claims:
            message = StoryClaims.model_validate_json(data)
            for claim in message.claims:
                _, memory[claim.subject] = across_articles(claim, memory.get(claim.subject, []), model=model,
                                                           max_claims=50, max_age_seconds=7 * 86400)
    timed(rows, f"contradictions: across ({len(claims) / n:.1f} claims/article, decode included)", n, across)
    width = max(len(label) for label, _ in rows)
    print(f"{n} articles from {source}; CPU ms per article")
    for label, ms in rows:
        print(f"  {label:<{width}}  {ms:6.2f}")
    events = [e.model_dump_json().encode() for found_events, _ in found for e in found_events]
    print("bytes per article on each topic (message values; messages per article)")
    for topic, messages in (("raw-articles", raw), ("quotes", [m for ms in quote_json for m in ms]),
                            ("quoted-articles", encoded), ("entities", [m for ms in entity_json for m in ms]),
                            ("subject-claims", encoded_claims), ("contradictions", events)):
        print(f"  {topic:<16} {sum(map(len, messages)) / n:8.0f}  ({len(messages) / n:.1f})")


if __name__ == "__main__":
    main()
