"""`python -m bench floor`: the gateway's CPU per request next to the framework floor.

One standalone sandbox (`fingate sandbox`) on `--load-cpus` with this process. For each
round: this tree's `fingate serve` (one worker, pinned to `--gateway-cpus`) answers every
canonical operation (bench.canonical): warmed, its response captured (asked once more
with `__typename` in every selection set, for the floor's abstract types), then
`--requests` sequential requests, the figure being the server's CPU time (/proc) per
request. Then the floor (bench/floor_app.py: strawberry + FastAPI + uvicorn on the same
server settings, answering each operation's captured response from memory) on the same
core, checked to answer the same data, measured the same way. Writes
bench/results/<date>-floor.json and .md with issue 12's CPU targets (point 2).
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
from graphql import FieldNode, NameNode, SelectionSetNode, parse, print_ast
from graphql.language import Visitor, visit

from .calls import _free_port
from .canonical import OPERATIONS, Operation
from .cpu_ab import RESULTS, ROOT, stop, wait_ready
from .peer_procs import StandaloneSandbox
from .peer_run import fingate_env
from .run import discover, log, variables_for, write_results
from .sandbox import SandboxControl
from .server import Server, cpu_seconds

# issue 12, point 2: gateway CPU ms per request, 0 ms upstream
TARGETS = {"dashboard": 15.0, "customer_360": 5.0, "loan_quote": 1.0, "place_order": 1.0}
LIST_PAGE_TARGET = 1.5


class _AddTypenames(Visitor):
    def leave_selection_set(self, node: SelectionSetNode, *_: Any) -> SelectionSetNode:
        names = {s.name.value for s in node.selections if isinstance(s, FieldNode)}
        if "__typename" in names:
            return node
        typename = FieldNode(name=NameNode(value="__typename"), arguments=(), directives=())
        return SelectionSetNode(selections=(*node.selections, typename))


def with_typenames(query: str) -> str:
    """The operation with `__typename` asked in every selection set."""
    return print_ast(visit(parse(query), _AddTypenames()))


def first_difference(a: Any, b: Any, path: str = "") -> str | None:
    """Where two JSON values first differ (None: they are equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            found = first_difference(a.get(key), b.get(key), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {str(a)[:80]} != {str(b)[:80]}"


def target_for(op: Operation) -> float:
    return TARGETS.get(op.name, LIST_PAGE_TARGET)


class Poster:
    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=60)
        self.keys = iter(range(10**9))

    def post(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        given = json.loads(json.dumps(variables).replace("__KEY__", f"floor-{next(self.keys)}"))
        answer = self.http.post("/graphql", json={"query": query, "variables": given})
        answer.raise_for_status()
        body: dict[str, Any] = answer.json()
        if body.get("errors"):
            raise RuntimeError(f"{query[:60]!r}: {body['errors'][:2]}")
        return body

    def cpu_ms(self, pid: int, query: str, variables: dict[str, Any], requests: int) -> float:
        for _ in range(3):
            self.post(query, variables)  # warm
        before = cpu_seconds(pid)
        for _ in range(requests):
            self.post(query, variables)
        return 1000 * (cpu_seconds(pid) - before) / requests


def measure_gateway(
    sandbox_url: str, work: Path, args: argparse.Namespace, captures: dict[str, Any]
) -> tuple[dict[str, float], dict[str, dict[str, Any]]]:
    SandboxControl(httpx.Client(base_url=sandbox_url), prefix="").reset()
    spent: dict[str, float] = {}
    plain: dict[str, dict[str, Any]] = {}
    with Server(fingate_env(sandbox_url, {}), work, cpus=args.gateway_cpus, cwd=ROOT) as server:
        found = discover(SandboxControl(httpx.Client(base_url=server.url, timeout=60), prefix=""))
        poster = Poster(server.url)
        for op in OPERATIONS:
            variables = variables_for(op, found)
            spent[op.name] = poster.cpu_ms(server.pid, op.query, variables, args.requests)
            plain[op.name] = poster.post(op.query, variables)["data"]
            if op.query not in captures:
                captures[op.query] = poster.post(with_typenames(op.query), variables)["data"]
    return spent, plain


def measure_floor(
    work: Path, args: argparse.Namespace, captures: dict[str, Any], plain: dict[str, Any]
) -> dict[str, float]:
    path = work / "captures.json"
    path.write_text(json.dumps(captures))
    port = _free_port()
    command = ["taskset", "-c", args.gateway_cpus, sys.executable, "-m", "bench.floor_app"]
    child = subprocess.Popen([*command, str(path), str(port)], cwd=ROOT)
    spent: dict[str, float] = {}
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(url)
        poster = Poster(url)
        for op in OPERATIONS:
            variables = variables_for(op, {"customer_id": "x", "account_id": "x"})
            answer = poster.post(op.query, variables)["data"]
            if not op.mutation and answer != plain[op.name]:
                where = first_difference(answer, plain[op.name])
                raise RuntimeError(f"the floor's {op.name} is not the gateway's answer at {where}")
            spent[op.name] = poster.cpu_ms(child.pid, op.query, variables, args.requests)
    finally:
        stop(child)
    return spent


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"# Gateway CPU per request against the framework floor, {results['date']}",
        "",
        f"`python -m bench floor`: {results['rounds']} rounds, gateway then floor, each pinned "
        f"to core {results['gateway_cpus']} (sandbox and client on core {results['load_cpus']});"
        f" {results['requests']} sequential requests per operation after 3 warm ones; CPU is "
        "the serving process's user + system time. Floor: strawberry + FastAPI + uvicorn on "
        "the gateway's server settings answering the same response from memory "
        "(bench/floor_app.py). Load average at the end "
        + ", ".join(f"{x:.1f}" for x in results["load_average"])
        + ".",
        "",
        "| operation | gateway CPU ms/request, per round | floor | gateway / floor | target "
        "(issue 12) | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, row in results["operations"].items():
        gateway, floor = row["gateway_cpu_ms"], row["floor_cpu_ms"]
        g, f = statistics.median(gateway), statistics.median(floor)
        met = "yes" if g <= row["target_ms"] else "**no**"
        lines.append(
            f"| {name} | {', '.join(f'{x:.2f}' for x in gateway)} | "
            f"{', '.join(f'{x:.2f}' for x in floor)} | {f'{g / f:.1f}x' if f else '-'} | "
            f"<= {row['target_ms']} ms"
            f" | {met} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench floor")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--gateway-cpus", default="1")
    parser.add_argument("--load-cpus", default="0")
    args = parser.parse_args(argv)
    os.sched_setaffinity(0, {int(c) for c in args.load_cpus.split(",")})
    rounds: list[tuple[dict[str, float], dict[str, float]]] = []
    captures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="fingate-floor-") as scratch:
        work = Path(scratch)
        with StandaloneSandbox(work, cpus=args.load_cpus) as sandbox:
            for index in range(args.rounds):
                data = work / f"gateway-{index}"
                data.mkdir()
                gateway, plain = measure_gateway(sandbox.url, data, args, captures)
                floor = measure_floor(work, args, captures, plain)
                rounds.append((gateway, floor))
                log(f"floor round {index + 1}: gateway {gateway} floor {floor}")
    results = {
        "date": dt.date.today().isoformat(),
        "rounds": args.rounds,
        "requests": args.requests,
        "gateway_cpus": args.gateway_cpus,
        "load_cpus": args.load_cpus,
        "load_average": os.getloadavg(),
        "operations": {
            op.name: {
                "gateway_cpu_ms": [round(g[op.name], 2) for g, _ in rounds],
                "floor_cpu_ms": [round(f[op.name], 2) for _, f in rounds],
                "target_ms": target_for(op),
            }
            for op in OPERATIONS
        },
    }
    write_results(RESULTS / f"{results['date']}-floor", results, markdown)
    return 0
