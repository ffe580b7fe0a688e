"""Prometheus metrics the desk serves at /metrics on its own port."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge

from services.common.metrics import FAILURE_REASONS

INPUTS = ("contradictions", "quoted-articles")  # topic roles, not names: the label stays low-cardinality


@dataclass(frozen=True)
class DeskMetrics:
    registry: CollectorRegistry
    messages_in: Counter  # {topic}
    messages_failed: Counter  # {reason}
    duplicates: Counter
    pages: Gauge
    alerts_held: Gauge
    articles_held: Gauge
    ready: Gauge


def make_desk_metrics(registry: CollectorRegistry | None = None) -> DeskMetrics:
    reg = registry or CollectorRegistry()
    metrics = DeskMetrics(
        registry=reg,
        messages_in=Counter("counterclaim_desk_messages_in", "Messages read, by input topic role.", ["topic"],
                            registry=reg),
        messages_failed=Counter("counterclaim_desk_messages_failed",
                                "Inputs rejected and sent to the dead-letter topic, by reason.", ["reason"],
                                registry=reg),
        duplicates=Counter("counterclaim_desk_duplicate_alerts",
                           "Contradictions already held (redeliveries, re-reads), not shown again.", registry=reg),
        pages=Gauge("counterclaim_desk_pages", "Pages connected to the live stream.", registry=reg),
        alerts_held=Gauge("counterclaim_desk_alerts", "Alerts held in memory and shown on load.", registry=reg),
        articles_held=Gauge("counterclaim_desk_articles", "Article texts held for context.", registry=reg),
        ready=Gauge("counterclaim_desk_ready", "1 once the desk has joined its group and is reading.", registry=reg),
    )
    for topic in INPUTS:
        metrics.messages_in.labels(topic)
    for reason in FAILURE_REASONS:
        metrics.messages_failed.labels(reason)
    return metrics
