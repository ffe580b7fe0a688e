"""Faults on a real broker: SIGKILL, SIGTERM, scale-out and a late broker lose nothing.

Every check compares the event ids that arrive with a reference computed by the
same pure cores (`counterclaim analyze`), so "nothing lost" means the exact set;
duplicates from redelivery must be byte-identical copies.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaConsumer

from services.cli.stack import Stack
from services.common.broker import free_port, start_broker
from tests.support.kafka import REPO, WAIT_SECONDS, Pipeline, metric_value, pipeline_env, wait_for

pytestmark = pytest.mark.integration

SPEAKERS = [
    ("Laura Bennett", "Canadian Trade Minister", "Ottawa"),
    ("Jorge Salinas", "Mexico's Economy Minister", "Mexico City"),
    ("Anna Keller", "German Finance Minister", "Berlin"), ("Pierre Laurent", "French Foreign Minister", "Paris"),
    ("Kenji Watanabe", "Japan's Trade Minister", "Tokyo"), ("Maria Costa", "Brazil's Energy Minister", "Brasilia"),
    ("Rahul Mehta", "India's Commerce Minister", "New Delhi"), ("Sofia Rossi", "Italy's Labour Minister", "Rome"),
    ("Tom Harris", "British Business Secretary", "London"), ("Elena Petrova", "Bulgaria's Energy Minister", "Sofia"),
]
TOPICS = ["the trade talks", "the fishing agreement", "the pipeline deal", "the tariff review", "the climate summit",
          "the border accord", "the steel quota plan", "the grain corridor", "the tax treaty", "the data pact"]
PRAISE = ["constructive and productive", "a genuine breakthrough", "a fair and balanced outcome", "a real success"]
SCORN = ["a disappointing failure", "a waste of time", "a deeply unfair deal", "a complete disaster"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
CRASH, SCALE, TERM = 300, 120, 150  # articles per test
EventsById = dict[str, set[bytes]]


def wire_articles(count: int, *, prefix: str, seed: int = 7) -> list[dict[str, Any]]:
    """`count` distinct short articles, each quoting two officials who judge one topic oppositely."""
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        (a, a_role, a_city), (b, b_role, _) = rng.sample(SPEAKERS, 2)
        topic, day = rng.choice(TOPICS), rng.choice(DAYS)
        text = (
            f"{topic.capitalize()} divide officials\n\n"
            f'{a_role} {a} described {topic} as "{rng.choice(PRAISE)}" on {day}. '
            f'"We made real progress on item {number}," {a.split()[-1]} told reporters in {a_city}.\n\n'
            f'{b_role} {b} called {topic} "{rng.choice(SCORN)}". '
            f'"The talks on item {number} went nowhere," {b.split()[-1]} said in a statement.'
        )
        articles.append({"id": f"{prefix}-{number:04d}", "text": text, "source": f"Wire {number % 3}"})
    return articles


ARTICLES = {name: wire_articles(count, prefix=name) for name, count in
            (("crash", CRASH), ("scale", SCALE), ("term", TERM))}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], dict[str, set[str]]]]:
    """Expected event ids per type for a batch of ARTICLES, from `counterclaim analyze` (no Kafka).

    Analyze runs in the background while the tests start their workers. Cross-article
    contradictions depend on arrival order across partitions, so they are left out.
    """
    folder = tmp_path_factory.mktemp("reference")
    source, out = folder / "articles.jsonl", folder / "events.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for batch in ARTICLES.values() for a in batch))
    with open(out, "wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "services.cli.main", "analyze", "--input", str(source)],
                                   stdout=sink, stderr=subprocess.PIPE, cwd=REPO)
    computed: dict[str, dict[str, set[str]]] = {}

    def expected(batch: str) -> dict[str, set[str]]:
        if not computed:
            _, errors = process.communicate(timeout=WAIT_SECONDS)
            assert process.returncode == 0, errors.decode()
            for line in out.read_text().splitlines():
                event = json.loads(line)
                if event.get("kind") != "cross-article":
                    name = event["article_id"].split("-")[0]
                    computed.setdefault(name, defaultdict(set))[event["type"]].add(event["event_id"])
        return computed[batch]

    yield expected
    process.kill()
    process.wait()


@pytest.fixture
def fresh(bootstrap: str, tmp_path: Path) -> Iterator[Pipeline]:
    """Fresh topics, group and metrics ports; no worker started; everything stopped afterwards."""
    env = pipeline_env(bootstrap, tmp_path)
    pipeline = Pipeline(env, Stack(tmp_path, env))
    try:
        yield pipeline
    finally:
        pipeline.stack.stop_all()


def publish(pipeline: Pipeline, articles: list[dict[str, Any]]) -> None:
    producer = pipeline.producer()
    for article in articles:
        producer.send(pipeline.settings.topics.raw, key=article["id"].encode(), value=json.dumps(article).encode())
    producer.flush()
    producer.close()


def counter(pipeline: Pipeline, worker: str, name: str = "counterclaim_messages_in_total", port: int | None = None,
            **labels: str) -> float:
    import urllib.request

    port = port or pipeline.settings.metrics_ports[worker]
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            page = response.read().decode()
    except OSError:
        return 0.0
    return metric_value(page, name, worker=worker, **labels)


def collect(pipeline: Pipeline, topic: str, wanted: set[str], timeout: float = WAIT_SECONDS) -> EventsById:
    """Raw values by event id on `topic` from the beginning, once every id in `wanted` has arrived."""
    consumer = KafkaConsumer(topic, bootstrap_servers=pipeline.settings.bootstrap_servers,
                             auto_offset_reset="earliest", group_id=None, enable_auto_commit=False)
    seen: EventsById = defaultdict(set)
    deadline = time.monotonic() + timeout
    try:
        while not wanted <= seen.keys():
            if time.monotonic() > deadline:
                missing = sorted(wanted - seen.keys())
                raise AssertionError(f"{len(missing)} of {len(wanted)} events missing on {topic}: {missing[:5]}")
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    seen[json.loads(record.value)["event_id"]].add(record.value)
    finally:
        consumer.close()
    return seen


def assert_exactly(seen: EventsById, wanted: set[str], *, ignore: Callable[[bytes], bool] = lambda _: False) -> None:
    """The same ids as `wanted` (none lost, none invented); every duplicate a byte-identical copy."""
    relevant = {event_id: values for event_id, values in seen.items() if not any(map(ignore, values))}
    assert relevant.keys() == wanted
    differing = {event_id: values for event_id, values in relevant.items() if len(values) > 1}
    assert not differing, f"{len(differing)} event ids carry different bytes"


def cross_article(value: bytes) -> bool:
    return json.loads(value).get("kind") == "cross-article"


def test_sigkill_of_each_worker_mid_stream_loses_nothing(fresh: Pipeline, reference: Any) -> None:
    articles = ARTICLES["crash"]
    topics = fresh.settings.topics
    fresh.start("entities", "quotes", "contradictions")
    publish(fresh, articles[:100])
    sent = 100
    for worker, more in (("entities", articles[100:200]), ("quotes", articles[200:])):
        def started(w: str = worker) -> bool:
            return counter(fresh, w) >= 20

        wait_for(started, f"{worker} to consume")
        consumed = counter(fresh, worker)
        fresh.stack.stop(worker, signal.SIGKILL)
        assert consumed < sent, f"{worker} consumed everything before it was killed"  # it still had work
        publish(fresh, more)
        sent += len(more)
        fresh.stack.start_worker(worker)
    # The contradiction worker dies while the restarted quote worker still sends it bundles;
    # restarted, it recovers its claims table from the changelog and processes the rest.
    inputs = (topics.quoted_articles, topics.subject_claims)
    processed = counter(fresh, "contradictions", "counterclaim_processing_seconds_count")
    fresh.stack.stop("contradictions", signal.SIGKILL)
    wait_for(lambda: fresh.end_offsets_total(*inputs) > processed, "work for the dead contradiction worker")
    fresh.stack.start_worker("contradictions")
    for worker in ("entities", "quotes", "contradictions"):
        fresh.stack.wait_ready(worker, fresh.settings.metrics_ports[worker])
    assert "hit an unexpected error" not in "".join(
        fresh.stack.log(w).read_text() for w in ("quotes", "entities", "contradictions"))

    expected = reference("crash")
    assert_exactly(collect(fresh, topics.entities, expected["entity"]), expected["entity"])
    assert_exactly(collect(fresh, topics.quotes, expected["quote"]), expected["quote"])
    contradictions = collect(fresh, topics.contradictions, expected["contradiction"])
    assert_exactly(contradictions, expected["contradiction"], ignore=cross_article)


def test_two_quote_workers_share_partitions_and_one_takes_over(fresh: Pipeline, reference: Any) -> None:
    articles = ARTICLES["scale"]
    ports = {"quotes-a": free_port(), "quotes-b": free_port()}
    for label, port in ports.items():
        fresh.stack.start_worker("quotes", instance=label, env={"COUNTERCLAIM_QUOTES_METRICS_PORT": str(port)})
    for label, port in ports.items():
        fresh.stack.wait_ready(label, port)
    publish(fresh, articles[:60])

    def both_consumed() -> bool:
        return all(counter(fresh, "quotes", port=port) > 0 for port in ports.values())

    wait_for(both_consumed, "both quote instances to consume")
    shares = wait_for(lambda: [lag_partitions(fresh, port) for port in ports.values()] if all(
        lag_partitions(fresh, port) for port in ports.values()) else None, "both to report their partitions")
    assert not shares[0] & shares[1]  # each partition has one consumer

    fresh.stack.stop("quotes-a", signal.SIGKILL)
    publish(fresh, articles[60:])
    wait_for(lambda: len(lag_partitions(fresh, ports["quotes-b"])) == fresh.settings.partitions,
             "the survivor to take every partition")
    expected = reference("scale")["quote"]
    assert_exactly(collect(fresh, fresh.settings.topics.quotes, expected), expected)


def lag_partitions(pipeline: Pipeline, port: int) -> set[str]:
    """The input partitions a quote worker reports consumer lag for (its assignment)."""
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        page = response.read().decode()
    prefix = "counterclaim_consumer_lag_messages{"
    return {line.split('partition="')[1].split('"')[0] for line in page.splitlines() if line.startswith(prefix)}


def test_sigterm_mid_batch_exits_cleanly_and_loses_nothing(fresh: Pipeline, reference: Any) -> None:
    articles = ARTICLES["term"]
    worker = spawn(fresh, "quotes")
    fresh.stack.wait_ready("quotes-term", fresh.settings.metrics_ports["quotes"])
    publish(fresh, articles)
    wait_for(lambda: counter(fresh, "quotes") >= 20, "quotes to consume")
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 0
    restarted = spawn(fresh, "quotes")
    try:
        expected = reference("term")["quote"]
        assert_exactly(collect(fresh, fresh.settings.topics.quotes, expected), expected)
    finally:
        restarted.terminate()
        assert restarted.wait(timeout=60) == 0
    log = fresh.stack.log("quotes-term").read_text()
    assert "Traceback" not in log


def spawn(pipeline: Pipeline, name: str) -> subprocess.Popen[bytes]:
    """A worker as our own child, so the test sees its exit code; logs to `<name>-term.log`."""
    with open(pipeline.stack.log(f"{name}-term"), "ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "services.cli.main", "worker", name], env=pipeline.env,
                                   stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    pipeline.stack.record(f"{name}-term", process)  # stop_all cleans up on failure
    return process


def test_worker_started_before_the_broker_retries_then_works(tmp_path: Path) -> None:
    port = free_port()
    env = pipeline_env(f"127.0.0.1:{port}", tmp_path)
    pipeline = Pipeline(env, Stack(tmp_path, env))
    broker = None
    try:
        pipeline.stack.start_worker("quotes")
        wait_for(lambda: "not reachable yet" in pipeline.stack.log("quotes").read_text(), "the retry message")
        broker = start_broker(port, log_path=tmp_path / "late-broker.log")
        pipeline.stack.wait_ready("quotes", pipeline.settings.metrics_ports["quotes"])
        article = {"id": "late-1", "text": ARTICLES["term"][0]["text"]}
        publish(pipeline, [article])
        events = pipeline.read(pipeline.settings.topics.quotes,
                               lambda es: any(e["article_id"] == "late-1" for e in es))
        assert "Maria Costa" in {e["speaker"]["name"] for e in events if e["speaker"]}
    finally:
        pipeline.stack.stop_all()
        if broker is not None:
            broker.terminate()
            broker.wait(timeout=10)


def test_startup_log_never_shows_the_password(tmp_path: Path) -> None:
    secret = "n0t-in-any-log"
    env = pipeline_env(f"127.0.0.1:{free_port()}", tmp_path, KAFKA_SECURITY_PROTOCOL="SASL_PLAINTEXT",
                       KAFKA_SASL_MECHANISM="SCRAM-SHA-256", KAFKA_SASL_USERNAME="cc", KAFKA_SASL_PASSWORD=secret,
                       COUNTERCLAIM_LOG_LEVEL="debug")
    stack = Stack(tmp_path, env)
    try:
        stack.start_worker("entities")
        wait_for(lambda: "not reachable yet" in stack.log("entities").read_text(), "the retry message")
    finally:
        stack.stop_all()
    assert secret not in stack.log("entities").read_text()
