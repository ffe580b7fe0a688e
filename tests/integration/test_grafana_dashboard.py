"""The Grafana dashboard, tested offline (Grafana cannot be installed here): every panel query is
valid PromQL for promtool, and the dashboard shows what on-call needs for each worker.

Whether every metric it names is served by the workers is checked against running workers in
test_prometheus_scrape.py. promtool comes from Debian's `prometheus` package
(.ci/install-prometheus.sh); without it the promtool test skips, except under CI (CI=true).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.grafana import as_promql, dashboard, panels, queries, recording_rules
from tests.support.kafka import required_tool


def test_every_panel_query_passes_promtool_as_a_recording_rule(tmp_path: Path) -> None:
    promtool = required_tool("promtool", "run .ci/install-prometheus.sh (Debian package `prometheus`)")
    board = dashboard()
    rules = tmp_path / "dashboard-rules.yml"
    rules.write_text(recording_rules(board), encoding="utf-8")
    done = subprocess.run([promtool, "check", "rules", str(rules)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"SUCCESS: {len(list(queries(board)))} rules found" in done.stdout


def test_promtool_would_catch_a_broken_panel_query(tmp_path: Path) -> None:
    promtool = required_tool("promtool", "run .ci/install-prometheus.sh (Debian package `prometheus`)")
    board = dashboard()
    next(panel for panel in panels(board) if panel.get("targets"))["targets"][0]["expr"] += ")"
    rules = tmp_path / "broken-rules.yml"
    rules.write_text(recording_rules(board), encoding="utf-8")
    done = subprocess.run([promtool, "check", "rules", str(rules)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode != 0


@pytest.mark.parametrize(("metric", "title_word"), [
    ("counterclaim_messages_in_total", "Throughput"), ("counterclaim_messages_out_total", "Throughput"),
    ("counterclaim_messages_failed_total", "Dead letters"), ("counterclaim_processing_seconds_bucket", "Processing"),
    ("counterclaim_end_to_end_lag_seconds_bucket", "End-to-end"), ("counterclaim_consumer_lag_messages", "partition"),
    ("counterclaim_worker_ready", "Readiness"), ("counterclaim_contradictions_total", "by kind"),
])
def test_each_need_has_a_panel(metric: str, title_word: str) -> None:
    found = [panel["title"] for panel in panels(dashboard()) for target in panel.get("targets", [])
             if metric in target["expr"]]
    assert any(title_word in title for title in found), f"{metric}: panels {found}"


def test_latency_panels_show_p50_p95_p99_per_worker() -> None:
    for panel in panels(dashboard()):
        exprs = [target["expr"] for target in panel.get("targets", [])]
        if any("histogram_quantile" in expr for expr in exprs):
            wanted = [f"histogram_quantile({q}" for q in ("0.5", "0.95", "0.99")]
            assert [expr.split(",")[0] for expr in exprs] == wanted, panel["title"]
            assert all("sum by (worker, le)" in expr for expr in exprs), panel["title"]


def test_worker_panels_repeat_per_worker_and_use_the_provisioned_data_source() -> None:
    board = dashboard()
    [repeated] = [panel for panel in board["panels"] if panel.get("repeat")]
    assert repeated["type"] == "row" and repeated["repeat"] == "worker"
    after_row = [panel for panel in board["panels"] if panel["gridPos"]["y"] > repeated["gridPos"]["y"]]
    assert len(after_row) >= 5
    for panel in after_row:
        for target in panel["targets"]:
            assert 'worker=~"$worker"' in target["expr"], panel["title"]
    for panel in panels(board):
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}
    [source] = [v for v in board["templating"]["list"] if v["type"] == "datasource"]
    assert source["query"] == "prometheus"


def test_grafana_variables_are_replaced_or_refused() -> None:
    assert as_promql('rate(x{worker=~"$worker"}[$__rate_interval])') == 'rate(x{worker=~".*"}[5m])'
    with pytest.raises(ValueError, match="unexpected Grafana variable"):
        as_promql("rate(x[$__range])")
