"""Forwarded headers (issue 19, point 8): the address a caller's budget and limits are
keyed on is the connection's own unless it comes from a configured proxy
(FINGATE_SECURITY__TRUSTED_PROXIES), so a forged X-Forwarded-For resets nothing.

Run through `fingate serve` itself (mode `none`: anonymous callers are keyed on their
address), with a budget that pays for exactly one `{ __typename }`."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from gateway import Settings
from gateway.cli import uvicorn_options
from tests.gateway.test_cli import running

ONE_QUERY_BUDGET = {
    "FINGATE_SECURITY__LIMITS__COST_BUDGET": "1",
    "FINGATE_SECURITY__LIMITS__COST_WINDOW": "86400",  # no refill within a test
}
TYPENAME = {"query": "{ __typename }"}


def post(http: httpx.Client, forwarded_for: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return http.post("/graphql", json=TYPENAME, headers=headers)


def assert_budget_spent(answer: httpx.Response) -> None:
    assert answer.status_code == 429, answer.text
    assert answer.json()["errors"][0]["extensions"]["code"] == "COST_BUDGET_EXCEEDED"


def test_by_default_a_forged_forwarded_for_does_not_reset_a_spent_budget(
    tmp_path: Path,
) -> None:
    with (
        running("serve", cwd=tmp_path, env=ONE_QUERY_BUDGET) as url,
        httpx.Client(base_url=url, trust_env=False) as http,
    ):
        assert post(http).status_code == 200
        assert_budget_spent(post(http))
        for forged in ("10.9.9.9", "10.9.9.9, 127.0.0.1", "127.0.0.2"):
            assert_budget_spent(post(http, forged))


def test_a_configured_proxy_s_forwarded_for_is_the_caller_s_address(tmp_path: Path) -> None:
    env = {**ONE_QUERY_BUDGET, "FINGATE_SECURITY__TRUSTED_PROXIES": json.dumps(["127.0.0.1"])}
    with (
        running("serve", cwd=tmp_path, env=env) as url,
        httpx.Client(base_url=url, trust_env=False) as http,
    ):
        assert post(http).status_code == 200  # the proxy's own address
        assert_budget_spent(post(http))
        assert post(http, "10.9.9.9").status_code == 200  # another client behind the proxy
        assert_budget_spent(post(http, "10.9.9.9"))  # keyed on it, consistently
        assert post(http, "10.9.9.10").status_code == 200


def test_only_the_listed_proxies_are_believed() -> None:
    trusted = Settings(security={"trusted_proxies": ["10.0.0.0/8", "192.0.2.7"]})
    assert uvicorn_options(trusted)["proxy_headers"] is True
    assert uvicorn_options(trusted)["forwarded_allow_ips"] == ["10.0.0.0/8", "192.0.2.7"]
    default = uvicorn_options(Settings())
    assert default["proxy_headers"] is False
    assert default["forwarded_allow_ips"] == []  # not uvicorn's default, 127.0.0.1


@pytest.mark.parametrize("entry", ["*", "proxy.internal", "10.0.0.0/33", ""])
def test_a_trusted_proxy_must_be_an_address_or_a_network(entry: str) -> None:
    with pytest.raises(ValueError, match="not an IP address or network"):
        Settings(security={"trusted_proxies": [entry]})
