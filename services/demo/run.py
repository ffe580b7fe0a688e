"""`counterclaim demo`: start the pipeline, publish the sample stories, print the alerts, stop.

The stories under `stories/` are invented for the demo, one per kind of
contradiction plus a pair from two outlets; none is real news.
"""

from __future__ import annotations

import sys
import time
from importlib import resources
from pathlib import Path

from schemas.events import ContradictionEvent
from services.cli.alerts import print_contradiction
from services.cli.layout import WORKERS
from services.cli.publish import read_articles, send_articles
from services.cli.stack import Stack, report_stopped, up
from services.common.kafka import make_consumer
from services.common.settings import Settings

ALERT_WAIT_SECONDS = 60.0
QUIET_SECONDS = 5.0  # stop once no new alert arrived for this long after the last article


def stories_dir() -> Path:
    return Path(str(resources.files("services.demo") / "stories"))


def demo(settings: Settings) -> int:
    """Exit code 0 when at least one alert naming both speakers arrived."""
    already_running = all(Stack(settings.run_dir).pid(name) for name in WORKERS)
    stack = up(settings, desk=False)  # the demo prints its alerts; `make desk` shows them on the page
    try:
        articles = read_articles([str(stories_dir())], max_bytes=settings.max_article_bytes)
        send_articles(settings, articles, topic=settings.topics.raw)
        print(f"published {len(articles)} sample stories; waiting for contradiction alerts...\n", file=sys.stderr)
        alerts = collect_alerts(settings)
    finally:
        if not already_running:
            report_stopped(stack)
    named = [a for a in alerts if all(claim.speaker for claim in a.claims)]
    kinds = sorted({a.kind for a in alerts})
    print(f"{len(alerts)} contradiction alert(s), kinds: {', '.join(kinds) or 'none'}", file=sys.stderr)
    return 0 if named else 1


def collect_alerts(settings: Settings) -> list[ContradictionEvent]:
    """Print each new contradiction once, until alerts stop arriving or the wait runs out."""
    consumer = make_consumer(settings, settings.topics.contradictions, group_id=None,
                             auto_offset_reset="earliest", enable_auto_commit=False)
    seen: dict[str, ContradictionEvent] = {}
    started = last = time.monotonic()
    try:
        while time.monotonic() - started < ALERT_WAIT_SECONDS:
            if seen and time.monotonic() - last > QUIET_SECONDS:
                break
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    event = ContradictionEvent.model_validate_json(record.value)
                    if event.event_id not in seen:
                        seen[event.event_id] = event
                        last = time.monotonic()
                        print_contradiction(event)
    finally:
        consumer.close()
    return list(seen.values())
