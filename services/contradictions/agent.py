"""The contradiction worker: within-article contradictions, then cross-article ones by story."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence

from faust.serializers import codecs
from spacy.vocab import Vocab

from schemas.events import ContradictionEvent
from schemas.internal import BUNDLE_SIZE_FACTOR, QuotedArticle, StoryClaims, SubjectClaim
from services.common.app import WorkerApp
from services.common.budget import budgeted
from services.common.docs import blank_vocab, decode_doc
from services.common.metrics import WorkerMetrics
from services.common.refresh import Refreshed
from services.common.settings import Settings
from services.common.stream import Outgoing, run_batches
from services.common.worker import make_edge
from services.contradictions.pipeline import across_articles, within_article
from services.contradictions.positions import load_cross_model

WORKER = "contradictions"
log = logging.getLogger(__name__)


def subject_key(subject: str) -> str:
    """The message key for a subject: the bytes the claims table's JSON key codec writes."""
    return codecs.dumps("json", subject).decode("utf-8")


def build(app: WorkerApp, settings: Settings, metrics: WorkerMetrics) -> list[str]:
    """Register both agents and the claims table on `app`; returns the topics consumed."""
    model = load_cross_model()
    vocabs = Refreshed(blank_vocab, name="vocabulary")  # reads the quote worker's parses; no model here
    topics = settings.topics
    recent = app.Table(
        "claims-by-subject", default=list, partitions=settings.partitions,
        # No key_type/value_type: Faust JSON-encodes keys and values (no pickle), and a
        # plain type here makes changelog recovery call `from_data` on it and stall.
        # Batches are processed outside Faust's per-event context, so the changelog
        # partition comes from the key: subject_key() keys the input topic with the
        # same bytes, so a subject's claims and its table entry share a partition.
        use_partitioner=True,
    )

    def announce(event: ContradictionEvent) -> Outgoing:
        metrics.contradictions.labels(event.kind).inc()
        return Outgoing(topics.contradictions, event.event_id, event.model_dump_json().encode())

    def within_one(bundle: QuotedArticle, vocab: Vocab) -> list[Outgoing]:
        doc = decode_doc(bundle.parse, vocab) if bundle.parse else None
        work: Counter[str] = Counter()
        found, claims = within_article(bundle.article, bundle.quotes, doc, work=work)
        if work["bounded"]:
            metrics.articles_bounded.inc()
            log.warning("article %s hit a bound on candidate pairs or events (%d quotes); kept the most "
                        "confident events", bundle.article.id, len(bundle.quotes))
        by_key: dict[str, list[SubjectClaim]] = {}
        for claim in claims:  # in text order under each key
            by_key.setdefault(claim.subject, []).append(claim)
        return [
            *(announce(event) for event in found),
            *(Outgoing(topics.subject_claims, subject_key(key),
                       StoryClaims(subject=key, claims=tuple(filed)).model_dump_json().encode())
              for key, filed in by_key.items()),
        ]

    def within(bundles: Sequence[QuotedArticle]) -> Iterator[list[Outgoing]]:
        vocab = vocabs.take(len(bundles))
        return (within_one(bundle, vocab) for bundle in bundles)

    async def across(messages: Sequence[StoryClaims]) -> list[list[Outgoing]]:
        # Each story key's memory is read from the table and written back once per batch, not once
        # per message: a key holds up to claim_memory claims, all decoded on read and encoded
        # (and sent to the changelog) on write.
        memory: dict[str, list[SubjectClaim]] = {}
        outputs = []
        for message in messages:
            key = message.subject
            if key not in memory:
                memory[key] = [SubjectClaim.model_validate(item) for item in recent[key]]
            events: list[Outgoing] = []
            for claim in message.claims:
                found, memory[key] = across_articles(
                    claim, memory[key], model=model, max_claims=settings.claim_memory,
                    max_age_seconds=settings.claim_max_age_seconds)
                events += [announce(event) for event in found]
            outputs.append(events)
        for subject, kept in memory.items():
            recent[subject] = [item.model_dump(mode="json") for item in kept]
        return outputs

    within_edge = make_edge(app, settings, metrics, WORKER, QuotedArticle,
                            max_bytes=settings.max_article_bytes * BUNDLE_SIZE_FACTOR)
    across_edge = make_edge(app, settings, metrics, WORKER, StoryClaims)

    @app.agent(app.topic(topics.quoted_articles), name=f"{WORKER}-within")
    async def within_agent(stream):  # type: ignore[no-untyped-def]
        await run_batches(stream, within_edge, budgeted(within, settings.article_budget_seconds),
                          batch_size=settings.batch_size)

    @app.agent(app.topic(topics.subject_claims), name=f"{WORKER}-across")
    async def across_agent(stream):  # type: ignore[no-untyped-def]
        await run_batches(stream, across_edge, across, batch_size=settings.batch_size)

    return [topics.quoted_articles, topics.subject_claims]
