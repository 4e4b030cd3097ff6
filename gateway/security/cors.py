"""CORS from the allowlist in settings (Starlette's CORSMiddleware, exact origins only).

No origins configured: no CORS headers at all, so browsers on other origins
cannot read answers (and JSON POSTs, which need a preflight, are never sent).
With origins configured, an origin is allowed only when it equals one of them
(no prefixes, suffixes or patterns: `https://app.example.com.evil.com` is not
`https://app.example.com`); `null` and `*` cannot be configured (a sandboxed
iframe anywhere sends `null`). Credentials (cookies) are never allowed: fingate's
credentials travel in headers. A refused preflight is answered 400 with a coded
JSON error and no Access-Control-* headers at all.
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response

from .errors import graphql_error_body

# The request headers a page may send (FINGATE_SECURITY__CORS_ALLOWED_HEADERS replaces
# them): fingate's own, what Apollo Client and urql send, and trace propagation
# (W3C Trace Context and Baggage, Sentry). Cookies are never among them.
ALLOWED_HEADERS = (
    "authorization",
    "content-type",
    "accept",
    "x-api-key",
    "idempotency-key",
    "x-request-id",
    "apollo-require-preflight",
    "x-apollo-operation-name",
    "apollographql-client-name",
    "apollographql-client-version",
    "traceparent",
    "tracestate",
    "baggage",
    "sentry-trace",
)
# never allowed, whatever is configured: the browser's own credentials, and the headers
# a proxy in front of fingate vouches for (trusted_proxies)
FORBIDDEN_HEADERS = frozenset({"cookie", "x-forwarded-for", "x-forwarded-proto", "forwarded"})
_HEADER = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+")


def normalise_headers(headers: tuple[str, ...]) -> tuple[str, ...]:
    """Header names as browsers list them (lower case), or ValueError."""
    names = []
    for header in headers:
        name = header.strip().lower()
        if name == "*" or not _HEADER.fullmatch(name):
            raise ValueError(f"cors_allowed_headers: {header!r} is not a header name (no wildcard)")
        if name in FORBIDDEN_HEADERS:
            raise ValueError(f"cors_allowed_headers: {header!r} can never be allowed")
        names.append(name)
    return tuple(dict.fromkeys(names))


_ORIGIN = re.compile(r"https?://[a-z0-9.-]+(:[0-9]{1,5})?|https?://\[[0-9a-f:.]+\](:[0-9]{1,5})?")


def normalise_origin(origin: str) -> str:
    """An origin as browsers send it (`scheme://host[:port]`, lower case, no trailing
    slash), or ValueError."""
    normal = origin.strip().lower()
    normal = normal[:-1] if normal.endswith("/") and normal.count("/") == 3 else normal
    if not _ORIGIN.fullmatch(normal):
        raise ValueError(
            f"cors_origins: {origin!r} is not an origin (scheme://host[:port], no path, "
            "no wildcard, not null)"
        )
    return normal


class ExactOriginCors(CORSMiddleware):
    def preflight_response(self, request_headers: Headers) -> Response:
        answer = super().preflight_response(request_headers)
        if answer.status_code == 200:
            return answer
        body = graphql_error_body(
            "CORS preflight refused: origin, method or headers not allowed", "CORS_NOT_ALLOWED"
        )
        return JSONResponse(body, status_code=400, headers={"Vary": "Origin"})


def install_cors(
    app: FastAPI, origins: tuple[str, ...], headers: tuple[str, ...] = ALLOWED_HEADERS
) -> None:
    if not origins:
        return
    app.add_middleware(
        ExactOriginCors,
        allow_origins=[normalise_origin(origin) for origin in origins],
        allow_methods=["GET", "POST"],
        allow_headers=list(normalise_headers(headers)),
        expose_headers=["x-request-id", "retry-after"],
        allow_credentials=False,  # credentials travel in headers, never cookies
        max_age=600,
    )
