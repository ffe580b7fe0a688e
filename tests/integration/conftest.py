"""Integration tier: a real Tansu broker per session, real worker processes per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.kafka import Pipeline, running_broker, running_pipeline


@pytest.fixture(scope="session")
def bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_broker(tmp_path_factory.mktemp("broker")) as address:
        yield address


@pytest.fixture(scope="module")
def pipeline(bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    """The three workers on fresh topics, ready; stopped after the module."""
    with running_pipeline(bootstrap, tmp_path_factory.mktemp("run")) as running:
        yield running
