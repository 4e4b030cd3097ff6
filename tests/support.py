"""Test support: serve an ASGI app on a loopback port, drive the sandbox controls."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn

from sandbox import ManualClock, Sandbox


def bind_loopback() -> socket.socket:
    """A listening socket on 127.0.0.1 and a free port."""
    # IPPROTO_TCP lets asyncio set TCP_NODELAY on accepted connections (see gateway.cli).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    return sock


@contextmanager
def serve_on_loopback(app: Any, sock: socket.socket | None = None, **options: Any) -> Iterator[str]:
    """Serve `app` with uvicorn on 127.0.0.1 (on `sock`, or a free port); yield its base URL.
    `options` are more uvicorn.Config arguments (the gateway's own: gateway.cli).

    The socket is listening before the server thread starts, so a request made
    at once waits in the backlog instead of failing: no polling, no sleeps.
    """
    sock = sock or bind_loopback()
    port = sock.getsockname()[1]
    # A short grace: a test that leaves a request sleeping in an injected fault must not
    # wait for it to end at teardown.
    # Idle connections are kept longer than any client pool here keeps them (httpx's
    # keepalive_expiry, 30 s by default), so a client never sends on a connection the
    # server is closing at that moment (uvicorn's own default is 5 s).
    config = uvicorn.Config(
        app,
        **{"lifespan": "on", "ws": "none", "timeout_keep_alive": 75, **options},
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


class SandboxControl:
    """The sandbox as a test sees it: URLs, request counts, faults, time."""

    def __init__(self, base_url: str, sandbox: Sandbox, clock: ManualClock) -> None:
        self.base_url = base_url  # http://127.0.0.1:PORT (the sandbox app root)
        self.sandbox = sandbox
        self.clock = clock
        self.http = httpx.Client(base_url=base_url, timeout=10.0, trust_env=False)

    def url(self, provider: str) -> str:
        """Base URL of one provider, e.g. http://127.0.0.1:PORT/finos."""
        return f"{self.base_url}/{provider}"

    def reset(self) -> None:
        self.http.post("/_reset").raise_for_status()

    def stats(self, provider: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = self.http.get("/_stats").raise_for_status().json()
        return data.get(provider, {}) if provider else data

    def calls(self, provider: str, key: str | None = None) -> int:
        """Requests seen by `provider` (for one "METHOD /template" key, or all)."""
        routes = self.stats(provider)
        return routes.get(key, 0) if key else sum(routes.values())

    def clear_stats(self) -> None:
        self.http.delete("/_stats").raise_for_status()

    def fault(self, **fault: Any) -> None:
        self.http.post("/_faults", json=fault).raise_for_status()

    def clear_faults(self) -> None:
        self.http.delete("/_faults").raise_for_status()

    def expire_tokens(self, provider: str) -> int:
        answer = self.http.post("/_expire_tokens", json={"provider": provider})
        return int(answer.raise_for_status().json()["expired"])

    def set_rate_limit(self, provider: str, per_hour: int) -> None:
        body = {"provider": provider, "per_hour": per_hour}
        self.http.post("/_rate_limits", json=body).raise_for_status()

    def advance(self, seconds: float) -> None:
        """Move the sandbox's clock (token expiry, rate-limit refill)."""
        self.clock.advance(seconds)
