"""The peer comparison's query pairs and report, checked without npm or any server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import graphql
import pytest

from bench.peer_queries import (
    APPLICATION_CURSOR,
    APPLICATIONS,
    ORDERS,
    PAIRS,
    Pair,
    differences,
    end_cursor,
)
from bench.peer_report import median_ratio, peer_markdown, spread
from bench.peer_run import DEDUP_OFF, fingate_env
from schema import build_schema

OPENAPI = Path(__file__).parents[2] / "bench" / "peer" / "openapi"


def _fingate_sdl() -> graphql.GraphQLSchema:
    return graphql.build_schema(build_schema().as_str())


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_each_fingate_query_is_valid_against_fingates_schema(pair: Pair) -> None:
    errors = graphql.validate(_fingate_sdl(), graphql.parse(pair.fingate))
    assert errors == []


def test_the_finmo_cursor_probe_is_valid_against_fingates_schema() -> None:
    assert graphql.validate(_fingate_sdl(), graphql.parse(APPLICATION_CURSOR)) == []


def _openapi_names() -> set[str]:
    """operationIds and every property name of the peer's OpenAPI documents."""
    names: set[str] = set()
    for path in OPENAPI.glob("*.json"):
        doc = json.loads(path.read_text())
        for item in doc["paths"].values():
            names |= {op["operationId"] for op in item.values()}
        for schema in doc["components"]["schemas"].values():
            names |= set(schema.get("properties", {}))
    return names


def _fields(node: Any) -> set[str]:
    found: set[str] = set()
    for selection in getattr(node.selection_set, "selections", None) or ():
        found.add(selection.name.value)
        found |= _fields(selection)
    return found


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_each_peer_query_asks_only_for_operations_and_fields_of_the_openapi_documents(
    pair: Pair,
) -> None:
    (operation,) = graphql.parse(pair.peer).definitions
    asked = _fields(operation)
    # `data` is Finos's page envelope; `account` the link mesh.config.ts adds to Order
    known = _openapi_names() | {"data", "account"}
    assert asked, pair.peer
    assert asked <= known, asked - known


def test_the_mesh_config_adds_the_account_link_the_n_plus_1_pair_asks_for() -> None:
    config = (OPENAPI.parent / "mesh.config.ts").read_text()
    assert "extend type Order" in config
    assert 'sourceFieldName: "retrieveAccount"' in config
    assert "account {" in ORDERS.peer


def _page(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"edges": [{"node": n} for n in nodes]}


def test_the_same_orders_with_the_same_accounts_are_the_same_data() -> None:
    fingate = {
        "data": {
            "orders": _page(
                [
                    {"providerId": "o1", "account": {"providerId": "a1"}},
                    {"providerId": "o2", "account": {"providerId": "a2"}},
                ]
            )
        }
    }
    peer = {
        "data": {
            "listOrders": {
                "data": [
                    {"id": "o1", "account": {"id": "a1"}},
                    {"id": "o2", "account": {"id": "a2"}},
                ]
            }
        }
    }
    assert differences(ORDERS, fingate, peer) == []
    peer["data"]["listOrders"]["data"][1]["account"] = {"id": "a9"}
    (problem,) = differences(ORDERS, fingate, peer)
    assert "only the peer's: ['o2/a9']" in problem
    assert "only fingate's: ['o2/a2']" in problem


def test_the_three_finmo_pages_together_must_match_the_whole_unpaginated_list() -> None:
    fingate = {
        "data": {
            "p1": _page([{"providerId": "1"}]),
            "p2": _page([{"providerId": "2"}]),
            "p3": _page([{"providerId": "3"}]),
        }
    }
    peer = {"data": {"listApplications": [{"id": "1"}, {"id": "2"}, {"id": "3"}]}}
    assert differences(APPLICATIONS, fingate, peer) == []
    peer["data"]["listApplications"].reverse()
    (problem,) = differences(APPLICATIONS, fingate, peer)
    assert "same records, other order" in problem


def test_errors_or_an_empty_answer_are_never_the_same_data() -> None:
    empty = {"data": {"p1": _page([]), "p2": _page([]), "p3": _page([])}}
    peer = {"data": {"listApplications": []}}
    assert differences(APPLICATIONS, empty, peer) == ["fingate answered no records"]
    failed = {"data": None, "errors": [{"message": "boom"}]}
    (problem,) = differences(APPLICATIONS, failed, peer)
    assert problem.startswith("fingate answered errors")


def test_the_cursor_probe_reads_the_end_of_the_page() -> None:
    answer = {"data": {"applications": {"pageInfo": {"endCursor": "abc"}}}}
    assert end_cursor(answer) == "abc"


def test_fingate_is_pointed_at_the_standalone_sandbox_with_its_own_sandboxes_off() -> None:
    env = fingate_env("http://127.0.0.1:9", DEDUP_OFF)
    assert env["FINGATE_SANDBOX_ENABLED"] == "false"
    assert env["FINGATE_RESILIENCE__DEDUP"] == "false"
    for provider in ("finmo", "financeit", "finos", "molo"):
        assert env[f"FINGATE_{provider.upper()}__BASE_URL"] == f"http://127.0.0.1:9/{provider}"
    assert "FINGATE_RESILIENCE__DEDUP" not in fingate_env("http://127.0.0.1:9", {})


def test_spread_and_ratios_are_of_the_rounds() -> None:
    assert spread([151.2, 160.4], 0) == "151-160"
    assert spread([1.6, 1.6], 2) == "1.60"
    assert spread([]) == "-"
    assert median_ratio([150, 160], [600, 620]) == pytest.approx(155 / 610)
    assert median_ratio([1.0], []) is None


def _run(rps: float, cpu: float, calls: float) -> dict[str, Any]:
    return {
        "throughput_rps": rps,
        "cpu_ms_per_request": cpu,
        "upstream_calls_per_request": calls,
        "load1": 3.5,
    }


def _results() -> dict[str, Any]:
    return {
        "date": "2026-12-02",
        "machine": {"cpus": 2, "load1_at_start": 2.1, "load1_at_end": 4.2},
        "method": {
            "connections": 50,
            "seconds_per_run": [10, 30],
            "warmup_seconds": 3,
            "rounds": 2,
            "gateway_cpus": "1",
            "load_cpus": "0",
            "peer": {"@graphql-hive/gateway": "2.15.1"},
        },
        "shapes": {
            "finos_accounts": {
                "title": "20 Finos accounts",
                "queries": {"fingate": "{ a }", "peer": "{ b }"},
                "calls_one_request": {
                    g: {"total": 1} for g in ("fingate", "peer", "fingate_dedup")
                },
                "runs": {
                    "50": {
                        "fingate_dedup": [_run(1000, 1.0, 0.1), {"saturated": "none"}],
                        "fingate": [_run(150, 6.0, 1.0), _run(160, 6.4, 1.0)],
                        "peer": [_run(600, 1.6, 1.0), _run(620, 1.6, 1.0)],
                    },
                    "1": {
                        "fingate": [_run(20, 30.0, 17.0) | {"in_flight_bound": 0.5}],
                        "peer": [_run(70, 8.5, 21.0) | {"in_flight_bound": 0.01}],
                        "fingate_dedup": [_run(90, 4.0, 0.0) | {"requests": 900, "errors": 900}],
                    },
                },
            },
            "finmo_applications": {
                "title": "Finmo applications",
                "queries": {"fingate": "{ c }", "peer": "{ d }"},
                "not_measured": ["different records: fingate 1, peer 2"],
            },
        },
        "gateways": {
            "fingate": {"settings": "FINGATE_RESILIENCE__DEDUP=false", "peak_rss_mb": 120.0},
            "peer": {"settings": "Hive defaults", "peak_rss_mb": 400.0},
            "fingate_dedup": {"settings": "defaults", "peak_rss_mb": 110.0},
        },
    }


def test_the_report_puts_each_figure_beside_the_peers_with_the_ratio_of_medians() -> None:
    text = peer_markdown(_results())
    assert (
        "| 20 Finos accounts, c=50: req/s | 150-160 | 600-620 | 0.25x | 1000, 1 of 2 saturated"
        in (text)
    )
    assert "| same, CPU ms per request | 6.00-6.40 | 1.60 | 3.88x |" in text
    assert "| peak RSS, MB | 120.0 | 400.0 | | 110.0 | |" in text
    assert (
        "| 20 Finos accounts, c=50: fingate, dedup off, req/s / peer's | >= 1.0x | 0.25x | **no** |"
        in (text)
    )
    assert "dedup on), req/s / peer's | >= 1.5x | 1.64x | yes |" in text


def test_a_round_answering_mostly_errors_is_failed_and_not_counted_as_throughput() -> None:
    text = peer_markdown(_results())
    assert (
        "| same, CPU ms per request | 30.00 * | 8.50 | 3.53x | 1 of 1 failed (100% errors) | - |"
        in (text)
    )


def test_a_run_with_much_work_still_in_flight_when_it_stopped_is_marked() -> None:
    text = peer_markdown(_results())
    assert (
        "| 20 Finos accounts, c=1: req/s | 20 * | 70 | 0.29x | 1 of 1 failed (100% errors) | - |"
        in (text)
    )
    assert "| same, upstream calls per request: one request (under load) | 1 (17.00)" in text


def test_the_report_says_why_a_pair_was_not_measured_and_what_the_load_was() -> None:
    text = peer_markdown(_results())
    assert "| Finmo applications | not measured: different records: fingate 1, peer 2 |" in text
    assert "2.1 at the start, 3.5 to 3.5 during the runs, 4.2 at the end, on 2 CPUs" in text
    assert "```graphql\n{ b }\n```" in text
    assert (
        "c=50 (and c=1 on the N+1 shape), 10-30 s per run (about 20 requests per connection)"
        " after 3 s of unrecorded warm-up" in text
    )
