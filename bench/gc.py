"""`python -m bench gc --a REV [--b REV]`: what the cyclic garbage collector costs the
gateway, two source trees side by side, on the N+1 shape with in-flight dedup off.

Each tree (a detached worktree of REV, or "." for this one) serves `fingate serve`
(one worker) pinned to `--gateway-cpus`, over one standalone sandbox on `--load-cpus`
with wrk. The serving process records, through `gc.callbacks`, the CPU time of every
collection and the collections per generation, and can report the objects a window
of requests left in reference cycles (`gc.DEBUG_SAVEALL`). Per tree and round: the
objects left in cycles per request (50 sequential requests), then wrk at each
`--connections` for `--seconds`: req/s, CPU ms per request, of it GC ms per request,
and the collections. Rounds alternate A, B, A, B. Writes bench/results/<date>-gc.json
and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from .calls import _free_port
from .cpu_ab import RESULTS, checkout, remove_worktrees, served_from, stop, wait_ready
from .load import ensure_wrk, run_wrk
from .peer_procs import StandaloneSandbox
from .peer_queries import ORDERS
from .peer_run import fingate_env
from .run import log, machine, run_footer, write_results
from .sandbox import SandboxControl
from .server import one_worker, serving_env

# the serving process, with its collections timed and two routes to read them
SERVE = """
import gc, sys, time
spent = [0.0]
collections = [0, 0, 0]
started = [0.0]
def timed(phase, info):
    if phase == "start":
        started[0] = time.process_time()
    else:
        spent[0] += time.process_time() - started[0]
        collections[info["generation"]] += 1
gc.callbacks.append(timed)

import gateway.app, gateway.cli
make = gateway.app.create_app
def create_app(settings, **kwargs):
    app = make(settings, **kwargs)
    @app.get("/_gc")
    async def figures() -> dict:
        return {"gc_seconds": spent[0], "collections": collections, "cpu": time.process_time()}
    @app.post("/_garbage/start")
    async def start() -> dict:
        gc.collect()
        gc.set_debug(gc.DEBUG_SAVEALL)
        return {}
    @app.post("/_garbage/stop")
    async def stop() -> dict:
        gc.collect()
        found = len(gc.garbage)
        gc.set_debug(0)
        gc.garbage.clear()
        return {"objects": found}
    return app
gateway.app.create_app = create_app
gateway.cli.create_app = create_app
sys.argv = ["fingate", "serve", "--port", sys.argv[1]]
gateway.cli.main()
"""

DEDUP_OFF = {"FINGATE_RESILIENCE__DEDUP": "false"}


def measure_tree(
    tree: Path, sandbox_url: str, work: Path, args: argparse.Namespace, wrk: str
) -> dict[str, Any]:
    port = _free_port()
    env = serving_env(work, one_worker(tree, fingate_env(sandbox_url, DEDUP_OFF)))
    command = ["taskset", "-c", args.gateway_cpus, sys.executable, "-c", SERVE, str(port)]
    child = subprocess.Popen(command, cwd=tree, env=env)
    url = f"http://127.0.0.1:{port}"
    body = {"query": ORDERS.fingate, "variables": {}}
    found: dict[str, Any] = {}
    try:
        wait_ready(url)
        with httpx.Client(base_url=url, timeout=120) as client:
            run_wrk(wrk, url, body, work / "body.json", 10, 3, 0, cpus=args.load_cpus)  # warm
            client.post("/_garbage/start")
            for _ in range(50):
                answer = client.post("/graphql", json=body).json()
                if answer.get("errors"):
                    raise RuntimeError(f"{tree}: {answer['errors'][:1]}")
            found["cycle_objects_per_request"] = (
                client.post("/_garbage/stop").json()["objects"] / 50
            )
            for connections in args.connections:
                before = client.get("/_gc").json()
                run = run_wrk(
                    wrk,
                    url,
                    body,
                    work / "body.json",
                    connections,
                    args.seconds,
                    0,
                    cpus=args.load_cpus,
                )
                after = client.get("/_gc").json()
                done = max(run.requests, 1)
                found[str(connections)] = {
                    "requests": run.requests,
                    "errors": run.errors,
                    "throughput_rps": round(run.throughput, 1),
                    "cpu_ms_per_request": round(1000 * (after["cpu"] - before["cpu"]) / done, 2),
                    "gc_ms_per_request": round(
                        1000 * (after["gc_seconds"] - before["gc_seconds"]) / done, 2
                    ),
                    "collections": [
                        a - b
                        for a, b in zip(after["collections"], before["collections"], strict=True)
                    ],
                }
    finally:
        stop(child)
    return found


def _median(rounds: list[dict[str, Any]], *keys: str) -> float:
    values = []
    for figures in rounds:
        value: Any = figures
        for key in keys:
            value = value[key]
        values.append(value)
    return float(round(statistics.median(values), 2))


def markdown(results: dict[str, Any]) -> str:
    a, b = results["a"], results["b"]
    rounds = results["rounds"]
    lines = [
        f"# The garbage collector's cost: {a} (A) against {b} (B), {results['date']}",
        "",
        f"`python -m bench gc --a {a} --b {b}`: {ORDERS.title}, dedup off; the gateway "
        f"(one worker) on core {results['method']['gateway_cpus']}, sandbox and wrk on core "
        f"{results['method']['load_cpus']}; {results['method']['rounds']} rounds A/B, "
        f"{results['method']['seconds']} s per wrk run; load average at the end "
        f"{results['machine'].get('load1_at_end')}. GC time: the CPU time of every collection "
        "(`gc.callbacks`) in the serving process.",
        "",
        "| figure | A | B | B / A |",
        "| --- | --- | --- | --- |",
    ]

    def row(title: str, *keys: str) -> None:
        x, y = _median(rounds["a"], *keys), _median(rounds["b"], *keys)
        ratio = f"{y / x:.2f}" if x else "-"
        lines.append(f"| {title} | {x} | {y} | {ratio} |")

    row("objects left in reference cycles per request", "cycle_objects_per_request")
    for c in results["method"]["connections"]:
        key = str(c)
        row(f"c={c}: req/s", key, "throughput_rps")
        row(f"c={c}: CPU ms per request", key, "cpu_ms_per_request")
        row(f"c={c}: of it, garbage collection ms per request", key, "gc_ms_per_request")
        for side in ("a", "b"):
            spans = [str(r[key]["collections"]) for r in rounds[side]]
            lines.append(
                f"| c={c}: collections by generation, {side.upper()} | {'; '.join(spans)} | | |"
            )
    lines.append("")
    lines.append("Figures are medians over the rounds.")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench gc")
    parser.add_argument("--a", required=True)
    parser.add_argument("--b", default=".")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, nargs="+", default=[10, 200])
    parser.add_argument("--gateway-cpus", default="1")
    parser.add_argument("--load-cpus", default="0")
    parser.add_argument("--report-only", metavar="JSON", type=Path)
    args = parser.parse_args(argv)
    if args.report_only:
        saved = json.loads(args.report_only.read_text())
        args.report_only.with_suffix(".md").write_text(markdown(saved))
        return 0
    wrk = ensure_wrk()
    os.sched_setaffinity(0, {int(c) for c in args.load_cpus.split(",")})
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "a": args.a,
        "b": args.b,
        "machine": machine(wrk),
        "method": {
            k: getattr(args, k)
            for k in ("rounds", "seconds", "connections", "gateway_cpus", "load_cpus")
        },
        "rounds": {"a": [], "b": []},
    }
    with tempfile.TemporaryDirectory(prefix="fingate-gc-") as scratch:
        work = Path(scratch)
        trees = {"a": checkout(args.a, work / "a"), "b": checkout(args.b, work / "b")}
        try:
            for tree in trees.values():
                served_from(tree, sys.executable)
            with StandaloneSandbox(work, cpus=args.load_cpus) as sandbox:
                SandboxControl(
                    httpx.Client(base_url=sandbox.url), prefix=""
                ).switch_off_rate_limits()
                for index in range(args.rounds):
                    for side, tree in trees.items():
                        data = work / f"data-{side}-{index}"
                        data.mkdir()
                        figures = measure_tree(tree, sandbox.url, data, args, wrk)
                        results["rounds"][side].append(figures)
                        log(f"gc {side} round {index + 1}: {figures}")
        finally:
            remove_worktrees(list(trees.values()))
    run_footer(results)
    write_results(RESULTS / f"{results['date']}-gc", results, markdown)
    return 0
