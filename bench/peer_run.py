"""`python -m bench peer`: fingate against Hive Gateway on the same sandbox, the same core.

One run, in this order:

1. a standalone `fingate sandbox` (pinned to the load core, 0 by default) with its
   rate limits off; bench/peer's npm packages installed if needed (`npm ci`) and the
   supergraph composed against the sandbox's URL;
2. three gateways, each pinned to the gateway core (1): fingate with identical-read
   dedup off (the comparison rows: both gateways then do the same upstream work),
   fingate with its default settings (dedup on), and Hive Gateway;
3. for each query pair (bench/peer_queries.py): both answers checked to carry the same
   records; one warm request's upstream calls counted on each gateway; an unrecorded
   warm-up run on each; then wrk at c=50 (and a pair's other concurrencies first;
   pinned to the load core) on each gateway in turn, fingate / peer / fingate with
   dedup, for --rounds rounds; per run: req/s, CPU ms per request of the gateway
   process (from /proc/<pid>/stat), upstream calls per request (the sandbox's _stats);
4. the peak RSS of each gateway; bench/results/<date>-peer.json and .md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from .analysis import NoSamples, total_calls
from .canonical import counts_only
from .load import ensure_wrk, run_wrk
from .peer_procs import PEER_DIR, HiveGateway, StandaloneSandbox, compose, ensure_peer_installed
from .peer_queries import APPLICATION_CURSOR, PAIRS, Pair, differences, end_cursor
from .peer_report import GATEWAYS, peer_markdown
from .run import RESULTS, log, run_footer, run_header, write_results
from .sandbox import PROVIDERS, SandboxControl
from .server import Server

DEDUP_OFF = {"FINGATE_RESILIENCE__DEDUP": "false"}


def fingate_env(sandbox_url: str, extra: Mapping[str, str]) -> dict[str, str]:
    """fingate serve over the standalone sandbox: embedded sandboxes off, every provider
    at the sandbox's URL with fingate's default (sandbox) credentials."""
    env = {f"FINGATE_{p.upper()}__BASE_URL": f"{sandbox_url}/{p}" for p in PROVIDERS}
    return {
        **env,
        "FINGATE_SANDBOX_ENABLED": "false",
        # base URLs count as real providers; the bench runs without client auth
        "FINGATE_SECURITY__ALLOW_INSECURE": "true",
        **extra,
    }


def peer_credentials() -> dict[str, str]:
    """The credentials fingate's settings default to, for the peer's {env.*} headers."""
    from resolvers.config import FinmoConfig, FinosConfig

    return {
        "FINOS_API_KEY": FinosConfig().api_key.get_secret_value(),
        "FINMO_TOKEN": FinmoConfig().token.get_secret_value(),
    }


@dataclass
class Target:
    """One gateway under test: where it answers and how its CPU and memory are read."""

    url: str
    cpu_seconds: Callable[[], float]
    peak_rss_mb: Callable[[], float]
    settings: str


def post(url: str, query: str, variables: Mapping[str, Any] | None = None) -> dict[str, Any]:
    response = httpx.post(
        url + "/graphql", json={"query": query, "variables": variables}, timeout=60
    )
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def fingate_variables(pair: Pair, fingate_url: str) -> dict[str, Any]:
    """The pair's variables; for the Finmo list, the cursors of its second and third pages."""
    if not pair.fingate_variables:
        return {}
    second = end_cursor(post(fingate_url, APPLICATION_CURSOR))
    third = end_cursor(post(fingate_url, APPLICATION_CURSOR, {"after": second}))
    return {"second": second, "third": third}


def one_request_calls(
    control: SandboxControl, url: str, query: str, variables: Mapping[str, Any]
) -> dict[str, Any]:
    """Upstream calls of one request on a warm gateway (token calls left out)."""
    for _ in range(2):
        post(url, query, variables)  # warm: tokens, reference data
    control.clear_stats()
    post(url, query, variables)
    calls = {p: r for p, r in counts_only(control.stats()).items() if r}
    return {"calls": calls, "total": total_calls(calls)}


def settle(
    target: Target, quiet_ms: float = 5.0, window_s: float = 0.3, most_s: float = 60
) -> None:
    """Wait until the gateway is idle (under quiet_ms of CPU in a window): requests that
    were in flight when wrk stopped must not spill into the next run's figures."""
    deadline = time.monotonic() + most_s
    last = target.cpu_seconds()
    while time.monotonic() < deadline:
        time.sleep(window_s)  # sampling a child's CPU clock, not synchronisation in a test
        now = target.cpu_seconds()
        if (now - last) * 1000 < quiet_ms:
            return
        last = now


def run_length(connections: int, warm_rps: float | None, least: int, most: int) -> int:
    """Seconds for about 20 requests per connection at the warm-up's rate, within
    [least, most]: the work in flight when the run stops is then a small share."""
    if not warm_rps:
        return most
    return max(least, min(most, math.ceil(20 * connections / warm_rps)))


def measure(
    target: Target,
    control: SandboxControl,
    wrk: str,
    body: dict[str, Any],
    connections: int,
    seconds: int,
    args: argparse.Namespace,
    work: Path,
) -> dict[str, Any]:
    control.clear_stats()
    before = target.cpu_seconds()
    try:
        run = run_wrk(
            wrk,
            target.url,
            body,
            work / "body.json",
            connections,
            seconds,
            0,
            cpus=args.load_cpus,
        )
    except NoSamples as exc:
        settle(target)
        return {"saturated": str(exc), "seconds": seconds}
    cpu = target.cpu_seconds() - before
    upstream = total_calls(counts_only(control.stats()))
    settle(target)
    done = max(run.requests, 1)
    return {
        "seconds": seconds,
        "requests": run.requests,
        "errors": run.errors,
        "error_kinds": run.error_kinds,
        "throughput_rps": round(run.throughput, 1),
        "cpu_ms_per_request": round(1000 * cpu / done, 2),
        "upstream_calls_per_request": round(upstream / done, 2),
        "p50_ms": round(run.p50_ms, 1),
        "p99_ms": round(run.p99_ms, 1),
        # at most this share of the run's work was still in flight when it stopped
        # (counted in CPU and calls, not in requests): figures are good when it is small
        "in_flight_bound": round(connections / done, 3),
        "load1": round(os.getloadavg()[0], 2),
    }


def run_pairs(
    targets: dict[str, Target],
    control: SandboxControl,
    wrk: str,
    args: argparse.Namespace,
    work: Path,
) -> dict[str, Any]:
    shapes: dict[str, Any] = {}
    for pair in PAIRS:
        if args.only and pair.name not in args.only:
            continue
        variables = fingate_variables(pair, targets["fingate"].url)
        bodies: dict[str, dict[str, Any]] = {
            "fingate": {"query": pair.fingate, "variables": variables},
            "fingate_dedup": {"query": pair.fingate, "variables": variables},
            "peer": {"query": pair.peer, "variables": {}},
        }
        answers = {g: post(targets[g].url, **bodies[g]) for g in GATEWAYS}
        problems = differences(pair, answers["fingate"], answers["peer"])
        problems += differences(pair, answers["fingate_dedup"], answers["peer"])
        entry: dict[str, Any] = {
            "title": pair.title,
            "queries": {"fingate": pair.fingate, "peer": pair.peer},
            "records": len(pair.peer_ids(answers["peer"])) if not problems else None,
        }
        shapes[pair.name] = entry
        if problems:
            entry["not_measured"] = problems  # figures of different work would mislead
            log(f"peer {pair.name}: not the same data: {problems}")
            continue
        entry["calls_one_request"] = {
            g: one_request_calls(control, targets[g].url, **bodies[g]) for g in GATEWAYS
        }
        warm: dict[str, float | None] = {}
        for gateway in GATEWAYS:  # warm-up, not recorded: JIT, pools, caches
            w = measure(
                targets[gateway], control, wrk, bodies[gateway], 10, args.warmup, args, work
            )
            warm[gateway] = w.get("throughput_rps")
        entry["runs"] = {}
        for connections in [*pair.also_connections, args.connections]:
            runs: dict[str, list[dict[str, Any]]] = {g: [] for g in GATEWAYS}
            for round_ in range(args.rounds):
                for gateway in GATEWAYS:  # alternating: fingate, peer, fingate (dedup), ...
                    figures = measure(
                        targets[gateway],
                        control,
                        wrk,
                        bodies[gateway],
                        connections,
                        run_length(connections, warm[gateway], args.seconds, args.max_seconds),
                        args,
                        work,
                    )
                    runs[gateway].append(figures)
                    log(
                        f"peer {pair.name:22} c={connections:<3} round {round_ + 1}"
                        f" {gateway:13} {figures}"
                    )
            entry["runs"][str(connections)] = runs
    return shapes


def run(args: argparse.Namespace) -> dict[str, Any]:
    wrk = ensure_wrk()
    ensure_peer_installed()
    results: dict[str, Any] = {
        **run_header(wrk),
        "method": {
            "connections": args.connections,
            "seconds_per_run": [args.seconds, args.max_seconds],
            "rounds": args.rounds,
            "warmup_seconds": args.warmup,
            "gateway_cpus": args.gateway_cpus,
            "load_cpus": args.load_cpus,
            "peer": json.loads((PEER_DIR / "package.json").read_text())["dependencies"],
        },
    }
    with tempfile.TemporaryDirectory(prefix="fingate-bench-peer-") as tmp:
        work = Path(tmp)
        (work / "fingate").mkdir()
        (work / "fingate_dedup").mkdir()
        with (
            StandaloneSandbox(work, cpus=args.load_cpus) as sandbox,
            httpx.Client(base_url=sandbox.url, timeout=60) as client,
        ):
            control = SandboxControl(client, prefix="")
            control.switch_off_rate_limits()
            control.inject_latency(0)
            compose(sandbox.url, PEER_DIR / "supergraph.graphql")
            with (
                Server(
                    fingate_env(sandbox.url, DEDUP_OFF), work / "fingate", cpus=args.gateway_cpus
                ) as fingate,
                Server(
                    fingate_env(sandbox.url, {}), work / "fingate_dedup", cpus=args.gateway_cpus
                ) as fingate_dedup,
                HiveGateway(work, peer_credentials(), cpus=args.gateway_cpus) as peer,
            ):
                targets = {
                    "fingate": Target(
                        fingate.url,
                        fingate.cpu_seconds,
                        fingate.peak_rss_mb,
                        " ".join(f"{k}={v}" for k, v in DEDUP_OFF.items()),
                    ),
                    "peer": Target(
                        peer.url,
                        peer.child.cpu_seconds,
                        peer.child.peak_rss_mb,
                        "Hive Gateway defaults, NODE_ENV=production, --fork 1",
                    ),
                    "fingate_dedup": Target(
                        fingate_dedup.url,
                        fingate_dedup.cpu_seconds,
                        fingate_dedup.peak_rss_mb,
                        "defaults (dedup on)",
                    ),
                }
                results["shapes"] = run_pairs(targets, control, wrk, args, work)
                results["gateways"] = {
                    g: {"settings": t.settings, "peak_rss_mb": round(t.peak_rss_mb(), 1)}
                    for g, t in targets.items()
                }
    run_footer(results)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench peer", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--connections", type=int, default=50, help="wrk -c (50)")
    parser.add_argument("--seconds", type=int, default=10, help="least per wrk run (10)")
    parser.add_argument("--max-seconds", type=int, default=30, help="most per wrk run (30)")
    parser.add_argument("--rounds", type=int, default=2, help="runs per gateway and shape (2)")
    parser.add_argument("--warmup", type=int, default=3, help="unrecorded s per gateway (3)")
    parser.add_argument("--gateway-cpus", default="1", help="taskset -c for the gateways (1)")
    parser.add_argument("--load-cpus", default="0", help="taskset -c for sandbox and wrk (0)")
    parser.add_argument("--only", nargs="+", default=None, help="query pair names")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--report-only", metavar="JSON", type=Path, help="rewrite its .md")
    args = parser.parse_args(argv)
    if args.report_only:
        saved = json.loads(args.report_only.read_text())
        args.report_only.with_suffix(".md").write_text(peer_markdown(saved))
        return 0
    results = run(args)
    write_results(args.out / f"{results['date']}-peer", results, peer_markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
