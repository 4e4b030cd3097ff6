"""Slow clients: a request's whole body must arrive within `timeout` seconds.

uvicorn times out idle keep-alive connections, not a request whose headers came
and whose body trickles (or stops): such a client would hold a connection and a
task for as long as it likes, authenticated or not. This middleware starts the
clock when the request reaches the app (its headers are in) and, if the last
body chunk has not arrived when it runs out, answers 408 with a coded JSON
error (`REQUEST_TIMEOUT`) and `Connection: close`, whatever the app was doing
with the body: anything the app sends after the deadline is dropped.

Once the body is complete, `receive` is the server's own again (waiting for a
disconnect is not a slow body).
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import graphql_error_body, send_json


class BodyTimedOut(Exception):
    """Raised from `receive` into the app when the deadline passes."""


class BodyTimeoutMiddleware:
    def __init__(self, app: ASGIApp, *, timeout: float) -> None:
        self.app = app
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.timeout
        complete = False
        timed_out = False
        started = False

        async def timed_receive() -> Message:
            nonlocal complete, timed_out
            if complete:
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                timed_out = True
                raise BodyTimedOut from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                complete = True
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if timed_out:
                return  # the 408 below is the answer
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, timed_receive, guarded_send)
        except Exception:
            if not timed_out:
                raise
            # BodyTimedOut, or whatever the app made of it: the answer is the 408
        if timed_out and not started:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = graphql_error_body(
            f"The request body was not received within {self.timeout:g} s",
            "REQUEST_TIMEOUT",
        )
        await send_json(send, 408, body, [(b"connection", b"close")])
