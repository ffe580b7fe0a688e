"""The `counterclaim` command: one entry point for producers, workers, alerting and scoring."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import get_args

from schemas.events import ContradictionKind
from services.common.settings import METRICS_PORTS, SettingsError, load_settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1")
    return value


def _add_filters(command: argparse.ArgumentParser) -> None:
    """The contradiction filters `alerts` and `notify` share (services.cli.alerts.alert_filter)."""
    command.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="C",
                         help="only contradictions with confidence >= C (0 to 1, default 0)")
    command.add_argument("--kind", action="append", choices=get_args(ContradictionKind),
                         help="only this kind; repeat for several (default: every kind)")


def _port(text: str) -> int:
    if not (text.isdigit() and 1 <= int(text) <= 65535):
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number from 1 to 65535")
    return int(text)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="counterclaim", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    publish = sub.add_parser("publish", help="publish articles (.txt, .json, JSON lines, or - for stdin)")
    publish.add_argument("paths", nargs="+", metavar="FILE|DIR|-")
    publish.add_argument("--source", help="outlet name for articles that carry none")
    publish.add_argument("--topic", help="topic to publish to (default: the raw-articles topic)")

    for name, what in (("alerts", "contradiction alerts"), ("dead-letters", "rejected inputs")):
        follow = sub.add_parser(name, help=f"print {what} as they arrive")
        follow.add_argument("--json", action="store_true", help="print JSON lines instead of text")
        follow.add_argument("--from-beginning", action="store_true", help="start at the oldest event")
        follow.add_argument("--max", type=int, metavar="N", help="stop after N events")
        follow.add_argument("--timeout", type=float, metavar="S", help="stop after S seconds without events")
        follow.add_argument("--group", help="consumer group, to resume where it left off (default: none)")
        if name == "alerts":
            _add_filters(follow)

    notify = sub.add_parser("notify", help="POST each contradiction to a webhook, at least once")
    notify.add_argument("--webhook", metavar="URL", help="where to POST (default: COUNTERCLAIM_WEBHOOK_URL)")
    notify.add_argument("--format", choices=("json", "slack"), default="json",
                        help="json: the event as on the topic (default); slack: a Slack-compatible message")
    _add_filters(notify)
    notify.add_argument("--group", help="consumer group (default: <COUNTERCLAIM_GROUP_PREFIX>-notify)")
    notify.add_argument("--from-beginning", action="store_true",
                        help="a group with no committed offsets starts at the oldest event, not the newest")

    for name, what in (("analyze", "articles to events"), ("compare", "claim pairs to judgements")):
        scored = sub.add_parser(name, help=f"{what}, JSON lines in and out, no Kafka (see EVAL.md)")
        scored.add_argument("--input", help="read this file instead of stdin" + (
            "; a .txt file is one article, its text" if name == "analyze" else ""))

    broker = sub.add_parser("broker", help="run the embedded Tansu broker on loopback until stopped")
    broker.add_argument("--port", type=_port, help="port on 127.0.0.1 (default: COUNTERCLAIM_BROKER_PORT or 9092)")

    worker = sub.add_parser("worker", help="run one worker until SIGTERM")
    worker.add_argument("name", choices=sorted(METRICS_PORTS))

    desk = sub.add_parser("desk", help="serve the live web page of contradictions until stopped")
    desk.add_argument("--port", type=_port, help="HTTP port (default: COUNTERCLAIM_DESK_PORT or 8080)")

    sub.add_parser("up", help="start the broker and the three workers in the background (.run/), "
                              "the quote worker as COUNTERCLAIM_QUOTE_INSTANCES processes (default 2)")
    sub.add_parser("down", help="stop what `up` started")
    sub.add_parser("demo", help="start everything, publish the sample stories, print the alerts, stop")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"counterclaim: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level.upper(), format=LOG_FORMAT, stream=sys.stderr)
    # kafka-python logs every refused connection; the commands report failures themselves.
    logging.getLogger("kafka").setLevel(logging.DEBUG if settings.log_level == "debug" else logging.CRITICAL)
    from services.cli import commands  # heavy imports (spaCy, Faust) only once a command runs
    from services.cli.errors import CommandError

    try:
        return commands.run(args, settings)
    except CommandError as error:
        print(f"counterclaim {args.command}: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
