"""`python -m bench workers`: what `fingate serve --workers N` buys on this machine, and
whether throughput holds from c=10 to c=200 (issue 12, points 4 and 6).

One standalone sandbox (`fingate sandbox`) serves every gateway here.

1. Workers: `fingate serve` with 1 worker and with N (`--workers`, default the usable
   cores), nothing pinned (the point is to use the machine: gateway, sandbox and wrk
   share every core), defaults otherwise. For each shape (bench.peer_queries: 20 Finos
   accounts; 20 orders each with its account), wrk at c=50 for `--seconds`, alternating
   1, N, 1, N... for `--rounds`. Figures: req/s, and CPU ms per request of the whole
   gateway (supervisor and workers, /proc) and of the sandbox.
2. Concurrency sweep: the N+1 shape with in-flight dedup off (every request does its
   own 17 upstream calls), one worker pinned to `--gateway-cpus`, sandbox and wrk on
   `--load-cpus`, wrk at each of `--sweep` connections: req/s, error responses, p50/p99,
   and the circuit breakers' states after the run (from /readyz). Throughput is flat
   when c=200 keeps at least 90% of the best rate and nothing fails.

Writes bench/results/<date>-workers.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from .load import ensure_wrk
from .peer_procs import StandaloneSandbox, tree_cpu_seconds, tree_peak_rss_mb
from .peer_queries import ACCOUNTS, ORDERS, Pair
from .peer_run import Target, fingate_env, measure, post, run_length
from .run import log, run_footer, run_header, write_results
from .sandbox import SandboxControl
from .server import Server

RESULTS = Path(__file__).parent / "results"
SHAPES: tuple[Pair, ...] = (ACCOUNTS, ORDERS)
DEDUP_OFF = {"FINGATE_RESILIENCE__DEDUP": "false"}


def gateway(
    sandbox_url: str, work: Path, workers: int, extra: dict[str, str], cpus: str | None
) -> Server:
    env = fingate_env(sandbox_url, {"FINGATE_WORKERS": str(workers), **extra})
    return Server(env, work, cpus=cpus)


def target(server: Server, settings: str) -> Target:
    return Target(
        server.url,
        lambda: tree_cpu_seconds(server.pid),
        lambda: tree_peak_rss_mb(server.pid),
        settings,
    )


def run_workers(
    args: argparse.Namespace, sandbox: StandaloneSandbox, control: SandboxControl, wrk: str
) -> dict[str, Any]:
    counts = (1, args.workers)
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {
        p.name: {str(n): [] for n in counts} for p in SHAPES
    }
    loose = argparse.Namespace(load_cpus=None)  # wrk unpinned too
    with tempfile.TemporaryDirectory(prefix="fingate-bench-workers-") as tmp:
        for round_ in range(args.rounds):
            for count in counts:
                work = Path(tmp) / f"{count}-{round_}"
                work.mkdir()
                with gateway(sandbox.url, work, count, {}, None) as server:
                    measured = target(server, f"FINGATE_WORKERS={count}")
                    for pair in SHAPES:
                        body = {"query": pair.fingate, "variables": {}}
                        answer = post(server.url, pair.fingate)
                        if answer.get("errors"):
                            raise RuntimeError(f"{pair.name}: {answer['errors'][:1]}")
                        measure(measured, control, wrk, body, 10, args.warmup, loose, work)
                        sandbox_before = sandbox.child.cpu_seconds()
                        figures = measure(
                            measured, control, wrk, body, 50, args.seconds, loose, work
                        )
                        spent = sandbox.child.cpu_seconds() - sandbox_before
                        done = max(int(figures.get("requests", 0)), 1)
                        figures["sandbox_cpu_ms_per_request"] = round(1000 * spent / done, 2)
                        runs[pair.name][str(count)].append(figures)
                        log(f"workers {pair.name:22} n={count} round {round_ + 1} {figures}")
    return {"counts": list(counts), "runs": runs}


def run_sweep(
    args: argparse.Namespace, sandbox: StandaloneSandbox, control: SandboxControl, wrk: str
) -> dict[str, Any]:
    body = {"query": ORDERS.fingate, "variables": {}}
    found: dict[str, Any] = {}
    pinned = argparse.Namespace(load_cpus=args.load_cpus)
    load = {int(c) for c in args.load_cpus.split(",")}
    for pid in (sandbox.child.pid, os.getpid()):  # unpinned for the workers runs
        os.sched_setaffinity(pid, load)
    with tempfile.TemporaryDirectory(prefix="fingate-bench-sweep-") as tmp:
        work = Path(tmp)
        with gateway(sandbox.url, work, 1, DEDUP_OFF, args.gateway_cpus) as server:
            measured = target(server, "FINGATE_WORKERS=1 " + " ".join(DEDUP_OFF))
            warm = measure(measured, control, wrk, body, 10, args.warmup, pinned, work)
            for connections in args.sweep:
                # about 20 requests per connection: what is in flight when wrk stops (and
                # the first round trip, when nothing has completed yet) stays a small share
                seconds = run_length(
                    connections, warm.get("throughput_rps"), args.seconds, args.max_seconds
                )
                figures = measure(measured, control, wrk, body, connections, seconds, pinned, work)
                ready = httpx.get(server.url + "/readyz", timeout=30).json()
                figures["breakers_after"] = ready.get("breakers", {})
                found[str(connections)] = figures
                log(f"sweep c={connections:<3} {figures}")
    return found


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if key in r]
    return round(statistics.median(values), 2) if values else None


def _span(runs: list[dict[str, Any]], key: str) -> str:
    values = [r[key] for r in runs if key in r]
    if not values:
        return "-"
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}-{high}"


def _kinds(figures: dict[str, Any]) -> str:
    kinds = figures.get("error_kinds") or {}
    return f" ({', '.join(f'{k} {v}' for k, v in kinds.items())})" if kinds else ""


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    workers = results["workers"]
    n = workers["counts"][1]
    lines = [
        f"# fingate workers, {results['date']}",
        "",
        f"`python -m bench workers`: {m['cpus']} CPUs, Python {m['python']}; one standalone "
        "`fingate sandbox`; 1-minute load average "
        f"{m['load1_at_start']} at the start, {m['load1_at_end']} at the end."
        + (
            f" Kept from the day's earlier run: {', '.join(results['kept_from_earlier_run'])}."
            if results.get("kept_from_earlier_run")
            else ""
        ),
        "",
        f"## 1 worker against {n} (`fingate serve --workers N`), wrk c=50, defaults",
        "",
        f"Nothing pinned: the gateway's workers, the sandbox and wrk share all {m['cpus']} "
        f"cores. {results['method']['rounds']} rounds alternating 1 and {n} workers, "
        f"{results['method']['seconds']} s per run after {results['method']['warmup']} s of "
        "unrecorded warm-up. CPU is the gateway's whole process tree (supervisor and workers).",
        "",
        f"| shape | req/s, 1 worker | req/s, {n} workers | {n} / 1 | gateway CPU ms/request, "
        f"1 / {n} | sandbox CPU ms/request, 1 / {n} | errors, 1 / {n} |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for pair in SHAPES:
        one, many = (workers["runs"][pair.name][str(c)] for c in workers["counts"])
        a, b = _median(one, "throughput_rps"), _median(many, "throughput_rps")
        ratio = f"{b / a:.2f}x" if a and b else "-"
        lines.append(
            f"| {pair.title} | {_span(one, 'throughput_rps')} | {_span(many, 'throughput_rps')}"
            f" | {ratio} | {_median(one, 'cpu_ms_per_request')} /"
            f" {_median(many, 'cpu_ms_per_request')} | "
            f"{_median(one, 'sandbox_cpu_ms_per_request')} /"
            f" {_median(many, 'sandbox_cpu_ms_per_request')} | "
            f"{sum(r.get('errors', 0) for r in one)} / {sum(r.get('errors', 0) for r in many)} |"
        )
    sweep = results["sweep"]
    best = max((f.get("throughput_rps", 0) for f in sweep.values()), default=0)
    last = sweep[max(sweep, key=int)] if sweep else {}
    flat = bool(best) and last.get("throughput_rps", 0) >= 0.9 * best
    failed = sum(f.get("errors", 0) for f in sweep.values())
    lines += [
        "",
        f"## Throughput from c=10 to c={max(map(int, sweep), default=0)}: {ORDERS.title}, "
        "dedup off",
        "",
        f"One worker pinned to core {results['method']['gateway_cpus']}, sandbox and wrk on "
        f"core {results['method']['load_cpus']}; every request makes its own upstream calls "
        "(no in-flight sharing); each run long enough for about 20 requests per connection "
        "(`seconds` in the JSON).",
        "",
        "| c | seconds | req/s | error responses | p50 ms | p99 ms | CPU ms/request "
        "| upstream calls per request | breakers after |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for connections, f in sorted(sweep.items(), key=lambda item: int(item[0])):
        breakers = ", ".join(f"{k} {v}" for k, v in f.get("breakers_after", {}).items())
        lines.append(
            f"| {connections} | {f.get('seconds', '-')} | {f.get('throughput_rps', '-')} | "
            f"{f.get('errors', '-')}{_kinds(f)} | "
            f"{f.get('p50_ms', '-')} | {f.get('p99_ms', '-')} | {f.get('cpu_ms_per_request', '-')}"
            f" | {f.get('upstream_calls_per_request', '-')} | {breakers} |"
        )
    verdict = "met" if flat and not failed else "**missed**"
    lines += [
        "",
        f"Goal (issue 12, point 6): throughput flat, not falling, from c=10 to c=200 with "
        f"no failures: {verdict} (c=200 at "
        f"{(last.get('throughput_rps', 0) / best if best else 0):.2f} of the best rate, "
        f"{failed} error responses in all).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench workers", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10, help="per wrk run (10)")
    parser.add_argument("--max-seconds", type=int, default=60, help="most per sweep run (60)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--parts", nargs="+", default=["workers", "sweep"])
    parser.add_argument("--sweep", type=int, nargs="+", default=[10, 50, 100, 200])
    parser.add_argument("--gateway-cpus", default="1")
    parser.add_argument("--load-cpus", default="0")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--report-only", metavar="JSON", type=Path, help="rewrite its .md")
    args = parser.parse_args(argv)
    if args.report_only:
        args.report_only.with_suffix(".md").write_text(
            markdown(json.loads(args.report_only.read_text()))
        )
        return 0
    wrk = ensure_wrk()
    results: dict[str, Any] = {
        **run_header(wrk),
        "method": {
            k: getattr(args, k)
            for k in ("workers", "rounds", "seconds", "max_seconds", "warmup", "sweep")
        }
        | {"gateway_cpus": args.gateway_cpus, "load_cpus": args.load_cpus},
    }
    with tempfile.TemporaryDirectory(prefix="fingate-bench-") as tmp:
        with (
            StandaloneSandbox(Path(tmp), cpus=None) as sandbox,
            httpx.Client(base_url=sandbox.url, timeout=60) as client,
        ):
            control = SandboxControl(client, prefix="")
            control.switch_off_rate_limits()
            if "workers" in args.parts:
                results["workers"] = run_workers(args, sandbox, control, wrk)
            if "sweep" in args.parts:
                results["sweep"] = run_sweep(args, sandbox, control, wrk)
    run_footer(results)
    stem = args.out / f"{results['date']}-workers"
    if stem.with_suffix(".json").exists():  # a part not run now keeps the day's earlier figures
        earlier = json.loads(stem.with_suffix(".json").read_text())
        for part in ("workers", "sweep"):
            if part not in results and part in earlier:
                results[part] = earlier[part]
                results.setdefault("kept_from_earlier_run", []).append(part)
    write_results(stem, results, markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
