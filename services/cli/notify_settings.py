"""`counterclaim notify`'s own settings: the webhook, its headers and its retry bound, read once at start.

Webhook URLs (Slack's, for one) and header values are secrets: errors name the
variable and never show its value, and logs show the URL only as scheme://host:port.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field

from services.common.settings import SettingsError

URL_VARIABLE = "COUNTERCLAIM_WEBHOOK_URL"
HEADER_PREFIX = "COUNTERCLAIM_WEBHOOK_HEADER_"
_HEADER_SUFFIX = re.compile(r"^[A-Z0-9][A-Z0-9_]*$")


@dataclass(frozen=True)
class Retry:
    """Exponential backoff with jitter, bounded by a number of attempts."""

    max_attempts: int = 6
    initial_seconds: float = 1.0
    max_seconds: float = 60.0

    def delay(self, failures: int, jitter: float) -> float:
        """Seconds to wait after the `failures`-th failed attempt; `jitter` in [0, 1) takes
        up to half of it away ("equal jitter"), so instances that failed together spread out."""
        ceiling = min(self.max_seconds, self.initial_seconds * 2 ** (failures - 1))
        return ceiling * (1.0 - jitter / 2)

    def worst_case_seconds(self, timeout_seconds: float) -> float:
        """The longest one event can take before it is delivered or given up."""
        waits = sum(min(self.max_seconds, self.initial_seconds * 2 ** (n - 1)) for n in range(1, self.max_attempts))
        return waits + self.max_attempts * timeout_seconds


@dataclass(frozen=True)
class NotifySettings:
    url: str = field(repr=False)
    headers: Mapping[str, str] = field(repr=False)
    timeout_seconds: float
    retry: Retry

    @property
    def target(self) -> str:
        """The URL without path, query or credentials: what logs may show."""
        return redact(self.url)


def load_notify_settings(env: Mapping[str, str], url: str | None) -> NotifySettings:
    """Read and validate notify's settings; `url` (from --webhook) wins over COUNTERCLAIM_WEBHOOK_URL."""
    where = "--webhook" if url else URL_VARIABLE
    url = url or env.get(URL_VARIABLE, "")
    if not url:
        raise SettingsError(f"notify needs a webhook: pass --webhook URL or set {URL_VARIABLE}")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise SettingsError(f"{where}: not an http(s) URL with a host (the value is not shown: it may hold a secret)")
    retry = Retry(
        max_attempts=int(_number(env, "COUNTERCLAIM_WEBHOOK_MAX_ATTEMPTS", 6, integer=True)),
        initial_seconds=_number(env, "COUNTERCLAIM_WEBHOOK_BACKOFF_SECONDS", 1.0),
        max_seconds=_number(env, "COUNTERCLAIM_WEBHOOK_BACKOFF_MAX_SECONDS", 60.0),
    )
    return NotifySettings(url=url, headers=_headers(env),
                          timeout_seconds=_number(env, "COUNTERCLAIM_WEBHOOK_TIMEOUT_SECONDS", 10.0), retry=retry)


def redact(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def _headers(env: Mapping[str, str]) -> dict[str, str]:
    """COUNTERCLAIM_WEBHOOK_HEADER_X_API_KEY=... becomes the header X-Api-Key."""
    headers = {}
    for variable in sorted(name for name in env if name.startswith(HEADER_PREFIX)):
        suffix, value = variable[len(HEADER_PREFIX):], env[variable]
        if not _HEADER_SUFFIX.fullmatch(suffix):
            raise SettingsError(f"{variable}: after {HEADER_PREFIX} use A-Z, 0-9 and _ (the header name)")
        if not value or any(c in value for c in "\r\n\0"):
            raise SettingsError(f"{variable}: a header value must be non-empty and on one line (value not shown)")
        headers["-".join(word.capitalize() for word in suffix.split("_") if word)] = value
    return headers


def _number(env: Mapping[str, str], variable: str, default: float, *, integer: bool = False) -> float:
    raw = env.get(variable, "")
    if raw == "":
        return int(default) if integer else default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise SettingsError(f"{variable}={raw!r} is not {'a whole number' if integer else 'a number'}") from None
    if not value > 0 or value == float("inf"):
        raise SettingsError(f"{variable}={raw!r} must be positive and finite")
    return value
