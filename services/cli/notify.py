"""`counterclaim notify`: POST each contradiction to a webhook, at least once.

An event's offset is committed only after the event was delivered (a 2xx), left out by
the filters, or dead-lettered with its reason and acknowledged by the broker. A notify
that dies before that gets the event again when it (or another in its group) restarts,
so a receiver may see an event twice: it de-duplicates by `event_id` (also sent as the
Idempotency-Key header).
"""

from __future__ import annotations

import collections
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import CommitFailedError
from kafka.structs import OffsetAndMetadata

from schemas.events import ContradictionEvent
from schemas.internal import DeadLetter
from services.cli.notify_delivery import Outcome, deliver, http_post
from services.cli.notify_format import Render
from services.cli.notify_settings import NotifySettings
from services.common.intake import Origin, Rejection, dead_letter, decode
from services.common.kafka import make_consumer, make_producer
from services.common.settings import Settings

log = logging.getLogger(__name__)
WORKER = "notify"  # the `worker` of its dead letters
Handled = Literal["delivered", "filtered", "dead-lettered", "rejected"]


@dataclass(frozen=True)
class Edges:
    """notify's I/O, passed in so that what it decides can be tested without Kafka or HTTP."""

    deliver: Callable[[bytes, str], Outcome]  # (body, event id), retries included
    send_dead_letter: Callable[[DeadLetter], None]  # returns once the broker has it
    target: str  # the webhook as logs may show it


def handle(raw: bytes | None, origin: Origin, *, keep: Callable[[ContradictionEvent], bool], render: Render,
           edges: Edges, max_bytes: int) -> Handled:
    """Deliver, filter out or dead-letter one message; when this returns, its offset may be committed."""
    decoded = decode(raw, ContradictionEvent, max_bytes=max_bytes)
    if isinstance(decoded, Rejection):
        edges.send_dead_letter(dead_letter(decoded, raw, origin, worker=WORKER))
        log.warning("%s[%d]@%d is not a contradiction event (%s: %s); dead-lettered", origin.topic,
                    origin.partition, origin.offset, decoded.reason, decoded.detail)
        return "rejected"
    if not keep(decoded):
        return "filtered"
    outcome = edges.deliver(render(decoded), decoded.event_id)
    if outcome.delivered:
        log.info("webhook %s: delivered %s contradiction on %r (event %s)", edges.target, decoded.kind,
                 decoded.subject, decoded.event_id)
        return "delivered"
    detail = f"webhook {edges.target}: {outcome.problem}"
    edges.send_dead_letter(dead_letter(Rejection("delivery_failed", detail), raw, origin, worker=WORKER))
    log.error("webhook %s: gave up on event %s (%s); sent it to the dead letters and carrying on",
              edges.target, decoded.event_id, outcome.problem)
    return "dead-lettered"


def notify(settings: Settings, config: NotifySettings, *, keep: Callable[[ContradictionEvent], bool],
           render: Render, group: str, from_beginning: bool) -> None:
    """Follow the contradiction topic in consumer group `group` until interrupted."""
    longest_event_ms = config.retry.worst_case_seconds(config.timeout_seconds) * 1000
    consumer = make_consumer(
        settings, settings.topics.contradictions,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
        session_timeout_ms=int(settings.session_timeout_seconds * 1000),
        heartbeat_interval_ms=int(settings.heartbeat_interval_seconds * 1000),
        fetch_max_wait_ms=settings.fetch_max_wait_ms,
        max_poll_interval_ms=int(max(300_000, longest_event_ms + 60_000)),  # retrying one event must not
    )                                                                       # cost the group membership
    producer = make_producer(settings)
    post, jitter = http_post(config), random.Random().random

    def send_dead_letter(letter: DeadLetter) -> None:
        future = producer.send(settings.topics.dead_letters, key=letter.event_id.encode(),
                               value=letter.model_dump_json().encode())
        future.get(timeout=60)  # raises (and so stops notify, uncommitted) if the broker never takes it

    edges = Edges(deliver=lambda body, event_id: deliver(body, event_id, post=post, retry=config.retry,
                                                         target=config.target, sleep=time.sleep, jitter=jitter),
                  send_dead_letter=send_dead_letter, target=config.target)
    log.info("notify: contradictions from %s to webhook %s, group %s, at most %d attempts per event",
             settings.topics.contradictions, config.target, group, config.retry.max_attempts)
    counts: collections.Counter[str] = collections.Counter()
    try:
        for message in consumer:
            origin = Origin(message.topic, message.partition, message.offset, message.key)
            counts[handle(message.value, origin, keep=keep, render=render, edges=edges,
                          max_bytes=settings.max_article_bytes)] += 1
            _commit(consumer, message.topic, message.partition, message.offset + 1)
    except KeyboardInterrupt:
        pass
    finally:
        log.info("notify: stopping (%s)", ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "no events")
        consumer.close(autocommit=False)
        producer.close(timeout=10)


def _commit(consumer: KafkaConsumer, topic: str, partition: int, next_offset: int) -> None:
    try:
        consumer.commit({TopicPartition(topic, partition): OffsetAndMetadata(next_offset, "", -1)})
    except CommitFailedError as error:  # the group rebalanced: the partition's new owner redelivers
        log.warning("could not commit %s[%d]@%d (%s); the event may be delivered again", topic, partition,
                    next_offset, error)
