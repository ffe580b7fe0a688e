"""`counterclaim desk`: serve the page and follow the topics until SIGTERM or Ctrl-C."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from aiohttp import web
from aiokafka import AIOKafkaProducer

from services.common.kafka import ensure_topics
from services.common.settings import Settings
from services.desk.consume import aiokafka_options, follow
from services.desk.metrics import DeskMetrics, make_desk_metrics
from services.desk.settings import DeskSettings
from services.desk.state import ArticleCache, Desk
from services.desk.web import make_web_app

log = logging.getLogger(__name__)
EXIT_BUG = 70  # as the workers: an unexpected error in our own code
TOPIC_CHECK_SECONDS = 5.0


def run_desk(settings: Settings, desk_settings: DeskSettings) -> int:
    try:
        return asyncio.run(serve(settings, desk_settings))
    except KeyboardInterrupt:
        return 0


async def serve(settings: Settings, desk_settings: DeskSettings) -> int:
    """Serve until a stop signal (exit 0); a port in use gives 1, a bug in the reader EXIT_BUG."""
    metrics = make_desk_metrics()
    desk = Desk(desk_settings.history, ArticleCache(desk_settings.article_cache))
    reading: list[asyncio.Task[None]] = []

    def healthy() -> bool:
        ready = metrics.registry.get_sample_value("counterclaim_desk_ready") == 1
        return ready and bool(reading) and not reading[0].done()

    app = make_web_app(desk, metrics, healthy)
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=5.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, desk_settings.host, desk_settings.port).start()
    except OSError as error:
        await runner.cleanup()
        print(f"counterclaim desk: cannot serve on {desk_settings.host}:{desk_settings.port}: {error.strerror}",
              file=sys.stderr)
        return 1
    log.info("desk on http://%s:%d/ (metrics /metrics, health /healthz), broker %s", desk_settings.host,
             desk_settings.port, settings.bootstrap_servers)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    producer = AIOKafkaProducer(**aiokafka_options(settings), acks="all")
    reading.append(asyncio.create_task(_read(settings, desk_settings, desk, metrics, producer)))
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([reading[0], stopping], return_when=asyncio.FIRST_COMPLETED)
        if reading[0].done() and not reading[0].cancelled() and reading[0].exception() is not None:
            log.critical("desk reader failed; exiting", exc_info=reading[0].exception())
            return EXIT_BUG
        return 0
    finally:
        for task in (reading[0], stopping):
            task.cancel()
        await asyncio.gather(reading[0], stopping, return_exceptions=True)
        await runner.cleanup()
        await producer.stop()
        log.info("desk stopped")


async def _read(settings: Settings, desk_settings: DeskSettings, desk: Desk, metrics: DeskMetrics,
                producer: AIOKafkaProducer) -> None:
    while True:  # the workers usually created the topics already; wait for the broker if not
        try:
            await asyncio.to_thread(ensure_topics, settings, timeout=TOPIC_CHECK_SECONDS)
            break
        except RuntimeError as error:
            log.warning("desk waiting for Kafka: %s", error)
    await producer.start()

    async def send_dead_letter(key: str, value: bytes) -> None:
        await producer.send_and_wait(settings.topics.dead_letters, value, key=key.encode())

    await follow(settings, desk_settings, desk, metrics, send_dead_letter)
