"""`fingate serve --workers 2` for real: a supervisor, two worker processes on one port,
one standalone sandbox (`fingate sandbox`) as the providers; what must add up across
the workers does (tokens, idempotency, pacing), and the workers are kept running."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.peer_run import fingate_env

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"http://127\.0\.0\.1:\d+")
LOANS = "query { loans(first: 5) { edges { node { id } } } }"
ACCOUNTS = "query { accounts(first: 5) { edges { node { id } } } }"
MOLO = "query { applications(provider: MOLO, first: 5) { edges { node { id } } } }"
PLACE = """mutation ($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id } userErrors { code } } }"""
LOAN_CALLS = re.compile(r"^INFO \[(\d+)\] httpx HTTP Request: GET \S+/financeit/\S+/loans")


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    log: Path
    first_line: str

    def pids_that_called(self, pattern: re.Pattern[str]) -> set[str]:
        found = (pattern.match(line) for line in self.log.read_text().splitlines())
        return {m.group(1) for m in found if m}

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


@contextmanager
def serve(command: list[str], env: Mapping[str, str], log: Path) -> Iterator[Served]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FINGATE_")}
    with log.open("w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway.cli", *command, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env={**clean, **env},
            cwd=ROOT,
        )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = URL.search(first)
        assert match, f"no URL in {first!r}: {log.read_text()[-2000:]}"
        served = Served(match.group(0), process, log, first)
        with httpx.Client(trust_env=False, timeout=30) as http:  # ready: every worker up
            for _ in range(200):
                if http.get(served.url + "/readyz").status_code == 200:
                    break
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    log = tmp_path_factory.mktemp("sandbox") / "sandbox.log"
    env = {"FINGATE_SANDBOX_RATE_LIMIT_PER_HOUR": "0"}
    with serve(["sandbox"], env, log) as served:
        yield served


def gateway_env(sandbox: Served, data: Path, **extra: str) -> dict[str, str]:
    return {**fingate_env(sandbox.url, extra), "FINGATE_DATA_DIR": str(data)}


def ask(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """One request on a new connection (the kernel picks the worker per connection)."""
    with httpx.Client(trust_env=False, timeout=30) as http:
        answer = http.post(url + "/graphql", json={"query": query, "variables": variables})
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body


def stats(sandbox: Served) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = httpx.get(sandbox.url + "/_stats", trust_env=False).json()
    return found


def calls(sandbox: Served, provider: str, route: str) -> int:
    return stats(sandbox).get(provider, {}).get(route, 0)


def reset(sandbox: Served) -> None:
    """Reseeded, stats cleared; its rate limits stay off (FINGATE_SANDBOX_RATE_LIMIT_PER_HOUR)."""
    httpx.post(sandbox.url + "/_reset", trust_env=False).raise_for_status()


def test_two_workers_serve_and_share_one_token_fetch_and_one_write_per_key(
    sandbox: Served, tmp_path: Path
) -> None:
    reset(sandbox)
    env = gateway_env(sandbox, tmp_path / "data", FINGATE_WORKERS="2")
    with serve(["serve"], env, tmp_path / "gateway.log") as gateway:
        assert len(gateway.workers()) == 2
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda q: ask(gateway.url, q), [LOANS, MOLO] * 20))
        assert all("errors" not in a for a in answers), answers[:2]
        token = "POST /en/api/v3/accounts/create_user_oauth_token"
        assert calls(sandbox, "financeit", token) == 1  # 40 cold requests, 2 workers
        assert calls(sandbox, "molo", "POST /oauth/token/") == 1
        assert len(gateway.pids_that_called(LOAN_CALLS)) == 2  # both workers served

        account = ask(gateway.url, ACCOUNTS)["data"]["accounts"]["edges"][0]["node"]["id"]
        order = {
            "accountId": account,
            "symbol": "AAPL",
            "quantity": "1",
            "side": "BUY",
            "type": "MARKET",
            "idempotencyKey": "workers-one-key",
        }
        with ThreadPoolExecutor(10) as pool:
            placed = list(pool.map(lambda _: ask(gateway.url, PLACE, {"input": order}), range(10)))
        ids = {p["data"]["placeOrder"]["order"]["id"] for p in placed}
        assert len(ids) == 1, placed[:3]
        assert calls(sandbox, "finos", "POST /v1/orders") == 1


def test_outbound_pacing_adds_up_across_workers(sandbox: Served, tmp_path: Path) -> None:
    reset(sandbox)
    env = gateway_env(
        sandbox,
        tmp_path / "data",
        FINGATE_WORKERS="2",
        FINGATE_RESILIENCE__RATE_LIMITS__FINOS="12",  # an hour: 12 calls for both workers
        FINGATE_RESILIENCE__RATE_LIMIT_MAX_WAIT="0",
        FINGATE_RESILIENCE__CALLER_SHARE="0",
        FINGATE_RESILIENCE__DEDUP="false",
    )
    with serve(["serve"], env, tmp_path / "gateway.log") as gateway:
        answers = [ask(gateway.url, ACCOUNTS) for _ in range(30)]
        served = [a for a in answers if "errors" not in a]
        refused = [a for a in answers if "errors" in a]
        assert len(served) == 12
        codes = {e["extensions"]["code"] for a in refused for e in a["errors"]}
        assert codes == {"RATE_LIMITED"}
        assert calls(sandbox, "finos", "GET /v1/accounts") == 12


def test_a_killed_worker_is_replaced_and_sigterm_stops_every_process(
    sandbox: Served, tmp_path: Path
) -> None:
    env = gateway_env(sandbox, tmp_path / "data", FINGATE_WORKERS="2")
    with serve(["serve"], env, tmp_path / "gateway.log") as gateway:
        before = gateway.workers()
        os.kill(before[0], signal.SIGKILL)
        # the supervisor reaps it and starts another; every request keeps an answer
        answers = [ask(gateway.url, LOANS) for _ in range(20)]
        assert all("errors" not in a for a in answers)
        after = gateway.workers()
        assert len(after) == 2 and before[0] not in after and before[1] in after
        gateway.process.send_signal(signal.SIGTERM)
        assert gateway.process.wait(timeout=60) == 0
        for pid in after:
            assert not Path(f"/proc/{pid}").exists() or _zombie_or_gone(pid)
        assert "exited with -9; starting another" in gateway.log.read_text()


def _zombie_or_gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_the_embedded_sandboxes_serve_every_worker_from_one_process(tmp_path: Path) -> None:
    env = {"FINGATE_DATA_DIR": str(tmp_path / "data")}
    with serve(["serve", "--workers", "2"], env, tmp_path / "gateway.log") as gateway:
        assert len(gateway.workers()) == 3  # two workers and the sandbox process
        answers = [ask(gateway.url, LOANS) for _ in range(20)]
        assert all("errors" not in a for a in answers)
        assert len(gateway.pids_that_called(LOAN_CALLS)) == 2
        sandbox_url = re.findall(r"sandboxes at (http://127\.0\.0\.1:\d+)/", gateway.first_line)
        assert sandbox_url, gateway.first_line
        seen = httpx.get(sandbox_url[0] + "/_stats", trust_env=False).json()
        token = "POST /en/api/v3/accounts/create_user_oauth_token"
        assert seen["financeit"]["GET /en/api/v3/loans"] == 20  # one sandbox saw them all
        assert seen["financeit"][token] == 1
