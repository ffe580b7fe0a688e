"""A real Prometheus (Debian's `prometheus` binary) scrapes running workers with our config and rules.

Skips without the binary, except under CI (CI=true), where it fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from services.common.broker import free_port
from tests.integration.test_prometheus_rules import PROMETHEUS_DIR, render_config
from tests.support.grafana import dashboard, metric_names, queries, variable_metrics
from tests.support.kafka import WAIT_SECONDS, Pipeline, for_article, required_tool

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def prometheus_binary() -> str:
    return required_tool("prometheus", "install Debian's `prometheus` package (.ci/install-prometheus.sh)")


def query(port: int, expression: str) -> list[dict]:
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expression})
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body = json.load(response)
    except OSError:
        return []
    return list(body["data"]["result"]) if body.get("status") == "success" else []


def test_prometheus_scrapes_every_worker(pipeline: Pipeline, prometheus_binary: str, tmp_path: Path) -> None:
    article = {"id": "scraped-1", "text": 'Minister Laura Bennett called the deal "a real success" on Monday.'}
    assert pipeline.cli("publish", "-", stdin=json.dumps(article).encode()).returncode == 0
    pipeline.read(pipeline.settings.topics.quotes, lambda es: any(map(for_article("scraped-1"), es)))

    targets = {worker: f"127.0.0.1:{port}" for worker, port in pipeline.settings.metrics_ports.items()}
    config = render_config(targets).replace("scrape_interval: 15s", "scrape_interval: 1s").replace(
        "evaluation_interval: 15s", "evaluation_interval: 1s").replace("scrape_timeout: 10s", "scrape_timeout: 1s")
    (tmp_path / "prometheus.yml").write_text(config, encoding="utf-8")
    shutil.copy(PROMETHEUS_DIR / "alerts.yml", tmp_path / "alerts.yml")
    port = free_port()
    with open(tmp_path / "prometheus.log", "wb") as log:
        server = subprocess.Popen(
            [prometheus_binary, f"--config.file={tmp_path / 'prometheus.yml'}",
             f"--storage.tsdb.path={tmp_path / 'data'}", f"--web.listen-address=127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        wanted = ['up{job="counterclaim",worker="quotes"} == 1', 'up{job="counterclaim",worker="entities"} == 1',
                  'up{job="counterclaim",worker="contradictions"} == 1',
                  'counterclaim_messages_in_total{worker="quotes"} > 0',
                  'counterclaim_messages_failed_total{worker="entities",reason="invalid_json"} >= 0']
        deadline = time.monotonic() + WAIT_SECONDS
        while missing := [expression for expression in wanted if not query(port, expression)]:
            assert server.poll() is None, (tmp_path / "prometheus.log").read_text()[-3000:]
            assert time.monotonic() < deadline, f"no result for {missing}"
            time.sleep(0.5)
        rules = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/rules", timeout=5)
        assert "CounterclaimWorkerDown" in rules.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_metric_the_grafana_dashboard_names_is_served_by_a_worker(pipeline: Pipeline) -> None:
    """`up` is Prometheus' own (the test above shows it for every worker); the rest come from /metrics."""
    board = dashboard()
    named = set().union(*(metric_names(expr) for _, expr in queries(board)), variable_metrics(board))
    assert "up" in named and len(named) >= 8
    article = {"id": "dashboard-1", "text": 'Minister Laura Bennett called the deal "a real success" on Monday.'}
    assert pipeline.cli("publish", "-", stdin=json.dumps(article).encode()).returncode == 0
    pipeline.read(pipeline.settings.topics.quotes, lambda es: any(map(for_article("dashboard-1"), es)))

    def served() -> set[str]:
        pages = "\n".join(pipeline.metrics_text(worker) for worker in pipeline.settings.metrics_ports)
        return {line.split("{")[0].split(" ")[0] for line in pages.splitlines() if line and not line.startswith("#")}

    deadline = time.monotonic() + WAIT_SECONDS  # the consumer-lag gauges appear with the first lag probe
    while missing := named - {"up"} - served():
        assert time.monotonic() < deadline, f"named by the dashboard, served by no worker: {sorted(missing)}"
        time.sleep(0.5)
