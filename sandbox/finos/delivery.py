"""Webhook delivery: signed JSON POSTs sent in the background, in order per endpoint.

Each event is serialised once; the exact bytes are signed with HMAC-SHA1 keyed
with the API key without its `sk_` prefix (`X-Request-Signature`, hex) and sent
with the webhook's basic auth when it has one. One httpx.AsyncClient, opened on
the first delivery and closed in `aclose`. A receiver that fails or hangs costs
nothing but its own delivery; no credential is ever logged.
"""

from __future__ import annotations

import asyncio
import base64
import fnmatch
import hashlib
import hmac
import json
import logging
from typing import Any
from urllib.parse import urlsplit

import httpx

from .store import Record

log = logging.getLogger(__name__)


def matches(patterns: list[str], event_type: str) -> bool:
    return any(fnmatch.fnmatchcase(event_type, pattern) for pattern in patterns)


def _host(url: str) -> str:
    """Host and port only: a URL's user info may hold a password."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


def sign(key: bytes, raw: bytes) -> str:
    return hmac.new(key, raw, hashlib.sha1).hexdigest()


class WebhookSender:
    def __init__(self, signing_key: bytes, timeout: float) -> None:
        self._key = signing_key
        self._timeout = timeout
        self._client: httpx.AsyncClient | None = None
        # One queue and one worker per endpoint URL: events reach a receiver in the
        # order they happened, as a receiver replaying a state machine needs.
        self._queues: dict[str, asyncio.Queue[tuple[Record, bytes]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def __repr__(self) -> str:
        return f"WebhookSender(endpoints={len(self._queues)})"

    def send(self, hooks: list[Record], event: dict[str, Any]) -> None:
        """Deliver `event` to every active hook subscribed to its type, in the background."""
        targets = [h for h in hooks if h["active"] and matches(h["events"], event["type"])]
        if not targets:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (called outside a request): nothing to send on
            return
        raw = json.dumps(event, separators=(",", ":")).encode()
        for hook in targets:
            config = dict(hook["config"])
            url = str(config.get("url", ""))
            queue = self._queues.get(url)
            if queue is None:
                queue = self._queues[url] = asyncio.Queue()
                task = loop.create_task(self._worker(queue))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            queue.put_nowait((config, raw))

    async def _worker(self, queue: asyncio.Queue[tuple[Record, bytes]]) -> None:
        while True:
            config, raw = await queue.get()
            await self._deliver(config, raw)

    async def _deliver(self, config: Record, raw: bytes) -> None:
        url = str(config.get("url", ""))
        headers = {
            "Content-Type": "application/json",
            "X-Request-Signature": sign(self._key, raw),
        }
        if config.get("basic_auth_username"):
            pair = f"{config['basic_auth_username']}:{config.get('basic_auth_password') or ''}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        try:
            if self._client is None:
                self._client = httpx.AsyncClient(timeout=self._timeout, trust_env=False)
            answer = await self._client.post(url, content=raw, headers=headers)
            log.debug("webhook to %s answered %s", _host(url), answer.status_code)
        except Exception as exc:  # a background delivery must never raise: the receiver's loss
            log.debug("webhook to %s failed: %s", _host(url), type(exc).__name__)

    async def aclose(self) -> None:
        tasks = list(self._tasks)
        self._queues.clear()
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()
            self._client = None
