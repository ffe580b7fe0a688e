"""The entity worker: the quote worker's parse of each article in, one event per named entity out.

It reads the parse shipped with each article's quotes (spaCy DocBin bytes), so every
article is parsed once in the whole pipeline and this worker loads no model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.vocab import Vocab

from schemas.internal import BUNDLE_SIZE_FACTOR, QuotedArticle
from services.common.app import WorkerApp
from services.common.budget import budgeted
from services.common.docs import blank_vocab, decode_doc
from services.common.metrics import WorkerMetrics
from services.common.refresh import Refreshed
from services.common.settings import Settings
from services.common.stream import Outgoing, run_batches
from services.common.worker import make_edge
from services.entities.extract import extract_entities

WORKER = "entities"


def build(app: WorkerApp, settings: Settings, metrics: WorkerMetrics) -> list[str]:
    """Register the entity agent on `app`; returns the topics it consumes."""
    vocabs = Refreshed(blank_vocab, name="vocabulary")
    edge = make_edge(app, settings, metrics, WORKER, QuotedArticle,
                     max_bytes=settings.max_article_bytes * BUNDLE_SIZE_FACTOR)
    out_topic = settings.topics.entities

    def entities_of(bundle: QuotedArticle, vocab: Vocab) -> list[Outgoing]:
        article_id = bundle.article.id
        doc = decode_doc(bundle.parse, vocab)
        return [Outgoing(out_topic, article_id, event.model_dump_json().encode())
                for event in extract_entities(doc, article_id=article_id)]

    def work(bundles: Sequence[QuotedArticle]) -> Iterator[list[Outgoing]]:
        vocab = vocabs.take(len(bundles))
        return (entities_of(bundle, vocab) for bundle in bundles)

    handle = budgeted(work, settings.article_budget_seconds)

    @app.agent(app.topic(settings.topics.quoted_articles), name=f"{WORKER}-agent")
    async def entities_agent(stream):  # type: ignore[no-untyped-def]
        await run_batches(stream, edge, handle, batch_size=settings.batch_size)

    return [settings.topics.quoted_articles]
