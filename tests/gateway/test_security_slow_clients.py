"""Slow clients (issue 19, point 7): a request whose body does not arrive within
FINGATE_SECURITY__LIMITS__BODY_TIMEOUT is answered 408 with a coded error and the
connection is closed, for every caller, authenticated or not.

Each test talks to the real server on a loopback port through a raw socket: it sends
the headers and part of a body, then reads until the server closes the connection
(the socket's own timeout only bounds a failing test)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from gateway import Settings
from tests.gateway.test_security_support import Gateway, running_gateway, sha256_hex
from tests.support import SandboxControl

API_KEY = "fgk_slow_client_key_0123456789"
QUERY = b'{"query": "{ teams(first: 1) { edges { node { id } } } }"}'


@pytest.fixture(scope="module", params=["api-key", "none"])
def gateway(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    _sandbox_server: SandboxControl,
) -> Iterator[Gateway]:
    security: dict[str, Any] = {"limits": {"body_timeout": 0.2}}
    if request.param == "api-key":
        security.update(
            mode="api-key",
            api_keys=[{"id": "slow", "sha256": sha256_hex(API_KEY), "scopes": ["*"]}],
        )
    else:
        security["allow_insecure"] = True  # mode none against the test sandbox
    with running_gateway(tmp_path_factory.mktemp("slow"), _sandbox_server, **security) as gw:
        yield gw


def exchange(gateway: Gateway, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `data` on a fresh connection; read until the server closes it."""
    where = urlsplit(gateway.url)
    assert where.hostname and where.port
    with socket.create_connection((where.hostname, where.port), timeout=10) as conn:
        conn.sendall(data)
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    return int(status_line.split()[1]), headers, body


def request_head(length: int | None, *extra: str) -> bytes:
    lines = [
        "POST /graphql HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/json",
        f"X-API-Key: {API_KEY}",
        *([f"Content-Length: {length}"] if length is not None else []),
        *extra,
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def assert_timed_out(status: int, headers: dict[str, str], body: bytes) -> None:
    assert status == 408
    assert headers["content-type"] == "application/json"
    assert headers["connection"] == "close"
    assert "x-request-id" in headers
    error = json.loads(body)["errors"][0]
    assert error["extensions"] == {"code": "REQUEST_TIMEOUT"}
    assert "0.2 s" in error["message"]


def test_a_half_sent_body_is_answered_408_and_the_connection_closed(
    gateway: Gateway, sandbox: SandboxControl
) -> None:
    status, headers, body = exchange(gateway, request_head(len(QUERY)) + QUERY[:10])
    assert_timed_out(status, headers, body)
    assert sandbox.calls("finmo") == 0


def test_a_chunked_body_that_stops_is_answered_408(
    gateway: Gateway, sandbox: SandboxControl
) -> None:
    first_chunk = f"{10:x}\r\n".encode() + QUERY[:10] + b"\r\n"  # no terminating chunk
    status, headers, body = exchange(
        gateway, request_head(None, "Transfer-Encoding: chunked") + first_chunk
    )
    assert_timed_out(status, headers, body)
    assert sandbox.calls("finmo") == 0


def test_headers_with_no_body_at_all_are_answered_408(gateway: Gateway) -> None:
    assert_timed_out(*exchange(gateway, request_head(len(QUERY))))


def test_a_body_sent_in_time_is_served(gateway: Gateway, sandbox: SandboxControl) -> None:
    status, _, body = exchange(gateway, request_head(len(QUERY), "Connection: close") + QUERY)
    assert status == 200, body
    assert len(json.loads(body)["data"]["teams"]["edges"]) == 1
    assert sandbox.calls("finmo") >= 1


def test_the_body_timeout_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().security.limits.body_timeout == 10.0
    monkeypatch.setenv("FINGATE_SECURITY__LIMITS__BODY_TIMEOUT", "2.5")
    assert Settings().security.limits.body_timeout == 2.5
