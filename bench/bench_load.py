"""The two measured loads: bare spaCy in this process, and articles through the running workers."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import spacy
from kafka import KafkaProducer

from bench.bench_support import Completion, percentile
from bench.observer import Observer
from services.common.nlp import MODEL_PACKAGE
from services.common.settings import Settings

BARE_BATCH_SIZE = 64  # at least as fast as spaCy's default (256) on these articles: a fair baseline
TIMEOUT_SECONDS = 900.0
QUIET_SECONDS = 0.3  # trailing events (claims, contradictions) arrive within this after the last bundle


@dataclass(frozen=True)
class BareSpacy:
    articles_per_second: float
    call_p50_ms: float
    call_p99_ms: float
    load_seconds: float
    cpu_ms_per_article: float  # CPU time of nlp.pipe per article: independent of other load
    call_seconds: tuple[float, ...] = ()  # each text's own nlp(text), in publishing order


@dataclass(frozen=True)
class LoadResult:
    label: str
    articles: int
    rate: float | None  # paced publishing rate, or None for as fast as possible
    seconds: float
    articles_per_second: float
    latency_ms: dict[str, float]
    bundle_latency_ms: dict[str, float]  # publish -> quoted-articles bundle: the spaCy workers' part
    topic_done_seconds: dict[str, float]  # from the first publish to the latest event on each topic
    partitions: tuple[int, ...] = ()  # the raw-articles partition of each article, in publishing order
    quote_ms_per_article: float | None = None  # mean of the quote instances' processing_seconds during the run


def bare_spacy(texts: list[str]) -> BareSpacy:
    """B: `nlp.pipe` over `texts` with the full pipeline; then each text alone, for its latency.

    Stock spaCy, as the model ships: not `load_nlp`, whose faster attribute_ruler
    match step is part of what the pipeline is measured for.
    """
    started = time.perf_counter()
    nlp = spacy.load(MODEL_PACKAGE)
    loaded = time.perf_counter() - started
    nlp("Warm the pipeline up once.")
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=BARE_BATCH_SIZE):
        pass
    rate = len(texts) / (time.perf_counter() - started)
    cpu_ms = (time.process_time() - cpu) * 1000 / len(texts)
    calls = []
    for text in texts:
        started = time.perf_counter()
        nlp(text)
        calls.append(time.perf_counter() - started)
    return BareSpacy(rate, percentile(calls, 50) * 1000, percentile(calls, 99) * 1000, loaded, cpu_ms, tuple(calls))


def run_load(settings: Settings, observer: Observer, completion: Completion, texts: list[str], label: str,
             *, done_before: int, rate: float | None = None) -> LoadResult:
    """Publish `texts` (paced at `rate` per second when given) and wait until all went through."""
    ids = [f"{label}-{i}" for i in range(len(texts))]
    values = [json.dumps({"id": i, "text": text}).encode() for i, text in zip(ids, texts, strict=True)]
    producer = KafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all", linger_ms=5)
    sent: dict[str, float] = {}
    deliveries = []
    first = time.time()
    for i, (article_id, value) in enumerate(zip(ids, values, strict=True)):
        if rate:
            time.sleep(max(0.0, first + i / rate - time.time()))
        sent[article_id] = time.time()
        deliveries.append(producer.send(settings.topics.raw, key=article_id.encode(), value=value))
    producer.flush()
    partitions = tuple(delivery.get(timeout=60).partition for delivery in deliveries)
    producer.close()
    _wait_for_bundles(observer, ids)  # in this process: no /metrics scraping while the workers parse
    finished = completion.wait(done_before + len(texts), TIMEOUT_SECONDS)
    time.sleep(QUIET_SECONDS)
    latest = {i: observer.latest(i) or finished for i in ids}
    done = {topic.rsplit("-", 1)[0]: at - first for topic, at in observer.topic_latest().items() if at > first}
    # Through every worker: the contradiction worker has consumed all, and the last event has arrived.
    seconds = max(finished, *latest.values()) - first
    latencies = [latest[i] - sent[i] for i in ids]
    to_bundle = [(observer.bundle(i) or finished) - sent[i] for i in ids]
    return LoadResult(label, len(texts), rate, seconds, len(texts) / seconds,
                      {f"p{q}": percentile(latencies, q) * 1000 for q in (50, 95, 99)},
                      {f"p{q}": percentile(to_bundle, q) * 1000 for q in (50, 95, 99)},
                      {"entity + contradiction workers consumed all": finished - first, **done}, partitions)


def _wait_for_bundles(observer: Observer, ids: list[str]) -> None:
    """Until the observer has seen every article's quoted-articles bundle."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while observer.count_bundles(ids) < len(ids):
        if time.monotonic() > deadline:
            raise RuntimeError("the bench observer did not see every quoted-articles bundle")
        time.sleep(0.02)
