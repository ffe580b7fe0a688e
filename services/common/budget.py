"""A time budget per article: the work runs in a thread, and an article over budget is too slow.

Python cannot stop a thread, so an article over budget is abandoned, not interrupted: its
thread finishes the article in the background, produces nothing and exits. The event
loop stays free meanwhile, so the worker keeps heartbeating and moves on at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
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


async def run_in_thread(work: Work[Item], items: Sequence[Item], budget_seconds: float
                        ) -> tuple[list[list[Outgoing]], bool]:
    """Run `work` on `items` in a daemon thread, allowing each item `budget_seconds` after the previous one.

    Returns the outputs finished in time and True if it gave up waiting for the next item.
    An error inside `work` is raised here (a bug: the worker crashes loudly).
    """
    loop = asyncio.get_running_loop()
    arrivals: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    abandoned = threading.Event()

    def report(kind: str, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed while an abandoned item still ran
            loop.call_soon_threadsafe(arrivals.put_nowait, (kind, value))

    def produce() -> None:
        try:
            for outputs in work(items):
                if abandoned.is_set():
                    return
                report("done", outputs)
            report("end", None)
        except BaseException as error:  # handed to the event loop, which raises it
            report("error", error)

    threading.Thread(target=produce, name="article-work", daemon=True).start()
    finished: list[list[Outgoing]] = []
    while len(finished) < len(items):
        try:
            kind, value = await asyncio.wait_for(arrivals.get(), timeout=budget_seconds)
        except TimeoutError:
            abandoned.set()
            return finished, True
        if kind == "error":
            raise value
        if kind == "end":
            raise RuntimeError(f"work yielded {len(finished)} results for {len(items)} items")
        finished.append(value)
    return finished, False


def budgeted(work: Work[Item], budget_seconds: float, *, batched: bool = False) -> Handler[Any]:
    """A batch handler that runs `work` off the event loop and rejects each article over budget as too_slow.

    `batched`: `work` processes several items at once (see `within_budget`).
    """
    too_slow = Rejection("too_slow", f"took longer than the budget of {budget_seconds:g} s per article "
                                     f"({BUDGET_VARIABLE}); its outputs were not sent")

    async def handle(items: Sequence[Any]) -> list[list[Outgoing] | Rejection]:
        results = await within_budget(items, lambda batch: run_in_thread(work, batch, budget_seconds),
                                      batched=batched)
        if None in results:
            log.warning("%d article(s) over the %g s budget; Python cannot stop a thread, so each finishes "
                        "in the background and its result is dropped", results.count(None), budget_seconds)
        return [too_slow if outputs is None else outputs for outputs in results]

    return handle
