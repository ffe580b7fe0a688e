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

from services.common.broker import broker_command, port_open, wait_until
from services.common.settings import METRICS_PORTS, Settings
from services.desk.settings import load_desk_settings

WORKERS = tuple(METRICS_PORTS)
READY_TIMEOUT_SECONDS = 180.0
QUOTE_PORT_STEP = 10


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
        """Wait until the worker reports ready on its metrics port, or fail with its log."""
        wait_until(lambda: worker_ready(port), lambda: self._check_alive(label), timeout=timeout,
                   failure=f"{label} not ready after {timeout:.0f} s; see {self.log(label)}", interval=0.2)

    def start_desk(self, port: int, timeout: float = 60.0) -> None:
        """Start the desk (the live page) on `port` and wait until it reads its topics."""
        self._spawn("desk", [sys.executable, "-m", "services.cli.main", "desk", "--port", str(port)])
        wait_until(lambda: desk_healthy(port), lambda: self._check_alive("desk"), timeout=timeout,
                   failure=f"desk not healthy after {timeout:.0f} s; see {self.log('desk')}", interval=0.2)

    def stop(self, label: str, sig: int = signal.SIGTERM, timeout: float = 20.0) -> None:
        pid = self.pid(label)
        if pid is not None:
            _terminate(pid, sig, timeout)
        self._pid_file(label).unlink(missing_ok=True)

    def stop_all(self) -> list[str]:
        labels = sorted(p.stem for p in self.run_dir.glob("*.pid"))
        workers_first = sorted(labels, key=lambda label: label == "broker")
        for label in workers_first:
            self.stop(label)
        return workers_first

    def pid(self, label: str) -> int | None:
        """The pid `up` recorded for `label`, if that process is still ours and alive."""
        try:
            pid = int(self._pid_file(label).read_text())
        except (OSError, ValueError):
            return None
        cmdline = _cmdline(pid)
        marker = {"broker": "tansu", "desk": "services.cli.main desk"}.get(label, "services.cli.main worker")
        return pid if marker in cmdline else None

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
        while not _cmdline(process.pid) and process.poll() is None and time.monotonic() < deadline:
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
    desk_port = load_desk_settings(stack.env, group_prefix=settings.group_prefix).port if desk else 0
    if settings.embedded:
        port = settings.embedded_port
        if stack.pid("broker") is None:
            print(f"starting the embedded broker on 127.0.0.1:{port}", file=sys.stderr)
            stack.start_broker(port)
    processes = worker_processes(settings)
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


def worker_command(name: str) -> list[str]:
    return [sys.executable, "-m", "services.cli.main", "worker", name]


def metrics_port_env(name: str, port: int) -> dict[str, str]:
    """The variable that puts worker `name`'s metrics on `port`."""
    return {f"COUNTERCLAIM_{name.upper()}_METRICS_PORT": str(port)}


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
            processes["quotes" if n == 1 else f"quotes-{n}"] = (name, port + QUOTE_PORT_STEP * (n - 1))
    return processes


def down(settings: Settings) -> None:
    stopped = Stack(settings.run_dir).stop_all()
    print(f"stopped: {', '.join(stopped) or 'nothing was running'}", file=sys.stderr)


def _terminate(pid: int, sig: int, timeout: float) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # not our child: poll for its disappearance
            finished = 0 if Path(f"/proc/{pid}").exists() and not _zombie(pid) else pid
        if finished == pid:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True
