"""The outermost HTTP boundary: every answer is JSON in the GraphQL error shape, with a code.

    what happened                               status   extensions.code
    an exception escaped the app (a route, a    500      INTERNAL_SERVER_ERROR, requestId
      dependency, a middleware)
    Starlette's own refusal (unknown path,      its      NOT_FOUND, METHOD_NOT_ALLOWED, ...
      method not allowed)

The escaped exception's text never reaches the client: it may hold data or
secrets. Its traceback is logged (through the redacting filter) with the
request id that the client gets in the body and in `X-Request-ID`. A
`CancelledError` is re-raised only when the request's own task is being
cancelled (the server shutting down); one that came from a wait shared with
another task is an error like any other. Installed inside RequestIdMiddleware
(it reads the id that middleware chose) and outside everything else.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .security.errors import graphql_error_body, send_json
from .security.requestid import STATE_KEY

log = logging.getLogger("fingate.errors")

STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "REQUEST_TOO_LARGE",
    414: "URI_TOO_LONG",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "BAD_REQUEST",
    429: "TOO_MANY_REQUESTS",
}


def code_for(status: int) -> str:
    if status >= 500:
        return "INTERNAL_SERVER_ERROR"
    return STATUS_CODES.get(status, "BAD_REQUEST")


def being_cancelled() -> bool:
    """Whether the running task itself was asked to stop (not merely handed a
    `CancelledError` by a future it awaited)."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


class ErrorBoundaryMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent: set[str] = set()  # "start", "end": how far the response got

        async def watching(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent.add("start")
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                sent.add("end")
            await send(message)

        try:
            await self.app(scope, receive, watching)
        except asyncio.CancelledError as exc:
            if being_cancelled():
                raise
            await self._fail(scope, send, exc, sent=sent)
        except Exception as exc:
            await self._fail(scope, send, exc, sent=sent)

    async def _fail(self, scope: Scope, send: Send, exc: BaseException, *, sent: set[str]) -> None:
        state = scope.setdefault("state", {})
        request_id = str(state.get(STATE_KEY) or uuid.uuid4().hex)
        state[STATE_KEY] = request_id
        log.error(
            "unexpected error answering %s %s (request %s)",
            scope.get("method", "-"),
            scope.get("path", "-"),
            request_id,
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        if "start" in sent:  # the status is out: only the body can still be ended
            if "end" not in sent:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        body = graphql_error_body(
            "Internal server error", "INTERNAL_SERVER_ERROR", requestId=request_id
        )
        await send_json(send, 500, body)


async def http_error_response(request: Request, exc: Exception) -> JSONResponse:  # noqa: ARG001
    """The app's handler for Starlette's HTTPException: its detail, in the GraphQL shape."""
    assert isinstance(exc, HTTPException)
    return JSONResponse(
        graphql_error_body(str(exc.detail), code_for(exc.status_code)),
        status_code=exc.status_code,
        headers=exc.headers,
    )
