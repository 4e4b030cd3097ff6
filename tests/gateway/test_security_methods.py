"""Which methods may carry an operation (gateway/security/methods.py): GET queries follow
the environment unless FINGATE_SECURITY__GET_QUERIES says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gateway.test_security_support import running_gateway

TYPENAME = {"query": "{ __typename }"}


def test_development_with_get_queries_off_refuses_them_and_still_serves_graphiql(
    tmp_path: Path,
) -> None:
    with running_gateway(tmp_path, get_queries=False) as gw:
        refused = gw.http.get("/graphql", params=TYPENAME)
        persisted = gw.http.get(
            "/graphql", params={"extensions": '{"persistedQuery": {"sha256Hash": "abc"}}'}
        )
        page = gw.http.get("/graphql", headers={"Accept": "text/html"})
        posted = gw.gql("{ __typename }")
    assert refused.status_code == 405
    assert refused.headers["allow"] == "POST"
    assert refused.json()["errors"][0]["extensions"] == {"code": "METHOD_NOT_ALLOWED"}
    assert persisted.status_code == 405
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    assert posted.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(("environment", "status"), [("production", 405), ("development", 200)])
def test_get_queries_follow_the_environment_when_unset(
    tmp_path: Path, environment: str, status: int
) -> None:
    with running_gateway(tmp_path, environment=environment) as gw:
        assert gw.http.get("/graphql", params=TYPENAME).status_code == status


def test_production_may_turn_get_queries_back_on(tmp_path: Path) -> None:
    with running_gateway(tmp_path, environment="production", get_queries=True) as gw:
        answer = gw.http.get("/graphql", params=TYPENAME)
        mutation = gw.http.get("/graphql", params={"query": "mutation { __typename }"})
    assert answer.json() == {"data": {"__typename": "Query"}}
    assert mutation.status_code == 400  # mutations never travel over GET
