"""The Prometheus scrape config and alert rules, checked and unit-tested by promtool.

promtool comes from Debian's `prometheus` package (.ci/install-prometheus.sh).
Without it these tests skip, except under CI (CI=true), where they fail.

`render_config` is for anyone who runs a real Prometheus against local workers:
it replaces the DNS discovery of the docker-compose services with static addresses.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from tests.support.kafka import required_tool

PROMETHEUS_DIR = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"
WORKER_PORTS = {"entities": 9101, "quotes": 9102, "contradictions": 9103}


def render_config(targets: Mapping[str, str], source: Path = PROMETHEUS_DIR / "prometheus.yml") -> str:
    """prometheus.yml with static targets instead of DNS discovery: {"entities": "127.0.0.1:19101"}.

    Workers not in `targets` keep their docker-compose address. The rule file is
    referenced relatively, so write the result beside a copy of alerts.yml.
    """
    config = yaml.safe_load(source.read_text(encoding="utf-8"))
    [job] = config["scrape_configs"]
    job["static_configs"] = [
        {"targets": [targets.get(sd["names"][0], f"{sd['names'][0]}:{sd['port']}")],
         "labels": {"worker": sd["names"][0]}}
        for sd in job.pop("dns_sd_configs")
    ]
    job.pop("relabel_configs")
    return str(yaml.safe_dump(config, sort_keys=False))


@pytest.fixture(scope="module")
def promtool() -> str:
    return required_tool("promtool", "run .ci/install-prometheus.sh (Debian package `prometheus`)")


def _run(*args: str, cwd: Path = PROMETHEUS_DIR) -> str:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{output}"
    return output


def test_config_and_rule_files_are_valid(promtool: str) -> None:
    output = _run(promtool, "check", "config", "prometheus.yml")
    assert "1 rule files found" in output


def test_alert_rules_are_valid(promtool: str) -> None:
    _run(promtool, "check", "rules", "alerts.yml")


def test_alert_rule_unit_tests_pass(promtool: str) -> None:
    output = _run(promtool, "test", "rules", "alerts_test.yml")
    assert "SUCCESS" in output


def test_config_discovers_every_instance_of_each_worker_on_its_port() -> None:
    config = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text(encoding="utf-8"))
    [job] = config["scrape_configs"]
    found = {sd["names"][0]: sd["port"] for sd in job["dns_sd_configs"]}
    assert found == WORKER_PORTS
    assert {"source_labels": ["__meta_dns_name"], "target_label": "worker"} in job["relabel_configs"]


def test_rendered_local_config_is_valid(promtool: str, tmp_path: Path) -> None:
    local = {worker: f"127.0.0.1:{port + 10000}" for worker, port in WORKER_PORTS.items()}
    config = render_config(local)
    assert "127.0.0.1:19101" in config and "dns_sd_configs" not in config
    shutil.copy(PROMETHEUS_DIR / "alerts.yml", tmp_path / "alerts.yml")
    (tmp_path / "prometheus.yml").write_text(config, encoding="utf-8")
    _run(promtool, "check", "config", "prometheus.yml", cwd=tmp_path)


def test_every_alert_is_unit_tested_firing_and_quiet() -> None:
    rules = (PROMETHEUS_DIR / "alerts.yml").read_text(encoding="utf-8")
    tests = (PROMETHEUS_DIR / "alerts_test.yml").read_text(encoding="utf-8")
    alerts = re.findall(r"^\s+- alert: (\w+)$", rules, flags=re.MULTILINE)
    assert len(alerts) >= 6
    for alert in alerts:
        blocks = re.findall(rf"alertname: {alert}\n\s+exp_alerts:(.*)", tests)
        assert "[]" in [b.strip() for b in blocks], f"{alert} is never shown quiet"
        assert "" in [b.strip() for b in blocks], f"{alert} is never shown firing"
    for severity in ("critical", "warning", "info"):
        assert f"severity: {severity}" in rules
