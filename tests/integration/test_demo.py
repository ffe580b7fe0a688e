"""`make demo`, the README's first command, on the embedded default broker."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from services.common.broker import free_port
from tests.support.kafka import REPO

pytestmark = pytest.mark.integration


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_prints_alerts_naming_both_speakers_and_stops_everything(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAFKA_", "COUNTERCLAIM_"))}
    env.update(  # the embedded default, moved to free ports so a running `make up` is not disturbed
        COUNTERCLAIM_BROKER_PORT=str(free_port()),
        COUNTERCLAIM_ENTITIES_METRICS_PORT=str(free_port()),
        COUNTERCLAIM_QUOTES_METRICS_PORT=str(free_port()),
        COUNTERCLAIM_CONTRADICTIONS_METRICS_PORT=str(free_port()),
        COUNTERCLAIM_RUN_DIR=str(tmp_path / "run"),
    )
    done = subprocess.run(["make", "--no-print-directory", "demo"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    alerts = done.stdout.split("CONTRADICTION")[1:]
    assert alerts, done.stdout + done.stderr
    assert any(_names_both_speakers(alert) for alert in alerts), done.stdout
    assert "stopped:" in done.stderr
    assert not list((tmp_path / "run").glob("*.pid")), "demo left processes running"


def _names_both_speakers(alert: str) -> bool:
    claims = [line.strip() for line in alert.splitlines()[1:4] if line.strip() and line.strip() != "vs"]
    return len(claims) == 2 and not any(claim.startswith("unattributed") for claim in claims)
