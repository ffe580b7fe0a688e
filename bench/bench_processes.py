"""The benchmark's worker processes: starting them, their readiness, CPU time and peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from kafka.admin import KafkaAdminClient, NewTopic

from services.cli.layout import worker_command
from services.cli.stack import worker_ready
from services.common.broker import free_port
from services.common.settings import Settings

POLL_SECONDS = 0.02


class Launcher:
    """Worker processes started with one environment, logging under `run_dir`."""

    def __init__(self, run_dir: Path, env: Mapping[str, str]) -> None:
        self.run_dir, self.env = run_dir, dict(env)
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, commands: Mapping[str, list[str]], ports: Mapping[str, int], timeout: float = 180.0,
              extra_env: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, float]:
        """Start the workers together; seconds from each process start until it reports ready.

        `extra_env` adds variables for some processes only (a second instance's metrics port)."""
        started = {}
        for name, command in commands.items():
            started[name] = time.monotonic()
            env = {**self.env, **(extra_env or {}).get(name, {})}
            with open(self.run_dir / f"{name}.log", "ab") as log:
                self.processes[name] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                                        stdin=subprocess.DEVNULL)
        ready: dict[str, float] = {}
        while len(ready) < len(commands):
            for name in commands:
                if name not in ready and worker_ready(ports[name]):
                    ready[name] = time.monotonic() - started[name]
                elif self.processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited during start-up; see {self.run_dir / name}.log")
            if time.monotonic() - min(started.values()) > timeout:
                raise RuntimeError(f"workers not ready after {timeout:.0f} s: {sorted(set(commands) - set(ready))}")
            time.sleep(POLL_SECONDS)
        return ready

    def stop_all(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def process_tree(pid: int | None) -> list[int]:
    """`pid` and its descendants (a worker and, say, its parsing processes)."""
    if pid is None:
        return []
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, frontier = [pid], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


def peak_rss_mb(pid: int) -> float:
    """A process's peak resident set (VmHWM) in MiB; 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1]) / 1024


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU time the live processes `pids` have used so far."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def shared_parse_commands() -> dict[str, list[str]]:
    """The older experiment: a parse worker and extract-only entity and quote workers."""
    experiment = [sys.executable, str(Path(__file__).with_name("shared_parse_workers.py"))]
    return {"parse": [*experiment, "parse"], "entities": [*experiment, "entities"],
            "quotes": [*experiment, "quotes"], "contradictions": worker_command("contradictions")}


def shared_parse_env(settings: Settings, env: dict[str, str]) -> dict[str, int]:
    """Adds the experiment's internal topic and parse-worker port to `env`; returns every metrics port."""
    env["BENCH_TOPIC_PARSED"] = f"parsed-{settings.group_prefix}"
    env["BENCH_PARSE_METRICS_PORT"] = str(free_port())
    admin = KafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    admin.create_topics([NewTopic(env["BENCH_TOPIC_PARSED"], settings.partitions, 1)])
    admin.close()
    return {**settings.metrics_ports, "parse": int(env["BENCH_PARSE_METRICS_PORT"])}
