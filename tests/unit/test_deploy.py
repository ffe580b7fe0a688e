"""docker-compose.yml, the Dockerfile and the Prometheus config stay in sync with the code.

The production stack cannot start on the development machines (no Docker
engine), so these checks are what keeps it honest.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.common.settings import METRICS_PORTS, load_settings

REPO = Path(__file__).resolve().parents[2]


class RecordingEnv(dict[str, str]):
    """An environment that remembers every variable the settings asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.asked.add(key)
        return super().get(key, default)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((REPO / "docker-compose.yml").read_text()))


@pytest.fixture(scope="module")
def setting_names() -> set[str]:
    env = RecordingEnv()
    load_settings(env)
    return env.asked


def test_kafka_is_apache_kafka_in_kraft_mode(compose: dict[str, Any]) -> None:
    kafka = compose["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert "controller" in kafka["environment"]["KAFKA_PROCESS_ROLES"]


@pytest.mark.parametrize("worker", sorted(METRICS_PORTS))
def test_each_worker_runs_its_command_and_exposes_its_metrics_port(compose: dict[str, Any], worker: str) -> None:
    service = compose["services"][worker]
    assert service["command"] == ["worker", worker]
    assert service["expose"] == [str(METRICS_PORTS[worker])]
    assert "ports" not in service, "workers publish no host ports, so they can be scaled"


def test_worker_environment_uses_only_real_settings(compose: dict[str, Any], setting_names: set[str]) -> None:
    text = (REPO / "docker-compose.yml").read_text()
    named = set(re.findall(r"\b((?:KAFKA|COUNTERCLAIM)_[A-Z_]+):", text)) - {
        name for name in re.findall(r"\b(KAFKA_[A-Z_]+):", text) if name in compose["services"]["kafka"]["environment"]
    }
    assert named, "no worker settings found in docker-compose.yml"
    assert named <= setting_names, f"unknown settings in docker-compose.yml: {sorted(named - setting_names)}"


def test_prometheus_scrapes_every_worker_port() -> None:
    config = (REPO / "deploy" / "prometheus" / "prometheus.yml").read_text()
    for worker, port in METRICS_PORTS.items():
        assert f"{worker}:{port}" in config or (f"'{worker}'" in config or f"- {worker}" in config), worker
        assert str(port) in config


def test_dockerfile_exposes_the_metrics_ports_and_downloads_nothing_at_run_time() -> None:
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text()
    exposed = re.search(r"^EXPOSE (.+)$", dockerfile, re.MULTILINE)
    assert exposed and set(exposed.group(1).split()) == {str(p) for p in METRICS_PORTS.values()}
    assert "spacy download" not in dockerfile
    assert "-c requirements.lock" in dockerfile


def test_compose_partitions_allow_its_quote_replicas_and_match_the_capacity_plan(compose: dict[str, Any]) -> None:
    env = compose["services"]["quotes"]["environment"]
    partitions = int(env["COUNTERCLAIM_PARTITIONS"])
    assert compose["services"]["quotes"]["deploy"]["replicas"] <= partitions
    plan = (REPO / "docs" / "capacity.md").read_text()
    assert f"`COUNTERCLAIM_PARTITIONS` is {partitions} there" in plan, "docs/capacity.md names another count"
