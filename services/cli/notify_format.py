"""What `counterclaim notify` POSTs for one contradiction: the event's JSON, or a Slack message."""

from __future__ import annotations

import json
from collections.abc import Callable

from schemas.events import Claim, ContradictionEvent

Render = Callable[[ContradictionEvent], bytes]
QUOTE_LIMIT = 500  # characters of each quote in a chat message


def event_json(event: ContradictionEvent) -> bytes:
    """The event exactly as on the topic: receivers de-duplicate by its `event_id`."""
    return event.model_dump_json().encode()


def slack_message(event: ContradictionEvent) -> bytes:
    """A Slack-compatible message (incoming webhooks): `text` says it all, `blocks` lays out the two claims."""
    first, second = event.claims
    headline = (f"Contradiction ({event.kind}) on *{_escape(event.subject)}*, "
                f"confidence {event.confidence:.2f}")
    text = f"{headline}\n{_claim(first)}\nvs\n{_claim(second)}\n_{_escape(event.explanation)}_"
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": headline}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": _claim(first)},
                                       {"type": "mrkdwn", "text": _claim(second)}]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": _escape(event.explanation)},
                                         {"type": "mrkdwn", "text": f"event `{event.event_id}`"}]},
    ]
    return json.dumps({"text": text, "blocks": blocks}, ensure_ascii=False).encode()


FORMATS: dict[str, Render] = {"json": event_json, "slack": slack_message}


def _claim(claim: Claim) -> str:
    speaker = claim.speaker
    who = "unattributed" if speaker is None else speaker.name
    side = f" ({speaker.affiliation})" if speaker and speaker.affiliation else ""
    where = f"{claim.article_id}, {claim.source}" if claim.source else claim.article_id
    text = " ".join(claim.text.split())  # one line, so the whole quote stays in the block quote
    quote = text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT - 3] + "..."
    return f"*{_escape(who + side)}*\n>{_escape(quote)}\n{_escape(where)}"


def _escape(text: str) -> str:
    """Slack's three control characters in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
