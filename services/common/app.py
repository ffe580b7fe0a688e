"""The Faust app every worker runs on, configured from Settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import faust
from faust.transport.drivers import aiokafka as faust_aiokafka
from mode.utils.objects import cached_property
from mode.utils.queues import FlowControlEvent

from services.common.kafka import bundle_bytes, ssl_context
from services.common.recovery import KeepLiveQueuesOnResume, never_committed
from services.common.settings import Security, Settings


class WorkerApp(faust.App):
    """A Faust app whose consumers wait `fetch_max_wait_ms` for data instead of Faust's fixed 1.5 s.

    The embedded Tansu broker answers a waiting fetch only after about half the
    wait, so the fixed 1.5 s costs ~400 ms per hop; 50 ms costs a few ms.
    """

    fetch_max_wait_ms: int = 1500
    on_ready: Callable[[], None] | None = None

    def on_rebalance_end(self) -> None:
        """Faust calls this when partitions are assigned and tables recovered."""
        super().on_rebalance_end()
        if self.on_ready is not None:
            self.on_ready()

    def _new_transport(self) -> Any:
        return _Transport(self.conf.broker_consumer, self)

    @cached_property
    def flow_control(self) -> FlowControlEvent:
        """Flow control whose second resume after a rebalance keeps the events already queued (recovery.py)."""
        return KeepLiveQueuesOnResume(loop=self.loop)


class _ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka reads this private field when it starts its fetcher.
        consumer._fetch_max_wait_ms = getattr(self.app, "fetch_max_wait_ms", 1500)
        return consumer

    async def seek_to_committed(self) -> Mapping[Any, int]:
        """Seek to the committed offsets, and input partitions without one to the beginning (recovery.py)."""
        committed: Mapping[Any, int] = await super().seek_to_committed()
        unread = never_committed(committed, self.app.tables.changelog_topics)
        if unread:
            await self.call_thread(self._ensure_consumer().seek_to_beginning, *unread)
        return committed


class _Consumer(faust_aiokafka.Consumer):
    def _new_consumer_thread(self) -> Any:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class _Transport(faust_aiokafka.Transport):
    Consumer = _Consumer


def make_app(settings: Settings, worker: str) -> WorkerApp:
    """A Faust app for one worker: its own consumer group, at-least-once, no web server."""
    datadir = settings.run_dir / "data"  # Faust's directory, kept out of the working directory
    datadir.mkdir(parents=True, exist_ok=True)
    app = WorkerApp(
        f"{settings.group_prefix}-{worker}",
        broker=[f"kafka://{server}" for server in settings.bootstrap_servers.split(",")],
        broker_credentials=_credentials(settings.security),
        broker_session_timeout=settings.session_timeout_seconds,
        broker_heartbeat_interval=settings.heartbeat_interval_seconds,
        broker_commit_interval=1.0,
        consumer_auto_offset_reset="earliest",
        processing_guarantee="at_least_once",
        producer_linger=0.005,
        producer_acks=-1,
        # Room for an article's outputs (the quoted-article bundle carries the whole text);
        # the broker may still refuse one, and then the input is dead-lettered (stream.py).
        producer_max_request_size=max(1_000_000, bundle_bytes(settings)),
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        store="memory://",
        datadir=str(datadir / f"{settings.group_prefix}-{worker}"),
        web_enabled=False,
        value_serializer="raw",
        key_serializer="raw",
    )
    app.fetch_max_wait_ms = settings.fetch_max_wait_ms
    return app


def _credentials(sec: Security) -> Any:
    """Faust's credentials for `sec`: SASL (PLAIN or SCRAM) over plaintext or TLS, TLS alone, or None."""
    context = ssl_context(sec)
    if sec.protocol.startswith("SASL") and sec.sasl_mechanism:
        return faust.SASLCredentials(
            username=sec.sasl_username,
            password=sec.sasl_password,
            mechanism=sec.sasl_mechanism,
            ssl_context=context,
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None
