"""Load from a separate process: wrk with bench/wrk/graphql.lua, bounded in time and requests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

from .analysis import LoadRun, parse_wrk

SCRIPT = Path(__file__).parent / "wrk" / "graphql.lua"


def ensure_wrk() -> str:
    """wrk from Debian, installed on first use (the bench runs as root on a fresh machine)."""
    found = shutil.which("wrk")
    if found:
        return found
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk could not be installed")
    return found


def run_wrk(
    wrk: str,
    url: str,
    body: dict[str, Any],
    body_file: Path,
    connections: int,
    seconds: int,
    budget: int,
    cpus: str | None = None,  # wrk pinned with `taskset -c CPUS`; None: not pinned
) -> LoadRun:
    threads = min(2, connections)
    body_file.write_text(json.dumps(body))
    env = {
        **os.environ,
        "FINGATE_BENCH_BODY": str(body_file),
        "FINGATE_BENCH_MAX_REQUESTS": str(budget),
        "FINGATE_BENCH_THREADS": str(threads),
        "FINGATE_BENCH_RUN_ID": uuid.uuid4().hex,
    }
    command = [
        *(["taskset", "-c", cpus] if cpus else []),
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(SCRIPT),
        url + "/graphql",
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    return parse_wrk(done.stdout, connections, budget)
