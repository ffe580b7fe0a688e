"""End to end on a real broker: articles in, events out on every topic, metrics moving."""

from __future__ import annotations

import json

import pytest

from schemas.events import ContradictionEvent, EntityEvent, QuoteEvent
from tests.support.kafka import Pipeline, for_article, metric_value, wait_for

pytestmark = pytest.mark.integration

TALKS_STORY = (
    "Trade talks end in acrimony\n\n"
    'Canadian Trade Minister Laura Bennett described the talks as "constructive and productive" on Tuesday. '
    '"We made real progress," Bennett told reporters in Ottawa.\n\n'
    "Mexico's Economy Minister Jorge Salinas called the negotiations \"a disappointing failure\". "
    '"The talks were a waste of time," Salinas said in a statement.'
)


def test_article_from_the_cli_yields_entity_quote_and_contradiction_events(pipeline: Pipeline) -> None:
    article = {"id": "cli-talks-1", "text": TALKS_STORY, "source": "Test Wire"}
    done = pipeline.cli("publish", "-", stdin=json.dumps(article).encode())
    assert done.returncode == 0, done.stderr.decode()
    topics = pipeline.settings.topics

    entities = pipeline.read(topics.entities, lambda es: any(map(for_article("cli-talks-1"), es)))
    quotes = pipeline.read(topics.quotes, lambda es: sum(map(for_article("cli-talks-1"), es)) >= 2)
    found = pipeline.read(topics.contradictions, lambda es: any(map(for_article("cli-talks-1"), es)))

    names = {EntityEvent.model_validate(e).name for e in entities if e["article_id"] == "cli-talks-1"}
    assert {"Laura Bennett", "Jorge Salinas"} <= names
    speakers = {QuoteEvent.model_validate(q).speaker.name for q in quotes  # type: ignore[union-attr]
                if q["article_id"] == "cli-talks-1" and q["speaker"]}
    assert {"Laura Bennett", "Jorge Salinas"} <= speakers
    event = ContradictionEvent.model_validate(next(e for e in found if e["article_id"] == "cli-talks-1"))
    sides = {claim.speaker.affiliation for claim in event.claims if claim.speaker}
    assert sides == {"Canada", "Mexico"}
    for claim in event.claims:
        assert TALKS_STORY[claim.start:claim.end] == claim.text


def test_any_plain_kafka_client_can_publish(pipeline: Pipeline) -> None:
    producer = pipeline.producer()
    article = {"id": "plain-client-1", "text": TALKS_STORY.replace("Tuesday", "Wednesday")}
    producer.send(pipeline.settings.topics.raw, key=b"plain-client-1", value=json.dumps(article).encode())
    producer.flush()
    producer.close()
    quotes = pipeline.read(pipeline.settings.topics.quotes,
                           lambda es: any(map(for_article("plain-client-1"), es)))
    assert all(QuoteEvent.model_validate(q) for q in quotes)


def test_metrics_count_what_went_through(pipeline: Pipeline) -> None:
    article = {"id": "metrics-1", "text": TALKS_STORY.replace("Tuesday", "Thursday")}
    assert pipeline.cli("publish", "-", stdin=json.dumps(article).encode()).returncode == 0
    pipeline.read(pipeline.settings.topics.contradictions, lambda es: any(map(for_article("metrics-1"), es)))
    for worker in ("entities", "quotes", "contradictions"):
        page = pipeline.metrics_text(worker)
        assert metric_value(page, "counterclaim_messages_in_total", worker=worker) > 0
        assert metric_value(page, "counterclaim_messages_out_total", worker=worker) > 0
        assert metric_value(page, "counterclaim_processing_seconds_count", worker=worker) > 0
    assert metric_value(pipeline.metrics_text("contradictions"), "counterclaim_contradictions_total") > 0


def test_consumer_lag_is_counted_to_the_commit_and_returns_to_zero(pipeline: Pipeline) -> None:
    """Lag is the high-water mark less the committed offset: zero once each worker's commits have
    caught up with its input (test_consumer_lag.py: a worker stuck before its commit keeps a lag)."""
    article = {"id": "lag-1", "text": TALKS_STORY.replace("Tuesday", "Friday")}
    assert pipeline.cli("publish", "-", stdin=json.dumps(article).encode()).returncode == 0
    pipeline.read(pipeline.settings.topics.contradictions, lambda es: any(map(for_article("lag-1"), es)))

    def lags(worker: str) -> list[float]:
        prefix = "counterclaim_consumer_lag_messages{"
        return [float(line.rsplit(" ", 1)[1]) for line in pipeline.metrics_text(worker).splitlines()
                if line.startswith(prefix)]

    def caught_up(worker: str) -> bool:
        now = lags(worker)
        return bool(now) and not any(now)

    for worker in ("entities", "quotes", "contradictions"):
        wait_for(lambda: caught_up(worker), f"{worker}'s commits to reach its input's end")  # noqa: B023
        assert len(lags(worker)) >= pipeline.settings.partitions  # one series per input partition


def test_mission_story_yields_the_us_north_korea_contradiction(pipeline: Pipeline, mission_story: str) -> None:
    article = {"id": "mission-story", "text": mission_story, "source": "CNN"}
    done = pipeline.cli("publish", "-", stdin=json.dumps(article).encode())
    assert done.returncode == 0, done.stderr.decode()

    def us_versus_north_korea(events: list[dict]) -> bool:
        return any(_sides(e) == {"United States", "North Korea"} for e in events
                   if e["article_id"] == "mission-story" and e["kind"] == "evaluative")

    events = pipeline.read(pipeline.settings.topics.contradictions, us_versus_north_korea)
    evaluative = [e for e in events if e["article_id"] == "mission-story" and e["kind"] == "evaluative"]
    speakers = {c["speaker"]["name"] for e in evaluative for c in e["claims"] if c["speaker"]}
    assert "Mike Pompeo" in speakers


def _sides(event: dict) -> set[str]:
    return {c["speaker"]["affiliation"] for c in event["claims"] if c["speaker"]}
