"""Consumer lag counts from the committed offset, so a worker whose commit stopped shows its backlog."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from faust.types import TP
from prometheus_client import CollectorRegistry

from services.common.metrics import make_metrics
from services.common.worker import messages_behind, probe_lag


def test_lag_is_what_lies_past_the_committed_offset() -> None:
    assert messages_behind(highwater=71, committed=8, earliest=0) == 63


def test_caught_up_is_zero() -> None:
    assert messages_behind(highwater=71, committed=71, earliest=0) == 0


def test_before_the_first_commit_everything_from_the_start_is_behind() -> None:
    assert messages_behind(highwater=71, committed=None, earliest=0) == 71
    assert messages_behind(highwater=71, committed=None, earliest=50) == 21  # older messages expired


def test_a_commit_older_than_the_retained_log_counts_from_the_start() -> None:
    assert messages_behind(highwater=71, committed=10, earliest=50) == 21


class StalledConsumer:
    """Fetched to the end of the partition, but its commit stopped at offset 8 (events never processed)."""

    def __init__(self) -> None:
        self._committed_offset = {TP("quoted-articles", 0): 8}

    def assignment(self) -> set[TP]:
        return {TP("quoted-articles", 0)}

    async def highwaters(self, *partitions: TP) -> dict[TP, int]:
        return {tp: 71 for tp in partitions}

    async def earliest_offsets(self, *partitions: TP) -> dict[TP, int]:
        return {tp: 0 for tp in partitions}

    async def position(self, tp: TP) -> int:
        return 71


def test_a_worker_fetched_to_the_end_but_stuck_before_its_commit_shows_its_backlog() -> None:
    registry = CollectorRegistry()
    app = SimpleNamespace(consumer=StalledConsumer())
    asyncio.run(probe_lag(app, make_metrics("contradictions", registry), "contradictions",  # type: ignore[arg-type]
                          ["quoted-articles"]))
    labels = {"worker": "contradictions", "topic": "quoted-articles", "partition": "0"}
    assert registry.get_sample_value("counterclaim_consumer_lag_messages", labels) == 63
