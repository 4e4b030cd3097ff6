"""The bench's own maths: percentiles, floors, overhead, targets (never a duration)."""

from __future__ import annotations

import json

import pytest

from bench.analysis import (
    MARKER,
    NoSamples,
    floor_gap,
    latency_targets,
    observed_rounds,
    overhead_ms,
    parse_wrk,
    percentile,
    ratio,
    run_seconds,
    throughput,
    total_calls,
)


def test_percentile_is_nearest_rank_over_weighted_samples() -> None:
    samples = [(float(v), 1) for v in range(1, 101)]  # 1..100, once each
    assert percentile(samples, 50) == 50
    assert percentile(samples, 95) == 95
    assert percentile(samples, 99) == 99
    assert percentile(samples, 100) == 100
    assert percentile(samples, 0) == 1


def test_percentile_counts_repeated_values_and_ignores_order() -> None:
    histogram = [(30.0, 1), (10.0, 90), (20.0, 9)]
    assert percentile(histogram, 50) == 10
    assert percentile(histogram, 90) == 10
    assert percentile(histogram, 91) == 20
    assert percentile(histogram, 99) == 20
    assert percentile(histogram, 99.5) == 30


def test_percentile_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([(1.0, 1)], 101)


def _wrk_output(**overrides: object) -> str:
    raw = {
        "requests": 4,
        "duration_us": 2_000_000,
        "graphql_errors": 1,
        "socket_errors": 0,
        "non2xx": 0,
        "min_us": 1000,
        "max_us": 4000,
        "mean_us": 2500.0,
        "p50_us": 2000.0,
        "p95_us": 4000.0,
        "p99_us": 4000.0,
        "histogram": [[1000, 1], [2000, 1], [3000, 1], [4000, 1]],
    }
    raw.update(overrides)
    return "Running 2s test\n  4 requests in 2.00s\n\n" + MARKER + json.dumps(raw) + "\n"


def test_wrk_output_is_read_into_milliseconds_and_requests_per_second() -> None:
    run = parse_wrk(_wrk_output(), connections=1, budget=100)
    assert (run.p50_ms, run.p95_ms, run.p99_ms, run.mean_ms) == (2.0, 4.0, 4.0, 2.5)
    assert run.errors == 1
    assert run.budget_hit is False
    assert run.throughput == 2.0  # 4 requests in 2 s


def test_a_run_stopped_by_its_budget_takes_throughput_from_littles_law() -> None:
    run = parse_wrk(_wrk_output(), connections=10, budget=4)
    assert run.budget_hit is True
    assert run.throughput == pytest.approx(10 / 0.0025)  # N / R, not requests / -d
    assert throughput(100, 10.0, 5, 50.0, budget_hit=False) == 10.0


def test_a_run_with_no_completed_request_is_reported_as_saturated() -> None:
    with pytest.raises(NoSamples):
        parse_wrk(_wrk_output(requests=0, histogram=[]), connections=50, budget=0)
    with pytest.raises(ValueError):
        parse_wrk("wrk: connection refused", connections=1, budget=0)


def test_calls_equal_to_the_floor_leave_no_gap() -> None:
    floor = {"finos": {"GET /v1/orders": 1, "GET /v1/accounts/{account_id}": 16}}
    assert floor_gap(floor, floor) == {}
    assert total_calls(floor) == 17


def test_the_floor_gap_names_each_route_above_or_below_it() -> None:
    floor = {"molo": {"GET /a": 1, "GET /b": 9}, "finmo": {"GET /c": 1}}
    measured = {"molo": {"GET /a": 1, "GET /b": 20}, "finos": {"GET /d": 2}}
    assert floor_gap(measured, floor) == {
        "finmo": {"GET /c": -1},
        "finos": {"GET /d": 2},
        "molo": {"GET /b": 11},
    }


def test_overhead_is_latency_minus_the_critical_path() -> None:
    assert overhead_ms(163.0, rounds=3, injected_ms=50) == 13.0
    assert observed_rounds(70.0, 160.0, 20, 50) == 3.0
    with pytest.raises(ValueError):
        observed_rounds(1.0, 2.0, 50, 50)


def test_latency_targets_compare_overhead_with_the_issue_bounds() -> None:
    met, missed = latency_targets(p50_c1_ms=151.5, p95_c50_ms=170.0, rounds=3, injected_ms=50)
    assert met.met and met.observed == "1.5 ms" and met.goal == "<= 2 ms"
    assert not missed.met and missed.observed == "20.0 ms"
    (only,) = latency_targets(154.0, 170.0, rounds=3, injected_ms=50, p95_goal=False)
    assert not only.met and only.name == "p50 c=1 overhead"


def test_ratio_and_run_length() -> None:
    assert ratio(500.0, 50.0) == 10.0
    assert ratio(1.0, 0.0) is None
    assert run_seconds(50, throughput_rps=5.0, least=4, most=15) == 15
    assert run_seconds(50, throughput_rps=100.0, least=4, most=15) == 4
    assert run_seconds(10, throughput_rps=None, least=4, most=15) == 4
    assert run_seconds(10, throughput_rps=5.0, least=4, most=15) == 6
