"""The entity worker: raw articles in, one event per named entity out."""

from __future__ import annotations

from collections.abc import Sequence

from schemas.articles import Article
from services.common.app import WorkerApp
from services.common.metrics import WorkerMetrics
from services.common.nlp import NER_ONLY, load_nlp, parse
from services.common.settings import Settings
from services.common.stream import Outgoing, run_batches
from services.common.worker import make_edge
from services.entities.extract import extract_entities

WORKER = "entities"


def build(app: WorkerApp, settings: Settings, metrics: WorkerMetrics) -> list[str]:
    """Register the entity agent on `app`; returns the topics it consumes."""
    nlp = load_nlp(NER_ONLY)  # entities need only the NER component
    edge = make_edge(app, settings, metrics, WORKER, Article)
    out_topic = settings.topics.entities

    async def handle(articles: Sequence[Article]) -> list[list[Outgoing]]:
        docs = await parse(nlp, [article.text for article in articles])
        return [
            [Outgoing(out_topic, article.id, event.model_dump_json().encode())
             for event in extract_entities(doc, article_id=article.id)]
            for article, doc in zip(articles, docs, strict=True)
        ]

    @app.agent(app.topic(settings.topics.raw), name=f"{WORKER}-agent")
    async def entities_agent(stream):  # type: ignore[no-untyped-def]
        await run_batches(stream, edge, handle, batch_size=settings.batch_size)

    return [settings.topics.raw]
