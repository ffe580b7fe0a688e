"""Integration tier: a real Tansu broker per session, real worker processes per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.cli.stack import Stack
from tests.support.kafka import Pipeline, pipeline_env, running_broker


@pytest.fixture(scope="session")
def bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_broker(tmp_path_factory.mktemp("broker")) as address:
        yield address


@pytest.fixture(scope="module")
def pipeline(bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    """The three workers on fresh topics, ready; stopped after the module."""
    run_dir: Path = tmp_path_factory.mktemp("run")
    env = pipeline_env(bootstrap, run_dir)
    running = Pipeline(env, Stack(run_dir, env))
    try:
        running.start("entities", "quotes", "contradictions")
        yield running
    finally:
        running.stack.stop_all()
