"""The desk's own settings, read once at start beside the shared ones."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass

from services.common.settings import SettingsError, topic_name

DESK_PORT = 8080


@dataclass(frozen=True)
class DeskSettings:
    host: str  # address the page binds
    port: int
    history: int  # alerts kept in memory and shown on load, read back from the topic at start
    article_cache: int  # article texts kept for context (the most recent ones)
    group: str  # this instance's own consumer group: every desk sees every alert


def load_desk_settings(env: Mapping[str, str] | None = None, *, port: int | None = None,
                       group_prefix: str = "counterclaim") -> DeskSettings:
    """Read and validate the desk's variables; `port` (from `--port`) wins over COUNTERCLAIM_DESK_PORT."""
    env = os.environ if env is None else env
    if port is None:
        raw = env.get("COUNTERCLAIM_DESK_PORT", "").strip() or str(DESK_PORT)
        try:
            port = port_number(raw)
        except ValueError:
            raise SettingsError(f"COUNTERCLAIM_DESK_PORT={raw!r} is not a TCP port (1-65535)") from None
    history = _whole(env, "COUNTERCLAIM_DESK_HISTORY", 200)
    default_group = f"{group_prefix}-desk-{socket.gethostname()}-{port}"
    return DeskSettings(
        host=env.get("COUNTERCLAIM_DESK_HOST", "127.0.0.1"),
        port=port,
        history=history,
        article_cache=_whole(env, "COUNTERCLAIM_DESK_ARTICLES", 4 * history),
        group=topic_name(env.get("COUNTERCLAIM_DESK_GROUP") or default_group[:249], "COUNTERCLAIM_DESK_GROUP"),
    )


def port_number(text: str) -> int:
    """`--port`: a TCP port number, else ValueError."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(f"{text!r} is not a TCP port (1-65535)")
    return int(text)


def _whole(env: Mapping[str, str], variable: str, default: int) -> int:
    raw = env.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SettingsError(f"{variable}={raw!r} must be a positive whole number")
    return int(raw)
