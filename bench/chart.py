"""The PNG chart: latency against concurrency, 50 ms injected, gateway and naive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .canonical import OPERATIONS

CONCURRENCY = (1, 10, 50)


def write_chart(results: dict[str, Any], path: Path) -> None:
    import matplotlib  # the bench extra

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [
        op
        for op in OPERATIONS
        if op.name in results["modes"].get("gateway", {}).get("operations", {})
    ]
    fig, axes = plt.subplots(1, 2, figsize=(13, 5.5), sharey=False)
    for ax, pct in zip(axes, ("p50_ms", "p95_ms"), strict=True):
        for i, op in enumerate(shown):
            color = f"C{i}"
            for mode, style in (("gateway", "-o"), ("naive", ":x")):
                entry = results["modes"].get(mode, {}).get("operations", {}).get(op.name)
                runs = (entry or {}).get("runs", {}).get("50", {})
                xs = [c for c in CONCURRENCY if pct in runs.get(str(c), {})]  # not saturated
                if not xs:
                    continue
                ys = [runs[str(c)][pct] for c in xs]
                label = op.title if mode == "gateway" else None
                ax.plot(
                    xs, ys, style, color=color, label=label, alpha=1 if mode == "gateway" else 0.6
                )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(list(CONCURRENCY), [str(c) for c in CONCURRENCY])
        ax.set_xlabel("concurrent connections")
        ax.set_ylabel(f"{pct[:3]} latency (ms)")
        ax.set_title(f"{pct[:3]}, 50 ms per upstream call (solid: fingate, dotted: naive)")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.suptitle(f"fingate bench {results['date']} ({results['machine']['cpus']} CPUs)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
