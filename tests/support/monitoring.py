"""Real Prometheus and Alertmanager processes for tests, from the shipped configs with short intervals."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from tests.integration.test_prometheus_rules import PROMETHEUS_DIR, render_config
from tests.support.kafka import WAIT_SECONDS, required_tool

ALERTMANAGER_DIR = PROMETHEUS_DIR.parent / "alertmanager"
INSTALL_HINT = "run .ci/install-prometheus.sh (Debian packages `prometheus`, `prometheus-alertmanager`)"


def alertmanager_binary() -> str:
    """Debian names the binary prometheus-alertmanager; upstream, alertmanager."""
    return shutil.which("alertmanager") or required_tool("prometheus-alertmanager", INSTALL_HINT)


def short_prometheus_config(targets: Mapping[str, str], alertmanager: str | None) -> str:
    """prometheus.yml scraping only `targets` ({"entities": "127.0.0.1:19101"}) every second,
    evaluating every second, and alerting `alertmanager` (host:port) or none."""
    config = yaml.safe_load(render_config(targets))
    config["global"].update(scrape_interval="1s", scrape_timeout="1s", evaluation_interval="1s")
    [job] = config["scrape_configs"]
    job["static_configs"] = [static for static in job["static_configs"] if static["labels"]["worker"] in targets]
    if alertmanager:
        config["alerting"]["alertmanagers"] = [{"static_configs": [{"targets": [alertmanager]}]}]
    else:
        config.pop("alerting", None)
    return str(yaml.safe_dump(config, sort_keys=False))


def short_alert_rules() -> str:
    """alerts.yml with every `for:` of minutes cut to 2 s."""
    return re.sub(r"\bfor: \d+m\b", "for: 2s", (PROMETHEUS_DIR / "alerts.yml").read_text(encoding="utf-8"))


def short_alertmanager_config(webhook_url: str) -> str:
    """alertmanager.yml with its receivers pointed at `webhook_url` (paths kept) and 1 s grouping waits."""
    text = (ALERTMANAGER_DIR / "alertmanager.yml").read_text(encoding="utf-8")
    text = re.sub(r"https?://alert-bridge\.example:\d+", webhook_url, text)
    return re.sub(r"\b(group_wait|group_interval): \S+", r"\1: 1s", text)


@contextmanager
def running_server(command: list[str], log: Path, ready_url: str) -> Iterator[subprocess.Popen[bytes]]:
    """Start `command`, wait until `ready_url` answers 200, stop it afterwards."""
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not _ready(ready_url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{command[0]} did not become ready:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False
