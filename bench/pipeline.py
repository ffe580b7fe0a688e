"""Pipeline speed against bare spaCy on this machine, over several interleaved runs.

    .venv/bin/python bench/pipeline.py [--runs 5] [--articles 300] [--quote-instances 2] [--pace-divisor 2]
    (or `make bench`)

Each run measures B, then P on a fresh broker and fresh workers, and prints its table;
after the last run, a summary gives each figure per run, its median and its spread
(`bench/series.py`). Before each run the bench waits briefly for the machine to settle
and records the load average; it warns loudly when something else is using the CPU.

The design measured: the quote worker is the only parser (full en_core_web_sm) and ships
its parse in each quoted-articles bundle; the entity and contradiction workers read
those bundles and load no model. --quote-instances N runs N quote workers in one
consumer group (default 2: the configuration for a 2-core machine, one parser per core;
each instance has its own metrics port, COUNTERCLAIM_QUOTES_METRICS_PORT).

B = bare spaCy (`nlp.pipe`, full en_core_web_sm, one process), P = articles/s from
the first publish until every article has been through every worker (the entity
and contradiction workers have consumed all bundles and the last event has arrived),
and R = P / B. Also: end-to-end latency per article (publish -> its latest event on any
output topic) at full speed and paced at P/2 (P/D with --pace-divisor D), each worker's peak RSS (per process)
and time to ready, CPU per article, and the p99 of one bare `nlp(text)`. Prints a
table and writes bench/results/<mode>-<time>.json. Tuning variables
(COUNTERCLAIM_BATCH_SIZE, KAFKA_FETCH_MAX_WAIT_MS, ...) are passed on to the workers.

--shared-parse runs the experiment in bench/shared_parse_workers.py instead: one
parse worker publishing DocBin bytes, read by extract-only entity and quote workers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


from bench.bench_articles import load_texts  # noqa: E402
from bench.bench_load import LoadResult, bare_spacy, run_load  # noqa: E402
from bench.bench_processes import (  # noqa: E402
    Launcher,
    cpu_seconds,
    peak_rss_mb,
    process_tree,
    shared_parse_commands,
    shared_parse_env,
)
from bench.bench_report import report  # noqa: E402
from bench.bench_support import Completion, parse_cpu_seconds, processing_totals  # noqa: E402
from bench.observer import Observer  # noqa: E402
from bench.series import QUIET_CORES, load_average, print_summary, settle, warn  # noqa: E402
from services.cli.layout import metrics_port_env, worker_command, worker_processes  # noqa: E402
from services.common.kafka import ensure_topics  # noqa: E402
from services.common.settings import Settings, load_settings  # noqa: E402
from tests.support.kafka import pipeline_env, running_broker  # noqa: E402

ISOLATING = ("KAFKA_BOOTSTRAP_SERVERS", "COUNTERCLAIM_TOPIC_", "COUNTERCLAIM_GROUP_PREFIX",
             "COUNTERCLAIM_RUN_DIR", "COUNTERCLAIM_BROKER_PORT")
WARM_UP_ARTICLES = 8


def tuning_env() -> dict[str, str]:
    """The embedded defaults `make up` runs with, overridden by tuning variables in the environment."""
    defaults = load_settings({})
    env = {
        "KAFKA_SESSION_TIMEOUT_SECONDS": str(defaults.session_timeout_seconds),
        "KAFKA_HEARTBEAT_INTERVAL_SECONDS": str(defaults.heartbeat_interval_seconds),
        "KAFKA_FETCH_MAX_WAIT_MS": str(defaults.fetch_max_wait_ms),
    }
    env.update({k: v for k, v in os.environ.items()
                if k.startswith(("KAFKA_", "COUNTERCLAIM_")) and not k.startswith(ISOLATING)
                and not k.endswith("_METRICS_PORT")})
    return env


def worker_processes_of(settings: Settings, quote_instances: int) -> tuple[
        dict[str, list[str]], dict[str, int], dict[str, dict[str, str]]]:
    """Command line, metrics port and own environment of each process: those `make up` starts,
    with `quote_instances` quote workers."""
    processes = worker_processes(dataclasses.replace(settings, quote_instances=quote_instances))
    commands = {label: worker_command(name) for label, (name, _) in processes.items()}
    ports = {label: port for label, (_, port) in processes.items()}
    extra = {label: metrics_port_env(name, port) for label, (name, port) in processes.items()}
    return commands, ports, extra


def with_quote_time(result: LoadResult, before: tuple[float, float], after: tuple[float, float]) -> LoadResult:
    """`result` with the quote instances' mean time per article (decode, parse, extract, produce) during it."""
    seconds, count = after[0] - before[0], after[1] - before[1]
    return dataclasses.replace(result, quote_ms_per_article=seconds / count * 1000 if count else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5, metavar="N",
                        help="measure B then P this many times, interleaved; prints each run, the median "
                             "and the spread (default 5)")
    parser.add_argument("--no-paced", action="store_true", help="skip the paced run")
    parser.add_argument("--pace-divisor", type=float, default=2.0, metavar="D",
                        help="the paced run publishes at P / D articles/s (default 2: the latency target's P/2)")
    parser.add_argument("--quote-instances", type=int, default=2, metavar="N",
                        help="quote worker processes in one consumer group (default 2, for 2 cores; "
                             "at most the partition count)")
    parser.add_argument("--shared-parse", action="store_true",
                        help="the older shared-parse experiment (ignores --quote-instances)")
    args = parser.parse_args()
    if args.quote_instances < 1 or args.runs < 1:
        parser.error("--quote-instances and --runs must be at least 1")
    texts, source = load_texts(args.articles)
    if load_average()[0] > QUIET_CORES:
        warn(f"load average {load_average()[0]:.2f} before the first run (quiet is < {QUIET_CORES}): something "
             "else is running, and wall-clock figures (B, P, R, latency) will be low and uneven")
    runs, quiet = [], []
    for number in range(1, args.runs + 1):
        print(f"run {number} of {args.runs}: settling, then bare spaCy, then the pipeline", file=sys.stderr)
        quiet.append(settle())
        conditions = {"load_average_before": load_average(), "busy_cores_before": quiet[-1]}
        path = one_run(args, texts, source, conditions)
        runs.append(json.loads(path.read_text()))
    if args.runs > 1:
        print_summary(runs, quiet)


def one_run(args: argparse.Namespace, texts: list[str], source: str, conditions: dict[str, Any]) -> Path:
    """B, then P on a fresh broker and fresh workers; prints the run's table, returns its result file."""
    bare = bare_spacy(texts)
    run_dir = Path(tempfile.mkdtemp(prefix="counterclaim-bench-"))
    os.chdir(run_dir)  # Faust writes its data directories into the working directory
    started = time.time()
    with running_broker(run_dir) as bootstrap:
        env = pipeline_env(bootstrap, run_dir, **tuning_env())
        settings = load_settings(env)
        ensure_topics(settings)
        if args.quote_instances > settings.partitions and not args.shared_parse:
            raise SystemExit(f"--quote-instances {args.quote_instances} > {settings.partitions} partitions: "
                             "the extra instances would get no partition")
        extra: dict[str, dict[str, str]] = {}
        if args.shared_parse:
            commands, ports = shared_parse_commands(), shared_parse_env(settings, env)
        else:
            commands, ports, extra = worker_processes_of(settings, args.quote_instances)
        launcher = Launcher(run_dir, env)
        observer, completion = Observer(settings), Completion(settings)
        try:
            ready = launcher.start(commands, ports, extra_env=extra)
            print(f"workers ready: {ready}; logs in {run_dir}", file=sys.stderr)
            observer.start()
            run_load(settings, observer, completion, texts[:WARM_UP_ARTICLES], "warm", done_before=0)
            done = WARM_UP_ARTICLES
            trees = {name: process_tree(process.pid) for name, process in launcher.processes.items()}
            in_workers = {pid for pids in trees.values() for pid in pids}
            # The same two cores also run the broker and this process (publisher and observer thread).
            outside = {"broker": [pid for pid in process_tree(os.getpid())[1:] if pid not in in_workers],
                       "bench process": [os.getpid()]}
            cpu_before = {name: cpu_seconds(pids) for name, pids in {**trees, **outside}.items()}
            quote_ports = [port for name, port in ports.items() if name.startswith("quotes")]
            before, parse_before = processing_totals(quote_ports), parse_cpu_seconds(quote_ports)
            full = run_load(settings, observer, completion, texts, "full", done_before=done)
            full = with_quote_time(full, before, processing_totals(quote_ports))
            parse_ms = (parse_cpu_seconds(quote_ports) - parse_before) * 1000 / len(texts)
            cpu = {name: (cpu_seconds(pids) - cpu_before[name]) * 1000 / len(texts) for name, pids in trees.items()}
            cpu_outside = {name: (cpu_seconds(pids) - cpu_before[name]) * 1000 / len(texts)
                           for name, pids in outside.items()}
            paced: LoadResult | None = None
            if not args.no_paced:
                before = processing_totals(quote_ports)
                paced = run_load(settings, observer, completion, texts, "paced", done_before=done + len(texts),
                                 rate=full.articles_per_second / args.pace_divisor)
                paced = with_quote_time(paced, before, processing_totals(quote_ports))
            rss = {name: [peak_rss_mb(pid) for pid in pids] for name, pids in trees.items()}
        finally:
            observer.stop()
            launcher.stop_all()
    os.chdir(REPO)
    shutil.rmtree(run_dir, ignore_errors=True)  # kept, with the worker logs, only when something failed
    name = "shared-parse" if args.shared_parse else f"pipeline-{args.quote_instances}q"
    return report(source=source, settings=settings, bare=bare, full=full, paced=paced, ready=ready, rss=rss,
                  cpu=cpu, env=tuning_env(), started=started, name=name, cpu_outside=cpu_outside,
                  quote_instances=None if args.shared_parse else args.quote_instances,
                  pace_divisor=args.pace_divisor, conditions={**conditions, "parse_cpu_ms_per_article": parse_ms})


if __name__ == "__main__":
    main()
