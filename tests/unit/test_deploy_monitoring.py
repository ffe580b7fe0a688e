"""Alertmanager and Grafana in docker-compose.yml agree with their config files and with Prometheus.

No Docker engine here: these checks keep the compose file honest (see test_deploy.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.grafana import GRAFANA_DIR, dashboard, metric_names

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    return dict(yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"])


def mounts(service: dict[str, Any]) -> dict[str, str]:
    """{container path: repo path} of the service's bind mounts from the repository."""
    found = {}
    for volume in service.get("volumes", []):
        source, target, *_ = volume.split(":")
        if source.startswith("./"):
            assert (REPO / source).exists(), f"{source} is mounted but not in the repository"
            found[target] = source
    return found


def test_prometheus_alerts_the_compose_alertmanager(services: dict[str, Any]) -> None:
    config = yaml.safe_load((REPO / "deploy" / "prometheus" / "prometheus.yml").read_text())
    [manager] = config["alerting"]["alertmanagers"]
    assert manager["static_configs"] == [{"targets": ["alertmanager:9093"]}]
    assert "alertmanager" in services["prometheus"]["depends_on"]


def test_alertmanager_runs_the_shipped_config_without_a_gossip_port(services: dict[str, Any]) -> None:
    alertmanager = services["alertmanager"]
    assert "--config.file=/etc/alertmanager/alertmanager.yml" in alertmanager["command"]
    assert "--cluster.listen-address=" in alertmanager["command"]
    assert mounts(alertmanager)["/etc/alertmanager"] == "./deploy/alertmanager"
    assert (REPO / "deploy" / "alertmanager" / "alertmanager.yml").is_file()


def test_grafana_is_provisioned_with_prometheus_and_the_dashboard(services: dict[str, Any]) -> None:
    grafana = services["grafana"]
    mounted = mounts(grafana)
    assert mounted["/etc/grafana/provisioning"] == "./deploy/grafana/provisioning"
    provider = yaml.safe_load((GRAFANA_DIR / "provisioning" / "dashboards" / "counterclaim.yml").read_text())
    [files] = provider["providers"]
    assert mounted[files["options"]["path"]] == "./deploy/grafana/dashboards"
    datasources = yaml.safe_load((GRAFANA_DIR / "provisioning" / "datasources" / "prometheus.yml").read_text())
    [source] = datasources["datasources"]
    assert source["type"] == "prometheus" and source["url"] == "http://prometheus:9090"
    assert "9090:9090" in services["prometheus"]["ports"]
    [variable] = [v for v in dashboard()["templating"]["list"] if v["type"] == "datasource"]
    assert variable["current"]["value"] == source["uid"]


@pytest.mark.parametrize(("expr", "names"), [
    ('histogram_quantile(0.95, sum by (worker, le) (rate(a_bucket{worker=~"$worker"}[$__rate_interval])))',
     {"a_bucket"}),
    ("sum by (kind) (rate(b_total[$__rate_interval]))", {"b_total"}),
    ('up{job="x"} == 0 and on (worker) c offset 5m > 1e3', {"up", "c"}),
])
def test_metric_names_finds_every_metric_in_a_query(expr: str, names: set[str]) -> None:
    assert metric_names(expr) == names
