"""Graceful shutdown of a real `fingate serve`: SIGTERM lets in-flight requests finish
within the grace period, and the listening socket is closed at once."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

URL = re.compile(r"http://127\.0\.0\.1:(\d+)")
TEAMS = "GET /api/v1/teams"


def _refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        return True
    except TimeoutError:  # queued in a backlog nobody accepts: not refused either
        return False
    return False


def test_sigterm_finishes_the_in_flight_request_and_refuses_new_connections(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FINGATE_")}
    env["FINGATE_DATA_DIR"] = str(tmp_path / "data")
    env["FINGATE_RESILIENCE__SHUTDOWN_GRACE"] = "5"
    proc = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", "serve", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        match = URL.search(proc.stdout.readline())
        assert match
        port = int(match.group(1))
        url = f"http://127.0.0.1:{port}"
        control = httpx.Client(base_url=url, timeout=10.0, trust_env=False)
        # Finmo answers teams after 1.5 s: the request is in flight when SIGTERM arrives.
        control.post(
            "/sandbox/_faults", json={"provider": "finmo", "latency_ms": 1500}
        ).raise_for_status()
        answer: dict[str, Any] = {}

        def ask() -> None:
            with httpx.Client(base_url=url, timeout=30.0, trust_env=False) as http:
                query = "{ teams(first: 2) { edges { node { id } } } }"
                answer["response"] = http.post("/graphql", json={"query": query})
                answer["at"] = time.monotonic()

        asking = threading.Thread(target=ask)
        asking.start()
        deadline = time.monotonic() + 10
        while control.get("/sandbox/_stats").json().get("finmo", {}).get(TEAMS, 0) == 0:
            assert time.monotonic() < deadline, "the request never reached the provider"
        control.close()
        proc.send_signal(signal.SIGTERM)
        terminated = time.monotonic()
        # uvicorn closes its listening socket, then says it waits for open connections:
        # read its log up to that line (no polling), then one connection attempt must fail.
        assert proc.stderr is not None
        seen: list[str] = []
        while not any("Waiting for connections to close" in line for line in seen):
            line = proc.stderr.readline()
            assert line, "the server ended without waiting for the in-flight request"
            seen.append(line)
        assert _refused(port), "still accepting connections after SIGTERM"
        refused_at = time.monotonic()
        asking.join(timeout=15)
        response: httpx.Response = answer["response"]
        assert response.status_code == 200
        assert len(response.json()["data"]["teams"]["edges"]) == 2
        assert refused_at < answer["at"]  # refused new ones while finishing the old one
        assert answer["at"] - terminated < 5  # within the grace period
        _, rest = proc.communicate(timeout=15)
        stderr = "".join(seen) + rest
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode in (0, -signal.SIGTERM), stderr[-2000:]
    assert "Application shutdown complete" in stderr
