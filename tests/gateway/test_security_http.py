"""HTTP-level controls: production switches (introspection, suggestions, GraphiQL),
CSRF, mutations over GET, CORS and the request id header."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gateway.test_security_support import Gateway, running_gateway

INTROSPECTION = "{ __schema { queryType { name } } }"
TYPO = "{ teamz { edges { cursor } } }"
ORIGIN = "https://app.fingate.example"


@pytest.fixture(scope="module")
def development(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    with running_gateway(tmp_path_factory.mktemp("dev"), cors_origins=[ORIGIN]) as gw:
        yield gw


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    with running_gateway(tmp_path_factory.mktemp("prod"), environment="production") as gw:
        yield gw


def test_development_allows_introspection_suggestions_and_graphiql(development: Gateway) -> None:
    assert development.gql(INTROSPECTION).json() == {
        "data": {"__schema": {"queryType": {"name": "Query"}}}
    }
    assert "Did you mean 'teams'" in development.gql(TYPO).json()["errors"][0]["message"]
    page = development.http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_production_refuses_introspection(production: Gateway) -> None:
    body = production.gql(INTROSPECTION).json()
    assert body.get("data") is None
    assert "introspection has been disabled" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    typed = production.gql('{ __type(name: "Loan") { name } }')  # production has no GET queries
    assert "introspection has been disabled" in typed.json()["errors"][0]["message"]


def test_production_gives_no_field_suggestions(production: Gateway) -> None:
    message = production.gql(TYPO).json()["errors"][0]["message"]
    assert "teamz" in message
    assert "Did you mean" not in message and "teams" not in message.replace("teamz", "")


def test_production_serves_no_graphiql(production: Gateway) -> None:
    page = production.http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "graphiql" not in page.text.lower()
    assert production.http.get("/graphiql-assets/graphiql.min.js").status_code == 404


def test_production_still_answers_ordinary_operations(production: Gateway) -> None:
    assert production.gql("{ __typename }").json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        None,
    ],
)
def test_a_simple_post_without_a_preflight_header_is_refused(
    development: Gateway, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    answer = development.http.post(
        "/graphql", content=b'{"query": "mutation { __typename }"}', headers=headers
    )
    assert answer.status_code == 400
    assert "cross-site request forgery" in answer.json()["errors"][0]["message"]


def test_a_simple_post_with_a_preflight_header_passes_the_csrf_check(
    development: Gateway,
) -> None:
    answer = development.http.post(
        "/graphql",
        content=b'{"query": "{ __typename }"}',
        headers={"content-type": "text/plain", "Apollo-Require-Preflight": "true"},
    )
    # past the CSRF check; Strawberry itself accepts only JSON bodies
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["message"] == "Unsupported content type"


def test_json_posts_and_get_queries_are_allowed(development: Gateway) -> None:
    assert development.gql("{ __typename }").status_code == 200
    answer = development.http.get("/graphql", params={"query": "{ __typename }"})
    assert answer.json() == {"data": {"__typename": "Query"}}


def test_mutations_are_never_accepted_over_get(development: Gateway) -> None:
    answer = development.http.get("/graphql", params={"query": "mutation { __typename }"})
    assert answer.status_code == 400
    assert "mutations are not allowed when using GET" in answer.text
    assert development.gql("mutation { __typename }").json() == {"data": {"__typename": "Mutation"}}


def test_cors_allows_a_listed_origin(development: Gateway) -> None:
    preflight = development.http.options(
        "/graphql",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, authorization",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    simple = development.gql("{ __typename }", headers={"Origin": ORIGIN})
    assert simple.headers["access-control-allow-origin"] == ORIGIN


def test_cors_refuses_an_unlisted_origin(development: Gateway) -> None:
    preflight = development.http.options(
        "/graphql",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    answer = development.gql("{ __typename }", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_no_cors_headers_without_an_allowlist(production: Gateway) -> None:
    answer = production.gql("{ __typename }", headers={"Origin": ORIGIN})
    assert "access-control-allow-origin" not in answer.headers


def test_every_response_has_a_request_id(development: Gateway) -> None:
    first = development.gql("{ __typename }").headers["x-request-id"]
    second = development.gql("{ __typename }").headers["x-request-id"]
    assert len(first) == 32 and first != second
    refused = development.http.post(
        "/graphql", content=b"x", headers={"content-type": "text/plain"}
    )
    assert "x-request-id" in refused.headers
