"""Every request gets a JSON answer in the GraphQL error shape with a code, never a
plain-text 500: bodies that are not GraphQL requests, integers beyond 64 bits,
exceptions escaping the app, Starlette's own refusals."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import parse

from gateway.security.cost import MAX_ESTIMATE, estimate_cost
from schema import build_schema
from tests.gateway.test_security_support import Gateway, running_gateway

JSON = {"content-type": "application/json"}
TEAMS = "query($n: Int) { teams(first: $n) { edges { node { id } } } }"
# (2^31 - 1)^2 items: past every 64-bit figure without the ceiling
NESTED = """{ applications(first: 2147483647) { edges { node { borrowers {
  applications(first: 2147483647) { edges { node { id } } } } } } } }"""


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    with running_gateway(tmp_path_factory.mktemp("errors"), environment="production") as gw:
        yield gw


def post(gw: Gateway, body: bytes, headers: dict[str, str] | None = None) -> Any:
    return gw.http.post("/graphql", content=body, headers=headers or JSON)


def coded(answer: Any) -> list[str]:
    assert answer.headers["content-type"].startswith("application/json"), answer.text
    return [e["extensions"]["code"] for e in answer.json()["errors"]]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"123", "must be a JSON object"),
        (b'"{ __typename }"', "must be a JSON object"),
        (b"null", "must be a JSON object"),
        (b"true", "must be a JSON object"),
        (b'[{"query": "{ __typename }"}]', "Batching is not enabled"),
        (b'{"query": "{ __typename \xff }"}', "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b"", "not valid JSON"),
        (b'{"query": "{ __typename }"', "not valid JSON"),
        (b'{"query": {"a": ' * 600 + b"1" + b"}" * 1200, "not valid JSON"),
        (b'{"query": 1}', "`query` must be a string"),
        (b'{"query": "{ __typename }", "operationName": 3}', "`operationName` must be"),
        (b'{"query": "{ __typename }", "variables": [1]}', "`variables` must be an object"),
        (b'{"query": "{ __typename }", "variables": "{}"}', "`variables` must be an object"),
        (b'{"query": "{ __typename }", "extensions": []}', "`extensions` must be an object"),
        (b"{}", "No GraphQL query found"),
        (b'{"query": "query A { __typename }", "operationName": "B"}', "Unknown operation"),
    ],
    ids=repr,
)
def test_a_body_that_is_not_a_graphql_request_is_400_with_a_code(
    gateway: Gateway, body: bytes, says: str
) -> None:
    answer = post(gateway, body)
    assert answer.status_code == 400
    assert coded(answer) == ["BAD_REQUEST"]
    assert says in answer.json()["errors"][0]["message"]


@pytest.mark.parametrize("n", [2**31, 2**63 + 1, 2**64 - 1, 2**64, 10**30])
def test_an_int_variable_beyond_32_bits_is_a_coded_coercion_error(gateway: Gateway, n: int) -> None:
    body = json.dumps({"query": TEAMS, "variables": {"n": n}}).encode()
    answer = post(gateway, body)
    assert answer.status_code == 200
    assert coded(answer) == ["BAD_USER_INPUT"]
    assert "Int cannot represent" in answer.json()["errors"][0]["message"]


def test_the_cost_estimate_ignores_an_invalid_size_and_never_passes_its_ceiling() -> None:
    schema = build_schema()._schema
    one = parse("query($n: Int) { teams(first: $n) { edges { node { id } } } }")
    assert estimate_cost(schema, one, variables={"n": 2**63}, default_list_size=10) == 1 + 30
    assert estimate_cost(schema, one, variables={"n": True}, default_list_size=10) == 1 + 30
    assert estimate_cost(schema, parse(NESTED)) == MAX_ESTIMATE


def test_an_operation_past_the_ceiling_is_refused_with_a_figure_json_can_hold(
    gateway: Gateway,
) -> None:
    query = "query($n: Int) { teams(first: $n) { edges { node { id } } } }".replace(
        "{ id }", "{ id brokers { id } }"
    )
    for q in (query, NESTED):
        answer = gateway.gql(q, variables={"n": 2**31 - 1})
        assert answer.status_code == 200
        errors = answer.json()["errors"]
        assert [e["extensions"]["code"] for e in errors] == ["OPERATION_TOO_EXPENSIVE"]
        figures = {
            k: v for k, v in errors[0]["extensions"].items() if k in ("cost", "upstreamCalls")
        }
        assert figures  # the figure that refused it, whichever limit came first
        assert all(0 < v <= MAX_ESTIMATE for v in figures.values())


def test_an_exception_escaping_the_app_is_a_masked_json_500_with_the_request_id(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO)
    with running_gateway(tmp_path) as gw:
        assert gw.http.get("/readyz").status_code == 200  # the lifespan has run
        # the context getter then fails outside any GraphQL field
        monkeypatch.delattr(gw.app.state, "providers")
        answer = gw.gql("{ __typename }")
    assert answer.status_code == 500
    assert coded(answer) == ["INTERNAL_SERVER_ERROR"]
    error = answer.json()["errors"][0]
    assert error["message"] == "Internal server error"
    assert answer.headers["x-request-id"] == error["extensions"]["requestId"]
    for leak in ("AttributeError", "providers", "Traceback"):
        assert leak not in answer.text
    logged = [r for r in caplog.records if error["extensions"]["requestId"] in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # the traceback is logged with the id


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/no-such-page", 404, "NOT_FOUND"),
        ("PUT", "/graphql", 405, "METHOD_NOT_ALLOWED"),
        ("DELETE", "/graphql", 405, "METHOD_NOT_ALLOWED"),
    ],
)
def test_starlettes_own_refusals_are_in_the_graphql_shape(
    gateway: Gateway, method: str, path: str, status: int, code: str
) -> None:
    answer = gateway.http.request(method, path, content=b"{}", headers=JSON)
    assert answer.status_code == status
    assert coded(answer) == [code]


def test_production_answers_an_unknown_argument_without_suggesting_one(
    gateway: Gateway,
) -> None:
    answer = gateway.gql("{ teams(frist: 2) { edges { cursor } } __typename @include(iff: true) }")
    messages = [e["message"] for e in answer.json()["errors"]]
    assert messages and all("Did you mean" not in m for m in messages)
    assert "'first'" not in answer.text and "'if'" not in answer.text
