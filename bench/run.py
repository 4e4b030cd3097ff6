"""`python -m bench`: start fingate, inject latency, load it with wrk, write bench/results/.

For the gateway (defaults) and the naive baseline (FINGATE_DATALOADERS=false,
FINGATE_REFERENCE_CACHE=false), one server process each, one after the other:

1. switch the sandbox rate limits off (load runs exceed 10,000 requests an hour);
2. for each injected latency (50, 20, 0 ms on every upstream call) and operation: warm it,
   count the upstream calls of one request against the floor, then run wrk at each
   concurrency, bounded by --seconds and --budget requests;
3. record the server's peak RSS.
Then a third server runs under pyinstrument for the profile (no injected latency).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from .analysis import NoSamples, floor_gap, run_seconds, total_calls
from .canonical import OPERATIONS, Operation, by_name, counts_only
from .load import ensure_wrk, run_wrk
from .sandbox import SandboxControl
from .server import NAIVE, Server

RESULTS = Path(__file__).parent / "results"
WIDE = {"FINGATE_PER_KEY_CONCURRENCY": "64"}


@dataclass(frozen=True)
class Mode:
    env: dict[str, str]
    operations: tuple[str, ...] | None = None  # None: every canonical operation
    latencies: tuple[int, ...] | None = None  # None: every latency asked for
    lever: bool = False  # runs under --lever-python (a venv with uvloop and httptools)


MODES: dict[str, Mode] = {
    "gateway": Mode({}),
    "naive": Mode(NAIVE),
    # A settings lever, measured beside the defaults: per-key fan-out of 64 instead of 32.
    "wide": Mode(WIDE, ("dashboard", "customer_360"), (50, 20)),
    # A library lever: uvicorn picks uvloop and httptools when they are importable.
    "uvloop": Mode({}, ("dashboard", "financeit_loans", "finmo_applications"), (50, 0), True),
}


def plan(latency_ms: int, op: Operation) -> list[int]:
    """Concurrencies to run: the full set at 50 ms; c=1 at 20 ms (the critical-path
    slope); at 0 ms c=1 everywhere and c=10, 50 on list pages (throughput)."""
    if latency_ms == 50:
        return [1, 10, 50]
    if latency_ms == 20:
        return [1]
    return [1, 10, 50] if op.list_page else [1]


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def discover(control: SandboxControl) -> dict[str, Any]:
    """What the operations need from this seed: a customer at several providers, an
    account to order in, and whether placeOrder exists yet."""
    people = control.graphql(
        "{ borrowers(first: 10, providers: [FINOS]) { edges { node { id"
        " profiles { provider } } } } }"
    )["data"]["borrowers"]["edges"]
    customer = max(people, key=lambda e: len({p["provider"] for p in e["node"]["profiles"]}))
    mutation = control.graphql('{ __type(name: "Mutation") { fields { name } } }')["data"]
    fields = {f["name"] for f in ((mutation or {}).get("__type") or {}).get("fields") or []}
    account = control.graphql("{ accounts(first: 1) { edges { node { id } } } }")
    return {
        "customer_id": customer["node"]["id"],
        "place_order": "placeOrder" in fields,
        "account_id": account["data"]["accounts"]["edges"][0]["node"]["id"],
    }


def variables_for(op: Operation, found: dict[str, Any]) -> dict[str, Any]:
    if op.name == "customer_360":
        return {"id": found["customer_id"]}
    if op.name == "place_order":
        return {
            "input": {
                "accountId": found["account_id"],
                "symbol": "AAPL",
                "quantity": "1",
                "side": "BUY",
                "type": "MARKET",
                "idempotencyKey": "__KEY__",
            }
        }
    return {}


def measure_calls(control: SandboxControl, op: Operation, variables: dict[str, Any]) -> Any:
    """Upstream calls of one request on a warm gateway (tokens left out: held warm)."""
    concrete = json.loads(json.dumps(variables).replace("__KEY__", "bench-probe"))
    for _ in range(2):
        control.graphql(op.query, concrete)  # warm: tokens, reference data, indexes
    concrete = json.loads(json.dumps(variables).replace("__KEY__", "bench-probe-2"))
    control.clear_stats()
    answer = control.graphql(op.query, concrete)
    calls = counts_only(control.stats())
    calls = {p: r for p, r in calls.items() if r}
    if answer.get("errors"):
        log(f"  {op.name}: errors {answer['errors'][:1]}")
    floor = op.floor(answer["data"]) if answer.get("data") else {}
    return {
        "calls": calls,
        "calls_total": total_calls(calls),
        "floor": floor,
        "floor_total": total_calls(floor),
        "floor_gap": floor_gap(calls, floor),
        "errors": len(answer.get("errors") or []),
        "first_error": _describe(answer.get("errors")),
    }


def _describe(errors: list[dict[str, Any]] | None) -> str | None:
    if not errors:
        return None
    code = (errors[0].get("extensions") or {}).get("code", "")
    return f"{code}: {errors[0].get('message', '')}"[:200]


def run_mode(mode: str, args: argparse.Namespace, wrk: str, work: Path) -> dict[str, Any]:
    spec = MODES[mode]
    result: dict[str, Any] = {"env": spec.env, "operations": {}}
    with (
        Server(spec.env, work / mode, python=args.lever_python if spec.lever else None) as server,
        httpx.Client(base_url=server.url, timeout=60) as client,
    ):
        control = SandboxControl(client)
        control.switch_off_rate_limits()
        found = discover(control)
        result["customer_id"] = found["customer_id"]
        operations = [
            op
            for op in OPERATIONS
            if (args.only is None or op.name in args.only)
            and (spec.operations is None or op.name in spec.operations)
        ]
        latencies = [x for x in args.latencies if spec.latencies is None or x in spec.latencies]
        for latency in latencies:
            control.inject_latency(latency)
            for op in operations:
                entry = result["operations"].setdefault(op.name, {"title": op.title, "runs": {}})
                if op.name == "place_order" and not found["place_order"]:
                    entry.update(available=False, reason="no placeOrder in the schema yet")
                    continue
                variables = variables_for(op, found)
                probe = measure_calls(control, op, variables)
                if probe["errors"]:
                    # Not measured: figures of a failing operation would mislead.
                    entry.update(available=False, reason=probe["first_error"])
                    continue
                entry["available"] = True
                entry.setdefault("calls_at", {})[str(latency)] = probe
                last_rps: float | None = None
                for connections in plan(latency, op):
                    control.clear_stats()
                    seconds = run_seconds(connections, last_rps, args.seconds, args.max_seconds)
                    cpu_before = server.cpu_seconds()
                    try:
                        run = run_wrk(
                            wrk,
                            server.url,
                            {"query": op.query, "variables": variables},
                            work / "body.json",
                            connections,
                            seconds,
                            args.budget,
                        )
                    except NoSamples as exc:
                        entry["runs"].setdefault(str(latency), {})[str(connections)] = {
                            "saturated": str(exc),
                            "seconds": seconds,
                        }
                        log(f"{mode:7} {latency:2} ms {op.name:20} c={connections:<2} {exc}")
                        continue
                    last_rps = run.throughput
                    cpu = server.cpu_seconds() - cpu_before
                    upstream = total_calls(counts_only(control.stats()))
                    figures = {
                        "requests": run.requests,
                        "errors": run.errors,
                        "p50_ms": round(run.p50_ms, 2),
                        "p95_ms": round(run.p95_ms, 2),
                        "p99_ms": round(run.p99_ms, 2),
                        "mean_ms": round(run.mean_ms, 2),
                        "throughput_rps": round(run.throughput, 1),
                        "budget_hit": run.budget_hit,
                        "upstream_calls_per_request": round(upstream / max(run.requests, 1), 2),
                        "seconds": seconds,
                        # serving process CPU per request (gateway and its in-process sandboxes)
                        "cpu_ms_per_request": round(1000 * cpu / max(run.requests, 1), 2),
                        # other work on this machine skews figures: keep the evidence
                        "load1": round(os.getloadavg()[0], 2),
                    }
                    entry["runs"].setdefault(str(latency), {})[str(connections)] = figures
                    log(
                        f"{mode:7} {latency:2} ms {op.name:20} c={connections:<2}"
                        f" p50={run.p50_ms:7.1f} p95={run.p95_ms:7.1f} p99={run.p99_ms:7.1f}"
                        f" rps={run.throughput:6.1f} n={run.requests} err={run.errors}"
                        f" calls/req={figures['upstream_calls_per_request']}"
                        f" cpu/req={figures['cpu_ms_per_request']}ms load1={figures['load1']}"
                    )
        control.inject_latency(0)
        result["peak_rss_mb"] = round(server.peak_rss_mb(), 1)
    return result


def run_profile(args: argparse.Namespace, wrk: str, work: Path) -> dict[str, Any]:
    """The gateway under pyinstrument, no injected latency, list page then dashboard."""
    from .profile import summarize

    session = work / "profile.pyisession"
    wrapper = ["-m", "pyinstrument", "-r", "session", "-o", str(session)]
    with (
        Server({}, work / "profile", wrapper=wrapper) as server,
        httpx.Client(base_url=server.url, timeout=60) as client,
    ):
        control = SandboxControl(client)
        control.switch_off_rate_limits()
        for name in args.profile_ops:
            op = by_name(name)
            measure_calls(control, op, {})
            run_wrk(
                wrk,
                server.url,
                {"query": op.query},
                work / "body.json",
                10,
                args.profile_seconds,
                0,
            )
    summary = summarize(session)
    summary["load"] = f"{', '.join(args.profile_ops)}; c=10, {args.profile_seconds} s each"
    return summary


def machine(wrk: str) -> dict[str, Any]:
    version = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False)
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": len(os.sched_getaffinity(0)),
        "load1_at_start": round(os.getloadavg()[0], 2),
        "wrk": (version.stdout or version.stderr).splitlines()[0],
    }


def run_header(wrk: str) -> dict[str, Any]:
    """The start of a run's results: its date, start time and machine."""
    started = dt.datetime.now(dt.UTC)
    return {
        "date": started.date().isoformat(),
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(wrk),
    }


def run_footer(results: dict[str, Any]) -> None:
    """The end of a run: when it finished and the machine's load by then."""
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results["machine"]["load1_at_end"] = round(os.getloadavg()[0], 2)


def write_results(
    stem: Path, results: dict[str, Any], markdown: Callable[[dict[str, Any]], str]
) -> None:
    """`stem`.json (the figures) and `stem`.md (their report)."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(results))
    log(f"wrote {stem}.json and .md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=4, help="least per wrk run (4)")
    parser.add_argument("--max-seconds", type=int, default=15, help="most per wrk run (15)")
    parser.add_argument("--budget", type=int, default=5000, help="requests per wrk run (5000)")
    parser.add_argument("--latencies", type=int, nargs="+", default=[50, 20, 0])
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--only", nargs="+", default=None, help="operation names")
    parser.add_argument("--profile-seconds", type=int, default=8)
    parser.add_argument(
        "--profile-ops",
        nargs="+",
        default=["financeit_loans", "finmo_applications", "dashboard"],
        help="operations loaded, one after the other, while profiling",
    )
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--merge", action="store_true", help="add to the day's results file")
    parser.add_argument("--report-only", metavar="DATE", help="rewrite DATE's .md and .png")
    parser.add_argument(
        "--lever-python",
        default=None,
        help="interpreter of a venv with uvloop and httptools: adds the `uvloop` mode",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    from .chart import write_chart
    from .report import markdown

    if args.report_only:
        # Rewrite the day's .md and .png from its .json (after a change to the report).
        stem = args.out / args.report_only
        saved = json.loads(stem.with_suffix(".json").read_text())
        stem.with_suffix(".md").write_text(markdown(saved))
        write_chart(saved, stem.with_suffix(".png"))
        return 0

    wrk = ensure_wrk()
    results: dict[str, Any] = {
        **run_header(wrk),
        "method": {
            "latencies_ms": args.latencies,
            "seconds_per_run": args.seconds,
            "request_budget_per_run": args.budget,
            "rate_limits": "sandbox rate limits off (0); Finos outbound pacing raised to 1e8/h",
            "security": "cost budget off, max cost raised to 1,000,000 (see report)",
            "log_level": "warning (no access log)",
            "load": "wrk, separate process, loopback, closed loop, -t min(2, c)",
        },
        "modes": {},
    }
    with tempfile.TemporaryDirectory(prefix="fingate-bench-") as tmp:
        work = Path(tmp)
        for mode in args.modes:
            if MODES[mode].lever and not args.lever_python:
                continue
            (work / mode).mkdir()
            results["modes"][mode] = run_mode(mode, args, wrk, work)
        if not args.no_profile:
            (work / "profile").mkdir()
            results["profile"] = run_profile(args, wrk, work)
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / results["date"]
    if args.merge and stem.with_suffix(".json").exists():
        # Add these modes to the day's earlier run (e.g. the lever modes, run apart).
        earlier = json.loads(stem.with_suffix(".json").read_text())
        earlier["modes"].update(results["modes"])
        earlier.setdefault("merged_runs", []).append(
            {k: results[k] for k in ("started", "finished", "machine", "method")}
            | {"modes": sorted(results["modes"])}
        )
        if "profile" in results:
            earlier["profile"] = results["profile"]
        results = earlier
    write_results(stem, results, markdown)
    write_chart(results, stem.with_suffix(".png"))
    return 0
