"""AiohttpTransport (resolvers/transport.py) against real loopback servers: what httpx's own
transport guarantees holds under httpx's interface."""

from __future__ import annotations

import asyncio
import gzip
import socket
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from resolvers.base import build_http_client
from resolvers.config import HttpConfig
from resolvers.transport import AiohttpTransport
from tests.support import bind_loopback, serve_on_loopback


async def _echo(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "method": request.method,
            "path": request.url.path,
            "query": request.url.query,
            "headers": [[k, v] for k, v in request.headers.items()],
            "body": (await request.body()).decode(),
            "peer_port": request.client.port if request.client else None,
        }
    )


async def _gzipped(_: Request) -> Response:
    return Response(
        gzip.compress(b'{"ok": true}'),
        headers={"content-encoding": "gzip", "content-type": "application/json"},
    )


async def _cookie(_: Request) -> Response:
    response = Response("set", headers={"x-multi": "one"})
    response.raw_headers.append((b"x-multi", b"two"))
    response.set_cookie("session", "secret-value")
    return response


async def _redirect(_: Request) -> Response:
    return Response(status_code=302, headers={"location": "/echo"})


APP = Starlette(
    routes=[
        Route("/echo", _echo, methods=["GET", "POST", "PUT", "DELETE"]),
        Route("/gzip", _gzipped),
        Route("/cookie", _cookie),
        Route("/redirect", _redirect),
    ]
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_on_loopback(APP) as url:
        yield url


@pytest.fixture
def silent() -> Iterator[str]:
    """A port that accepts connections (the kernel's backlog) and never answers."""
    sock = bind_loopback()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


@pytest.fixture
def refused() -> str:
    """A loopback port nothing listens on."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"


def _client(base_url: str, **http: float | int) -> httpx.AsyncClient:
    return build_http_client(base_url, HttpConfig(**http))


@pytest.fixture
async def client(server: str) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(server) as client:
        yield client


def test_the_default_http_client_goes_through_aiohttp() -> None:
    client = _client("http://127.0.0.1:1")
    assert isinstance(client._transport, AiohttpTransport)
    httpx_client = build_http_client("http://127.0.0.1:1", HttpConfig(transport="httpx"))
    assert isinstance(httpx_client._transport, httpx.AsyncHTTPTransport)


async def test_method_path_query_headers_and_body_arrive_as_sent(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/echo",
        params={"q": "a b&c", "ä": "ü"},
        json={"amount": "12.50"},
        headers={"Authorization": "Bearer t", "X-Request-Id": "r-1"},
    )
    assert response.status_code == 200
    echoed = response.json()
    assert echoed["method"] == "POST" and echoed["path"] == "/echo"
    assert httpx.QueryParams(echoed["query"]) == httpx.QueryParams({"q": "a b&c", "ä": "ü"})
    headers = dict(echoed["headers"])
    assert headers["authorization"] == "Bearer t" and headers["x-request-id"] == "r-1"
    assert headers["content-type"] == "application/json"
    assert headers["content-length"] == str(len(echoed["body"]))
    assert echoed["body"] == '{"amount":"12.50"}'


async def test_a_body_less_request_sends_no_content_type(client: httpx.AsyncClient) -> None:
    echoed = (await client.get("/echo")).json()
    names = [name for name, _ in echoed["headers"]]
    assert "content-type" not in names and echoed["body"] == ""
    assert (await client.delete("/echo")).json()["method"] == "DELETE"


async def test_a_gzipped_body_is_decoded_by_httpx(client: httpx.AsyncClient) -> None:
    response = await client.get("/gzip")
    assert response.headers["content-encoding"] == "gzip"
    assert response.json() == {"ok": True}


async def test_repeated_headers_are_kept_and_cookies_are_never_sent_back(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/cookie")
    assert response.headers.get_list("x-multi") == ["one", "two"]
    assert "session=secret-value" in response.headers["set-cookie"]
    assert len(client.cookies) == 0  # httpx's own jar keeps nothing either (one client
    echoed = (await client.get("/echo")).json()  # serves every caller of the gateway)
    assert "cookie" not in dict(echoed["headers"])


async def test_the_httpx_transport_keeps_no_provider_cookies_either(server: str) -> None:
    async with build_http_client(server, HttpConfig(transport="httpx")) as client:
        await client.get("/cookie")
        assert len(client.cookies) == 0
        echoed = (await client.get("/echo")).json()
        assert "cookie" not in dict(echoed["headers"])


async def test_redirects_are_answered_not_followed(client: httpx.AsyncClient) -> None:
    response = await client.get("/redirect")
    assert response.status_code == 302 and response.headers["location"] == "/echo"


async def test_connections_are_reused(client: httpx.AsyncClient) -> None:
    ports = {(await client.get("/echo")).json()["peer_port"] for _ in range(5)}
    assert len(ports) == 1  # one kept-alive connection carried all five


async def test_a_refused_connection_is_a_connect_error(refused: str) -> None:
    async with _client(refused) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("/echo")


async def test_silence_past_the_read_timeout_is_a_read_timeout(silent: str) -> None:
    async with _client(silent, read_timeout=0.05) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/echo")


async def test_a_request_waiting_past_the_pool_timeout_is_a_pool_timeout(
    server: str, silent: str
) -> None:
    """One connection, held by a request the silent port never answers: the next request
    waits the pool timeout and is refused unsent; cancelling the holder frees the slot."""
    async with _client(server, max_connections=1, read_timeout=5, pool_timeout=0.05) as client:
        holder = asyncio.create_task(client.get(f"{silent}/echo"))
        with pytest.raises(httpx.PoolTimeout):
            await asyncio.gather(client.get("/echo"), asyncio.shield(holder))
        holder.cancel()  # cancellation passes through the transport untouched
        with pytest.raises(asyncio.CancelledError):
            await holder
        assert (await client.get("/echo")).status_code == 200


async def test_a_closed_transport_refuses_new_requests(server: str) -> None:
    transport = AiohttpTransport(httpx.Limits(max_connections=2))
    client = httpx.AsyncClient(base_url=server, transport=transport)
    assert (await client.get("/echo")).status_code == 200
    await client.aclose()
    with pytest.raises(RuntimeError):
        await transport.handle_async_request(httpx.Request("GET", f"{server}/echo"))
