"""The pipeline benchmark's helpers: the workers' /metrics pages, percentiles and the queueing
floor (`bench.observer` reads the topics)."""

from __future__ import annotations

import heapq
import math
import time
import urllib.request
from collections.abc import Sequence

from services.common.settings import Settings

POLL_SECONDS = 0.02


def scrape(port: int) -> list[tuple[str, float]]:
    """Every sample on a worker's /metrics page: (name with labels, value)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        body = response.read().decode()
    samples = [line.rsplit(" ", 1) for line in body.splitlines() if line and not line.startswith("#")]
    return [(series, float(value)) for series, value in samples]


def total(samples: list[tuple[str, float]], name: str, *labels: str) -> float:
    """The sum of the series of metric `name` whose labels include every one of `labels`."""
    return sum(value for series, value in samples
               if series.startswith((name + "{", name + " ")) and all(label in series for label in labels))


class Completion:
    """Whether every article has been through the two workers that read quoted-articles bundles.

    Contradiction worker: its messages_in counts bundles plus subject claims, which it
    produces itself: bundles = messages in - subject claims out, both from one scrape.
    (Tansu's end offsets are not message counts, so the claims topic itself cannot tell.)
    Entity worker: it reads only bundles; the count of its processing-time histogram grows
    once a batch's entity events are delivered (its messages_in already when a batch arrives).
    """

    def __init__(self, settings: Settings) -> None:
        self.port = settings.metrics_ports["contradictions"]
        self.entities_port = settings.metrics_ports["entities"]
        self.claims_label = f'topic="{settings.topics.subject_claims}"'

    def bundles_consumed(self) -> float:
        samples = scrape(self.port)
        claims = total(samples, "counterclaim_messages_out_total", self.claims_label)
        return total(samples, "counterclaim_messages_in_total") - claims

    def entity_bundles_done(self) -> float:
        return total(scrape(self.entities_port), "counterclaim_processing_seconds_count")

    def wait(self, bundles: int, timeout: float) -> float:
        """Block until `bundles` have gone through both; returns the wall-clock time it was seen."""
        deadline = time.monotonic() + timeout
        while True:
            seen = time.time()
            if self.bundles_consumed() >= bundles and self.entity_bundles_done() >= bundles:
                return seen
            if time.monotonic() > deadline:
                raise RuntimeError(f"the entity and contradiction workers did not consume {bundles} bundles "
                                   f"in {timeout:.0f} s")
            time.sleep(POLL_SECONDS)


def processing_totals(ports: Sequence[int]) -> tuple[float, float]:
    """Seconds and messages in the `processing_seconds` histograms of the workers on `ports`."""
    samples = [sample for port in ports for sample in scrape(port)]
    name = "counterclaim_processing_seconds"
    return total(samples, f"{name}_sum"), total(samples, f"{name}_count")


def parse_cpu_seconds(ports: Sequence[int]) -> float:
    """CPU seconds the quote workers on `ports` have spent in spaCy so far."""
    return total([sample for port in ports for sample in scrape(port)], "counterclaim_parse_cpu_seconds_total")


def queueing_p99(service_seconds: Sequence[float], rate: float, servers: int,
                 server_of: Sequence[int] | None = None) -> float:
    """p99 seconds from arrival to done when articles arrive evenly at `rate` per second and
    `servers` parsers take them first come, first served, each needing its bare spaCy time:
    what queueing alone costs, before Kafka, other work and CPU sharing. By default any free
    parser takes the next article; with `server_of` (a parser per article, as a consumer group
    gives each instance its own partitions) an article waits for its own parser."""
    free = [0.0] * servers
    done = []
    for i, seconds in enumerate(service_seconds):
        arrival = i / rate
        if server_of is None:
            start = max(arrival, heapq.heappop(free))
            heapq.heappush(free, start + seconds)
        else:
            start = max(arrival, free[server_of[i]])
            free[server_of[i]] = start + seconds
        done.append(start + seconds - arrival)
    return percentile(done, 99)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]
