"""GraphQL over HTTP at /graphql, through the real server on a loopback port."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql import build_client_schema, get_introspection_query, parse

from gateway import Settings, create_app
from gateway.security.cost import estimate_cost
from schema import build_schema
from tests.support import bind_loopback, serve_on_loopback


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    sock = bind_loopback()
    data_dir: Path = tmp_path_factory.mktemp("data")
    settings = Settings(port=sock.getsockname()[1], data_dir=data_dir)
    with (
        serve_on_loopback(create_app(settings), sock) as url,
        httpx.Client(base_url=url, timeout=30) as http,
    ):
        yield http


def test_post_json_answers_json_with_data_and_coded_errors(gateway: httpx.Client) -> None:
    answer = gateway.post("/graphql", json={"query": '{ node(id: "nope") { id } }'})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["data"] == {"node": None}
    assert body["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert body["errors"][0]["path"] == ["node"]


def test_queries_work_over_get(gateway: httpx.Client) -> None:
    answer = gateway.get("/graphql", params={"query": "{ __typename }"})
    assert answer.status_code == 200
    assert answer.json() == {"data": {"__typename": "Query"}}


def test_a_syntax_error_has_a_code_and_a_location(gateway: httpx.Client) -> None:
    body = gateway.post("/graphql", json={"query": "{ node(id: "}).json()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert error["locations"] == [{"line": 1, "column": 12}]


def test_an_unknown_field_is_a_validation_error(gateway: httpx.Client) -> None:
    body = gateway.post("/graphql", json={"query": "{ nothingHere }"}).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_browsers_get_the_graphiql_explorer(gateway: httpx.Client) -> None:
    page = gateway.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    assert re.findall(r"<title>([^<]*)</title>", page.text) == ["fingate"]


@pytest.mark.parametrize(
    "options",
    [
        {},  # graphql-core's defaults (gql's fetch_schema_from_transport)
        {  # what GraphiQL 3 and graphql-codegen ask for
            "descriptions": True,
            "specified_by_url": True,
            "directive_is_repeatable": True,
            "schema_description": True,
            "input_value_deprecation": True,
        },
    ],
)
def test_the_schema_can_be_fetched_with_the_default_limits(
    gateway: httpx.Client, options: dict[str, bool]
) -> None:
    """GraphiQL's docs and autocomplete, codegen and gql start with this query: the
    cost limit (5,000 by default) must not refuse it (it used to cost 15,857-16,702)."""
    query = get_introspection_query(**options)
    answer = gateway.post("/graphql", json={"query": query, "operationName": "IntrospectionQuery"})
    assert answer.status_code == 200
    body = answer.json()
    assert "errors" not in body, body["errors"]
    schema = build_client_schema(body["data"])
    assert schema.query_type is not None and "loans" in schema.query_type.fields


def test_introspection_costs_nothing_beside_the_fields_that_do() -> None:
    """Asked with data, only the data is charged."""
    schema = build_schema()._schema
    data = "loans(first: 50) { edges { node { id status createdAt } } }"
    introspection = "__schema { types { name fields { name type { name ofType { name } } } } }"
    alone = estimate_cost(schema, parse(f"{{ {data} }}"))
    assert alone > 50
    assert estimate_cost(schema, parse(f"{{ {introspection} {data} }}")) == alone
    assert (
        estimate_cost(schema, parse(f'{{ {introspection} __type(name: "Loan") {{ name }} }}')) == 0
    )


def test_graphiql_loads_every_script_from_the_gateway_not_a_cdn(gateway: httpx.Client) -> None:
    page = gateway.get("/graphql", headers={"Accept": "text/html"}).text
    assert "unpkg.com" not in page
    assets = re.findall(r'(?:src|href)="(/graphiql-assets/[^"]+)"', page)
    assert len(assets) == 7
    for path in assets:
        answer = gateway.get(path)
        assert answer.status_code == 200, path
        assert len(answer.content) > 500


def test_large_answers_are_gzipped_for_clients_that_accept_it(gateway: httpx.Client) -> None:
    query = {"query": "{ loans(first: 20) { edges { node { id providerId status createdAt } } } }"}
    plain = gateway.post("/graphql", json=query, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert len(plain.content) > 1024
    packed = gateway.post("/graphql", json=query, headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in packed.headers["vary"].lower()
    assert int(packed.headers["content-length"]) < len(plain.content) / 2
    assert packed.json() == plain.json()  # httpx decodes it
    small = gateway.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Accept-Encoding": "gzip"}
    )
    assert "content-encoding" not in small.headers  # under FINGATE_COMPRESS_MIN_BYTES


def test_the_graphql_response_media_type_has_the_specs_status_codes(gateway: httpx.Client) -> None:
    new = {"Accept": "application/graphql-response+json"}
    broken = gateway.post("/graphql", json={"query": "{ node(id: "}, headers=new)
    assert broken.status_code == 400
    assert broken.headers["content-type"].startswith("application/graphql-response+json")
    assert "data" not in broken.json()  # it never ran
    ran = gateway.post("/graphql", json={"query": '{ node(id: "nope") { id } }'}, headers=new)
    assert ran.status_code == 200  # it ran: field errors keep 200 and the data
    assert ran.json()["data"] == {"node": None}
    legacy = gateway.post("/graphql", json={"query": "{ node(id: "}, headers={"Accept": "*/*"})
    assert legacy.status_code == 200 and legacy.json()["data"] is None
    assert legacy.headers["content-type"].startswith("application/json")
