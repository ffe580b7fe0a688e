"""Faust's recovery after a restart must not leave input unread (services/common/recovery.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import NamedTuple

from mode.utils.queues import FlowControlQueue

from services.common.app import make_app
from services.common.recovery import KeepLiveQueuesOnResume, never_committed
from services.common.settings import load_settings


def queue_of(flow: KeepLiveQueuesOnResume, *items: str) -> FlowControlQueue[str]:
    queue: FlowControlQueue[str] = FlowControlQueue(flow_control=flow, clear_on_resume=True)
    for item in items:
        queue.put_nowait(item)
    return queue


def test_resuming_suspended_flow_clears_what_was_queued_before() -> None:
    async def run() -> int:
        flow = KeepLiveQueuesOnResume()  # suspended, as Faust starts
        queue = queue_of(flow, "from before the rebalance")
        flow.resume()
        return queue.qsize()

    assert asyncio.run(run()) == 0


def test_resuming_flow_that_already_runs_keeps_the_queued_events() -> None:
    async def run() -> tuple[int, bool]:
        flow = KeepLiveQueuesOnResume()
        flow.resume()  # recovery reads the changelogs
        queue = queue_of(flow, "offset 8", "offset 9")  # fetched once the inputs are resumed
        flow.resume()  # recovery is done
        return queue.qsize(), flow.is_active()

    assert asyncio.run(run()) == (2, True)


def test_a_suspend_in_between_clears_again() -> None:
    async def run() -> int:
        flow = KeepLiveQueuesOnResume()
        flow.resume()
        queue = queue_of(flow, "from the old assignment")
        flow.suspend()  # the next rebalance
        flow.resume()
        return queue.qsize()

    assert asyncio.run(run()) == 0


def test_workers_use_it(tmp_path: Path) -> None:
    settings = load_settings({"COUNTERCLAIM_RUN_DIR": str(tmp_path)})
    app = make_app(settings, "quotes")
    assert isinstance(app.flow_control, KeepLiveQueuesOnResume)


class Partition(NamedTuple):
    topic: str
    partition: int


def test_partitions_without_a_committed_offset_are_sought_from_the_beginning() -> None:
    committed = {
        Partition("quoted-articles", 0): 12,  # the seek itself moves it back to 12
        Partition("quoted-articles", 1): None,  # the group never committed here
        Partition("quoted-articles", 2): 0,  # aiokafka does not seek to 0 either
        Partition("app-claims-changelog", 0): None,  # table recovery reads the changelog
    }
    assert never_committed(committed, {"app-claims-changelog"}) == [
        Partition("quoted-articles", 1), Partition("quoted-articles", 2)]
