"""Which processes `counterclaim up` starts, and on which metrics ports."""

from __future__ import annotations

from services.cli.stack import worker_processes
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
