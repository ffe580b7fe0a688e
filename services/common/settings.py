"""One frozen settings object per process, read from the environment once at start."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

EMBEDDED_HOST = "127.0.0.1"
EMBEDDED_PORT = 9092
_TOPIC_NAME = re.compile(r"^[A-Za-z0-9._-]{1,249}$")
_DEFAULT_TOPICS = {
    "raw": "raw-articles",
    "entities": "entities",
    "quotes": "quotes",
    "contradictions": "contradictions",
    "dead_letters": "dead-letters",
    "quoted_articles": "quoted-articles",
    "subject_claims": "subject-claims",
}
METRICS_PORTS = {"entities": 9101, "quotes": 9102, "contradictions": 9103}
# Far above a normal article's time, so only a pathological input, or a bug that makes
# one slow, reaches it.
ARTICLE_BUDGET_SECONDS = 60.0


class SettingsError(ValueError):
    """A setting has a value the services cannot use."""


@dataclass(frozen=True)
class Security:
    """SASL/TLS settings passed through to kafka-python and Faust alike."""

    protocol: str = "PLAINTEXT"  # PLAINTEXT | SSL | SASL_PLAINTEXT | SASL_SSL
    sasl_mechanism: str | None = None  # PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512
    sasl_username: str | None = None
    sasl_password: str | None = field(default=None, repr=False)
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None


@dataclass(frozen=True)
class Topics:
    raw: str
    entities: str
    quotes: str
    contradictions: str
    dead_letters: str
    quoted_articles: str
    subject_claims: str


@dataclass(frozen=True)
class Settings:
    bootstrap_servers: str
    embedded: bool  # True when no KAFKA_BOOTSTRAP_SERVERS was given: the local Tansu broker
    embedded_port: int
    run_dir: Path  # where `up` keeps pids and logs
    topics: Topics
    security: Security
    partitions: int
    replication_factor: int
    session_timeout_seconds: float
    heartbeat_interval_seconds: float
    fetch_max_wait_ms: int
    max_article_bytes: int
    batch_size: int
    article_budget_seconds: float  # longer on one article and it is dead-lettered as too_slow
    quote_instances: int
    metrics_host: str
    metrics_ports: Mapping[str, int]
    group_prefix: str
    claim_memory: int
    claim_max_age_seconds: float
    log_level: str


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from `env` (default: the process environment) and validate it."""
    env = os.environ if env is None else env
    given = env.get("KAFKA_BOOTSTRAP_SERVERS", "").strip()
    embedded = not given
    topics = Topics(**{role: _topic(env, role, name) for role, name in _DEFAULT_TOPICS.items()})
    ports = {w: _int(env, f"COUNTERCLAIM_{w.upper()}_METRICS_PORT", p) for w, p in METRICS_PORTS.items()}
    embedded_port = _int(env, "COUNTERCLAIM_BROKER_PORT", EMBEDDED_PORT)
    partitions = _int(env, "COUNTERCLAIM_PARTITIONS", 4)
    quote_instances = _int(env, "COUNTERCLAIM_QUOTE_INSTANCES", 2)
    if quote_instances > partitions:
        raise SettingsError(f"COUNTERCLAIM_QUOTE_INSTANCES={quote_instances} is more than the {partitions} "
                            "partitions: the extra instances would get no work")
    return Settings(
        bootstrap_servers=given or f"{EMBEDDED_HOST}:{embedded_port}",
        embedded=embedded,
        embedded_port=embedded_port,
        run_dir=Path(env.get("COUNTERCLAIM_RUN_DIR", ".run")),
        topics=topics,
        security=_security(env),
        partitions=partitions,
        replication_factor=_int(env, "COUNTERCLAIM_REPLICATION_FACTOR", 1),
        # Real Kafka refuses sessions under 6 s (group.min.session.timeout.ms); the
        # embedded Tansu broker holds every JoinGroup for half of it, so it gets 2 s.
        session_timeout_seconds=_float(env, "KAFKA_SESSION_TIMEOUT_SECONDS", 2.0 if embedded else 10.0),
        heartbeat_interval_seconds=_float(env, "KAFKA_HEARTBEAT_INTERVAL_SECONDS", 0.5 if embedded else 3.0),
        fetch_max_wait_ms=_int(env, "KAFKA_FETCH_MAX_WAIT_MS", 50 if embedded else 500),
        max_article_bytes=_int(env, "COUNTERCLAIM_MAX_ARTICLE_BYTES", 1024 * 1024),
        batch_size=_int(env, "COUNTERCLAIM_BATCH_SIZE", 16),
        article_budget_seconds=_float(env, "COUNTERCLAIM_ARTICLE_BUDGET_SECONDS", ARTICLE_BUDGET_SECONDS),
        quote_instances=quote_instances,
        metrics_host=env.get("COUNTERCLAIM_METRICS_HOST", "0.0.0.0"),
        metrics_ports=ports,
        group_prefix=topic_name(env.get("COUNTERCLAIM_GROUP_PREFIX", "counterclaim"), "COUNTERCLAIM_GROUP_PREFIX"),
        claim_memory=_int(env, "COUNTERCLAIM_CLAIM_MEMORY", 50),
        claim_max_age_seconds=_float(env, "COUNTERCLAIM_CLAIM_MAX_AGE_SECONDS", 7 * 24 * 3600.0),
        log_level=env.get("COUNTERCLAIM_LOG_LEVEL", "info").lower(),
    )


def _security(env: Mapping[str, str]) -> Security:
    protocol = env.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").upper()
    if protocol not in {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}:
        raise SettingsError(f"KAFKA_SECURITY_PROTOCOL={protocol!r}: use PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL")
    mechanism = env.get("KAFKA_SASL_MECHANISM") or None
    if mechanism and mechanism.upper() not in {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}:
        raise SettingsError(f"KAFKA_SASL_MECHANISM={mechanism!r}: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
    if protocol.startswith("SASL") and not (mechanism and env.get("KAFKA_SASL_USERNAME")):
        raise SettingsError(f"{protocol} needs KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD")
    return Security(
        protocol=protocol,
        sasl_mechanism=mechanism.upper() if mechanism else None,
        sasl_username=env.get("KAFKA_SASL_USERNAME") or None,
        sasl_password=env.get("KAFKA_SASL_PASSWORD") or None,
        ssl_cafile=env.get("KAFKA_SSL_CAFILE") or None,
        ssl_certfile=env.get("KAFKA_SSL_CERTFILE") or None,
        ssl_keyfile=env.get("KAFKA_SSL_KEYFILE") or None,
    )


def _topic(env: Mapping[str, str], role: str, default: str) -> str:
    return topic_name(env.get(f"COUNTERCLAIM_TOPIC_{role.upper()}", default), f"COUNTERCLAIM_TOPIC_{role.upper()}")


def topic_name(value: str, variable: str) -> str:
    """`value` if it is a legal Kafka topic or group name, else SettingsError naming `variable`."""
    if not _TOPIC_NAME.fullmatch(value) or value in {".", ".."}:
        raise SettingsError(f"{variable}={value!r}: use 1-249 characters of letters, digits, '.', '_' or '-'")
    return value


def _int(env: Mapping[str, str], variable: str, default: int) -> int:
    return int(_float(env, variable, default))


def _float(env: Mapping[str, str], variable: str, default: float) -> float:
    raw = env.get(variable)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{variable}={raw!r} is not a number") from None
    if value <= 0:
        raise SettingsError(f"{variable}={raw!r} must be positive")
    return value
