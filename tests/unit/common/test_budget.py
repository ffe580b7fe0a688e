"""The per-article time budget: the policy as a pure function, the thread runner, and the edge
dead-lettering a too-slow article (reason too_slow) while sending everything else."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator, Sequence

import pytest

from schemas.articles import Article
from services.common.budget import Lane, budgeted, run_holding_loop, run_in_thread, within_budget
from services.common.stream import Outgoing, process_batch
from tests.unit.common.test_stream import FakeSend, article, edge, events, sample

SLOW = "slow"


def outputs(name: str) -> list[Outgoing]:
    return [Outgoing("out", name, name.encode())]


def fake_run(slow: set[str], log: list[list[str]]):  # type: ignore[no-untyped-def]
    """A runner that finishes items in order and gives up at the first one in `slow` or behind it in a batch."""

    async def run(batch: Sequence[str]) -> tuple[list[list[Outgoing]], bool]:
        log.append(list(batch))
        done: list[list[Outgoing]] = []
        for name in batch:
            if name in slow:
                return done, True
            done.append(outputs(name))
        return done, False

    return run


def test_a_fast_batch_runs_once_together() -> None:
    log: list[list[str]] = []
    results = asyncio.run(within_budget(["a", "b", "c"], fake_run(set(), log), batched=True))
    assert results == [outputs("a"), outputs("b"), outputs("c")] and log == [["a", "b", "c"]]


def test_a_slow_item_in_batched_work_is_retried_alone_then_refused_and_the_rest_carries_on() -> None:
    log: list[list[str]] = []
    results = asyncio.run(within_budget(["a", SLOW, "c", "d"], fake_run({SLOW}, log), batched=True))
    assert results == [outputs("a"), None, outputs("c"), outputs("d")]
    assert log == [["a", SLOW, "c", "d"], [SLOW], ["c", "d"]]


def test_a_slow_item_in_one_by_one_work_is_refused_at_once() -> None:
    """Each item's clock started when the previous one was done: late means slow, no second run."""
    log: list[list[str]] = []
    results = asyncio.run(within_budget(["a", SLOW, "c", SLOW], fake_run({SLOW}, log), batched=False))
    assert results == [outputs("a"), None, outputs("c"), None]
    assert log == [["a", SLOW, "c", SLOW], ["c", SLOW]]


def test_an_item_late_only_because_of_its_batch_is_kept() -> None:
    """Late in company (a neighbour held the batch up), in time alone: its outputs are kept."""
    log: list[list[str]] = []
    late_in_batch = {"b"}

    async def run(batch: Sequence[str]) -> tuple[list[list[Outgoing]], bool]:
        if len(batch) > 1 and "b" in batch:
            return await fake_run(late_in_batch, log)(batch)
        return await fake_run(set(), log)(batch)

    assert asyncio.run(within_budget(["a", "b", "c"], run, batched=True)) == [outputs("a"), outputs("b"),
                                                                                outputs("c")]
    assert log == [["a", "b", "c"], ["b"], ["c"]]


def test_a_batch_of_one_slow_item_is_refused_without_a_second_run() -> None:
    log: list[list[str]] = []
    assert asyncio.run(within_budget([SLOW], fake_run({SLOW}, log), batched=True)) == [None]
    assert log == [[SLOW]]


def gated_work(gate: threading.Event, started: list[str]):  # type: ignore[no-untyped-def]
    """Work whose SLOW item waits for `gate` (never set within the test's budget)."""

    def work(items: Sequence[str]) -> Iterator[list[Outgoing]]:
        for name in items:
            started.append(name)
            if name == SLOW:
                gate.wait(timeout=30)
            yield outputs(name)

    return work


def in_thread(work, items, budget, lane):  # type: ignore[no-untyped-def]
    return asyncio.run(run_in_thread(work, items, budget, lane))


RUNNERS = [in_thread, run_holding_loop]


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_runner_gives_up_on_a_stuck_item_and_the_work_stops_after_it(runner) -> None:  # type: ignore[no-untyped-def]
    gate, started = threading.Event(), list[str]()
    lane = Lane()
    done, late = runner(gated_work(gate, started), ["a", SLOW, "c"], 0.2, lane)
    assert (done, late) == ([outputs("a")], True)
    finished = threading.Event()
    lane.submit(finished.set)  # runs once the abandoned job returns
    lane.retire()
    gate.set()  # the abandoned item finishes, then the work sees it was abandoned
    assert finished.wait(timeout=10)
    assert started == ["a", SLOW]


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_lane_is_reused_while_nothing_is_late(runner) -> None:  # type: ignore[no-untyped-def]
    lane, threads = Lane(), set()

    def work(items: Sequence[str]) -> Iterator[list[Outgoing]]:
        for name in items:
            threads.add(threading.get_ident())
            yield outputs(name)

    for batch in (["a", "b"], ["c"]):
        assert runner(work, batch, 5.0, lane) == ([outputs(name) for name in batch], False)
    assert len(threads) == 1 and threading.get_ident() not in threads


@pytest.mark.parametrize("runner", RUNNERS)
def test_an_error_in_the_work_is_raised_not_swallowed(runner) -> None:  # type: ignore[no-untyped-def]
    def broken(items: Sequence[str]) -> Iterator[list[Outgoing]]:
        yield outputs(items[0])
        raise ZeroDivisionError("a bug")

    with pytest.raises(ZeroDivisionError):
        runner(broken, ["a", "b"], 5.0, Lane())


@pytest.mark.parametrize("runner", RUNNERS)
def test_work_yielding_too_few_results_is_a_bug(runner) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError, match="1 results for 2 items"):
        runner(lambda items: iter([outputs("a")]), ["a", "b"], 5.0, Lane())


@pytest.mark.parametrize(("batched", "free_loop"), [(True, True), (False, False)])
def test_the_edge_dead_letters_a_too_slow_article_and_sends_the_others_whole(batched: bool, free_loop: bool) -> None:
    gate = threading.Event()

    def work(articles: Sequence[Article]) -> Iterator[list[Outgoing]]:
        for a in articles:
            if a.text == "text 2":
                gate.wait(timeout=30)
            yield [Outgoing("out", a.id, a.text.encode()), Outgoing("out", a.id, a.text.upper().encode())]

    send = FakeSend()
    batch_edge = edge(send)
    try:
        asyncio.run(process_batch(events(article(1), article(2), article(3)), batch_edge,  # type: ignore[arg-type]
                                  budgeted(work, 0.2, batched=batched, free_loop=free_loop)))
    finally:
        gate.set()
    assert [o.value for o in send.delivered if o.topic == "out"] == [b"text 1", b"TEXT 1", b"text 3", b"TEXT 3"]
    [letter] = [json.loads(o.value) for o in send.delivered if o.topic == "dead"]
    assert (letter["reason"], letter["offset"], letter["key"]) == ("too_slow", 1, None)
    assert "COUNTERCLAIM_ARTICLE_BUDGET_SECONDS" in letter["detail"]
    assert sample(batch_edge, "counterclaim_messages_failed_total", worker="quotes", reason="too_slow") == 1
    assert sample(batch_edge, "counterclaim_messages_out_total", worker="quotes", topic="out") == 4


def test_a_cancelled_wait_abandons_the_job_after_its_current_item() -> None:
    """SIGTERM cancels the agent mid-batch: the thread stops after its current item, sending nothing more."""
    gate, started, lane = threading.Event(), list[str](), Lane()

    async def scenario() -> None:
        task = asyncio.ensure_future(run_in_thread(gated_work(gate, started), ["a", SLOW, "c"], 30.0, lane))
        while SLOW not in started:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    finished = threading.Event()
    lane.submit(finished.set)
    gate.set()
    assert finished.wait(timeout=10) and started == ["a", SLOW]
