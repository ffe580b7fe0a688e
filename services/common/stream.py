"""The edge every agent shares: decode a batch, call the pure core, send, then acknowledge."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from faust.types import EventT, StreamT
from pydantic import BaseModel

from services.common.intake import Origin, Rejection, dead_letter, decode
from services.common.metrics import WorkerMetrics

log = logging.getLogger(__name__)
Input = TypeVar("Input", bound=BaseModel)
EXIT_BUG = 70  # EX_SOFTWARE: an unexpected error in our own code


@dataclass(frozen=True)
class Outgoing:
    """One message to produce."""

    topic: str
    key: str
    value: bytes


# Sends one message with an optional timestamp (epoch seconds); returns its delivery future.
Send = Callable[[Outgoing, float | None], Awaitable[Awaitable[Any]]]


@dataclass(frozen=True)
class Edge(Generic[Input]):
    """What a worker's agent needs besides its pure core."""

    worker: str
    model: type[Input]
    max_bytes: int
    dead_letter_topic: str
    metrics: WorkerMetrics
    send: Send


# The worker's core call: one list of outputs per input, in input order.
Handler = Callable[[Sequence[Input]], Awaitable[list[list[Outgoing]]]]


async def run_batches(stream: StreamT, edge: Edge[Input], handle: Handler[Input], *, batch_size: int) -> None:
    """Consume `stream` in batches until it stops.

    Faust acknowledges a batch once this loop moves on, even when the body
    raised, which would lose it silently. So an unexpected error is logged and
    the process exits at once: the batch stays uncommitted and is redelivered.
    """
    async for events in stream.take_events(batch_size, within=0.02):
        try:
            await process_batch(events, edge, handle)
        except Exception:
            log.critical("%s worker hit an unexpected error; exiting so the batch is redelivered",
                         edge.worker, exc_info=True)
            logging.shutdown()
            os._exit(EXIT_BUG)


async def process_batch(events: Sequence[EventT], edge: Edge[Input], handle: Handler[Input]) -> None:
    """Validate each message, dead-letter the bad ones, handle the rest, and wait for delivery.

    Outputs keep the Kafka timestamp of the raw article behind them, so every
    worker down the line measures end-to-end lag from the original publish.
    """
    started = time.perf_counter()
    accepted: list[tuple[Input, float]] = []
    outgoing: list[tuple[Outgoing, float | None]] = []
    for event in events:
        message = event.message
        result = decode(message.value, edge.model, max_bytes=edge.max_bytes)
        if isinstance(result, Rejection):
            outgoing.append((_reject(result, message, edge), None))
        else:
            accepted.append((result, message.timestamp))
    edge.metrics.messages_in.inc(len(events))
    if accepted:
        results = await handle([item for item, _ in accepted])
        for (_, published), outputs in zip(accepted, results, strict=True):
            outgoing += [(output, published) for output in outputs]
    deliveries = [await edge.send(item, published) for item, published in outgoing]
    await asyncio.gather(*deliveries)  # produced before the batch is acknowledged
    for item, _ in outgoing:
        edge.metrics.messages_out.labels(edge.worker, item.topic).inc()
    elapsed = time.perf_counter() - started
    for _ in events:
        edge.metrics.processing_seconds.observe(elapsed / len(events))
    now = time.time()
    for _, published in accepted:
        if published:
            edge.metrics.end_to_end_lag_seconds.observe(max(0.0, now - published))


def _reject(rejection: Rejection, message: Any, edge: Edge[Any]) -> Outgoing:
    origin = Origin(message.topic, message.partition, message.offset, message.key)
    letter = dead_letter(rejection, message.value, origin, worker=edge.worker)
    edge.metrics.messages_failed.labels(edge.worker, rejection.reason).inc()
    log.warning("rejected %s[%d]@%d: %s (%s)", origin.topic, origin.partition, origin.offset,
                rejection.reason, rejection.detail)
    return Outgoing(edge.dead_letter_topic, letter.event_id, letter.model_dump_json().encode())
