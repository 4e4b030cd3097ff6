"""Client authentication: jwt (JWKS or static key), api-key, and the refusals, end to
end through the real server; a refused request never reaches a provider."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.security.auth import ApiKeyAuth, JwtAuth
from gateway.security.config import ApiKey, JwtConfig
from gateway.security.errors import Unauthenticated
from gateway.security.jwks import JwksCache
from tests.gateway.test_security_support import (
    AUDIENCE,
    ISSUER,
    Gateway,
    JwksServer,
    Keys,
    bearer,
    hs256_token_signed_with,
    running_gateway,
    sha256_hex,
    unsigned_token,
)
from tests.support import SandboxControl

TEAMS = "{ teams(first: 2) { edges { node { id } } } }"
KEYS = Keys(kid="k1")
OTHER_KEYS = Keys(kid="k1")  # same kid, different key: a forged signature


@pytest.fixture(scope="module")
def jwks() -> Iterator[tuple[JwksServer, str]]:
    server = JwksServer(KEYS)
    with server.serve() as url:
        yield server, url


@pytest.fixture(scope="module")
def gateway(
    tmp_path_factory: pytest.TempPathFactory,
    _sandbox_server: SandboxControl,
    jwks: tuple[JwksServer, str],
) -> Iterator[Gateway]:
    security: dict[str, Any] = {
        "mode": "jwt",
        "jwt": {"jwks_url": jwks[1], "issuer": ISSUER, "audience": AUDIENCE},
    }
    with running_gateway(tmp_path_factory.mktemp("jwt"), _sandbox_server, **security) as gw:
        yield gw


def assert_unauthenticated(answer: httpx.Response, message: str | None = None) -> None:
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")
    body = answer.json()
    assert list(body) == ["errors"]
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    if message:
        assert body["errors"][0]["message"] == message


def test_a_valid_staff_token_is_served(gateway: Gateway, sandbox: SandboxControl) -> None:
    answer = gateway.gql(TEAMS, headers=bearer(KEYS.token(scope="*")))
    assert answer.status_code == 200, answer.text
    assert len(answer.json()["data"]["teams"]["edges"]) == 2
    assert sandbox.calls("finmo") >= 1


def test_a_missing_token_is_401_and_reaches_no_provider(
    gateway: Gateway, sandbox: SandboxControl
) -> None:
    assert_unauthenticated(gateway.gql(TEAMS), "Authentication required")
    assert sandbox.calls("finmo") == 0


@pytest.mark.parametrize(
    ("attack", "make"),
    [
        ("bad signature", lambda: OTHER_KEYS.token(scope="*")),
        ("wrong audience", lambda: KEYS.token(aud="someone-else")),
        ("wrong issuer", lambda: KEYS.token(iss="https://evil.test")),
        ("expired", lambda: KEYS.token(exp=int(time.time()) - 120)),
        ("no exp", lambda: KEYS.token(exp=None)),
        ("no sub", lambda: KEYS.token(sub=None)),
        ("alg none", lambda: unsigned_token(scope="*")),
        ("alg confusion", lambda: hs256_token_signed_with(KEYS.public_pem, "k1", scope="*")),
        ("unknown kid", lambda: KEYS.token(headers={"kid": "k9"})),
        ("garbage", lambda: "not-a-jwt"),
    ],
)
def test_forged_or_stale_tokens_are_refused(
    gateway: Gateway, sandbox: SandboxControl, attack: str, make: object
) -> None:
    assert callable(make)
    answer = gateway.gql(TEAMS, headers=bearer(make()))
    assert_unauthenticated(answer)
    assert sandbox.calls("finmo") == 0, attack


def test_an_expired_token_says_so(gateway: Gateway) -> None:
    answer = gateway.gql(TEAMS, headers=bearer(KEYS.token(exp=int(time.time()) - 120)))
    assert_unauthenticated(answer, "Token expired")


def test_a_token_expired_within_the_leeway_is_accepted(gateway: Gateway) -> None:
    answer = gateway.gql("{ __typename }", headers=bearer(KEYS.token(exp=int(time.time()) - 5)))
    assert answer.status_code == 200


def test_a_basic_credential_is_not_a_bearer_token(gateway: Gateway) -> None:
    assert_unauthenticated(gateway.gql(TEAMS, headers={"Authorization": "Basic dXNlcjpwdw=="}))


def test_the_jwks_is_fetched_once_for_many_requests(tmp_path: Path) -> None:
    server = JwksServer(KEYS)
    with server.serve() as url:
        jwt_settings = {"issuer": ISSUER, "audience": AUDIENCE, "jwks_url": url}
        with running_gateway(tmp_path, mode="jwt", jwt=jwt_settings) as gw:
            for _ in range(5):
                assert gw.gql("{ __typename }", headers=bearer(KEYS.token())).status_code == 200
    assert server.fetches == 1


async def test_a_rotated_key_is_fetched_on_its_first_token() -> None:
    new_keys = Keys(kid="k2")
    server = JwksServer(KEYS)
    with server.serve() as url:
        auth = JwtAuth(
            JwtConfig(jwks_url=url, issuer=ISSUER, audience=AUDIENCE, jwks_min_refresh_interval=0)
        )
        try:
            await auth.authenticate({"authorization": f"Bearer {KEYS.token()}"})
            server.keys.append(new_keys)
            caller = await auth.authenticate({"authorization": f"Bearer {new_keys.token()}"})
        finally:
            await auth.aclose()
    assert caller.id == "staff-1"
    assert server.fetches == 2


async def test_claims_make_the_caller_staff_or_borrower() -> None:
    auth = JwtAuth(
        JwtConfig(
            public_key=KEYS.public_pem.decode(),
            issuer=ISSUER,
            audience=AUDIENCE,
            email_claim="https://fingate/email",
        )
    )
    staff_token = KEYS.token(scope=None, scp=["loans:read", "trading:read"])
    staff = await auth.authenticate({"authorization": f"Bearer {staff_token}"})
    assert staff.kind == "staff" and staff.scopes == {"loans:read", "trading:read"}
    email: dict[str, Any] = {"https://fingate/email": " Ann@Example.COM "}
    borrower_token = KEYS.token(
        sub="b-7", roles=None, scope="loans:read", email_verified=True, **email
    )
    borrower = await auth.authenticate({"authorization": f"Bearer {borrower_token}"})
    assert (borrower.kind, borrower.id, borrower.email) == ("borrower", "b-7", "ann@example.com")
    assert borrower.scopes == {"loans:read"}
    with pytest.raises(Unauthenticated):  # a borrower must be tied to an email
        await auth.authenticate({"authorization": f"Bearer {KEYS.token(roles=None)}"})


async def test_a_static_key_refuses_the_alg_confusion_token() -> None:
    auth = JwtAuth(JwtConfig(public_key=KEYS.public_pem.decode(), issuer=ISSUER, audience=AUDIENCE))
    forged = hs256_token_signed_with(KEYS.public_pem, "k1", scope="*")
    with pytest.raises(Unauthenticated):
        await auth.authenticate({"authorization": f"Bearer {forged}"})
    caller = await auth.authenticate({"authorization": f"Bearer {KEYS.token()}"})
    assert caller.kind == "staff"


API_KEY = "fgk_live_7c1b0e0b6a2f4f0c9d1e"
BORROWER_KEY = "fgk_live_borrower_55aa"


@pytest.fixture(scope="module")
def keyed_gateway(
    tmp_path_factory: pytest.TempPathFactory, _sandbox_server: SandboxControl
) -> Iterator[Gateway]:
    security: dict[str, Any] = {
        "mode": "api-key",
        "api_keys": [
            {"id": "back-office", "sha256": sha256_hex(API_KEY), "scopes": ["*"]},
            {
                "id": "ann",
                "sha256": sha256_hex(BORROWER_KEY),
                "kind": "borrower",
                "email": "ann@example.com",
                "scopes": ["loans:read"],
            },
        ],
    }
    with running_gateway(tmp_path_factory.mktemp("keys"), _sandbox_server, **security) as gw:
        yield gw


def test_a_good_api_key_is_served(keyed_gateway: Gateway, sandbox: SandboxControl) -> None:
    answer = keyed_gateway.gql(TEAMS, headers={"X-API-Key": API_KEY})
    assert answer.status_code == 200
    assert len(answer.json()["data"]["teams"]["edges"]) == 2
    assert sandbox.calls("finmo") >= 1


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-API-Key": API_KEY + "x"}, {"X-API-Key": sha256_hex(API_KEY)}, bearer("nope")],
    ids=["missing", "wrong", "the-hash-itself", "wrong-bearer"],
)
def test_a_bad_api_key_is_401(
    keyed_gateway: Gateway, sandbox: SandboxControl, headers: dict[str, str]
) -> None:
    answer = keyed_gateway.gql(TEAMS, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "www-authenticate" in answer.headers
    assert sandbox.calls("finmo") == 0


async def test_each_api_key_has_its_own_kind_scopes_and_email() -> None:
    auth = ApiKeyAuth(
        (
            ApiKey(id="back-office", sha256=sha256_hex(API_KEY), scopes=frozenset({"*"})),
            ApiKey(
                id="ann",
                sha256=sha256_hex(BORROWER_KEY),
                kind="borrower",
                email="Ann@Example.com",
                scopes=frozenset({"loans:read"}),
            ),
        )
    )
    staff = await auth.authenticate({"x-api-key": API_KEY})
    borrower = await auth.authenticate({"authorization": f"Bearer {BORROWER_KEY}"})
    assert (staff.id, staff.kind, staff.scopes) == ("back-office", "staff", frozenset({"*"}))
    assert (borrower.kind, borrower.email) == ("borrower", "ann@example.com")
    assert borrower.scopes == {"loans:read"}


def test_settings_hold_only_hashes_of_api_keys() -> None:
    with pytest.raises(ValueError, match="sha256"):
        ApiKey(id="x", sha256=API_KEY)


async def test_an_expired_key_set_is_refreshed_in_the_background() -> None:
    now = [0.0]
    server = JwksServer(KEYS)
    with server.serve() as url:
        cache = JwksCache(url, ttl=60, clock=lambda: now[0])
        try:
            first = await cache.key("k1")
            now[0] = 61.0
            stale = await cache.key("k1")  # answered at once from the held keys
            assert cache._background is not None
            await cache._background
        finally:
            await cache.aclose()
    assert first is stale
    assert server.fetches == 2
