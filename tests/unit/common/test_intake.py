"""The bad-input policy: every malformed value becomes a Rejection with a reason, never an exception."""

from __future__ import annotations

import base64
import json

import pytest

from schemas.articles import Article
from schemas.internal import DeadLetter
from services.common.intake import MAX_TEXT_CHARS, PAYLOAD_LIMIT, Origin, Rejection, dead_letter, decode

LIMIT = 1 << 20


@pytest.mark.parametrize(("raw", "reason"), [
    (None, "invalid_json"),
    (b"", "invalid_json"),
    (b"{not json", "invalid_json"),
    (b"[" * 100_000, "invalid_json"),
    (b'{"id": "a", "text": "t", "n": ' + b"1" * 5000 + b"}", "invalid_json"),
    (b"\xef\xbb\xbf{}", "invalid_json"),
    (b'{"id": "a", "text": "caf\xe9"}', "invalid_utf8"),
    (b"\xff\xfe", "invalid_utf8"),
    (b'{"id": "a"}', "invalid_schema"),
    (b"[]", "invalid_schema"),
    (b'{"id": "a", "text": "ab \\ud800"}', "invalid_schema"),
    (b'{"id": "a", "text": "   "}', "empty_text"),
    (b'{"id": "a", "text": ""}', "empty_text"),
    (json.dumps({"id": "a", "text": "x" * (MAX_TEXT_CHARS + 1)}).encode(), "too_large"),
])
def test_bad_values_are_rejected_with_a_reason(raw: bytes | None, reason: str) -> None:
    result = decode(raw, Article, max_bytes=2 * LIMIT)
    assert isinstance(result, Rejection) and result.reason == reason and result.detail


def test_size_limit_is_checked_before_parsing() -> None:
    raw = json.dumps({"id": "a", "text": "x" * 100}).encode()
    assert decode(raw, Article, max_bytes=len(raw)) == Article(id="a", text="x" * 100)
    rejected = decode(raw, Article, max_bytes=len(raw) - 1)
    assert isinstance(rejected, Rejection) and rejected.reason == "too_large"


def test_valid_article_with_extra_fields_is_accepted() -> None:
    article = decode(b'{"id": "a-1", "text": "Hello", "desk": "world"}', Article, max_bytes=LIMIT)
    assert isinstance(article, Article) and article.text == "Hello"


def test_dead_letter_keeps_origin_reason_and_a_bounded_prefix() -> None:
    raw = b"x" * (PAYLOAD_LIMIT + 10)
    origin = Origin("raw-articles", 2, 41, b"key-\xff")
    letter = dead_letter(Rejection("invalid_json", "not JSON"), raw, origin, worker="quotes")
    assert (letter.worker, letter.reason, letter.topic, letter.partition, letter.offset) == (
        "quotes", "invalid_json", "raw-articles", 2, 41)
    assert letter.key == "key-\\xff"
    assert base64.b64decode(letter.payload_base64) == raw[:PAYLOAD_LIMIT]
    assert letter.payload_size == len(raw) and letter.payload_truncated
    assert DeadLetter.model_validate_json(letter.model_dump_json()) == letter
    again = dead_letter(Rejection("invalid_json", "not JSON"), raw, origin, worker="quotes")
    assert again.event_id == letter.event_id  # redelivery does not mint a new dead letter id
    other = dead_letter(Rejection("invalid_json", "not JSON"), raw, origin, worker="entities")
    assert other.event_id != letter.event_id


def test_tombstone_dead_letter_has_an_empty_payload() -> None:
    letter = dead_letter(Rejection("invalid_json", "tombstone"), None, Origin("t", 0, 0, None), worker="w")
    assert letter.payload_base64 == "" and letter.payload_size == 0 and letter.key is None
