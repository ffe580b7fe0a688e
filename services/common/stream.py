"""The edge every agent shares: decode a batch, call the pure core, send, then acknowledge."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from aiokafka.errors import MessageSizeTooLargeError, RecordListTooLargeError, RecordTooLargeError
from faust.types import EventT, StreamT
from pydantic import BaseModel

from services.common.batching import batches
from services.common.intake import Origin, Rejection, dead_letter, decode
from services.common.metrics import WorkerMetrics

log = logging.getLogger(__name__)
Input = TypeVar("Input", bound=BaseModel)
EXIT_BUG = 70  # EX_SOFTWARE: an unexpected error in our own code
TOO_LARGE = (MessageSizeTooLargeError, RecordListTooLargeError, RecordTooLargeError)


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


# The worker's core call: one list of outputs per input, in input order, or why that input was refused.
Handler = Callable[[Sequence[Input]], Awaitable[Sequence[list[Outgoing] | Rejection]]]


# The batches of a stream: (stream, batch size, seconds to wait for a batch to fill once it has begun).
Take = Callable[[StreamT, int, float], AsyncIterator[Sequence[EventT]]]
BATCH_WINDOW_SECONDS = 0.005


async def run_batches(stream: StreamT, edge: Edge[Input], handle: Handler[Input], *, batch_size: int,
                      take: Take = batches) -> None:
    """Consume `stream` in batches until it stops.

    Faust acknowledges a batch once this loop moves on, even when the body
    raised or was cancelled, which would commit offsets whose outputs were never
    produced. So an unexpected error is logged and the process exits at once,
    and a shutdown (SIGTERM) in mid-batch leaves the batch uncommitted; either
    way the batch is redelivered.
    """
    async for events in take(stream, batch_size, BATCH_WINDOW_SECONDS):
        try:
            await process_batch(events, edge, handle)
        except asyncio.CancelledError:
            leave_uncommitted(events)
            log.warning("%s worker stopping in mid-batch; %d message(s) left uncommitted for redelivery",
                        edge.worker, len(events))
            raise
        except Exception:
            log.critical("%s worker hit an unexpected error; exiting so the batch is redelivered",
                         edge.worker, exc_info=True)
            logging.shutdown()
            os._exit(EXIT_BUG)


def leave_uncommitted(events: Sequence[EventT]) -> None:
    """Mark `events` done without acknowledging them, so their offsets are never committed.

    Faust commits only offsets it was told about through `Consumer.ack`, which
    skips a message already marked acked; the gap keeps later offsets back too.
    """
    for event in events:
        event.message.acked = True


async def process_batch(events: Sequence[EventT], edge: Edge[Input], handle: Handler[Input]) -> None:
    """Validate each message, dead-letter the bad ones, handle the rest, and wait for delivery.

    Outputs keep the Kafka timestamp of the raw article behind them, so every
    worker down the line measures end-to-end lag from the original publish.
    An input whose output the producer or broker refuses as too large is
    dead-lettered (reason too_large) instead; any other send error raises. An
    input the handler refuses (e.g. too_slow) is dead-lettered and sends nothing.
    """
    started = time.perf_counter()
    accepted: list[tuple[int, Input, float]] = []
    outgoing: list[tuple[Outgoing, float | None, int | None]] = []  # output, timestamp, index of its input
    for index, event in enumerate(events):
        message = event.message
        result = decode(message.value, edge.model, max_bytes=edge.max_bytes)
        if isinstance(result, Rejection):
            outgoing.append((_reject(result, message, edge), None, None))
        else:
            accepted.append((index, result, message.timestamp))
    edge.metrics.messages_in.inc(len(events))
    refused: set[int] = set()
    if accepted:
        results = await handle([item for _, item, _ in accepted])
        for (index, _, published), outputs in zip(accepted, results, strict=True):
            if isinstance(outputs, Rejection):
                refused.add(index)
                outgoing.append((_reject(outputs, events[index].message, edge), None, None))
            else:
                outgoing += [(output, published, index) for output in outputs]
    oversized = await _deliver(outgoing, edge)
    if oversized:
        letters = [(_reject(Rejection("too_large", detail), events[index].message, edge), None, None)
                   for index, detail in sorted(oversized.items())]
        await _deliver(letters, edge)
    elapsed = time.perf_counter() - started
    for _ in events:
        edge.metrics.processing_seconds.observe(elapsed / len(events))
    now = time.time()
    for index, _, published in accepted:
        if published and index not in oversized and index not in refused:
            edge.metrics.end_to_end_lag_seconds.observe(max(0.0, now - published))


async def _deliver(outgoing: Sequence[tuple[Outgoing, float | None, int | None]], edge: Edge[Any]) -> dict[int, str]:
    """Send everything and wait until the broker has it; returns {input index: why} for refused outputs."""
    oversized: dict[int, str] = {}
    pending: list[tuple[Outgoing, int | None, Awaitable[Any]]] = []
    for item, published, source in outgoing:
        try:
            pending.append((item, source, await edge.send(item, published)))
        except Exception as error:
            oversized[_too_large(error, item, source)] = f"its {len(item.value)}-byte output to {item.topic}: {error}"
    results = await asyncio.gather(*(delivery for _, _, delivery in pending), return_exceptions=True)
    for (item, source, _), result in zip(pending, results, strict=True):
        if isinstance(result, BaseException):
            oversized[_too_large(result, item, source)] = f"its {len(item.value)}-byte output to {item.topic}: {result}"
        elif source not in oversized:
            edge.metrics.messages_out.labels(edge.worker, item.topic).inc()
    return oversized


def _too_large(error: BaseException, item: Outgoing, source: int | None) -> int:
    """`source` when `error` says the message is too large for Kafka; otherwise re-raises `error`."""
    if source is None or not any(isinstance(e, TOO_LARGE) for e in (error, error.__cause__)):
        raise error
    log.error("output to %s of %d bytes refused as too large: %s", item.topic, len(item.value), error)
    return source


def _reject(rejection: Rejection, message: Any, edge: Edge[Any]) -> Outgoing:
    origin = Origin(message.topic, message.partition, message.offset, message.key)
    letter = dead_letter(rejection, message.value, origin, worker=edge.worker)
    edge.metrics.messages_failed.labels(edge.worker, rejection.reason).inc()
    log.warning("rejected %s[%d]@%d (key %s): %s (%s)", origin.topic, origin.partition, origin.offset,
                letter.key, rejection.reason, rejection.detail)
    return Outgoing(edge.dead_letter_topic, letter.event_id, letter.model_dump_json().encode())
