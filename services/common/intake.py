"""Validation at the edge: raw bytes become typed input, or a dead letter with a reason."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from schemas.common import deterministic_id
from schemas.internal import DeadLetter, FailureReason

PAYLOAD_LIMIT = 64 * 1024  # how much of a rejected payload the dead letter keeps
# spaCy refuses longer texts (its `max_length`, E088), which would crash the worker
# on every redelivery; it also needs about 1 GB of memory per 100,000 characters.
MAX_TEXT_CHARS = 1_000_000
Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Rejection:
    """Why an input cannot be processed; `reason` is a low-cardinality metric label."""

    reason: FailureReason
    detail: str


@dataclass(frozen=True)
class Origin:
    """Where a message came from."""

    topic: str
    partition: int
    offset: int
    key: bytes | None


def decode(raw: bytes | None, model: type[Model], *, max_bytes: int) -> Model | Rejection:
    """Parse one message value as `model`; never raises on bad input."""
    if raw is None:
        return Rejection("invalid_json", "message has no value (tombstone)")
    if len(raw) > max_bytes:
        return Rejection("too_large", f"{len(raw)} bytes, over the limit of {max_bytes}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Rejection("invalid_utf8", f"not UTF-8 at byte {error.start}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return Rejection("invalid_json", f"not JSON: {error.msg} at line {error.lineno} column {error.colno}")
    except RecursionError:  # nesting deeper than the interpreter's stack
        return Rejection("invalid_json", "not JSON we accept: nested too deeply")
    except ValueError as error:  # e.g. an integer literal over Python's 4300-digit limit
        return Rejection("invalid_json", f"not JSON we accept: {str(error)[:200]}")
    if isinstance(data, dict) and isinstance(data.get("text"), str):
        if not data["text"].strip():
            return Rejection("empty_text", "text is empty or blank")
        if len(data["text"]) > MAX_TEXT_CHARS:
            return Rejection("too_large", f"text of {len(data['text'])} characters, over the parser's limit of "
                             f"{MAX_TEXT_CHARS}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        return Rejection("invalid_schema", _summary(error))


def dead_letter(rejection: Rejection, raw: bytes | None, origin: Origin, *, worker: str) -> DeadLetter:
    """The dead-letter event for a rejected message; its id is stable per (worker, offset)."""
    payload = raw or b""
    return DeadLetter(
        event_id=deterministic_id("dead-letter", worker, origin.topic, origin.partition, origin.offset),
        worker=worker,
        reason=rejection.reason,
        detail=rejection.detail,
        topic=origin.topic,
        partition=origin.partition,
        offset=origin.offset,
        key=origin.key.decode("utf-8", "backslashreplace") if origin.key is not None else None,
        payload_base64=base64.b64encode(payload[:PAYLOAD_LIMIT]).decode("ascii"),
        payload_size=len(payload),
        payload_truncated=len(payload) > PAYLOAD_LIMIT,
        failed_at=datetime.now(UTC),
    )


def _summary(error: ValidationError) -> str:
    problems = [f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in error.errors()[:5]]
    return "schema: " + "; ".join(problems)
