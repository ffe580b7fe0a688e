"""The registry each worker serves holds the process metrics (CPU, memory) beside its own."""

from __future__ import annotations

import pytest
from prometheus_client import generate_latest

from services.common.metrics import make_metrics


@pytest.mark.parametrize("worker", ["entities", "quotes", "contradictions"])
def test_the_served_registry_has_process_cpu_and_memory(worker: str) -> None:
    page = generate_latest(make_metrics(worker).registry).decode()
    for name in ("process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds"):
        assert any(line.startswith(name + " ") for line in page.splitlines()), name
    assert 'counterclaim_messages_failed_total{reason="too_slow",worker="' + worker + '"} 0.0' in page
