"""The pipeline benchmark's observer, against a real broker: it must see every article's events,
or the latencies it reports are wrong."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from kafka import KafkaProducer

from bench.observer import Observer
from services.common.broker import free_port
from services.common.kafka import ensure_topics
from services.common.settings import load_settings
from tests.support.kafka import pipeline_env, wait_for

DEADLINE_SECONDS = 30.0


def test_observer_times_each_articles_latest_event(bootstrap: str, tmp_path: Path) -> None:
    settings = load_settings(pipeline_env(bootstrap, tmp_path))
    ensure_topics(settings)
    topics = settings.topics
    observer = Observer(settings)
    observer.start()
    producer = KafkaProducer(bootstrap_servers=bootstrap)
    try:
        published = time.time()
        producer.send(topics.quoted_articles, key=b"a1", value=b"{}")
        producer.send(topics.quoted_articles, key=b"a2", value=b"{}")
        producer.flush()
        wait_for(lambda: observer.count_bundles(["a1", "a2"]) == 2, "both bundles", DEADLINE_SECONDS)
        # Subject claims are keyed by story, not article: the observer reads the article from the value.
        claims = {"subject": "story-x", "claims": [{"claim": {"article_id": "a1"}}]}
        producer.send(topics.subject_claims, key=b"story-x", value=json.dumps(claims).encode())
        producer.flush()
        wait_for(lambda: topics.subject_claims in observer.topic_latest(), "the subject claim", DEADLINE_SECONDS)
    finally:
        producer.close()
        observer.stop()
    first_bundle, latest_a1 = observer.bundle("a1"), observer.latest("a1")
    assert first_bundle is not None and latest_a1 is not None
    assert published <= first_bundle < latest_a1  # a1's latest event is its subject claim, after its bundle
    assert observer.latest("a2") == observer.bundle("a2")
    assert observer.latest("story-x") is None
    assert observer.count_bundles(["a1", "a2", "a3"]) == 2


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")  # raised once, to the caller
def test_observer_start_fails_loudly_without_a_broker(tmp_path: Path) -> None:
    settings = load_settings(pipeline_env(f"127.0.0.1:{free_port()}", tmp_path))
    with pytest.raises(RuntimeError, match="observer"):
        Observer(settings).start()

