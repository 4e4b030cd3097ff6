"""A request id on every response (`X-Request-ID`).

When an operation's unexpected error was masked, the id in the response header
is the `requestId` the client got in the error, which is also in the log line
holding the traceback; otherwise it is a fresh id (or the caller's own, when it
sent a well-formed one).
"""

from __future__ import annotations

import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = b"x-request-id"
STATE_KEY = "request_id"
_WELL_FORMED = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(HEADER, b"")
        state = scope.setdefault("state", {})
        state[STATE_KEY] = given.decode() if _WELL_FORMED.match(given) else uuid.uuid4().hex

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != HEADER]
                headers.append((HEADER, str(state[STATE_KEY]).encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_id)
