"""The quote worker: raw articles in; quote events, and each article with its quotes, out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from schemas.articles import Article
from schemas.internal import QuotedArticle
from services.common.app import WorkerApp
from services.common.budget import budgeted
from services.common.docs import encode_doc
from services.common.metrics import WorkerMetrics
from services.common.nlp import FULL_PARSE, cpu_counted, load_nlp, parse_texts
from services.common.refresh import Refreshed
from services.common.settings import Settings
from services.common.stream import Outgoing, run_batches
from services.common.worker import make_edge
from services.quotes.extract import extract_quotes

WORKER = "quotes"


def build(app: WorkerApp, settings: Settings, metrics: WorkerMetrics) -> list[str]:
    """Register the quote agent on `app`; returns the topics it consumes."""
    models = Refreshed(lambda: load_nlp(FULL_PARSE), name="spaCy model")  # attribution needs the parse
    edge = make_edge(app, settings, metrics, WORKER, Article)
    topics = settings.topics

    def outputs(article: Article, doc: Doc) -> list[Outgoing]:
        quotes = extract_quotes(doc, article_id=article.id)
        bundle = QuotedArticle(article=article, quotes=tuple(quotes), parse=encode_doc(doc))
        return [
            *(Outgoing(topics.quotes, article.id, quote.model_dump_json().encode()) for quote in quotes),
            Outgoing(topics.quoted_articles, article.id, bundle.model_dump_json().encode()),
        ]

    def work(articles: Sequence[Article]) -> Iterator[list[Outgoing]]:
        nlp = models.take(len(articles))
        docs = cpu_counted(parse_texts(nlp, [article.text for article in articles]), metrics.parse_cpu_seconds.inc)
        return (outputs(article, doc) for article, doc in zip(articles, docs, strict=True))

    # Parses in a thread, so the loop keeps heartbeating; nlp.pipe parses articles together.
    handle = budgeted(work, settings.article_budget_seconds, batched=True, free_loop=True)

    @app.agent(app.topic(topics.raw), name=f"{WORKER}-agent")
    async def quotes_agent(stream):  # type: ignore[no-untyped-def]
        await run_batches(stream, edge, handle, batch_size=settings.batch_size)

    return [topics.raw]
