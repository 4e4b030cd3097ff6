"""The Markdown of one peer run (bench/results/<date>-peer.md): fingate beside Hive Gateway.

Each figure is shown as the range over the run's rounds; a ratio is of the medians
(fingate / peer), so that both gateways' figures come from the same minutes of a
shared machine. Free of I/O: tests/bench checks it on made-up results.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

# In the order the runner alternates them.
GATEWAYS = ("fingate", "peer", "fingate_dedup")
HEADINGS = {
    "fingate": "fingate, dedup off",
    "peer": "Hive Gateway",
    "fingate_dedup": "fingate, defaults (dedup on)",
}
# Above this share of error responses, a round is reported as failed, not measured.
FAILED = 0.1
# Above this share of a run's work possibly in flight when wrk stopped, a figure is marked.
IN_FLIGHT = 0.1
# Issue 12's goals for req/s per core against the peer, on every shape.
GOALS = {"fingate": 1.0, "fingate_dedup": 1.5}


def failed(run: dict[str, Any]) -> bool:
    """More than FAILED of its responses were errors: its req/s is not throughput."""
    return int(run.get("errors", 0)) > FAILED * max(int(run.get("requests", 0)), 1)


def values(runs: Sequence[dict[str, Any]], key: str) -> list[float]:
    """The rounds' figures, leaving out rounds that completed nothing or mostly failed."""
    return [float(r[key]) for r in runs if key in r and not failed(r)]


def spread(numbers: Sequence[float], digits: int = 1) -> str:
    """'a-b' over the rounds (one figure when they agree at that precision)."""
    if not numbers:
        return "-"
    low, high = f"{min(numbers):.{digits}f}", f"{max(numbers):.{digits}f}"
    return low if low == high else f"{low}-{high}"


def median_ratio(ours: Sequence[float], theirs: Sequence[float]) -> float | None:
    if not ours or not theirs or statistics.median(theirs) <= 0:
        return None
    return statistics.median(ours) / statistics.median(theirs)


def times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def cell(runs: Sequence[dict[str, Any]], key: str, digits: int) -> str:
    """The rounds' range, and how many rounds completed no request at all."""
    text = spread(values(runs, key), digits)
    stalled = sum(1 for r in runs if "saturated" in r)
    if stalled:
        text = f"{'' if text == '-' else text + ', '}{stalled} of {len(runs)} saturated"
    broken = [r for r in runs if "requests" in r and failed(r)]
    if broken:
        worst = max(int(r["errors"]) / max(int(r["requests"]), 1) for r in broken)
        text = (
            f"{'' if text == '-' else text + ', '}{len(broken)} of {len(runs)} failed"
            f" ({worst:.0%} errors)"
        )
    if any(r.get("in_flight_bound", 0) > IN_FLIGHT for r in runs if not failed(r)):
        text += " *"
    return text


def _calls(entry: dict[str, Any], by_gateway: dict[str, Any], gateway: str) -> str:
    one = entry.get("calls_one_request", {}).get(gateway, {}).get("total")
    under_load = values(by_gateway.get(gateway, []), "upstream_calls_per_request")
    return f"{'-' if one is None else one} ({spread(under_load, 2)})"


def shape_rows(entry: dict[str, Any]) -> list[str]:
    title = entry["title"]
    if entry.get("not_measured"):
        reason = "; ".join(entry["not_measured"])[:300].replace("|", "/")
        return [f"| {title} | not measured: {reason} | | | | |"]
    rows = []
    for connections, runs in entry.get("runs", {}).items():
        for key, label, digits in (
            ("throughput_rps", "req/s", 0),
            ("cpu_ms_per_request", "CPU ms per request", 2),
        ):
            got = {g: values(runs.get(g, []), key) for g in GATEWAYS}
            shown = {g: cell(runs.get(g, []), key, digits) for g in GATEWAYS}
            name = f"{title}, c={connections}: {label}" if digits == 0 else f"same, {label}"
            rows.append(
                f"| {name} | {shown['fingate']} | {shown['peer']}"
                f" | {times(median_ratio(got['fingate'], got['peer']))}"
                f" | {shown['fingate_dedup']}"
                f" | {times(median_ratio(got['fingate_dedup'], got['peer']))} |"
            )
        calls = {g: _calls(entry, runs, g) for g in GATEWAYS}
        rows.append(
            "| same, upstream calls per request: one request (under load)"
            f" | {calls['fingate']} | {calls['peer']} | | {calls['fingate_dedup']} | |"
        )
    return rows


def goal_rows(results: dict[str, Any]) -> list[str]:
    rows = []
    for entry in results.get("shapes", {}).values():
        for connections, runs in entry.get("runs", {}).items():
            peer = values(runs.get("peer", []), "throughput_rps")
            for gateway, goal in GOALS.items():
                r = median_ratio(values(runs.get(gateway, []), "throughput_rps"), peer)
                met = "yes" if r is not None and r >= goal else "**no**"
                rows.append(
                    f"| {entry['title']}, c={connections}: {HEADINGS[gateway]}, req/s / peer's"
                    f" | >= {goal:.1f}x | {times(r)} | {met} |"
                )
    return rows


def load_note(results: dict[str, Any]) -> str:
    loads = [
        run["load1"]
        for entry in results.get("shapes", {}).values()
        for by_gateway in entry.get("runs", {}).values()
        for runs in by_gateway.values()
        for run in runs
        if "load1" in run
    ]
    m = results["machine"]
    during = f"{min(loads):.1f} to {max(loads):.1f}" if loads else "-"
    return (
        f"1-minute load average: {m.get('load1_at_start', '-')} at the start, {during} during"
        f" the runs, {m.get('load1_at_end', '-')} at the end, on {m['cpus']} CPUs. The bench"
        " itself keeps about 2 busy (a gateway on its core; sandbox and wrk on the other);"
        " anything above is other work sharing the machine, which lowers req/s of whichever"
        " gateway runs at that moment: compare the ratios, and CPU ms per request (less"
        " sensitive to sharing) before req/s."
    )


def _seconds(value: int | Sequence[int]) -> str:
    return str(value) if isinstance(value, int) else "-".join(str(v) for v in value)


def peer_markdown(results: dict[str, Any]) -> str:
    method = results["method"]
    gateways = results.get("gateways", {})
    versions = ", ".join(f"`{k}` {v}" for k, v in method.get("peer", {}).items())
    lines = [
        f"# fingate against Hive Gateway, {results['date']}",
        "",
        f"`python -m bench peer`: one standalone `fingate sandbox` (core {method['load_cpus']},"
        f" with wrk), each gateway pinned to core {method['gateway_cpus']} (`taskset`);"
        f" wrk at c={method['connections']} (and c=1 on the N+1 shape),"
        f" {_seconds(method['seconds_per_run'])} s per run (about 20 requests per connection)"
        f" after {method.get('warmup_seconds', 0)} s of"
        f" unrecorded warm-up, {method['rounds']} rounds alternating fingate / peer / fingate"
        " with dedup; no"
        " injected latency; sandbox rate limits off. Both answers of each pair were checked"
        f" to carry the same records before measuring. Peer: {versions}, composed by"
        " bench/peer/mesh.config.ts from bench/peer/openapi.",
        "",
        load_note(results),
        "",
        "| same query, same sandbox | "
        + " | ".join(
            [HEADINGS["fingate"], HEADINGS["peer"], "fingate / peer", HEADINGS["fingate_dedup"]]
        )
        + " | dedup on / peer |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in results.get("shapes", {}).values():
        lines += shape_rows(entry)
    if gateways:
        rss = {g: gateways.get(g, {}).get("peak_rss_mb") for g in GATEWAYS}
        lines.append(
            f"| peak RSS, MB | {rss['fingate']} | {rss['peer']} | | {rss['fingate_dedup']} | |"
        )
    lines += [
        "",
        "Ranges are over the rounds; ratios are of the medians. CPU is the gateway process's"
        " user + system time (`/proc/<pid>/stat`) over the run, divided by the requests"
        " completed: below 1.0x fingate spends less than the peer. Upstream calls: of one warm"
        " request, and in brackets per request under load (in-flight sharing lowers it)."
        f" A round with more than {FAILED:.0%} error responses is counted as failed, not"
        " measured."
        f" \\* a round completed fewer than {1 / IN_FLIGHT:.0f} requests per connection: the"
        " work still in flight when it stopped (in CPU and calls, not in requests) skews it.",
        "",
        "## Goals (issue 12, point 1)",
        "",
        "| goal | target | observed | met |",
        "| --- | --- | --- | --- |",
        *goal_rows(results),
        "",
        "## Settings",
        "",
    ]
    for gateway in GATEWAYS:
        if gateway in gateways:
            lines.append(f"- {HEADINGS[gateway]}: {gateways[gateway]['settings']}")
    lines += ["", "## Queries", ""]
    for entry in results.get("shapes", {}).values():
        lines += [f"### {entry['title']}", ""]
        for who in ("fingate", "peer"):
            lines += [f"{HEADINGS[who].split(',')[0]}:", "", "```graphql"]
            lines += [entry["queries"][who], "```", ""]
    return "\n".join(lines).rstrip() + "\n"
