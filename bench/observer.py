"""The pipeline benchmark's observer: when each article's events reach the output topics."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer

from services.common.kafka import bundle_bytes
from services.common.settings import Settings

# The observer's fetch wait: Tansu answers after about half of it, so it adds ~10 ms to each latency.
OBSERVER_FETCH_WAIT_MS = 20
STARTUP_SECONDS = 30


class Observer:
    """Reads every output topic in a thread; remembers when each article's latest event arrived.

    It shares the two measured cores, so it uses aiokafka, the workers' client: at the same
    fetch wait, kafka-python's consumer spent ~100 CPU ms per second polling 20 partitions,
    aiokafka's ~40.
    """

    def __init__(self, settings: Settings) -> None:
        t = settings.topics
        self.keyed = {t.entities, t.quotes, t.quoted_articles}  # keyed by article id
        self.topics = [*self.keyed, t.subject_claims, t.contradictions]
        self.last_seen: dict[str, float] = {}
        self.bundles: dict[str, float] = {}  # when each article's quoted-articles bundle arrived
        self.topic_last: dict[str, float] = {}  # when the latest event on each topic arrived
        self.quoted_articles = t.quoted_articles
        self._settings = settings
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._serve, name="bench-observer", daemon=True)

    def start(self) -> None:
        """Start reading; raises if the consumer could not connect."""
        self._thread.start()
        if not self._ready.wait(STARTUP_SECONDS):
            raise RuntimeError(f"the bench observer's consumer did not start within {STARTUP_SECONDS} s")
        if self._failure is not None:
            raise RuntimeError(f"the bench observer's consumer failed: {self._failure}") from self._failure

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def count_bundles(self, ids: Sequence[str]) -> int:
        with self._lock:
            return sum(1 for article_id in ids if article_id in self.bundles)

    def topic_latest(self) -> dict[str, float]:
        with self._lock:
            return dict(self.topic_last)

    def bundle(self, article_id: str) -> float | None:
        with self._lock:
            return self.bundles.get(article_id)

    def latest(self, article_id: str) -> float | None:
        with self._lock:
            return self.last_seen.get(article_id)

    def _serve(self) -> None:
        try:
            asyncio.run(self._run())
        except BaseException as error:
            self._failure = error
            if not self._ready.is_set():  # start() raises it in the caller's thread
                self._ready.set()
                return
            raise  # after start: the thread's traceback is the bench's loud failure

    async def _run(self) -> None:
        consumer = AIOKafkaConsumer(*self.topics, bootstrap_servers=self._settings.bootstrap_servers,
                                    auto_offset_reset="earliest", group_id=None, enable_auto_commit=False,
                                    fetch_max_wait_ms=OBSERVER_FETCH_WAIT_MS,
                                    max_partition_fetch_bytes=bundle_bytes(self._settings))
        try:
            await consumer.start()
            self._ready.set()
            while not self._stop.is_set():
                batches = await consumer.getmany(timeout_ms=50)
                now = time.time()
                with self._lock:
                    for tp, records in batches.items():
                        for record in records:
                            self._seen(tp.topic, record.key, record.value, now)
        finally:
            await consumer.stop()

    def _seen(self, topic: str, key: bytes | None, value: bytes | None, now: float) -> None:
        article_id = self._article_of(topic, key, value or b"{}")
        self.last_seen[article_id] = now
        self.topic_last[topic] = now
        if topic == self.quoted_articles:
            self.bundles[article_id] = now

    def _article_of(self, topic: str, key: bytes | None, value: bytes) -> str:
        if topic in self.keyed and key is not None:
            return key.decode()
        event = json.loads(value)
        filed = event.get("claims") or [{}]  # subject-claims: an article's claims under one story key
        claim = filed[0].get("claim") or {}
        return str(event.get("article_id") or claim.get("article_id") or "")
