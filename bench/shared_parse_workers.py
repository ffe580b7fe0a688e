"""EXPERIMENT (bench only): one shared parse instead of one per worker.

A `parse` worker runs the full pipeline once per article and publishes the Doc as
DocBin bytes on an internal topic; `entities` and `quotes` workers read that topic
and only extract. The contradiction worker is unchanged. Started by
`bench/pipeline.py --shared-parse` as

    python bench/shared_parse_workers.py parse|entities|quotes
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pydantic import BaseModel
from spacy.language import Language

from bench.bench_pool import ParsePool
from schemas.articles import Article
from schemas.internal import QuotedArticle
from services.common.app import WorkerApp
from services.common.docs import blank_vocab, decode_doc, encode_doc
from services.common.metrics import WorkerMetrics
from services.common.nlp import FULL_PARSE
from services.common.settings import Settings, load_settings
from services.common.stream import Outgoing, run_batches
from services.common.worker import make_edge, run_worker
from services.entities.extract import extract_entities
from services.quotes.extract import extract_quotes

PARSE_PROCESSES = 2  # the parse is most of the work: it gets both cores
PARSED_TOPIC = os.environ.get("BENCH_TOPIC_PARSED", "parsed-articles")


class ParsedArticle(BaseModel):
    article: Article
    doc: str  # services.common.docs.encode_doc: base64 of DocBin bytes


def parsed_outputs(nlp: Language, articles: Sequence[Article], *, topic: str) -> list[list[Outgoing]]:
    """In a pool child: parse each article and serialise its Doc."""
    outputs = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        parsed = ParsedArticle(article=article, doc=encode_doc(doc))
        outputs.append([Outgoing(topic, article.id, parsed.model_dump_json().encode())])
    return outputs


def build_parse(app: WorkerApp, settings: Settings, metrics: WorkerMetrics) -> list[str]:
    from functools import partial

    pool = ParsePool(FULL_PARSE, PARSE_PROCESSES)
    edge = make_edge(app, settings, metrics, "parse", Article)
    work = partial(parsed_outputs, topic=PARSED_TOPIC)

    async def handle(articles: Sequence[Article]) -> list[list[Outgoing]]:
        return await pool.run(work, articles, size=lambda article: len(article.text))

    @app.agent(app.topic(settings.topics.raw), name="parse-agent")
    async def parse_agent(stream):  # type: ignore[no-untyped-def]
        await run_batches(stream, edge, handle, batch_size=settings.batch_size)

    return [settings.topics.raw]


def build_reader(worker: str) -> object:
    def build(app: WorkerApp, settings: Settings, metrics: WorkerMetrics) -> list[str]:
        vocab = blank_vocab()
        edge = make_edge(app, settings, metrics, worker, ParsedArticle, max_bytes=settings.max_article_bytes * 8)
        topics = settings.topics

        def outputs(item: ParsedArticle) -> list[Outgoing]:
            article = item.article
            doc = decode_doc(item.doc, vocab)
            if worker == "entities":
                return [Outgoing(topics.entities, article.id, e.model_dump_json().encode())
                        for e in extract_entities(doc, article_id=article.id)]
            quotes = extract_quotes(doc, article_id=article.id)
            bundle = QuotedArticle(article=article, quotes=tuple(quotes), parse=item.doc)
            return [*(Outgoing(topics.quotes, article.id, q.model_dump_json().encode()) for q in quotes),
                    Outgoing(topics.quoted_articles, article.id, bundle.model_dump_json().encode())]

        async def handle(items: Sequence[ParsedArticle]) -> list[list[Outgoing]]:
            return [outputs(item) for item in items]

        @app.agent(app.topic(PARSED_TOPIC), name=f"{worker}-agent")
        async def reader(stream):  # type: ignore[no-untyped-def]
            await run_batches(stream, edge, handle, batch_size=settings.batch_size)

        return [PARSED_TOPIC]

    return build


def main() -> None:
    role = sys.argv[1]
    settings = load_settings()
    if role == "parse":
        ports = {**settings.metrics_ports, "parse": int(os.environ["BENCH_PARSE_METRICS_PORT"])}
        run_worker(role, dataclasses.replace(settings, metrics_ports=ports), build_parse)
    else:
        run_worker(role, settings, build_reader(role))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
