"""Directive overloading, long URLs and long arguments (issue 19, point 9): each is
refused with a coded GraphQL answer before any provider is called."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gateway.test_security_support import PROVIDERS, Gateway, running_gateway, sha256_hex
from tests.support import SandboxControl

KEY = {"X-API-Key": "fgk_test_directives_urls"}
API_KEYS = [{"id": "point9", "sha256": sha256_hex(KEY["X-API-Key"]), "scopes": ["*"]}]


def teams_page(directives: str = "", inner: str = "") -> str:
    """An operation that calls Finmo once, with `directives` on its field."""
    return "{ teams(first: 1) " + directives + " { pageInfo { hasNextPage " + inner + " } } }"


@pytest.fixture(scope="module")
def production(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    with running_gateway(
        tmp_path_factory.mktemp("point9"),
        _sandbox_server,
        environment="production",
        mode="api-key",
        api_keys=API_KEYS,
    ) as gw:
        yield gw


def upstream(sandbox: SandboxControl) -> int:
    return sum(sandbox.calls(p) for p in PROVIDERS)


def errors_of(body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["extensions"]["code"], e["message"]) for e in body.get("errors", [])]


def test_a_directive_repeated_100_times_is_one_validation_error_and_no_upstream_call(
    production: Gateway, sandbox: SandboxControl
) -> None:
    body = production.gql(teams_page(" @include(if: true)" * 100), headers=KEY).json()
    assert body["data"] is None
    assert errors_of(body) == [
        (
            "GRAPHQL_VALIDATION_FAILED",
            "The directive '@include' is repeated 100 times at one location; "
            "a directive may appear once per location",
        )
    ]
    assert upstream(sandbox) == 0


def test_more_directives_than_the_default_50_are_refused_across_fields(
    production: Gateway, sandbox: SandboxControl
) -> None:
    # the same field 51 times (one response key), each with its own directive
    body = production.gql(teams_page(inner="hasNextPage @skip(if: false) " * 51), headers=KEY)
    assert body.json()["data"] is None
    assert errors_of(body.json()) == [
        (
            "GRAPHQL_VALIDATION_FAILED",
            "The document uses more than 50 directives; at most 50 are allowed",
        )
    ]
    assert upstream(sandbox) == 0


def test_the_directive_limit_is_a_setting(tmp_path: Path, sandbox: SandboxControl) -> None:
    with running_gateway(
        tmp_path, sandbox, mode="api-key", api_keys=API_KEYS, limits={"max_directives": 2}
    ) as gw:
        two = gw.gql(teams_page("@include(if: true) @skip(if: false)"), headers=KEY).json()
        served = upstream(sandbox)
        three = gw.gql(
            teams_page("@include(if: true) @skip(if: false)", inner="@include(if: true)"),
            headers=KEY,
        ).json()
    assert "errors" not in two, two
    assert two["data"]["teams"]["pageInfo"] == {"hasNextPage": True}
    assert served >= 1
    assert errors_of(three) == [
        (
            "GRAPHQL_VALIDATION_FAILED",
            "The document uses more than 2 directives; at most 2 are allowed",
        )
    ]
    assert upstream(sandbox) == served


@pytest.mark.parametrize("environment", ["production", "development"])
def test_a_get_whose_url_is_over_the_limit_is_414_telling_the_client_to_post(
    tmp_path: Path, sandbox: SandboxControl, environment: str
) -> None:
    query = '{ stockQuote(symbol: "' + "A" * 9000 + '") { symbol } }'
    with running_gateway(
        tmp_path, sandbox, environment=environment, mode="api-key", api_keys=API_KEYS
    ) as gw:
        answer = gw.http.get("/graphql", params={"query": query}, headers=KEY)
    assert answer.status_code == 414
    body = answer.json()
    assert [e["extensions"]["code"] for e in body["errors"]] == ["URI_TOO_LONG"]
    assert body["errors"][0]["extensions"]["maxUrlBytes"] == 8192
    assert "send the operation by POST" in body["errors"][0]["message"]
    assert upstream(sandbox) == 0


def test_a_get_within_the_url_limit_is_served_in_development(
    tmp_path: Path, sandbox: SandboxControl
) -> None:
    with running_gateway(tmp_path, sandbox, mode="api-key", api_keys=API_KEYS) as gw:
        answer = gw.http.get("/graphql", params={"query": "{ __typename }"}, headers=KEY)
    assert answer.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("length", [9_000, 70_000])
def test_a_long_argument_is_a_user_error_and_reaches_no_provider(
    production: Gateway, sandbox: SandboxControl, length: int
) -> None:
    # Over 8000 bytes a provider's server would refuse the URL; over 64 KiB httpx itself
    # does ("URL too long", which used to be masked as INTERNAL_SERVER_ERROR).
    body = production.gql(
        "query($s: String!) { stockQuote(symbol: $s) { symbol } }",
        headers=KEY,
        variables={"s": "A" * length},
    ).json()
    assert body["data"] == {"stockQuote": None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["path"] == ["stockQuote"]
    assert "shorten the argument" in error["message"]
    assert upstream(sandbox) == 0
