"""Sizing for 10 thousand, 100 thousand and 1 million articles a day, from measured costs.

    .venv/bin/python -m bench.capacity bench/results/pipeline-2q-*.json

Reads the bench result files given (`bench/pipeline.py` writes one per run), takes the median
CPU per article of each stage, and prints the cores, instances and broker traffic each daily
volume needs at its average rate and at a peak of 5 times the average (news comes in bursts).
The bytes per article on each topic are the ones `bench/worker_steps.py` printed on FNC-1
bodies; the claims table's changelog is modelled by `bench/changelog_model.py` (see docs/capacity.md).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
from pathlib import Path

DAILY = (10_000, 100_000, 1_000_000)
PEAK_FACTOR = 5
UTILISATION = 0.7  # plan each instance for at most this share of its core
# Message values per article (bytes), bench/worker_steps.py on 200 FNC-1 bodies, 2026-12-01,
# 07:25 UTC; the changelog from bench/changelog_model.py (articles 301-1000 of 1,000 bodies).
PRODUCED = {"raw-articles": 2123, "quotes": 2807, "quoted-articles": 13015, "entities": 2937,
            "subject-claims": 3132, "claims changelog": 23_000}
# Who reads each topic: the workers, plus the desk (bundles, contradictions) and one alert consumer.
READERS = {"raw-articles": 1, "quotes": 1, "quoted-articles": 3, "entities": 1, "subject-claims": 1,
           "claims changelog": 0}


def stage_cpu(results: list[dict]) -> dict[str, float]:
    """Median CPU ms per article of each worker (instances of one worker summed) and the broker."""
    per_run: dict[str, list[float]] = {}
    for run in results:
        stages: dict[str, float] = {}
        for process, ms in run["cpu_ms_per_article"].items():
            stages[process.split("-")[0]] = stages.get(process.split("-")[0], 0.0) + ms
        stages["broker (Tansu)"] = run["cpu_ms_per_article_outside_workers"].get("broker", 0.0)
        for stage, ms in stages.items():
            per_run.setdefault(stage, []).append(ms)
    return {stage: statistics.median(values) for stage, values in per_run.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+", type=Path)
    args = parser.parse_args()
    cpu = stage_cpu([json.loads(path.read_text()) for path in args.results])
    print(f"median CPU ms per article over {len(args.results)} runs: "
          + ", ".join(f"{stage} {ms:.1f}" for stage, ms in cpu.items()))
    produced = sum(PRODUCED.values())
    read = sum(PRODUCED[topic] * READERS[topic] for topic in PRODUCED)
    print(f"broker traffic per article: {produced / 1000:.0f} KB in, {read / 1000:.0f} KB out to consumers")
    print(f"\n{'articles/day':>12} {'load':>5} {'art/s':>7}  " + "  ".join(
        f"{stage + ' cores (instances)':>30}" for stage in cpu if not stage.startswith("broker"))
        + f"  {'broker MB/s in / out':>21}")
    for daily in DAILY:
        for load, factor in (("avg", 1), ("peak", PEAK_FACTOR)):
            rate = daily / 86_400 * factor
            cells = []
            for stage, ms in cpu.items():
                if stage.startswith("broker"):
                    continue
                cores = rate * ms / 1000
                cells.append(f"{cores:>22.2f} ({max(1, math.ceil(cores / UTILISATION)):>3})")
            traffic = f"{rate * produced / 1e6:.2f} / {rate * read / 1e6:.2f}"
            print(f"{daily:>12,} {load:>5} {rate:>7.2f}  " + "  ".join(f"{c:>30}" for c in cells) + f"  {traffic:>21}")


if __name__ == "__main__":
    main()
