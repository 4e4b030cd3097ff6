"""The peer run's child processes: a standalone sandbox, Hive Gateway, and their /proc figures.

`StandaloneSandbox` is `fingate sandbox --port 0` (reached only through the CLI and
HTTP, so that where the sandbox's code lives does not matter here). `HiveGateway`
installs bench/peer's npm packages when they are missing or older than the lock
(`npm ci`), composes the supergraph against the sandbox's URL (mesh-compose) and
serves it (hive-gateway). Both are started under `taskset -c CPUS`, which execs the
program, so each Popen pid is the process measured; CPU time and peak RSS add up the
process and its descendants (a Node gateway may start helpers).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import httpx

from .server import cpu_seconds

PEER_DIR = Path(__file__).parent / "peer"
URL = re.compile(r"https?://[^/\s{]+")


def _descendants(pid: int) -> list[int]:
    """pid and every living process below it (from /proc/<n>/stat's ppid)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += children.get(current, [])
    return found


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU of the process and its living descendants."""
    total = 0.0
    for each in _descendants(pid):
        try:
            total += cpu_seconds(each)
        except OSError:
            pass
    return total


def tree_peak_rss_mb(pid: int) -> float:
    """VmHWM (the most resident memory held) summed over the process and its descendants."""
    kib = 0
    for each in _descendants(pid):
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                kib += int(line.split()[1])
    return kib / 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until(ready: str, method: str, deadline_s: float, body: object = None) -> None:
    """Poll a child's URL until it answers 200 (a child process's start-up, not a test)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            if httpx.request(method, ready, json=body, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{ready} never answered 200")


class Child:
    """A pinned child process, stopped with SIGINT (then killed) on exit."""

    def __init__(self, command: Sequence[str], cpus: str | None, log: Path, read_stdout: bool):
        self._command = [*(["taskset", "-c", cpus] if cpus else []), *command]
        self._log_path = log  # stderr, and stdout unless it is read (its first line)
        self._read_stdout = read_stdout
        self.process: subprocess.Popen[str] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, env: Mapping[str, str], cwd: Path | None = None) -> None:
        self._log = self._log_path.open("w")
        self.process = subprocess.Popen(
            self._command,
            env=dict(env),
            cwd=cwd,
            stdout=subprocess.PIPE if self._read_stdout else self._log,
            stderr=self._log,
            text=True,
            bufsize=1,
        )

    def cpu_seconds(self) -> float:
        return tree_cpu_seconds(self.pid)

    def peak_rss_mb(self) -> float:
        return tree_peak_rss_mb(self.pid)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def _fingate_command() -> list[str]:
    """The `fingate` console script beside this interpreter (the installed CLI)."""
    script = Path(sys.executable).with_name("fingate")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gateway.cli"]


class StandaloneSandbox:
    """`with StandaloneSandbox(work, cpus="0") as sandbox:` sandbox.url, its control routes
    at sandbox.url + "/_stats" etc., each provider at sandbox.url + "/finos" etc."""

    def __init__(self, work: Path, cpus: str | None = "0") -> None:
        command = [*_fingate_command(), "sandbox", "--port", "0"]
        self.child = Child(command, cpus, work / "sandbox.log", True)
        self._env = {**os.environ, "FINGATE_LOG_LEVEL": "warning"}
        self.url = ""

    def __enter__(self) -> StandaloneSandbox:
        self.child.start(self._env)
        assert self.child.process is not None and self.child.process.stdout is not None
        first = self.child.process.stdout.readline()
        found = URL.search(first)
        if not found:
            self.child.stop()
            raise RuntimeError(f"fingate sandbox did not print its URL: {first!r}")
        self.url = found.group(0)
        wait_until(self.url + "/_stats", "GET", 60)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.child.stop()


def ensure_peer_installed(peer_dir: Path = PEER_DIR) -> None:
    """`npm ci` in bench/peer when its node_modules are missing or older than the lock."""
    installed = peer_dir / "node_modules" / ".package-lock.json"
    lock = peer_dir / "package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed for the peer (Node.js 20 or later)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=peer_dir, check=True)


def compose(sandbox_url: str, out: Path, peer_dir: Path = PEER_DIR) -> None:
    """mesh-compose: the supergraph of bench/peer/mesh.config.ts against this sandbox."""
    env = {**os.environ, "SANDBOX_URL": sandbox_url}
    subprocess.run(
        [str(peer_dir / "node_modules" / ".bin" / "mesh-compose"), "-o", str(out)],
        cwd=peer_dir,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


class HiveGateway:
    """`with HiveGateway(work, credentials, cpus="1") as peer:` serves bench/peer's
    supergraph (composed first by the caller) at peer.url + "/graphql"."""

    def __init__(self, work: Path, credentials: Mapping[str, str], cpus: str | None = "1") -> None:
        self.port = free_port()
        bin_ = PEER_DIR / "node_modules" / ".bin" / "hive-gateway"
        command = [str(bin_), "supergraph", "-c", "gateway.config.ts", "--fork", "1"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        self.child = Child(command, cpus, work / "hive.log", False)
        # production: what a deployment runs (Hive's defaults otherwise)
        self._env = {**os.environ, "NODE_ENV": "production", **credentials}
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> HiveGateway:
        self.child.start(self._env, cwd=PEER_DIR)
        try:
            wait_until(self.url + "/graphql", "POST", 120, {"query": "{ __typename }"})
        except RuntimeError:
            self.child.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.child.stop()
