"""The bench's own maths, free of I/O so that tests/bench can check it.

Latencies arrive from wrk as a histogram of (microseconds, count) pairs; figures leave
in milliseconds. Upstream calls are the sandbox's `_stats`: provider -> route -> count.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Stats = Mapping[str, Mapping[str, int]]
MARKER = "BENCH_JSON "


def percentile(histogram: Iterable[tuple[float, int]], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of weighted samples: the smallest value
    with at least q% of the samples at or below it."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile out of range: {q}")
    points = sorted((value, count) for value, count in histogram if count > 0)
    total = sum(count for _, count in points)
    if total == 0:
        raise ValueError("no samples")
    rank = max(1, math.ceil(q / 100 * total))
    seen = 0
    for value, count in points:
        seen += count
        if seen >= rank:
            return value
    return points[-1][0]


class NoSamples(ValueError):
    """A run in which no request completed: the server is saturated at that load."""


def run_seconds(connections: int, throughput_rps: float | None, least: int, most: int) -> int:
    """Long enough for each connection to complete about three requests at the throughput
    seen so far, within [least, most] seconds."""
    if not throughput_rps:
        return least
    return max(least, min(most, math.ceil(3 * connections / throughput_rps)))


@dataclass(frozen=True)
class LoadRun:
    """One wrk run, reduced to the figures the report needs."""

    connections: int
    requests: int
    duration_s: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    budget_hit: bool
    # the errors by kind: GraphQL errors (any non-200 too), socket errors, non-2xx statuses
    error_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        return throughput(
            self.requests, self.duration_s, self.connections, self.mean_ms, self.budget_hit
        )


def parse_wrk(output: str, connections: int, budget: int) -> LoadRun:
    """Read the BENCH_JSON line printed by bench/wrk/graphql.lua."""
    line = next((ln for ln in output.splitlines() if ln.startswith(MARKER)), None)
    if line is None:
        raise ValueError("wrk printed no BENCH_JSON line: " + output[-500:])
    raw = json.loads(line[len(MARKER) :])
    histogram = [(float(v), int(c)) for v, c in raw["histogram"]]
    requests = int(raw["requests"])
    if not histogram:
        raise NoSamples(f"no response completed within the run ({requests} requests)")
    return LoadRun(
        connections=connections,
        requests=requests,
        duration_s=raw["duration_us"] / 1e6,
        errors=int(raw["graphql_errors"]) + int(raw["socket_errors"]) + int(raw["non2xx"]),
        p50_ms=percentile(histogram, 50) / 1000,
        p95_ms=percentile(histogram, 95) / 1000,
        p99_ms=percentile(histogram, 99) / 1000,
        mean_ms=float(raw["mean_us"]) / 1000,
        budget_hit=budget > 0 and requests >= budget,
        error_kinds={
            k: int(raw[k]) for k in ("graphql_errors", "socket_errors", "non2xx") if int(raw[k])
        },
    )


def throughput(
    requests: int, duration_s: float, connections: int, mean_ms: float, budget_hit: bool
) -> float:
    """Requests per second. wrk's clock runs the whole -d even when the request budget
    stopped its threads early; then the closed loop's own law (Little: X = N / R) gives it."""
    if budget_hit:
        return connections / (mean_ms / 1000) if mean_ms > 0 else 0.0
    return requests / duration_s if duration_s > 0 else 0.0


def total_calls(stats: Stats) -> int:
    return sum(sum(routes.values()) for routes in stats.values())


def floor_gap(measured: Stats, floor: Stats) -> dict[str, dict[str, int]]:
    """Calls above (positive) or below (negative) the floor, per provider and route;
    empty when the measured calls are exactly the floor."""
    gap: dict[str, dict[str, int]] = {}
    for provider in sorted(set(measured) | set(floor)):
        got, want = measured.get(provider, {}), floor.get(provider, {})
        for route in sorted(set(got) | set(want)):
            diff = got.get(route, 0) - want.get(route, 0)
            if diff:
                gap.setdefault(provider, {})[route] = diff
    return gap


def overhead_ms(latency_ms: float, rounds: int, injected_ms: float) -> float:
    """What the gateway adds: latency minus the critical path of dependent round trips."""
    return latency_ms - rounds * injected_ms


def observed_rounds(
    low_ms: float, high_ms: float, low_injected: float, high_injected: float
) -> float:
    """Dependent upstream round trips seen from outside: the slope of latency against
    injected latency per call between two runs."""
    if high_injected == low_injected:
        raise ValueError("two different injected latencies are needed")
    return (high_ms - low_ms) / (high_injected - low_injected)


def ratio(baseline: float, measured: float) -> float | None:
    """How many times smaller `measured` is than `baseline` (None when undefined)."""
    if measured <= 0:
        return None
    return baseline / measured


@dataclass(frozen=True)
class Target:
    name: str
    goal: str
    observed: str
    met: bool


def latency_targets(
    p50_c1_ms: float,
    p95_c50_ms: float,
    rounds: int,
    injected_ms: float,
    *,
    p95_goal: bool = True,
) -> list[Target]:
    """Issue 12, point 3: p50 at c=1 within 2 ms of the critical path on every operation;
    p95 at c=50 within 15 ms on the list pages and quote/order (`p95_goal`)."""
    over50 = overhead_ms(p50_c1_ms, rounds, injected_ms)
    over95 = overhead_ms(p95_c50_ms, rounds, injected_ms)
    found = [Target("p50 c=1 overhead", "<= 2 ms", f"{over50:.1f} ms", over50 <= 2)]
    if p95_goal:
        found.append(Target("p95 c=50 overhead", "<= 15 ms", f"{over95:.1f} ms", over95 <= 15))
    return found
