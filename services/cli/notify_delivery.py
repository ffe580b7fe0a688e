"""Delivering one body to the webhook: POST it, retry with backoff and jitter, give up after the bound."""

from __future__ import annotations

import http.client
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from services.cli.notify_settings import NotifySettings, Retry

log = logging.getLogger(__name__)
RETRYABLE_CLIENT_ERRORS = frozenset({408, 425, 429})  # timeout, too early, rate-limited: worth another try


@dataclass(frozen=True)
class Answer:
    """What one POST got: `ok` for a 2xx; else whether another attempt could help, and why not."""

    ok: bool
    retryable: bool = True
    problem: str = ""


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    attempts: int
    problem: str = ""  # why it was not delivered


Post = Callable[[bytes, str], Answer]  # (body, event id) -> answer


def deliver(body: bytes, event_id: str, *, post: Post, retry: Retry, target: str,
            sleep: Callable[[float], None], jitter: Callable[[], float]) -> Outcome:
    """POST `body` until a 2xx, a refusal no retry can fix, or `retry.max_attempts` attempts."""
    for attempt in range(1, retry.max_attempts + 1):
        answer = post(body, event_id)
        if answer.ok:
            if attempt > 1:
                log.info("webhook %s: event %s delivered on attempt %d", target, event_id, attempt)
            return Outcome(True, attempt)
        if not answer.retryable:
            return Outcome(False, attempt, f"{answer.problem}, a refusal that retrying cannot fix")
        if attempt < retry.max_attempts:
            wait = retry.delay(attempt, jitter())
            log.warning("webhook %s: event %s attempt %d/%d failed (%s); retrying in %.2f s",
                        target, event_id, attempt, retry.max_attempts, answer.problem, wait)
            sleep(wait)
    return Outcome(False, retry.max_attempts, f"{answer.problem} on each of {retry.max_attempts} attempts")


def classify(status: int) -> Answer:
    """2xx delivers; 5xx and 408/425/429 may pass later; any other answer never will."""
    if 200 <= status < 300:
        return Answer(ok=True)
    if status >= 500 or status in RETRYABLE_CLIENT_ERRORS:
        return Answer(ok=False, problem=f"HTTP {status}")
    why = "a redirect (not followed for a POST)" if 300 <= status < 400 else "refused"
    return Answer(ok=False, retryable=False, problem=f"HTTP {status}, {why}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirected POST must not turn into a GET that answers 200: it is reported as its 3xx."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def http_post(settings: NotifySettings) -> Post:
    """A `Post` to the webhook with its headers; problems it reports never contain the URL or a header value."""
    opener = urllib.request.build_opener(_NoRedirect)
    secrets = sorted({settings.url, *settings.headers.values()}, key=len, reverse=True)

    def scrub(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, "***")
        return text

    def post(body: bytes, event_id: str) -> Answer:
        headers = {**settings.headers, "Content-Type": "application/json", "Idempotency-Key": event_id,
                   "User-Agent": "counterclaim-notify"}
        request = urllib.request.Request(settings.url, data=body, headers=headers, method="POST")
        try:
            with opener.open(request, timeout=settings.timeout_seconds) as response:
                response.read()
                return classify(response.status)
        except urllib.error.HTTPError as error:
            error.close()
            return classify(error.code)
        except urllib.error.URLError as error:
            return Answer(ok=False, problem=scrub(f"cannot connect: {error.reason}"))
        except (OSError, http.client.HTTPException) as error:  # timeouts, resets, broken responses
            return Answer(ok=False, problem=scrub(f"{type(error).__name__}: {error}"))

    return post
