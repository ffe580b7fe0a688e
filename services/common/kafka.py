"""kafka-python clients (CLI producer, alert consumer, admin) configured from Settings."""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Collection
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from schemas.internal import BUNDLE_SIZE_FACTOR
from services.common.broker import port_open
from services.common.settings import Security, Settings

log = logging.getLogger(__name__)


class BrokerUnreachable(RuntimeError):
    """No broker answered at the configured address within the time allowed."""


def client_config(settings: Settings) -> dict[str, Any]:
    """Connection and security options common to every kafka-python client."""
    sec = settings.security
    config: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers.split(","),
        "security_protocol": sec.protocol,
        "client_id": "counterclaim",
    }
    if sec.protocol.startswith("SASL") and sec.sasl_mechanism:
        config.update(
            sasl_mechanism=sec.sasl_mechanism,
            sasl_plain_username=sec.sasl_username,
            sasl_plain_password=sec.sasl_password,
        )
    if sec.protocol.endswith("SSL"):
        config.update(ssl_cafile=sec.ssl_cafile, ssl_certfile=sec.ssl_certfile, ssl_keyfile=sec.ssl_keyfile)
    return config


def ssl_context(sec: Security) -> ssl.SSLContext | None:
    """The TLS context Faust/aiokafka needs, or None for plaintext connections."""
    if not sec.protocol.endswith("SSL"):
        return None
    context = ssl.create_default_context(cafile=sec.ssl_cafile)
    if sec.ssl_certfile:
        context.load_cert_chain(sec.ssl_certfile, sec.ssl_keyfile)
    return context


def make_producer(settings: Settings, **options: Any) -> KafkaProducer:
    return KafkaProducer(**client_config(settings), acks="all", linger_ms=5, **options)


def make_consumer(settings: Settings, topic: str, **options: Any) -> KafkaConsumer:
    return KafkaConsumer(topic, **client_config(settings), **options)


def wait_for_broker(settings: Settings, *, timeout: float = 60.0) -> KafkaAdminClient:
    """Connect an admin client once a bootstrap server accepts connections, retrying with a clear message."""
    deadline = time.monotonic() + timeout
    attempt = 0
    while True:
        if any(port_open(*_host_port(server)) for server in settings.bootstrap_servers.split(",")):
            try:
                return KafkaAdminClient(**client_config(settings))
            except KafkaError as error:
                problem = str(error)
        else:
            problem = "connection refused"
        if time.monotonic() > deadline:
            raise BrokerUnreachable(
                f"no Kafka broker reachable at {settings.bootstrap_servers} after {timeout:g} s ({problem}); "
                "start one with `make up` or `counterclaim broker`, or set KAFKA_BOOTSTRAP_SERVERS"
            )
        if attempt % 10 == 0:
            log.warning("Kafka broker at %s not reachable yet (%s); retrying every second",
                        settings.bootstrap_servers, problem)
        attempt += 1
        time.sleep(1.0)


def _host_port(server: str) -> tuple[str, int]:
    host, _, port = server.strip().rpartition(":")
    return host.strip("[]") or "localhost", int(port or 9092)


def bundle_bytes(settings: Settings) -> int:
    """The largest message a worker may produce: an article's bundle, plus some room."""
    return settings.max_article_bytes * BUNDLE_SIZE_FACTOR + 65536


def all_topics(settings: Settings) -> list[str]:
    topics = settings.topics
    return [topics.raw, topics.entities, topics.quotes, topics.contradictions,
            topics.dead_letters, topics.quoted_articles, topics.subject_claims]


def missing_topics(settings: Settings, topics: Collection[str]) -> list[str]:
    """Those of `topics` a reachable broker does not list; [] when no broker answers (nothing to tell)."""
    if not any(port_open(*_host_port(server)) for server in settings.bootstrap_servers.split(",")):
        return []
    try:
        admin = KafkaAdminClient(**client_config(settings), request_timeout_ms=5000)
    except KafkaError:
        return []
    try:
        existing = set(admin.list_topics())
    except KafkaError:
        return []
    finally:
        admin.close()
    return [name for name in topics if name not in existing]


def ensure_topics(settings: Settings, *, timeout: float = 60.0) -> None:
    """Create every Counterclaim topic that does not exist yet (idempotent)."""
    admin = wait_for_broker(settings, timeout=timeout)
    try:
        existing = set(admin.list_topics())
        topics = settings.topics
        wanted = all_topics(settings)
        # Bundles carry text, quotes and parse: their topic accepts larger messages
        # than a broker's default (1 MB), as large as the workers may produce.
        bundle_limit = {"max.message.bytes": str(bundle_bytes(settings))}
        missing = [NewTopic(name, settings.partitions, settings.replication_factor,
                            topic_configs=bundle_limit if name == topics.quoted_articles else {})
                   for name in wanted if name not in existing]
        for topic in missing:
            try:
                admin.create_topics([topic])
                log.info("created topic %s with %d partitions", topic.name, settings.partitions)
            except TopicAlreadyExistsError:
                pass  # another process created it meanwhile
            except KafkaError as error:
                raise RuntimeError(f"cannot create topic {topic.name}: {error}") from error
    finally:
        admin.close()
