"""The `counterclaim` commands that start or stop processes: broker, worker, desk, up, down, demo."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from typing import Any

from services.cli.errors import CommandError
from services.common.settings import Settings


def broker(args: argparse.Namespace, settings: Settings) -> int:
    from services.common.broker import PortInUse, start_broker

    port = args.port or settings.embedded_port
    try:
        process = start_broker(port, variable="--port" if args.port else "COUNTERCLAIM_BROKER_PORT")
    except PortInUse as error:
        raise CommandError(str(error), exit_code=2) from None
    except RuntimeError as error:
        raise CommandError(str(error)) from None
    print(f"Tansu broker listening on 127.0.0.1:{port} (in memory); Ctrl-C to stop", file=sys.stderr)
    signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()


def worker(args: argparse.Namespace, settings: Settings) -> int:
    from services.cli.workers import run
    from services.common.ports import PortInUse

    try:
        run(args.name, settings)
    except PortInUse as error:
        raise CommandError(str(error), exit_code=2) from None
    return 0


def desk(args: argparse.Namespace, settings: Settings) -> int:
    from services.common.settings import SettingsError
    from services.desk.run import run_desk
    from services.desk.settings import load_desk_settings

    try:
        desk_settings = load_desk_settings(port=args.port, group_prefix=settings.group_prefix)
    except SettingsError as error:
        raise CommandError(str(error), exit_code=2) from None
    return run_desk(settings, desk_settings)


def up(args: argparse.Namespace, settings: Settings) -> int:
    from services.cli.stack import up
    from services.common.settings import SettingsError

    try:
        starting(lambda: up(settings))
    except SettingsError as error:
        raise CommandError(str(error), exit_code=2) from None
    return 0


def down(args: argparse.Namespace, settings: Settings) -> int:
    from services.cli.stack import down

    down(settings)
    return 0


def demo(args: argparse.Namespace, settings: Settings) -> int:
    from services.demo.run import demo

    return int(starting(lambda: demo(settings)))


def starting(call: Callable[[], Any]) -> Any:
    """Run `call`, which starts processes; busy ports exit 2, other start-up failures 1, without a traceback."""
    from services.common.ports import PortInUse

    try:
        return call()
    except PortInUse as error:
        raise CommandError(f"{error}; nothing was started", exit_code=2) from None
    except RuntimeError as error:
        raise CommandError(str(error)) from None
