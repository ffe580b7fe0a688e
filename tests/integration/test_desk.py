"""The desk in a real browser (Playwright driving Debian's Chromium) against real workers.

A published story's contradiction appears on the open page without a reload; a filter hides
it and the URL keeps the filter; a stopped and restarted desk shows it once. The alerts are
recognised by their schema fields (event id, article id, claim spans), not by their wording.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from services.common.broker import free_port
from services.demo.run import stories_dir
from tests.support.kafka import Pipeline, metric_value, required_tool

pytestmark = pytest.mark.integration
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency: make install")
expect = playwright.expect
ARRIVAL_MS = 120_000  # bounded wait for an alert to cross the pipeline onto the page
STATE_MS = 60_000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # root on a closed network: no sandbox, no phoning home
DEMO_STORY = "1-evaluative-climate-deal.json"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium-headless-shell") or shutil.which("chromium") or required_tool(
        "chromium-headless-shell", "run .ci/install-chromium.sh (Debian's chromium-headless-shell)")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def desk(pipeline: Pipeline) -> Iterator[str]:
    """A desk process on a free port, reading the pipeline's fresh topics; yields its URL."""
    port = free_port()
    pipeline.stack.start_desk(port)
    yield f"http://127.0.0.1:{port}/"
    pipeline.stack.stop("desk")


@pytest.fixture
def page(browser: Any, desk: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    yield opened
    context.close()
    assert requests and all(url.startswith(desk) for url in requests), "the page reached beyond the desk"


def publish(pipeline: Pipeline, path: Path) -> list[dict[str, Any]]:
    """Publish a story (or a folder of them) and return the contradiction events the published
    articles revealed, read from the topic once the contradiction worker is idle."""
    done = pipeline.cli("publish", str(path))
    assert done.returncode == 0, done.stderr.decode()
    ids = set(re.findall(r"^published (\S+) \(\d+ chars\)", done.stderr.decode(), re.MULTILINE))
    assert ids, done.stderr.decode()
    pipeline.wait_contradictions_idle()
    events = pipeline.read(pipeline.settings.topics.contradictions,
                           until=lambda seen: any(e["article_id"] in ids for e in seen))
    return list({e["event_id"]: e for e in events if e["article_id"] in ids}.values())


def card(page: Any, event: dict[str, Any]) -> Any:
    return page.locator(f'li.alert[data-event-id="{event["event_id"]}"]')


def open_desk(page: Any, url: str) -> None:
    page.goto(url)
    expect(page.locator("#status")).to_have_attribute("data-state", "live", timeout=STATE_MS)
    expect(page.locator("body")).to_have_attribute("data-histories", "1", timeout=STATE_MS)


def assert_shows(page: Any, event: dict[str, Any]) -> None:
    """The card shows both claims' quoted words highlighted, their speakers, the subject and the kind."""
    shown = card(page, event)
    expect(shown).to_have_count(1, timeout=ARRIVAL_MS)
    marks = shown.locator("mark")
    expect(marks).to_have_count(2)
    for mark, claim in zip(marks.all(), event["claims"], strict=True):
        assert mark.text_content() == " ".join(claim["text"].split())
        if claim.get("speaker"):
            expect(shown).to_contain_text(claim["speaker"]["name"])
    for source in shown.locator(".claim .source").all():
        expect(source).not_to_contain_text("not at hand")  # the article's text was there for the context
    expect(shown.locator(".subject")).to_have_text(event["subject"])
    expect(shown.locator(".kind")).to_have_text(event["kind"])


def test_a_published_story_appears_live_with_both_claims_in_context(page: Any, desk: str, pipeline: Pipeline,
                                                                      tmp_path: Path) -> None:
    open_desk(page, desk)
    page.evaluate("window.sameDocument = true")
    events = publish(pipeline, stories_dir())  # every sample story
    assert len(events) >= 2, "the sample stories gave fewer than two contradictions"
    for event in events:
        assert_shows(page, event)
    assert page.evaluate("window.sameDocument") is True, "the page was reloaded"
    passage = card(page, events[0]).locator(".passage").first
    assert len(passage.text_content()) > len(passage.locator("mark").text_content())  # words around the quote
    shot = tmp_path / "desk.png"
    page.screenshot(path=str(shot), animations="disabled")
    print(f"desk screenshot: {shot}")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_filter_hides_the_alert_and_the_url_keeps_it(page: Any, desk: str, pipeline: Pipeline) -> None:
    event = publish(pipeline, stories_dir() / DEMO_STORY)[0]
    open_desk(page, desk)
    expect(card(page, event)).to_have_count(1, timeout=ARRIVAL_MS)
    other_kind = next(k for k in ("rebuttal", "evidence") if k != event["kind"])
    page.get_by_label(other_kind, exact=True).focus()
    page.keyboard.press("Space")  # from the keyboard
    expect(card(page, event)).to_have_count(0, timeout=STATE_MS)
    assert f"kind={other_kind}" in page.url
    page.reload()
    expect(page.get_by_label(other_kind, exact=True)).to_be_checked()
    expect(page.locator("body")).to_have_attribute("data-histories", "1", timeout=STATE_MS)
    expect(card(page, event)).to_have_count(0)

    page.goto(desk)  # a search by speaker keeps it, a higher minimum confidence hides it
    speaker = next(claim["speaker"]["name"] for claim in event["claims"] if claim.get("speaker"))
    page.get_by_label("Subject or speaker").fill(speaker.upper())
    page.keyboard.press("Enter")
    expect(card(page, event)).to_have_count(1, timeout=ARRIVAL_MS)
    if event["confidence"] < 0.99:
        page.get_by_label("Minimum confidence").fill(f"{event['confidence'] + 0.01:.2f}")
        page.keyboard.press("Enter")
        expect(card(page, event)).to_have_count(0, timeout=STATE_MS)
        assert "min=" in page.url and "q=" in page.url


def test_a_restarted_desk_shows_each_alert_once(page: Any, desk: str, pipeline: Pipeline) -> None:
    events = publish(pipeline, stories_dir() / DEMO_STORY)
    open_desk(page, desk)
    for event in events:
        expect(card(page, event)).to_have_count(1, timeout=ARRIVAL_MS)
    port = int(desk.rstrip("/").rsplit(":", 1)[1])
    publish(pipeline, stories_dir() / DEMO_STORY)  # redelivered: identical events on the topic again
    duplicates = metric_value(fetch(desk + "metrics"), "counterclaim_desk_duplicate_alerts_total")

    pipeline.stack.stop("desk")
    expect(page.locator("#status")).to_have_attribute("data-state", "lost", timeout=STATE_MS)
    expect(page.locator("#status")).to_contain_text("lost")
    pipeline.stack.start_desk(port)
    expect(page.locator("#status")).to_have_attribute("data-state", "live", timeout=STATE_MS)
    expect(page.locator("body")).to_have_attribute("data-histories", "2", timeout=STATE_MS)

    page.wait_for_function(f"Number(document.body.dataset.duplicates || 0) >= {len(events)}",
                           timeout=STATE_MS)  # the restarted desk sent them again; the page dropped them
    assert duplicates >= 1  # the desk itself saw the republished events and kept each once
    for event in events:
        expect(card(page, event)).to_have_count(1)
    fresh = page.context.new_page()
    open_desk(fresh, desk)  # the restarted desk read its history back from the topics, articles included
    for event in events:
        assert_shows(fresh, event)


def test_the_mission_story_talks_contradiction_appears_live(page: Any, desk: str, pipeline: Pipeline,
                                                            shared_dir: Path) -> None:
    open_desk(page, desk)
    page.evaluate("window.sameDocument = true")
    events = publish(pipeline, shared_dir / "examples" / "mission-story.txt")
    talks = [e for e in events if _mentions(e, ("productive", "progress"), ("regrettable", "worrisome"))]
    assert talks, f"no contradiction sets the praise of the talks against KCNA's blame: {len(events)} events"
    assert_shows(page, talks[0])
    assert page.evaluate("window.sameDocument") is True, "the page was reloaded"


def _mentions(event: dict[str, Any], *word_sets: tuple[str, ...]) -> bool:
    text = " ".join(claim["text"] for claim in event["claims"])
    return all(any(word in text for word in words) for words in word_sets)


def test_health_metrics_and_bad_input(desk: str, pipeline: Pipeline) -> None:
    assert json.loads(fetch(desk + "healthz"))["status"] == "ok"
    with pytest.raises(urllib.error.HTTPError, match="400"):
        fetch(desk + "alerts.json?min=2")
    producer = pipeline.producer()
    producer.send(pipeline.settings.topics.contradictions, key=b"bad", value=b"{not json")
    producer.flush()
    producer.close()
    letters = pipeline.read(pipeline.settings.topics.dead_letters,
                            until=lambda seen: any(letter["worker"] == "desk" for letter in seen))
    assert {letter["reason"] for letter in letters if letter["worker"] == "desk"} == {"invalid_json"}
    text = fetch(desk + "metrics")
    assert metric_value(text, "counterclaim_desk_messages_failed_total", reason="invalid_json") >= 1
    assert metric_value(text, "counterclaim_desk_ready") == 1.0
    assert json.loads(fetch(desk + "healthz"))["status"] == "ok"  # bad input does not stop the desk


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode())
