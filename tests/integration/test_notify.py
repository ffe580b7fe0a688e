"""`counterclaim notify` on a real broker against a local webhook: delivery, retries, dead letters,
and no loss when notify is SIGKILLed mid-stream."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent, ContradictionKind
from services.cli.stack import Stack
from services.common.kafka import ensure_topics
from tests.support.kafka import REPO, Pipeline, pipeline_env
from tests.support.webhook import Received, running_webhook

pytestmark = pytest.mark.integration
SECRET_TOKEN = "Bearer tok-5f1c9e-not-for-logs"
SECRET_PATH = "/hooks/T0001/B0002/path-5e3a7d-not-for-logs"


def contradiction(kind: ContradictionKind, confidence: float, article_id: str) -> ContradictionEvent:
    first = Claim(article_id="earlier", start=0, end=10, text="productive", source="Harbour Wire",
                  speaker=Speaker(name="Mike Pompeo", affiliation="United States"))
    second = Claim(article_id=article_id, start=0, end=11, text="regrettable",
                   speaker=Speaker(name="KCNA", affiliation="North Korea"))
    return ContradictionEvent(event_id=ContradictionEvent.make_id(kind, first, second), article_id=article_id,
                              kind=kind, subject="talks", claims=(first, second), confidence=confidence,
                              explanation="opposed evaluations")


@pytest.fixture
def alerting(bootstrap: str, tmp_path: Path) -> Pipeline:
    """Fresh topics and a fast retry schedule; no workers: the tests publish contradictions themselves."""
    env = pipeline_env(bootstrap, tmp_path, COUNTERCLAIM_WEBHOOK_MAX_ATTEMPTS="4",
                       COUNTERCLAIM_WEBHOOK_BACKOFF_SECONDS="0.05", COUNTERCLAIM_WEBHOOK_BACKOFF_MAX_SECONDS="0.5",
                       COUNTERCLAIM_WEBHOOK_TIMEOUT_SECONDS="5")
    pipeline = Pipeline(env, Stack(tmp_path, env))
    ensure_topics(pipeline.settings, timeout=15)
    return pipeline


def publish(pipeline: Pipeline, events: list[ContradictionEvent], *, partition: int | None = 0) -> None:
    """Publish in order; into one partition by default, so notify sees them in this order."""
    producer = pipeline.producer()
    for event in events:
        producer.send(pipeline.settings.topics.contradictions, key=event.event_id.encode(),
                      value=event.model_dump_json().encode(), partition=partition)
    producer.flush()
    producer.close()


@contextmanager
def running_notify(pipeline: Pipeline, url: str, log: Path, *args: str,
                   **env: str) -> Iterator[subprocess.Popen[bytes]]:
    with open(log, "ab") as out:
        process = subprocess.Popen([sys.executable, "-m", "services.cli.main", "notify", "--webhook", url,
                                    "--from-beginning", *args], env={**pipeline.env, **env}, cwd=REPO,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def alive(process: subprocess.Popen[bytes], log: Path):  # type: ignore[no-untyped-def]
    def check() -> None:
        assert process.poll() is None, f"notify exited with {process.returncode}:\n{log.read_text()[-3000:]}"
    return check


def ids(requests: list[Received], status: int = 200) -> list[str]:
    return [r.headers["idempotency-key"] for r in requests if r.status == status]


def test_delivers_what_the_filters_keep_as_slack_messages_and_logs_no_secret(alerting: Pipeline,
                                                                               tmp_path: Path) -> None:
    low, kept, wrong_kind, last = (contradiction("evaluative", 0.3, "a1"), contradiction("evaluative", 0.9, "a2"),
                                   contradiction("evidence", 0.99, "a3"), contradiction("rebuttal", 0.8, "a4"))
    publish(alerting, [low, kept, wrong_kind, last])
    log = tmp_path / "notify.log"
    with running_webhook() as webhook, running_notify(
            alerting, webhook.url + SECRET_PATH, log, "--format", "slack", "--min-confidence", "0.5",
            "--kind", "evaluative", "--kind", "rebuttal", COUNTERCLAIM_LOG_LEVEL="debug",
            COUNTERCLAIM_WEBHOOK_HEADER_AUTHORIZATION=SECRET_TOKEN) as notify:
        got = webhook.wait_for(lambda rs: last.event_id in ids(rs), alive=alive(notify, log))
        notify.terminate()
        assert notify.wait(timeout=30) == 0

    assert ids(got) == [kept.event_id, last.event_id]  # one partition: in order, filtered ones left out
    first = got[0]
    assert first.path == SECRET_PATH and first.headers["authorization"] == SECRET_TOKEN
    message = json.loads(first.body)
    for words in ("productive", "regrettable", "Mike Pompeo (United States)", "KCNA (North Korea)", "talks"):
        assert words in message["text"]
    output = log.read_text()
    assert "delivered evaluative contradiction on 'talks'" in output
    assert "tok-5f1c9e" not in output and "path-5e3a7d" not in output and "T0001" not in output


def test_a_webhook_that_fails_three_times_gets_the_event_exactly_once(alerting: Pipeline, tmp_path: Path) -> None:
    flaky, after = contradiction("evaluative", 0.9, "b1"), contradiction("rebuttal", 0.9, "b2")
    failures = {flaky.event_id: 3}

    def answer(path: str, headers: dict[str, str], body: bytes) -> int:
        event_id = headers["idempotency-key"]
        if failures.get(event_id, 0) > 0:
            failures[event_id] -= 1
            return 503
        return 200

    publish(alerting, [flaky, after])
    log = tmp_path / "notify.log"
    with running_webhook(answer) as webhook, running_notify(alerting, webhook.url, log) as notify:
        got = webhook.wait_for(lambda rs: after.event_id in ids(rs), alive=alive(notify, log))

    assert ids(got, 503) == [flaky.event_id] * 3
    assert ids(got) == [flaky.event_id, after.event_id]
    assert json.loads(got[3].body) == json.loads(flaky.model_dump_json())
    assert "attempt 1/4 failed (HTTP 503)" in log.read_text()
    assert alerting.message_count(alerting.settings.topics.dead_letters) == 0


def test_an_event_the_webhook_never_accepts_is_dead_lettered_and_notify_goes_on(alerting: Pipeline,
                                                                                 tmp_path: Path) -> None:
    refused, after = contradiction("evaluative", 0.9, "c1"), contradiction("rebuttal", 0.9, "c2")
    publish(alerting, [refused, after])
    log = tmp_path / "notify.log"
    answer = lambda path, headers, body: 503 if headers["idempotency-key"] == refused.event_id else 200  # noqa: E731
    with running_webhook(answer) as webhook, running_notify(alerting, webhook.url + SECRET_PATH, log) as notify:
        got = webhook.wait_for(lambda rs: after.event_id in ids(rs), alive=alive(notify, log))
        letters = alerting.read(alerting.settings.topics.dead_letters, lambda es: len(es) >= 1)
        assert notify.poll() is None, "notify stopped"

    assert ids(got, 503) == [refused.event_id] * 4 and ids(got) == [after.event_id]
    [letter] = letters
    assert (letter["worker"], letter["reason"]) == ("notify", "delivery_failed")
    assert "HTTP 503 on each of 4 attempts" in letter["detail"] and "path-5e3a7d" not in letter["detail"]
    assert json.loads(base64.b64decode(letter["payload_base64"])) == json.loads(refused.model_dump_json())
    assert "sent it to the dead letters and carrying on" in log.read_text()


def test_no_event_is_lost_when_notify_is_killed_mid_stream(alerting: Pipeline, tmp_path: Path) -> None:
    events = [contradiction("evaluative", 0.9, f"d{n}") for n in range(30)]
    hold_at, arrived, release = 8, threading.Event(), threading.Event()
    count = iter(range(1, 10**6))

    def answer(path: str, headers: dict[str, str], body: bytes) -> int:
        if next(count) == hold_at:  # the kill lands while this delivery is in flight,
            arrived.set()           # which then fails: only a redelivery can bring that event
            release.wait(timeout=120)
            return 500
        return 200

    publish(alerting, events, partition=None)  # spread over the partitions by key
    log = tmp_path / "notify.log"
    with running_webhook(answer) as webhook:
        with running_notify(alerting, webhook.url, log) as notify:
            assert arrived.wait(timeout=120), log.read_text()[-3000:]
            os.kill(notify.pid, signal.SIGKILL)
            assert notify.wait(timeout=30) == -signal.SIGKILL
        release.set()
        before = len(webhook.requests())
        assert before < len(events)
        with running_notify(alerting, webhook.url, log) as notify:
            wanted = {event.event_id for event in events}
            got = webhook.wait_for(lambda rs: wanted <= set(ids(rs)), alive=alive(notify, log))

    assert set(ids(got)) == wanted  # duplicates allowed (at least once), losses not
