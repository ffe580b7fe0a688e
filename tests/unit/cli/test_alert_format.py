"""How `counterclaim alerts` and `dead-letters` print events for a person on call."""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime
from typing import get_args

from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent, ContradictionKind
from schemas.internal import DeadLetter
from services.cli.alerts import alert_filter, print_contradiction, print_dead_letter


def test_contradiction_names_both_speakers_sides_quotes_subject_and_confidence() -> None:
    first = Claim(article_id="a1", start=10, end=32, text='"The talks went well,"',
                  speaker=Speaker(name="Mike Pompeo", affiliation="United States"), source="Wire")
    second = Claim(article_id="a1", start=50, end=61, text="regrettable", speaker=Speaker(name="KCNA"))
    event = ContradictionEvent(event_id=ContradictionEvent.make_id("evaluative", first, second), article_id="a1",
                               kind="evaluative", subject="talks", claims=(first, second), confidence=0.8,
                               explanation="opposed evaluations")
    out = io.StringIO()
    print_contradiction(event, out)
    text = out.getvalue()
    assert "CONTRADICTION [evaluative] on 'talks', confidence 0.80" in text
    assert 'Mike Pompeo (United States): "The talks went well,"  [a1, Wire, chars 10-32]' in text
    assert 'KCNA: "regrettable"  [a1, chars 50-61]' in text
    assert "why: opposed evaluations" in text


def test_dead_letter_shows_reason_origin_and_a_readable_payload_prefix() -> None:
    letter = DeadLetter(event_id="x", worker="quotes", reason="invalid_utf8", detail="not UTF-8 at byte 0",
                        topic="raw-articles", partition=2, offset=7, key="k",
                        payload_base64=base64.b64encode(b"\xff\xfe garbage").decode(), payload_size=10,
                        payload_truncated=False, failed_at=datetime.now(UTC))
    out = io.StringIO()
    print_dead_letter(letter, out)
    text = out.getvalue()
    assert "DEAD LETTER from quotes: invalid_utf8 - not UTF-8 at byte 0" in text
    assert "raw-articles[2]@7, key 'k', 10 bytes" in text
    assert "\\\\xff\\\\xfe garbage" in text


def _event(kind: ContradictionKind, confidence: float) -> ContradictionEvent:
    first = Claim(article_id="a1", start=0, end=4, text="good")
    second = Claim(article_id="a2", start=0, end=3, text="bad")
    return ContradictionEvent(event_id=ContradictionEvent.make_id(kind, first, second), article_id="a2", kind=kind,
                              subject="talks", claims=(first, second), confidence=confidence, explanation="-")


def test_alert_filter_keeps_confident_events_of_the_wanted_kinds() -> None:
    keep = alert_filter(0.6, ["rebuttal", "cross-article"])
    assert keep(_event("rebuttal", 0.6)) and keep(_event("cross-article", 0.9))
    assert not keep(_event("rebuttal", 0.59))
    assert not keep(_event("evaluative", 0.99))


def test_alert_filter_without_kinds_keeps_every_kind() -> None:
    keep = alert_filter(0.0, ())
    assert all(keep(_event(kind, 0.0)) for kind in get_args(ContradictionKind))
