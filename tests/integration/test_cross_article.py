"""Cross-article contradictions through Kafka: outlet A reports X, outlet B reports not-X."""

from __future__ import annotations

import json

import pytest

from services.demo.run import stories_dir
from tests.support.kafka import Pipeline

pytestmark = pytest.mark.integration

PAIR = ("demo-outbreak-ledger", "demo-outbreak-courier")
# Another story from the same country that shares the pair's words ("outbreak", "contained",
# "not") and a third outlet, but not its matter: forest fires. It must pair with neither article.
UNRELATED = json.dumps({
    "id": "test-fire-ndola", "source": "Copperbelt Post", "published_at": "2026-11-24T18:00:00Z",
    "text": "Firefighters say Ndola forest fires are contained\n\nNDOLA (Copperbelt Post) - Zambia's fire "
            "service said on Tuesday that the outbreak of forest fires near Ndola has not been contained. "
            "\"The fires near Ndola are not contained yet,\" said fire chief Mary Phiri. Zambia has "
            "sent aircraft to Ndola.",
}).encode()


def test_two_outlets_yield_one_cross_article_event_and_republishing_adds_none(pipeline: Pipeline) -> None:
    files = [str(p) for p in sorted(stories_dir().glob("*-cross-*.json"))]
    assert len(files) == 2
    topic = pipeline.settings.topics.contradictions

    def cross_events(events: list[dict]) -> list[dict]:
        return [e for e in events if e["kind"] == "cross-article"
                and {c["article_id"] for c in e["claims"]} == set(PAIR)]

    for path in files:  # one after the other, as two outlets would publish them
        done = pipeline.cli("publish", path)
        assert done.returncode == 0, done.stderr.decode()
    first = cross_events(pipeline.read(topic, lambda es: bool(cross_events(es))))
    assert len({e["event_id"] for e in first}) == 1, first
    event = first[0]
    assert {c["source"] for c in event["claims"]} == {"Northern Ledger", "Lakeside Courier"}
    assert 0.0 <= event["confidence"] <= 1.0 and event["explanation"]

    assert pipeline.cli("publish", *files).returncode == 0
    marker = pipeline.cli("publish", "-", stdin=b'{"id": "after-republish", "text": "Nothing to see."}')
    assert marker.returncode == 0
    # The marker follows the republished pair through the quote worker; once its bundle is out
    # and the contradiction worker has processed everything, any new event would be on the topic.
    pipeline.read(pipeline.settings.topics.quoted_articles,
                  lambda es: any(e["article"]["id"] == "after-republish" for e in es))
    pipeline.wait_contradictions_idle()
    again = pipeline.read(topic, lambda es: len(cross_events(es)) >= len(first))
    assert {e["event_id"] for e in cross_events(again)} == {e["event_id"] for e in first}


def test_an_unrelated_story_sharing_topic_words_gives_no_cross_article_event(pipeline: Pipeline) -> None:
    files = [str(p) for p in sorted(stories_dir().glob("*-cross-*.json"))]
    for path in files:
        assert pipeline.cli("publish", path).returncode == 0
    assert pipeline.cli("publish", "-", stdin=UNRELATED).returncode == 0
    topic = pipeline.settings.topics.contradictions
    pipeline.read(pipeline.settings.topics.quoted_articles,
                  lambda es: any(e["article"]["id"] == "test-fire-ndola" for e in es))
    pipeline.wait_contradictions_idle()
    events = pipeline.read(topic, lambda es: any(e["kind"] == "cross-article" for e in es))
    cross = [e for e in events if e["kind"] == "cross-article"]
    assert len({e["event_id"] for e in cross}) == 1
    assert all("test-fire-ndola" not in {c["article_id"] for c in e["claims"]} for e in cross)
