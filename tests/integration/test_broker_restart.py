"""A restarted embedded broker (in memory: no topics) makes a running worker exit with a clear
message (code 75), never idle silently; started again, the worker recreates the topics. And
`up` after its broker died brings the whole stack back."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from kafka import KafkaAdminClient

from services.cli.stack import Stack, worker_ready
from services.common.broker import free_port, start_broker
from services.common.kafka import all_topics
from services.common.settings import load_settings
from tests.support.kafka import REPO, WAIT_SECONDS, Pipeline, for_article, metric_value, pipeline_env

pytestmark = pytest.mark.integration
EXIT_TOPICS_LOST = 75


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "services.cli.main", "worker", "entities"], cwd=REPO,
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(worker: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not worker_ready(port):
        assert worker.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)


def topics_on(bootstrap: str) -> set[str]:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        return set(admin.list_topics())
    finally:
        admin.close()


def test_a_worker_exits_when_a_restarted_broker_lost_its_topics_and_recreates_them_on_restart(
        tmp_path: Path) -> None:
    port = free_port()
    env = pipeline_env(f"127.0.0.1:{port}", tmp_path / "run")
    settings = load_settings(env)
    metrics_port = settings.metrics_ports["entities"]
    log = tmp_path / "entities.log"
    broker = start_broker(port, log_path=tmp_path / "broker.log")
    worker = start_worker(env, log)
    try:
        wait_ready(worker, metrics_port, log)
        assert set(all_topics(settings)) <= topics_on(settings.bootstrap_servers)
        page = urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5).read().decode()
        assert metric_value(page, "process_resident_memory_bytes") > 0  # the served registry has them
        assert metric_value(page, "process_cpu_seconds_total") > 0
        broker.terminate()
        broker.wait(timeout=10)
        broker = start_broker(port, log_path=tmp_path / "broker.log")  # same port, empty memory

        assert worker.wait(timeout=WAIT_SECONDS) == EXIT_TOPICS_LOST
        message = log.read_text()
        assert "no longer has topic(s)" in message and "was it restarted?" in message, message
        assert "Traceback" not in message, message

        worker = start_worker(env, log)  # what a supervisor (or `make up` again) does
        wait_ready(worker, metrics_port, log)
        assert set(all_topics(settings)) <= topics_on(settings.bootstrap_servers)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        broker.terminate()
        broker.wait(timeout=10)


def test_up_again_after_the_embedded_broker_died_restarts_the_stack(tmp_path: Path) -> None:
    """`make up` after its broker died: the old workers are stopped, a new broker and workers start."""
    env = pipeline_env("unused:1", tmp_path / "run", COUNTERCLAIM_QUOTE_INSTANCES="1")
    env.pop("KAFKA_BOOTSTRAP_SERVERS")
    env["COUNTERCLAIM_BROKER_PORT"] = str(free_port())
    pipeline = Pipeline(env, Stack(tmp_path / "run", env))
    try:
        assert pipeline.cli("up").returncode == 0
        old = {label: pipeline.stack.pid(label) for label in ("entities", "quotes", "contradictions")}
        broker = pipeline.stack.pid("broker")
        assert broker is not None and None not in old.values()
        os.kill(broker, signal.SIGKILL)  # the broker dies, taking every topic with it

        again = pipeline.cli("up")
        assert again.returncode == 0, again.stderr.decode()
        for label, pid in old.items():
            assert f"stopping the {label} worker: the embedded broker it used is gone" in again.stderr.decode()
            assert pipeline.stack.pid(label) not in (None, pid)
        article = {"id": "after-restart", "text": 'Minister Laura Bennett called the deal "a real success" today.'}
        assert pipeline.cli("publish", "-", stdin=json.dumps(article).encode()).returncode == 0
        pipeline.read(pipeline.settings.topics.quotes, until=lambda events: any(map(for_article("after-restart"),
                                                                                     events)))
    finally:
        pipeline.cli("down")
