"""`fingate serve --workers N`: N worker processes serving one listening socket.

The supervisor (the `fingate` process) binds one listening socket per worker on the
port (SO_REUSEPORT, so the kernel spreads new connections evenly over them), creates
what the workers must share, then forks them; each worker builds its own app and
event loop and accepts on its socket. The supervisor keeps every socket open, so the
connections a dead worker's socket receives wait for its replacement.
Shared across workers, and correct with any N:

- provider tokens: the token file's lock (resolvers/tokens.py), so one worker fetches
  and the others read what it saved; Molo's rotating refresh token is spent by one
  process at a time;
- idempotency records: the SQLite file (claims in BEGIN IMMEDIATE transactions);
- outbound pacing per provider credential, each caller's share of a provider quota and
  each caller's cost budget: one `SharedBuckets` table in shared memory;
- the embedded sandboxes, when any provider uses them: one more process serving them
  on a loopback port of its own, so every worker sees the same sandbox data.

Per worker, by design: circuit breakers and retry budgets (each judges the provider by
its own calls), in-flight dedup, reference-data caches, people indexes and the APQ
cache (a hash one worker has not seen is answered PersistedQueryNotFound and the
client sends the query, as the protocol has it).

The supervisor forwards SIGINT/SIGTERM to the workers as SIGTERM (each then has
`resilience.shutdown_grace` seconds for requests in flight), kills what is left after
that, and stops the sandbox process last. A worker that dies is replaced; three that
die within `QUICK` seconds of starting stop the whole server with status 1.
"""

from __future__ import annotations

import logging
import math
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType

log = logging.getLogger("fingate.workers")

QUICK = 10.0  # a worker gone this soon after starting did not get going
CRASH_LIMIT = 3  # quick deaths in a row that stop the server
KILL_AFTER = 10.0  # seconds past the shutdown grace before what is left is killed


def usable_cores() -> int:
    return len(os.sched_getaffinity(0))


@dataclass
class Child:
    role: str  # "worker 1", ..., "sandbox"
    run: Callable[[], None]
    pid: int = 0
    started: float = 0.0


def _fork(child: Child) -> None:
    pid = os.fork()
    if pid:
        child.pid, child.started = pid, time.monotonic()
        return
    code = 1
    try:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM):
            signal.signal(sig, signal.SIG_DFL)  # uvicorn installs its own
        child.run()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


class Supervisor:
    def __init__(
        self,
        workers: list[Child],
        sandbox: Child | None,
        *,
        grace: float,
        on_stop: Callable[[], None] = lambda: None,
    ) -> None:
        self._workers = workers
        self._on_stop = on_stop
        self._sandbox = sandbox
        self._grace = grace
        self._stopping = False
        self._quick_deaths = 0

    def run(self) -> int:
        """Start everything, keep the workers running until a signal; the exit status."""
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        signal.signal(signal.SIGALRM, self._on_alarm)
        status = 0
        try:
            if self._sandbox is not None:
                _fork(self._sandbox)
            for child in self._workers:
                _fork(child)
            status = self._watch()
        finally:
            signal.alarm(0)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return status

    def _watch(self) -> int:
        status = 0
        while self._alive():
            try:
                pid, raw = os.wait()
            except ChildProcessError:
                break
            child = self._child(pid)
            if child is None:
                continue
            child.pid = 0
            if self._stopping:
                if child is not self._sandbox and not self._workers_alive():
                    self._stop_sandbox()
                continue
            code = os.waitstatus_to_exitcode(raw)
            quick = time.monotonic() - child.started < QUICK
            self._quick_deaths = self._quick_deaths + 1 if quick else 0
            if self._quick_deaths >= CRASH_LIMIT:
                log.error(
                    "%s exited with %s; %d quick exits in a row: stopping",
                    child.role,
                    code,
                    self._quick_deaths,
                )
                status = 1
                self._stop()
                continue
            log.warning("%s (pid %d) exited with %s; starting another", child.role, pid, code)
            _fork(child)
        return status

    def _children(self) -> list[Child]:
        return [*self._workers, *([self._sandbox] if self._sandbox else [])]

    def _child(self, pid: int) -> Child | None:
        return next((c for c in self._children() if c.pid == pid), None)

    def _alive(self) -> bool:
        return any(c.pid for c in self._children())

    def _workers_alive(self) -> bool:
        return any(c.pid for c in self._workers)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self._stop()

    def _stop(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        self._on_stop()
        for child in self._workers:
            _signal(child, signal.SIGTERM)
        if not self._workers_alive():
            self._stop_sandbox()
        signal.alarm(math.ceil(self._grace + KILL_AFTER))

    def _stop_sandbox(self) -> None:
        if self._sandbox is not None:
            _signal(self._sandbox, signal.SIGTERM)

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        for child in self._children():
            if child.pid:
                log.error("%s (pid %d) still running: killed", child.role, child.pid)
                _signal(child, signal.SIGKILL)


def _signal(child: Child, sig: int) -> None:
    if child.pid:
        try:
            os.kill(child.pid, sig)
        except ProcessLookupError:
            pass
