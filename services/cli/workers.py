"""`counterclaim worker NAME`: run one of the three workers in this process."""

from __future__ import annotations

from services.common.settings import Settings
from services.common.worker import Build, run_worker


def run(name: str, settings: Settings) -> None:
    run_worker(name, settings, _builder(name))


def _builder(name: str) -> Build:
    if name == "entities":
        from services.entities.agent import build
    elif name == "quotes":
        from services.quotes.agent import build
    elif name == "contradictions":
        from services.contradictions.agent import build
    else:
        raise ValueError(f"unknown worker {name!r}")
    return build
