"""The Prometheus scrape config and alert rules, checked and unit-tested by promtool.

promtool comes from Debian's `prometheus` package (.ci/install-prometheus.sh).
Without it these tests skip, except under CI (CI=true), where they fail.

`render_config` is for anyone who runs a real Prometheus against local workers:
it rewrites the docker-compose targets ("entities:9101", ...) to other addresses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

PROMETHEUS_DIR = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"
WORKER_PORTS = {"entities": 9101, "quotes": 9102, "contradictions": 9103}
_TARGET = re.compile(r'targets: \["(?P<worker>[a-z]+):(?P<port>\d+)"\]')


def render_config(targets: Mapping[str, str], source: Path = PROMETHEUS_DIR / "prometheus.yml") -> str:
    """prometheus.yml with each worker's target replaced: {"entities": "127.0.0.1:19101"}.

    Workers not in `targets` keep their docker-compose address. The rule file is
    referenced relatively, so write the result beside a copy of alerts.yml.
    """

    def swap(match: re.Match[str]) -> str:
        address = targets.get(match["worker"], f"{match['worker']}:{match['port']}")
        return f'targets: ["{address}"]'

    return _TARGET.sub(swap, source.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        reason = "promtool not found: run .ci/install-prometheus.sh (Debian package `prometheus`)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


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


def test_config_scrapes_each_worker_on_its_port() -> None:
    text = (PROMETHEUS_DIR / "prometheus.yml").read_text(encoding="utf-8")
    found = {m["worker"]: int(m["port"]) for m in _TARGET.finditer(text)}
    assert found == WORKER_PORTS
    for worker in WORKER_PORTS:
        assert f"worker: {worker}" in text


def test_rendered_local_config_is_valid(promtool: str, tmp_path: Path) -> None:
    local = {worker: f"127.0.0.1:{port + 10000}" for worker, port in WORKER_PORTS.items()}
    config = render_config(local)
    assert '"127.0.0.1:19101"' in config and '"entities:9101"' not in config
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
