"""`python -m bench calls --a REV [--b REV] --only OP...`: Python function calls per request,
counted by cProfile in the serving process: a figure this noisy machine cannot move.

Each tree (a detached worktree of REV, or "." for this one) serves
`python -m cProfile -m gateway.cli serve` in its own directory over one standalone
sandbox (reseeded per tree, embedded sandboxes off). After 5 warm requests, the
profiler's count is taken, `--requests` requests are sent, and the count again: the
difference over the requests is the figure. CPU time under a profiler is not the
gateway's (bench.cpu_ab measures that); the number of calls made is, and it falls when
the work does. Writes bench/results/<date>-calls.json and prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from .cpu_ab import RESULTS, checkout, chosen, remove_worktrees, served_from, stop, wait_ready
from .peer_procs import StandaloneSandbox
from .peer_run import fingate_env
from .run import discover, variables_for
from .sandbox import SandboxControl
from .server import one_worker, serving_env

# the serving process under cProfile, with a route that reports the running count
SERVE = """
import cProfile, pstats, sys
import gateway.cli
profile = cProfile.Profile()

def count() -> int:
    profile.disable()
    try:
        return int(pstats.Stats(profile).total_calls)
    finally:
        profile.enable()

import gateway.app
make = gateway.app.create_app
def create_app(settings):
    app = make(settings)
    @app.get("/_calls")
    async def calls() -> dict[str, int]:
        return {"calls": count()}
    return app
gateway.app.create_app = create_app
gateway.cli.create_app = create_app
sys.argv = ["fingate", "serve", "--port", sys.argv[1]]
profile.enable()
gateway.cli.main()
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def count_tree(
    tree: Path, sandbox_url: str, work: Path, ops: list[Any], requests: int
) -> dict[str, float]:
    SandboxControl(httpx.Client(base_url=sandbox_url), prefix="").reset()
    port = _free_port()
    env = serving_env(work, one_worker(tree, fingate_env(sandbox_url, {})))
    child = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], cwd=tree, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url)
        found = discover(SandboxControl(httpx.Client(base_url=url, timeout=60), prefix=""))
        counts: dict[str, float] = {}
        with httpx.Client(base_url=url, timeout=120) as client:
            keys = iter(range(10**9))

            def post(name: str, text: str) -> None:
                given = json.loads(text.replace("__KEY__", f"calls-{next(keys)}"))
                answer = client.post("/graphql", json=given).json()
                if answer.get("errors"):
                    raise RuntimeError(f"{tree} {name}: {answer['errors'][:1]}")

            for op in ops:
                text = json.dumps({"query": op.query, "variables": variables_for(op, found)})
                for _ in range(5):
                    post(op.name, text)
                before = client.get("/_calls").json()["calls"]
                for _ in range(requests):
                    post(op.name, text)
                after = client.get("/_calls").json()["calls"]
                counts[op.name] = (after - before) / requests
        return counts
    finally:
        stop(child)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench calls")
    parser.add_argument("--a", required=True)
    parser.add_argument("--b", default=".")
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args(argv)
    ops = chosen(tuple(args.only))
    with tempfile.TemporaryDirectory(prefix="fingate-calls-") as scratch:
        work = Path(scratch)
        trees = {"a": checkout(args.a, work / "a"), "b": checkout(args.b, work / "b")}
        try:
            for tree in trees.values():
                served_from(tree, sys.executable)
            with StandaloneSandbox(work, cpus=None) as sandbox:
                counts = {}
                for side, tree in trees.items():
                    (work / f"data-{side}").mkdir()
                    counts[side] = count_tree(
                        tree, sandbox.url, work / f"data-{side}", ops, args.requests
                    )
        finally:
            remove_worktrees(list(trees.values()))
    figures = {
        "date": dt.date.today().isoformat(),
        "a": args.a,
        "b": args.b,
        "requests": args.requests,
        "calls_per_request": {
            op.name: {
                "a": round(counts["a"][op.name]),
                "b": round(counts["b"][op.name]),
                "b_over_a": round(counts["b"][op.name] / counts["a"][op.name], 3),
            }
            for op in ops
        },
    }
    (RESULTS / f"{figures['date']}-calls.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"python function calls per request, {args.a} (A) against {args.b} (B)")  # noqa: T201
    for name, row in figures["calls_per_request"].items():
        print(f"{name}: A {row['a']}  B {row['b']}  B/A {row['b_over_a']}")  # noqa: T201
    return 0
