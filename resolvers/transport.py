"""httpx's interface over aiohttp's connection pool: the upstream transport.

Provider clients keep speaking httpx (`httpx.AsyncClient`, `httpx.Auth` flows,
`httpx.MockTransport` in tests); only the bytes on the wire go through aiohttp,
whose pool and HTTP/1.1 parser cost a quarter of httpcore's CPU per call
(`../shared/PERF.md`: 0.31-0.48 ms against 1.3-1.8 ms; httpcore also scans
every pooled connection on each request, which grows with the pool).

What httpx's own transport guarantees, kept here:

- **Pool limits and the pool timeout.** At most `max_connections` requests are
  on the wire at once; a request that waits longer than the request's `pool`
  timeout for a slot raises `httpx.PoolTimeout` (not sent, so a caller may
  retry it and it is never a provider failure). aiohttp has no cap on idle
  connections, so `max_keepalive_connections` does not apply; idle ones close
  after `keepalive_expiry`.
- **Per-request timeouts** from `request.extensions["timeout"]`: `connect`
  bounds opening a connection, `read` each wait for bytes. aiohttp has no
  write timeout; the caller's deadline (`asyncio.timeout`) bounds the whole
  exchange.
- **httpx's error tree**: every aiohttp and socket failure is raised as the
  httpx exception that says the same thing, so `resolvers.base` tells
  "not sent" (`ConnectError`, `ConnectTimeout`, `PoolTimeout`) from "may have
  been sent" (everything else). Cancellation passes through untouched.
- **Nothing shared between callers but connections**: no cookie jar, no
  proxies or netrc from the environment, no redirects, bodies passed through
  undecoded (httpx decodes `Content-Encoding` itself).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpx
from yarl import URL


class _Body(httpx.AsyncByteStream):
    """A response body already read off the connection (the slot is free again)."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self._body:
            yield self._body


def _map_error(exc: Exception, request: httpx.Request) -> httpx.TransportError:
    """The httpx exception that means what an aiohttp or socket failure means."""
    message = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(exc, aiohttp.ServerTimeoutError):  # sock_read: no bytes in time
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, aiohttp.ClientConnectorError):  # no connection: never sent
        return httpx.ConnectError(message, request=request)
    # the connection closed mid-answer, or a malformed status line, headers or body
    broken = (
        aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError | aiohttp.ClientResponseError
    )
    if isinstance(exc, broken):
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(exc, aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol(message, request=request)
    return httpx.ReadError(message, request=request)


def _reason(response: aiohttp.ClientResponse) -> bytes:
    return (response.reason or "").encode("latin-1", "replace")


class AiohttpTransport(httpx.AsyncBaseTransport):
    """One provider's connection pool; made once per provider client, closed with it.

    The aiohttp session is opened on the first request, inside the running loop
    (aiohttp binds its session to the loop it was made in)."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._max = limits.max_connections
        self._keepalive = limits.keepalive_expiry
        self._slots = asyncio.Semaphore(self._max) if self._max else None
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    def _open(self) -> aiohttp.ClientSession:
        if self._closed:
            raise RuntimeError("the transport has been closed")
        keepalive: dict[str, Any] = (
            {"keepalive_timeout": self._keepalive} if self._keepalive else {"force_close": True}
        )
        connector = aiohttp.TCPConnector(
            limit=self._max or 0, limit_per_host=0, ttl_dns_cache=300, **keepalive
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            trust_env=False,
            raise_for_status=False,
            skip_auto_headers=("Content-Type",),
        )
        return self._session

    @staticmethod
    def _timeout(request: httpx.Request) -> aiohttp.ClientTimeout:
        wanted = request.extensions.get("timeout") or {}
        # `connect` in aiohttp also counts the wait for a pool slot; that wait is bounded
        # by the semaphore here, so only the socket connect is timed.
        return aiohttp.ClientTimeout(
            total=None,
            connect=None,
            sock_connect=wanted.get("connect"),
            sock_read=wanted.get("read"),
        )

    async def _slot(self, request: httpx.Request) -> None:
        """Wait for a free connection slot, at most the request's pool timeout."""
        assert self._slots is not None
        if not self._slots.locked():
            await self._slots.acquire()
            return
        wait = (request.extensions.get("timeout") or {}).get("pool")
        try:
            async with asyncio.timeout(wait):
                await self._slots.acquire()
        except TimeoutError as exc:
            raise httpx.PoolTimeout(
                f"no free connection to {request.url.host} within {wait} s", request=request
            ) from exc

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session or self._open()
        body = await request.aread()
        headers = [
            (name.decode("latin-1"), value.decode("latin-1")) for name, value in request.headers.raw
        ]
        if self._slots is not None:
            await self._slot(request)
        try:
            response = await session.request(
                request.method,
                URL(str(request.url), encoded=True),
                headers=headers,
                data=body or None,
                allow_redirects=False,
                timeout=self._timeout(request),
            )
            try:
                content = await response.read()
            finally:
                response.release()
        except (aiohttp.ClientError, OSError) as exc:
            raise _map_error(exc, request) from exc
        finally:
            if self._slots is not None:
                self._slots.release()
        return httpx.Response(
            response.status,
            headers=list(response.raw_headers),
            stream=_Body(content),
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": _reason(response)},
        )

    async def aclose(self) -> None:
        self._closed = True
        if self._session is not None:
            await self._session.close()
            self._session = None
