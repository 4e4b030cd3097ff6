"""A `fingate serve --port 0` child process: started, read for its URL, measured, stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import httpx

# The naive baseline: the same code with batching, caches and in-flight sharing of
# identical reads (the resilience layer's dedup, which otherwise acts as a loader) off.
NAIVE = {
    "FINGATE_DATALOADERS": "false",
    "FINGATE_REFERENCE_CACHE": "false",
    "FINGATE_RESILIENCE__DEDUP": "false",
}


class Server:
    """`with Server(env, data_dir) as server:` serves on a free loopback port."""

    def __init__(
        self,
        env: Mapping[str, str],
        data_dir: Path,
        wrapper: Sequence[str] = (),  # interpreter arguments, e.g. ["-m", "pyinstrument", ...]
        startup_timeout: float = 60.0,
        python: str | None = None,  # another interpreter (a venv with other libraries)
        cpus: str | None = None,  # pinned with `taskset -c CPUS` (e.g. "1"); None: not pinned
        cwd: Path | None = None,  # the source tree served (`-m` puts the cwd first on sys.path)
    ) -> None:
        self._cwd = cwd
        env = one_worker(cwd or Path(__file__).resolve().parents[1], env)
        self._pin = ["taskset", "-c", cpus] if cpus else []
        self._python = python or sys.executable
        self._env = serving_env(data_dir, env)
        self._wrapper = list(wrapper)
        self._timeout = startup_timeout
        self._log_path = data_dir / "server.log"  # the child's stderr
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def __enter__(self) -> Server:
        command = [
            *self._pin,  # taskset execs the server: the pid stays the server's
            self._python,
            *self._wrapper,
            *("-m", "gateway.cli", "serve", "--port", "0"),
        ]
        self._log = self._log_path.open("w")
        self._process = subprocess.Popen(
            command,
            env=self._env,
            cwd=self._cwd,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            bufsize=1,
        )
        assert self._process.stdout is not None
        first = self._process.stdout.readline()
        if "http://" not in first:
            self.stop()
            raise RuntimeError(f"fingate serve did not print its URL: {first!r}")
        self.url = first.split("http://", 1)[1].split()[0].removesuffix("/graphql")
        self.url = "http://" + self.url
        deadline = time.monotonic() + self._timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/readyz", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)  # polling a child process's readiness, not a test
        self.stop()
        raise RuntimeError("fingate serve never became ready")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def peak_rss_mb(self) -> float:
        """VmHWM: the most resident memory the serving process has held."""
        return _vm(self.pid, "VmHWM") / 1024

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGINT)  # uvicorn shuts down; pyinstrument writes
        try:
            self._process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()


def one_worker(tree: Path, env: Mapping[str, str]) -> dict[str, str]:
    """`env` serving one process, the one measured, unless it asks for workers (a tree
    from before `--workers` knows no FINGATE_WORKERS and is left as it is)."""
    if (tree / "gateway" / "workers.py").exists() and "FINGATE_WORKERS" not in env:
        return {**env, "FINGATE_WORKERS": "1"}
    return dict(env)


def serving_env(data_dir: Path, env: Mapping[str, str]) -> dict[str, str]:
    """The environment of a served gateway under load: this process's, the bench's
    settings (loopback, quiet logs, limits a load run would hit raised), then `env`."""
    return {
        **os.environ,
        "FINGATE_HOST": "127.0.0.1",
        "FINGATE_DATA_DIR": str(data_dir),
        "FINGATE_LOG_LEVEL": "warning",  # no access log line per request
        # One wrk client is one caller: its per-window cost budget (50,000 a minute)
        # would throttle a load run after a few hundred requests.
        "FINGATE_SECURITY__LIMITS__COST_BUDGET": "0",
        # The canonical dashboard and customer 360 are estimated at 40,000-60,000
        # against the default limit of 5,000 (see the bench report): raised to run them.
        "FINGATE_SECURITY__LIMITS__MAX_COST": "1000000",
        # the dashboard is estimated at over 500 upstream calls (unbatched): raised too
        "FINGATE_SECURITY__LIMITS__MAX_UPSTREAM_CALLS": "1000000",
        # Outbound pacing at Finos's documented 10,000 an hour would cap a load run
        # after 10,000 calls; the sandbox's own limit is switched off too.
        "FINGATE_RESILIENCE__RATE_LIMITS__FINOS": "100000000",
        **env,
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used: unlike latency, not inflated by other
    work sharing the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def _vm(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0
