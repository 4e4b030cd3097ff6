"""The security error tree: what the gateway refuses, and how it says so.

    SecurityError                      HTTP    extensions.code
    ├── Unauthenticated                401     UNAUTHENTICATED (+ WWW-Authenticate)
    ├── InsecureConfiguration          -       refused at start, never sent to a client
    └── BudgetExceeded                 429     COST_BUDGET_EXCEEDED (+ Retry-After)

Refusals that happen inside a GraphQL operation (too deep, too expensive, a
persisted query unknown) are GraphQL errors with their own codes, built where
they are detected.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.types import Send


class SecurityError(Exception):
    """A request or a configuration the gateway refuses."""


class Unauthenticated(SecurityError):
    """Missing or invalid credentials. The message is shown to the client: it never
    holds the token or the reason a signature failed in detail."""

    def __init__(self, message: str = "Authentication required", *, scheme: str = "Bearer") -> None:
        super().__init__(message)
        self.message = message
        self.scheme = scheme


class InsecureConfiguration(SecurityError):
    """Settings that would expose real providers without client authentication."""


class BudgetExceeded(SecurityError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Cost budget spent; retry after {retry_after} s")
        self.retry_after = retry_after


def graphql_error_body(message: str, code: str, **extensions: Any) -> dict[str, Any]:
    """A GraphQL-shaped body for a refusal made before execution."""
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


async def unauthenticated_response(request: Request, exc: Exception) -> JSONResponse:  # noqa: ARG001
    """The app's handler for Unauthenticated (raised while building the context)."""
    assert isinstance(exc, Unauthenticated)
    challenge = f'{exc.scheme} realm="fingate"'
    if exc.scheme == "Bearer":
        challenge += ', error="invalid_token"'
    return JSONResponse(
        graphql_error_body(exc.message, "UNAUTHENTICATED"),
        status_code=401,
        headers={"WWW-Authenticate": challenge},
    )


async def send_json(
    send: Send, status: int, body: object, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    payload = orjson.dumps(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
