"""process_batch with a fake send: outputs delivered before returning, bad input dead-lettered,
outputs too large for Kafka dead-lettered, other send errors raised, cancellation leaves no ack."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from aiokafka.errors import MessageSizeTooLargeError
from faust.exceptions import ProducerSendError

from schemas.articles import Article
from services.common.metrics import make_metrics
from services.common.stream import Edge, Outgoing, process_batch, run_batches


@dataclass
class FakeMessage:
    value: bytes | None
    offset: int
    topic: str = "raw"
    partition: int = 0
    key: bytes | None = None
    timestamp: float = 0.0
    acked: bool = False


@dataclass
class FakeEvent:
    message: FakeMessage


class FakeSend:
    """Records what was sent and when it was delivered; may refuse some values."""

    def __init__(self, refuse: dict[bytes, BaseException] | None = None, *, at_send: bool = False) -> None:
        self.sent: list[Outgoing] = []
        self.delivered: list[Outgoing] = []
        self.refuse = refuse or {}
        self.at_send = at_send

    async def __call__(self, item: Outgoing, timestamp: float | None) -> Any:
        error = self.refuse.get(item.value)
        if error is not None and self.at_send:
            raise error
        self.sent.append(item)

        async def deliver() -> None:
            await asyncio.sleep(0.01)
            if error is not None:
                raise error
            self.delivered.append(item)

        return asyncio.ensure_future(deliver())


def edge(send: FakeSend) -> Edge[Article]:
    return Edge(worker="quotes", model=Article, max_bytes=10_000, dead_letter_topic="dead",
                metrics=make_metrics("quotes"), send=send)


async def echo(articles: Sequence[Article]) -> list[list[Outgoing]]:
    return [[Outgoing("out", a.id, a.text.encode()), Outgoing("out", a.id, a.text.upper().encode())] for a in articles]


def events(*values: bytes | None) -> list[FakeEvent]:
    return [FakeEvent(FakeMessage(value, offset)) for offset, value in enumerate(values)]


def article(number: int) -> bytes:
    return json.dumps({"id": f"a-{number}", "text": f"text {number}"}).encode()


def sample(metrics_edge: Edge[Article], name: str, **labels: str) -> float:
    value = metrics_edge.metrics.registry.get_sample_value(name, labels)
    return value or 0.0


def test_every_output_is_delivered_before_the_batch_returns() -> None:
    send = FakeSend()
    batch_edge = edge(send)
    asyncio.run(process_batch(events(article(1), b"junk", article(2)), batch_edge, echo))  # type: ignore[arg-type]
    assert [o.value for o in send.delivered if o.topic == "out"] == [b"text 1", b"TEXT 1", b"text 2", b"TEXT 2"]
    [letter] = [json.loads(o.value) for o in send.delivered if o.topic == "dead"]
    assert (letter["reason"], letter["offset"], letter["worker"]) == ("invalid_json", 1, "quotes")
    assert sample(batch_edge, "counterclaim_messages_in_total", worker="quotes") == 3
    assert sample(batch_edge, "counterclaim_messages_out_total", worker="quotes", topic="out") == 4
    assert sample(batch_edge, "counterclaim_messages_failed_total", worker="quotes", reason="invalid_json") == 1


@pytest.mark.parametrize("at_send", [True, False])
def test_an_output_too_large_for_kafka_dead_letters_its_input(at_send: bool) -> None:
    refused = ProducerSendError("too big")
    refused.__cause__ = MessageSizeTooLargeError()
    send = FakeSend({b"TEXT 2": refused}, at_send=at_send)
    batch_edge = edge(send)
    asyncio.run(process_batch(events(article(1), article(2)), batch_edge, echo))  # type: ignore[arg-type]
    letters = [json.loads(o.value) for o in send.delivered if o.topic == "dead"]
    assert [(x["reason"], x["offset"]) for x in letters] == [("too_large", 1)]
    assert b"TEXT 1" in [o.value for o in send.delivered]
    assert sample(batch_edge, "counterclaim_messages_failed_total", worker="quotes", reason="too_large") == 1


def test_any_other_send_error_propagates() -> None:
    send = FakeSend({b"TEXT 2": ProducerSendError("broker gone")})
    with pytest.raises(ProducerSendError):
        asyncio.run(process_batch(events(article(1), article(2)), edge(send), echo))  # type: ignore[arg-type]


class FakeStream:
    """Yields one batch and, like Faust, acks it in `finally` when the generator closes."""

    def __init__(self, batch: list[FakeEvent]) -> None:
        self.batch = batch
        self.acked: list[int] = []

    async def take_events(self, size: int, within: float) -> Any:
        try:
            yield self.batch
        finally:
            self.acked += [e.message.offset for e in self.batch if not e.message.acked]


def test_cancelled_mid_batch_leaves_the_batch_unacknowledged() -> None:
    stream = FakeStream(events(article(1), article(2)))
    started = asyncio.Event()

    async def stuck(articles: Sequence[Article]) -> list[list[Outgoing]]:
        started.set()
        await asyncio.Event().wait()
        return []

    async def scenario() -> None:
        task = asyncio.ensure_future(run_batches(stream, edge(FakeSend()), stuck, batch_size=2,  # type: ignore[arg-type]
                                                  take=lambda s, n, w: stream.take_events(n, w)))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    assert stream.acked == []
    assert all(e.message.acked for e in stream.batch)  # so Faust's own ack skips them
