"""Operation limits: depth, aliases, root fields, tokens, body size, batching, cost and
the per-caller cost budget. Each refusal happens before any provider is called."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gateway.security.cost import CostBudget, estimate_cost
from schema import build_schema
from tests.gateway.test_security_support import PROVIDERS, Gateway, running_gateway, sha256_hex
from tests.support import SandboxControl

KEY = {"X-API-Key": "fgk_test_limits_key"}
OTHER = {"X-API-Key": "fgk_test_limits_other"}
API_KEYS = [
    {"id": "limits", "sha256": sha256_hex(KEY["X-API-Key"]), "scopes": ["*"]},
    {"id": "other", "sha256": sha256_hex(OTHER["X-API-Key"]), "scopes": ["*"]},
]
LIMITS = {
    "max_depth": 4,
    "max_aliases": 2,
    "max_root_fields": 3,
    "max_tokens": 80,
    "max_body_bytes": 2000,
    "max_batch_operations": 2,
    "max_cost": 60,
    "default_list_size": 10,
    "cost_budget": 0,
}
TEAMS = "{ teams(first: 2) { edges { node { id } } } }"


@pytest.fixture(scope="module")
def gateway(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    with running_gateway(
        tmp_path_factory.mktemp("limits"),
        _sandbox_server,
        mode="api-key",
        api_keys=API_KEYS,
        limits=LIMITS,
    ) as gw:
        yield gw


def upstream(sandbox: SandboxControl) -> int:
    return sum(sandbox.calls(p) for p in PROVIDERS)


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


def messages(body: dict[str, Any]) -> str:
    return " | ".join(e["message"] for e in body.get("errors", []))


def test_an_operation_within_every_limit_is_served(
    gateway: Gateway, sandbox: SandboxControl
) -> None:
    answer = gateway.gql(TEAMS, headers=KEY)
    assert answer.status_code == 200
    assert "errors" not in answer.json(), answer.text
    assert sandbox.calls("finmo") >= 1


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("{ teams(first: 1) { edges { node { brokers { edges { node { id } } } } } } }", "depth"),
        ("{ a: __typename b: __typename c: __typename }", "aliases"),
        (
            "{ teams { pageInfo { hasNextPage } } partners { pageInfo { hasNextPage } } "
            "brokers { pageInfo { hasNextPage } } promoPrograms { pageInfo { hasNextPage } } }",
            "root fields",
        ),
        ("{ " + " ".join(["__typename"] * 90) + " }", "token"),
    ],
    ids=["depth", "aliases", "root-fields", "tokens"],
)
def test_an_operation_over_a_limit_is_refused_before_any_upstream_call(
    gateway: Gateway, sandbox: SandboxControl, query: str, says: str
) -> None:
    answer = gateway.gql(query, headers=KEY)
    body = answer.json()
    assert body.get("data") is None
    assert says in messages(body).lower(), body
    assert set(codes(body)) <= {"GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"}
    assert upstream(sandbox) == 0


def test_a_body_over_the_limit_is_413_before_parsing(
    gateway: Gateway, sandbox: SandboxControl
) -> None:
    answer = gateway.http.post(
        "/graphql",
        content=b'{"query": "' + b" " * 5000 + b'"}',
        headers={**KEY, "content-type": "application/json"},
    )
    assert answer.status_code == 413
    assert codes(answer.json()) == ["PAYLOAD_TOO_LARGE"]
    assert upstream(sandbox) == 0


def test_a_chunked_body_over_the_limit_is_413(gateway: Gateway) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "'
        for _ in range(10):
            yield b" " * 500
        yield b'{ __typename }"}'

    answer = gateway.http.post(
        "/graphql", content=chunks(), headers={**KEY, "content-type": "application/json"}
    )
    assert answer.status_code == 413


def test_batches_are_capped(gateway: Gateway) -> None:
    two = [{"query": "{ __typename }"}, {"query": "{ __typename }"}]
    answer = gateway.http.post("/graphql", json=two, headers=KEY)
    assert answer.status_code == 200
    assert answer.json() == [{"data": {"__typename": "Query"}}] * 2
    three = gateway.http.post("/graphql", json=[*two, two[0]], headers=KEY)
    assert three.status_code == 400
    assert "Too many operations" in three.text


def test_batching_is_off_by_default(tmp_path: Path) -> None:
    with running_gateway(tmp_path) as gw:
        answer = gw.http.post("/graphql", json=[{"query": "{ __typename }"}])
    assert answer.status_code == 400
    assert "Batching is not enabled" in answer.text


def test_an_operation_estimated_over_the_cost_limit_is_refused(
    gateway: Gateway, sandbox: SandboxControl
) -> None:
    # teams 1 + 50 * (edges, node, id, name)
    query = "{ teams(first: 50) { edges { node { id name } } } }"
    body = gateway.gql(query, headers=KEY).json()
    assert codes(body) == ["OPERATION_TOO_EXPENSIVE"]
    assert body["errors"][0]["extensions"]["cost"] == 201
    assert upstream(sandbox) == 0
    variables = gateway.gql(
        "query($n: Int) { teams(first: $n) { edges { node { id name } } } }",
        headers=KEY,
        variables={"n": 50},
    ).json()
    assert codes(variables) == ["OPERATION_TOO_EXPENSIVE"]


def test_the_cost_estimate_multiplies_nested_lists() -> None:
    from graphql import parse

    schema = build_schema()._schema
    document = parse(
        "{ teams(first: 3) { edges { node { id } } } loans { edges { node { id } } } __typename }"
    )
    # teams 1 + 3 * (edges, node, id); loans (no first: 10 items) 1 + 10 * 3; __typename 1
    assert estimate_cost(schema, document, default_list_size=10) == 10 + 31 + 1


def test_a_spent_cost_budget_is_429_with_retry_after(
    tmp_path: Path, sandbox: SandboxControl
) -> None:
    limits = {**LIMITS, "cost_budget": 21, "cost_window": 60}
    with running_gateway(tmp_path, sandbox, mode="api-key", api_keys=API_KEYS, limits=limits) as gw:
        first = gw.gql(TEAMS, headers=KEY)  # cost 1 + 2 * 3 = 7
        second = gw.gql(TEAMS, headers=KEY)
        third = gw.gql(TEAMS, headers=KEY)
        calls_before = upstream(sandbox)
        spent = gw.gql(TEAMS, headers=KEY)  # 21 spent: 7 more do not fit
        calls_after = upstream(sandbox)
        other = gw.gql(TEAMS, headers=OTHER)  # another caller has its own budget
    assert [a.status_code for a in (first, second, third)] == [200, 200, 200]
    assert spent.status_code == 429
    assert spent.headers["retry-after"] == "20"  # 7 units missing at 21 units / 60 s
    assert codes(spent.json()) == ["COST_BUDGET_EXCEEDED"]
    assert spent.json()["errors"][0]["extensions"]["retryAfter"] == 20
    assert other.status_code == 200
    assert calls_after == calls_before  # the refused operation reached no provider


def test_the_budget_refills_over_its_window() -> None:
    now = [0.0]
    budget = CostBudget(100, 60, clock=lambda: now[0])
    assert budget.charge("a", 90) is None
    assert budget.charge("a", 30) == 12  # 20 missing at 100/60 per s
    now[0] += 12
    assert budget.charge("a", 30) is None
    assert budget.charge("b", 100) is None
