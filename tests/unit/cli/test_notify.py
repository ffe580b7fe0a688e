"""notify's decisions without Kafka: settings from the environment, retries, dead letters, message format."""

from __future__ import annotations

import base64
import json

import pytest

from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent
from services.cli.alerts import alert_filter
from services.cli.notify import Edges, handle
from services.cli.notify_delivery import Answer, Outcome, classify, deliver, http_post
from services.cli.notify_format import event_json, slack_message
from services.cli.notify_settings import Retry, load_notify_settings, redact
from services.common.broker import free_port
from services.common.intake import Origin
from services.common.settings import SettingsError

SECRET = "xoxb-secret-value"
W = "COUNTERCLAIM_WEBHOOK_"


def event(confidence: float = 0.9) -> ContradictionEvent:
    first = Claim(article_id="a1", start=0, end=24, text="The talks were <productive>",
                  speaker=Speaker(name="Mike Pompeo", affiliation="United States"), source="Wire")
    second = Claim(article_id="a1", start=40, end=51, text="regrettable", speaker=Speaker(name="KCNA"))
    return ContradictionEvent(event_id=ContradictionEvent.make_id("evaluative", first, second), article_id="a1",
                              kind="evaluative", subject="talks", claims=(first, second), confidence=confidence,
                              explanation="opposed evaluations")


def test_settings_read_headers_and_retry_bound_from_the_environment() -> None:
    env = {f"{W}HEADER_AUTHORIZATION": f"Bearer {SECRET}", f"{W}HEADER_X_API_KEY": "k",
           f"{W}MAX_ATTEMPTS": "3", f"{W}BACKOFF_SECONDS": "0.5"}
    config = load_notify_settings(env, "https://hooks.example:8443/services/T1/B2/secret?token=1")
    assert config.headers == {"Authorization": f"Bearer {SECRET}", "X-Api-Key": "k"}
    assert config.retry == Retry(max_attempts=3, initial_seconds=0.5, max_seconds=60.0)
    assert config.target == "https://hooks.example:8443"
    assert SECRET not in repr(config) and "secret" not in repr(config)
    assert redact("http://user:pw@[::1]:8080/x?y=1") == "http://[::1]:8080"


@pytest.mark.parametrize(("env", "url", "named"), [
    ({}, None, "--webhook URL or set COUNTERCLAIM_WEBHOOK_URL"),
    ({f"{W}URL": f"ftp://x/{SECRET}"}, None, f"{W}URL: not an http(s) URL"),
    ({}, f"http:///{SECRET}", "--webhook: not an http(s) URL"),
    ({f"{W}MAX_ATTEMPTS": "2.5"}, "http://h", f"{W}MAX_ATTEMPTS='2.5' is not a whole"),
    ({f"{W}BACKOFF_SECONDS": "-1"}, "http://h", f"{W}BACKOFF_SECONDS='-1' must be"),
    ({f"{W}TIMEOUT_SECONDS": "soon"}, "http://h", f"{W}TIMEOUT_SECONDS='soon' is not"),
    ({f"{W}BACKOFF_MAX_SECONDS": "nan"}, "http://h", f"{W}BACKOFF_MAX_SECONDS="),
    ({f"{W}HEADER_AUTH": f"{SECRET}\r\nX: y"}, "http://h", f"{W}HEADER_AUTH: a header"),
    ({f"{W}HEADER_": SECRET}, "http://h", f"{W}HEADER_: after"),
])
def test_each_bad_variable_is_named_on_one_line_without_its_secret(env: dict[str, str], url: str | None,
                                                                    named: str) -> None:
    with pytest.raises(SettingsError) as error:
        load_notify_settings(env, url)
    assert named in str(error.value) and "\n" not in str(error.value) and SECRET not in str(error.value)


def test_backoff_doubles_up_to_its_ceiling_and_jitter_takes_at_most_half() -> None:
    retry = Retry(max_attempts=6, initial_seconds=1.0, max_seconds=5.0)
    assert [retry.delay(n, 0.0) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    assert retry.delay(2, 0.999) == pytest.approx(1.001)
    assert retry.worst_case_seconds(timeout_seconds=10) == 1 + 2 + 4 + 5 + 5 + 60


def test_deliver_retries_until_a_2xx_and_sleeps_with_backoff() -> None:
    answers = [Answer(ok=False, problem="HTTP 503")] * 3 + [Answer(ok=True)]
    sleeps: list[float] = []
    outcome = deliver(b"{}", "e1", post=lambda body, event_id: answers.pop(0), retry=Retry(5, 1.0, 60.0),
                      target="http://h", sleep=sleeps.append, jitter=lambda: 0.0)
    assert outcome == Outcome(delivered=True, attempts=4)
    assert sleeps == [1.0, 2.0, 4.0]


def test_deliver_gives_up_after_the_bound_or_at_once_on_a_refusal() -> None:
    calls: list[str] = []

    def post(body: bytes, event_id: str) -> Answer:
        calls.append(event_id)
        return Answer(ok=False, problem="cannot connect: refused")

    outcome = deliver(b"{}", "e1", post=post, retry=Retry(3, 0.1, 1.0), target="t", sleep=lambda s: None,
                      jitter=lambda: 0.5)
    assert outcome == Outcome(False, 3, "cannot connect: refused on each of 3 attempts") and len(calls) == 3
    refused = deliver(b"{}", "e2", post=lambda b, e: classify(404), retry=Retry(3, 0.1, 1.0), target="t",
                      sleep=lambda s: None, jitter=lambda: 0.5)
    assert refused == Outcome(False, 1, "HTTP 404, refused, a refusal that retrying cannot fix")


@pytest.mark.parametrize(("status", "ok", "retryable"), [
    (200, True, True), (204, True, True), (302, False, False), (400, False, False), (401, False, False),
    (408, False, True), (429, False, True), (500, False, True), (503, False, True),
])
def test_classify(status: int, ok: bool, retryable: bool) -> None:
    answer = classify(status)
    assert (answer.ok, answer.retryable) == (ok, retryable)


def test_http_post_to_a_closed_port_is_a_retryable_problem_without_the_url() -> None:
    config = load_notify_settings({}, f"http://127.0.0.1:{free_port()}/{SECRET}")
    answer = http_post(config)(b"{}", "e1")
    assert not answer.ok and answer.retryable and "cannot connect" in answer.problem
    assert SECRET not in answer.problem


def edges(outcome: Outcome, letters: list, posted: list) -> Edges:  # type: ignore[type-arg]
    def deliver_(body: bytes, event_id: str) -> Outcome:
        posted.append((body, event_id))
        return outcome

    return Edges(deliver=deliver_, send_dead_letter=letters.append, target="http://hooks.example")


def test_handle_delivers_filters_and_dead_letters_with_the_reason() -> None:
    raw, origin = event().model_dump_json().encode(), Origin("contradictions", 2, 41, b"k")
    keep = alert_filter(0.5, ())
    letters: list = []
    posted: list = []
    assert handle(raw, origin, keep=keep, render=event_json, edges=edges(Outcome(True, 1), letters, posted),
                  max_bytes=1 << 20) == "delivered"
    assert posted == [(raw, event().event_id)] and letters == []

    low = event(confidence=0.2).model_dump_json().encode()
    assert handle(low, origin, keep=keep, render=event_json, edges=edges(Outcome(True, 1), letters, posted),
                  max_bytes=1 << 20) == "filtered"
    assert len(posted) == 1

    failed = edges(Outcome(False, 6, "HTTP 503 on each of 6 attempts"), letters, posted)
    assert handle(raw, origin, keep=keep, render=event_json, edges=failed, max_bytes=1 << 20) == "dead-lettered"
    [letter] = letters
    assert (letter.worker, letter.reason, letter.topic, letter.partition, letter.offset) == (
        "notify", "delivery_failed", "contradictions", 2, 41)
    assert letter.detail == "webhook http://hooks.example: HTTP 503 on each of 6 attempts"
    assert base64.b64decode(letter.payload_base64) == raw

    assert handle(b"{not json", origin, keep=keep, render=event_json, edges=failed, max_bytes=1 << 20) == "rejected"
    assert letters[-1].reason == "invalid_json"


def test_slack_message_has_text_both_quotes_both_speakers_and_escapes_markup() -> None:
    message = json.loads(slack_message(event()))
    text = message["text"]
    assert "Contradiction (evaluative) on *talks*, confidence 0.90" in text
    assert "*Mike Pompeo (United States)*\n>The talks were &lt;productive&gt;\na1, Wire" in text
    assert "*KCNA*\n>regrettable" in text
    assert [block["type"] for block in message["blocks"]] == ["section", "section", "context"]
