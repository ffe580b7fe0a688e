"""The bench's multi-run summary: each run's figure, the median and the spread."""

from __future__ import annotations

from typing import Any

from bench.series import summarise


def _run(r: float, p99: float | None, workers_cpu: float) -> dict[str, Any]:
    return {
        "R": r, "bare": {"articles_per_second": 10.0, "call_p99_ms": 100.0, "cpu_ms_per_article": 50.0},
        "full": {"articles_per_second": 10.0 * r},
        "paced": {"latency_ms": {"p99": p99}} if p99 is not None else None,
        "cpu_ms_per_article": {"quotes-1": workers_cpu / 2, "quotes-2": workers_cpu / 2},
        "cpu_ms_per_article_outside_workers": {"broker": 3.0, "bench process": 2.0},
        "peak_rss_mib": {"quotes": [250.0, 260.0], "entities": [120.0]},
        "ready_seconds": {"quotes": 4.0, "entities": 3.5},
        "parse_cpu_ms_per_article": 40.0,
    }


def test_median_and_spread_of_each_figure() -> None:
    rows = {label: rest for label, *rest in summarise([_run(1.2, 250.0, 60.0), _run(1.5, 300.0, 70.0),
                                                      _run(1.4, None, 65.0)])}
    assert rows["R = P / B"] == [["1.20", "1.50", "1.40"], "1.40", "1.20 .. 1.50"]
    # A run without a paced load has no latency figure; the median is over the others.
    assert rows["e2e p99 at P/2 / bare p99"] == [["2.50", "3.00", "-"], "2.75", "2.50 .. 3.00"]
    assert rows["workers' CPU outside the parse, share of bare"][1] == "30%"
    assert rows["  the same against the workers' own parse"][1] == "62%"  # (65 - 40) / 40
    assert rows["peak RSS of the largest process, MiB"][1] == "260"
