"""A time budget per article: the work runs in a thread, and an article over budget is too slow.

Python cannot stop a thread, so an article over budget is abandoned, not interrupted: its
thread finishes the article in the background, produces nothing and exits, and a new
thread takes the next articles. Faust heartbeats from its own consumer thread, so the
worker stays in its group meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypeVar

from services.common.intake import Rejection
from services.common.stream import Handler, Outgoing

log = logging.getLogger(__name__)
Item = TypeVar("Item")
BUDGET_VARIABLE = "COUNTERCLAIM_ARTICLE_BUDGET_SECONDS"

# Synchronous work on a batch: yields one list of outputs per item, in item order, as each is done.
Work = Callable[[Sequence[Item]], Iterable[list[Outgoing]]]
# Runs work on items; returns the outputs of the items finished in time and whether it gave up on the next.
Run = Callable[[Sequence[Item]], Awaitable[tuple[list[list[Outgoing]], bool]]]


async def within_budget(items: Sequence[Item], run: Run[Item], *, batched: bool) -> list[list[Outgoing] | None]:
    """Outputs per item, None for an item that is too slow; the rest of the batch runs on after it.

    `batched` work handles items together (spaCy parses several texts at once), so an
    item late in company may only be waiting for a slow neighbour: it runs again alone,
    and only an item late on its own is too slow. Work that handles items one after
    the other starts each item's clock when the previous one is done, so late is slow.
    """
    results: list[list[Outgoing] | None] = []
    suspect = False
    while len(results) < len(items):
        rest = items[len(results):]
        batch = rest[:1] if suspect else rest
        done, late = await run(batch)
        results += done
        if late and (len(batch) == 1 or not batched):
            results.append(None)
        suspect = late and len(batch) > 1 and batched
    return results


class Lane:
    """A daemon thread that runs jobs one after another (its thread-local state stays warm).

    A lane whose job was abandoned is retired: its thread exits after that job, and a
    new lane takes the next ones. Daemon, so a job still running never delays exit.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="article-work", daemon=True).start()

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()

    def submit(self, job: Callable[[], None]) -> None:
        self._jobs.put(job)

    def retire(self) -> None:
        self._jobs.put(None)


def _start(work: Work[Item], items: Sequence[Item], report: Callable[[str, Any], None], lane: Lane
           ) -> threading.Event:
    """Run `work` on `lane`, reporting ("done", outputs) per item, then ("end", None), or
    ("error", exception); returns the event that tells the job it was abandoned."""
    abandoned = threading.Event()

    def produce() -> None:
        try:
            for outputs in work(items):
                if abandoned.is_set():
                    return
                report("done", outputs)
            report("end", None)
        except BaseException as error:  # handed to the waiting side, which raises it
            report("error", error)

    lane.submit(produce)
    return abandoned


def _received(finished: list[list[Outgoing]], kind: str, value: Any, expected: int) -> None:
    if kind == "error":
        raise value
    if kind == "end":
        raise RuntimeError(f"work yielded {len(finished)} results for {expected} items")
    finished.append(value)


async def run_in_thread(work: Work[Item], items: Sequence[Item], budget_seconds: float, lane: Lane
                        ) -> tuple[list[list[Outgoing]], bool]:
    """Run `work` on `items` on `lane`'s thread, allowing each item `budget_seconds` after the previous one,
    while the event loop stays free.

    Returns the outputs finished in time and True if it gave up waiting for the next item.
    An error inside `work` is raised here (a bug: the worker crashes loudly).
    """
    loop = asyncio.get_running_loop()
    arrivals: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def report(kind: str, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed while an abandoned item still ran
            loop.call_soon_threadsafe(arrivals.put_nowait, (kind, value))

    abandoned = _start(work, items, report, lane)
    finished: list[list[Outgoing]] = []
    while len(finished) < len(items):
        try:
            kind, value = await asyncio.wait_for(arrivals.get(), timeout=budget_seconds)
        except TimeoutError:
            abandoned.set()
            return finished, True
        except asyncio.CancelledError:  # shutdown: the job stops after its current item
            abandoned.set()
            raise
        _received(finished, kind, value, len(items))
    return finished, False


def run_holding_loop(work: Work[Item], items: Sequence[Item], budget_seconds: float, lane: Lane
                     ) -> tuple[list[list[Outgoing]], bool]:
    """Like `run_in_thread`, but the calling thread (the event loop) waits blocked, as if it did the
    work itself, for at most `budget_seconds` per item.

    The entity and contradiction workers did their work on the loop before there was a budget;
    this keeps that behaviour (and cost) while allowing a slow article to be abandoned.
    """
    arrivals: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
    abandoned = _start(work, items, lambda kind, value: arrivals.put((kind, value)), lane)
    finished: list[list[Outgoing]] = []
    while len(finished) < len(items):
        try:
            kind, value = arrivals.get(timeout=budget_seconds)
        except queue.Empty:
            abandoned.set()
            return finished, True
        _received(finished, kind, value, len(items))
    return finished, False


def budgeted(work: Work[Item], budget_seconds: float, *, batched: bool = False,
             free_loop: bool = False) -> Handler[Any]:
    """A batch handler that runs `work` in a thread and rejects each article over budget as too_slow.

    `batched`: `work` processes several items at once (see `within_budget`). `free_loop`: the
    event loop runs on meanwhile (`run_in_thread`) instead of waiting (`run_holding_loop`).
    """

    lanes = [Lane()]  # the one in use; replaced when its job is abandoned

    def replace_lane() -> None:
        lanes[0].retire()
        lanes[0] = Lane()

    async def run(batch: Sequence[Any]) -> tuple[list[list[Outgoing]], bool]:
        try:
            if free_loop:
                done, late = await run_in_thread(work, batch, budget_seconds, lanes[0])
            else:
                done, late = run_holding_loop(work, batch, budget_seconds, lanes[0])
        except asyncio.CancelledError:
            replace_lane()  # its job may still be running
            raise
        if late:
            replace_lane()
        return done, late

    too_slow = Rejection("too_slow", f"took longer than the budget of {budget_seconds:g} s per article "
                                     f"({BUDGET_VARIABLE}); its outputs were not sent")

    async def handle(items: Sequence[Any]) -> list[list[Outgoing] | Rejection]:
        results = await within_budget(items, run, batched=batched)
        if None in results:
            log.warning("%d article(s) over the %g s budget; Python cannot stop a thread, so each finishes "
                        "in the background and its result is dropped", results.count(None), budget_seconds)
        return [too_slow if outputs is None else outputs for outputs in results]

    return handle
