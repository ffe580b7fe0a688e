"""Bad input on a real broker: every malformed message ends in dead-letters, with its reason, from
the worker that read it (the quote worker for raw articles; the entity and contradiction workers
for bundles); the CLI refuses such input up front and reads the dead letters back."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest

from tests.support.kafka import Pipeline, for_article, running_pipeline

pytestmark = pytest.mark.integration

LIMIT = 16384  # COUNTERCLAIM_MAX_ARTICLE_BYTES for this module, so "too large" stays small
GOOD = 'Minister Laura Bennett called the deal "a real success" on Monday, officials said.'
VALID = {"id": "after-the-bad-ones", "text": GOOD}


def article(**fields: object) -> bytes:
    return json.dumps({"id": "bad-article", "text": GOOD, **fields}).encode()


# (name, raw value, reason): every case a producer could plausibly send, or a bug could.
MALFORMED: list[tuple[str, bytes | None, str]] = [
    ("tombstone", None, "invalid_json"),
    ("empty value", b"", "invalid_json"),
    ("plain text", b"Trade talks end in acrimony", "invalid_json"),
    ("truncated json", b'{"id": "x", "text": "cut of', "invalid_json"),
    ("trailing garbage", b'{"id": "x", "text": "t"} extra', "invalid_json"),
    ("single quotes", b"{'id': 'x', 'text': 't'}", "invalid_json"),
    ("utf-8 bom", b"\xef\xbb\xbf" + article(), "invalid_json"),
    ("nested too deeply", b"[" * 5000 + b"]" * 5000, "invalid_json"),
    ("integer over 4300 digits", b'{"id": "x", "text": "t", "n": ' + b"9" * 5000 + b"}", "invalid_json"),
    ("latin-1 bytes", '{"id": "x", "text": "café"}'.encode("latin-1"), "invalid_utf8"),
    ("utf-16", article().decode().encode("utf-16"), "invalid_utf8"),
    ("encoded surrogate", b'{"id": "x", "text": "\xed\xa0\x80"}', "invalid_utf8"),
    ("random binary", bytes(range(256)), "invalid_utf8"),
    ("json array", b'[{"id": "x", "text": "t"}]', "invalid_schema"),
    ("json string", b'"just a string"', "invalid_schema"),
    ("json null", b"null", "invalid_schema"),
    ("no text", json.dumps({"id": "x"}).encode(), "invalid_schema"),
    ("no id", json.dumps({"text": GOOD}).encode(), "invalid_schema"),
    ("text not a string", article(text=42), "invalid_schema"),
    ("id with spaces", article(id="has spaces"), "invalid_schema"),
    ("id too long", article(id="a" * 300), "invalid_schema"),
    ("bad published_at", article(published_at="yesterday"), "invalid_schema"),
    ("lone surrogate escape", b'{"id": "x", "text": "ab \\ud800 cd"}', "invalid_schema"),
    ("empty text", article(text=""), "empty_text"),
    ("blank text", article(text=" \n\t  "), "empty_text"),
    ("over the byte limit", article(text="word " * LIMIT), "too_large"),
]


@pytest.fixture(scope="module")
def workers(bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    with running_pipeline(bootstrap, tmp_path_factory.mktemp("dead-letters"),
                          COUNTERCLAIM_MAX_ARTICLE_BYTES=str(LIMIT)) as pipeline:
        yield pipeline


def test_at_least_twenty_distinct_cases() -> None:
    assert len({name for name, _, _ in MALFORMED}) == len(MALFORMED) >= 20
    assert {reason for _, _, reason in MALFORMED} == {"invalid_json", "invalid_utf8", "invalid_schema",
                                                      "empty_text", "too_large"}


BAD_BUNDLES: list[tuple[str, bytes, str]] = [
    ("bundle not json", b"{quotes", "invalid_json"),
    ("bundle without parse", json.dumps({"article": VALID, "quotes": []}).encode(), "invalid_schema"),
    ("bundle not utf-8", b"\xff\xfe{}", "invalid_utf8"),
]


def test_each_malformed_message_is_dead_lettered_and_work_goes_on(workers: Pipeline) -> None:
    topics = workers.settings.topics
    producer = workers.producer()
    offsets = {}
    for name, value, _ in MALFORMED:
        sent = producer.send(topics.raw, key=name.encode(), value=value).get(timeout=30)
        offsets[(sent.partition, sent.offset)] = name
    producer.send(topics.raw, key=VALID["id"].encode(), value=json.dumps(VALID).encode()).get(timeout=30)
    producer.close()

    letters = workers.read(topics.dead_letters, lambda es: len(es) >= len(MALFORMED))
    assert len(letters) == len(MALFORMED)  # nothing else was rejected, by any worker
    by_case = {offsets[(letter["partition"], letter["offset"])]: letter for letter in letters}
    for name, value, reason in MALFORMED:
        letter = by_case[name]
        assert (letter["worker"], letter["reason"], letter["topic"], letter["key"]) == (
            "quotes", reason, topics.raw, name), name
        assert letter["payload_size"] == len(value or b"")
        kept = base64.b64decode(letter["payload_base64"])
        assert (value or b"").startswith(kept) and len(kept) <= 64 * 1024

    workers.read(topics.entities, lambda es: any(map(for_article(VALID["id"]), es)))
    workers.read(topics.quotes, lambda es: any(map(for_article(VALID["id"]), es)))
    page = workers.metrics_text("quotes")
    for reason in {reason for _, _, reason in MALFORMED}:
        wanted = sum(1 for _, _, r in MALFORMED if r == reason)
        assert f'counterclaim_messages_failed_total{{reason="{reason}",worker="quotes"}} {float(wanted)}' in page
    assert "hit an unexpected error" not in workers.stack.log("quotes").read_text()


def test_bad_bundles_are_dead_lettered_by_both_workers_that_read_them(workers: Pipeline) -> None:
    topics = workers.settings.topics
    producer = workers.producer()
    for name, value, _ in BAD_BUNDLES:
        producer.send(topics.quoted_articles, key=name.encode(), value=value).get(timeout=30)
    producer.close()

    def bundle_letters(events: list[dict]) -> list[dict]:
        return [e for e in events if e["topic"] == topics.quoted_articles]

    letters = bundle_letters(workers.read(topics.dead_letters,
                                          lambda es: len(bundle_letters(es)) >= 2 * len(BAD_BUNDLES)))
    assert {(e["key"], e["worker"], e["reason"]) for e in letters} == {
        (name, worker, reason) for name, _, reason in BAD_BUNDLES for worker in ("entities", "contradictions")}
    for worker in ("entities", "contradictions"):
        assert "hit an unexpected error" not in workers.stack.log(worker).read_text()


def test_dead_letters_command_reads_them(workers: Pipeline) -> None:
    count = len(MALFORMED)
    done = workers.cli("dead-letters", "--from-beginning", "--max", str(count), "--timeout", "20", "--json")
    assert done.returncode == 0, done.stderr.decode()
    letters = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(letters) == count and all(letter["type"] == "dead-letter" for letter in letters)
    text = workers.cli("dead-letters", "--from-beginning", "--max", "2", "--timeout", "20")
    assert text.returncode == 0 and text.stdout.decode().count("DEAD LETTER from ") == 2


@pytest.mark.parametrize(("content", "message"), [
    (b"not json at all\n", "not JSON"),
    (b'{"id": "x", "text": ""}\n', "text"),
    (b'{"id": "x", "text": "caf\xe9"}\n', "not UTF-8"),
    (b'{"id": "bad id", "text": "t"}\n', "id"),
    (b"[" * 5000 + b"\n", "not JSON"),
    (json.dumps({"id": "big", "text": "word " * LIMIT}).encode() + b"\n", "over the limit"),
])
def test_publish_refuses_bad_input_up_front(workers: Pipeline, content: bytes, message: str) -> None:
    good = json.dumps({"id": "refused-with-the-bad-one", "text": GOOD}).encode() + b"\n"
    done = workers.cli("publish", "-", stdin=good + content)
    assert done.returncode == 2
    error = done.stderr.decode()
    assert "nothing was published" in error and "<stdin>" in error and message in error
    assert "Traceback" not in error
