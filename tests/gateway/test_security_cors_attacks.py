"""Attacks on CORS with origins configured (issue 19, "covered the same way"): only an
exact configured origin is ever named in Access-Control-Allow-Origin, credentials are
never allowed, and a refused preflight is a coded JSON 400 that grants nothing."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from gateway import Settings
from tests.gateway.test_security_support import Gateway, running_gateway

ORIGIN = "https://app.example.com"
LOOKALIKES = [
    "https://app.example.com.evil.com",
    "https://evilapp.example.com",
    "https://app.example.co",
    "https://app.example.com:8443",
    "http://app.example.com",
    "https://APP.EXAMPLE.COM",
    "https://evil.com/https://app.example.com",
    "https://app.example.com%2eevil.com",
    "null",
    "*",
    "",
]


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    # configured with a trailing slash and upper case: normalised to the origin browsers send
    with running_gateway(
        tmp_path_factory.mktemp("cors"), cors_origins=["HTTPS://App.Example.com/"]
    ) as gw:
        yield gw


def preflight(
    gateway: Gateway, origin: str, method: str = "POST", headers: str = ""
) -> httpx.Response:
    request_headers = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        request_headers["Access-Control-Request-Headers"] = headers
    return gateway.http.options("/graphql", headers=request_headers)


def granted(headers: httpx.Headers) -> list[str]:
    return [name for name in headers if name.lower().startswith("access-control-allow")]


def test_the_configured_origin_is_allowed_exactly_and_without_credentials(
    gateway: Gateway,
) -> None:
    answer = preflight(gateway, ORIGIN, headers="content-type, authorization, x-api-key")
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-credentials" not in answer.headers
    simple = gateway.gql("{ __typename }", headers={"Origin": ORIGIN})
    assert simple.headers["access-control-allow-origin"] == ORIGIN
    assert "Origin" in simple.headers["vary"]
    assert "access-control-allow-credentials" not in simple.headers


@pytest.mark.parametrize("origin", LOOKALIKES)
def test_a_lookalike_origin_is_granted_nothing(gateway: Gateway, origin: str) -> None:
    simple = gateway.gql("{ __typename }", headers={"Origin": origin})
    assert simple.status_code == 200  # answered (no browser would let the page read it)
    assert granted(simple.headers) == []
    refused = preflight(gateway, origin)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"] == {"code": "CORS_NOT_ALLOWED"}
    assert granted(refused.headers) == []


@pytest.mark.parametrize(
    ("method", "headers"),
    [
        ("PUT", ""),
        ("DELETE", ""),
        ("post", ""),
        ("POST", "cookie"),
        ("POST", "content-type, x-forwarded-for"),
        ("POST", "content-type,,authorization"),
    ],
)
def test_a_preflight_for_a_method_or_header_not_allowed_is_refused(
    gateway: Gateway, method: str, headers: str
) -> None:
    refused = preflight(gateway, ORIGIN, method, headers)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "CORS_NOT_ALLOWED"
    assert granted(refused.headers) == []


def test_a_private_network_preflight_is_refused(gateway: Gateway) -> None:
    refused = gateway.http.options(
        "/graphql",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Private-Network": "true",
        },
    )
    assert refused.status_code == 400
    assert granted(refused.headers) == []


@pytest.mark.parametrize(
    "origin",
    [
        "null",
        "*",
        "https://*.example.com",
        "app.example.com",
        "https://app.example.com/path",
        "https://app.example.com?x=1",
        "ftp://app.example.com",
        "https://user@app.example.com",
        "",
    ],
)
def test_an_origin_that_is_not_exact_cannot_be_configured(origin: str) -> None:
    with pytest.raises(ValueError, match="is not an origin"):
        Settings(security={"cors_origins": [origin]})


def test_configured_origins_are_normalised_to_what_browsers_send() -> None:
    settings = Settings(
        security={"cors_origins": ["HTTPS://App.Example.com/", "http://[::1]:3000"]}
    )
    assert settings.security.cors_origins == ("https://app.example.com", "http://[::1]:3000")


def test_apollo_client_and_trace_headers_from_a_local_dev_server_are_allowed(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A front end on http://localhost:3000 (its origin listed) sends Apollo Client's
    identification and trace headers: the preflight grants them."""
    sent = (
        "content-type, apollographql-client-name, apollographql-client-version, "
        "traceparent, tracestate, baggage, sentry-trace"
    )
    with running_gateway(
        tmp_path_factory.mktemp("cors-dev"), cors_origins=["http://localhost:3000"]
    ) as dev:
        answer = preflight(dev, "http://localhost:3000", headers=sent)
        assert answer.status_code == 200
        allowed = {h.strip() for h in answer.headers["access-control-allow-headers"].split(",")}
        assert {h.strip() for h in sent.split(",")} <= allowed
        query = dev.gql("{ __typename }", headers={"Origin": "http://localhost:3000"})
        assert query.headers["access-control-allow-origin"] == "http://localhost:3000"


def test_the_allowed_headers_are_a_setting(tmp_path_factory: pytest.TempPathFactory) -> None:
    with running_gateway(
        tmp_path_factory.mktemp("cors-headers"),
        cors_origins=[ORIGIN],
        cors_allowed_headers=["Content-Type", "X-Tenant"],
    ) as custom:
        assert preflight(custom, ORIGIN, headers="content-type, x-tenant").status_code == 200
        assert preflight(custom, ORIGIN, headers="authorization").status_code == 400


@pytest.mark.parametrize("header", ["*", "cookie", "X-Forwarded-For", "forwarded", "a b"])
def test_a_header_that_must_never_be_granted_cannot_be_configured(header: str) -> None:
    with pytest.raises(ValueError):
        Settings(security={"cors_origins": [ORIGIN], "cors_allowed_headers": [header]})
