"""What each `counterclaim` subcommand does, given parsed arguments and the settings."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from typing import Any

from services.cli.errors import CommandError
from services.common.settings import Settings

BROKER_WAIT_SECONDS = 15.0


def run(args: argparse.Namespace, settings: Settings) -> int:
    from services.cli import process_commands as processes

    handlers: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
        "publish": _publish, "alerts": _alerts, "dead-letters": _dead_letters, "notify": _notify,
        "analyze": _analyze, "compare": _compare, "broker": processes.broker, "worker": processes.worker,
        "up": processes.up, "down": processes.down, "demo": processes.demo, "desk": processes.desk,
    }
    return handlers[args.command](args, settings)


def _publish(args: argparse.Namespace, settings: Settings) -> int:
    from services.cli.publish import InputError, read_articles, send_articles
    from services.common.kafka import ensure_topics

    try:
        articles = read_articles(args.paths, max_bytes=settings.max_article_bytes, source=args.source)
    except InputError as error:
        raise CommandError(f"nothing was published; fix these inputs first:\n{error}", exit_code=2) from None
    topic = _topic_name(args.topic) if args.topic else settings.topics.raw
    _with_broker(lambda: ensure_topics(settings, timeout=BROKER_WAIT_SECONDS), settings)
    sent = _with_broker(lambda: send_articles(settings, articles, topic=topic), settings)
    for article in articles:
        print(f"published {article.id} ({len(article.text)} chars) to {topic}", file=sys.stderr)
    print(f"published {sent} article(s) to {topic} at {settings.bootstrap_servers}", file=sys.stderr)
    return 0


def _alerts(args: argparse.Namespace, settings: Settings) -> int:
    from schemas.events import ContradictionEvent
    from services.cli.alerts import alert_filter, follow, print_contradiction, print_json

    show: Callable[[Any], None] = print_json if args.json else print_contradiction
    keep = alert_filter(args.min_confidence, args.kind or ())
    _follow(args, settings, settings.topics.contradictions, ContradictionEvent, show, follow, keep=keep)
    return 0


def _notify(args: argparse.Namespace, settings: Settings) -> int:
    import os

    from services.cli.alerts import alert_filter
    from services.cli.notify import notify
    from services.cli.notify_format import FORMATS
    from services.cli.notify_settings import load_notify_settings
    from services.common.kafka import ensure_topics
    from services.common.settings import SettingsError

    try:
        config = load_notify_settings(os.environ, args.webhook)
    except SettingsError as error:
        raise CommandError(str(error), exit_code=2) from None
    group = args.group or f"{settings.group_prefix}-notify"
    _with_broker(lambda: ensure_topics(settings, timeout=15), settings)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # leave through `finally`: close the clients
    _with_broker(lambda: notify(settings, config, keep=alert_filter(args.min_confidence, args.kind or ()),
                                render=FORMATS[args.format], group=group, from_beginning=args.from_beginning),
                 settings)
    return 0


def _dead_letters(args: argparse.Namespace, settings: Settings) -> int:
    from schemas.internal import DeadLetter
    from services.cli.alerts import follow, print_dead_letter, print_json

    show: Callable[[Any], None] = print_json if args.json else print_dead_letter
    _follow(args, settings, settings.topics.dead_letters, DeadLetter, show, follow)
    return 0


def _follow(args: argparse.Namespace, settings: Settings, topic: str, model: Any, show: Any, follow: Any,
            **options: Any) -> None:
    from services.common.kafka import ensure_topics

    # An unreachable broker gets as long as --timeout allows, at most 15 s.
    wait = min(BROKER_WAIT_SECONDS, args.timeout) if args.timeout else BROKER_WAIT_SECONDS
    _with_broker(lambda: ensure_topics(settings, timeout=wait), settings)
    seen = _with_broker(lambda: follow(settings, topic, model, show, from_beginning=args.from_beginning,
                                       max_count=args.max, timeout=args.timeout, group=args.group, **options),
                        settings)
    print(f"{seen} event(s) from {topic}", file=sys.stderr)


def _analyze(args: argparse.Namespace, settings: Settings) -> int:
    from services.cli.analyze import analyze

    if args.input is not None and args.input.endswith(".txt"):  # one story as plain text, as `publish` reads it
        from services.cli.publish import InputError, read_articles

        try:
            [article] = read_articles([args.input], max_bytes=settings.max_article_bytes)
        except InputError as error:
            raise CommandError(str(error), exit_code=2) from None
        return 1 if analyze([article.model_dump_json(exclude_none=True)], sys.stdout, settings) else 0
    with _open_input(args.input) as lines:
        bad = analyze(lines, sys.stdout, settings)
    return 1 if bad else 0


def _compare(args: argparse.Namespace, settings: Settings) -> int:
    from services.cli.analyze import compare

    with _open_input(args.input) as lines:
        bad = compare(lines, sys.stdout)
    return 1 if bad else 0


def _topic_name(name: str) -> str:
    from services.common.settings import SettingsError, topic_name

    try:
        return topic_name(name, "--topic")
    except SettingsError as error:
        raise CommandError(str(error), exit_code=2) from None


def _with_broker(call: Callable[[], Any], settings: Settings) -> Any:
    from kafka.errors import KafkaError

    from services.common.kafka import BrokerUnreachable

    try:
        return call()
    except BrokerUnreachable as error:
        raise CommandError(str(error), exit_code=2) from None
    except (KafkaError, RuntimeError) as error:
        raise CommandError(f"Kafka at {settings.bootstrap_servers}: {error}") from None


def _open_input(path: str | None) -> Any:
    import contextlib

    if path is None:
        return contextlib.nullcontext(sys.stdin)
    try:
        return open(path, encoding="utf-8")  # closed by the caller's `with`
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}", exit_code=2) from None
