"""The pipeline benchmark's table and JSON result file."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.bench_load import BareSpacy, LoadResult
from bench.bench_support import queueing_p99
from services.common.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"


def report(*, source: str, settings: Settings, bare: BareSpacy, full: LoadResult, paced: LoadResult | None,
           ready: Mapping[str, float], rss: Mapping[str, list[float]], cpu: Mapping[str, float],
           env: Mapping[str, str], started: float,
           name: str = "pipeline", quote_instances: int | None = None,
           cpu_outside: Mapping[str, float] | None = None, pace_divisor: float = 2.0,
           conditions: Mapping[str, Any] | None = None) -> Path:
    """Print the table and write the JSON file (with `conditions`: the machine's state before the
    run); returns its path."""
    ratio = full.articles_per_second / bare.articles_per_second
    rows = [
        ("B  bare spaCy nlp.pipe (full pipeline)", f"{bare.articles_per_second:.2f} articles/s"),
        ("P  pipeline throughput",
         f"{full.articles_per_second:.2f} articles/s ({full.articles} in {full.seconds:.1f} s)"),
        ("R  = P / B", f"{ratio:.2f}"),
        ("bare nlp(text) p50 / p99", f"{bare.call_p50_ms:.0f} / {bare.call_p99_ms:.0f} ms"),
        ("e2e latency at full speed p50/p95/p99", _latency(full.latency_ms)),
    ]
    rows += [(f"  {topic} done at", f"+{at:.1f} s") for topic, at in full.topic_done_seconds.items()]
    pace = f"P/{pace_divisor:g}"
    if paced is not None:
        rows.append((f"e2e latency at {pace} = {paced.rate:.2f}/s p50/p95/p99", _latency(paced.latency_ms)))
        rows.append(("  of which to the quoted-articles bundle", _latency(paced.bundle_latency_ms)))
        rows.append((f"  p99 at {pace} / bare p99 (target at P/2: <= 2)",
                     f"{paced.latency_ms['p99'] / bare.call_p99_ms:.2f}"))
        if bare.call_seconds and paced.rate:
            rows += _floors(bare, paced, quote_instances or 1, settings.partitions, pace)
    if full.quote_ms_per_article and bare.call_seconds:
        at_pace = f", at {pace} {paced.quote_ms_per_article:.0f}" if paced and paced.quote_ms_per_article else ""
        rows.append(("quote worker ms/article (processing_seconds mean)",
                     f"full speed {full.quote_ms_per_article:.0f}{at_pace}; "
                     f"bare nlp(text) mean {sum(bare.call_seconds) / len(bare.call_seconds) * 1000:.0f}"))
    for worker in ready:
        processes = " + ".join(f"{mib:.0f}" for mib in rss[worker])
        rows.append((f"{worker} worker: ready / peak RSS", f"{ready[worker]:.1f} s / {processes} MiB"))
    pipeline_cpu = sum(cpu.values())
    per_worker: dict[str, list[float]] = {}
    for process, ms in cpu.items():  # "quotes-1", "quotes-2": instances of one worker
        per_worker.setdefault(process.split("-")[0], []).append(ms)
    rows.append(("CPU ms/article: bare / workers", f"{bare.cpu_ms_per_article:.0f} / {pipeline_cpu:.0f} (" + ", ".join(
        f"{worker} {sum(ms):.1f}" + (f" = {' + '.join(f'{m:.1f}' for m in ms)}" if len(ms) > 1 else "")
        for worker, ms in per_worker.items()) + ")"))
    parse_ms = (conditions or {}).get("parse_cpu_ms_per_article")
    if parse_ms:
        rows.append(("  of which the quote workers' own parse", f"{parse_ms:.1f}; everything else in the workers "
                     f"{pipeline_cpu - parse_ms:.1f} = {(pipeline_cpu - parse_ms) / parse_ms:.0%} of it"))
    rows.append((f"  R bound on {os.cpu_count()} idle cores (CPU)",
                 f"{(os.cpu_count() or 1) * bare.cpu_ms_per_article / pipeline_cpu:.2f}"))
    if cpu_outside:
        everything = pipeline_cpu + sum(cpu_outside.values())
        rows.append(("CPU ms/article outside the workers", ", ".join(f"{k} {v:.1f}" for k, v in cpu_outside.items())))
        bound = (os.cpu_count() or 1) * bare.cpu_ms_per_article / everything
        rows.append(("  R bound counting those too", f"{bound:.2f}"))
    width = max(len(label) for label, _ in rows)
    instances = f", {quote_instances} quote instance(s)" if quote_instances else ""
    print(f"\n{name}: {source}, batch size {settings.batch_size}{instances}, load average {_load()}")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}-{time.strftime('%Y%m%d-%H%M%S', time.gmtime(started))}.json"
    data: dict[str, Any] = {
        "source": source, "R": ratio, "bare": dataclasses.asdict(bare), "full": dataclasses.asdict(full),
        "paced": dataclasses.asdict(paced) if paced else None, "ready_seconds": dict(ready),
        "peak_rss_mib": dict(rss), "cpu_ms_per_article": dict(cpu),
        "cpu_ms_per_article_outside_workers": dict(cpu_outside or {}), "batch_size": settings.batch_size,
        "env": dict(env),
        "load_average": _load(), "cpus": os.cpu_count(), "quote_instances": quote_instances,
        "partitions": settings.partitions, **(conditions or {}),
    }
    path.write_text(json.dumps(data, indent=2) + "\n")
    print(f"  written to {path}")
    return path


def _floors(bare: BareSpacy, paced: LoadResult, parsers: int, partitions: int, pace: str) -> list[tuple[str, str]]:
    """The queueing floors of the paced run: any free parser takes the next article; or each
    parser owns its partitions, split contiguously or alternately (which one the group picked
    is not recorded), so an article waits behind the earlier ones of its partitions."""
    assert paced.rate is not None
    shared = queueing_p99(bare.call_seconds, paced.rate, parsers) * 1000
    rows = [(f"  floor: {parsers} bare parser(s) queueing at {pace}, p99", f"{shared:.0f} ms = "
             f"{shared / bare.call_p99_ms:.2f} x bare p99 (any free parser)")]
    if paced.partitions and parsers > 1:
        owned = [queueing_p99(bare.call_seconds, paced.rate, parsers, [owner(p) for p in paced.partitions]) * 1000
                 for owner in (lambda p: p * parsers // partitions, lambda p: p % parsers)]
        rows.append(("    each parser owning its partitions", " / ".join(
            f"{ms:.0f} ms = {ms / bare.call_p99_ms:.2f} x" for ms in owned) + " (contiguous / alternate split)"))
    return rows


def _latency(latency_ms: Mapping[str, float]) -> str:
    return " / ".join(f"{latency_ms[q]:.0f}" for q in ("p50", "p95", "p99")) + " ms"


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
