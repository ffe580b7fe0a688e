"""Which processes `counterclaim up` runs: each worker, the quote worker's instances, their
metrics ports and command lines. The benchmark starts the same ones."""

from __future__ import annotations

import sys

from services.common.settings import METRICS_PORTS, Settings, metrics_port_variable, quote_instance_port

WORKERS = tuple(METRICS_PORTS)


def worker_command(name: str) -> list[str]:
    return [sys.executable, "-m", "services.cli.main", "worker", name]


def metrics_port_env(name: str, port: int) -> dict[str, str]:
    """The variable that puts worker `name`'s metrics on `port`."""
    return {metrics_port_variable(name): str(port)}


def worker_processes(settings: Settings) -> dict[str, tuple[str, int]]:
    """{process label: (worker, metrics port)}; quote instance N > 1 serves metrics
    `QUOTE_PORT_STEP` x (N - 1) above the quote worker's port."""
    processes: dict[str, tuple[str, int]] = {}
    for name in WORKERS:
        port = settings.metrics_ports[name]
        if name != "quotes":
            processes[name] = (name, port)
            continue
        for n in range(1, settings.quote_instances + 1):
            processes["quotes" if n == 1 else f"quotes-{n}"] = (name, quote_instance_port(port, n))
    return processes
