"""Operator mistakes through the real CLI: one line naming the variable, exit code 2, no traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.common.broker import free_port
from tests.support.kafka import REPO, pipeline_env

pytestmark = pytest.mark.integration


def cli(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "services.cli.main", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=timeout)


def refused(done: subprocess.CompletedProcess[str], *names: str) -> str:
    """The one-line error, after checking exit code 2, no traceback, and that it names each of `names`."""
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    for name in names:
        assert name in done.stderr, done.stderr
    return done.stderr


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Fresh names and free ports; no broker anywhere (nothing listens on the bootstrap port)."""
    return pipeline_env(f"127.0.0.1:{free_port()}", tmp_path / "run")


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port another process is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("0.0.0.0", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


@pytest.mark.parametrize(("variable", "value", "allowed"), [
    ("COUNTERCLAIM_LOG_LEVEL", "loud", "debug, info, warning, error"),
    ("COUNTERCLAIM_BROKER_PORT", "99999", "from 1 to 65535"),
    ("KAFKA_BOOTSTRAP_SERVERS", "notahost", "host:port"),
    ("COUNTERCLAIM_ARTICLE_BUDGET_SECONDS", "-1", "greater than 0"),
])
@pytest.mark.parametrize("command", [("alerts", "--timeout", "3"), ("worker", "entities")])
def test_a_bad_setting_is_one_line(env: dict[str, str], variable: str, value: str, allowed: str,
                                   command: tuple[str, ...]) -> None:
    env = {**env, variable: value}
    if variable == "COUNTERCLAIM_BROKER_PORT":
        env.pop("KAFKA_BOOTSTRAP_SERVERS")
    error = refused(cli(env, *command), variable, allowed)
    assert len(error.strip().splitlines()) == 1


def test_an_unreachable_broker_honours_the_timeout(env: dict[str, str]) -> None:
    error = refused(cli(env, "alerts", "--timeout", "3"), env["KAFKA_BOOTSTRAP_SERVERS"])
    assert "after 3 s" in error


def test_a_busy_metrics_port_stops_a_worker(env: dict[str, str], busy_port: int) -> None:
    env["COUNTERCLAIM_ENTITIES_METRICS_PORT"] = str(busy_port)
    refused(cli(env, "worker", "entities"), str(busy_port), "COUNTERCLAIM_ENTITIES_METRICS_PORT")


def test_a_busy_broker_port_stops_up_before_it_starts_anything(env: dict[str, str], busy_port: int) -> None:
    env.pop("KAFKA_BOOTSTRAP_SERVERS")
    env["COUNTERCLAIM_BROKER_PORT"] = str(busy_port)
    refused(cli(env, "up", timeout=60), str(busy_port), "COUNTERCLAIM_BROKER_PORT", "nothing was started")
    assert not list(Path(env["COUNTERCLAIM_RUN_DIR"]).glob("*.pid"))


def test_a_busy_metrics_port_stops_up_before_it_starts_anything(env: dict[str, str], busy_port: int) -> None:
    env.pop("KAFKA_BOOTSTRAP_SERVERS")
    env["COUNTERCLAIM_BROKER_PORT"] = str(free_port())
    env["COUNTERCLAIM_CONTRADICTIONS_METRICS_PORT"] = str(busy_port)
    refused(cli(env, "up", timeout=60), str(busy_port), "COUNTERCLAIM_CONTRADICTIONS_METRICS_PORT")
    assert not list(Path(env["COUNTERCLAIM_RUN_DIR"]).glob("*.pid"))


def test_a_busy_port_stops_the_broker_command(env: dict[str, str], busy_port: int) -> None:
    refused(cli(env, "broker", "--port", str(busy_port)), str(busy_port), "--port")
    refused(cli(env, "broker", "--port", "70000"), "70000", "1 to 65535")


def test_down_says_which_process_it_had_to_kill(env: dict[str, str]) -> None:
    """A worker that ignores SIGTERM is killed after the grace period, and `down` says so."""
    run_dir = Path(env["COUNTERCLAIM_RUN_DIR"])
    run_dir.mkdir(parents=True)
    stubborn = subprocess.Popen(
        [sys.executable, "-c", "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
         "print('ignoring SIGTERM', flush=True); time.sleep(300)", "services.cli.main worker"],
        stdout=subprocess.PIPE, start_new_session=True)
    try:
        assert stubborn.stdout is not None and stubborn.stdout.readline() == b"ignoring SIGTERM\n"
        (run_dir / "entities.pid").write_text(str(stubborn.pid))
        done = cli(env, "down")
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert f"force-killed entities (pid {stubborn.pid})" in done.stderr, done.stderr
        assert stubborn.wait(timeout=10) == -9
    finally:
        stubborn.kill()
        stubborn.wait()
