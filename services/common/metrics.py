"""Prometheus metrics every worker serves on its own port at /metrics."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector, start_http_server

from services.common.ports import PortInUse

PROCESSING_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Reaches far past the 60 s alert threshold, so a p95 from it can show a backlog.
LAG_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0)
FAILURE_REASONS = ("invalid_utf8", "invalid_json", "invalid_schema", "empty_text", "too_large", "too_slow")
CONTRADICTION_KINDS = ("evaluative", "rebuttal", "factual", "evidence", "cross-article")


@dataclass(frozen=True)
class WorkerMetrics:
    """The series one worker exports; `worker` is the only per-process label."""

    registry: CollectorRegistry
    messages_in: Counter
    messages_out: Counter
    messages_failed: Counter
    processing_seconds: Histogram
    end_to_end_lag_seconds: Histogram
    consumer_lag_messages: Gauge
    contradictions: Counter
    articles_bounded: Counter
    parse_cpu_seconds: Counter
    ready: Gauge


def make_metrics(worker: str, registry: CollectorRegistry | None = None) -> WorkerMetrics:
    """Create a worker's metrics in `registry` (a fresh one by default), every series starting at 0.

    Prometheus needs a sample before the first increase to see it, so the
    failure and contradiction series exist from the start.
    """
    reg = registry or CollectorRegistry()
    metrics = WorkerMetrics(
        registry=reg,
        messages_in=Counter(
            "counterclaim_messages_in", "Messages consumed from the input topic.", ["worker"], registry=reg
        ).labels(worker),
        messages_out=Counter(
            "counterclaim_messages_out", "Events produced, by topic.", ["worker", "topic"], registry=reg
        ),
        messages_failed=Counter(
            "counterclaim_messages_failed",
            "Inputs rejected and sent to the dead-letter topic, by reason.",
            ["worker", "reason"],
            registry=reg,
        ),
        processing_seconds=Histogram(
            "counterclaim_processing_seconds",
            "Time to process one batch of messages, per message.",
            ["worker"],
            buckets=PROCESSING_BUCKETS,
            registry=reg,
        ).labels(worker),
        end_to_end_lag_seconds=Histogram(
            "counterclaim_end_to_end_lag_seconds",
            "Now minus the article's publish time, when its events are produced.",
            ["worker"],
            buckets=LAG_BUCKETS,
            registry=reg,
        ).labels(worker),
        consumer_lag_messages=Gauge(
            "counterclaim_consumer_lag_messages",
            "Messages on the input topic past the group's committed offset (not yet processed), by partition.",
            ["worker", "topic", "partition"],
            registry=reg,
        ),
        contradictions=Counter(
            "counterclaim_contradictions", "Contradiction events produced, by kind.", ["kind"], registry=reg
        ),
        articles_bounded=Counter(
            "counterclaim_articles_bounded",
            "Articles whose candidate pairs or events hit a bound; their most confident events were kept.",
            ["worker"], registry=reg,
        ).labels(worker),
        parse_cpu_seconds=Counter(
            "counterclaim_parse_cpu_seconds",
            "CPU seconds spent in spaCy parsing articles (the quote worker; 0 elsewhere).",
            ["worker"], registry=reg,
        ).labels(worker),
        ready=Gauge(
            "counterclaim_worker_ready", "1 once the worker has joined its group and is consuming.",
            ["worker"], registry=reg,
        ).labels(worker),
    )
    ProcessCollector(registry=reg)  # process_cpu_seconds_total, process_resident_memory_bytes, ...
    for reason in FAILURE_REASONS:
        metrics.messages_failed.labels(worker, reason)
    for kind in CONTRADICTION_KINDS if worker == "contradictions" else ():
        metrics.contradictions.labels(kind)
    return metrics


def serve_metrics(metrics: WorkerMetrics, *, host: str, port: int, variable: str) -> None:
    """Serve /metrics in a background thread; PortInUse, naming `variable`, when the port is taken."""
    try:
        start_http_server(port, addr=host, registry=metrics.registry)
    except OSError as error:
        raise PortInUse(f"cannot serve metrics on {host}:{port} ({error.strerror or error}); "
                        f"stop the process that holds port {port} or set {variable} to a free port") from None
