"""The shipped Alertmanager config: amtool accepts it, it routes by severity and inhibits warnings
under WorkerDown, and a real Prometheus + Alertmanager deliver WorkerDown for a stopped worker.

Needs Debian's `prometheus` and `prometheus-alertmanager` (.ci/install-prometheus.sh); skips
without them, except under CI (CI=true), where it fails.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from services.cli.stack import Stack
from services.common.broker import free_port
from tests.integration.test_prometheus_rules import PROMETHEUS_DIR
from tests.integration.test_prometheus_scrape import query
from tests.support.kafka import WAIT_SECONDS, Pipeline, pipeline_env, required_tool
from tests.support.monitoring import (
    ALERTMANAGER_DIR,
    INSTALL_HINT,
    alertmanager_binary,
    running_server,
    short_alert_rules,
    short_alertmanager_config,
    short_prometheus_config,
)
from tests.support.webhook import Received, running_webhook

SHIPPED = ALERTMANAGER_DIR / "alertmanager.yml"


@pytest.fixture(scope="module")
def amtool() -> str:
    return required_tool("amtool", INSTALL_HINT)


def _amtool(amtool: str, *args: str) -> str:
    done = subprocess.run([amtool, *args], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_amtool_accepts_the_shipped_config(amtool: str) -> None:
    assert "SUCCESS" in _amtool(amtool, "check-config", str(SHIPPED))


@pytest.mark.parametrize(("severity", "receiver"), [("critical", "page"), ("warning", "chat"), ("info", "digest"),
                                                     ("unknown", "chat")])
def test_alerts_are_routed_by_severity(amtool: str, severity: str, receiver: str) -> None:
    routed = _amtool(amtool, "config", "routes", "test", f"--config.file={SHIPPED}", f"severity={severity}",
                     "alertname=CounterclaimAnything", "worker=quotes")
    assert routed.strip() == receiver


def test_every_severity_the_rules_use_has_a_route_and_warnings_are_inhibited_by_worker_down() -> None:
    rules = yaml.safe_load((PROMETHEUS_DIR / "alerts.yml").read_text(encoding="utf-8"))
    severities = {rule["labels"]["severity"] for group in rules["groups"] for rule in group["rules"]}
    config = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    routed = {matcher for route in config["route"]["routes"] for matcher in route["matchers"]}
    assert {f'severity="{severity}"' for severity in severities} <= routed
    [inhibit] = config["inhibit_rules"]
    assert inhibit["source_matchers"] == ['alertname="CounterclaimWorkerDown"']
    assert inhibit["target_matchers"] == ['severity="warning"'] and inhibit["equal"] == ["worker"]


def _worker_down(requests: list[Received], worker: str) -> list[Received]:
    found = []
    for request in requests:
        body = json.loads(request.body)
        if any(alert["labels"].get("alertname") == "CounterclaimWorkerDown" and alert["labels"].get("worker") == worker
               and alert["status"] == "firing" for alert in body.get("alerts", [])):
            found.append(request)
    return found


@pytest.mark.integration
def test_a_stopped_worker_reaches_the_webhook_as_worker_down(bootstrap: str, tmp_path: Path) -> None:
    prometheus = required_tool("prometheus", INSTALL_HINT)
    alertmanager = alertmanager_binary()
    env = pipeline_env(bootstrap, tmp_path / "run")
    workers = Pipeline(env, Stack(tmp_path / "run", env))
    workers.start("entities")  # loads no model: the cheapest worker to stop
    metrics = f"127.0.0.1:{workers.settings.metrics_ports['entities']}"
    am_port, prom_port = free_port(), free_port()
    with running_webhook() as webhook:
        (tmp_path / "alertmanager.yml").write_text(short_alertmanager_config(webhook.url), encoding="utf-8")
        (tmp_path / "prometheus.yml").write_text(short_prometheus_config({"entities": metrics}, f"127.0.0.1:{am_port}"),
                                                 encoding="utf-8")
        (tmp_path / "alerts.yml").write_text(short_alert_rules(), encoding="utf-8")
        try:
            with running_server([alertmanager, f"--config.file={tmp_path / 'alertmanager.yml'}",
                                 f"--storage.path={tmp_path / 'am-data'}", f"--web.listen-address=127.0.0.1:{am_port}",
                                 "--cluster.listen-address="],
                                tmp_path / "alertmanager.log", f"http://127.0.0.1:{am_port}/-/ready"), \
                 running_server([prometheus, f"--config.file={tmp_path / 'prometheus.yml'}",
                                 f"--storage.tsdb.path={tmp_path / 'prom-data'}",
                                 f"--web.listen-address=127.0.0.1:{prom_port}"],
                                tmp_path / "prometheus.log", f"http://127.0.0.1:{prom_port}/-/ready"):
                webhook.wait_for(lambda _: bool(query(prom_port, 'up{worker="entities"} == 1')))
                assert not _worker_down(webhook.requests(), "entities"), "WorkerDown fired while the worker was up"

                workers.stack.stop("entities")
                got = webhook.wait_for(lambda requests: bool(_worker_down(requests, "entities")), timeout=WAIT_SECONDS)
        finally:
            workers.stack.stop_all()

    [first, *_] = _worker_down(got, "entities")
    assert first.path == "/alertmanager/critical"  # the severity route's receiver
    alert = json.loads(first.body)["alerts"][0]
    assert alert["labels"]["severity"] == "critical"
    assert "Counterclaim worker entities is down" in alert["annotations"]["summary"]
