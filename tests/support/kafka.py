"""Real-broker helpers for integration tests: a Tansu broker, worker processes, topic readers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, KafkaProducer

from services.cli.stack import Stack
from services.common.broker import free_port, start_broker
from services.common.settings import METRICS_PORTS, Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 120.0  # generous: conditions are awaited, never slept for


def required_tool(name: str, install_hint: str) -> str:
    """Path of an external tool; skips without it, except under CI (CI=true), where it fails."""
    import shutil

    import pytest

    path = shutil.which(name)
    if path is None:
        reason = f"{name} not found: {install_hint}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def wait_for(condition: Callable[[], Any], what: str, timeout: float = WAIT_SECONDS) -> Any:
    """The first true value of `condition()`, polled every 50 ms; fails the test after `timeout`."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)
    return result


@contextmanager
def running_broker(log_dir: Path) -> Iterator[str]:
    """A fresh in-memory Tansu broker on a free loopback port; yields its bootstrap address."""
    port = free_port()
    process = start_broker(port, log_path=log_dir / "broker.log")
    try:
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def pipeline_env(bootstrap: str, run_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for workers and CLI calls: fresh topic and group names, free metrics ports."""
    tag = uuid.uuid4().hex[:8]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAFKA_", "COUNTERCLAIM_"))}
    env.update(
        KAFKA_BOOTSTRAP_SERVERS=bootstrap,
        KAFKA_SESSION_TIMEOUT_SECONDS="2",
        KAFKA_HEARTBEAT_INTERVAL_SECONDS="0.5",
        KAFKA_FETCH_MAX_WAIT_MS="50",
        COUNTERCLAIM_GROUP_PREFIX=f"test-{tag}",
        COUNTERCLAIM_RUN_DIR=str(run_dir),
        PYTHONPATH=str(REPO),
    )
    for role in ("raw", "entities", "quotes", "contradictions", "dead_letters", "quoted_articles",
                 "subject_claims"):
        env[f"COUNTERCLAIM_TOPIC_{role.upper()}"] = f"{role.replace('_', '-')}-{tag}"
    for worker in METRICS_PORTS:
        env[f"COUNTERCLAIM_{worker.upper()}_METRICS_PORT"] = str(free_port())
    env.update(extra)
    return env


@dataclass
class Pipeline:
    """Workers started as real processes against a real broker, with their settings."""

    env: dict[str, str]
    stack: Stack

    @property
    def settings(self) -> Settings:
        return load_settings(self.env)

    def start(self, *names: str) -> None:
        for name in names:
            self.stack.start_worker(name)
        for name in names:
            self.stack.wait_ready(name, self.settings.metrics_ports[name])

    def cli(self, *args: str, stdin: bytes | None = None,
            timeout: float = WAIT_SECONDS) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "services.cli.main", *args], input=stdin,
                              capture_output=True, env=self.env, timeout=timeout, cwd=REPO)

    def producer(self) -> KafkaProducer:
        return KafkaProducer(bootstrap_servers=self.settings.bootstrap_servers)

    def read(self, topic: str, until: Callable[[list[dict[str, Any]]], bool],
             timeout: float = WAIT_SECONDS) -> list[dict[str, Any]]:
        """Every event on `topic` from the beginning, once `until(events)` holds; fails after `timeout`."""
        consumer = KafkaConsumer(topic, bootstrap_servers=self.settings.bootstrap_servers,
                                 auto_offset_reset="earliest", group_id=None, enable_auto_commit=False)
        events: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        try:
            while not until(events):
                if time.monotonic() > deadline:
                    raise AssertionError(f"condition on {topic} not met after {timeout:.0f} s; got {len(events)} "
                                         f"events: {[e.get('type') for e in events][:20]}")
                for records in consumer.poll(timeout_ms=500).values():
                    events += [json.loads(r.value) for r in records]
        finally:
            consumer.close()
        return events

    def end_offsets_total(self, *topics: str) -> int:
        """The sum of the topics' end offsets: grows with every write, but is not a message
        count (Tansu gives a whole produced batch one offset); see `message_count`."""
        from kafka import TopicPartition

        consumer = KafkaConsumer(bootstrap_servers=self.settings.bootstrap_servers)
        try:
            partitions = [TopicPartition(t, p) for t in topics for p in consumer.partitions_for_topic(t) or ()]
            return sum(consumer.end_offsets(partitions).values())
        finally:
            consumer.close()

    def message_count(self, *topics: str, timeout: float = WAIT_SECONDS) -> int:
        """How many messages the topics hold now, counted by reading them to their end."""
        from kafka import TopicPartition

        consumer = KafkaConsumer(bootstrap_servers=self.settings.bootstrap_servers, enable_auto_commit=False)
        try:
            partitions = [TopicPartition(t, p) for t in topics for p in consumer.partitions_for_topic(t) or ()]
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            ends = consumer.end_offsets(partitions)
            count, deadline = 0, time.monotonic() + timeout
            while any(consumer.position(tp) < end for tp, end in ends.items()):
                if time.monotonic() > deadline:
                    raise AssertionError(f"could not read {topics} to their end in {timeout:.0f} s")
                count += sum(len(records) for records in consumer.poll(timeout_ms=500).values())
            return count
        finally:
            consumer.close()

    def wait_contradictions_idle(self, timeout: float = WAIT_SECONDS) -> None:
        """Wait until the contradiction worker has processed every message on both of its inputs."""
        topics = self.settings.topics
        deadline = time.monotonic() + timeout
        while True:
            waiting = self.message_count(topics.quoted_articles, topics.subject_claims)
            done = metric_value(self.metrics_text("contradictions"), "counterclaim_processing_seconds_count")
            if done >= waiting:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"contradiction worker processed {done:.0f} of {waiting} messages")
            time.sleep(0.2)

    def metrics_text(self, worker: str) -> str:
        import urllib.request

        port = self.settings.metrics_ports[worker]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            return str(response.read().decode())


@contextmanager
def running_pipeline(bootstrap: str, run_dir: Path, **extra: str) -> Iterator[Pipeline]:
    """The three workers on fresh topics (settings `extra` added), ready; stopped afterwards."""
    env = pipeline_env(bootstrap, run_dir, **extra)
    pipeline = Pipeline(env, Stack(run_dir, env))
    try:
        pipeline.start("entities", "quotes", "contradictions")
        yield pipeline
    finally:
        pipeline.stack.stop_all()


def metric_value(text: str, name: str, **labels: str) -> float:
    """The value of one series in a /metrics page (0 when absent)."""
    wanted = [f'{key}="{value}"' for key, value in labels.items()]
    for line in text.splitlines():
        named = line.startswith(name + "{") or line.startswith(name + " ")
        if named and all(label in line for label in wanted):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def for_article(article_id: str) -> Callable[[dict[str, Any]], bool]:
    return lambda event: event.get("article_id") == article_id
