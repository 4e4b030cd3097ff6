"""GraphQL over HTTP at /graphql, through the real server on a loopback port."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway import Settings, create_app
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


def test_graphiql_loads_every_script_from_the_gateway_not_a_cdn(gateway: httpx.Client) -> None:
    page = gateway.get("/graphql", headers={"Accept": "text/html"}).text
    assert "unpkg.com" not in page
    assets = re.findall(r'(?:src|href)="(/graphiql-assets/[^"]+)"', page)
    assert len(assets) == 7
    for path in assets:
        answer = gateway.get(path)
        assert answer.status_code == 200, path
        assert len(answer.content) > 500
