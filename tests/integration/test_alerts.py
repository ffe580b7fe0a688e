"""`counterclaim alerts` on a real broker: it prints the contradictions that pass its filters,
and counts only those towards --max."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.events import Claim, ContradictionEvent, ContradictionKind
from services.cli.stack import Stack
from services.common.kafka import ensure_topics
from tests.support.kafka import Pipeline, pipeline_env

pytestmark = pytest.mark.integration


def contradiction(kind: ContradictionKind, confidence: float, article_id: str) -> ContradictionEvent:
    first = Claim(article_id="earlier", start=0, end=10, text="productive")
    second = Claim(article_id=article_id, start=0, end=11, text="regrettable")
    return ContradictionEvent(event_id=ContradictionEvent.make_id(kind, first, second), article_id=article_id,
                              kind=kind, subject="talks", claims=(first, second), confidence=confidence,
                              explanation="opposed evaluations")


def test_alerts_prints_only_the_kinds_and_confidence_asked_for(bootstrap: str, tmp_path: Path) -> None:
    env = pipeline_env(bootstrap, tmp_path)
    alerting = Pipeline(env, Stack(tmp_path, env))  # no workers: the events are published here
    settings = alerting.settings
    ensure_topics(settings, timeout=15)
    events = [contradiction("evaluative", 0.9, "a1"), contradiction("rebuttal", 0.3, "a2"),
              contradiction("rebuttal", 0.8, "a3"), contradiction("cross-article", 0.95, "a4"),
              contradiction("evidence", 0.99, "a5")]
    producer = alerting.producer()
    for event in events:
        producer.send(settings.topics.contradictions, key=event.event_id.encode(),
                      value=event.model_dump_json().encode())
    producer.flush()
    producer.close()

    done = alerting.cli("alerts", "--from-beginning", "--json", "--max", "2", "--timeout", "10",
                        "--min-confidence", "0.5", "--kind", "rebuttal", "--kind", "cross-article")

    assert done.returncode == 0, done.stderr.decode()
    shown = [json.loads(line)["article_id"] for line in done.stdout.decode().splitlines()]
    assert sorted(shown) == ["a3", "a4"]  # partitions give no order across keys
    assert "2 event(s) from" in done.stderr.decode()
