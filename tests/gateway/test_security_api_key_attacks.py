"""Attacks on mode `api-key` (issue 19, "covered the same way"): every bad or smuggled
key is 401 before any provider call, the key is compared in constant time against
every configured key, and it never appears in an answer or a log line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from gateway.security.auth import ApiKeyAuth
from gateway.security.config import ApiKey
from gateway.security.errors import Unauthenticated
from tests.gateway.test_security_support import Gateway, bearer, running_gateway, sha256_hex
from tests.support import SandboxControl

KEY = "fgk_live_attack_0f9e8d7c6b5a4f3e2d1c"
OTHER = "fgk_live_attack_other_1234567890abc"
TEAMS = "{ teams(first: 1) { edges { node { id } } } }"


@pytest.fixture(scope="module")
def gateway(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    security: dict[str, Any] = {
        "mode": "api-key",
        "api_keys": [
            {"id": "back-office", "sha256": sha256_hex(KEY), "scopes": ["*"]},
            {"id": "empty", "sha256": sha256_hex(""), "scopes": ["*"]},  # a careless entry
        ],
    }
    with running_gateway(tmp_path_factory.mktemp("keys"), _sandbox_server, **security) as gw:
        yield gw


def assert_refused(answer: Any, sandbox: SandboxControl, *secrets: str) -> None:
    assert answer.status_code == 401, answer.text
    assert answer.json()["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert answer.headers["www-authenticate"].startswith("ApiKey")
    for secret in secrets:
        assert secret not in answer.text
        assert all(secret not in value for value in answer.headers.values())
    assert sandbox.calls("finmo") == 0


@pytest.mark.parametrize(
    "headers",
    [
        [],
        [("X-API-Key", "")],
        [("X-API-Key", KEY[:-1])],
        [("X-API-Key", KEY + " x")],
        [("X-API-Key", KEY.upper())],
        [("X-API-Key", sha256_hex(KEY))],
        [("X-API-Key", KEY + "A" * 4000)],  # oversized: refused before hashing
        [("X-API-Key", "A" * 4000)],
        [("Authorization", f"Basic {KEY}")],
        [("Authorization", "Bearer")],
        [("Authorization", f"Token {KEY}")],
        [("X-API-Key", OTHER), ("X-API-Key", KEY)],  # which one would a proxy check?
        [("X-API-Key", KEY), ("X-API-Key", OTHER)],
        [("Authorization", f"Bearer {OTHER}"), ("Authorization", f"Bearer {KEY}")],
        [("X-API-Key", OTHER), ("Authorization", f"Bearer {KEY}")],
        [("X-API-Key", KEY), ("Authorization", f"Bearer {OTHER}")],
    ],
    ids=[
        "missing",
        "empty",
        "truncated",
        "suffixed",
        "case-changed",
        "the-stored-hash",
        "oversized-valid-prefix",
        "oversized",
        "basic-scheme",
        "bearer-without-key",
        "other-scheme",
        "two-key-headers-valid-last",
        "two-key-headers-valid-first",
        "two-bearers",
        "header-and-bearer-disagree",
        "header-and-bearer-both",
    ],
)
def test_a_bad_or_smuggled_api_key_is_401_before_any_provider_call(
    gateway: Gateway, sandbox: SandboxControl, headers: list[tuple[str, str]]
) -> None:
    answer = gateway.http.post("/graphql", json={"query": TEAMS}, headers=headers)
    assert_refused(answer, sandbox, KEY, OTHER)


@pytest.mark.parametrize("name", ["api_key", "apiKey", "x-api-key", "key", "access_token"])
def test_a_key_in_the_query_string_is_not_a_credential(
    gateway: Gateway, sandbox: SandboxControl, name: str
) -> None:
    answer = gateway.http.post("/graphql", params={name: KEY}, json={"query": TEAMS})
    assert_refused(answer, sandbox, KEY)


def test_the_right_key_in_either_header_is_served(
    gateway: Gateway, sandbox: SandboxControl
) -> None:
    for headers in ({"X-API-Key": KEY}, bearer(KEY), {"authorization": f"bearer {KEY}"}):
        answer = gateway.gql(TEAMS, headers=headers)
        assert answer.status_code == 200, answer.text
        assert len(answer.json()["data"]["teams"]["edges"]) == 1
    assert sandbox.calls("finmo") >= 1


def test_a_refused_key_is_never_logged(
    gateway: Gateway, sandbox: SandboxControl, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert_refused(gateway.gql(TEAMS, headers={"X-API-Key": OTHER}), sandbox, OTHER)
        assert gateway.gql(TEAMS, headers={"X-API-Key": KEY}).status_code == 200
    assert caplog.records  # the requests were logged, just not their keys
    assert OTHER not in caplog.text and KEY not in caplog.text


class CountingCompare:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, presented: str, expected: str) -> bool:
        self.calls.append((len(presented), len(expected)))
        return presented == expected


@pytest.mark.parametrize("presented", ["k-0", "k-4", "nope", "k", "k-" + "x" * 200])
async def test_every_key_is_compared_whatever_matches_on_digests_of_one_length(
    presented: str,
) -> None:
    """Constant time: the number and the length of the comparisons are the same whether
    the first, the last or no key matches, and whatever the presented key's length."""
    compare = CountingCompare()
    keys = tuple(ApiKey(id=f"k-{n}", sha256=sha256_hex(f"k-{n}")) for n in range(5))
    auth = ApiKeyAuth(keys, compare=compare)
    try:
        caller = await auth.authenticate({"x-api-key": presented})
        assert caller.id == presented
    except Unauthenticated:
        assert presented not in {key.id for key in keys}
    assert compare.calls == [(64, 64)] * 5


async def test_a_configured_hash_of_the_empty_key_never_lets_anyone_in() -> None:
    auth = ApiKeyAuth((ApiKey(id="empty", sha256=sha256_hex("")),))
    for headers in ({"x-api-key": ""}, {"authorization": "Bearer "}, {}):
        with pytest.raises(Unauthenticated):
            await auth.authenticate(headers)
