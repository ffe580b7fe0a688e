"""`counterclaim up` / `down`: the broker, the three workers and the desk as background processes.

Pids and logs live under a run directory (`.run/` by default); `down` stops only
processes whose pid files `up` wrote and whose command line still matches.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from services.cli.layout import metrics_port_env, worker_command, worker_processes
from services.cli.processes import cmdline, terminate
from services.common.broker import broker_command, port_open, wait_until
from services.common.ports import check_port_free
from services.common.settings import Settings, metrics_port_variable
from services.desk.settings import load_desk_settings

READY_TIMEOUT_SECONDS = 180.0
STOP_TIMEOUT_SECONDS = 20.0


@dataclass(frozen=True)
class Stack:
    """Where a stack's processes keep their pids and logs, and the environment they run with."""

    run_dir: Path
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))

    def start_broker(self, port: int) -> None:
        self._spawn("broker", broker_command(port))
        wait_until(lambda: port_open("127.0.0.1", port), lambda: self._check_alive("broker"), timeout=30,
                   failure=f"broker did not listen on 127.0.0.1:{port}; see {self.log('broker')}")

    def start_worker(self, name: str, *, instance: str | None = None, env: Mapping[str, str] | None = None) -> str:
        """Start worker `name` as `instance` (default: its name), with `env` on top of the stack's environment."""
        label = instance or name
        self._spawn(label, worker_command(name), env)
        return label

    def wait_ready(self, label: str, port: int, timeout: float = READY_TIMEOUT_SECONDS) -> None:
        """Wait until the worker reports ready on its metrics port, or fail with its log (or the
        log of the stack's broker, when that died meanwhile)."""
        with_broker = self._pid_file("broker").exists()

        def alive() -> None:
            self._check_alive(label)
            if with_broker:
                self._check_alive("broker")

        wait_until(lambda: worker_ready(port), alive, timeout=timeout,
                   failure=f"{label} not ready after {timeout:.0f} s; see {self.log(label)}", interval=0.2)

    def start_desk(self, port: int, timeout: float = 60.0) -> None:
        """Start the desk (the live page) on `port` and wait until it reads its topics."""
        self._spawn("desk", [sys.executable, "-m", "services.cli.main", "desk", "--port", str(port)])
        wait_until(lambda: desk_healthy(port), lambda: self._check_alive("desk"), timeout=timeout,
                   failure=f"desk not healthy after {timeout:.0f} s; see {self.log('desk')}", interval=0.2)

    def stop(self, label: str, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT_SECONDS) -> int | None:
        """Stop `label`; returns its pid if it had to be killed (SIGKILL) after `timeout` s, else None."""
        pid = self.pid(label)
        forced = pid is not None and terminate(pid, sig, timeout)
        self._pid_file(label).unlink(missing_ok=True)
        return pid if forced else None

    def stop_all(self, timeout: float = STOP_TIMEOUT_SECONDS) -> dict[str, int | None]:
        """Stop every process of the stack, workers first: {label: pid if force-killed, else None}."""
        labels = sorted(p.stem for p in self.run_dir.glob("*.pid"))
        workers_first = sorted(labels, key=lambda label: label == "broker")
        return {label: self.stop(label, timeout=timeout) for label in workers_first}

    def pid(self, label: str) -> int | None:
        """The pid `up` recorded for `label`, if that process is still ours and alive."""
        try:
            pid = int(self._pid_file(label).read_text())
        except (OSError, ValueError):
            return None
        marker = {"broker": "tansu", "desk": "services.cli.main desk"}.get(label, "services.cli.main worker")
        return pid if marker in cmdline(pid) else None

    def log(self, label: str) -> Path:
        return self.run_dir / f"{label}.log"

    def _spawn(self, label: str, command: list[str], env: Mapping[str, str] | None = None) -> None:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log(label), "ab") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env={**self.env, **(env or {})},
                                       start_new_session=True, stdin=subprocess.DEVNULL)
        self.record(label, process)

    def record(self, label: str, process: subprocess.Popen[bytes]) -> None:
        """Track a started process under `label`, as `up` does, so pid(), wait_ready() and stop() see it."""
        self._pid_file(label).write_text(str(process.pid))
        # Right after a vfork-based spawn /proc/PID/cmdline can still be empty; pid() reads it.
        deadline = time.monotonic() + 5
        while not cmdline(process.pid) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)

    def _check_alive(self, label: str) -> None:
        if self.pid(label) is None:
            tail = self.log(label).read_text(errors="replace")[-3000:] if self.log(label).exists() else ""
            raise RuntimeError(f"{label} exited during start-up; last log lines:\n{tail}")

    def _pid_file(self, label: str) -> Path:
        return self.run_dir / f"{label}.pid"


def worker_ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
            body = response.read().decode()
    except OSError:
        return False
    return any(line.startswith("counterclaim_worker_ready{") and line.endswith(" 1.0")
               for line in body.splitlines())


def desk_healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
            return True
    except OSError:  # refused, or 503 while it starts
        return False


def up(settings: Settings, *, desk: bool = True) -> Stack:
    """Start the embedded broker (unless a cluster is configured), the workers and (with `desk`)
    the desk; wait until ready.

    The quote worker, which parses, runs as `settings.quote_instances` processes in one
    consumer group ("quotes", "quotes-2", ...), each with its own metrics port.
    """
    stack = Stack(settings.run_dir)
    desk_settings = load_desk_settings(stack.env, group_prefix=settings.group_prefix) if desk else None
    desk_port = desk_settings.port if desk_settings else 0
    processes = worker_processes(settings)
    check_ports_free(stack, settings, processes, desk_port, desk_settings.host if desk_settings else "127.0.0.1")
    if settings.embedded:
        port = settings.embedded_port
        if stack.pid("broker") is None:
            for label in [label for label in processes if stack.pid(label) is not None]:
                print(f"stopping the {label} worker: the embedded broker it used is gone", file=sys.stderr)
                stack.stop(label)  # a new in-memory broker has none of its topics
            print(f"starting the embedded broker on 127.0.0.1:{port}", file=sys.stderr)
            stack.start_broker(port)
    try:
        for label, (name, metrics_port) in processes.items():
            if stack.pid(label) is None:
                print(f"starting the {label} worker (log: {stack.log(label)})", file=sys.stderr)
                stack.start_worker(name, instance=label, env=metrics_port_env(name, metrics_port))
        for label, (_, metrics_port) in processes.items():
            stack.wait_ready(label, metrics_port)
            print(f"{label} worker ready, metrics on http://127.0.0.1:{metrics_port}/metrics", file=sys.stderr)
        if desk and stack.pid("desk") is None:
            print(f"starting the desk (log: {stack.log('desk')})", file=sys.stderr)
            stack.start_desk(desk_port)
        if desk:
            print(f"desk ready: http://127.0.0.1:{desk_port}/", file=sys.stderr)
    except RuntimeError:
        stack.stop_all()
        raise
    return stack


def check_ports_free(stack: Stack, settings: Settings, processes: Mapping[str, tuple[str, int]],
                     desk_port: int = 0, desk_host: str = "127.0.0.1") -> None:
    """Before starting anything: PortInUse naming the port and its variable for every port a process
    `up` is about to start would find taken (the broker would panic, a worker exit); `desk_port`
    0 when no desk is started."""
    if desk_port and stack.pid("desk") is None:
        check_port_free(desk_host, desk_port, "COUNTERCLAIM_DESK_PORT", what="the desk")
    if settings.embedded and stack.pid("broker") is None:
        check_port_free("127.0.0.1", settings.embedded_port, "COUNTERCLAIM_BROKER_PORT", what="the embedded broker")
    for label, (name, port) in processes.items():
        if stack.pid(label) is None:
            check_port_free(settings.metrics_host, port, metrics_port_variable(name),
                            what=f"the {label} worker's metrics")


def down(settings: Settings) -> None:
    report_stopped(Stack(settings.run_dir))


def report_stopped(stack: Stack) -> None:
    """Stop everything `stack` runs and say what was stopped, naming any process that had to be killed."""
    stopped = stack.stop_all()
    for label, pid in stopped.items():
        if pid is not None:
            print(f"force-killed {label} (pid {pid}): it did not exit within {STOP_TIMEOUT_SECONDS:g} s of SIGTERM; "
                  f"see {stack.log(label)}", file=sys.stderr)
    print(f"stopped: {', '.join(stopped) or 'nothing was running'}", file=sys.stderr)
