"""Several benchmark runs in a row: a quiet machine before each, then the median and spread.

Wall-clock figures on a shared 2-core machine swing from run to run, so `bench/pipeline.py`
repeats B-then-P and the headline figures are medians over the runs. Before each run it
waits (briefly) until other processes use less than `QUIET_CORES` of the CPU, and it records
the load average with every run; it warns loudly when the machine does not settle.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

QUIET_CORES = 0.5
SETTLE_SECONDS = 30.0


def load_average() -> tuple[float, float, float]:
    one, five, fifteen = Path("/proc/loadavg").read_text().split()[:3]
    return float(one), float(five), float(fifteen)


def busy_cores(seconds: float = 1.0) -> float:
    """How many cores' worth of CPU the whole machine used over the next `seconds`."""
    def totals() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return sum(fields) - idle, sum(fields)

    busy_before, all_before = totals()
    time.sleep(seconds)
    busy_after, all_after = totals()
    share = (busy_after - busy_before) / max(1, all_after - all_before)
    return share * (os.cpu_count() or 1)


def settle(limit: float = SETTLE_SECONDS) -> float:
    """Wait until the machine uses less than `QUIET_CORES` cores (at most `limit` seconds);
    returns the last reading, after warning loudly when it did not settle."""
    deadline = time.monotonic() + limit
    while (busy := busy_cores()) >= QUIET_CORES and time.monotonic() < deadline:
        pass
    if busy >= QUIET_CORES:
        warn(f"the machine did not settle: {busy:.2f} cores busy before this run (quiet is < {QUIET_CORES}); "
             "its wall-clock figures are not comparable")
    return busy


def warn(message: str) -> None:
    print(f"\n!!! WARNING: {message}\n", file=sys.stderr, flush=True)


# The summary's figures: label, how to read it from one run's result file, its format.
Figure = tuple[str, Callable[[Mapping[str, Any]], float | None], str]


def _p99_ratio(run: Mapping[str, Any]) -> float | None:
    paced = run.get("paced")
    return paced["latency_ms"]["p99"] / run["bare"]["call_p99_ms"] if paced else None


def _outside_parse(run: Mapping[str, Any]) -> float:
    """Every worker's CPU per article less a bare parse's, as a share of the bare parse."""
    bare = run["bare"]["cpu_ms_per_article"]
    return (sum(run["cpu_ms_per_article"].values()) - bare) / bare


def _outside_own_parse(run: Mapping[str, Any]) -> float | None:
    """The same share, against the quote workers' own parse in the same run (same machine state)."""
    parse = run.get("parse_cpu_ms_per_article")
    return (sum(run["cpu_ms_per_article"].values()) - parse) / parse if parse else None


FIGURES: tuple[Figure, ...] = (
    ("B, articles/s", lambda r: r["bare"]["articles_per_second"], "{:.2f}"),
    ("P, articles/s", lambda r: r["full"]["articles_per_second"], "{:.2f}"),
    ("R = P / B", lambda r: r["R"], "{:.2f}"),
    ("e2e p99 at P/2 / bare p99", _p99_ratio, "{:.2f}"),
    ("bare CPU ms/article", lambda r: r["bare"]["cpu_ms_per_article"], "{:.1f}"),
    ("workers' CPU ms/article", lambda r: sum(r["cpu_ms_per_article"].values()), "{:.1f}"),
    ("workers' CPU outside the parse, share of bare", _outside_parse, "{:.0%}"),
    ("  the same against the workers' own parse", _outside_own_parse, "{:.0%}"),
    ("broker + bench CPU ms/article", lambda r: sum(r["cpu_ms_per_article_outside_workers"].values()), "{:.1f}"),
    ("peak RSS of the largest process, MiB", lambda r: max(max(v) for v in r["peak_rss_mib"].values()), "{:.0f}"),
    ("ready, slowest process, s", lambda r: max(r["ready_seconds"].values()), "{:.1f}"),
)


def summarise(runs: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[str], str, str]]:
    """Per figure: each run's value, the median, and the spread (lowest to highest)."""
    rows = []
    for label, read, fmt in FIGURES:
        values = [read(run) for run in runs]
        known = [v for v in values if v is not None]
        shown = [fmt.format(v) if v is not None else "-" for v in values]
        median = fmt.format(statistics.median(known)) if known else "-"
        spread = f"{fmt.format(min(known))} .. {fmt.format(max(known))}" if known else "-"
        rows.append((label, shown, median, spread))
    return rows


def print_summary(runs: Sequence[Mapping[str, Any]], quiet: Sequence[float]) -> None:
    rows = summarise(runs)
    loads = [" ".join(f"{x:.2f}" for x in run["load_average_before"]) for run in runs]
    rows.append(("load average before the run (1/5/15 min)", loads, "", ""))
    rows.append(("cores busy just before the run", [f"{q:.2f}" for q in quiet], "", ""))
    width = max(len(label) for label, *_ in rows)
    cells = max(len(cell) for _, shown, *_ in rows for cell in shown)
    print(f"\n{len(runs)} runs, {time.strftime('%Y-%m-%d %H:%M %Z')}; median and spread (lowest .. highest)")
    print(f"  {'':<{width}}  " + "  ".join(f"{f'run {i + 1}':>{cells}}" for i in range(len(runs)))
          + "  median  spread")
    for label, shown, median, spread in rows:
        print(f"  {label:<{width}}  " + "  ".join(f"{cell:>{cells}}" for cell in shown) + f"  {median:>6}  {spread}")
