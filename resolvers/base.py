"""The base of every provider client: one pooled httpx client, one error boundary."""

from __future__ import annotations

import abc
import asyncio
import hashlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar, TypeVar
from urllib.parse import quote

import httpx
import orjson
from httpx import _client
from pydantic import BaseModel, ValidationError

from .config import HttpConfig
from .errors import (
    ConnectionPoolBusy,
    FieldError,
    ProviderAuthError,
    ProviderBadResponse,
    ProviderConflict,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
    ProviderValidationError,
    RequestTooLong,
)
from .records import list_adapter
from .resilience import DeadlineExceeded, ProviderResilience, time_left
from .transport import AiohttpTransport

M = TypeVar("M", bound=BaseModel)
# httpx does not export the type of USE_CLIENT_DEFAULT; its module does.
AuthArg = httpx.Auth | None | _client.UseClientDefault
T = TypeVar("T")
C = TypeVar("C", bound="ProviderClient")
# Longest path and query string sent to a provider: below the request-line limits of
# common servers and CDNs (Apache 8190 bytes, nginx 8 KiB buffers, CloudFront 8192).
# A longer URL would fail there (or, over 64 KiB, in httpx) as a provider error.
MAX_URL_BYTES = 8000


def build_http_client(
    base_url: str,
    http: HttpConfig,
    *,
    auth: httpx.Auth | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """The process-wide pooled client for one provider (`transport`: tests' stand-ins)."""
    limits = httpx.Limits(
        max_connections=http.max_connections,
        max_keepalive_connections=http.max_keepalive_connections,
        keepalive_expiry=http.keepalive_expiry,
    )
    if transport is None and http.transport == "aiohttp":
        transport = AiohttpTransport(limits)
    client = httpx.AsyncClient(
        base_url=base_url.rstrip("/"),
        auth=auth,
        timeout=httpx.Timeout(
            connect=http.connect_timeout,
            read=http.read_timeout,
            write=http.write_timeout,
            pool=http.pool_timeout,
        ),
        limits=limits,
        transport=transport,
        follow_redirects=False,
        trust_env=False,
        headers={"Accept": "application/json", "User-Agent": "fingate"},
    )
    client._cookies = NoCookies()  # the setter would wrap it back into a plain jar
    return client


class NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing. One pooled client serves every caller of the
    gateway, so a provider's Set-Cookie kept here would go out on other callers'
    requests; and httpx's jar parses every response through urllib's cookie machinery
    (about 6% of a list page's CPU) even when it sets none."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


def seg(value: str) -> str:
    """One path segment: an id never changes the route it is put in."""
    return quote(value, safe="")


def given(**fields: Any) -> dict[str, Any]:
    """The fields that were given (not None): bodies send only what is set."""
    return {name: value for name, value in fields.items() if value is not None}


SPENT = httpx.ByteStream(b"")  # the stream of a response whose body has been read


def scope_of(*parts: str) -> str:
    """A cache scope derived from a credential, safe to log: never the credential."""
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return digest[:16]


def retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def json_body(response: httpx.Response) -> Any:
    """The response's JSON: orjson (several times faster than stdlib json on big lists), and
    stdlib json for what orjson refuses but json accepts (NaN, integers over 64 bits,
    UTF-16 bodies), so no body that parsed before fails now. ValueError if not JSON."""
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return response.json()


class ProviderClient(abc.ABC):
    """Sends requests through the pooled client and turns every failure into a ProviderError.

    Subclasses add one typed method per provider route and say how their
    provider's error bodies read (`parse_error`).
    """

    provider: ClassVar[str]

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._resilience: ProviderResilience | None = None

    def use_resilience(self, resilience: ProviderResilience | None) -> None:
        """Send through retries, breaker, pacing and dedup (None: each call once, as is)."""
        self._resilience = resilience

    @property
    @abc.abstractmethod
    def credential_scope(self) -> str:
        """Which data this client's credential can see, as a cache-key part."""

    @abc.abstractmethod
    def parse_error(self, body: Any) -> tuple[str | None, tuple[FieldError, ...]]:
        """The provider's message and field-level complaints from an error body."""

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self: C) -> C:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        data: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        auth: AuthArg = httpx.USE_CLIENT_DEFAULT,
    ) -> Any:
        """The one boundary: JSON in, parsed JSON (or None) out, ProviderError on failure.

        With resilience attached: identical concurrent reads share one call, safe
        calls are retried, and every attempt passes the breaker and the rate limit.
        With or without it, each attempt's timeouts are capped at the deadline's time left.
        """
        if params:
            params = {k: v for k, v in params.items() if v is not None}
        self._check_url_length(method, path, params)

        async def attempt() -> Any:
            return await self._send_once(
                method, path, params=params, json=json, data=data, headers=headers, auth=auth
            )

        policy = self._resilience
        if policy is None:
            return await attempt()
        scope = self.credential_scope

        async def call() -> Any:
            retryable = policy.retryable(method, headers)
            return await policy.call(attempt, scope=scope, retryable=retryable)

        plain = json is None and data is None and not headers and auth is httpx.USE_CLIENT_DEFAULT
        if method.upper() == "GET" and plain:
            key = (scope, method.upper(), path, tuple(sorted((params or {}).items())))
            return await policy.read(key, call)
        return await call()

    def _check_url_length(self, method: str, path: str, params: dict[str, Any] | None) -> None:
        rough = len(self._http.base_url.raw_path) + len(path) + len(str(params or ""))
        if rough * 12 <= MAX_URL_BYTES:
            return  # fits even if every character became a 4-byte percent-encoded one
        try:
            url = self._http.build_request(method, path, params=params).url
            length = len(url.raw_path)
        except httpx.InvalidURL:  # over httpx's own limit (64 KiB)
            length = len(path) + len(str(params or ""))
        if length > MAX_URL_BYTES:
            raise RequestTooLong(
                self.provider,
                f"a value is too long to send: the request would need a URL of {length} "
                f"bytes, at most {MAX_URL_BYTES} are sent; shorten the argument",
            )

    def _timeout(self, left: float) -> httpx.Timeout:
        """The client's timeouts, none longer than the time left."""
        base = self._http.timeout
        return httpx.Timeout(
            connect=min(base.connect or left, left),
            read=min(base.read or left, left),
            write=min(base.write or left, left),
            pool=min(base.pool or left, left),
        )

    async def _send_once(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None,
        json: Any,
        data: dict[str, Any] | None,
        headers: dict[str, str] | None,
        auth: AuthArg,
    ) -> Any:
        """One request on the wire, its failures turned into ProviderErrors."""
        left = time_left()
        if left is not None and left <= 0:
            raise DeadlineExceeded(
                self.provider, f"no time left to send {method} {path}", maybe_sent=False
            )
        timeout: httpx.Timeout | _client.UseClientDefault = (
            httpx.USE_CLIENT_DEFAULT if left is None else self._timeout(left)
        )
        try:
            # asyncio.timeout bounds the whole exchange (httpx's read timeout is per read,
            # and an auth flow may fetch a token first); None: no deadline.
            async with asyncio.timeout(left):
                response = await self._http.request(
                    method,
                    path,
                    params=params,
                    json=json,
                    data=data,
                    headers=headers,
                    auth=auth,
                    timeout=timeout,
                )
        except TimeoutError as exc:
            message = f"the request's deadline ran out during {method} {path}"
            raise DeadlineExceeded(self.provider, message, maybe_sent=True) from exc
        except httpx.PoolTimeout as exc:
            raise ConnectionPoolBusy(
                self.provider,
                f"every connection to {self.provider} stayed busy while {method} {path} "
                "waited for one: not sent; retry shortly",
            ) from exc
        except httpx.TimeoutException as exc:
            maybe_sent = not isinstance(exc, httpx.ConnectTimeout)
            raise ProviderTimeout(
                self.provider, f"no answer to {method} {path} in time", maybe_sent=maybe_sent
            ) from exc
        except httpx.TransportError as exc:
            raise ProviderUnavailable(
                self.provider,
                f"could not reach the provider ({type(exc).__name__})",
                maybe_sent=not isinstance(exc, httpx.ConnectError),
            ) from exc
        # httpx's response and its (spent) stream refer to each other: a cycle per call
        # that only the garbage collector would free, with the request, headers and body
        # hanging from it. The body is read and cached in `content`: drop the stream.
        response.stream = SPENT
        if response.is_success:
            if response.status_code == 204 or not response.content:
                return None
            try:
                return json_body(response)
            except ValueError as exc:
                raise ProviderBadResponse(
                    self.provider,
                    f"{method} {path} answered with a body that is not JSON",
                    status=response.status_code,
                ) from exc
        raise self._error_for(method, path, response)

    def _error_for(self, method: str, path: str, response: httpx.Response) -> ProviderError:
        status = response.status_code
        try:
            body = json_body(response)
        except ValueError:
            body = None
        message: str | None = None
        field_errors: tuple[FieldError, ...] = ()
        if body is not None:
            try:
                message, field_errors = self.parse_error(body)
            except (KeyError, TypeError, ValueError, AttributeError):
                message, field_errors = (None, ())
        text = message or f"{method} {path} answered {status}"
        if status in (401, 403):
            return ProviderAuthError(self.provider, text, status=status)
        if status == 404:
            return ProviderNotFound(self.provider, text, status=status)
        if status == 409:
            return ProviderConflict(self.provider, text, status=status, field_errors=field_errors)
        if status == 429:
            return ProviderRateLimited(
                self.provider, text, status=status, retry_after=retry_after_seconds(response)
            )
        if 400 <= status < 500:
            return ProviderValidationError(
                self.provider, text, status=status, field_errors=field_errors
            )
        return ProviderUnavailable(
            self.provider, text, status=status, retry_after=retry_after_seconds(response)
        )

    def _parse(self, model: type[M], payload: Any) -> M:
        try:
            return model.model_validate(payload)
        except ValidationError as exc:
            raise ProviderBadResponse(
                self.provider, f"unexpected {model.__name__} payload: {exc.error_count()} errors"
            ) from exc

    def _parse_list(self, model: type[M], payload: Any) -> list[M]:
        try:
            return list_adapter(model).validate_python(payload)
        except ValidationError as exc:
            raise ProviderBadResponse(
                self.provider, f"unexpected list of {model.__name__}: {exc.error_count()} errors"
            ) from exc
