"""`Idempotency-Key` on POST: a replay gets the first answer, never a second effect.

The reference only says that a 409 may come from "using the same idempotent
key"; the rest is the plain choice (Stripe's): keys are scoped to the API key;
the same key with the same method, path and body replays the stored status and
body (with `Idempotent-Replayed: true`); with anything else it is a 409. A key
whose first request is still running is a 409 too. 5xx answers are not stored,
so a failed attempt may be retried under the same key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .auth import header, key_of
from .errors import INVALID_REQUEST, response


@dataclass
class Stored:
    fingerprint: str
    status: int = 0
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""
    done: bool = False


class IdempotencyStore:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], Stored] = {}

    def clear(self) -> None:
        self.entries.clear()


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, store: IdempotencyStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = header(scope, b"idempotency-key") if scope["type"] == "http" else ""
        if not key or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        raw = await _read_body(receive)
        fingerprint = hashlib.sha256(
            scope["method"].encode() + b" " + scope["path"].encode() + b"\n" + raw
        ).hexdigest()
        slot = (key_of(header(scope, b"authorization")) or "", key)
        stored = self.store.entries.get(slot)
        if stored is not None:
            if stored.fingerprint != fingerprint:
                message = "Idempotency-Key was already used with a different request"
            elif not stored.done:
                message = "A request with this Idempotency-Key is still in progress"
            else:
                headers = [*stored.headers, (b"idempotent-replayed", b"true")]
                start = {"type": "http.response.start", "status": stored.status}
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": stored.body})
                return
            await response(409, INVALID_REQUEST, message)(scope, receive, send)
            return

        entry = Stored(fingerprint)
        self.store.entries[slot] = entry
        sent = False

        async def replay_receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": raw, "more_body": False}
            return await receive()

        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = int(message["status"])
                entry.headers = [
                    (bytes(k), bytes(v))
                    for k, v in message.get("headers", [])
                    if bytes(k).lower() != b"content-length"
                ]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_receive, capture)
        finally:
            if entry.status and entry.status < 500:
                entry.body = b"".join(chunks)
                entry.headers.append((b"content-length", str(len(entry.body)).encode()))
                entry.done = True
            else:
                self.store.entries.pop(slot, None)
