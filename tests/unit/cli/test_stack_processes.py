"""Which processes `counterclaim up` starts, and on which metrics ports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from services.cli.layout import worker_processes
from services.cli.stack import Stack
from services.common.ports import free_port
from services.common.settings import load_settings


def test_two_quote_instances_by_default_each_on_its_own_port() -> None:
    assert worker_processes(load_settings({})) == {
        "entities": ("entities", 9101),
        "quotes": ("quotes", 9102),
        "quotes-2": ("quotes", 9112),
        "contradictions": ("contradictions", 9103),
    }


def test_one_quote_instance_and_moved_ports() -> None:
    settings = load_settings({"COUNTERCLAIM_QUOTE_INSTANCES": "1", "COUNTERCLAIM_QUOTES_METRICS_PORT": "9200"})
    assert worker_processes(settings)["quotes"] == ("quotes", 9200)
    assert len(worker_processes(settings)) == 3


def test_waiting_for_a_worker_stops_when_the_stacks_broker_died(tmp_path: Path) -> None:
    """The broker (here a process named like it) exits, e.g. on a port taken meanwhile: the wait
    for a worker fails naming the broker's log instead of running out its whole timeout."""
    stack = Stack(tmp_path)
    stack.run_dir.mkdir(exist_ok=True)
    broker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.5)", "tansu"])
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", "services.cli.main worker"])
    try:
        stack.record("broker", broker)
        stack.record("entities", worker)
        broker.wait()
        with pytest.raises(RuntimeError, match="broker exited during start-up"):
            stack.wait_ready("entities", free_port())
    finally:
        worker.kill()
        worker.wait()
