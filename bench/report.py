"""The Markdown tables of one bench run (bench/results/<date>.md and the README)."""

from __future__ import annotations

from typing import Any

from .analysis import Target, latency_targets, observed_rounds, overhead_ms, ratio
from .canonical import OPERATIONS

NA = "not yet available"


def _f(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _cpu(run: dict[str, Any] | None) -> str:
    return "-" if run is None or "cpu_ms_per_request" not in run else f"{run['cpu_ms_per_request']}"


def _ceiling(run: dict[str, Any] | None) -> str:
    cpu = None if run is None else run.get("cpu_ms_per_request")
    return "-" if not cpu else f"{cpu} ({1000 / cpu:.0f})"


def _p50(run: dict[str, Any] | None) -> float | None:
    return None if run is None else float(run["p50_ms"])


def _run(entry: dict[str, Any] | None, latency: int, c: int) -> dict[str, Any] | None:
    if not entry:
        return None
    found: dict[str, Any] | None = entry.get("runs", {}).get(str(latency), {}).get(str(c))
    return None if found is None or "saturated" in found else found


def _cell(entry: dict[str, Any] | None, latency: int, c: int) -> str:
    raw = (entry or {}).get("runs", {}).get(str(latency), {}).get(str(c))
    if raw and "saturated" in raw:
        return f"saturated (none in {raw['seconds']} s)"
    return _triple(_run(entry, latency, c))


def _triple(run: dict[str, Any] | None) -> str:
    if run is None:
        return "-"
    return f"{run['p50_ms']:.1f} / {run['p95_ms']:.1f} / {run['p99_ms']:.1f}"


def _calls(entry: dict[str, Any] | None, latency: int = 50) -> dict[str, Any] | None:
    if not entry:
        return None
    calls_at = entry.get("calls_at", {})
    # A run that failed at this latency (e.g. the naive customer 360 past its 15 s
    # deadline at 50 ms) still has its calls counted at a lower one: calls do not
    # depend on the injected latency.
    for key in (str(latency), "50", "20", "0"):
        if key in calls_at:
            found: dict[str, Any] = calls_at[key]
            return found
    return None


def targets(results: dict[str, Any]) -> list[Target]:
    out: list[Target] = []
    gateway = results["modes"].get("gateway", {}).get("operations", {})
    naive = results["modes"].get("naive", {}).get("operations", {})
    for op in OPERATIONS:
        probe = _calls(gateway.get(op.name))
        if probe is not None:
            out.append(
                Target(
                    f"{op.name}: calls = floor",
                    str(probe["floor_total"]),
                    f"{probe['calls_total']} (gap {probe['floor_gap'] or 'none'})",
                    not probe["floor_gap"],
                )
            )
    for op in OPERATIONS:
        c1, c50 = _run(gateway.get(op.name), 50, 1), _run(gateway.get(op.name), 50, 50)
        if c1 and c50:
            p95_goal = op.list_page or op.name in ("loan_quote", "place_order")
            for t in latency_targets(
                c1["p50_ms"], c50["p95_ms"], op.critical_path, 50, p95_goal=p95_goal
            ):
                out.append(Target(f"{op.name}: {t.name}", t.goal, t.observed, t.met))
    gd, nd = _calls(gateway.get("dashboard")), _calls(naive.get("dashboard"))
    if gd and nd:
        r = ratio(nd["calls_total"], gd["calls_total"])
        out.append(
            Target(
                "dashboard: upstream calls vs naive", ">= 10x fewer", f"{_f(r)}x", (r or 0) >= 10
            )
        )
    g1, n1 = _run(gateway.get("dashboard"), 50, 1), _run(naive.get("dashboard"), 50, 1)
    if g1 and n1:
        r = ratio(n1["p50_ms"], g1["p50_ms"])
        out.append(Target("dashboard: p50 vs naive", ">= 5x lower", f"{_f(r)}x", (r or 0) >= 5))
    for op in OPERATIONS:
        if not op.list_page:
            continue
        rps = max(
            (run["throughput_rps"] for c in (10, 50) if (run := _run(gateway.get(op.name), 0, c))),
            default=None,
        )
        if rps is not None:
            out.append(Target(f"{op.name}: req/s, 0 ms, warm", ">= 500", f"{rps:.0f}", rps >= 500))
    return out


def _load_note(results: dict[str, Any]) -> str:
    loads = [
        run["load1"]
        for mode in results["modes"].values()
        for entry in mode.get("operations", {}).values()
        for by_c in entry.get("runs", {}).values()
        for run in by_c.values()
        if "load1" in run
    ]
    if not loads:
        return ""
    cpus = results["machine"]["cpus"]
    return (
        f"1-minute load average after the runs: {min(loads):.1f} to {max(loads):.1f} on"
        f" {cpus} CPUs (at start {results['machine'].get('load1_at_start', '-')}); the bench"
        " itself (server + wrk) accounts for about 2, anything above is other work sharing"
        " the machine and inflates latency."
    )


def _levers(results: dict[str, Any]) -> list[str]:
    """Modes other than gateway and naive, each beside the gateway's own figures."""
    levers = [m for m in results["modes"] if m not in ("gateway", "naive")]
    if not levers:
        return []
    out = [
        "",
        "## Levers, side by side with the defaults",
        "",
        "| mode | settings | operation | p50 c=1, 50 ms | p50 c=10, 50 ms"
        " | CPU ms/request c=10, 50 ms | req/s c=50, 0 ms | CPU ms/request c=50, 0 ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for mode in ["gateway", *levers]:
        data = results["modes"][mode]
        env = " ".join(f"{k}={v}" for k, v in data.get("env", {}).items()) or "defaults"
        if mode == "uvloop":
            env = "defaults, uvloop + httptools installed"
        for name, entry in data.get("operations", {}).items():
            if mode == "gateway" and not any(
                name in results["modes"][lv].get("operations", {}) for lv in levers
            ):
                continue
            a, b, z = _run(entry, 50, 1), _run(entry, 50, 10), _run(entry, 0, 50)
            out.append(
                f"| {mode} | {env} | {name} | {_f(_p50(a))} | {_f(_p50(b))} | {_cpu(b)}"
                f" | {z['throughput_rps'] if z else '-'} | {_cpu(z)} |"
            )
    return out


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    gateway = results["modes"].get("gateway", {}).get("operations", {})
    naive = results["modes"].get("naive", {}).get("operations", {})
    lines = [
        f"# fingate bench, {results['date']}",
        "",
        f"{m['cpus']} CPUs, Python {m['python']}, {m['wrk']}; one `fingate serve` worker with"
        " its sandboxes in the same process; load from wrk on loopback, "
        f"{results['method']['seconds_per_run']} s or "
        f"{results['method']['request_budget_per_run']} requests per run; sandbox rate limits"
        " off. Latencies in ms. Naive: "
        + " ".join(
            f"`{k}={v}`" for k, v in results["modes"].get("naive", {}).get("env", {}).items()
        )
        + ".",
        "",
        _load_note(results),
        "",
        "## 50 ms injected on every upstream call",
        "",
        "| operation | upstream calls (floor) | naive calls | critical path | p50 / p95 / p99 c=1"
        " | c=10 | c=50 | overhead p50 c=1 | overhead p95 c=50 | req/s c=50"
        " | naive p50 c=1 (ratio) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for op in OPERATIONS:
        g, n = gateway.get(op.name), naive.get(op.name)
        if g is None:
            continue
        if not g.get("available", True):
            reason = g.get("reason") or ""
            lines.append(f"| {op.title} | {NA} ({reason}) |" + " - |" * 9)
            continue
        probe, nprobe = _calls(g), _calls(n)
        c1, c50 = _run(g, 50, 1), _run(g, 50, 50)
        n1 = _run(n, 50, 1)
        calls = f"{probe['calls_total']} ({probe['floor_total']})" if probe else "-"
        ncalls = str(nprobe["calls_total"]) if nprobe else "-"
        path = 50 * op.critical_path
        o1 = overhead_ms(c1["p50_ms"], op.critical_path, 50) if c1 else None
        o50 = overhead_ms(c50["p95_ms"], op.critical_path, 50) if c50 else None
        naive_cell = "-"
        if n and n.get("reason") and not n1:
            naive_cell = str(n["reason"]).split(":", 1)[0]
        if n1 and c1:
            naive_cell = f"{n1['p50_ms']:.1f} ({_f(ratio(n1['p50_ms'], c1['p50_ms']))}x)"
        lines.append(
            f"| {op.title} | {calls} | {ncalls} | {op.critical_path} x 50 = {path} ms"
            f" | {_cell(g, 50, 1)} | {_cell(g, 50, 10)} | {_cell(g, 50, 50)} | {_f(o1)} | {_f(o50)}"
            f" | {c50['throughput_rps'] if c50 else '-'} | {naive_cell} |"
        )
    lines += [
        "",
        "## Critical path seen from outside (p50 at c=1, 20 ms and 50 ms injected)",
        "",
        "| operation | p50 at 0 ms | p50 at 20 ms | p50 at 50 ms | round trips observed"
        " | expected | naive p50 at 0 ms | CPU ms/request (naive) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for op in OPERATIONS:
        g = gateway.get(op.name)
        if not g or not g.get("available", True):
            continue
        r0, r20, r50 = _run(g, 0, 1), _run(g, 20, 1), _run(g, 50, 1)
        n0 = _run(naive.get(op.name), 0, 1)
        seen = observed_rounds(r20["p50_ms"], r50["p50_ms"], 20, 50) if r20 and r50 else None
        lines.append(
            f"| {op.title} | {_f(_p50(r0))} | {_f(_p50(r20))}"
            f" | {_f(_p50(r50))} | {_f(seen)} | {op.critical_path}"
            f" | {_f(_p50(n0))} | {_cpu(r0)} ({_cpu(n0)}) |"
        )
    lines += [
        "",
        "## Throughput, no injected latency, warm caches (list pages of 20)",
        "",
        "| operation | req/s c=1 | req/s c=10 | req/s c=50 | p99 c=50 | CPU ms/request c=50"
        " (ceiling req/s on one core) | naive req/s c=50 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for op in OPERATIONS:
        if not op.list_page or op.name not in gateway:
            continue
        g, n = gateway[op.name], naive.get(op.name)
        cells = [_run(g, 0, c) for c in (1, 10, 50)]
        n50 = _run(n, 0, 50)
        lines.append(
            f"| {op.title} | "
            + " | ".join(str(c["throughput_rps"]) if c else "-" for c in cells)
            + f" | {cells[2]['p99_ms'] if cells[2] else '-'}"
            + f" | {_ceiling(cells[2])}"
            + f" | {n50['throughput_rps'] if n50 else '-'} |"
        )
    lines += _levers(results)
    rss = ", ".join(
        f"{mode} {data.get('peak_rss_mb', '-')} MB" for mode, data in results["modes"].items()
    )
    lines += ["", f"Peak RSS of the serving process (VmHWM): {rss}.", "", "## Targets", ""]
    lines += ["| target | goal | observed | met |", "| --- | --- | --- | --- |"]
    for t in targets(results):
        lines.append(f"| {t.name} | {t.goal} | {t.observed} | {'yes' if t.met else '**no**'} |")
    profile = results.get("profile")
    if profile:
        lines += [
            "",
            f"## Profile ({profile['load']}; pyinstrument, self time)",
            "",
            "| component | s | share of busy |",
            "| --- | --- | --- |",
        ]
        for c in profile["components"][:10]:
            lines.append(f"| {c['name']} | {c['seconds']} | {c['share_of_busy']:.0%} |")
        lines += ["", "| function | s | share of busy |", "| --- | --- | --- |"]
        for f in profile["functions"][:10]:
            lines.append(f"| `{f['name']}` | {f['seconds']} | {f['share_of_busy']:.0%} |")
    return "\n".join(lines) + "\n"
