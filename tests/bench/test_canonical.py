"""Floors computed from an operation's answer, and the profile's grouping by library."""

from __future__ import annotations

from typing import Any

from bench.canonical import OPERATIONS, counts_only, customer_360_floor, dashboard_floor
from bench.profile import component


def _edges(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"edges": [{"node": n} for n in nodes]}


def test_the_dashboard_floor_counts_distinct_molo_applicants_and_finos_accounts() -> None:
    data = {
        "applications": _edges(
            [
                {"provider": "FINMO", "borrowers": [{"providerId": "f1"}]},
                {"provider": "MOLO", "borrowers": [{"providerId": "7"}, {"providerId": "8"}]},
                {"provider": "MOLO", "borrowers": [{"providerId": "8"}]},
            ]
        ),
        "loans": _edges([{"promoProgram": {"name": "x"}}]),
        "orders": _edges(
            [
                {"symbol": "AAPL", "account": {"providerId": "a"}},
                {"symbol": "AAPL", "account": {"providerId": "a"}},
                {"symbol": "MSFT", "account": {"providerId": "b"}},
            ]
        ),
    }
    assert dashboard_floor(data) == {
        "finmo": {"GET /api/v1/applications": 1},
        "molo": {
            "GET /api/v1/applications/": 1,
            "GET /api/v1/applications/{pk}/": 2,
            "GET /api/v1/applicants/{pk}/": 2,
        },
        "financeit": {"GET /en/api/v3/loans": 1},
        "finos": {"GET /v1/orders": 1, "GET /v1/accounts/{account_id}": 2},
    }


def test_the_customer_360_floor_asks_each_provider_once_per_level() -> None:
    data = {
        "borrower": {
            "profiles": [{"provider": p} for p in ("FINOS", "MOLO", "MOLO", "FINMO", "FINANCEIT")]
        }
    }
    assert customer_360_floor(data) == {
        "finos": {"GET /v1/users/{user_id}": 1, "GET /v1/users/{user_id}/accounts": 1},
        "finmo": {"GET /api/v1/applications": 1},
        "molo": {"GET /api/v1/applications/": 1},
    }


def test_token_calls_are_not_counted_per_request() -> None:
    stats = {
        "molo": {"POST /oauth/token/": 1, "GET /api/v1/applications/": 1},
        "financeit": {"POST /en/api/v3/accounts/create_user_oauth_token": 1},
    }
    assert counts_only(stats) == {"molo": {"GET /api/v1/applications/": 1}, "financeit": {}}


def test_every_operation_has_its_graphql_file_and_a_positive_critical_path() -> None:
    for op in OPERATIONS:
        assert op.query.strip(), op.name
        assert op.critical_path >= 1, op.name


def test_profile_frames_are_grouped_by_library() -> None:
    assert component("/x/site-packages/graphql/validation/validate.py") == (
        "graphql-core validation"
    )
    assert component("/work/main/sandbox/finmo/app.py") == ("sandbox providers (not gateway cost)")
    assert component("/work/main/resolvers/base.py") == "fingate resolvers"
    assert component("/usr/lib/python3.11/selectors.py") == "idle (waiting in epoll)"
