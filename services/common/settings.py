"""One frozen settings object per process, read from the environment once at start."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from services.common.env import (
    SettingsError,
    choice,
    directory,
    given,
    host,
    host_ports,
    integer,
    port,
    positive,
    readable_file,
)

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
QUOTE_PORT_STEP = 10
LOG_LEVELS = ("debug", "info", "warning", "error")
# Far above a normal article's time (milliseconds), and above the largest article the
# size limit lets in: 1 MiB of text takes spaCy about a minute on an idle core of the
# development machine (300k characters: 13.5 s), twice that or more while the cores are shared.
ARTICLE_BUDGET_SECONDS = 300.0


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
    servers = host_ports(env, "KAFKA_BOOTSTRAP_SERVERS")
    embedded = servers is None
    topics = Topics(**{role: _topic(env, role, name) for role, name in _DEFAULT_TOPICS.items()})
    ports = {w: port(env, metrics_port_variable(w), p) for w, p in METRICS_PORTS.items()}
    embedded_port = port(env, "COUNTERCLAIM_BROKER_PORT", EMBEDDED_PORT)
    partitions = integer(env, "COUNTERCLAIM_PARTITIONS", 4)
    quote_instances = integer(env, "COUNTERCLAIM_QUOTE_INSTANCES", 2)
    if quote_instances > partitions:
        raise SettingsError(f"COUNTERCLAIM_QUOTE_INSTANCES={quote_instances} is more than the {partitions} "
                            "partitions: the extra instances would get no work")
    _distinct_ports(ports, quote_instances)
    session = positive(env, "KAFKA_SESSION_TIMEOUT_SECONDS", 2.0 if embedded else 10.0)
    heartbeat = positive(env, "KAFKA_HEARTBEAT_INTERVAL_SECONDS", 0.5 if embedded else 3.0)
    if heartbeat >= session:
        raise SettingsError(f"KAFKA_HEARTBEAT_INTERVAL_SECONDS={heartbeat:g} must be less than "
                            f"KAFKA_SESSION_TIMEOUT_SECONDS={session:g}")
    return Settings(
        bootstrap_servers=servers or f"{EMBEDDED_HOST}:{embedded_port}",
        embedded=embedded,
        embedded_port=embedded_port,
        run_dir=directory(env, "COUNTERCLAIM_RUN_DIR", ".run"),
        topics=topics,
        security=_security(env),
        partitions=partitions,
        replication_factor=integer(env, "COUNTERCLAIM_REPLICATION_FACTOR", 1),
        # Real Kafka refuses sessions under 6 s (group.min.session.timeout.ms); the
        # embedded Tansu broker holds every JoinGroup for half of it, so it gets 2 s.
        session_timeout_seconds=session,
        heartbeat_interval_seconds=heartbeat,
        fetch_max_wait_ms=integer(env, "KAFKA_FETCH_MAX_WAIT_MS", 50 if embedded else 500),
        max_article_bytes=integer(env, "COUNTERCLAIM_MAX_ARTICLE_BYTES", 1024 * 1024),
        batch_size=integer(env, "COUNTERCLAIM_BATCH_SIZE", 16),
        article_budget_seconds=positive(env, "COUNTERCLAIM_ARTICLE_BUDGET_SECONDS", ARTICLE_BUDGET_SECONDS),
        quote_instances=quote_instances,
        metrics_host=host(env, "COUNTERCLAIM_METRICS_HOST", "0.0.0.0"),
        metrics_ports=ports,
        group_prefix=topic_name(env.get("COUNTERCLAIM_GROUP_PREFIX", "counterclaim"), "COUNTERCLAIM_GROUP_PREFIX"),
        claim_memory=integer(env, "COUNTERCLAIM_CLAIM_MEMORY", 50),
        claim_max_age_seconds=positive(env, "COUNTERCLAIM_CLAIM_MAX_AGE_SECONDS", 7 * 24 * 3600.0),
        log_level=choice(env, "COUNTERCLAIM_LOG_LEVEL", "info", LOG_LEVELS),
    )


def metrics_port_variable(worker: str) -> str:
    """The variable that moves worker `worker`'s metrics port."""
    return f"COUNTERCLAIM_{worker.upper()}_METRICS_PORT"


def quote_instance_port(quotes_port: int, instance: int) -> int:
    """Quote instance `instance` (1, 2, ...) serves metrics `QUOTE_PORT_STEP` x (instance - 1) above the first."""
    return quotes_port + QUOTE_PORT_STEP * (instance - 1)


def _distinct_ports(ports: Mapping[str, int], quote_instances: int) -> None:
    """Every metrics port `up` would use is a real port, and no two processes share one."""
    owners: dict[int, str] = {}
    for worker, first in ports.items():
        count = quote_instances if worker == "quotes" else 1
        for instance in range(1, count + 1):
            number = quote_instance_port(first, instance)
            where = metrics_port_variable(worker) + (f" (quote instance {instance})" if instance > 1 else "")
            if number > 65535:
                raise SettingsError(f"{where}: port {number} is over 65535; lower {metrics_port_variable(worker)} "
                                    "or COUNTERCLAIM_QUOTE_INSTANCES")
            if number in owners:
                raise SettingsError(f"{where} and {owners[number]} both use port {number}; move one of them")
            owners[number] = where


def _security(env: Mapping[str, str]) -> Security:
    protocol = (given(env, "KAFKA_SECURITY_PROTOCOL") or "PLAINTEXT").upper()
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
        ssl_cafile=readable_file(env, "KAFKA_SSL_CAFILE"),
        ssl_certfile=readable_file(env, "KAFKA_SSL_CERTFILE"),
        ssl_keyfile=readable_file(env, "KAFKA_SSL_KEYFILE"),
    )


def _topic(env: Mapping[str, str], role: str, default: str) -> str:
    return topic_name(env.get(f"COUNTERCLAIM_TOPIC_{role.upper()}", default), f"COUNTERCLAIM_TOPIC_{role.upper()}")


def topic_name(value: str, variable: str) -> str:
    """`value` if it is a legal Kafka topic or group name, else SettingsError naming `variable`."""
    if not _TOPIC_NAME.fullmatch(value) or value in {".", ".."}:
        raise SettingsError(f"{variable}={value!r}: use 1-249 characters of letters, digits, '.', '_' or '-'")
    return value
