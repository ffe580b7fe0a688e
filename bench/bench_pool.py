"""EXPERIMENT support: spaCy in child processes, so one worker can parse on both cores.

Measured in the three-worker pipeline on 2 cores, a 2-process pool in the quote
worker did not pay (P 11.4 -> 10.7 articles/s, +6 CPU ms/article, +290 MiB), so it
lives here, for the shared-parse experiment's parse stage only (docs/performance.md).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.synchronize import Barrier
from typing import TypeVar

from spacy.language import Language

from services.common.nlp import load_nlp

START_SECONDS = 120.0
ORPHAN_CHECK_SECONDS = 1.0

Item = TypeVar("Item")
Result = TypeVar("Result")
# Runs in a child process on a share of a batch: module-level, so it pickles by name.
Work = Callable[[Language, Sequence[Item]], list[Result]]


class ParsePool:
    """spaCy in child processes, so one worker can parse on several cores at once.

    spaCy holds the GIL while it parses, so threads cannot do this. Each child loads
    the model once; `run` splits a batch into one share per child, balanced by text
    length, and runs `work(nlp, share)` there. Children exit when the worker does.
    """

    def __init__(self, keep: Iterable[str], processes: int) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a process that has threads
        barrier = context.Barrier(processes)
        self.processes = processes
        self._pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_start_child,
                                         initargs=(tuple(keep), barrier, os.getpid()))
        # One task per child, each waiting at the barrier: returns once every model is loaded.
        list(self._pool.map(_wait_for_siblings, range(processes)))

    async def run(self, work: Work[Item, Result], items: Sequence[Item], size: Callable[[Item], int]) -> list[Result]:
        """`work` over `items` in the children; results in input order. A dead child raises BrokenProcessPool."""
        loop = asyncio.get_running_loop()
        shares = _balanced(list(range(len(items))), [size(item) for item in items], self.processes)
        futures = [loop.run_in_executor(self._pool, _run_child, work, [items[i] for i in share]) for share in shares]
        results: dict[int, Result] = {}
        for share, outputs in zip(shares, await asyncio.gather(*futures), strict=True):
            results.update(zip(share, outputs, strict=True))
        return [results[i] for i in range(len(items))]


_child_nlp: Language | None = None
_child_barrier: Barrier | None = None


def _start_child(keep: tuple[str, ...], barrier: Barrier, parent: int) -> None:
    global _child_nlp, _child_barrier
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _child_nlp = load_nlp(keep)
    _child_nlp("Warm the pipeline up once.")
    _child_barrier = barrier


def _exit_with(parent: int) -> None:
    """Exit when the worker is gone, even SIGKILLed: the pool cannot tell a child then."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(0)


def _wait_for_siblings(_: int) -> int:
    assert _child_barrier is not None
    _child_barrier.wait(timeout=START_SECONDS)
    return os.getpid()


def _run_child(work: Work[Item, Result], share: Sequence[Item]) -> list[Result]:
    assert _child_nlp is not None
    return work(_child_nlp, share)


def _balanced(indices: list[int], sizes: list[int], parts: int) -> list[list[int]]:
    """`indices` in at most `parts` non-empty groups of similar total size (largest first)."""
    groups: list[list[int]] = [[] for _ in range(parts)]
    totals = [0] * parts
    for i in sorted(indices, key=lambda i: -sizes[i]):
        smallest = totals.index(min(totals))
        groups[smallest].append(i)
        totals[smallest] += sizes[i]
    return [sorted(group) for group in groups if group]
