"""`counterclaim alerts` and `counterclaim dead-letters`: follow a topic and print what arrives."""

from __future__ import annotations

import base64
import logging
import sys
from collections.abc import Callable, Collection
from typing import TextIO, TypeVar

from pydantic import BaseModel, ValidationError

from schemas.events import Claim, ContradictionEvent
from schemas.internal import DeadLetter
from services.common.kafka import make_consumer
from services.common.settings import Settings

log = logging.getLogger(__name__)
Event = TypeVar("Event", bound=BaseModel)
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"


def follow(settings: Settings, topic: str, model: type[Event], show: Callable[[Event], None], *,
           from_beginning: bool, max_count: int | None, timeout: float | None, group: str | None,
           keep: Callable[[Event], bool] = lambda _: True) -> int:
    """Show the events from `topic` that `keep` accepts, until `max_count` were shown or `timeout`
    seconds pass without any event on the topic (kept or not); returns how many were shown."""
    consumer = make_consumer(
        settings, topic,
        group_id=group,
        auto_offset_reset="earliest" if from_beginning else "latest",
        enable_auto_commit=group is not None,
        consumer_timeout_ms=int(timeout * 1000) if timeout else float("inf"),
    )
    seen = 0
    try:
        for message in consumer:
            try:
                event = model.model_validate_json(message.value)
            except ValidationError as error:
                log.warning("skipping %s[%d]@%d: not a valid %s (%d problems)", message.topic,
                            message.partition, message.offset, model.__name__, error.error_count())
                continue
            if not keep(event):
                continue
            show(event)
            seen += 1
            if max_count is not None and seen >= max_count:
                break
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
    return seen


def alert_filter(min_confidence: float, kinds: Collection[str]) -> Callable[[ContradictionEvent], bool]:
    """Accepts a contradiction of at least `min_confidence` and, when `kinds` is not empty, of one of them."""
    return lambda event: event.confidence >= min_confidence and (not kinds or event.kind in kinds)


def print_json(event: BaseModel, out: TextIO = sys.stdout) -> None:
    out.write(event.model_dump_json() + "\n")
    out.flush()


def print_contradiction(event: ContradictionEvent, out: TextIO = sys.stdout) -> None:
    first, second = event.claims
    out.write(
        f"CONTRADICTION [{event.kind}] on {event.subject!r}, confidence {event.confidence:.2f}\n"
        f"  {_claim(first)}\n  vs\n  {_claim(second)}\n  why: {event.explanation}\n\n"
    )
    out.flush()


def print_dead_letter(letter: DeadLetter, out: TextIO = sys.stdout) -> None:
    payload = base64.b64decode(letter.payload_base64)[:120].decode("utf-8", "backslashreplace")
    out.write(
        f"DEAD LETTER from {letter.worker}: {letter.reason} - {letter.detail}\n"
        f"  at {letter.topic}[{letter.partition}]@{letter.offset}, key {letter.key!r}, "
        f"{letter.payload_size} bytes{' (truncated)' if letter.payload_truncated else ''}\n"
        f"  payload: {payload!r}\n\n"
    )
    out.flush()


def _claim(claim: Claim) -> str:
    speaker = claim.speaker
    who = "unattributed" if speaker is None else speaker.name
    side = f" ({speaker.affiliation})" if speaker and speaker.affiliation else ""
    source = f", {claim.source}" if claim.source else ""
    text = claim.text if len(claim.text) <= 220 else claim.text[:217] + "..."
    quoted = text if text[:1] in QUOTE_MARKS else f'"{text}"'  # a direct quote brings its own marks
    return f"{who}{side}: {quoted}  [{claim.article_id}{source}, chars {claim.start}-{claim.end}]"
