"""The per-article time budget on a real broker: with a budget nothing can meet, the quote worker
dead-letters every article as too_slow, sends none of its events, commits past it (no
redelivery loop) and keeps serving."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition

from services.cli.stack import Stack
from tests.support.kafka import WAIT_SECONDS, Pipeline, metric_value, pipeline_env

pytestmark = pytest.mark.integration
BUDGET = "0.001"  # seconds: no parse is that fast
ARTICLES = [{"id": f"budget-{n}", "text": f'Minister Laura Bennett called deal {n} "a real success" on Monday.'}
            for n in range(3)]


def committed_everything(pipeline: Pipeline) -> bool:
    """The quote worker's group has committed every raw-article partition to its end."""
    settings = pipeline.settings
    topic = settings.topics.raw
    consumer = KafkaConsumer(bootstrap_servers=settings.bootstrap_servers, group_id=f"{settings.group_prefix}-quotes",
                             enable_auto_commit=False)  # reads the group's commits; never joins it
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        ends = consumer.end_offsets(partitions)
        return all(end == 0 or (consumer.committed(tp) or 0) >= end for tp, end in ends.items())
    finally:
        consumer.close()


def test_an_article_over_budget_is_dead_lettered_whole_and_never_redelivered(bootstrap: str,
                                                                               tmp_path: Path) -> None:
    env = pipeline_env(bootstrap, tmp_path, COUNTERCLAIM_ARTICLE_BUDGET_SECONDS=BUDGET)
    pipeline = Pipeline(env, Stack(tmp_path, env))
    try:
        pipeline.start("quotes")
        producer = pipeline.producer()
        for article in ARTICLES:
            producer.send(pipeline.settings.topics.raw, key=article["id"].encode(), value=json.dumps(article).encode())
        producer.flush()
        producer.close()

        topics = pipeline.settings.topics
        letters = pipeline.read(topics.dead_letters, until=lambda events: len(events) >= len(ARTICLES))
        assert sorted((x["reason"], x["key"]) for x in letters) == [("too_slow", a["id"]) for a in ARTICLES]
        assert all("COUNTERCLAIM_ARTICLE_BUDGET_SECONDS" in x["detail"] for x in letters)
        deadline = time.monotonic() + WAIT_SECONDS
        while not committed_everything(pipeline):
            assert time.monotonic() < deadline, "the quote worker never committed past the too-slow articles"
            time.sleep(0.5)
        assert pipeline.message_count(topics.quotes, topics.quoted_articles) == 0  # none half-produced
        page = pipeline.metrics_text("quotes")
        assert metric_value(page, "counterclaim_messages_failed_total", reason="too_slow") == len(ARTICLES)
        assert metric_value(page, "counterclaim_worker_ready") == 1
    finally:
        pipeline.stack.stop_all()
