"""Reading one environment variable each: the value, or a SettingsError that names the variable
and says what is allowed."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path

Env = Mapping[str, str]
_HOSTNAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$")


class SettingsError(ValueError):
    """A setting has a value the services cannot use."""


def given(env: Env, variable: str) -> str | None:
    """The variable's value without surrounding blanks; None when unset or blank."""
    raw = env.get(variable, "").strip()
    return raw or None


def integer(env: Env, variable: str, default: int, *, minimum: int = 1, maximum: int | None = None) -> int:
    raw = given(env, variable)
    if raw is None:
        return default
    allowed = f"a whole number from {minimum} to {maximum}" if maximum else f"a whole number of at least {minimum}"
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{variable}={raw!r}: use {allowed}") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise SettingsError(f"{variable}={raw!r}: use {allowed}")
    return value


def port(env: Env, variable: str, default: int) -> int:
    return integer(env, variable, default, minimum=1, maximum=65535)


def positive(env: Env, variable: str, default: float) -> float:
    raw = given(env, variable)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise SettingsError(f"{variable}={raw!r}: use a number greater than 0")
    return value


def choice(env: Env, variable: str, default: str, allowed: Collection[str]) -> str:
    raw = given(env, variable)
    if raw is None:
        return default
    if raw.lower() not in allowed:
        raise SettingsError(f"{variable}={raw!r}: use one of {', '.join(allowed)}")
    return raw.lower()


def host(env: Env, variable: str, default: str) -> str:
    """A host name or an IP address."""
    raw = given(env, variable)
    if raw is None:
        return default
    if not valid_host(raw):
        raise SettingsError(f"{variable}={raw!r}: use an IP address or a host name, such as 0.0.0.0 or localhost")
    return raw


def host_ports(env: Env, variable: str) -> str | None:
    """A comma-separated `host:port` list ([v6-address]:port too), or None when unset."""
    raw = given(env, variable)
    if raw is None:
        return None
    servers = [server.strip() for server in raw.split(",")]
    for server in servers:
        name, colon, number = server.rpartition(":")
        name = name[1:-1] if name.startswith("[") and name.endswith("]") else name
        if not (colon and valid_host(name) and number.isdigit() and 1 <= int(number) <= 65535):
            raise SettingsError(f"{variable}={raw!r}: {server!r} is not host:port; use a comma-separated list "
                                "of host:port with ports from 1 to 65535, such as kafka-1:9092,kafka-2:9092")
    return ",".join(servers)


def directory(env: Env, variable: str, default: str) -> Path:
    """A directory path; it need not exist yet, but must not be a file or under one."""
    path = Path(given(env, variable) or default)
    for ancestor in (path, *path.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise SettingsError(f"{variable}={str(path)!r}: {str(ancestor)!r} is a file; use a directory "
                                    "(it is created when missing)")
            if not os.access(ancestor, os.W_OK | os.X_OK):
                raise SettingsError(f"{variable}={str(path)!r}: {str(ancestor)!r} is not writable; use a directory "
                                    "you can write to")
            break
    return path


def readable_file(env: Env, variable: str) -> str | None:
    raw = given(env, variable)
    if raw is None:
        return None
    if not (Path(raw).is_file() and os.access(raw, os.R_OK)):
        raise SettingsError(f"{variable}={raw!r}: no readable file there; use the path of a PEM file")
    return raw


def valid_host(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return bool(_HOSTNAME.fullmatch(name))
    return True
