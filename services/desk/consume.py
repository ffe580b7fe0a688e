"""The desk's Kafka edge: read the recent past of its topics, then follow them.

The desk reads two topics in its own consumer group (one group per desk instance, so
every instance sees every alert): `contradictions`, and `quoted-articles` for the text
and the parse of each article, which give the sentences around every claim. On each
assignment it seeks back over a bounded recent past, so a fresh desk shows history.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.abc import ConsumerRebalanceListener
from spacy.vocab import Vocab

from schemas.events import ContradictionEvent
from schemas.internal import QuotedArticle
from services.common.docs import blank_vocab, decode_doc
from services.common.intake import Origin, Rejection, dead_letter, decode
from services.common.kafka import bundle_bytes, ssl_context
from services.common.settings import Settings
from services.desk.metrics import DeskMetrics
from services.desk.settings import DeskSettings
from services.desk.state import Desk
from services.desk.view import ArticleText

log = logging.getLogger(__name__)
SendDeadLetter = Callable[[str, bytes], Awaitable[None]]  # (key, value) to the dead-letter topic


def aiokafka_options(settings: Settings) -> dict[str, Any]:
    """Connection and security options for aiokafka clients, from the shared settings."""
    sec = settings.security
    options: dict[str, Any] = {"bootstrap_servers": settings.bootstrap_servers, "client_id": "counterclaim-desk",
                               "security_protocol": sec.protocol, "ssl_context": ssl_context(sec)}
    if sec.protocol.startswith("SASL"):
        options.update(sasl_mechanism=sec.sasl_mechanism, sasl_plain_username=sec.sasl_username,
                       sasl_plain_password=sec.sasl_password)
    return options


async def follow(settings: Settings, desk_settings: DeskSettings, desk: Desk, metrics: DeskMetrics,
                 send_dead_letter: SendDeadLetter) -> None:
    """Feed `desk` from the topics until cancelled; raises on anything but bad input."""
    topics = settings.topics
    consumer = AIOKafkaConsumer(
        **aiokafka_options(settings), group_id=desk_settings.group, enable_auto_commit=True,
        auto_offset_reset="latest", session_timeout_ms=int(settings.session_timeout_seconds * 1000),
        heartbeat_interval_ms=int(settings.heartbeat_interval_seconds * 1000),
        fetch_max_wait_ms=settings.fetch_max_wait_ms, max_partition_fetch_bytes=bundle_bytes(settings),
    )
    recent = {topics.contradictions: desk_settings.history, topics.quoted_articles: desk_settings.article_cache}
    history = ReadRecent(consumer, recent)
    consumer.subscribe([topics.contradictions, topics.quoted_articles], listener=history)
    reader = Reader(settings, desk, metrics, send_dead_letter, blank_vocab())
    await consumer.start()
    log.info("desk reading %s and %s in group %s", topics.contradictions, topics.quoted_articles,
             desk_settings.group)
    # Alerts of the recent past wait until the articles of the recent past are read too: the two
    # topics are fetched in parallel, and an alert shown before its article would lack context.
    held: list[ConsumerRecord] = []
    caught_up = False
    try:
        while True:
            batches = await consumer.getmany(timeout_ms=1000, max_records=200)
            records = [record for batch in batches.values() for record in batch]
            history.read_up_to({tp: batch[-1].offset for tp, batch in batches.items()})
            # Articles first: an alert fetched together with its article then finds the text.
            for record in sorted(records, key=lambda r: r.topic != topics.quoted_articles):
                if not caught_up and record.topic == topics.contradictions:
                    held.append(record)
                else:
                    await reader.read(record)
            if not caught_up and (history.caught_up() or (history.assigned and not records)):
                for record in sorted(held, key=lambda r: r.timestamp):
                    await reader.read(record)
                held.clear()
                caught_up = True
                metrics.ready.set(1)  # the recent past is read: a page opened now shows all of it
    finally:
        metrics.ready.set(0)
        await consumer.stop()


class ReadRecent(ConsumerRebalanceListener):  # type: ignore[misc]
    """On assignment, seek each partition back so that about `recent[topic]` messages are re-read,
    and remember where the partitions ended then, to tell when that recent past has been read."""

    def __init__(self, consumer: AIOKafkaConsumer, recent: dict[str, int]) -> None:
        self._consumer, self._recent = consumer, recent
        self._unread: dict[TopicPartition, int] = {}  # partition -> its end offset at assignment
        self.assigned = False

    def read_up_to(self, last_offsets: dict[TopicPartition, int]) -> None:
        for tp, offset in last_offsets.items():
            if offset + 1 >= self._unread.get(tp, 0):
                self._unread.pop(tp, None)

    def caught_up(self) -> bool:
        return self.assigned and not self._unread

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        self.assigned = False

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        partitions = list(assigned)
        if not partitions:
            return
        starts = await self._consumer.beginning_offsets(partitions)
        ends = await self._consumer.end_offsets(partitions)
        for tp in partitions:
            per_partition = math.ceil(self._recent[tp.topic] / len(self._consumer.partitions_for_topic(tp.topic)
                                                                     or {tp.partition}))
            self._consumer.seek(tp, max(starts[tp], ends[tp] - per_partition))
        self._unread = {tp: ends[tp] for tp in partitions if ends[tp] > starts[tp]}
        self.assigned = True


class Reader:
    """One record at a time: an article's text into the cache, an alert onto the desk, bad input dead-lettered."""

    def __init__(self, settings: Settings, desk: Desk, metrics: DeskMetrics, send_dead_letter: SendDeadLetter,
                 vocab: Vocab) -> None:
        self._topics, self._max_bytes = settings.topics, bundle_bytes(settings)
        self._desk, self._metrics, self._send, self._vocab = desk, metrics, send_dead_letter, vocab

    async def read(self, record: ConsumerRecord) -> None:
        if record.topic == self._topics.quoted_articles:
            self._metrics.messages_in.labels("quoted-articles").inc()
            bundle = decode(record.value, QuotedArticle, max_bytes=self._max_bytes)
            if isinstance(bundle, Rejection):
                await self._reject(bundle, record)
                return
            article = self._article(bundle)
            if isinstance(article, Rejection):
                await self._reject(article, record)
                return
            self._desk.articles.put(bundle.article.id, article)
            self._metrics.articles_held.set(len(self._desk.articles))
            return
        self._metrics.messages_in.labels("contradictions").inc()
        event = decode(record.value, ContradictionEvent, max_bytes=self._max_bytes)
        if isinstance(event, Rejection):
            await self._reject(event, record)
            return
        if self._desk.add(event, datetime.fromtimestamp(record.timestamp / 1000, UTC)) is None:
            self._metrics.duplicates.inc()
        self._metrics.alerts_held.set(len(self._desk))

    def _article(self, bundle: QuotedArticle) -> ArticleText | Rejection:
        try:
            doc = decode_doc(bundle.parse, self._vocab)
        except ValueError as error:  # base64 and msgpack errors both derive from it
            return Rejection("invalid_schema", f"parse: unreadable DocBin ({str(error)[:200]})")
        sentences = tuple((s.start_char, s.end_char) for s in doc.sents) if doc.has_annotation("SENT_START") else ()
        if doc.text != bundle.article.text:
            return Rejection("invalid_schema", "parse: its text differs from the article's")
        article = bundle.article
        return ArticleText(text=article.text, sentences=sentences, title=article.title, source=article.source)

    async def _reject(self, rejection: Rejection, record: ConsumerRecord) -> None:
        log.warning("dead-lettering %s[%d]@%d (%s): %s", record.topic, record.partition, record.offset,
                    rejection.reason, rejection.detail)
        self._metrics.messages_failed.labels(rejection.reason).inc()
        origin = Origin(record.topic, record.partition, record.offset, record.key)
        letter = dead_letter(rejection, record.value, origin, worker="desk")
        await self._send(letter.event_id, letter.model_dump_json().encode())
