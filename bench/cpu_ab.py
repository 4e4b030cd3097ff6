"""`python -m bench cpu-ab --a REV [--b REV]`: the gateway's CPU per request, two source
trees side by side, for a change that must leave speed the same or better.

One standalone sandbox (`fingate sandbox`, this tree's) serves both. For each round,
tree A then tree B (A/B/A/B...) is served by `fingate serve` pinned to one core
(`taskset -c --gateway-cpus`, default 1) run in that tree (its modules first on
sys.path; the server logs which file it loaded from), the embedded
sandboxes off and every provider at the standalone sandbox; this process and the
sandbox sit on the other core (`--load-cpus`, default 0). Each canonical operation
(bench.canonical) is warmed, its upstream calls counted once (the sandbox reseeded
before each server, so both trees see the same data), then sent `--requests`
times one after the other; the figure is the server's CPU time (utime + stime from
/proc) over those requests, per request. Per operation the result is the median over
rounds of each tree and the ratio B/A of the medians (under 1: B spends less). Writes
bench/results/<date>-cpu-ab.json and .md (`--name` adds to the file name). `--b`
defaults to this working tree; `--a-python`/`--b-python` serve a side with another
interpreter (a venv with other libraries: a library lever on the same tree).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from .analysis import total_calls
from .canonical import OPERATIONS, counts_only
from .peer_procs import StandaloneSandbox
from .peer_run import fingate_env
from .run import discover, variables_for, write_results
from .sandbox import SandboxControl
from .server import Server

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def checkout(rev: str, into: Path) -> Path:
    """A detached worktree of `rev` (or this working tree for ".")."""
    if rev == ".":
        return ROOT
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(into), rev],
        check=True,
    )
    return into


def remove_worktrees(trees: list[Path]) -> None:
    """The detached worktrees `checkout` made (this working tree stays)."""
    for tree in trees:
        if tree != ROOT:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False
            )


def stop(child: subprocess.Popen[Any]) -> None:
    """SIGTERM (the server shuts down), then kill after 30 s."""
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(30)
    except subprocess.TimeoutExpired:
        child.kill()


def wait_ready(url: str, seconds: float = 120) -> None:
    """Until `url`/readyz answers 200 (a child process starting), or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)  # polling a child process's readiness, not a test


def measure_tree(
    tree: Path,
    sandbox_url: str,
    work: Path,
    requests: int,
    cpus: str,
    python: str,
    only: tuple[str, ...] = (),
) -> dict[str, dict[str, Any]]:
    env = fingate_env(sandbox_url, {})
    control = SandboxControl(httpx.Client(base_url=sandbox_url), prefix="")
    control.reset()  # each tree starts from the same seeded data (orders placed are gone)
    found: dict[str, dict[str, Any]] = {}
    with (
        Server(env, work, cpus=cpus, cwd=tree, python=python) as server,
        httpx.Client(timeout=60) as client,
    ):
        gateway = SandboxControl(httpx.Client(base_url=server.url, timeout=60), prefix="")
        control.switch_off_rate_limits()
        found_ids = discover(gateway)
        keys = iter(range(10**9))

        def post(query: str, variables: dict[str, Any]) -> None:
            given = json.loads(json.dumps(variables).replace("__KEY__", f"ab-{next(keys)}"))
            answer = client.post(server.url + "/graphql", json={"query": query, "variables": given})
            answer.raise_for_status()
            body = answer.json()
            if body.get("errors"):
                raise RuntimeError(f"{tree}: {body['errors'][:2]}")

        for op in chosen(only):
            variables = variables_for(op, found_ids)
            for _ in range(3):
                post(op.query, variables)  # warm: tokens, reference data, parser caches
            control.clear_stats()
            post(op.query, variables)
            calls = total_calls({p: r for p, r in counts_only(control.stats()).items() if r})
            before = server.cpu_seconds()
            for _ in range(requests):
                post(op.query, variables)
            spent = server.cpu_seconds() - before
            found[op.name] = {"cpu_ms": 1000 * spent / requests, "calls": calls}
    return found


def chosen(only: tuple[str, ...]) -> list[Any]:
    """The canonical operations named (all of them when none is)."""
    return [op for op in OPERATIONS if not only or op.name in only]


def served_from(tree: Path, python: str) -> None:
    """Fail unless `python -m gateway.cli` run in `tree` imports that tree's code."""
    where = subprocess.run(
        [python, "-c", "import gateway; print(gateway.__file__)"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(tree.resolve()):
        raise RuntimeError(f"{tree} serves {where}, not its own code")


def run(args: argparse.Namespace) -> dict[str, Any]:
    os.sched_setaffinity(0, {int(c) for c in args.load_cpus.split(",")})
    with tempfile.TemporaryDirectory(prefix="fingate-cpu-ab-") as scratch:
        work = Path(scratch)
        trees = {"a": checkout(args.a, work / "a"), "b": checkout(args.b, work / "b")}
        pythons = {"a": args.a_python, "b": args.b_python}
        for side, tree in trees.items():
            served_from(tree, pythons[side])
        rounds: dict[str, list[dict[str, dict[str, Any]]]] = {"a": [], "b": []}
        try:
            with StandaloneSandbox(work, cpus=args.load_cpus) as sandbox:
                for index in range(args.rounds):
                    for side in ("a", "b"):
                        data = work / f"{side}{index}"
                        data.mkdir()
                        rounds[side].append(
                            measure_tree(
                                trees[side],
                                sandbox.url,
                                data,
                                args.requests,
                                args.gateway_cpus,
                                pythons[side],
                                tuple(args.only),
                            )
                        )
        finally:
            remove_worktrees(list(trees.values()))
    operations: dict[str, Any] = {}
    for op in chosen(tuple(args.only)):
        a = [r[op.name]["cpu_ms"] for r in rounds["a"]]
        b = [r[op.name]["cpu_ms"] for r in rounds["b"]]
        operations[op.name] = {
            "a_cpu_ms": [round(x, 2) for x in a],
            "b_cpu_ms": [round(x, 2) for x in b],
            "b_over_a": round(statistics.median(b) / statistics.median(a), 3),
            "a_calls": rounds["a"][0][op.name]["calls"],
            "b_calls": rounds["b"][0][op.name]["calls"],
        }
    return {
        "date": dt.date.today().isoformat(),
        "a": args.a,
        "b": args.b,
        "a_python": args.a_python,
        "b_python": args.b_python,
        "rounds": args.rounds,
        "requests": args.requests,
        "gateway_cpus": args.gateway_cpus,
        "load_cpus": args.load_cpus,
        "load_average": os.getloadavg(),
        "operations": operations,
    }


def report(figures: dict[str, Any]) -> str:
    lines = [
        f"# Gateway CPU per request: {figures['a']} (A) against {figures['b']} (B)",
        "",
        f"`python -m bench cpu-ab --a {figures['a']} --b {figures['b']}"
        + (
            f" --a-python {figures['a_python']} --b-python {figures['b_python']}"
            if figures["a_python"] != figures["b_python"]
            else ""
        )
        + "`: "
        f"{figures['rounds']} rounds A/B, {figures['requests']} sequential requests per "
        f"operation, gateway on core {figures['gateway_cpus']}, sandbox and client on core "
        f"{figures['load_cpus']}, load average at the end "
        + ", ".join(f"{x:.1f}" for x in figures["load_average"]),
        "",
        *(
            [f"A runs on `{figures['a_python']}`, B on `{figures['b_python']}`.", ""]
            if figures["a_python"] != figures["b_python"]
            else []
        ),
        "| operation | A: CPU ms/request, per round | B | B / A (medians) | calls A / B |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, op in figures["operations"].items():
        a = ", ".join(f"{x:.2f}" for x in op["a_cpu_ms"])
        b = ", ".join(f"{x:.2f}" for x in op["b_cpu_ms"])
        lines.append(
            f"| {name} | {a} | {b} | {op['b_over_a']:.2f} | {op['a_calls']} / {op['b_calls']} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench cpu-ab")
    parser.add_argument("--a", required=True, help="the base revision")
    parser.add_argument("--b", default=".", help="the revision compared (. : this tree)")
    parser.add_argument("--a-python", default=sys.executable, help="A's interpreter (a venv)")
    parser.add_argument("--b-python", default=sys.executable, help="B's interpreter (a venv)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--name", default="", help="added to the results' file name")
    parser.add_argument("--only", nargs="*", default=[], help="operation names (default: all)")
    parser.add_argument("--gateway-cpus", default="1")
    parser.add_argument("--load-cpus", default="0")
    args = parser.parse_args(argv)
    figures = run(args)
    stem = RESULTS / f"{figures['date']}-cpu-ab{'-' + args.name if args.name else ''}"
    write_results(stem, figures, report)
    print(report(figures))  # noqa: T201 (the report)
    return 0
